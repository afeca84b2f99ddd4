// Downloads a plan into the shared cache as huggingface_hub does (blobs/<etag>, snapshots/<commit>/<path> as relative
// links to them, refs/<revision>), or into a folder as `hf download --local-dir` does (the file, and its
// `.cache/huggingface/download/<path>.metadata`). One writer per blob (lock.ts); bytes land in `.incomplete` files that
// resume, are verified (transfer.ts) and only then renamed into place. @huggingface/hub's downloadFileToCacheDir and
// snapshotDownload write the same layout but have no progress, cancellation, resume or verification, so this is our own.
import { dirname } from 'node:path';
import { HubError } from '../hub/errors';
import type { HubFetch } from '../hub/http';
import { readJson } from '../hub/body';
import { encodePath, repoIdProblem, webPrefix } from '../hub/repoId';
import { diskError, fsCode, nodeFs, type FsSeam } from './fsSeam';
import { folderLayout, formatFolderMetadata, isCommitHash, refProblem, repoLayout, type RepoLayout } from './layout';
import { acquireLock } from './lock';
import { contentSize } from './plan';
import { transferFile } from './transfer';
import type { DownloadPlan, DownloadProgress, DownloadResult, PlannedFile } from './types';

export type { FsSeam } from './fsSeam';

export interface DownloadOptions {
  /** The Hub's base URL, without a trailing slash. */
  endpoint: string;
  /** HubClient.downloadFetch: token only on the Hub's origin, idle timeout. */
  fetch: HubFetch;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  fs?: FsSeam;
  /** Resumes after a connection lost mid-body, before giving up (default 3). */
  resumeAttempts?: number;
  /** Least time between two progress reports (default 100 ms); the end of each file is always reported. */
  progressIntervalMs?: number;
}

/** Link failures after which huggingface_hub falls back to a copy (no symlinks on this file system or for this user). */
const NO_SYMLINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EINVAL', 'ENOSYS', 'EXDEV']);

/** Downloads every file of `plan` not yet at its destination; resolves with where the files are. */
export async function downloadPlan(plan: DownloadPlan, options: DownloadOptions): Promise<DownloadResult> {
  const idProblem = repoIdProblem(plan.id);
  if (idProblem) {
    throw new HubError('badRequest', idProblem);
  }
  const fs = options.fs ?? nodeFs;
  const commit = isCommitHash(plan.commit) ? plan.commit : await resolveCommit(plan, options);
  const progress = progressReporter(plan, options);
  const run: Run = { plan, options, fs, commit, filesWritten: 0, bytesWritten: 0 };
  const cache = plan.destination.kind === 'cache' ? repoLayout(plan.destination.dir, plan.type, plan.id) : undefined;
  let refWritten = false;
  for (const file of plan.files) {
    if (options.signal?.aborted) {
      throw new HubError('cancelled', 'The download was cancelled.');
    }
    const report = (bytes: number) => progress.file(file, bytes);
    if (cache) {
      await ensureBlob(run, cache, file, report);
      await linkIntoSnapshot(run, cache, file);
      if (!refWritten && plan.revision !== commit) {
        // After the first file, so a ref never points at an empty snapshot (prune would call it detached otherwise).
        await writeAtomically(fs, cache.ref(plan.revision), commit, `refs/${plan.revision}`);
        refWritten = true;
      }
    } else {
      await downloadToFolder(run, file, report);
    }
    progress.fileDone(file);
  }
  progress.flush();
  return {
    path: cache ? cache.snapshotDir(commit) : plan.destination.dir,
    commit,
    filesWritten: run.filesWritten,
    bytesWritten: run.bytesWritten,
  };
}

interface Run {
  plan: DownloadPlan;
  options: DownloadOptions;
  fs: FsSeam;
  commit: string;
  filesWritten: number;
  bytesWritten: number;
}

/** `/resolve/<commit>/<path>`: immutable, so every file of one plan comes from one commit. */
export function resolveUrl(endpoint: string, plan: Pick<DownloadPlan, 'type' | 'id'>, commit: string, path: string): string {
  return `${endpoint}/${webPrefix(plan.type)}${plan.id}/resolve/${commit}/${encodePath(path)}`;
}

/** The commit a branch, tag or `refs/pr/N` points at (`GET /api/{type}s/{id}/revision/{rev}`). */
async function resolveCommit(plan: DownloadPlan, options: DownloadOptions): Promise<string> {
  const problem = refProblem(plan.revision);
  if (problem) {
    throw new HubError('badRequest', problem);
  }
  const url = `${options.endpoint}/api/${plan.type}s/${plan.id}/revision/${encodeURIComponent(plan.revision)}`;
  const response = await options.fetch(url, { signal: options.signal });
  const body = (await readJson(response, 16 * 1024 * 1024, new URL(url).host)) as { sha?: unknown } | undefined;
  if (typeof body?.sha !== 'string' || !isCommitHash(body.sha)) {
    throw new HubError('badResponse', `The Hub did not say which commit ${plan.revision} of ${plan.id} is.`);
  }
  return body.sha;
}

async function sizeOf(fs: FsSeam, path: string): Promise<number | undefined> {
  const s = await fs.stat(path).catch(() => undefined);
  return s?.isFile() ? s.size : undefined;
}

