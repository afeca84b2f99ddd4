// The one reader of the shared Hugging Face cache in the shell: it scans the cache folder when something first asks
// (never at activation), keeps the latest scan for synchronous lookups (the "cached" marks), scans again on refresh()
// (debounced), when the folder's top level or a repo's refs change on disk, and when the cache folder setting changes.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { hubCacheDir } from '../hfcache/layout';
import type { CachedRepo, CacheScan, DeletionPlan } from '../hfcache/types';
import type { RepoType } from '../hub/repoId';
import type { Log } from '../log';

/** The cache core the index uses (src/hfcache/): loaded with the first scan, so activation loads and reads nothing. */
export interface CacheCore {
  scanCache(dir: string): Promise<CacheScan>;
  planRepoDeletion(repo: CachedRepo): DeletionPlan | Promise<DeletionPlan>;
  planRevisionDeletion(repo: CachedRepo, commits: string[]): DeletionPlan | Promise<DeletionPlan>;
  planPrune(scan: CacheScan, now: number): DeletionPlan | Promise<DeletionPlan>;
  applyDeletion(cacheDir: string, plan: DeletionPlan): Promise<unknown>;
}

export interface LocalCacheDeps {
  /** The folder set in `huggingface.cache.directory`, if any. */
  override: () => string | undefined;
  core: () => Promise<CacheCore>;
  log: Log;
  env?: Record<string, string | undefined>;
  home?: string;
  /** How long refresh() waits for more calls before it scans. */
  debounceMs?: number;
}

export class LocalCacheIndex implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly changed = this.store.add(new vscode.EventEmitter<void>());
  /** Fires after a scan that found something different from the one before, and when the folder changes. */
  readonly onDidChange = this.changed.event;
  private latest: CacheScan | undefined;
  private running: Promise<CacheScan> | undefined;
  /** Bumped when the folder changes, so a scan of the old folder that finishes late is dropped. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];
  private dir: string | undefined;
  private core: CacheCore | undefined;

  constructor(private readonly deps: LocalCacheDeps) {}

  /** The cache folder: the setting if set, else huggingface_hub's (HF_HUB_CACHE, HF_HOME, XDG_CACHE_HOME, ~/.cache). */
  get directory(): string {
    this.dir ??= this.resolveDirectory();
    return this.dir;
  }

  /** The latest scan, or a new one when there is none yet; concurrent callers share one scan. */
  scan(): Promise<CacheScan> {
    return this.latest ? Promise.resolve(this.latest) : this.rescan();
  }

  /** The latest scan, without reading the disk; undefined before the first. */
  get current(): CacheScan | undefined {
    return this.latest;
  }

  /** What the latest scan says about one repo. Before any scan it starts one and answers undefined (onDidChange follows). */
  lookup(type: RepoType, id: string): CachedRepo | undefined {
    if (!this.latest) {
      void this.scan().catch(() => undefined);
      return undefined;
    }
    return this.latest.repos.find((r) => r.type === type && r.id === id);
  }

  /** Scans again shortly (calls within the debounce make one scan). */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rescan().catch(() => undefined);
    }, this.deps.debounceMs ?? 300);
  }

  /** Scans now, and answers when done. */
  async rescan(): Promise<CacheScan> {
    if (this.running) {
      return this.running;
    }
    const generation = this.generation;
    const dir = this.directory;
    const run = (async () => {
      const core = await this.loadCore();
      this.watch(dir);
      const scan = await core.scanCache(dir);
      for (const warning of scan.warnings) {
        this.deps.log.warn(`Local cache: ${warning}`);
      }
      return scan;
    })();
    this.running = run;
    try {
      const scan = await run;
      if (generation === this.generation && !this.store.isDisposed) {
        const before = this.latest;
        this.latest = scan;
        if (!before || fingerprint(before) !== fingerprint(scan)) {
          this.changed.fire();
        }
      }
      return scan;
    } catch (e) {
      this.deps.log.error(`Reading the Hugging Face cache in ${dir} failed`, e);
      throw e;
    } finally {
      if (this.running === run) {
        this.running = undefined;
      }
    }
  }

  /** The setting or the environment changed: forget the scan of the old folder; the next lookup reads the new one. */
  applySettings(): void {
    const dir = this.resolveDirectory();
    if (dir === this.dir) {
      return;
    }
    this.dir = dir;
    this.generation++;
    this.running = undefined;
    this.latest = undefined;
    this.unwatch();
    this.changed.fire();
  }

  planRepoDeletion(repo: CachedRepo): Promise<DeletionPlan> {
    return this.withCore((core) => core.planRepoDeletion(repo));
  }

  planRevisionDeletion(repo: CachedRepo, commits: string[]): Promise<DeletionPlan> {
    return this.withCore((core) => core.planRevisionDeletion(repo, commits));
  }

  async planPrune(now = Date.now()): Promise<DeletionPlan> {
    const scan = await this.rescan();
    return this.withCore((core) => core.planPrune(scan, now));
  }

  /** Deletes what the plan lists (inside the cache folder only, the core checks), then scans again. */
  async apply(plan: DeletionPlan): Promise<CacheScan> {
    const core = await this.loadCore();
    try {
      await core.applyDeletion(this.directory, plan);
    } finally {
      this.running = undefined;
    }
    return this.rescan();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unwatch();
    this.store.dispose();
  }

  private async withCore<T>(run: (core: CacheCore) => T | Promise<T>): Promise<T> {
    return run(await this.loadCore());
  }

  private async loadCore(): Promise<CacheCore> {
    this.core ??= await this.deps.core();
    return this.core;
  }

  private resolveDirectory(): string {
    return hubCacheDir(this.deps.env ?? process.env, this.deps.home ?? os.homedir(), this.deps.override());
  }

  /**
   * Watches the folder's top level (repos added or removed by any tool) and each repo's refs (a download that moved a
   * branch); a change scans again, debounced. No polling.
   */
  private watch(dir: string): void {
    if (this.watchers.length || this.store.isDisposed) {
      return;
    }
    const base = vscode.Uri.file(dir);
    for (const glob of ['*', '*/refs/**', '*/snapshots/*']) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, glob));
      this.watchers.push(watcher, watcher.onDidCreate(() => this.refresh()), watcher.onDidDelete(() => this.refresh()), watcher.onDidChange(() => this.refresh()));
    }
  }

  private unwatch(): void {
    for (const watcher of this.watchers.splice(0)) {
      watcher.dispose();
    }
  }
}

/** Enough of a scan to tell whether anything shown changed. */
function fingerprint(scan: CacheScan): string {
  return JSON.stringify(scan.repos.map((r) => [r.type, r.id, r.size, r.incomplete.length, r.revisions.map((v) => [v.commit, v.refs, v.size])]));
}
