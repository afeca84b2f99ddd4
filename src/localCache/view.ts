// The Local Cache view: what is in the shared Hugging Face cache (any tool's), with sizes, revisions and files, and
// the actions on it. Reading happens when the view is shown; deleting asks first, modally, with the bytes it frees.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import type { DeletionPlan } from '../hfcache/types';
import { notificationText } from '../hub/format';
import type { Log } from '../log';
import type { LocalCacheIndex } from './index';
import { deletionDone, deletionQuestion, describeCache, primaryRevision, sortRepos } from './model';
import { cacheItem, childrenOf, nodePath, type CacheNode } from './nodes';

import { LOCAL_CACHE_VIEW } from './viewId';
const EMPTY_KEY = 'huggingface.localCache.empty';

/** What a delete or prune did; tests read it. */
export type DeletionOutcome = { deleted: true; bytes: number } | { deleted: false; reason: 'cancelled' | 'nothing' | 'failed'; message?: string };

/**
 * The view's rows and actions. The tree view itself is created at activation by ./host.ts, whose provider forwards
 * here once this chunk is loaded; `changed` is that provider's change event.
 */
export class LocalCacheView implements vscode.TreeDataProvider<CacheNode>, vscode.Disposable {
  private readonly store = new DisposableStore();

  constructor(
    readonly index: LocalCacheIndex,
    private readonly log: Log,
    readonly view: vscode.TreeView<CacheNode>,
    private readonly changed: vscode.EventEmitter<CacheNode | undefined>,
  ) {
    this.store.add(index.onDidChange(() => this.changed.fire(undefined)));
    // Whatever changed on disk while the view was hidden shows when it is shown again.
    this.store.add(this.view.onDidChangeVisibility((e) => e.visible && this.index.current && this.index.refresh()));
  }

  getTreeItem(node: CacheNode): vscode.TreeItem {
    return cacheItem(node, new Date());
  }

  async getChildren(node?: CacheNode): Promise<CacheNode[]> {
    if (node) {
      return childrenOf(node);
    }
    try {
      const scan = await this.index.scan();
      const repos = sortRepos(scan.repos);
      // Empty, the header names the folder and the welcome (viewsWelcome, hidden by any message) says what comes here.
      this.view.description = repos.length ? describeCache(repos) : scan.dir;
      this.view.message = undefined;
      void vscode.commands.executeCommand('setContext', EMPTY_KEY, repos.length === 0);
      return repos.map((repo) => ({ kind: 'repo', repo }));
    } catch (e) {
      this.view.message = undefined;
      void vscode.commands.executeCommand('setContext', EMPTY_KEY, false);
      return [{ kind: 'message', text: `Could not read ${this.index.directory}: ${e instanceof Error ? e.message : String(e)}`, error: true }];
    }
  }

  getParent(): undefined {
    return undefined;
  }

  refresh(): Promise<unknown> {
    return this.index.rescan().catch(() => this.changed.fire(undefined));
  }

  async deleteRepo(node?: CacheNode): Promise<DeletionOutcome> {
    if (node?.kind !== 'repo') {
      return { deleted: false, reason: 'nothing' };
    }
    return this.confirmAndApply(() => this.index.planRepoDeletion(node.repo));
  }

  async deleteRevision(node?: CacheNode): Promise<DeletionOutcome> {
    if (node?.kind !== 'revision') {
      return { deleted: false, reason: 'nothing' };
    }
    return this.confirmAndApply(() => this.index.planRevisionDeletion(node.repo, [node.revision.commit]));
  }

  prune(): Promise<DeletionOutcome> {
    return this.confirmAndApply(() => this.index.planPrune(Date.now()), 'Nothing to prune: no detached revisions and no stale partial downloads.');
  }

  async revealInOS(node?: CacheNode): Promise<void> {
    const target = node ? nodePath(node) : this.index.directory;
    if (target) {
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(target));
    }
  }

  async copyPath(node?: CacheNode): Promise<void> {
    const target = node ? nodePath(node) : this.index.directory;
    if (target) {
      await vscode.env.clipboard.writeText(target);
    }
  }

  /** Opens a revision's snapshot folder (the one `main` points at, else the newest, for a repo row) in a new window. */
  async openSnapshot(node?: CacheNode): Promise<void> {
    const revision = node?.kind === 'revision' ? node.revision : node?.kind === 'repo' ? primaryRevision(node.repo) : undefined;
    const snapshot = revision?.snapshotPath;
    if (snapshot) {
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(snapshot), { forceNewWindow: true });
    }
  }

  dispose(): void {
    this.store.dispose();
  }

  /**
   * Plans first (the core lists the paths and the bytes), asks with the bytes, then deletes and scans again. Asking is
   * modal: nothing is removed without a yes, and Escape is a no.
   */
  private async confirmAndApply(plan: () => Promise<DeletionPlan>, nothing?: string): Promise<DeletionOutcome> {
    let chosen: DeletionPlan;
    try {
      chosen = await plan();
    } catch (e) {
      return this.failed('Could not read the cache', e);
    }
    if (chosen.paths.length === 0) {
      if (nothing) {
        void vscode.window.showInformationMessage(nothing);
      }
      return { deleted: false, reason: 'nothing' };
    }
    const yes = 'Delete';
    const answer = await vscode.window.showWarningMessage(deletionQuestion(chosen), { modal: true }, yes);
    if (answer !== yes) {
      return { deleted: false, reason: 'cancelled' };
    }
    try {
      await vscode.window.withProgress({ location: { viewId: LOCAL_CACHE_VIEW } }, () => this.index.apply(chosen));
    } catch (e) {
      this.changed.fire(undefined);
      return this.failed(`Deleting ${chosen.summary} failed`, e);
    }
    this.log.info(deletionDone(chosen));
    void vscode.window.setStatusBarMessage(deletionDone(chosen), 5_000);
    return { deleted: true, bytes: chosen.bytes };
  }

  private failed(what: string, e: unknown): DeletionOutcome {
    const message = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    this.log.error(what, e);
    void vscode.window.showErrorMessage(notificationText(message));
    return { deleted: false, reason: 'failed', message };
  }
}
