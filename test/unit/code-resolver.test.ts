import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HubError } from '../../src/hub/errors';
import type { RepoType } from '../../src/hub/repoId';
import type { AccessState } from '../../src/hub/types';
import { FACT_FIELDS, parseFacts, RepoResolver, type FactsSource } from '../../src/code/resolver';

type Answer = Record<string, unknown> | HubError;

/** A Hub client stand-in: answers from a table, counts calls, tracks how many run at once. */
class FakeSource implements FactsSource {
  endpoint = 'https://hub.test';
  calls: { type: RepoType; id: string; fields: readonly string[] }[] = [];
  accessCalls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  latencyMs = 1;
  answers = new Map<string, Answer | ((id: string) => Answer)>();
  access = new Map<string, AccessState | HubError>();
  fallback: (id: string) => Answer = (id) => ({ id, likes: 1, downloads: 10, tags: [] });

  async repoFields(type: RepoType, id: string, fields: readonly string[]): Promise<Record<string, unknown> & { id: string }> {
    this.calls.push({ type, id, fields });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    this.inFlight--;
    const entry = this.answers.get(id) ?? this.fallback;
    const answer = typeof entry === 'function' ? entry(id) : entry;
    if (answer instanceof HubError) {
      throw answer;
    }
    return answer as Record<string, unknown> & { id: string };
  }

  async accessState(_type: RepoType, id: string): Promise<AccessState> {
    this.accessCalls.push(id);
    const answer = this.access.get(id) ?? 'granted';
    if (answer instanceof HubError) {
      throw answer;
    }
    return answer;
  }
}

function setup(options: Partial<ConstructorParameters<typeof RepoResolver>[0]> = {}) {
  const source = new FakeSource();
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const resolver = new RepoResolver({ source: () => source, batchDelayMs: 0, now: () => now, ...options });
  return { source, resolver, clock };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `org/model-${i}`);

