import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { HubError, isCancellation } from '../hub/errors';
import { fileSize, withoutBidiControls } from '../hub/format';
import { documentRefusal } from '../hub/hfUri';
import type { RepoType } from '../hub/repoId';
import { accessibleLabel, describeRepo, PagedList, repoContextValue } from '../hub/treeModel';
import type { FileEntry, ListQuery, RepoSummary } from '../hub/types';
import type { Log } from '../log';
import { repoIcon } from './icons';

/** A list of repos in a view: the view's own list, a search the user ran, or a saved search from settings. */
export class ListSource {
  readonly list = new PagedList();
  nodes: RepoNode[] = [];
  inflight: Promise<void> | undefined;
  abort: AbortController | undefined;

  constructor(
    readonly key: string,
    readonly query: () => ListQuery,
    /** The node that shows this list, or undefined for the view's own list (the root). */
    readonly anchor?: QueryNode,
  ) {}
}

export class QueryNode {
  readonly kind = 'query';
  readonly source: ListSource;
  constructor(
    readonly label: string,
    key: string,
    query: ListQuery,
    /** Searches the user added can be removed; saved searches live in settings; account lists follow the sign-in. */
    readonly origin: 'search' | 'saved' | 'account',
  ) {
    this.source = new ListSource(key, () => query, this);
  }
}

export class RepoNode {
  readonly kind = 'repo';
  /** The row's item once built, and until when its description holds (see RepoTreeProvider.repoItem). */
  item: vscode.TreeItem | undefined;
  itemUntil = 0;
  constructor(
    readonly repo: RepoSummary,
    readonly source: ListSource,
  ) {}
}

export class FolderNode {
  readonly kind = 'folder';
  constructor(
    readonly repo: RepoSummary,
    readonly entry: FileEntry,
    readonly parentKey: string,
  ) {}
}

export class FileNode {
  readonly kind = 'file';
  constructor(
    readonly repo: RepoSummary,
    readonly entry: FileEntry,
    readonly parentKey: string,
  ) {}
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly tree: RepoTreeProvider,
    readonly source: ListSource,
  ) {}
}

export class ErrorNode {
  readonly kind = 'error';
  constructor(
    readonly tree: RepoTreeProvider,
    readonly error: HubError,
    /** What Retry does. */
    readonly retry: () => Promise<void>,
    readonly key: string,
  ) {}
}

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly text: string,
    readonly key: string,
  ) {}
}

export type RepoTreeNode = QueryNode | RepoNode | FolderNode | FileNode | LoadMoreNode | ErrorNode | MessageNode;

const TYPE_LABEL: Record<RepoType, string> = { model: 'models', dataset: 'datasets', space: 'Spaces' };

const QUERY_ICONS: Record<QueryNode['origin'], string> = { search: 'search', saved: 'bookmark', account: 'account' };
const QUERY_TOOLTIPS: Record<QueryNode['origin'], string> = {
  search: 'Search results',
  saved: 'Saved search (huggingface.savedSearches)',
  account: 'Repos of your account or organisation, private ones included',
};

export interface RepoTreeDeps {
  client: () => HubClient;
  query: () => ListQuery;
  log: Log;
}

/**
 * One sidebar view (Models, Datasets or Spaces): saved searches and the user's searches first, then the view's own
 * list. Expanding the view makes one list request; "Load more…" one more; re-rendering what is loaded makes none.
 * Failures become a node with Retry, never a popup.
 */
