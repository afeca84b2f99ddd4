import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { asHubError, HubError, isCancellation } from '../hub/errors';
import { REPO_TYPE_PLURAL, type RepoType } from '../hub/repoId';
import type { FileEntry, ListQuery, RepoSummary } from '../hub/types';
import type { CacheMark } from '../localCache/model';
import type { Log } from '../log';
import { DisposableStore } from '../disposables';
import { ageChangesAt, nodeItem, repoItem, repoTooltip } from './repoItems';
import { ErrorNode, FileNode, FolderNode, ListSource, LoadMoreNode, MessageNode, QueryNode, RepoNode, type RepoTreeNode } from './repoNodes';
import { groupedNumber } from '../hub/format';

export { ErrorNode, FileNode, FolderNode, ListSource, LoadMoreNode, MessageNode, QueryNode, RepoNode, type RepoTreeNode };

export interface RepoTreeDeps {
  client: () => HubClient;
  query: () => ListQuery;
  log: Log;
  /** Whether a repo is in the local Hugging Face cache, from the latest scan (synchronous; no disk read per row). */
  cached?: (repo: RepoSummary) => CacheMark | undefined;
}

/**
 * One sidebar view (Models, Datasets or Spaces): saved searches and the user's searches first, then the view's own
 * list. Expanding the view makes one list request; "Load more…" one more; re-rendering what is loaded makes none.
 * Failures become a node with Retry, never a popup.
 */
