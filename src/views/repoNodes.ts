// The rows of a repo tree, as data: what each node stands for and where it came from.
import type * as vscode from 'vscode';
import type { HubError } from '../hub/errors';
import { PagedList } from '../lists/treeModel';
import type { FileEntry, ListQuery, RepoSummary } from '../hub/types';
import type { RepoTreeProvider } from './repoTree';

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
    /**
     * Searches the user added can be removed; saved searches live in settings; account lists follow the sign-in;
     * related lists (the models that derive from one, from its model tree) can be removed and last for the session.
     */
    readonly origin: 'search' | 'saved' | 'account' | 'related',
  ) {
    this.source = new ListSource(key, () => query, this);
  }

  /** Lists the user added (a search, a model's finetunes) can be removed; the others follow settings and sign-in. */
  get removable(): boolean {
    return this.origin === 'search' || this.origin === 'related';
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
