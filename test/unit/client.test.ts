import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedHub } from './embedded-hub';
import { HubClient } from '../../src/hub/client';
import type { HubError } from '../../src/hub/errors';
import type { RepoSummary } from '../../src/hub/types';
import { REVOKED_TOKEN, SPECIAL_REPOS, TEST_USERS } from '../hub-server/server.mjs';

const fx = embeddedHub();

/** A client with short waits, so retry paths run fast; the waits themselves are checked in http.test.ts. */
function client(options: Partial<ConstructorParameters<typeof HubClient>[0]> = {}): HubClient {
  return new HubClient({ endpoint: fx.hub.url, baseDelayMs: 1, maxDelayMs: 5, ...options });
}

const apiRequests = (prefix: string) => fx.hub.requests.filter((r) => r.path.startsWith(prefix));

function isSortedDesc(values: number[]): boolean {
  return values.every((v, i) => i === 0 || values[i - 1] >= v);
}

describe('listing against the embedded Hub', () => {
  it('pages through models with the next link, one request per page, no repeats', async () => {
    const c = client();
    const seen: RepoSummary[] = [];
    let page = await c.listRepos('model', { limit: 20 });
    seen.push(...page.items);
    for (let i = 0; i < 2; i++) {
      assert.ok(page.next, 'more pages follow');
      page = await c.listPage('model', page.next);
      seen.push(...page.items);
    }
    assert.equal(seen.length, 60);
    assert.equal(new Set(seen.map((r) => r.id)).size, 60);
    assert.equal(apiRequests('/api/models').length, 3);
  });

  it('reaches the last page, which has no next link', async () => {
    const c = client();
    let page = await c.listRepos('space', { limit: 100 });
    let pages = 1;
    while (page.next && pages < 20) {
      page = await c.listPage('space', page.next);
      pages++;
    }
    assert.equal(page.next, undefined);
    assert.ok(pages < 20);
  });

  for (const [sort, field] of [
    ['downloads', (r: RepoSummary) => r.downloads ?? 0],
    ['likes', (r: RepoSummary) => r.likes],
    ['updated', (r: RepoSummary) => r.lastModified?.getTime() ?? 0],
    ['created', (r: RepoSummary) => r.createdAt?.getTime() ?? 0],
  ] as const) {
    it(`sorts by ${sort}, descending`, async () => {
      const { items } = await client().listRepos('model', { sort, limit: 50 });
      assert.ok(items.length >= 20);
      assert.ok(isSortedDesc(items.map(field)), `${sort} order`);
    });
  }

  it('sends trending by default', async () => {
    await client().listRepos('dataset');
    assert.match(fx.hub.requests[0].query, /sort=trendingScore/);
  });

  it('filters by task, library, author, tags and search text', async () => {
    const c = client();
    const byTask = await c.listRepos('model', { task: 'text-generation', limit: 100 });
    assert.ok(byTask.items.length > 0);
    assert.ok(byTask.items.every((r) => r.task === 'text-generation'));

    const byLibrary = await c.listRepos('model', { library: 'diffusers', limit: 100 });
    assert.ok(byLibrary.items.length > 0);
    assert.ok(byLibrary.items.every((r) => r.library === 'diffusers' || r.tags.includes('diffusers')));

    const byAuthor = await c.listRepos('model', { author: 'google-bert', limit: 100 });
    assert.ok(byAuthor.items.length > 0);
    assert.ok(byAuthor.items.every((r) => r.id.startsWith('google-bert/')));

    const byTags = await c.listRepos('model', { tags: ['license:apache-2.0', 'pytorch'], limit: 100 });
    assert.ok(byTags.items.length > 0);
    assert.ok(byTags.items.every((r) => r.tags.includes('license:apache-2.0') && r.tags.includes('pytorch')));

    const bySearch = await c.listRepos('model', { search: 'bert', limit: 100 });
    assert.ok(bySearch.items.length > 0);
    assert.ok(bySearch.items.every((r) => r.id.toLowerCase().includes('bert')));

    const none = await c.listRepos('model', { search: 'no-such-model-anywhere' });
    assert.deepEqual(none.items, []);
    assert.equal(none.next, undefined);
  });

  it('lists datasets and Spaces with their own fields', async () => {
    const c = client();
    const datasets = await c.listRepos('dataset', { limit: 40 });
    assert.ok(datasets.items.length >= 40);
    assert.ok(datasets.items.every((r) => r.type === 'dataset'));
    const spaces = await c.listRepos('space', { limit: 15 });
    assert.ok(spaces.items.length >= 15);
    assert.ok(spaces.items.some((r) => r.sdk));
  });

  it('refuses a next link that points elsewhere, without a request', async () => {
    await assert.rejects(client().listPage('model', 'https://evil.example/api/models?cursor=x'), (e: HubError) => e.kind === 'badResponse');
    await assert.rejects(client().listPage('model', `${fx.hub.url}/api/datasets?cursor=x`), (e: HubError) => e.kind === 'badResponse');
    assert.equal(fx.hub.requests.length, 0);
  });
});

