// Downloads against the embedded Hub (LFS files from its CDN origin): the layout others read, resume, verification,
// faults at the network and at the file-system seam, and one blob for two concurrent downloads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { downloadFileToCacheDir, scanCacheDir } from '@huggingface/hub';
import { HubError } from '../../src/hub/errors';
import { downloadPlan } from '../../src/hfcache/download';
import { nodeFs, type FsSeam } from '../../src/hfcache/fsSeam';
import { scanCache } from '../../src/hfcache/scan';
import type { DownloadPlan } from '../../src/hfcache/types';
import { startHubServer, TEST_USERS, type HubServer } from '../hub-server/server.mjs';
import { DOWNLOADS, makePlan, tempDir, testDownloadFetch } from './hfcache-helpers';

let hub: HubServer;
let dir: string;
let cleanup: () => Promise<void>;

before(async () => {
  hub = await startHubServer();
});
after(async () => {
  await hub.close();
});
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('dl'));
  hub.clearFaults();
  hub.clearRequests();
});

const run = (plan: DownloadPlan, extra: { token?: string; signal?: AbortSignal; fs?: FsSeam; onProgress?: Parameters<typeof downloadPlan>[1]['onProgress'] } = {}) =>
  downloadPlan(plan, { endpoint: hub.url, fetch: testDownloadFetch(hub.url, { token: extra.token }), signal: extra.signal, fs: extra.fs, onProgress: extra.onProgress });
const repoRoot = (id: string) => join(dir, `models--${id.split('/').join('--')}`);
const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const resolveRequests = () => hub.requests.filter((r) => r.path.includes('/resolve/')).length + hub.cdnRequests.length;

