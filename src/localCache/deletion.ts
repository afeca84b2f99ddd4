// What deleting a repo, some revisions or pruning removes from the cache, and the bytes it frees: planned from a scan
// before anything is touched, as `hf cache rm` / `hf cache prune` do, then applied path by path, each checked to be
// inside the cache folder. The pinned API of src/hfcache/ (planRepoDeletion, planRevisionDeletion, planPrune,
// applyDeletion); src/localCache/core.ts is the one place that chooses these functions.
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CachedRepo, CachedRevision, CacheScan, DeletionPlan } from '../hfcache/types';

/** A partial download untouched this long is stale: no download is writing it any more. */
export const STALE_INCOMPLETE_MS = 24 * 60 * 60 * 1000;

const NOUN = { model: 'model', dataset: 'dataset', space: 'Space' } as const;

export function planRepoDeletion(repo: CachedRepo): DeletionPlan {
  return { paths: [repo.path], bytes: repo.size, summary: `${NOUN[repo.type]} ${repo.id}` };
}

/**
 * The snapshots of `commits`, the refs that point at them, and the blobs no other revision of the repo uses. Bytes
 * count those blobs once each: what the disk gets back.
 */
export function planRevisionDeletion(repo: CachedRepo, commits: readonly string[]): DeletionPlan {
  const doomed = repo.revisions.filter((r) => commits.includes(r.commit));
  const { paths, bytes } = revisionPaths(repo, doomed);
  const summary = doomed.length === 1 ? `revision ${revisionLabel(doomed[0])} of ${repo.id}` : `${doomed.length} revisions of ${repo.id}`;
  return { paths, bytes, summary };
}

/** Detached revisions (no ref points at them) and partial downloads not written to for a day, in every repo. */
export function planPrune(scan: CacheScan, now: number): DeletionPlan {
  const paths: string[] = [];
  let bytes = 0;
  let revisions = 0;
  let partials = 0;
  for (const repo of scan.repos) {
    const detached = repo.revisions.filter((r) => r.refs.length === 0);
    const planned = revisionPaths(repo, detached);
    paths.push(...planned.paths);
    bytes += planned.bytes;
    revisions += detached.length;
    for (const file of repo.incomplete) {
      if (now - file.lastModified >= STALE_INCOMPLETE_MS) {
        paths.push(file.path);
        bytes += file.size;
        partials++;
      }
    }
  }
  const parts = [revisions ? plural(revisions, 'detached revision') : undefined, partials ? plural(partials, 'stale partial download') : undefined];
  return { paths, bytes, summary: parts.filter(Boolean).join(' and ') || 'nothing' };
}

/** Removes the plan's paths; refuses the whole plan when any path is not strictly inside `cacheDir`. */
export async function applyDeletion(cacheDir: string, plan: DeletionPlan): Promise<void> {
  const root = resolve(cacheDir);
  const outside = plan.paths.find((p) => {
    const rel = relative(root, resolve(p));
    return rel === '' || rel.startsWith('..') || isAbsolute(rel);
  });
  if (outside !== undefined) {
    throw new Error(`Refused: ${outside} is not inside the cache folder ${root}.`);
  }
  for (const path of plan.paths) {
    await rm(path, { recursive: true, force: true });
  }
}

function revisionPaths(repo: CachedRepo, doomed: readonly CachedRevision[]): { paths: string[]; bytes: number } {
  if (doomed.length === 0) {
    return { paths: [], bytes: 0 };
  }
  const kept = new Set(repo.revisions.filter((r) => !doomed.includes(r)).flatMap((r) => r.files.map((f) => f.blobPath)));
  const blobs = new Map<string, number>();
  for (const file of doomed.flatMap((r) => r.files)) {
    if (!kept.has(file.blobPath) && file.blobPath.startsWith(join(repo.path, 'blobs'))) {
      blobs.set(file.blobPath, file.size);
    }
  }
  const refs = doomed.flatMap((r) => r.refs.map((ref) => join(repo.path, 'refs', ...ref.split('/'))));
  const paths = [...doomed.map((r) => r.snapshotPath), ...refs, ...blobs.keys()];
  // A snapshot of copies (no symlinks) holds its bytes itself.
  const copies = doomed.flatMap((r) => r.files).filter((f) => !f.blobPath.startsWith(join(repo.path, 'blobs')));
  const bytes = [...blobs.values(), ...copies.map((f) => f.size)].reduce((a, b) => a + b, 0);
  return { paths, bytes };
}

function revisionLabel(revision: CachedRevision): string {
  return revision.refs.length ? revision.refs.join(', ') : revision.commit.slice(0, 8);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