describe('faults from the embedded Hub', () => {
  it('retries 503 and then succeeds', async () => {
    fx.hub.inject({ match: '/api/models', status: 503, times: 2 });
    const page = await client().listRepos('model', { limit: 5 });
    assert.equal(page.items.length, 5);
    assert.equal(apiRequests('/api/models').length, 3);
  });

  it('gives up on a lasting 500 after bounded retries', async () => {
    fx.hub.inject({ match: '/api/models', status: 500 });
    await assert.rejects(client().listRepos('model'), (e: HubError) => e.kind === 'server' && e.status === 500);
    assert.equal(apiRequests('/api/models').length, 4);
  });

  it('reports a long rate limit with its reset time, without waiting', async () => {
    fx.hub.inject({ match: '/api/models', status: 429, retryAfter: 200 });
    await assert.rejects(client().listRepos('model'), (e: HubError) => e.kind === 'rateLimited' && typeof e.resetAt === 'number');
    assert.equal(apiRequests('/api/models').length, 1);
  });

  it('turns invalid JSON and HTML pages into bad responses', async () => {
    for (const fault of [{ invalidJson: true }, { html: true }]) {
      fx.hub.clearFaults();
      fx.hub.inject({ match: '/api/models', ...fault });
      await assert.rejects(client().listRepos('model'), (e: HubError) => e.kind === 'badResponse', JSON.stringify(fault));
    }
  });

  it('reports a body cut short as an interrupted connection', async () => {
    fx.hub.inject({ match: '/api/models', truncate: true });
    await assert.rejects(client().listRepos('model'), (e: HubError) => e.kind === 'offline' && /interrupted/.test(e.message));
  });

  it('maps a reset connection to offline', async () => {
    fx.hub.inject({ match: '/api/models', reset: true });
    await assert.rejects(client().listRepos('model'), (e: HubError) => e.kind === 'offline');
  });

  it('times out a server that does not answer', async () => {
    fx.hub.inject({ match: '/api/models', hang: true });
    const started = Date.now();
    await assert.rejects(client({ timeoutMs: 300 }).listRepos('model'), (e: HubError) => e.kind === 'timeout');
    assert.ok(Date.now() - started < 3000);
  });

  it('cancels a slow request at once', async () => {
    fx.hub.inject({ match: '/api/models', latencyMs: 5000 });
    const controller = new AbortController();
    const pending = client().listRepos('model', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(pending, (e: HubError) => e.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000);
  });

  it('reports an unreachable Hub as offline', async () => {
    const closed = new HubClient({ endpoint: 'http://127.0.0.1:9', baseDelayMs: 1, maxDelayMs: 2 });
    await assert.rejects(closed.listRepos('model'), (e: HubError) => e.kind === 'offline');
  });
});

describe('repo details, README, files and account', () => {
  it('reads model details through @huggingface/hub', async () => {
    const details = await client().repoDetails('model', 'openai-community/gpt2');
    assert.equal(details.id, 'openai-community/gpt2');
    assert.equal(details.task, 'text-generation');
    assert.ok(details.tags.includes('transformers'));
    assert.match(fx.hub.requests.at(-1)!.path, /\/api\/models\/openai-community\/gpt2\/revision\/HEAD/);
  });

  it('reads the full model body the snippet code needs', async () => {
    const data = await client().modelData('HuggingFaceH4/zephyr-7b-beta');
    assert.equal(data.id, 'HuggingFaceH4/zephyr-7b-beta');
    assert.ok(data.transformersInfo && data.config && data.cardData, 'snippet fields are present');
    assert.equal(fx.hub.requests.at(-1)!.query, '');
  });

  it('reads dataset and Space details', async () => {
    const c = client();
    const { items: datasets } = await c.listRepos('dataset', { limit: 1 });
    assert.equal((await c.repoDetails('dataset', datasets[0].id)).id, datasets[0].id);
    const { items: spaces } = await c.listRepos('space', { limit: 1 });
    assert.equal((await c.repoDetails('space', spaces[0].id)).id, spaces[0].id);
  });

  it('says a missing repo is not found', async () => {
    await assert.rejects(client().repoDetails('model', 'nobody/nothing-here'), (e: HubError) => e.kind === 'notFound');
  });

  it('validates ids before building a URL', async () => {
    for (const id of ['../../etc/passwd', 'a/b/c', 'bad id', 'a--b/c']) {
      await assert.rejects(client().repoDetails('model', id), (e: HubError) => e.kind === 'badRequest', id);
    }
    assert.equal(fx.hub.requests.length, 0);
  });

  it('reads the README and revalidates it with its ETag', async () => {
    const c = client();
    const first = await c.readme('model', 'openai-community/gpt2');
    assert.ok(first && first.text.length > 100 && !first.notModified);
    assert.ok(first.etag);
    const again = await c.readme('model', 'openai-community/gpt2', 'main', { etag: first.etag });
    assert.equal(again?.notModified, true);
  });

  it('lists files with sizes', async () => {
    const { entries } = await client().files('model', 'google-bert/bert-base-uncased');
    const config = entries.find((e) => e.path === 'config.json');
    assert.ok(config && config.size > 0 && config.type === 'file');
    assert.ok(entries.some((e) => e.lfs && e.size > 1_000_000), 'weights are LFS files');
  });

  it('tells gated access apart with and without approval', async () => {
    const gated = SPECIAL_REPOS.gatedModel;
    assert.equal(await client().accessState('model', gated), 'gated');
    assert.equal(await client({ token: () => TEST_USERS.stranger.token }).accessState('model', gated), 'gated');
    assert.equal(await client({ token: () => TEST_USERS.hubTest.token }).accessState('model', gated), 'granted');
  });

  it('shows a private repo to its owner only', async () => {
    const id = SPECIAL_REPOS.privateModel;
    await assert.rejects(client().repoDetails('model', id), (e: HubError) => e.kind === 'notFound');
    const details = await client({ token: () => TEST_USERS.hubTest.token }).repoDetails('model', id);
    assert.equal(details.private, true);
  });

  it('reads the account with a token, and refuses without one or with a revoked one', async () => {
    const account = await client({ token: () => TEST_USERS.hubTest.token }).whoami();
    assert.equal(account.name, TEST_USERS.hubTest.name);
    assert.deepEqual(account.orgs, [...TEST_USERS.hubTest.orgs]);
    await assert.rejects(client().whoami(), (e: HubError) => e.kind === 'unauthorized');
    await assert.rejects(client({ token: () => REVOKED_TOKEN }).whoami(), (e: HubError) => e.kind === 'unauthorized' && /revoked/.test(e.message));
  });

  it('follows a renamed repo to its new id', async () => {
    const { from, to } = SPECIAL_REPOS.renamedModel;
    const details = await client().repoDetails('model', from);
    assert.equal(details.id, to);
  });
});
