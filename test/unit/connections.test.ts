// The Hub's connections on a card: a model's base models and derived counts (the model tree), a Space's runtime, the
// card page messages that use them, and linear time on pathological runtime text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countDerived } from '../../src/connections/derived';
import { baseModelsOf, countText, MAX_BASE_MODELS, relatedLabel, relatedQuery } from '../../src/connections/modelTree';
import { appUrlOf, isTransient, MAX_ERROR, parseRuntime, runtimeView, sleepText } from '../../src/connections/runtime';
import { cardHeader } from '../../src/cards/header';
import { HubClient } from '../../src/hub/client';
import type { RepoDetails } from '../../src/hub/types';
import { parseFromCard } from '../../src/webviews/protocol';
import { embeddedHub } from './embedded-hub';
import { assertLinear, repeatTo } from './linear';

const fx = embeddedHub();

describe('model tree: base models', () => {
  it('reads the relation from the Hub tags, preferring a tag that names it', () => {
    const tags = ['text-generation', 'base_model:meta-llama/Llama-3.1-8B', 'base_model:adapter:meta-llama/Llama-3.1-8B', 'base_model:finetune:org/other'];
    assert.deepEqual(baseModelsOf(tags), [
      { id: 'meta-llama/Llama-3.1-8B', relation: 'adapter' },
      { id: 'org/other', relation: 'finetune' },
    ]);
  });

  it('falls back to the card front matter; several bases without a relation are a merge', () => {
    assert.deepEqual(baseModelsOf([], { base_model: 'gpt2', base_model_relation: 'quantized' }), [{ id: 'gpt2', relation: 'quantized' }]);
    assert.deepEqual(baseModelsOf([], { base_model: ['org/a', 'org/b'] }), [{ id: 'org/a', relation: 'merge' }, { id: 'org/b', relation: 'merge' }]);
    assert.deepEqual(baseModelsOf([], { base_model: 'org/a', base_model_relation: 'rewrite' }), [{ id: 'org/a' }]);
    assert.deepEqual(baseModelsOf(['base_model:org/a'], { base_model: 'org/b' }), [{ id: 'org/a' }], 'tags win over the card');
  });

  it('drops what is not a repo id and caps a card that names hundreds', () => {
    const hostile = ['base_model:../../etc/passwd', 'base_model:finetune:a b', 'base_model:adapter:', 'base_model:<img src=x>', 'base_model:finetune:org/x\u202e'];
    assert.deepEqual(baseModelsOf(hostile, { base_model: [42, null, 'javascript:alert(1)', 'x'.repeat(300)] }), []);
    const many = Array.from({ length: 500 }, (_, i) => `base_model:merge:org/m${i}`);
    const bases = baseModelsOf(many);
    assert.equal(bases.length, MAX_BASE_MODELS);
    assert.equal(bases[0].id, 'org/m0');
  });

  it('lists derived models by the relation tag, sorted like the view', () => {
    assert.deepEqual(relatedQuery('org/base', 'quantized'), { sort: 'downloads', tags: ['base_model:quantized:org/base'] });
    assert.deepEqual(relatedQuery('org/base', 'adapter', { sort: 'likes' }).sort, 'likes');
    assert.equal(relatedLabel('org/base', 'merge'), 'Merges of org/base');
    assert.equal(countText(7, false), '7');
    assert.equal(countText(100, true), '100+');
  });

  it('puts the base models on a model card header, and none on a dataset', () => {
    const details = { type: 'model', id: 'org/lora', tags: ['base_model:adapter:org/base'], files: [], cardData: {} } as unknown as RepoDetails;
    assert.deepEqual(cardHeader(details, 'https://huggingface.co').baseModels, [{ id: 'org/base', relation: 'adapter' }]);
    const dataset = { ...details, type: 'dataset' } as RepoDetails;
    assert.equal(cardHeader(dataset, 'https://huggingface.co').baseModels, undefined);
  });
});

describe('model tree: derived counts', () => {
  const client = () => new HubClient({ endpoint: fx.hub.url, retries: 0, timeoutMs: 5_000 });

  it('counts the embedded Hub models that derive from a model, by relation, in one list request', async () => {
    const counts = await countDerived(client(), 'distilbert/distilbert-base-uncased', 'anon-1');
    const listed = fx.hub.requests.filter((r) => r.path === '/api/models');
    assert.equal(listed.length, 1);
    assert.equal(new URLSearchParams(listed[0].query).get('filter'), 'base_model:distilbert/distilbert-base-uncased');
    const total = Object.values(counts).reduce((sum, c) => sum + Number(c), 0);
    const expected = (await (await fetch(`${fx.hub.url}/api/models?expand[]=childrenModelCount&search=distilbert-base-uncased`)).json()) as { id: string; childrenModelCount: number }[];
    assert.equal(total, expected.find((m) => m.id === 'distilbert/distilbert-base-uncased')?.childrenModelCount);
    assert.ok(total > 0);
  });

  it('is asked once per endpoint, account and model; another account asks again', async () => {
    const fake = (n: number) => {
      let calls = 0;
      const items = Array.from({ length: n }, (_, i) => ({ tags: [`base_model:org/base-${n}`, i % 2 ? `base_model:quantized:org/base-${n}` : `base_model:finetune:org/base-${n}`] }));
      return {
        endpoint: 'https://hub.example',
        get calls() {
          return calls;
        },
        listRepos: (async () => {
          calls++;
          return { items, next: n >= 100 ? 'next' : undefined };
        }) as unknown as HubClient['listRepos'],
      };
    };
    const hub = fake(100);
    assert.deepEqual(await countDerived(hub, 'org/base-100', 'a'), { finetune: '50+', quantized: '50+' });
    await countDerived(hub, 'org/base-100', 'a');
    assert.equal(hub.calls, 1);
    await countDerived(hub, 'org/base-100', 'b');
    assert.equal(hub.calls, 2);
    assert.deepEqual(await countDerived(fake(3), 'org/base-3', 'a'), { finetune: '2', quantized: '1' });
  });
});

