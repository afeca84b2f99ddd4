import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { HubError, isCancellation } from '../hub/errors';
import type { RepoType } from '../hub/repoId';
import { accessibleLabel, describeRepo, PagedList, repoContextValue } from '../hub/treeModel';
import type { ListQuery, RepoSummary } from '../hub/types';
import type { Log } from '../log';
import { repoIcon } from './icons';

export type RepoTreeNode = RepoNode | LoadMoreNode | ErrorNode;

export class RepoNode {
  readonly kind = 'repo';
  constructor(readonly repo: RepoSummary) {}
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(readonly list: RepoTreeProvider) {}
}

export class ErrorNode {
  readonly kind = 'error';
  constructor(
    readonly list: RepoTreeProvider,
    readonly error: HubError,
  ) {}
}

const TYPE_LABEL: Record<RepoType, string> = { model: 'models', dataset: 'datasets', space: 'Spaces' };

/**
 * One sidebar list (Models, Datasets or Spaces). Expanding the view makes one list request; "Load more…" makes one
 * more; re-rendering what is loaded makes none. Failures become a node with Retry, never a popup.
 */
export class RepoTreeProvider implements vscode.TreeDataProvider<RepoTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RepoTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly list = new PagedList();
  private nodes: RepoNode[] = [];
  private inflight: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private disposed = false;

  constructor(
    readonly type: RepoType,
    readonly viewId: string,
    private readonly deps: { client: () => HubClient; query: () => ListQuery; log: Log },
  ) {}

  getTreeItem(node: RepoTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'repo':
        return repoItem(node.repo);
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…');
        item.id = `${this.viewId}:loadMore:${this.list.pages}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'huggingface.loadMore', title: 'Load More', arguments: [node] };
        item.contextValue = 'loadMore';
        item.tooltip = `Load the next page of ${TYPE_LABEL[this.type]}`;
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.error.message);
        item.id = `${this.viewId}:error:${this.list.pages}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.description = node.error.retryable ? 'Retry' : undefined;
        item.tooltip = node.error.message;
        item.contextValue = node.error.retryable ? 'error retryable' : 'error';
        item.command = { command: 'huggingface.retry', title: 'Retry', arguments: [node] };
        item.accessibilityInformation = { label: `Error: ${node.error.message}. Press Enter to retry.` };
        return item;
      }
    }
  }

  async resolveTreeItem(item: vscode.TreeItem, node: RepoTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'repo') {
      item.tooltip = repoTooltip(node.repo);
    }
    return item;
  }

  async getChildren(node?: RepoTreeNode): Promise<RepoTreeNode[]> {
    if (node) {
      return [];
    }
    if (this.list.pristine) {
      await this.load();
    } else if (this.inflight) {
      await this.inflight;
    }
    const children: RepoTreeNode[] = [...this.nodes];
    if (this.list.error) {
      children.push(new ErrorNode(this, this.list.error));
    } else if (this.list.hasMore) {
      children.push(new LoadMoreNode(this));
    }
    return children;
  }

  /** Fetches the next page (the first one when nothing is loaded). */
  async loadMore(): Promise<void> {
    if (!this.inflight) {
      await this.load();
      this.changed.fire(undefined);
    } else {
      await this.inflight;
    }
  }

  /** Retries what failed: the first page, or the page after what is shown. */
  retry(): Promise<void> {
    return this.loadMore();
  }

  /** Drops what is loaded and lists again from the first page. */
  refresh(): void {
    this.abort?.abort();
    this.inflight = undefined;
    this.list.reset();
    this.nodes = [];
    this.changed.fire(undefined);
  }

  /** Repos listed so far, in order. */
  get loaded(): readonly RepoSummary[] {
    return this.list.loaded;
  }

  private load(): Promise<void> {
    this.inflight ??= this.fetchPage().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchPage(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const next = this.list.next;
    this.list.begin();
    try {
      const client = this.deps.client();
      const page = await vscode.window.withProgress({ location: { viewId: this.viewId } }, () =>
        next ? client.listPage(this.type, next, { signal: abort.signal }) : client.listRepos(this.type, this.deps.query(), { signal: abort.signal }),
      );
      if (abort.signal.aborted || this.disposed) {
        return;
      }
      const before = this.list.loaded.length;
      this.list.append(page);
      this.nodes.push(...this.list.loaded.slice(before).map((repo) => new RepoNode(repo)));
    } catch (e) {
      if (abort.signal.aborted || isCancellation(e)) {
        return;
      }
      const error = e instanceof HubError ? e : new HubError('badResponse', 'Unexpected error while listing.', { cause: e });
      this.deps.log.error(`Listing ${TYPE_LABEL[this.type]} failed: ${error.message}${error.requestId ? ` [request ${error.requestId}]` : ''}`, error.cause);
      this.list.fail(error);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.abort?.abort();
    this.changed.dispose();
  }
}

function repoItem(repo: RepoSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(repo.id, vscode.TreeItemCollapsibleState.None);
  item.id = `${repo.type}:${repo.id}`;
  const badges = [repo.gated ? '🔒 gated' : undefined, repo.private ? 'private' : undefined].filter(Boolean).join(' · ');
  item.description = badges ? `${badges} · ${describeRepo(repo)}` : describeRepo(repo);
  item.iconPath = repoIcon(repo);
  item.contextValue = repoContextValue(repo);
  item.accessibilityInformation = { label: accessibleLabel(repo) };
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
      md.appendMarkdown(`${label}: `).appendText(value).appendMarkdown('  \n');
    }
  }
  const tags = repo.tags.filter((t) => !t.startsWith('license:')).slice(0, 12);
  if (tags.length) {
    md.appendMarkdown('\nTags: ').appendText(tags.join(', '));
  }
  return md;
}
