// One file's transfer with a scripted server: resume offsets, a server that ignores Range, a wrong Content-Range,
// size and sha256 verdicts; and the download fetch's idle timeout.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HubError } from '../../src/hub/errors';
import { idleFetch } from '../../src/hub/downloadFetch';
import { nodeFs } from '../../src/hfcache/fsSeam';
import { transferFile } from '../../src/hfcache/transfer';
import { tempDir } from './hfcache-helpers';

const CONTENT = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
const SHA = createHash('sha256').update(CONTENT).digest('hex');

/** A server that answers Range requests with 206 (or ignores them), recording the Range headers it saw. */
function server(options: { ignoreRange?: boolean; wrongRange?: boolean; body?: Buffer } = {}) {
  const ranges: (string | undefined)[] = [];
  const body = options.body ?? CONTENT;
  const fetch = async (_url: string, init?: RequestInit): Promise<Response> => {
    const range = new Headers(init?.headers).get('range') ?? undefined;
    ranges.push(range);
    const from = range && !options.ignoreRange ? Number(range.slice(6, -1)) : 0;
    if (from > 0) {
      const start = options.wrongRange ? from - 1 : from;
      return new Response(body.subarray(start), { status: 206, headers: { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } });
    }
    return new Response(body, { status: 200 });
  };
  return { fetch, ranges };
}

describe('transferFile', () => {
  const go = async (partial: string, s: ReturnType<typeof server>, sha256: string | undefined = SHA) =>
    transferFile({ url: 'http://127.0.0.1:1/x', partial, size: CONTENT.length, sha256, label: 'model.bin', fetch: s.fetch, fs: nodeFs });

  it('resumes after the bytes on disk and hashes the kept prefix with the rest', async () => {
    const { dir, cleanup } = await tempDir('xfer');
    try {
      const partial = join(dir, 'blob.incomplete');
      await writeFile(partial, CONTENT.subarray(0, 30_000));
      const s = server();
      assert.deepEqual(await go(partial, s), { received: 70_000, resumedFrom: 30_000 });
      assert.deepEqual(s.ranges, ['bytes=30000-']);
      assert.ok((await readFile(partial)).equals(CONTENT));
    } finally {
      await cleanup();
    }
  });

  it('a wrong kept prefix fails the sha256 and is deleted', async () => {
    const { dir, cleanup } = await tempDir('xfer');
    try {
      const partial = join(dir, 'blob.incomplete');
      await writeFile(partial, Buffer.alloc(30_000, 7));
      await assert.rejects(go(partial, server()), /do not match their sha256/);
      await assert.rejects(stat(partial));
    } finally {
      await cleanup();
    }
  });

  it('starts over when the server answers 200 to a Range request', async () => {
    const { dir, cleanup } = await tempDir('xfer');
    try {
      const partial = join(dir, 'blob.incomplete');
      await writeFile(partial, Buffer.alloc(30_000, 7));
      assert.deepEqual(await go(partial, server({ ignoreRange: true })), { received: 100_000, resumedFrom: 30_000 });
      assert.ok((await readFile(partial)).equals(CONTENT));
    } finally {
      await cleanup();
    }
  });

  it('refuses a 206 for another range, keeping the prefix', async () => {
    const { dir, cleanup } = await tempDir('xfer');
    try {
      const partial = join(dir, 'blob.incomplete');
      await writeFile(partial, CONTENT.subarray(0, 30_000));
      await assert.rejects(go(partial, server({ wrongRange: true })), /wrong range/);
      assert.equal((await stat(partial)).size, 30_000);
    } finally {
      await cleanup();
    }
  });

  it('checks regular files by size: short is resumable, long is refused', async () => {
    const { dir, cleanup } = await tempDir('xfer');
    try {
      const partial = join(dir, 'blob.incomplete');
      await assert.rejects(go(partial, server({ body: CONTENT.subarray(0, 60_000) }), undefined), (e: unknown) => e instanceof HubError && e.kind === 'offline' && /resume/.test(e.message));
      assert.equal((await stat(partial)).size, 60_000);
      await writeFile(partial, '');
      await assert.rejects(go(partial, server({ body: Buffer.concat([CONTENT, CONTENT]) }), undefined), /more than the 100000 bytes/);
      // A partial file larger than the file is not trusted: it is replaced.
      await writeFile(partial, Buffer.alloc(200_000));
      await go(partial, server(), undefined);
      assert.ok((await readFile(partial)).equals(CONTENT));
    } finally {
      await cleanup();
    }
  });
});

describe('idleFetch', () => {
  /** A body that sends `chunks` chunks `everyMs` apart, then stalls forever when `stall` is set. */
  const slow = (chunks: number, everyMs: number, stall: boolean): typeof fetch => async (_input, init) => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === chunks) {
          if (stall) {
            await new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
          }
          controller.close();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, everyMs));
        sent++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    return new Response(body);
  };

  it('lets a slow body run past the idle time while bytes keep coming', async () => {
    const response = await idleFetch(slow(6, 40, false), 100)('http://x/');
    assert.equal((await response.arrayBuffer()).byteLength, 60);
  });

  it('fails with a TimeoutError once no byte arrives for the idle time', async () => {
    // The idle timer is unref'd (a real stalled socket keeps the process alive; this stub has none).
    const keepAlive = setTimeout(() => undefined, 5000);
    try {
      const response = await idleFetch(slow(2, 10, true), 100)('http://x/');
      const started = Date.now();
      await assert.rejects(response.arrayBuffer(), (e: unknown) => (e as Error).name === 'TimeoutError');
      assert.ok(Date.now() - started < 2000);
    } finally {
      clearTimeout(keepAlive);
    }
  });
});