describe('Space runtime', () => {
  it('reads the stage, hardware, sleep time and error of a Hub runtime object', () => {
    const info = parseRuntime({ stage: 'RUNNING_BUILDING', hardware: { current: 'cpu-basic', requested: 't4-small' }, gcTimeout: 172_800, errorMessage: ' boom ', domains: [{ domain: 'org-app.hf.space', stage: 'READY' }] });
    assert.deepEqual(info, { stage: 'RUNNING_BUILDING', hardware: 'cpu-basic', requestedHardware: 't4-small', sleepSeconds: 172_800, error: 'boom', appUrl: 'https://org-app.hf.space' });
    assert.deepEqual(runtimeView(info).facts, [
      { label: 'Stage', value: 'Running (rebuilding)' },
      { label: 'Hardware', value: 'cpu-basic (asked for t4-small)' },
      { label: 'Sleeps after', value: '2 days without visitors' },
    ]);
    assert.equal(runtimeView(info).appUrl, 'https://org-app.hf.space');
  });

  it('offers the app only while it runs, and only at one label under hf.space', () => {
    const building = parseRuntime({ stage: 'BUILDING', domains: [{ domain: 'org-app.hf.space', stage: 'READY' }] })!;
    assert.equal(runtimeView(building).appUrl, undefined);
    assert.ok(isTransient(building.stage));
    assert.equal(isTransient('SLEEPING'), false);
    for (const domain of ['evil.com', 'a.b.hf.space', 'x.hf.space.evil.com', 'javascript:alert(1)//.hf.space', '-x.hf.space', `${'a'.repeat(70)}.hf.space`, 'hf.space']) {
      assert.equal(appUrlOf([{ domain, stage: 'READY' }]), undefined, domain);
    }
    assert.equal(appUrlOf([{ domain: 'custom.example', stage: 'READY' }], 'org-app'), 'https://org-app.hf.space');
    assert.equal(appUrlOf([{ domain: 'org-app.hf.space', stage: 'PENDING' }]), undefined);
  });

  it('refuses a runtime without a stage it can show; keeps an unknown stage; caps the error', () => {
    for (const raw of [null, 'RUNNING', [], { stage: 5 }, { stage: '<b>x</b>' }, { stage: 'a'.repeat(100) }]) {
      assert.equal(parseRuntime(raw), undefined, JSON.stringify(raw));
    }
    const odd = parseRuntime({ stage: 'HIBERNATING', hardware: { current: '<script>' }, gcTimeout: -5, errorMessage: `${'e'.repeat(5000)}\u202e` })!;
    assert.equal(odd.hardware, undefined);
    assert.equal(odd.sleepSeconds, undefined);
    assert.equal(odd.error?.length, MAX_ERROR + 1);
    assert.equal(runtimeView(odd).facts[0].value, 'HIBERNATING');
  });

  it('says how long a Space idles before it sleeps', () => {
    assert.equal(sleepText(172_800), '2 days');
    assert.equal(sleepText(3_600), '1 hour');
    assert.equal(sleepText(900), '15 minutes');
    assert.equal(sleepText(90_000), '25 hours');
    assert.equal(sleepText(93_660), '1 day 2 hours');
    assert.equal(sleepText(30), '30 seconds');
  });

  it('reads each stage in linear time, however long the text the Hub sends', () => {
    assertLinear('parseRuntime(long stage and domain)', (text) => parseRuntime({ stage: text, hardware: { current: text }, errorMessage: text, domains: [{ domain: text, stage: 'READY' }] }, text), (bytes) => repeatTo('a-', bytes));
    assertLinear('appUrlOf(dashes)', (text) => appUrlOf([{ domain: `${text}.hf.space` }]), (bytes) => repeatTo('a-', bytes));
  });
});

describe('card page messages for connections', () => {
  it('accepts opening a base model and listing a relation, exactly', () => {
    assert.deepEqual(parseFromCard({ type: 'openRepo', repo: { type: 'model', id: 'org/base' } }), { type: 'openRepo', repo: { type: 'model', id: 'org/base' } });
    assert.deepEqual(parseFromCard({ type: 'showRelated', relation: 'quantized' }), { type: 'showRelated', relation: 'quantized' });
    assert.deepEqual(parseFromCard({ type: 'action', action: 'openApp' }), { type: 'action', action: 'openApp' });
  });

  it('drops every other shape', () => {
    const hostile: unknown[] = [
      { type: 'openRepo', repo: { type: 'model', id: '../x' } },
      { type: 'openRepo', repo: { type: 'model', id: 'org/base', extra: 1 } },
      { type: 'openRepo', repo: { type: 'bucket', id: 'org/base' } },
      { type: 'openRepo', repo: ['model', 'org/base'] },
      { type: 'openRepo', repo: null },
      { type: 'openRepo', repo: { type: 'model', id: 'org/base' }, command: 'x' },
      { type: 'showRelated', relation: 'child' },
      { type: 'showRelated', relation: '__proto__' },
      { type: 'showRelated', relation: ['finetune'] },
      { type: 'showRelated' },
      { type: 'action', action: 'openApp ' },
    ];
    for (const message of hostile) {
      assert.equal(parseFromCard(message), undefined, JSON.stringify(message));
    }
  });
});
