import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { fromPretrainedLine } from '../../src/snippets/loadLine';
import { LatestOnly } from '../../src/lists/latest';
import { listUrl, paramRangeWire, toSummary } from '../../src/hub/list';
import { describeRepo } from '../../src/lists/treeModel';
import { LOCAL_APPS } from '@huggingface/tasks';
import { APPS, describeFilters, paramsThatFit, hasActiveFilters, parseFilters, parseSavedSearches, queryFromFilters, sortsFor } from '../../src/lists/query';

describe('view filters', () => {
  it('become a list query; model-only filters are dropped for datasets', () => {
    const filters = { sort: 'likes' as const, task: 'text-generation', library: 'transformers', author: 'meta-llama', language: 'en', license: 'mit' };
    assert.deepEqual(queryFromFilters('model', filters, 50), {
      sort: 'likes',
      author: 'meta-llama',
      tags: ['language:en', 'license:mit'],
      task: 'text-generation',
      library: 'transformers',
      params: undefined,
      gated: undefined,
      app: undefined,
      inferenceProvider: undefined,
      limit: 50,
    });
    const dataset = queryFromFilters('dataset', filters, 20);
    assert.equal(dataset.task, undefined);
    assert.equal(dataset.library, undefined);
  });

  it('bound the parameter count of models and choose gated or not, as the Hub takes them', () => {
    const sized = queryFromFilters('model', { sort: 'trending', size: '1-6B', access: 'open' }, 50);
    assert.deepEqual(sized.params, { min: 1e9, max: 6e9 });
    assert.equal(sized.gated, false);
    const url = new URL(listUrl('https://huggingface.co', 'model', sized));
    assert.equal(url.searchParams.get('num_parameters'), 'min:1B,max:6B');
    assert.equal(url.searchParams.get('gated'), 'false');
    assert.ok(url.searchParams.getAll('expand[]').includes('safetensors'), 'rows ask for the parameter count');
    assert.equal(paramRangeWire({ max: 1e9 }), 'max:1B');
    assert.equal(paramRangeWire({ min: 128e9 }), 'min:128B');
    assert.equal(paramRangeWire({ min: 500e6, max: 1_500_000_001 }), 'min:500M,max:1500000001');
    assert.equal(paramRangeWire({ min: 0 }), undefined, 'an open range is no filter');
    assert.equal(paramRangeWire({ min: -1, max: Number.NaN }), undefined);
    // Datasets have gating but no parameter count; Spaces have neither.
    const dataset = new URL(listUrl('https://huggingface.co', 'dataset', queryFromFilters('dataset', { sort: 'trending', size: '<1B', access: 'gated' }, 20)));
    assert.equal(dataset.searchParams.get('num_parameters'), null);
    assert.equal(dataset.searchParams.get('gated'), 'true');
    assert.equal(new URL(listUrl('https://huggingface.co', 'space', { gated: true })).searchParams.get('gated'), null);
    assert.equal(describeFilters('model', { sort: 'trending', size: '<1B', access: 'gated' }), 'Trending · <1B params · gated');
    assert.equal(hasActiveFilters({ sort: 'likes', size: '>128B' }), true);
  });

  it('keep models an Inference Provider serves, as the Hub\'s inference_provider= takes it', () => {
    const any = new URL(listUrl('https://huggingface.co', 'model', queryFromFilters('model', { sort: 'trending', provider: 'all' }, 50)));
    assert.equal(any.searchParams.get('inference_provider'), 'all');
    assert.equal(new URL(listUrl('https://huggingface.co', 'model', queryFromFilters('model', { sort: 'trending', provider: 'together' }, 50))).searchParams.get('inference_provider'), 'together');
    assert.equal(new URL(listUrl('https://huggingface.co', 'dataset', queryFromFilters('dataset', { sort: 'trending', provider: 'all' }, 20))).searchParams.get('inference_provider'), null);
    assert.equal(describeFilters('model', { sort: 'likes', provider: 'all' }), 'Most likes · served by Inference Providers');
    assert.equal(describeFilters('model', { sort: 'likes', provider: 'fireworks-ai' }), 'Most likes · served by fireworks-ai');
    assert.equal(hasActiveFilters({ sort: 'likes', provider: 'all' }), true);
    assert.equal(parseFilters('model', { sort: 'likes', provider: 'groq' }).provider, 'groq');
    for (const bad of ['Groq', 'a b', '-x', 'x'.repeat(41), 7]) {
      assert.equal(parseFilters('model', { sort: 'likes', provider: bad }).provider, undefined, String(bad));
    }
  });

  it('keep models a local app runs, by its LOCAL_APPS key, as the Hub\'s apps= takes it', () => {
    const query = queryFromFilters('model', { sort: 'trending', app: 'ollama' }, 50);
    assert.equal(new URL(listUrl('https://huggingface.co', 'model', query)).searchParams.get('apps'), 'ollama');
    assert.equal(new URL(listUrl('https://huggingface.co', 'dataset', queryFromFilters('dataset', { sort: 'trending', app: 'ollama' }, 20))).searchParams.get('apps'), null);
    assert.equal(describeFilters('model', { sort: 'likes', app: 'mlx-lm' }), 'Most likes · runs with MLX LM');
    assert.equal(hasActiveFilters({ sort: 'likes', app: 'jan' }), true);
    assert.equal(parseFilters('model', { sort: 'likes', app: 'lmstudio' }).app, 'lmstudio');
    assert.equal(parseFilters('model', { sort: 'likes', app: 'constructor' }).app, undefined, 'only the offered apps');
    for (const key of Object.keys(APPS)) {
      assert.ok(Object.hasOwn(LOCAL_APPS, key), `${key} is a LOCAL_APPS key`);
    }
  });

  it('keep models that fit this machine at 4-bit, by the quant picker\'s rule, within a chosen size range', () => {
    const gb16 = 16 * 1024 ** 3;
    // 16 GiB holds the Q4_K_M weights (4.89 bits each) of 23.4B parameters plus 20 % for the context.
    assert.equal(paramsThatFit(gb16), Math.floor((gb16 * 8) / (4.89 * 1.2)));
    assert.ok(paramsThatFit(gb16) > 23e9 && paramsThatFit(gb16) < 24e9);
    const q = queryFromFilters('model', { sort: 'trending', fits: gb16 }, 50);
    assert.deepEqual(q.params, { max: paramsThatFit(gb16) });
    assert.equal(new URL(listUrl('https://huggingface.co', 'model', q)).searchParams.get('num_parameters'), `max:${paramsThatFit(gb16)}`);
    assert.deepEqual(queryFromFilters('model', { sort: 'trending', size: '6-12B', fits: gb16 }, 50).params, { min: 6e9, max: 12e9 }, 'the range stays when it fits');
    assert.deepEqual(queryFromFilters('model', { sort: 'trending', size: '12-32B', fits: gb16 }, 50).params, { min: 12e9, max: paramsThatFit(gb16) });
    assert.equal(queryFromFilters('dataset', { sort: 'trending', fits: gb16 }, 50).params, undefined);
    assert.equal(describeFilters('model', { sort: 'trending', fits: gb16 }), 'Trending · fits 17.2 GB at 4-bit');
    assert.equal(parseFilters('model', { sort: 'trending', fits: gb16 }).fits, gb16);
    for (const bad of [-1, 0, Number.NaN, 1e20, '16GB']) {
      assert.equal(parseFilters('model', { sort: 'trending', fits: bad }).fits, undefined, String(bad));
    }
  });

  it('show a model\'s parameter count in its row, from safetensors or GGUF', () => {
    const row = toSummary('model', { id: 'a/b', pipeline_tag: 'text-generation', likes: 3, safetensors: { parameters: { BF16: 8_030_261_248 }, total: 8_030_261_248 } })!;
    assert.equal(row.params, 8_030_261_248);
    assert.match(describeRepo(row), /^text-generation · 8B params · 3 ♥/);
    assert.equal(toSummary('model', { id: 'a/b-gguf', gguf: { total: 494_032_768 } })!.params, 494_032_768);
    for (const total of [0, -5, 1.5, '8B', null, Number.MAX_VALUE]) {
      assert.equal(toSummary('model', { id: 'a/b', safetensors: { total } })!.params, undefined, String(total));
    }
  });

  it('are described in the title bar', () => {
    assert.equal(describeFilters('model', { sort: 'trending' }), 'Trending');
    assert.equal(describeFilters('model', { sort: 'downloads', task: 'fill-mask', library: 'transformers', author: 'google' }), 'Most downloads · fill-mask · transformers · by google');
    assert.equal(hasActiveFilters({ sort: 'likes' }), false);
    assert.equal(hasActiveFilters({ sort: 'likes', license: 'mit' }), true);
  });

  it('are read back defensively from stored state', () => {
    assert.deepEqual(parseFilters('model', undefined), { sort: 'trending' });
    assert.deepEqual(parseFilters('space', { sort: 'downloads', author: 7 }), { sort: 'trending', task: undefined, library: undefined, author: undefined, language: undefined, license: undefined, size: undefined, access: undefined, app: undefined, fits: undefined, provider: undefined });
    assert.equal(parseFilters('model', { sort: 'likes', size: '1-6B', access: 'gated' }).size, '1-6B');
    assert.equal(parseFilters('model', { sort: 'likes', size: 'toString', access: '__proto__' }).size, undefined, 'only the offered ranges');
    assert.equal(parseFilters('model', { sort: 'likes', access: '__proto__' }).access, undefined);
    assert.equal(parseFilters('model', { sort: 'updated', task: ' text-generation ' }).task, 'text-generation');
    assert.ok(!sortsFor('space').includes('downloads'));
  });
});