describe('repo resolver', () => {
  it('looks an id up once: concurrent and later asks share the answer', async () => {
    const { source, resolver } = setup();
    const answers = await Promise.all([resolver.resolve('model', 'org/a'), resolver.resolve('model', 'org/a'), resolver.resolve('model', 'org/a')]);
    assert.equal(source.calls.length, 1);
    assert.deepEqual(source.calls[0].fields, FACT_FIELDS.model);
    assert.ok(answers.every((a) => a.state === 'found'));
    await resolver.resolve('model', 'org/a');
    assert.equal(source.calls.length, 1);
    assert.equal(resolver.peek('model', 'org/a')?.state, 'found');
    assert.deepEqual(resolver.requests, { details: 1, access: 0 });
  });

  it('keeps types apart: a model and a dataset with the same id are two lookups', async () => {
    const { source, resolver } = setup();
    await Promise.all([resolver.resolve('model', 'org/a'), resolver.resolve('dataset', 'org/a')]);
    assert.deepEqual(source.calls.map((c) => c.type).sort(), ['dataset', 'model']);
    assert.deepEqual(source.calls.find((c) => c.type === 'dataset')?.fields, FACT_FIELDS.dataset);
  });

  it('resolves 50 ids with 50 requests at most 4 at a time; asking again costs none', async () => {
    const { source, resolver } = setup();
    const first = await Promise.all(ids(50).map((id) => resolver.resolve('model', id)));
    assert.equal(source.calls.length, 50);
    assert.equal(source.maxInFlight, 4);
    assert.ok(first.every((r) => r.state === 'found'));
    await Promise.all(ids(50).map((id) => resolver.resolve('model', id)));
    assert.equal(source.calls.length, 50);
    assert.equal(resolver.requests.details, 50);
  });

  it('gathers the ids asked for within the batch window before starting', async () => {
    const { source, resolver } = setup({ batchDelayMs: 20, concurrency: 8 });
    const pending = [resolver.resolve('model', 'org/a')];
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(source.calls.length, 0, 'nothing starts inside the window');
    pending.push(resolver.resolve('model', 'org/b'), resolver.resolve('model', 'org/a'));
    await Promise.all(pending);
    assert.deepEqual(source.calls.map((c) => c.id).sort(), ['org/a', 'org/b']);
  });

  it('reports a renamed repo with its new id', async () => {
    const { source, resolver } = setup();
    source.answers.set('bert-base-uncased', { id: 'google-bert/bert-base-uncased', pipeline_tag: 'fill-mask', likes: 3, downloads: 9 });
    const r = await resolver.resolve('model', 'bert-base-uncased');
    assert.equal(r.state, 'renamed');
    assert.equal(r.state === 'renamed' && r.to, 'google-bert/bert-base-uncased');
    assert.equal(r.state === 'renamed' && r.facts.task, 'fill-mask');
  });

  it('remembers a missing repo', async () => {
    const { source, resolver } = setup();
    source.answers.set('org/missing', new HubError('notFound', 'This repo does not exist.', { status: 404 }));
    assert.deepEqual(await resolver.resolve('model', 'org/missing'), { state: 'notFound' });
    assert.deepEqual(await resolver.resolve('model', 'org/missing'), { state: 'notFound' });
    assert.equal(source.calls.length, 1);
  });

  for (const kind of ['offline', 'timeout', 'rateLimited', 'server'] as const) {
    it(`${kind}: unknown, never "not found", and no more requests until the pause ends`, async () => {
      const { source, resolver, clock } = setup({ pauseMs: 30_000 });
      source.fallback = () => new HubError(kind, 'no answer');
      const answers = await Promise.all(ids(50).map((id) => resolver.resolve('model', id)));
      assert.ok(answers.every((a) => a.state === 'unknown'), JSON.stringify(answers.slice(0, 2)));
      assert.ok(source.calls.length <= 4, `${source.calls.length} requests`);
      const during = source.calls.length;
      assert.equal((await resolver.resolve('model', 'org/other')).state, 'unknown');
      assert.equal(source.calls.length, during, 'paused: no request');
      assert.equal(resolver.peek('model', 'org/model-0'), undefined, 'unknown is not remembered');

      clock.advance(30_001);
      source.fallback = (id) => ({ id, likes: 1 });
      assert.equal((await resolver.resolve('model', 'org/model-0')).state, 'found');
    });
  }

  it('waits for a rate limit to reset, then tells listeners to look again', async () => {
    let fire: (() => void) | undefined;
    let delay = 0;
    const timers = {
      setTimeout: ((fn: () => void, ms: number) => {
        if (ms > 0) {
          fire = fn;
          delay = ms;
          return { unref() {} } as unknown as ReturnType<typeof setTimeout>;
        }
        return setTimeout(fn, 0);
      }) as unknown as typeof setTimeout,
      clearTimeout: (() => undefined) as typeof clearTimeout,
    };
    const { source, resolver, clock } = setup({ timers });
    source.answers.set('org/a', new HubError('rateLimited', 'slow down', { status: 429, resetAt: 1_000_000 + 120_000 }));
    const heard: number[] = [];
    resolver.onDidChange((changed) => heard.push(changed.length));
    assert.equal((await resolver.resolve('model', 'org/a')).state, 'unknown');
    assert.equal(delay, 120_000, 'paused until the quota resets');
    clock.advance(60_000);
    assert.equal((await resolver.resolve('model', 'org/b')).state, 'unknown');
    assert.equal(source.calls.length, 1);
    clock.advance(60_001);
    fire?.();
    assert.deepEqual(heard, [0]);
  });

  it('keeps an answer the Hub could not give (a malformed body) for a while, then asks again', async () => {
    const { source, resolver, clock } = setup({ unknownAgeMs: 60_000 });
    source.answers.set('org/odd', new HubError('badResponse', 'odd'));
    assert.equal((await resolver.resolve('model', 'org/odd')).state, 'unknown');
    assert.equal((await resolver.resolve('model', 'org/odd')).state, 'unknown');
    assert.equal(source.calls.length, 1);
    clock.advance(60_001);
    source.answers.delete('org/odd');
    assert.equal((await resolver.resolve('model', 'org/odd')).state, 'found');
    assert.equal(source.calls.length, 2);
  });

  it('revalidates an old answer in the background and reports the change', async () => {
    const { source, resolver, clock } = setup({ maxAgeMs: 60_000 });
    source.answers.set('org/a', { id: 'org/a', likes: 1 });
    await resolver.resolve('model', 'org/a');
    clock.advance(30_000);
    await resolver.resolve('model', 'org/a');
    assert.equal(source.calls.length, 1, 'fresh: no request');

    clock.advance(31_000);
    source.answers.set('org/a', { id: 'org/a', likes: 1, cardData: { new_version: 'org/a-v2' } });
    const changed = new Promise<{ type: string; id: string }[]>((resolve) => resolver.onDidChange(resolve));
    const stale = await resolver.resolve('model', 'org/a');
    assert.equal(stale.state === 'found' && stale.facts.newVersion, undefined, 'the old answer is used meanwhile');
    assert.deepEqual(await changed, [{ type: 'model', id: 'org/a' }]);
    assert.equal(source.calls.length, 2);
    const fresh = resolver.peek('model', 'org/a');
    assert.equal(fresh?.state === 'found' && fresh.facts.newVersion, 'org/a-v2');
  });

  it('keeps the old answer when a revalidation cannot reach the Hub', async () => {
    const { source, resolver, clock } = setup({ maxAgeMs: 60_000 });
    await resolver.resolve('model', 'org/a');
    clock.advance(61_000);
    source.fallback = () => new HubError('offline', 'offline');
    await resolver.resolve('model', 'org/a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(source.calls.length, 2);
    assert.equal(resolver.peek('model', 'org/a')?.state, 'found');
  });

  it('checks access to gated repos only, with the current credentials', async () => {
    const { source, resolver } = setup();
    source.answers.set('meta-llama/Llama', { id: 'meta-llama/Llama', gated: 'manual', likes: 1 });
    source.answers.set('org/open', { id: 'org/open', gated: false, likes: 1 });
    source.access.set('meta-llama/Llama', 'gated');
    const gated = await resolver.resolve('model', 'meta-llama/Llama');
    const open = await resolver.resolve('model', 'org/open');
    assert.equal(gated.state === 'found' && gated.access, 'denied');
    assert.equal(open.state === 'found' && open.access, undefined);
    assert.deepEqual(source.accessCalls, ['meta-llama/Llama']);
    assert.deepEqual(resolver.requests, { details: 2, access: 1 });
  });

  it('forgets everything on clear (endpoint or token changed); answers in flight come back unknown', async () => {
    const { source, resolver } = setup();
    await resolver.resolve('model', 'org/a');
    source.latencyMs = 30;
    const inFlight = resolver.resolve('model', 'org/b');
    await new Promise((resolve) => setTimeout(resolve, 5));
    resolver.clear();
    assert.deepEqual(await inFlight, { state: 'unknown', reason: 'cancelled' });
    assert.equal(resolver.peek('model', 'org/a'), undefined);
    await resolver.resolve('model', 'org/a');
    assert.equal(source.calls.filter((c) => c.id === 'org/a').length, 2);
  });

  it('keys answers by endpoint', async () => {
    const { source, resolver } = setup();
    await resolver.resolve('model', 'org/a');
    source.endpoint = 'https://mirror.test';
    assert.equal(resolver.peek('model', 'org/a'), undefined);
    await resolver.resolve('model', 'org/a');
    assert.equal(source.calls.length, 2);
  });
});

describe('repo facts', () => {
  it('read task, library, license, figures, gating and the card’s new version', () => {
    const facts = parseFacts('model', {
      id: 'org/a',
      pipeline_tag: 'text-generation',
      library_name: 'transformers',
      downloads: 1200,
      likes: 7,
      lastModified: '2025-01-02T03:04:05.000Z',
      gated: 'auto',
      private: false,
      cardData: { license: 'apache-2.0', new_version: 'org/a-2' },
      tags: ['license:mit'],
    });
    assert.deepEqual(facts, {
      type: 'model',
      id: 'org/a',
      task: 'text-generation',
      library: 'transformers',
      sdk: undefined,
      license: 'apache-2.0',
      downloads: 1200,
      likes: 7,
      lastModified: new Date('2025-01-02T03:04:05.000Z'),
      gated: 'auto',
      private: false,
      newVersion: 'org/a-2',
      customCode: false,
    });
  });

  it('find custom code from the tag or the config’s auto_map, and ignore mistyped fields', () => {
    assert.equal(parseFacts('model', { id: 'a', tags: ['custom_code'] }).customCode, true);
    assert.equal(parseFacts('model', { id: 'a', config: { auto_map: { AutoModel: 'modeling.M' } } }).customCode, true);
    const odd = parseFacts('dataset', { id: 'a', likes: 'many', downloads: null, tags: 'x', cardData: [], lastModified: 'never', gated: 'yes' });
    assert.equal(odd.likes, 0);
    assert.equal(odd.downloads, undefined);
    assert.equal(odd.lastModified, undefined);
    assert.equal(odd.gated, false);
    assert.equal(odd.customCode, false);
    assert.equal(parseFacts('model', { id: 'a', cardData: { new_version: 'a' } }).newVersion, undefined, 'a card pointing at itself');
    assert.equal(parseFacts('dataset', { id: 'a', cardData: { license: ['cc-by-4.0', 'mit'] } }).license, 'cc-by-4.0');
  });
});

