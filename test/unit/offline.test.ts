// Offline mode (HF_HUB_OFFLINE, as huggingface_hub reads it): every client call fails at once with `offline`, and not
// one request reaches the Hub, whichever path it would take (our own fetch or @huggingface/hub's).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HubClient } from '../../src/hub/client';
import type { HubError } from '../../src/hub/errors';
import { isOfflineMode, offlineFromEnv, OFFLINE_MODE_CODE } from '../../src/hub/offline';
import { startHubServer, TEST_USERS, type HubServer } from '../hub-server/server.mjs';

let hub: HubServer;
before(async () => {
  hub = await startHubServer({ port: 0, quiet: true });
});
after(() => hub.close());
afterEach(() => {
  delete process.env.HF_HUB_OFFLINE;
  hub.clearRequests();
});

const GPT2 = 'openai-community/gpt2';

/** Every call a view, card, snippet or sign-in makes. */
function everyCall(client: HubClient): [string, () => Promise<unknown>][] {
  return [
    ['listRepos', () => client.listRepos('model')],
    ['listPage', () => client.listPage('model', `${hub.url}/api/models?cursor=abc`)],
    ['repoDetails', () => client.repoDetails('model', GPT2)],
    ['modelData', () => client.modelData(GPT2)],
    ['readme', () => client.readme('model', GPT2, 'main', { etag: '"x"' })],
    ['files', () => client.files('model', GPT2)],
    ['fileBytes', () => client.fileBytes('model', GPT2, 'config.json')],
    ['whoami', () => client.whoami()],
    ['accessState', () => client.accessState('model', GPT2)],
  ];
}

const isOfflineError = (e: HubError) => e.kind === 'offline' && e.code === OFFLINE_MODE_CODE && /HF_HUB_OFFLINE/.test(e.message) && isOfflineMode(e);

describe('offline mode', () => {
  it('reads HF_HUB_OFFLINE as huggingface_hub does', () => {
    for (const on of ['1', 'ON', 'yes', 'True', ' true ']) {
      assert.equal(offlineFromEnv({ HF_HUB_OFFLINE: on }), true, on);
    }
    for (const off of [undefined, '', '0', 'off', 'no', 'false', 'offline']) {
      assert.equal(offlineFromEnv({ HF_HUB_OFFLINE: off }), false, String(off));
    }
  });

  it('with HF_HUB_OFFLINE=1 in the environment, every call fails at once with "offline" and makes no request', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    const client = new HubClient({ endpoint: hub.url, token: () => TEST_USERS.hubTest.token });
    assert.equal(client.offline, true);
    for (const [name, call] of everyCall(client)) {
      const started = Date.now();
      await assert.rejects(call(), isOfflineError, name);
      assert.ok(Date.now() - started < 1_000, `${name} fails at once`);
    }
    assert.deepEqual(hub.requests, [], 'no request reached the Hub');
  });

  it('is read per request, so turning it off needs no new client', async () => {
    const client = new HubClient({ endpoint: hub.url });
    process.env.HF_HUB_OFFLINE = '1';
    await assert.rejects(client.listRepos('model'), isOfflineError);
    delete process.env.HF_HUB_OFFLINE;
    assert.equal(client.offline, false);
    assert.ok((await client.listRepos('model')).items.length > 0);
    assert.equal(hub.requests.length, 1);
  });

  it('an `offline` option overrides the environment', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    const online = new HubClient({ endpoint: hub.url, offline: () => false });
    assert.ok((await online.listRepos('model')).items.length > 0);
    const offline = new HubClient({ endpoint: hub.url, offline: () => true, token: () => 'hf_any' });
    delete process.env.HF_HUB_OFFLINE;
    for (const [name, call] of everyCall(offline)) {
      await assert.rejects(call(), isOfflineError, name);
    }
    assert.equal(hub.requests.length, 1, 'only the online client reached the Hub');
  });

  it('is not mistaken for a connection failure', async () => {
    const client = new HubClient({ endpoint: 'http://127.0.0.1:9', retries: 0 });
    await assert.rejects(client.listRepos('model'), (e: HubError) => e.kind === 'offline' && !isOfflineMode(e));
  });
});
