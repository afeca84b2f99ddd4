// What the downloads shell needs from the cache core (src/hfcache): planning against the cache or a folder, running a
// plan with progress and cancel, presets, pattern matching and the free-disk rule. The shell takes it as a dependency
// so it can be built (and tested) against the core's published functions only; activate() passes the real one.
import type { RepoType } from '../hub/repoId';
import type { Destination, DownloadPlan, DownloadProgress, DownloadResult, RemoteFile } from '../hfcache/types';

/** A quick choice of files, as `hf download --include/--exclude` would take it. */
export interface DownloadPreset {
  label: string;
  detail?: string;
  include: readonly string[];
  exclude: readonly string[];
}

/** Everything a plan is made of; kept by a queued download so Retry plans again (partial files then count as done). */
export interface PlanRequest {
  type: RepoType;
  id: string;
  /** What the user asked for: a branch, tag or commit. */
  revision: string;
  /** The commit the listing was made at, when the Hub said it. */
  commit?: string;
  files: RemoteFile[];
  destination: Destination;
}

export interface RunOptions {
  signal: AbortSignal;
  onProgress: (progress: DownloadProgress) => void;
}

export interface DownloadCore {
  readonly presets: readonly DownloadPreset[];
  /** `hf download` glob semantics: included by one of `include` (all when empty) and by none of `exclude`. */
  matches(path: string, include: readonly string[], exclude: readonly string[]): boolean;
  /** The shared cache folder (`HF_HUB_CACHE`, `HF_HOME`, `XDG_CACHE_HOME` or the setting, as huggingface_hub resolves it). */
  cacheDir(): string;
  /** Files of the repo at a revision, with the ids the cache names blobs by, and the commit the revision points at. */
  listFiles(type: RepoType, id: string, revision: string, signal?: AbortSignal): Promise<{ commit?: string; files: RemoteFile[] }>;
  /** Compares the selection with what the destination already holds. Reads the disk, never the network. */
  plan(request: PlanRequest): Promise<DownloadPlan>;
  /** Downloads what the plan still lacks; a cancel leaves resumable `.incomplete` files. */
  run(plan: DownloadPlan, options: RunOptions): Promise<DownloadResult>;
  /** A warning when the plan's bytes come close to `freeBytes`, else undefined. */
  diskWarning(plan: DownloadPlan, freeBytes: number): string | undefined;
}
