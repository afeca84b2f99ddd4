// Scanning caches written by Python's huggingface_hub (built by hand in its documented layout), by @huggingface/hub,
// and refusing deletions outside the cache.
import assert from 'node:assert/strict';
import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadFileToCacheDir, scanCacheDir } from '@huggingface/hub';
import { applyDeletion } from '../../src/hfcache/delete';
import { planRevisionDeletion } from '../../src/hfcache/prune';
import { inspectDestination, scanCache } from '../../src/hfcache/scan';
import { startHubServer, type HubServer } from '../hub-server/server.mjs';
import { DOWNLOADS, remoteFiles, tempDir } from './hfcache-helpers';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const B1 = 'a'.repeat(40);
const B2 = 'b'.repeat(64);
const B3 = 'c'.repeat(40);

/** A cache as Python's huggingface_hub leaves it: links, a copy, nested files, refs/pr/1, a partial file, foreign entries. */
async function buildPythonCache(dir: string): Promise<string> {
  const repo = join(dir, 'models--org--tiny.model-v1.5');
  await mkdir(join(repo, 'blobs'), { recursive: true });
  await writeFile(join(repo, 'blobs', B1), 'x'.repeat(100));
  await writeFile(join(repo, 'blobs', B2), 'y'.repeat(2000));
  await writeFile(join(repo, 'blobs', B3), 'z'.repeat(30));
  await writeFile(join(repo, 'blobs', `${'d'.repeat(64)}.incomplete`), 'p'.repeat(500));
  await mkdir(join(repo, 'refs', 'refs', 'pr'), { recursive: true });
  await writeFile(join(repo, 'refs', 'main'), C1); // Python writes no newline
  await writeFile(join(repo, 'refs', 'refs', 'pr', '1'), `${C2}\n`);
  await mkdir(join(repo, 'snapshots', C1, 'onnx'), { recursive: true });
  await symlink(`../../blobs/${B1}`, join(repo, 'snapshots', C1, 'config.json'));
  await symlink(`../../../blobs/${B2}`, join(repo, 'snapshots', C1, 'onnx', 'model.onnx'));
  await mkdir(join(repo, 'snapshots', C2), { recursive: true });
  await symlink(`../../blobs/${B1}`, join(repo, 'snapshots', C2, 'config.json'));
  // Where symlinks fail, huggingface_hub copies the file into the snapshot.
  await writeFile(join(repo, 'snapshots', C2, 'extra.txt'), 'w'.repeat(40));
  await mkdir(join(dir, '.locks', 'models--org--tiny.model-v1.5'), { recursive: true });
  await writeFile(join(dir, 'version.txt'), '1');
  await mkdir(join(dir, 'not-a-repo'));
  await mkdir(join(dir, 'datasets--org--data', 'snapshots'), { recursive: true });
  return repo;
}

let hub: HubServer;
before(async () => {
  hub = await startHubServer();
});
after(async () => {
  await hub.close();
});

