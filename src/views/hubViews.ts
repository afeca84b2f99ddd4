import * as vscode from 'vscode';
import type { Machine } from '../localApps/quants';
import type { ViewKey } from '../commands/ids';
import type { HubClient } from '../hub/client';
import { withoutBidiControls } from '../hub/format';
import { describeFilters, hasActiveFilters, parseFilters, parseSavedSearches, queryFromFilters, type ViewFilters } from '../lists/query';
import type { RepoType } from '../hub/repoId';
import type { Account, ListQuery, RepoSummary } from '../hub/types';
import type { CacheMark } from '../localCache/model';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { searchRepos } from './pickers';
import { RepoTreeProvider, type QueryNode, type RepoTreeNode } from './repoTree';
import { DisposableStore } from '../disposables';

export type { ViewKey };

export const VIEW_TYPES: Record<ViewKey, RepoType> = { models: 'model', datasets: 'dataset', spaces: 'space' };

const MY_LABELS: Record<ViewKey, string> = { models: 'My models', datasets: 'My datasets', spaces: 'My Spaces' };

interface StoredViewState {
  filters?: unknown;
  searches?: unknown;
}

/**
 * The three list views and their per-view state: sort and filters (shown in the view's title bar and kept in
 * workspace state), the user's searches, and saved searches from settings.
 */
export class HubViews implements vscode.Disposable {
  readonly trees: Record<ViewKey, RepoTreeProvider>;
  private readonly views: Record<ViewKey, vscode.TreeView<RepoTreeNode>>;
  private readonly filters: Record<ViewKey, ViewFilters>;
  private readonly store = new DisposableStore();

  constructor(
    private readonly deps: {
      client: () => HubClient;
      log: Log;
      settings: Settings;
      state: vscode.Memento;
      openRepo: (repo: RepoSummary) => unknown;
      loadTasks: () => Promise<{ id: string; name: string; modality: string }[]>;
      /** The memory this machine has for weights (RAM, or the GPU set in the hardware setting), for "Fits this machine". */
      machine: () => Promise<Machine>;
      cached?: (repo: RepoSummary) => CacheMark | undefined;
    },
  ) {
    const keys = Object.keys(VIEW_TYPES) as ViewKey[];
    this.filters = Object.fromEntries(keys.map((key) => [key, parseFilters(VIEW_TYPES[key], this.stored(key).filters)])) as Record<ViewKey, ViewFilters>;
    this.trees = Object.fromEntries(
      keys.map((key) => [
        key,
        new RepoTreeProvider(VIEW_TYPES[key], `huggingface.${key}`, {
          client: deps.client,
          log: deps.log,
          cached: deps.cached,
          query: () => queryFromFilters(VIEW_TYPES[key], this.filters[key], deps.settings.pageSize),
        }),
      ]),
    ) as Record<ViewKey, RepoTreeProvider>;
    this.views = Object.fromEntries(
      keys.map((key) => [key, vscode.window.createTreeView(`huggingface.${key}`, { treeDataProvider: this.trees[key], showCollapseAll: true })]),
    ) as Record<ViewKey, vscode.TreeView<RepoTreeNode>>;
    for (const key of keys) {
      const searches = this.stored(key).searches;
      if (Array.isArray(searches)) {
        searches.filter((s): s is string => typeof s === 'string' && s.trim().length > 0 && s.length <= 200).forEach((s) => this.trees[key].addSearch(s));
      }
      this.showFilters(key);
      this.store.add(this.views[key]);
      this.store.add(this.trees[key]);
    }
    this.applySavedSearches();
  }

  async search(key: ViewKey): Promise<void> {
    const type = VIEW_TYPES[key];
    const choice = await searchRepos(type, this.deps.client, queryFromFilters(type, this.filters[key], this.deps.settings.pageSize));
    if (choice?.action === 'repo') {
      await this.deps.openRepo(choice.repo);
    } else if (choice?.action === 'all') {
      const node = this.trees[key].addSearch(choice.text);
      await this.persist(key);
      await this.reveal(key, node);
    }
  }

