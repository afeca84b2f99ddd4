// What deleting a repo, some of its revisions or pruning the cache removes, and the bytes it frees, shown before the
// user confirms. Revisions go as huggingface_hub's `delete_revisions` strategy has it: their snapshot folders and refs,
// and only the blobs no remaining revision points at; a repo left without revisions goes whole. No I/O here.
import { fileSize } from '../hub/format';
import { joinPath } from './layout';
import type { CachedRepo, CacheScan, DeletionPlan } from './types';

/** `.incomplete` files untouched for this long are abandoned downloads that prune removes. */
export const STALE_INCOMPLETE_MS = 24 * 60 * 60 * 1000;

/** Deleting the whole repo folder: every blob, snapshot, ref and partial download in it. */
export function planRepoDeletion(repo: CachedRepo): DeletionPlan {
  const n = repo.revisions.length;
  return { paths: [repo.path], bytes: repo.size, summary: `${repo.id} (${n} revision${n === 1 ? '' : 's'}, ${fileSize(repo.size)})` };
}

/** Deleting the revisions `commits` of `repo`: their snapshots and refs, and the blobs only they use. */
export function planRevisionDeletion(repo: CachedRepo, commits: string[]): DeletionPlan {
  const chosen = new Set(commits);
  const going = repo.revisions.filter((r) => chosen.has(r.commit));
  if (going.length === 0) {
    return { paths: [], bytes: 0, summary: `nothing of ${repo.id}` };
  }
  if (going.length === repo.revisions.length) {
    return planRepoDeletion(repo);
  }
  const kept = new Set(repo.revisions.filter((r) => !chosen.has(r.commit)).flatMap((r) => r.files.map((f) => f.blobPath)));
  const paths: string[] = [];
  const freed = new Map<string, number>();
  for (const revision of going) {
    paths.push(revision.snapshotPath);
    for (const ref of revision.refs) {
      paths.push(joinPath(repo.path, 'refs', ref));
    }
    for (const file of revision.files) {
      if (!kept.has(file.blobPath)) {
        freed.set(file.blobPath, file.size);
      }
    }
  }
  // A copy (not a link) lives inside the snapshot folder, which goes anyway; blobs/ entries are listed one by one.
  const snapshots = going.map((r) => r.snapshotPath);
  for (const blob of freed.keys()) {
    if (!snapshots.some((s) => isInside(blob, s))) {
      paths.push(blob);
    }
  }
  const bytes = [...freed.values()].reduce((sum, s) => sum + s, 0);
  const n = going.length;
  return { paths, bytes, summary: `${n} revision${n === 1 ? '' : 's'} of ${repo.id} (${fileSize(bytes)})` };
}

/** Prune: revisions no ref points at, and `.incomplete` files older than `staleMs` (default a day) at `now`. */
export function planPrune(scan: CacheScan, now: number, staleMs: number = STALE_INCOMPLETE_MS): DeletionPlan {
  const paths: string[] = [];
  let bytes = 0;
  let revisions = 0;
  let partials = 0;
  for (const repo of scan.repos) {
    const detached = repo.revisions.filter((r) => r.refs.length === 0).map((r) => r.commit);
    const plan = planRevisionDeletion(repo, detached);
    paths.push(...plan.paths);
    bytes += plan.bytes;
    revisions += detached.length;
    const wholeRepo = plan.paths.length === 1 && plan.paths[0] === repo.path;
    for (const file of repo.incomplete) {
      if (now - file.lastModified > staleMs) {
        partials++;
        bytes += file.size;
        if (!wholeRepo) {
          paths.push(file.path);
        }
      }
    }
  }
  const parts = [
    revisions > 0 ? `${revisions} detached revision${revisions === 1 ? '' : 's'}` : '',
    partials > 0 ? `${partials} unfinished download${partials === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return { paths, bytes, summary: parts.length > 0 ? `${parts.join(' and ')} (${fileSize(bytes)})` : 'nothing to prune' };
}

function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder) && (path[folder.length] === '/' || path[folder.length] === '\\');
}