describe('downloadPlan into the cache', () => {
  it("writes huggingface_hub's layout, which @huggingface/hub then reads without downloading anything", async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small);
      const progress: number[] = [];
      const result = await run(plan, { onProgress: (p) => progress.push(p.bytes) });
      const root = repoRoot(DOWNLOADS.small);
      assert.equal(result.path, join(root, 'snapshots', plan.commit));
      assert.equal(result.filesWritten, plan.files.length);
      assert.equal(result.bytesWritten, plan.totalBytes);
      assert.equal(progress.at(-1), plan.totalBytes);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress only grows');
      assert.equal((await readFile(join(root, 'refs', 'main'), 'utf8')), plan.commit);
      assert.equal(await readlink(join(result.path, 'onnx', 'model.onnx')), `../../../blobs/${plan.files.find((f) => f.path === 'onnx/model.onnx')?.etag}`);
      for (const file of plan.files) {
        const pointer = join(result.path, file.path);
        assert.ok((await lstat(pointer)).isSymbolicLink(), file.path);
        assert.equal((await stat(pointer)).size, file.lfs?.size ?? file.size);
        if (file.lfs) {
          assert.equal(await sha256(pointer), file.lfs.oid);
        }
      }
      assert.deepEqual((await readdir(join(root, 'blobs'))).filter((b) => b.endsWith('.incomplete')), []);
      assert.ok(hub.cdnRequests.length > 0 && hub.cdnRequests.every((r) => !r.headers.authorization), 'no token to the CDN');

      const theirs = await scanCacheDir(dir);
      assert.deepEqual(theirs.warnings, []);
      assert.equal(theirs.repos[0]?.revisions[0]?.commitOid, plan.commit);
      assert.deepEqual(theirs.repos[0]?.revisions[0]?.refs, ['main']);

      hub.clearRequests();
      for (const file of plan.files) {
        const found = await downloadFileToCacheDir({ repo: { type: 'model', name: DOWNLOADS.small }, path: file.path, revision: plan.commit, hubUrl: hub.url, cacheDir: dir });
        assert.equal(found, join(result.path, file.path));
      }
      assert.equal(hub.requests.length + hub.cdnRequests.length, 0, 'the library downloaded nothing');

      const again = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small);
      assert.equal(again.fetchBytes, 0);
      hub.clearRequests();
      assert.equal((await run(again)).filesWritten, 0);
      assert.equal(resolveRequests(), 0, 'a second download fetches nothing');
      const ours = await scanCache(dir);
      assert.equal(ours.repos[0]?.size, plan.totalBytes);
      assert.equal(ours.repos[0]?.revisions[0]?.files.length, plan.files.length);
    } finally {
      await cleanup();
    }
  });

  it('writes refs/refs/pr/1 for a pull request revision, and keeps ids with dots', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.revisions, { revision: 'refs/pr/1', include: ['config.json'] });
      await run(plan);
      assert.equal(await readFile(join(repoRoot(DOWNLOADS.revisions), 'refs', 'refs', 'pr', '1'), 'utf8'), plan.commit);
      const dotted = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.dotted, { include: ['*.json'] });
      await run(dotted);
      const scan = await scanCache(dir);
      assert.deepEqual(scan.repos.map((r) => [r.id, r.revisions[0]?.refs]), [[DOWNLOADS.revisions, ['refs/pr/1']], [DOWNLOADS.dotted, ['main']]]);
    } finally {
      await cleanup();
    }
  });

  it('cancelled mid-file, leaves a resumable .incomplete; the next run asks for the rest once and verifies every byte', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['model.safetensors'] });
      const file = plan.files[0];
      assert.ok(file?.lfs);
      hub.inject({ on: 'cdn', dripMs: 5, dripBytes: 64 * 1024, times: 1 });
      const controller = new AbortController();
      await assert.rejects(
        run(plan, { signal: controller.signal, onProgress: (p) => p.fileBytes > 1_000_000 && controller.abort() }),
        (e: unknown) => e instanceof HubError && e.kind === 'cancelled',
      );
      const partial = join(repoRoot(DOWNLOADS.small), 'blobs', `${file.etag}.incomplete`);
      const kept = (await stat(partial)).size;
      assert.ok(kept > 0 && kept < file.lfs.size, `kept ${kept}`);
      await assert.rejects(readdir(join(repoRoot(DOWNLOADS.small), 'snapshots')), 'nothing linked');

      hub.clearRequests();
      const resumed = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['model.safetensors'] });
      assert.equal(resumed.files[0]?.partialBytes, kept);
      assert.equal(resumed.fetchBytes, file.lfs.size - kept);
      const result = await run(resumed);
      assert.equal(result.bytesWritten, file.lfs.size - kept);
      assert.deepEqual(hub.cdnRequests.map((r) => r.headers.range), [`bytes=${kept}-`]);
      assert.equal(await sha256(join(result.path, 'model.safetensors')), file.lfs.oid);
    } finally {
      await cleanup();
    }
  });

  it('a connection reset mid-body resumes by itself with a Range request', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['onnx/model.onnx'] });
      hub.inject({ on: 'cdn', resetAfterBytes: 1_500_000, times: 1 });
      const result = await run(plan);
      const ranges = hub.cdnRequests.map((r) => r.headers.range);
      assert.equal(ranges.length, 2);
      assert.equal(ranges[0], undefined);
      assert.match(ranges[1] ?? '', /^bytes=\d+-$/);
      assert.equal(await sha256(join(result.path, 'onnx/model.onnx')), plan.files[0]?.lfs?.oid);
    } finally {
      await cleanup();
    }
  });

  it('bytes that do not match their sha256 are deleted, never linked', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['model.safetensors'] });
      hub.inject({ on: 'cdn', corrupt: true });
      await assert.rejects(run(plan), (e: unknown) => e instanceof HubError && /do not match their sha256/.test(e.message));
      const root = repoRoot(DOWNLOADS.small);
      assert.deepEqual(await readdir(join(root, 'blobs')), []);
      await assert.rejects(readdir(join(root, 'snapshots')));
      await assert.rejects(stat(join(root, 'refs', 'main')));
    } finally {
      await cleanup();
    }
  });

  it('two concurrent downloads of one file write one blob', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['model.safetensors', 'config.json'] });
      hub.inject({ on: 'cdn', dripMs: 2, dripBytes: 256 * 1024 });
      const [a, b] = await Promise.all([run(plan), run(plan)]);
      assert.equal(a.path, b.path);
      assert.equal(hub.cdnRequests.length, 1, 'the LFS file was fetched once');
      assert.equal(a.filesWritten + b.filesWritten, 2);
      assert.deepEqual((await readdir(join(repoRoot(DOWNLOADS.small), 'blobs'))).length, 2);
      assert.deepEqual(await readdir(join(dir, '.locks', 'models--hub-test--download-small')), [], 'locks released');
    } finally {
      await cleanup();
    }
  });
});