export class RepoTreeProvider implements vscode.TreeDataProvider<RepoTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RepoTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly main: ListSource;
  private queries: QueryNode[] = [];
  private readonly files = new Map<string, Promise<FileListing | HubError>>();
  /** When VS Code last asked for children (see repoItem). */
  private renderedAt = 0;
  private disposed = false;

  constructor(
    readonly type: RepoType,
    readonly viewId: string,
    private readonly deps: RepoTreeDeps,
  ) {
    this.main = new ListSource(`${viewId}/main`, deps.query);
  }

  getTreeItem(node: RepoTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'query': {
        // A search the user just ran opens at once; saved and account lists load when the user expands them.
        const state = node.origin === 'search' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
        const item = new vscode.TreeItem(withoutBidiControls(node.label), state);
        item.id = node.source.key;
        item.iconPath = new vscode.ThemeIcon(QUERY_ICONS[node.origin]);
        item.contextValue = node.origin === 'search' ? 'query removable' : 'query';
        item.tooltip = QUERY_TOOLTIPS[node.origin];
        return item;
      }
      case 'repo':
        return this.repoItem(node);
      case 'folder': {
        const item = new vscode.TreeItem(withoutBidiControls(basename(node.entry.path)), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.parentKey}/${node.entry.path}/`;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.resourceUri = vscode.Uri.from({ scheme: 'hf-tree', path: `/${node.entry.path}` });
        item.contextValue = 'folder';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(withoutBidiControls(basename(node.entry.path)));
        item.id = `${node.parentKey}/${node.entry.path}`;
        item.iconPath = vscode.ThemeIcon.File;
        item.resourceUri = vscode.Uri.from({ scheme: 'hf-tree', path: `/${node.entry.path}` });
        item.description = `${fileSize(node.entry.size)}${node.entry.lfs ? ' · LFS' : ''}`;
        const facts = `${withoutBidiControls(node.entry.path)} — ${node.entry.size.toLocaleString('en-US')} bytes${node.entry.lfs ? ', stored with Git LFS' : ''}`;
        // Text and other small files open in a read-only editor; weights and big files open on the Hub instead.
        const refusal = documentRefusal(node.entry);
        item.tooltip = refusal ? `${facts}\n${refusal} Select to open it on Hugging Face.` : facts;
        item.contextValue = `file${node.entry.lfs ? ' lfs' : ''}${refusal ? '' : ' openable'}`;
        item.command = refusal
          ? { command: 'huggingface.openFileOnHub', title: 'Open on Hugging Face', arguments: [node] }
          : { command: 'huggingface.openFile', title: 'Open', arguments: [node] };
        item.accessibilityInformation = { label: `file ${node.entry.path}, ${fileSize(node.entry.size)}` };
        return item;
      }
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…');
        item.id = `${node.source.key}/loadMore/${node.source.list.pages}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'huggingface.loadMore', title: 'Load More', arguments: [node] };
        item.contextValue = 'loadMore';
        item.tooltip = `Load the next page of ${TYPE_LABEL[this.type]}`;
        return item;
      }
      case 'error': {
        const message = withoutBidiControls(node.error.message); // it can quote the server, like any Hub text
        const item = new vscode.TreeItem(message);
        item.id = `${node.key}/error`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.description = 'Retry';
        item.tooltip = `${message}\nSelect to retry.`;
        item.contextValue = 'error';
        item.command = { command: 'huggingface.retry', title: 'Retry', arguments: [node] };
        item.accessibilityInformation = { label: `Error: ${message}. Press Enter to retry.` };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(withoutBidiControls(node.text));
        item.id = `${node.key}/message`;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
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
    node.item = repoItem(node);
    node.itemUntil = ageChangesAt(node.repo.lastModified, now);
    return node.item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: RepoTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'repo') {
      item.tooltip = repoTooltip(node.repo);
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
        const empty = node.origin === 'account' ? `No ${TYPE_LABEL[this.type]} yet.` : `No ${TYPE_LABEL[this.type]} match.`;
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

  /** Adds a "Search: text" node at the top of the view; it pages like the view's own list. */
  addSearch(text: string): QueryNode {
    const existing = this.queries.find((q) => q.origin === 'search' && q.label === `Search: ${text}`);
    if (existing) {
      return existing;
    }
    const base = this.deps.query();
    const node = new QueryNode(`Search: ${text}`, `${this.viewId}/search/${encodeURIComponent(text)}`, { ...base, search: text }, 'search');
    const fixed = this.queries.filter((q) => q.origin !== 'search');
    const searches = this.queries.filter((q) => q.origin === 'search');
    this.queries = [...fixed, node, ...searches];
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
    this.queries = [...byOrigin('account'), ...byOrigin('saved'), ...byOrigin('search')];
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
      if (abort.signal.aborted || this.disposed) {
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
      this.deps.log.error(`Listing ${TYPE_LABEL[this.type]} failed: ${error.message}${error.requestId ? ` [request ${error.requestId}]` : ''}`, error.cause);
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
      nodes.push(new MessageNode(`Only the first ${result.entries.length.toLocaleString('en-US')} entries are shown: open the repo on huggingface.co for the rest.`, `${parentKey}/${path ?? ''}`));
    }
    return nodes;
  }

  dispose(): void {
    this.disposed = true;
    for (const source of [this.main, ...this.queries.map((q) => q.source)]) {
      source.abort?.abort();
    }
    this.changed.dispose();
  }
}

