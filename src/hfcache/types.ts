// The shared Hugging Face cache, as data: what is on disk (a scan), what a download will do (a plan) and how it is going
// (progress). The layout is huggingface_hub's: `<cache>/<type>s--<owner>--<name>/{blobs,refs,snapshots}`, so that
// transformers, diffusers, datasets and huggingface_hub read what this extension writes, and the other way round.
import type { RepoType } from '../hub/repoId';

/** A file as the Hub lists it at a commit (tree / paths-info entries). */
export interface RemoteFile {
  /** Repo-relative, `/`-separated, already checked with `filePathProblem`. */
  path: string;
  /** Bytes of the file itself (for LFS files the LFS object's size, not the pointer's). */
  size: number;
  /** git blob id (sha1): the ETag `/resolve/` sends for a regular file, and its blob's name in the cache. */
  oid: string;
  /** Set for LFS files: sha256 of the content, the ETag `/resolve/` sends and the blob's name in the cache. */
  lfs?: { oid: string; size: number };
}

/** Where a download goes: the shared cache, or a plain folder as `hf download --local-dir` fills it. */
export type Destination = { kind: 'cache'; dir: string } | { kind: 'folder'; dir: string };

export interface PlannedFile extends RemoteFile {
  /** The blob name: `lfs.oid` for LFS files, `oid` otherwise. */
  etag: string;
  /** Already complete at the destination (its blob is there, or the folder's file matches). */
  cached: boolean;
  /** Bytes of a resumable `.incomplete` already on disk. */
  partialBytes: number;
}

/** What a download will do, shown before anything moves. */
export interface DownloadPlan {
  type: RepoType;
  id: string;
  /** What the user asked for: a branch, tag, `refs/pr/N` or a commit. */
  revision: string;
  /** The commit `revision` points at, when known. */
  commit: string;
  destination: Destination;
  /** The selected files, in repo order. */
  files: PlannedFile[];
  totalBytes: number;
  /** Bytes of selected files already complete at the destination. */
  cachedBytes: number;
  /** Bytes still to transfer (resumable partial files counted as done). */
  fetchBytes: number;
}

export interface DownloadProgress {
  /** The file being written, repo-relative. */
  file: string;
  fileBytes: number;
  fileTotal: number;
  /** Bytes done over the whole plan, and the plan's total (cached bytes included in both). */
  bytes: number;
  total: number;
  filesDone: number;
  filesTotal: number;
}

export interface DownloadResult {
  /** `snapshots/<commit>` in the cache, or the folder. */
  path: string;
  commit: string;
  filesWritten: number;
  bytesWritten: number;
}

export interface CachedFile {
  /** Repo-relative path in the snapshot. */
  path: string;
  size: number;
  /** The blob the snapshot entry points at (the entry itself when it is a copy, not a link). */
  blobPath: string;
  lastAccessed: number;
  lastModified: number;
}

export interface CachedRevision {
  commit: string;
  /** Refs (`main`, `refs/pr/1`, tags) that point at this commit; empty for a detached revision. */
  refs: string[];
  /** Bytes of the distinct blobs this revision's files point at. */
  size: number;
  files: CachedFile[];
  snapshotPath: string;
  lastModified: number;
}

export interface IncompleteFile {
  path: string;
  size: number;
  lastModified: number;
}

export interface CachedRepo {
  type: RepoType;
  id: string;
  /** `<cache>/<type>s--owner--name`. */
  path: string;
  /** Bytes of every blob in the repo folder (what deleting it frees). */
  size: number;
  revisions: CachedRevision[];
  /** Partial downloads (`blobs/*.incomplete`). */
  incomplete: IncompleteFile[];
  lastAccessed: number;
  lastModified: number;
}

export interface CacheScan {
  dir: string;
  repos: CachedRepo[];
  size: number;
  /** Folders that are not in the cache's layout, and unreadable entries: skipped, not fatal. */
  warnings: string[];
}

/** What deleting revisions, a repo or pruning will remove, and the bytes it frees: shown before confirming. */
export interface DeletionPlan {
  /** Files and folders to remove, each inside the cache folder. */
  paths: string[];
  bytes: number;
  /** For the confirmation: e.g. "2 revisions of openai-community/gpt2". */
  summary: string;
}

/** What of a file list is already at a destination (scan.ts `inspectDestination`), keyed by repo-relative path. */
export interface Presence {
  /** Paths whose blob (cache) or file and matching metadata (folder) are complete. */
  complete: ReadonlySet<string>;
  /** Paths with a resumable partial download, and its size in bytes. */
  partialBytes: ReadonlyMap<string, number>;
}
