// What the Local Cache view and the "cached" marks say about a cached repo, as text: sizes, revisions, ages, the
// question before a deletion. Pure (no `vscode`): unit-tested in plain Node. Ids and paths in the cache come from
// folder names other tools wrote, so everything shown goes through withoutBidiControls.
import type { CachedRepo, CachedRevision, DeletionPlan } from '../hfcache/types';
import { age, fileSize, groupedNumber, withoutBidiControls } from '../hub/format';
import type { RepoType } from '../hub/repoId';

const TYPE_ORDER: Record<RepoType, number> = { model: 0, dataset: 1, space: 2 };
const NOUN: Record<RepoType, string> = { model: 'model', dataset: 'dataset', space: 'Space' };

/** Biggest first (what a user looks for when freeing space), then by type and id so the order is stable. */
export function sortRepos(repos: readonly CachedRepo[]): CachedRepo[] {
  return [...repos].sort((a, b) => b.size - a.size || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || compare(a.id, b.id));
}

/** Revisions with a ref first (`main` before the others), then detached ones, newest first. */
export function sortRevisions(revisions: readonly CachedRevision[]): CachedRevision[] {
  const rank = (r: CachedRevision) => (r.refs.includes('main') ? 0 : r.refs.length ? 1 : 2);
  return [...revisions].sort((a, b) => rank(a) - rank(b) || b.lastModified - a.lastModified || compare(a.commit, b.commit));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The revision a "cached" mark speaks of: the one `main` points at, else the newest. */
export function primaryRevision(repo: CachedRepo): CachedRevision | undefined {
  return sortRevisions(repo.revisions)[0];
}

/** A revision by its refs (`main, v1.0`), or by its short commit when nothing points at it. */
export function revisionName(revision: CachedRevision): string {
  return withoutBidiControls(revision.refs.length ? revision.refs.join(', ') : revision.commit.slice(0, 8));
}

/** "2.1 GB at main", the text of the card header's and the hover's "In your cache" line. */
export function cachedAt(repo: CachedRepo): string {
  const revision = primaryRevision(repo);
  return revision ? `${fileSize(repo.size)} at ${revisionName(revision)}` : `${fileSize(repo.size)}, no complete revision`;
}

/** The mark on a row of the Models, Datasets and Spaces trees. */
export interface CacheMark {
  /** Appended to the row's description: "cached 2.1 GB". */
  description: string;
  /** A tooltip line: "In your cache: 2.1 GB at main". */
  tooltip: string;
  /** Appended to the accessible label: "cached, 2.1 GB". */
  label: string;
}

export function cacheMark(repo: CachedRepo): CacheMark {
  return { description: `cached ${fileSize(repo.size)}`, tooltip: `In your cache: ${cachedAt(repo)}`, label: `cached, ${fileSize(repo.size)}` };
}

/** A repo row's description in the Local Cache view: "548 MB · 2 revisions · used 3d ago · 1 partial". */
export function describeCachedRepo(repo: CachedRepo, now: Date): string {
  const used = age(new Date(repo.lastAccessed), now);
  return [
    fileSize(repo.size),
    count(repo.revisions.length, 'revision'),
    used && `used ${used} ago`,
    repo.incomplete.length ? `${repo.incomplete.length} partial` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A repo row's tooltip: the facts, one per line. */
export function cachedRepoTooltip(repo: CachedRepo): string {
  const lines = [
    `${withoutBidiControls(repo.id)} (${NOUN[repo.type]})`,
    `Size on disk: ${fileSize(repo.size)} (${groupedNumber(repo.size)} bytes)`,
    `Revisions: ${repo.revisions.map(revisionName).join('; ') || 'none'}`,
    `Last modified: ${isoDay(repo.lastModified)}`,
    `Last accessed: ${isoDay(repo.lastAccessed)}`,
    `Folder: ${withoutBidiControls(repo.path)}`,
  ];
  if (repo.incomplete.length) {
    lines.push(`Partial downloads: ${repo.incomplete.length} (${fileSize(sum(repo.incomplete.map((f) => f.size)))})`);
  }
  return lines.join('\n');
}

/** A revision row: "main · 548 MB · 12 files", detached ones say so. */
export function describeRevision(revision: CachedRevision): string {
  return [revision.refs.length ? undefined : 'detached', fileSize(revision.size), count(revision.files.length, 'file')].filter(Boolean).join(' · ');
}

/** The accessible label of a repo row. */
export function cachedRepoLabel(repo: CachedRepo): string {
  return `${NOUN[repo.type]} ${withoutBidiControls(repo.id)}, ${fileSize(repo.size)} on disk, ${count(repo.revisions.length, 'revision')}`;
}

/** The modal question before a deletion or a prune, with the bytes it frees. */
export function deletionQuestion(plan: DeletionPlan): string {
  return `Delete ${withoutBidiControls(plan.summary)} from your Hugging Face cache? This frees ${fileSize(plan.bytes)} (${groupedNumber(plan.bytes)} bytes) and cannot be undone.`;
}

/** The status after a deletion. */
export function deletionDone(plan: DeletionPlan): string {
  return `Deleted ${withoutBidiControls(plan.summary)}: ${fileSize(plan.bytes)} freed.`;
}

/** The view's description: "3 repos · 2.7 GB". */
export function describeCache(repos: readonly CachedRepo[]): string {
  return `${count(repos.length, 'repo')} · ${fileSize(sum(repos.map((r) => r.size)))}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function isoDay(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString().slice(0, 10) : 'unknown';
}
