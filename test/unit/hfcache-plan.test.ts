// Download plans (what is fetched, what is already there, what a partial file saves), the disk check, and deletion plans.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diskWarning, planDownload } from '../../src/hfcache/plan';
import { planPrune, planRepoDeletion, planRevisionDeletion } from '../../src/hfcache/prune';
import type { CachedRepo, CachedRevision, Presence, RemoteFile } from '../../src/hfcache/types';

const sha = (c: string, n: number) => c.repeat(n);
const FILES: RemoteFile[] = [
  { path: 'config.json', size: 300, oid: sha('1', 40) },
  { path: 'model.safetensors', size: 134, oid: sha('2', 40), lfs: { oid: sha('a', 64), size: 4_000_000 } },
  { path: 'pytorch_model.bin', size: 134, oid: sha('3', 40), lfs: { oid: sha('b', 64), size: 5_000_000 } },
  { path: 'copy/config.json', size: 300, oid: sha('1', 40) },
];
const none: Presence = { complete: new Set(), partialBytes: new Map() };
const base = { type: 'model' as const, id: 'o/n', revision: 'main', commit: sha('c', 40), files: FILES };

describe('planDownload', () => {
  it('selects by pattern, sizes LFS files by their content and names blobs by etag', () => {
    const plan = planDownload({ ...base, exclude: ['*.bin'], destination: { kind: 'cache', dir: '/c' }, presence: none });
    assert.deepEqual(plan.files.map((f) => [f.path, f.etag]), [
      ['config.json', sha('1', 40)],
      ['model.safetensors', sha('a', 64)],
      ['copy/config.json', sha('1', 40)],
    ]);
    assert.equal(plan.totalBytes, 4_000_600);
    // One blob for two paths with one content: fetched once.
    assert.equal(plan.fetchBytes, 4_000_300);
    assert.equal(plan.cachedBytes, 0);
  });
  it('counts complete files as cached and partial files as half done', () => {
    const presence: Presence = { complete: new Set(['config.json', 'copy/config.json']), partialBytes: new Map([['model.safetensors', 1_000_000], ['pytorch_model.bin', 9e9]]) };
    const plan = planDownload({ ...base, destination: { kind: 'cache', dir: '/c' }, presence });
    assert.equal(plan.cachedBytes, 600);
    const byPath = new Map(plan.files.map((f) => [f.path, f]));
    assert.equal(byPath.get('model.safetensors')?.partialBytes, 1_000_000);
    // A partial file larger than the file is not trusted beyond the file's size.
    assert.equal(byPath.get('pytorch_model.bin')?.partialBytes, 5_000_000);
    assert.equal(plan.fetchBytes, 3_000_000);
    assert.equal(plan.totalBytes, 9_000_600);
  });
  it('a folder gets one file per path', () => {
    const plan = planDownload({ ...base, include: ['*config.json'], destination: { kind: 'folder', dir: '/f' }, presence: none });
    assert.equal(plan.fetchBytes, 600);
  });
  it('warns when the bytes to fetch do not fit in the free space less a margin', () => {
    const plan = planDownload({ ...base, destination: { kind: 'cache', dir: '/c' }, presence: none });
    assert.equal(diskWarning(plan, 10e9), undefined);
    assert.match(diskWarning(plan, 100e6) ?? '', /needs 9 MB: it would leave less than 256 MB free on the disk of \/c/);
    assert.match(diskWarning(plan, 1e6) ?? '', /needs 9 MB but only 1 MB are free/);
    assert.equal(diskWarning({ ...plan, fetchBytes: 0 }, 0), undefined);
  });
});

const revision = (commit: string, refs: string[], blobs: [string, number][], root = '/c/models--o--n'): CachedRevision => ({
  commit,
  refs,
  size: blobs.reduce((s, [, n]) => s + n, 0),
  files: blobs.map(([name, size]) => ({ path: name, size, blobPath: `${root}/blobs/${name}`, lastAccessed: 0, lastModified: 0 })),
  snapshotPath: `${root}/snapshots/${commit}`,
  lastModified: 0,
});
const repo = (revisions: CachedRevision[], incomplete: CachedRepo['incomplete'] = []): CachedRepo => ({
  type: 'model', id: 'o/n', path: '/c/models--o--n', size: 1000, revisions, incomplete, lastAccessed: 0, lastModified: 0,
});
const C1 = sha('1', 40);
const C2 = sha('2', 40);

describe('deletion plans', () => {
  const shared = repo([revision(C1, ['main'], [['x', 100], ['y', 200]]), revision(C2, ['refs/pr/1'], [['x', 100], ['z', 50]])]);
  it('a repo goes whole', () => {
    assert.deepEqual(planRepoDeletion(shared), { paths: ['/c/models--o--n'], bytes: 1000, summary: 'o/n (2 revisions, 1 kB)' });
  });
  it('a revision takes its snapshot, its refs and only the blobs no other revision uses', () => {
    const plan = planRevisionDeletion(shared, [C2]);
    assert.deepEqual(plan.paths, [`/c/models--o--n/snapshots/${C2}`, '/c/models--o--n/refs/refs/pr/1', '/c/models--o--n/blobs/z']);
    assert.equal(plan.bytes, 50);
    assert.match(plan.summary, /^1 revision of o\/n/);
  });
  it('deleting every revision deletes the repo', () => {
    assert.deepEqual(planRevisionDeletion(shared, [C1, C2]).paths, ['/c/models--o--n']);
    assert.deepEqual(planRevisionDeletion(shared, ['f'.repeat(40)]).paths, []);
  });
  it('prune takes detached revisions and stale partial downloads', () => {
    const now = 10 * 86_400_000;
    const partials = [
      { path: '/c/models--o--n/blobs/old.incomplete', size: 7, lastModified: now - 2 * 86_400_000 },
      { path: '/c/models--o--n/blobs/new.incomplete', size: 9, lastModified: now - 60_000 },
    ];
    const scan = { dir: '/c', size: 0, warnings: [], repos: [repo([revision(C1, ['main'], [['x', 100]]), revision(C2, [], [['x', 100], ['w', 30]])], partials)] };
    const plan = planPrune(scan, now);
    assert.deepEqual(plan.paths, [`/c/models--o--n/snapshots/${C2}`, '/c/models--o--n/blobs/w', '/c/models--o--n/blobs/old.incomplete']);
    assert.equal(plan.bytes, 37);
    assert.equal(plan.summary, '1 detached revision and 1 unfinished download (37 B)');
    assert.equal(planPrune({ ...scan, repos: [repo([revision(C1, ['main'], [['x', 1]])])] }, now).summary, 'nothing to prune');
  });
});