describe('faults at the file-system seam', () => {
  const failing = (call: 'write' | 'mkdir', code: string): FsSeam => ({
    ...nodeFs,
    open: (async (...args: Parameters<typeof nodeFs.open>) => {
      const handle = await nodeFs.open(...args);
      if (call === 'write' && args[1] !== 'r') {
        handle.write = (() => Promise.reject(Object.assign(new Error(code), { code })));
        handle.writev = (() => Promise.reject(Object.assign(new Error(code), { code })));
      }
      return handle;
    }),
    mkdir: (async (...args: Parameters<typeof nodeFs.mkdir>) =>
      call === 'mkdir' && String(args[0]).includes('snapshots') ? Promise.reject(Object.assign(new Error(code), { code })) : nodeFs.mkdir(...args)) as typeof nodeFs.mkdir,
  });

  it('disk full: a clear error with the free space, and nothing linked', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['model.safetensors'] });
      await assert.rejects(run(plan, { fs: failing('write', 'ENOSPC') }), (e: unknown) => {
        assert.ok(e instanceof HubError);
        assert.equal(e.kind, 'disk');
        assert.match(e.message, /^Disk full while writing model\.safetensors: [\d.]+ [kMGT]?B free\. Free some space and retry\.$/);
        return true;
      });
      await assert.rejects(readdir(join(repoRoot(DOWNLOADS.small), 'snapshots')));
      assert.deepEqual((await readdir(join(repoRoot(DOWNLOADS.small), 'blobs'))).filter((b) => !b.endsWith('.incomplete')), []);
    } finally {
      await cleanup();
    }
  });

  it('permission denied: a clear error naming the place', async () => {
    try {
      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['config.json'] });
      await assert.rejects(run(plan, { fs: failing('mkdir', 'EACCES') }), /^HubError: Permission denied while writing config\.json in .*snapshots/);
      // The blob itself is complete and verified: a retry only links it.
      hub.clearRequests();
      await run(plan);
      assert.equal(resolveRequests(), 0);
    } finally {
      await cleanup();
    }
  });
});

describe('Hub errors', () => {
  const kindOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (e) {
      return e instanceof HubError ? `${e.kind} ${e.status ?? ''}`.trim() : String(e);
    }
    return 'resolved';
  };
  it('401, 403, 404, 429 and 5xx become HubErrors, and leave no snapshot', async () => {
    try {
      const gated = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.gated, { include: ['config.json'] });
      assert.match(await kindOf(run(gated)), /^(unauthorized|gated) 401$/);
      assert.match(await kindOf(run(gated, { token: TEST_USERS.stranger.token })), /^gated 403$/);
      await run(gated, { token: TEST_USERS.hubTest.token });
      assert.ok(hub.cdnRequests.every((r) => !r.headers.authorization));

      const plan = await makePlan(hub.url, { kind: 'cache', dir }, DOWNLOADS.small, { include: ['config.json'] });
      hub.inject({ match: '/resolve/', status: 404, headers: { 'X-Error-Code': 'EntryNotFound' }, body: { error: 'Entry not found' }, times: 1 });
      assert.equal(await kindOf(run(plan)), 'notFound 404');
      hub.inject({ match: '/resolve/', status: 429, retryAfter: 3600, times: 1 });
      assert.equal(await kindOf(run(plan)), 'rateLimited 429');
      hub.inject({ match: '/resolve/', status: 503, times: 5 });
      assert.equal(await kindOf(run(plan)), 'server 503');
      await assert.rejects(readdir(join(repoRoot(DOWNLOADS.small), 'snapshots')));
    } finally {
      await cleanup();
    }
  });
});

describe('downloadPlan into a folder (--local-dir)', () => {
  it('writes the files and their .metadata; a second plan finds them complete', async () => {
    try {
      const destination = { kind: 'folder' as const, dir };
      const plan = await makePlan(hub.url, destination, DOWNLOADS.small, { include: ['config.json', 'onnx/*'] });
      const result = await run(plan);
      assert.equal(result.path, dir);
      const onnx = plan.files.find((f) => f.path === 'onnx/model.onnx');
      assert.equal(await sha256(join(dir, 'onnx/model.onnx')), onnx?.lfs?.oid);
      const meta = (await readFile(join(dir, '.cache/huggingface/download/onnx/model.onnx.metadata'), 'utf8')).split('\n');
      assert.deepEqual(meta.slice(0, 2), [plan.commit, onnx?.etag]);
      assert.ok(Math.abs(Number(meta[2]) * 1000 - Date.now()) < 60_000);
      const again = await makePlan(hub.url, destination, DOWNLOADS.small, { include: ['config.json', 'onnx/*'] });
      assert.deepEqual(again.files.map((f) => f.cached), [true, true]);
      assert.equal(again.fetchBytes, 0);
    } finally {
      await cleanup();
    }
  });
});
