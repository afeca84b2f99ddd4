// The Local Cache, the part that loads when something first asks (a chunk of its own, see ./host.ts): the index over
// the cache core, the view's rows and actions, and the answers behind the cached marks, the card line and the hover.
import type * as vscode from 'vscode';
import { applyDeletion } from '../hfcache/delete';
import { planPrune, planRepoDeletion, planRevisionDeletion } from '../hfcache/prune';
import { scanCache } from '../hfcache/scan';
import type { RepoType } from '../hub/repoId';
import type { Log } from '../log';
import { LocalCacheIndex } from './index';
import { cacheMark, cachedAt, type CacheMark } from './model';
import type { CacheNode } from './nodes';
import { LocalCacheView } from './view';

export interface LocalCacheImplDeps {
  override: () => string | undefined;
  log: Log;
  treeView: vscode.TreeView<CacheNode>;
  treeChanged: vscode.EventEmitter<CacheNode | undefined>;
  /** Fired when what is cached changed (the host's onDidChange). */
  changed: vscode.EventEmitter<void>;
}

export class LocalCacheImpl implements vscode.Disposable {
  readonly index: LocalCacheIndex;
  readonly view: LocalCacheView;
  private readonly subscription: vscode.Disposable;

  constructor(deps: LocalCacheImplDeps) {
    this.index = new LocalCacheIndex({
      override: deps.override,
      log: deps.log,
      core: () => Promise.resolve({ scanCache, planRepoDeletion, planRevisionDeletion, planPrune, applyDeletion }),
    });
    this.view = new LocalCacheView(this.index, deps.log, deps.treeView, deps.treeChanged);
    this.subscription = this.index.onDidChange(() => deps.changed.fire());
  }

  /** The mark of a tree row, from the latest scan (none yet: a scan starts, onDidChange follows). */
  mark(type: RepoType, id: string): CacheMark | undefined {
    const repo = this.index.lookup(type, id);
    return repo && cacheMark(repo);
  }

  /** "2.1 GB at main", `false` when the repo is not cached, undefined when the cache cannot be read. */
  async inCache(type: RepoType, id: string): Promise<string | false | undefined> {
    const scan = await this.index.scan().catch(() => undefined);
    const repo = scan?.repos.find((r) => r.type === type && r.id === id);
    return scan && (repo ? cachedAt(repo) : false);
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.index.dispose();
  }
}