describe('saved searches', () => {
  it('keep valid entries and explain the others', () => {
    const { searches, problems } = parseSavedSearches([
      { label: 'Small LLMs', search: 'tiny', task: 'text-generation' },
      { type: 'dataset', author: 'nyu-mll', task: 'ignored-for-datasets' },
      { type: 'notebook', search: 'x' },
      { label: 'nothing to search' },
    ]);
    assert.equal(searches.length, 2);
    assert.equal(searches[0].label, 'Small LLMs');
    assert.equal(searches[0].type, 'model');
    assert.equal(searches[1].label, 'by nyu-mll');
    assert.equal(searches[1].query.task, undefined);
    assert.equal(problems.length, 2);
    assert.deepEqual(parseSavedSearches('oops').problems, ['huggingface.savedSearches must be a list.']);
  });
});

describe('search as you type', () => {
  it('sends one request for a burst of keystrokes, and only the last answer is shown', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const sent: string[] = [];
      const shown: string[] = [];
      const resolvers: (() => void)[] = [];
      const latest = new LatestOnly<string, string>(
        300,
        (q) => {
          sent.push(q);
          return new Promise((resolve) => resolvers.push(() => resolve(`results for ${q}`)));
        },
        (result) => shown.push(result),
        () => assert.fail('no errors expected'),
        { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout },
      );
      // Ten characters at 8 keystrokes per second: 125 ms apart, under the 300 ms debounce.
      const text = 'distilbert';
      for (let i = 1; i <= text.length; i++) {
        latest.push(text.slice(0, i));
        mock.timers.tick(125);
      }
      mock.timers.tick(300);
      assert.deepEqual(sent, ['distilbert']);
      resolvers[0]();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(shown, ['results for distilbert']);
    } finally {
      mock.timers.reset();
    }
  });

  it('drops a slow answer that a newer query overtook, and aborts its request', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const shown: string[] = [];
      const signals: AbortSignal[] = [];
      const resolvers: (() => void)[] = [];
      const latest = new LatestOnly<string, string>(
        300,
        (q, signal) => {
          signals.push(signal);
          return new Promise((resolve) => resolvers.push(() => resolve(q)));
        },
        (result) => shown.push(result),
        () => {},
        { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout },
      );
      latest.push('gp');
      mock.timers.tick(300);
      latest.push('gpt2');
      mock.timers.tick(300);
      assert.equal(signals[0].aborted, true);
      resolvers[1]();
      resolvers[0]();
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(shown, ['gpt2']);
      latest.dispose();
      assert.equal(signals[1].aborted, true);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('from_pretrained line', () => {
  it('uses the class that loads the model’s library', () => {
    assert.equal(fromPretrainedLine('openai-community/gpt2', 'transformers'), 'model = AutoModel.from_pretrained("openai-community/gpt2")');
    assert.equal(fromPretrainedLine('stabilityai/stable-diffusion-2-1', 'diffusers'), 'pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1")');
    assert.equal(fromPretrainedLine('sentence-transformers/all-MiniLM-L6-v2', 'sentence-transformers'), 'model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")');
  });
});