function asHubError(e: unknown): HubError {
  return e instanceof HubError ? e : new HubError('badResponse', 'Unexpected error while talking to the Hub.', { cause: e });
}

/** One folder's listing, cut at the client's cap (`truncated`). */
interface FileListing {
  entries: FileEntry[];
  truncated: boolean;
}

function sortEntries(entries: FileEntry[]): FileEntry[] {
  return [...entries].sort((a, b) => (a.type === b.type ? a.path.localeCompare(b.path) : a.type === 'directory' ? -1 : 1));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * When the age shown in a row's description ("5m", "3h", "2d", …: minutes within the first hour, hours within the
 * first day, whole days or coarser after) may next read differently; never for a repo without a date.
 */
function ageChangesAt(lastModified: Date | undefined, now: number): number {
  if (!lastModified) {
    return Infinity;
  }
  const since = Math.max(0, now - lastModified.getTime());
  const unit = since < 3_600_000 ? 60_000 : since < 86_400_000 ? 3_600_000 : 86_400_000;
  return lastModified.getTime() + (Math.floor(since / unit) + 1) * unit;
}

function repoItem(node: RepoNode): vscode.TreeItem {
  const repo = node.repo;
  const item = new vscode.TreeItem(repo.id, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.source.key}/${repo.id}`;
  const badges = [repo.gated ? 'gated' : undefined, repo.private ? 'private' : undefined].filter(Boolean).join(' · ');
  const description = withoutBidiControls(describeRepo(repo));
  item.description = badges ? `${badges} · ${description}` : description;
  item.iconPath = repoIcon(repo);
  item.contextValue = repoContextValue(repo);
  item.accessibilityInformation = { label: accessibleLabel(repo) };
  item.command = { command: 'huggingface.openRepo', title: 'Open', arguments: [node] };
  return item;
}

/** Hover text from untrusted repo data: appended as text, so nothing in it is read as markdown, HTML or a command link. */
function repoTooltip(repo: RepoSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(repo.id).appendMarkdown('**\n\n');
  const rows: [string, string | undefined][] = [
    ['Author', repo.author],
    ['Task', repo.task],
    ['Library', repo.library],
    ['SDK', repo.sdk],
    ['Status', repo.stage],
    ['License', repo.tags.find((t) => t.startsWith('license:'))?.slice('license:'.length)],
    ['Gated', repo.gated ? `yes (${repo.gated} approval)` : undefined],
    ['Private', repo.private ? 'yes' : undefined],
    ['Downloads (30 days)', repo.downloads?.toLocaleString('en-US')],
    ['Likes', repo.likes.toLocaleString('en-US')],
    ['Last modified', repo.lastModified?.toISOString().slice(0, 10)],
  ];
  for (const [label, value] of rows) {
    if (value) {
      md.appendMarkdown(`${label}: `).appendText(withoutBidiControls(value)).appendMarkdown('  \n');
    }
  }
  const tags = repo.tags.filter((t) => !t.startsWith('license:')).slice(0, 12);
  if (tags.length) {
    md.appendMarkdown('\nTags: ').appendText(withoutBidiControls(tags.join(', ')));
  }
  return md;
}