/** Puts the file's blob in `blobs/` unless it is there: under its lock, resumed, verified, renamed into place. */
async function ensureBlob(run: Run, cache: RepoLayout, file: PlannedFile, report: (bytes: number) => void): Promise<void> {
  const size = contentSize(file);
  const blob = cache.blob(file.etag);
  if ((await sizeOf(run.fs, blob)) === size) {
    return;
  }
  const lock = await acquireLock(cache.lock(file.etag), run.fs, run.options.signal);
  try {
    // Another window or process may have finished it while we waited.
    if ((await sizeOf(run.fs, blob)) === size) {
      return;
    }
    const partial = cache.incomplete(file.etag);
    await mkdirFor(run.fs, partial, file.path);
    await fetchWithResume(run, file, partial, report);
    await run.fs.rename(partial, blob).catch(async (e: unknown) => Promise.reject(await diskError(e, file.path, blob, run.fs)));
  } finally {
    await lock.release();
  }
}

/** `snapshots/<commit>/<path>` → `../../blobs/<etag>` (relative, as huggingface_hub links), or a copy where links fail. */
async function linkIntoSnapshot(run: Run, cache: RepoLayout, file: PlannedFile): Promise<void> {
  const pointer = cache.snapshotFile(run.commit, file.path);
  const existing = await run.fs.lstat(pointer).catch(() => undefined);
  if (existing) {
    // huggingface_hub keeps an existing pointer: a snapshot's content never changes.
    return;
  }
  await mkdirFor(run.fs, pointer, file.path);
  try {
    await run.fs.symlink(cache.linkTarget(file.path, file.etag), pointer, 'file');
  } catch (e) {
    if (fsCode(e) === 'EEXIST') {
      // Another download of the same file linked it between the check above and now: its pointer stands.
      return;
    }
    if (!NO_SYMLINKS.has(fsCode(e) ?? '')) {
      throw await diskError(e, file.path, pointer, run.fs);
    }
    const copy = `${pointer}.copying`;
    try {
      await run.fs.copyFile(cache.blob(file.etag), copy);
      await run.fs.rename(copy, pointer);
    } catch (copyError) {
      await run.fs.rm(copy, { force: true });
      throw await diskError(copyError, file.path, pointer, run.fs);
    }
  }
}

/** `--local-dir`: the file itself, then its `.metadata` (commit, etag, time) so the next run knows it is current. */
async function downloadToFolder(run: Run, file: PlannedFile, report: (bytes: number) => void): Promise<void> {
  if (file.cached) {
    return;
  }
  const layout = folderLayout(run.plan.destination.dir);
  const target = layout.file(file.path);
  const lock = await acquireLock(layout.lock(file.path), run.fs, run.options.signal);
  try {
    const partial = layout.incomplete(file.path, file.etag);
    await mkdirFor(run.fs, partial, file.path);
    await mkdirFor(run.fs, target, file.path);
    await fetchWithResume(run, file, partial, report);
    await run.fs.rename(partial, target).catch(async (e: unknown) => Promise.reject(await diskError(e, file.path, target, run.fs)));
    await writeAtomically(run.fs, layout.metadata(file.path), formatFolderMetadata(run.commit, file.etag, Date.now()), file.path);
  } finally {
    await lock.release();
  }
}

/** transferFile, resumed after a connection lost mid-body while each attempt makes progress. */
async function fetchWithResume(run: Run, file: PlannedFile, partial: string, report: (bytes: number) => void): Promise<void> {
  const attempts = 1 + (run.options.resumeAttempts ?? 3);
  const url = resolveUrl(run.options.endpoint, run.plan, run.commit, file.path);
  for (let attempt = 1; ; attempt++) {
    let moved = false;
    try {
      const outcome = await transferFile({
        url,
        partial,
        size: contentSize(file),
        sha256: file.lfs?.oid,
        label: file.path,
        fetch: run.options.fetch,
        fs: run.fs,
        signal: run.options.signal,
        onBytes: (bytes) => {
          moved = true;
          report(bytes);
        },
      });
      run.filesWritten++;
      run.bytesWritten += outcome.received;
      return;
    } catch (e) {
      const transient = e instanceof HubError && (e.kind === 'offline' || e.kind === 'timeout');
      if (!transient || !moved || attempt >= attempts || run.options.signal?.aborted) {
        throw run.options.signal?.aborted ? new HubError('cancelled', 'The download was cancelled.', { cause: e }) : e;
      }
    }
  }
}

async function mkdirFor(fs: FsSeam, path: string, label: string): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true }).catch(async (e: unknown) => Promise.reject(await diskError(e, label, path, fs)));
}

/** Writes `text` to `path` through a temporary file and a rename: a reader sees the old content or the new, never half. */
async function writeAtomically(fs: FsSeam, path: string, text: string, label: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(temp, text);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw await diskError(e, label, path, fs);
  }
}

/** Throttled progress over the whole plan: cached bytes count as done from the start. */
function progressReporter(plan: DownloadPlan, options: DownloadOptions) {
  const interval = options.progressIntervalMs ?? 100;
  const filesTotal = plan.files.length;
  let done = plan.cachedBytes;
  let filesDone = 0;
  let last = 0;
  let latest: DownloadProgress | undefined;
  const emit = (p: DownloadProgress, force: boolean) => {
    latest = p;
    const now = Date.now();
    if (options.onProgress && (force || now - last >= interval)) {
      last = now;
      latest = undefined;
      options.onProgress(p);
    }
  };
  return {
    file(file: PlannedFile, fileBytes: number) {
      const fileTotal = contentSize(file);
      emit({ file: file.path, fileBytes, fileTotal, bytes: done + fileBytes, total: plan.totalBytes, filesDone, filesTotal }, false);
    },
    fileDone(file: PlannedFile) {
      const fileTotal = contentSize(file);
      if (!file.cached) {
        done += fileTotal;
      }
      filesDone++;
      emit({ file: file.path, fileBytes: fileTotal, fileTotal, bytes: done, total: plan.totalBytes, filesDone, filesTotal }, true);
    },
    flush() {
      if (latest && options.onProgress) {
        options.onProgress(latest);
      }
    },
  };
}
