/**
 * The Explore view's lists (./exploreTree.ts shows them): the Hub's daily papers, collections (trending or a search)
 * and what they hold, and the signed-in account's likes. Each list is paged by the Hub's `Link` header, read once and
 * kept until Refresh; a failure is a row that says why, with Retry. Every string is the Hub's: shown as text.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import { collectionPath, collectionsPath, parseCollection, parseCollections, type CollectionItem, type CollectionView } from '../connections/collections';
import { likesPath, parseLikes, type Like } from '../connections/likes';
import { parseDailyPapers } from '../connections/papers';
import type { HubClient } from '../hub/client';
import { asHubError } from '../hub/errors';
import { withoutBidiControls } from '../hub/format';
import { REPO_TYPE_ICON, type RepoType } from '../hub/repoId';
import type { Account } from '../hub/types';
import type { ExploreNode } from './exploreTree';

export type ExploreGroup = 'papers' | 'collections' | 'collection' | 'likes';

export interface ExploreDeps {
  client: () => HubClient;
  /** The signed-in account, if any ("My likes" is its list). */
  account: () => Account | undefined;
  /** Repaints a node's children (undefined: the whole view). */
  changed: (node?: ExploreNode) => void;
}

interface ListState {
  nodes: ExploreNode[];
  /** Where the next page is; undefined once the last page is in. */
  next?: string;
  error?: string;
  loading?: Promise<void>;
}

function node(label: string, props: Partial<vscode.TreeItem> & { icon?: string }, children?: () => Promise<ExploreNode[]>, slug?: string): ExploreNode {
  const item = new vscode.TreeItem(withoutBidiControls(label), children ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const { icon, ...rest } = props;
  Object.assign(item, rest);
  if (icon) {
    item.iconPath = new vscode.ThemeIcon(icon);
  }
  return { item, children, slug };
}

/** A repo's row: it opens the card, and its context menu is the one repo rows have in the other views. */
function repoNode(type: RepoType, id: string, props: Partial<vscode.TreeItem>): ExploreNode {
  const row = node(id, { icon: REPO_TYPE_ICON[type], contextValue: `repo ${type}`, command: { command: 'huggingface.openCard' satisfies CommandId, title: 'Open Card', arguments: [{ type, id }] }, ...props });
  return { ...row, repo: { type, id } };
}

export class Explore {
  private readonly lists = new Map<string, ListState>();

  constructor(private readonly deps: ExploreDeps) {}

  /** Forgets every list: the next expansion reads the Hub again. */
  clear(): void {
    this.lists.clear();
  }

  children(group: ExploreGroup, arg?: string): Promise<ExploreNode[]> {
    switch (group) {
      case 'papers':
        return this.list('papers', 'daily_papers?limit=50', (body) => parseDailyPapers(body).map((p) =>
          node(p.title, {
            icon: 'book',
            description: [p.upvotes === undefined ? undefined : `▲ ${p.upvotes}`, p.authors].filter(Boolean).join(' · '),
            tooltip: [p.title, p.authors, p.summary].filter(Boolean).join('\n\n'),
            contextValue: 'paper',
            command: { command: 'huggingface.showPaper' satisfies CommandId, title: 'Show Paper', arguments: [p.id] },
          }),
        ));
      case 'collections':
        return this.list(`collections/${arg ?? ''}`, collectionsPath({ q: arg, sort: 'trending' }), (body) => parseCollections(body).map((c) => this.collectionNode(c)));
      case 'collection': {
        const path = arg ? collectionPath(arg) : undefined;
        return path ? this.list(`collection/${arg}`, path, (body) => (parseCollection(body)?.items ?? []).map((i) => this.itemNode(i)), { paged: false }) : Promise.resolve([]);
      }
      case 'likes': {
        const account = this.deps.account();
        if (!account) {
          return Promise.resolve([node('Sign in to see your likes', { icon: 'account', command: { command: 'huggingface.signIn' satisfies CommandId, title: 'Sign In' } })]);
        }
        return this.list(`likes/${account.name}`, likesPath(account.name), (body) => {
          const likes = parseLikes(body);
          return likes.length ? likes.map((l) => this.likeNode(l)) : [node('Nothing liked yet', { icon: 'info' })];
        });
      }
    }
  }

  private collectionNode(c: CollectionView): ExploreNode {
    return node(
      c.title,
      {
        icon: c.private ? 'lock' : 'library',
        description: [c.owner, c.upvotes === undefined ? undefined : `▲ ${c.upvotes}`].filter(Boolean).join(' · '),
        tooltip: [c.title, c.description, c.owner ? `by ${c.owner}` : undefined, c.private ? 'Private' : undefined].filter(Boolean).join('\n'),
        contextValue: 'collection',
      },
      () => this.children('collection', c.slug),
      c.slug,
    );
  }

  private itemNode(i: CollectionItem): ExploreNode {
    const tooltip = [i.kind === 'repo' ? i.id : i.title, i.description, i.note].filter(Boolean).join('\n');
    switch (i.kind) {
      case 'repo':
        return repoNode(i.type, i.id, { description: i.description, tooltip });
      case 'paper':
        return node(i.title, { icon: 'book', description: i.description, tooltip, contextValue: 'paper', command: { command: 'huggingface.showPaper' satisfies CommandId, title: 'Show Paper', arguments: [i.id] } });
      case 'collection':
        return node(i.title, { icon: 'library', description: i.description, tooltip, contextValue: 'collection' }, () => this.children('collection', i.slug), i.slug);
    }
  }

  private likeNode(l: Like): ExploreNode {
    return repoNode(l.type, l.id, { description: l.date ? `liked ${l.date.slice(0, 10)}` : undefined, tooltip: `${l.id} (${l.type})` });
  }

  /** A list's rows so far, and a Load more or Retry row after them. The first page is read on first call. */
  private async list(key: string, first: string, parse: (body: unknown) => ExploreNode[], options: { paged?: boolean } = {}): Promise<ExploreNode[]> {
    let state = this.lists.get(key);
    if (!state) {
      state = { nodes: [] };
      this.lists.set(key, state);
      await this.read(state, `${this.deps.client().endpoint}/api/${first}`, parse, options.paged !== false);
    }
    await state.loading;
    const rows = [...state.nodes];
    const url = state.next ?? `${this.deps.client().endpoint}/api/${first}`;
    const again = (): void => {
      void this.read(state, url, parse, options.paged !== false).then(() => this.deps.changed(undefined));
    };
    if (state.error) {
      rows.push(node(state.error, { icon: 'error', description: 'Retry', tooltip: `${state.error}\nSelect to retry.`, contextValue: 'error', command: { command: 'huggingface.retry' satisfies CommandId, title: 'Retry', arguments: [{ retry: again }] } }));
    } else if (state.next) {
      rows.push(node('Load more…', { icon: 'ellipsis', contextValue: 'loadMore', command: { command: 'huggingface.loadMore' satisfies CommandId, title: 'Load More', arguments: [{ more: again }] } }));
    }
    return rows;
  }

  private read(state: ListState, url: string, parse: (body: unknown) => ExploreNode[], paged: boolean): Promise<void> {
    state.loading ??= (async () => {
      try {
        const page = await this.deps.client().apiPage(url);
        state.nodes.push(...parse(page.body));
        state.next = paged ? page.next : undefined;
        state.error = undefined;
      } catch (e) {
        state.error = withoutBidiControls(asHubError(e, 'unknown error').message);
      } finally {
        state.loading = undefined;
      }
    })();
    return state.loading;
  }
}