  /** A removable list at the top of a view ("Quantizations of X", "Datasets citing arXiv:…"), kept for the session. */
  async showRelated(label: string, query: ListQuery, key: ViewKey = 'models'): Promise<void> {
    const node = this.trees[key].addRelated(label, query);
    await this.reveal(key, node);
  }

  async removeSearch(node: QueryNode): Promise<void> {
    for (const key of Object.keys(this.trees) as ViewKey[]) {
      if (node.removable && this.trees[key].hasQuery(node)) {
        this.trees[key].removeSearch(node);
        await this.persist(key);
      }
    }
  }

  async sort(key: ViewKey): Promise<void> {
    const next = await (await import('./filters.lazy')).pickSort(VIEW_TYPES[key], this.filters[key]);
    if (next) {
      await this.setFilters(key, next);
    }
  }

  async filter(key: ViewKey): Promise<void> {
    const next = await (await import('./filters.lazy')).pickFilter(VIEW_TYPES[key], this.filters[key], this.deps.loadTasks, this.deps.machine);
    if (next) {
      await this.setFilters(key, next);
    }
  }

  async clearFilters(key: ViewKey): Promise<void> {
    await this.setFilters(key, { sort: this.filters[key].sort });
  }

  /** Sets a view's sort and filters (also used by tests), persists them and lists again. */
  async setFilters(key: ViewKey, filters: ViewFilters): Promise<void> {
    this.filters[key] = parseFilters(VIEW_TYPES[key], filters);
    this.showFilters(key);
    await this.persist(key);
    this.trees[key].refresh();
  }

  getFilters(key: ViewKey): ViewFilters {
    return { ...this.filters[key] };
  }

  applySavedSearches(): void {
    const { searches, problems } = parseSavedSearches(this.deps.settings.savedSearches);
    problems.forEach((p) => this.deps.log.warn(p));
    for (const key of Object.keys(this.trees) as ViewKey[]) {
      this.trees[key].setSavedSearches(searches.filter((s) => s.type === VIEW_TYPES[key]).map((s) => ({ label: s.label, query: { limit: this.deps.settings.pageSize, ...s.query } })));
    }
  }

  /** Shows "My models" (datasets, Spaces) and one node per organisation while signed in. */
  setAccount(account: Account | undefined): void {
    for (const key of Object.keys(this.trees) as ViewKey[]) {
      const owners = account ? [account.name, ...account.orgs] : [];
      this.trees[key].setAccountLists(
        owners.map((owner, i) => ({
          label: i === 0 ? MY_LABELS[key] : `${owner} (organisation)`,
          query: { author: owner, sort: 'updated', limit: this.deps.settings.pageSize },
        })),
      );
    }
  }

  /** Lists a view again from its first page (its title-bar Refresh). */
  refreshView(key: ViewKey): void {
    this.trees[key].refresh();
  }

  refresh(type?: RepoType): void {
    for (const key of Object.keys(this.trees) as ViewKey[]) {
      if (!type || VIEW_TYPES[key] === type) {
        this.trees[key].refresh();
      }
    }
  }

  private showFilters(key: ViewKey): void {
    const filters = this.filters[key];
    this.views[key].description = withoutBidiControls(describeFilters(VIEW_TYPES[key], filters));
    void vscode.commands.executeCommand('setContext', `huggingface.${key}.filtered`, hasActiveFilters(filters));
  }

  private async reveal(key: ViewKey, node: QueryNode): Promise<void> {
    await vscode.commands.executeCommand(`huggingface.${key}.focus`);
    try {
      await this.views[key].reveal(node, { select: true, focus: false, expand: true });
    } catch {
      // The view may not have rendered the node yet; it is at the top of the list either way.
    }
  }

  private stored(key: ViewKey): StoredViewState {
    const value = this.deps.state.get<unknown>(`huggingface.view.${key}`);
    return value && typeof value === 'object' ? value : {};
  }

  private persist(key: ViewKey): Thenable<void> {
    return this.deps.state.update(`huggingface.view.${key}`, { filters: this.filters[key], searches: this.trees[key].searchTexts });
  }

  dispose(): void {
    this.store.dispose();
  }
}