describe('scanCache', () => {
  it('a missing folder is an empty scan', async () => {
    assert.deepEqual(await scanCache('/nonexistent/hf-cache'), { dir: '/nonexistent/hf-cache', repos: [], size: 0, warnings: [] });
  });

  it("reads Python's layout: links, copies, nested files, refs with slashes, partial files, foreign folders", async () => {
    const { dir, cleanup } = await tempDir('py');
    try {
      const root = await buildPythonCache(dir);
      const scan = await scanCache(dir);
      assert.deepEqual(scan.repos.map((r) => [r.type, r.id]), [['dataset', 'org/data'], ['model', 'org/tiny.model-v1.5']]);
      assert.deepEqual(scan.warnings, ['not-a-repo: not a repo folder of the cache (skipped).']);
      const repo = scan.repos[1];
      assert.ok(repo);
      assert.equal(repo.path, root);
      assert.equal(repo.size, 100 + 2000 + 30 + 500 + 40);
      assert.deepEqual(repo.incomplete.map((f) => f.size), [500]);
      const byCommit = new Map(repo.revisions.map((r) => [r.commit, r]));
      assert.deepEqual(byCommit.get(C1)?.refs, ['main']);
      assert.deepEqual(byCommit.get(C2)?.refs, ['refs/pr/1']);
      assert.deepEqual(byCommit.get(C1)?.files.map((f) => [f.path, f.size]), [['config.json', 100], ['onnx/model.onnx', 2000]]);
      assert.equal(byCommit.get(C1)?.size, 2100);
      assert.equal(byCommit.get(C1)?.files[1]?.blobPath, join(root, 'blobs', B2));
      const copy = byCommit.get(C2)?.files.find((f) => f.path === 'extra.txt');
      assert.equal(copy?.blobPath, join(root, 'snapshots', C2, 'extra.txt'));
      assert.equal(scan.size, repo.size);

      // Deleting the PR revision frees its copy, keeps the shared blob, and removes its ref.
      const plan = planRevisionDeletion(repo, [C2]);
      assert.equal(plan.bytes, 40);
      await applyDeletion(dir, plan);
      assert.deepEqual(await readdir(join(root, 'snapshots')), [C1]);
      assert.deepEqual(await readdir(join(root, 'refs', 'refs', 'pr')), []);
      assert.ok(await stat(join(root, 'blobs', B1)));
    } finally {
      await cleanup();
    }
  });

  it('refuses a deletion that names anything outside the cache, deleting nothing', async () => {
    const { dir, cleanup } = await tempDir('del');
    try {
      await buildPythonCache(dir);
      const inside = join(dir, 'not-a-repo');
      for (const outside of [dir, join(dir, '..'), '/etc', join(dir, '..', 'x')]) {
        await assert.rejects(applyDeletion(dir, { paths: [inside, outside], bytes: 0, summary: '' }), /Refused to delete/);
        assert.ok(await stat(inside), 'nothing deleted');
      }
    } finally {
      await cleanup();
    }
  });

  it('reads a cache written by @huggingface/hub downloadFileToCacheDir', async () => {
    const { dir, cleanup } = await tempDir('hubjs');
    try {
      const { commit } = await remoteFiles(hub.url, 'model', DOWNLOADS.dotted);
      for (const path of ['config.json', 'model.safetensors']) {
        await downloadFileToCacheDir({ repo: { type: 'model', name: DOWNLOADS.dotted }, path, revision: commit, hubUrl: hub.url, cacheDir: dir });
      }
      const [ours, theirs] = await Promise.all([scanCache(dir), scanCacheDir(dir)]);
      assert.equal(ours.repos.length, 1);
      const repo = ours.repos[0];
      assert.equal(repo?.id, DOWNLOADS.dotted);
      assert.deepEqual(repo?.revisions.map((r) => r.commit), [commit]);
      assert.deepEqual(repo?.revisions[0]?.files.map((f) => f.path), ['config.json', 'model.safetensors']);
      const blobs = join(dir, 'models--hub-test--tiny.model-v1.5', 'blobs');
      const sizes = await Promise.all((await readdir(blobs)).map(async (b) => (await stat(join(blobs, b))).size));
      assert.equal(repo?.size, sizes.reduce((a, b) => a + b, 0));
      // scanCacheDir itself cannot list what downloadFileToCacheDir wrote at a commit (no refs/ folder): why scan.ts is ours.
      assert.equal(theirs.repos.length, 0);
      assert.match(String(theirs.warnings[0]), /ENOENT.*refs/);
    } finally {
      await cleanup();
    }
  });

  it('inspectDestination finds complete blobs and partial sizes', async () => {
    const { dir, cleanup } = await tempDir('inspect');
    try {
      const { files } = await remoteFiles(hub.url, 'model', DOWNLOADS.dotted);
      const lfs = files.find((f) => f.lfs);
      const small = files.find((f) => f.path === 'config.json');
      assert.ok(lfs?.lfs && small);
      const blobs = join(dir, 'models--hub-test--tiny.model-v1.5', 'blobs');
      await mkdir(blobs, { recursive: true });
      await writeFile(join(blobs, small.oid), 'x'.repeat(small.size));
      await writeFile(join(blobs, `${lfs.lfs.oid}.incomplete`), 'y'.repeat(1000));
      const presence = await inspectDestination({ kind: 'cache', dir }, 'model', DOWNLOADS.dotted, files);
      assert.deepEqual([...presence.complete], ['config.json']);
      assert.deepEqual([...presence.partialBytes], [[lfs.path, 1000]]);
    } finally {
      await cleanup();
    }
  });
});