export class RepoTreeProvider implements vscode.TreeDataProvider<RepoTreeNode>, vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly changed = this.store.add(new vscode.EventEmitter<RepoTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly main: ListSource;
  private queries: QueryNode[] = [];
  private readonly files = new Map<string, Promise<FileListing | HubError>>();
  /** When VS Code last asked for children (see repoItem). */
  private renderedAt = 0;

  constructor(
    readonly type: RepoType,
    readonly viewId: string,
    private readonly deps: RepoTreeDeps,
  ) {
    this.main = new ListSource(`${viewId}/main`, deps.query);
  }

  getTreeItem(node: RepoTreeNode): vscode.TreeItem {
    return node.kind === 'repo' ? this.repoItem(node) : nodeItem(node, this.type);
  }

  /**
   * A repo row's item, built once per node: after a Load more… VS Code asks again for every row under the list, and
   * thousands of rows make rebuilding them the slow part. A node's repo never changes (a refresh, a sign-in or a new
   * query makes new nodes), so the item only goes stale when the age in its description would read differently. That
   * is checked against the time of the latest getChildren, which VS Code calls before it asks for the rows under a
   * node: reading the clock once per row would cost as much as the rest of the lookup.
   */
  private repoItem(node: RepoNode): vscode.TreeItem {
    if (node.item && this.renderedAt < node.itemUntil) {
      return node.item;
    }
    const now = Date.now();
    node.item = repoItem(node, this.deps.cached?.(node.repo));
    node.itemUntil = ageChangesAt(node.repo.lastModified, now);
    return node.item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: RepoTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'repo') {
      item.tooltip = repoTooltip(node.repo, this.deps.cached?.(node.repo));
    }
    return item;
  }

  async getChildren(node?: RepoTreeNode): Promise<RepoTreeNode[]> {
    this.renderedAt = Date.now();
    if (!node) {
      const own = await this.listChildren(this.main);
      return [...this.queries, ...own];
    }
    switch (node.kind) {
      case 'query': {
        const children = await this.listChildren(node.source);
        const empty = node.origin === 'account' ? `No ${REPO_TYPE_PLURAL[this.type]} yet.` : `No ${REPO_TYPE_PLURAL[this.type]} match.`;
        return children.length ? children : [new MessageNode(empty, node.source.key)];
      }
      case 'repo':
        return this.fileChildren(node, undefined, `${node.source.key}/${node.repo.id}`);
      case 'folder':
        return this.fileChildren(node, node.entry.path, node.parentKey);
      default:
        return [];
    }
  }

  getParent(node: RepoTreeNode): RepoTreeNode | undefined {
    return node.kind === 'repo' ? node.source.anchor : undefined;
  }

  /** Fetches the next page of a list (the first one when nothing is loaded). */
  async loadMore(source: ListSource = this.main): Promise<void> {
    if (source.inflight) {
      return source.inflight;
    }
    await this.load(source);
    this.changed.fire(source.anchor);
  }

  /** Drops what the view's own list and searches hold and lists again from the first page. */
  refresh(): void {
    for (const source of [this.main, ...this.queries.map((q) => q.source)]) {
      this.resetSource(source);
    }
    this.files.clear();
    this.changed.fire(undefined);
  }

  /** The local cache changed: the rows show their cached marks again, without asking the Hub for anything. */
  repaintCachedMarks(): void {
    [this.main, ...this.queries.map((q) => q.source)].forEach((source) => source.nodes.forEach((node) => (node.item = undefined)));
    this.changed.fire(undefined);
  }

  /** Adds a "Search: text" node at the top of the view; it pages like the view's own list. */
  addSearch(text: string): QueryNode {
    return this.addRemovable(`Search: ${text}`, 'search', encodeURIComponent(text), { ...this.deps.query(), search: text });
  }

  /** Adds a list of chosen repos (the finetunes of a model, …) at the top of the view, removable like a search. */
  addRelated(label: string, query: ListQuery): QueryNode {
    return this.addRemovable(label, 'related', encodeURIComponent(label), { limit: this.deps.query().limit, ...query });
  }

  /** The newest removable list goes first after the fixed ones (account lists, saved searches). */
  private addRemovable(label: string, origin: 'search' | 'related', key: string, query: ListQuery): QueryNode {
    const existing = this.queries.find((q) => q.origin === origin && q.label === label);
    if (existing) {
      return existing;
    }
    const node = new QueryNode(label, `${this.viewId}/${origin}/${key}`, query, origin);
    const fixed = this.queries.filter((q) => !q.removable);
    this.queries = [...fixed, node, ...this.queries.filter((q) => q.removable)];
    this.changed.fire(undefined);
    return node;
  }

  hasQuery(node: QueryNode): boolean {
    return this.queries.includes(node);
  }

  removeSearch(node: QueryNode): void {
    this.resetSource(node.source);
    this.queries = this.queries.filter((q) => q !== node);
    this.changed.fire(undefined);
  }

  /** Replaces the saved-search nodes (from settings). */
  setSavedSearches(searches: { label: string; query: ListQuery }[]): void {
    this.replaceQueries('saved', searches);
  }

  /** Replaces the account nodes ("My models", one per organisation); none when signed out. */
  setAccountLists(lists: { label: string; query: ListQuery }[]): void {
    this.replaceQueries('account', lists);
  }

  private replaceQueries(origin: 'saved' | 'account', lists: { label: string; query: ListQuery }[]): void {
    for (const q of this.queries.filter((q) => q.origin === origin)) {
      this.resetSource(q.source);
    }
    const fresh = lists.map((s, i) => new QueryNode(s.label, `${this.viewId}/${origin}/${i}/${encodeURIComponent(s.label)}`, s.query, origin));
    const byOrigin = (o: QueryNode['origin']) => (o === origin ? fresh : this.queries.filter((q) => q.origin === o));
    this.queries = [...byOrigin('account'), ...byOrigin('saved'), ...this.queries.filter((q) => q.removable)];
    this.changed.fire(undefined);
  }

  /** The user's search texts, in order (persisted by the view). */
  get searchTexts(): string[] {
    return this.queries.filter((q) => q.origin === 'search').map((q) => q.label.replace(/^Search: /, ''));
  }

  /** Repos of the view's own list, in order. */
  get loaded(): readonly RepoSummary[] {
    return this.main.list.loaded;
  }

  private async listChildren(source: ListSource): Promise<RepoTreeNode[]> {
    if (source.list.pristine) {
      await this.load(source);
    } else if (source.inflight) {
      await source.inflight;
    }
    const children: RepoTreeNode[] = [...source.nodes];
    if (source.list.error) {
      children.push(new ErrorNode(this, source.list.error, () => this.loadMore(source), source.key));
    } else if (source.list.hasMore) {
      children.push(new LoadMoreNode(this, source));
    }
    return children;
  }

  private load(source: ListSource): Promise<void> {
    source.inflight ??= this.fetchPage(source).finally(() => {
      source.inflight = undefined;
    });
    return source.inflight;
  }

  private async fetchPage(source: ListSource): Promise<void> {
    const abort = new AbortController();
    source.abort = abort;
    const next = source.list.next;
    source.list.begin();
    try {
      const client = this.deps.client();
      const page = await vscode.window.withProgress({ location: { viewId: this.viewId } }, () =>
        next ? client.listPage(this.type, next, { signal: abort.signal }) : client.listRepos(this.type, source.query(), { signal: abort.signal }),
      );
      if (abort.signal.aborted || this.store.isDisposed) {
        return;
      }
      const before = source.list.loaded.length;
      source.list.append(page);
      source.nodes.push(...source.list.loaded.slice(before).map((repo) => new RepoNode(repo, source)));
      if (source === this.main) {
        // The welcome content ("No models to show") appears only once a list has really come back empty.
        void vscode.commands.executeCommand('setContext', `${this.viewId}.empty`, source.list.loaded.length === 0);
      }
    } catch (e) {
      if (abort.signal.aborted || isCancellation(e)) {
        return;
      }
      const error = asHubError(e);
      this.deps.log.error(`Listing ${REPO_TYPE_PLURAL[this.type]} failed: ${error.message}${error.requestId ? ` [request ${error.requestId}]` : ''}`, error.cause);
      source.list.fail(error);
    }
  }

  private resetSource(source: ListSource): void {
    source.abort?.abort();
    source.inflight = undefined;
    source.list.reset();
    source.nodes = [];
  }

  /** The files of a repo (its root when `path` is undefined) or of one of its folders, listed under `parent`. */
  private async fileChildren(parent: RepoNode | FolderNode, path: string | undefined, parentKey: string): Promise<RepoTreeNode[]> {
    const repo = parent.repo;
    const cacheKey = `${repo.type}/${repo.id}/${path ?? ''}`;
    let pending: Promise<FileListing | HubError> | undefined = this.files.get(cacheKey);
    if (!pending) {
      pending = Promise.resolve(
        vscode.window.withProgress({ location: { viewId: this.viewId } }, () => this.deps.client().files(repo.type, repo.id, { path })),
      ).then(
          ({ entries, truncated }) => ({ entries: sortEntries(entries), truncated }),
          (e: unknown) => asHubError(e),
        );
      this.files.set(cacheKey, pending);
    }
    const result = await pending;
    if (result instanceof HubError) {
      this.files.delete(cacheKey);
      this.deps.log.error(`Listing files of ${repo.id} failed: ${result.message}`, result.cause);
      return [
        // Retry lists again the one folder that failed, not the whole view.
        new ErrorNode(this, result, async () => this.changed.fire(parent), `${parentKey}/${path ?? ''}`),
      ];
    }
    if (result.entries.length === 0) {
      return [new MessageNode('No files.', `${parentKey}/${path ?? ''}`)];
    }
    const nodes: RepoTreeNode[] = result.entries.map((entry) => (entry.type === 'directory' ? new FolderNode(repo, entry, parentKey) : new FileNode(repo, entry, parentKey)));
    if (result.truncated) {
      // The client stops reading a folder at MAX_FILE_ENTRIES; the rest is on the Hub's own file browser.
      nodes.push(new MessageNode(`Only the first ${groupedNumber(result.entries.length)} entries are shown: open the repo on huggingface.co for the rest.`, `${parentKey}/${path ?? ''}`));
    }
    return nodes;
  }

  dispose(): void {
    this.store.dispose();
    for (const source of [this.main, ...this.queries.map((q) => q.source)]) {
      source.abort?.abort();
    }
  }
}

/** One folder's listing, cut at the client's cap (`truncated`). */
interface FileListing {
  entries: FileEntry[];
  truncated: boolean;
}

function sortEntries(entries: FileEntry[]): FileEntry[] {
  return [...entries].sort((a, b) => (a.type === b.type ? a.path.localeCompare(b.path) : a.type === 'directory' ? -1 : 1));
}
