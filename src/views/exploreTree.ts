/**
 * The Explore view: the overview for newcomers, the Hub's daily papers, its collections (trending, or the last search)
 * and the signed-in account's likes, then the Hub's documentation and the log. The groups' lists come from a chunk of
 * their own (./explore.lazy.ts), loaded when a group is first expanded; activation only builds these rows.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import type * as ExploreLazy from './explore.lazy';

export interface ExploreNode {
  readonly item: vscode.TreeItem;
  children?(): Promise<ExploreNode[]>;
  /** A collection's slug, for its row's context menu. */
  readonly slug?: string;
  /** A repo row's repo: its context menu is a repo row's, as in the Models, Datasets and Spaces views. */
  readonly repo?: { type: 'model' | 'dataset' | 'space'; id: string };
}

export type ExploreDeps = Omit<ExploreLazy.ExploreDeps, 'changed'>;
export type ExploreGroup = ExploreLazy.ExploreGroup;

function leaf(label: string, icon: string, command: vscode.Command): ExploreNode {
  const item = new vscode.TreeItem(label);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.command = command;
  return { item };
}

export class ExploreTreeProvider implements vscode.TreeDataProvider<ExploreNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExploreNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private impl: Promise<ExploreLazy.Explore> | undefined;
  private search: string | undefined;

  constructor(private readonly deps: ExploreDeps) {}

  getTreeItem(node: ExploreNode): vscode.TreeItem {
    return node.item;
  }

  getChildren(node?: ExploreNode): ExploreNode[] | Promise<ExploreNode[]> {
    return node ? (node.children?.() ?? []) : this.roots();
  }

  /** Shows the collections matching `query` in place of the trending ones (an empty query brings those back). */
  searchCollections(query: string | undefined): void {
    this.search = query?.trim() || undefined;
    this.changed.fire(undefined);
  }

  /** Lists everything again (the endpoint or the account changed, or the title-bar Refresh). */
  refresh(): void {
    void this.impl?.then((impl) => impl.clear());
    this.changed.fire(undefined);
  }

  /** The group nodes' children, from the lazy chunk (tests read them). */
  async childrenOf(group: ExploreGroup, arg?: string): Promise<ExploreNode[]> {
    this.impl ??= import('./explore.lazy').then((m) => new m.Explore({ ...this.deps, changed: (n) => this.changed.fire(n) }));
    return (await this.impl).children(group, arg);
  }

  private group(label: string, icon: string, group: ExploreGroup, arg?: string): ExploreNode {
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(icon);
    item.id = `explore/${group}/${arg ?? ''}`;
    item.contextValue = `explore ${group}`;
    return { item, children: () => this.childrenOf(group, arg) };
  }

  private roots(): ExploreNode[] {
    return [
      leaf('What is Hugging Face?', 'book', { command: 'huggingface.openOverview' satisfies CommandId, title: 'What is Hugging Face?' }),
      this.group('Daily papers', 'mortar-board', 'papers'),
      this.search ? this.group(`Collections matching “${this.search}”`, 'search', 'collections', this.search) : this.group('Trending collections', 'library', 'collections'),
      this.group('My likes', 'heart', 'likes'),
      leaf('Hub documentation', 'link-external', { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse('https://huggingface.co/docs/hub')] }),
      leaf('Show log', 'output', { command: 'huggingface.showLog' satisfies CommandId, title: 'Show Log' }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
