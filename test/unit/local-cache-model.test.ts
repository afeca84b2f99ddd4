// The Local Cache view's text and order, and the deletion plans, over a cache built by hand in huggingface_hub's
// layout and read by the cache core's scan.
import assert from 'node:assert/strict';
import { lstat, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { scanCache } from '../../src/hfcache/scan';
import type { CachedRepo, CacheScan } from '../../src/hfcache/types';
import { applyDeletion } from '../../src/hfcache/delete';
import { planPrune, planRepoDeletion, planRevisionDeletion } from '../../src/hfcache/prune';
import {
  cacheMark,
  cachedAt,
  cachedRepoLabel,
  deletionQuestion,
  describeCache,
  describeCachedRepo,
  describeRevision,
  primaryRevision,
  revisionName,
  sortRepos,
  sortRevisions,
} from '../../src/localCache/model';
import { blobName, buildCache, commitOf, sampleRepos } from './local-cache-build';

let dir: string;
let scan: CacheScan;
const repo = (id: string): CachedRepo => scan.repos.find((r) => r.id === id)!;

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-cache-'));
  await buildCache(dir, sampleRepos());
  scan = await scanCache(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('Local Cache text', () => {
  test('the scan of the hand-built cache is what the view lists', () => {
    assert.deepEqual(scan.warnings, []);
    assert.deepEqual(scan.repos.map((r) => `${r.type} ${r.id}`).sort(), ['dataset hub-test/rows.v1', 'model hub-test/tiny', 'model solo']);
    // config.json is shared by both revisions: its blob counts once; the partial download's bytes count too.
    const tiny = repo('hub-test/tiny');
    assert.equal(tiny.size, 22 + 5000 + 6 + 3000 + 700);
    assert.equal(tiny.revisions.length, 2);
    assert.equal(tiny.incomplete.length, 1);
  });

  test('repos sort biggest first, then by type and id', () => {
    assert.deepEqual(
      sortRepos(scan.repos).map((r) => r.id),
      ['hub-test/tiny', 'solo', 'hub-test/rows.v1'],
    );
    const same = { ...repo('solo'), size: 8 };
    const dataset = { ...repo('hub-test/rows.v1'), size: 8 };
    assert.deepEqual(
      sortRepos([dataset, same]).map((r) => r.type),
      ['model', 'dataset'],
    );
  });

  test('revisions: main first, detached last; named by their refs or short commit', () => {
    const [main, old] = sortRevisions(repo('hub-test/tiny').revisions);
    assert.equal(revisionName(main), 'main, refs/pr/1');
    assert.equal(revisionName(old), commitOf('tiny-old').slice(0, 8));
    assert.equal(describeRevision(old), 'detached · 3 kB · 2 files');
    assert.equal(describeRevision(main), '5 kB · 3 files');
    assert.equal(primaryRevision(repo('solo'))?.refs[0], 'v1.0');
  });

  test('the cached mark and the "In your cache" line', () => {
    assert.equal(cachedAt(repo('hub-test/tiny')), '8.7 kB at main, refs/pr/1');
    assert.equal(cachedAt(repo('solo')), '107 B at v1.0');
    assert.deepEqual(cacheMark(repo('solo')), { description: 'cached 107 B', tooltip: 'In your cache: 107 B at v1.0', label: 'cached, 107 B' });
    assert.equal(cachedAt({ ...repo('solo'), revisions: [] }), '107 B, no complete revision');
  });

  test('row descriptions, the accessible label and the view description', () => {
    const tiny = repo('hub-test/tiny');
    const now = new Date(tiny.lastAccessed + 3 * 86_400_000 + 1000);
    assert.equal(describeCachedRepo(tiny, now), '8.7 kB · 2 revisions · used 3d ago · 1 partial');
    assert.equal(cachedRepoLabel(repo('hub-test/rows.v1')), 'dataset hub-test/rows.v1, 8 B on disk, 1 revision');
    assert.equal(describeCache(scan.repos), '3 repos · 8.8 kB');
  });

  test('shown text carries no bidirectional controls', () => {
    const hostile = { ...repo('solo'), id: 'evil/\u202Egnp.exe' };
    assert.equal(cachedRepoLabel(hostile).includes('\u202E'), false);
    assert.equal(deletionQuestion({ paths: ['x'], bytes: 1, summary: 'model evil/\u202Eabc' }).includes('\u202E'), false);
  });
});

describe('Local Cache deletion plans (the cache core) and their question', () => {
  test('a repo: its folder, all its bytes', () => {
    const plan = planRepoDeletion(repo('hub-test/rows.v1'));
    assert.deepEqual(plan.paths, [repo('hub-test/rows.v1').path]);
    assert.equal(plan.bytes, 8);
    assert.equal(deletionQuestion(plan), 'Delete hub-test/rows.v1 (1 revision, 8 B) from your Hugging Face cache? This frees 8 B (8 bytes) and cannot be undone.');
  });

  test('a revision frees only the blobs no other revision uses, and removes the refs that point at it', () => {
    const tiny = repo('hub-test/tiny');
    const old = planRevisionDeletion(tiny, [commitOf('tiny-old')]);
    assert.equal(old.bytes, 3000, 'the shared config.json blob stays');
    assert.equal(old.summary, '1 revision of hub-test/tiny (3 kB)');
    assert.ok(!old.paths.includes(join(tiny.path, 'blobs', blobName('{"model_type":"gpt2"}\n'))));
    const main = planRevisionDeletion(tiny, [commitOf('tiny-main')]);
    assert.equal(main.bytes, 5000 + 6);
    assert.ok(main.paths.includes(join(tiny.path, 'refs', 'main')));
    assert.ok(main.paths.includes(join(tiny.path, 'refs', 'refs', 'pr', '1')));
    const both = planRevisionDeletion(tiny, [commitOf('tiny-main'), commitOf('tiny-old')]);
    assert.equal(both.bytes, 22 + 5000 + 6 + 3000 + 700, 'every revision: the whole repo folder, partial downloads included');
    assert.deepEqual(both.paths, [tiny.path]);
  });

  test('prune: detached revisions and partial downloads older than a day, nothing else', () => {
    const plan = planPrune(scan, Date.now());
    assert.equal(plan.summary, '1 detached revision and 1 unfinished download (3.7 kB)');
    assert.equal(plan.bytes, 3000 + 700);
    assert.ok(!plan.paths.some((p) => p.includes('models--solo')), 'the recent partial download of solo is left to finish');
    assert.equal(planPrune({ ...scan, repos: [repo('hub-test/rows.v1')] }, Date.now()).paths.length, 0);
  });

  test('applying a plan frees what it said, and a rescan agrees', async () => {
    const tiny = repo('hub-test/tiny');
    const before = (await scanCache(dir)).size;
    const plan = planPrune(scan, Date.now());
    await applyDeletion(dir, plan);
    const rescan = await scanCache(dir);
    assert.equal(before - rescan.size, plan.bytes, 'the bytes the plan announced are the bytes freed');
    const after = rescan.repos.find((r) => r.id === 'hub-test/tiny')!;
    assert.deepEqual(
      after.revisions.map((r) => r.commit),
      [commitOf('tiny-main')],
    );
    assert.equal(after.incomplete.length, 0);
    assert.ok((await stat(join(tiny.path, 'snapshots', commitOf('tiny-main'), 'config.json'))).isFile(), 'main still resolves its shared blob');
    scan = rescan;
  });

  test('a plan with a path outside the cache folder is refused whole, before anything is removed', async () => {
    const inside = repo('solo').path;
    const plan = { paths: [inside, join(dir, '..', 'elsewhere')], bytes: 0, summary: 'x' };
    await assert.rejects(applyDeletion(dir, plan), /not inside the cache folder/);
    assert.ok(await exists(inside));
    await assert.rejects(applyDeletion(dir, { paths: [dir], bytes: 0, summary: 'the cache itself' }), /not inside/);
    assert.ok((await readdir(dir)).length > 0);
  });
});
