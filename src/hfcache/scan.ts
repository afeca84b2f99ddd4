// Reads a cache folder as huggingface_hub's `scan_cache_dir` does: repos, revisions with their refs (`refs/pr/1`
// included), snapshot files as symlinks (Python, this extension) or copies (where symlinks fail), blob sizes counted once,
// partial `.incomplete` downloads, and a warning instead of a failure for anything not in the layout. Own code rather
// than `scanCacheDir` of @huggingface/hub, which skips nested snapshot files and refs with a `/`, keeps the ref file's
// newline in the commit, and fails a whole repo (or the whole scan) on one odd entry; it also runs one stat at a time,
// where this runs a bounded number at once.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RepoType } from '../hub/repoId';
import { folderLayout, isCommitHash, parseFolderMetadata, parseRepoFolderName, repoLayout } from './layout';
import { contentSize, etagOf } from './plan';
import type { CachedFile, CachedRepo, CachedRevision, CacheScan, Destination, IncompleteFile, Presence, RemoteFile } from './types';

/** Entries of the cache folder that are not repos and not worth a warning. */
const CACHE_EXTRAS = new Set(['.locks', 'version.txt', 'CACHEDIR.TAG', '.DS_Store']);
const PARALLEL = 32;

/** Scans `dir` into repos, revisions and files; a missing folder is an empty scan, not an error. */
export async function scanCache(dir: string): Promise<CacheScan> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') {
      return { dir, repos: [], size: 0, warnings: [] };
    }
    throw e;
  }
  const warnings: string[] = [];
  const found: { path: string; type: RepoType; id: string }[] = [];
  for (const entry of entries) {
    if (CACHE_EXTRAS.has(entry.name)) {
      continue;
    }
    const parsed = entry.isDirectory() ? parseRepoFolderName(entry.name) : undefined;
    if (parsed) {
      found.push({ path: join(dir, entry.name), ...parsed });
    } else {
      warnings.push(`${entry.name}: not a repo folder of the cache (skipped).`);
    }
  }
  const repos = (await mapLimit(found, PARALLEL, (repo) => scanRepo(repo.path, repo.type, repo.id, warnings))).filter(
    (r): r is CachedRepo => r !== undefined,
  );
  repos.sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  return { dir, repos, size: repos.reduce((sum, r) => sum + r.size, 0), warnings };
}

/** One repo folder; undefined (with a warning) when it cannot be read at all. */
async function scanRepo(root: string, type: RepoType, id: string, warnings: string[]): Promise<CachedRepo | undefined> {
  const name = root.slice(dirname(root).length + 1);
  let rootStat: Stats;
  try {
    rootStat = await stat(root);
  } catch (e) {
    warnings.push(`${name}: cannot be read (${codeOf(e) ?? String(e)}).`);
    return undefined;
  }
  const blobs = new Map<string, Stats>();
  const incomplete: IncompleteFile[] = [];
  const blobsDir = join(root, 'blobs');
  const blobNames = await listNames(blobsDir);
  await mapLimit(blobNames, PARALLEL, async (blob) => {
    const path = join(blobsDir, blob);
    const s = await lstat(path).catch(() => undefined);
    if (!s?.isFile()) {
      return;
    }
    if (blob.endsWith('.incomplete')) {
      incomplete.push({ path, size: s.size, lastModified: s.mtimeMs });
    } else {
      blobs.set(path, s);
    }
  });

  const refsByCommit = await readRefs(join(root, 'refs'), name, warnings);
  const revisions: CachedRevision[] = [];
  const copies = new Map<string, Stats>();
  const snapshotsDir = join(root, 'snapshots');
  for (const commit of await listNames(snapshotsDir)) {
    const snapshotPath = join(snapshotsDir, commit);
    const snapStat = await stat(snapshotPath).catch(() => undefined);
    if (!snapStat?.isDirectory()) {
      warnings.push(`${name}: snapshots/${commit} is not a folder (skipped).`);
      continue;
    }
    if (!isCommitHash(commit)) {
      warnings.push(`${name}: snapshots/${commit} is not named by a commit.`);
    }
    const files = await scanSnapshot(snapshotPath, blobs, copies);
    const distinct = new Map(files.map((f) => [f.blobPath, f.size]));
    revisions.push({
      commit,
      refs: (refsByCommit.get(commit) ?? []).sort(),
      size: [...distinct.values()].reduce((sum, s) => sum + s, 0),
      files,
      snapshotPath,
      lastModified: files.length > 0 ? Math.max(...files.map((f) => f.lastModified)) : snapStat.mtimeMs,
    });
    refsByCommit.delete(commit);
  }
  for (const [commit, refs] of refsByCommit) {
    warnings.push(`${name}: ${refs.join(', ')} point${refs.length === 1 ? 's' : ''} at ${commit.slice(0, 12)}, which is not in snapshots/.`);
  }
  revisions.sort((a, b) => b.lastModified - a.lastModified);
  const all = [...blobs.values(), ...copies.values()];
  const sizes = [...all.map((s) => s.size), ...incomplete.map((f) => f.size)];
  return {
    type,
    id,
    path: root,
    size: sizes.reduce((sum, s) => sum + s, 0),
    revisions,
    incomplete,
    lastAccessed: all.length > 0 ? Math.max(...all.map((s) => s.atimeMs)) : rootStat.atimeMs,
    lastModified: all.length > 0 ? Math.max(...all.map((s) => s.mtimeMs)) : rootStat.mtimeMs,
  };
}

