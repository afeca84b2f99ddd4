// The Local Cache, the part in the activation bundle: the view's registration (a provider that forwards to the view
// in ./localCache.lazy.ts) and a facade whose first use loads that chunk. Activation reads nothing from disk.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import type { RepoType } from '../hub/repoId';
import type { Log } from '../log';
import type * as LocalCacheLazy from './localCache.lazy';
import type { CacheMark } from './model';
import type { CacheNode } from './nodes';

type Impl = LocalCacheLazy.LocalCacheImpl;

export class LocalCacheHost implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly treeChanged = this.store.add(new vscode.EventEmitter<CacheNode | undefined>());
  private readonly changed = this.store.add(new vscode.EventEmitter<void>());
  /** What is cached changed (a scan found something new, a deletion, another folder). */
  readonly onDidChange = this.changed.event;
  private readonly view: vscode.TreeView<CacheNode>;
  private loading: Promise<Impl> | undefined;
  private loaded: Impl | undefined;
  /** The first `mark` call's start of the chunk, after the rows in hand. */
  private starting: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: { override: () => string | undefined; log: Log }) {
    const provider: vscode.TreeDataProvider<CacheNode> = {
      onDidChangeTreeData: this.treeChanged.event,
      getTreeItem: async (node) => (await this.impl()).view.getTreeItem(node),
      getChildren: async (node) => (await this.impl()).view.getChildren(node),
    };
    this.view = this.store.add(vscode.window.createTreeView('huggingface.localCache' /* LOCAL_CACHE_VIEW of ./viewId.ts */, { treeDataProvider: provider, showCollapseAll: true }));
  }

  /** The implementation, loaded on first use. */
  impl(): Promise<Impl> {
    this.loading ??= import('./localCache.lazy').then((lazy) => {
      this.loaded = this.store.add(new lazy.LocalCacheImpl({ ...this.deps, treeView: this.view, treeChanged: this.treeChanged, changed: this.changed }));
      return this.loaded;
    });
    return this.loading;
  }

  /**
   * A tree row's cached mark, synchronously from the latest scan. The first call starts loading and scanning once the
   * rows being drawn are done (in a task of its own): loading the chunk and starting its scan would otherwise delay the
   * first page of a view by a third. The scan's end refreshes the marks.
   */
  mark(type: RepoType, id: string): CacheMark | undefined {
    if (this.loaded) {
      return this.loaded.mark(type, id);
    }
    if (!this.starting) {
      this.starting = setTimeout(() => void this.impl().then((impl) => impl.mark(type, id)), 0);
      this.store.add({ dispose: () => clearTimeout(this.starting) });
    }
    return undefined;
  }

  inCache(type: RepoType, id: string): Promise<string | false | undefined> {
    return this.impl().then((impl) => impl.inCache(type, id));
  }

  /** Something was written to the cache (a download): look again, debounced; nothing to do before the first scan. */
  refresh(): void {
    this.loaded?.index.refresh();
  }

  /** `huggingface.cache.directory` changed. */
  applySettings(): void {
    this.loaded?.index.applySettings();
  }

  dispose(): void {
    this.store.dispose();
  }
}