/** Refs under `refs/` (nested for `refs/pr/1`), each file holding a commit; grouped by commit. */
async function readRefs(refsDir: string, name: string, warnings: string[]): Promise<Map<string, string[]>> {
  const byCommit = new Map<string, string[]>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await listEntries(dir)) {
      const ref = prefix + entry.name;
      if (entry.isDirectory()) {
        await walk(join(dir, entry.name), `${ref}/`);
        continue;
      }
      const commit = (await readFile(join(dir, entry.name), 'utf8').catch(() => '')).trim();
      if (!isCommitHash(commit)) {
        warnings.push(`${name}: refs/${ref} does not hold a commit id (skipped).`);
        continue;
      }
      byCommit.set(commit, [...(byCommit.get(commit) ?? []), ref]);
    }
  };
  await walk(refsDir, '');
  return byCommit;
}

/** Files of one snapshot, nested folders included: links resolve to their blob, copies count as their own blob. */
async function scanSnapshot(snapshotPath: string, blobs: Map<string, Stats>, copies: Map<string, Stats>): Promise<CachedFile[]> {
  const found: { path: string; full: string; entry: Dirent }[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await listEntries(dir)) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full, `${prefix}${entry.name}/`);
      } else {
        found.push({ path: prefix + entry.name, full, entry });
      }
    }
  };
  await walk(snapshotPath, '');
  const files = await mapLimit(found, PARALLEL, async ({ path, full, entry }): Promise<CachedFile | undefined> => {
    let blobPath = full;
    let s: Stats | undefined;
    if (entry.isSymbolicLink()) {
      const target = await readlink(full).catch(() => undefined);
      if (target === undefined) {
        return undefined;
      }
      blobPath = isAbsolute(target) ? target : resolve(dirname(full), target);
      s = blobs.get(blobPath) ?? (await stat(blobPath).catch(() => undefined));
      if (s?.isFile() && !blobs.has(blobPath)) {
        // A link to something outside blobs/ (or a blob scanned under another spelling of the path): counted once.
        copies.set(blobPath, s);
      }
    } else if (entry.isFile()) {
      s = await stat(full).catch(() => undefined);
      if (s) {
        copies.set(full, s);
      }
    }
    if (!s?.isFile()) {
      return undefined;
    }
    return { path, size: s.size, blobPath, lastAccessed: s.atimeMs, lastModified: s.mtimeMs };
  });
  return files.filter((f): f is CachedFile => f !== undefined).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Which of `files` are complete at `destination` and how much of the others a resumable partial file holds. */
export async function inspectDestination(destination: Destination, type: RepoType, id: string, files: RemoteFile[]): Promise<Presence> {
  const complete = new Set<string>();
  const partialBytes = new Map<string, number>();
  await mapLimit(files, PARALLEL, async (file) => {
    const etag = etagOf(file);
    const size = contentSize(file);
    if (destination.kind === 'cache') {
      const layout = repoLayout(destination.dir, type, id);
      const blob = await sizeOf(layout.blob(etag));
      if (blob === size) {
        complete.add(file.path);
        return;
      }
      const partial = await sizeOf(layout.incomplete(etag));
      if (partial !== undefined && partial > 0 && partial <= size) {
        partialBytes.set(file.path, partial);
      }
      return;
    }
    const layout = folderLayout(destination.dir);
    const [onDisk, metadata] = await Promise.all([
      stat(layout.file(file.path)).catch(() => undefined),
      readFile(layout.metadata(file.path), 'utf8').then(parseFolderMetadata, () => undefined),
    ]);
    // huggingface_hub trusts the metadata while the file is not newer than it (1 s of slack) and the etag is the same.
    if (onDisk?.isFile() && onDisk.size === size && metadata?.etag === etag && onDisk.mtimeMs <= metadata.timestamp + 1000) {
      complete.add(file.path);
      return;
    }
    const partial = await sizeOf(layout.incomplete(file.path, etag));
    if (partial !== undefined && partial > 0 && partial <= size) {
      partialBytes.set(file.path, partial);
    }
  });
  return { complete, partialBytes };
}

async function sizeOf(path: string): Promise<number | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s?.isFile() ? s.size : undefined;
}

async function listEntries(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

async function listNames(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `items.map(fn)` with at most `limit` calls running at once; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
