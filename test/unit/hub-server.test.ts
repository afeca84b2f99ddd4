// The embedded Hub server (test/hub-server): catalog, lists, details, files, errors, faults and the request log,
// checked against the contract (docs hub-api.md): key sets and orders, headers and figures are written here as
// the real Hub answers them (as seen in responses recorded from it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CARDS_DIR, writtenCards } from '../fixtures/card-writer/write.mjs';
import { REVOKED_TOKEN, SPECIAL_REPOS, TEST_TOKENS, TEST_USERS, startHubServer } from '../hub-server/server.mjs';
import type { HubServer } from '../hub-server/server.mjs';
import { parseFrontMatter } from '../hub-server/yaml.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures');

type Json = Record<string, unknown>;

/** The default detail keys of a 2020-era transformers model, in the Hub's order (bert-base-uncased, January 2025). */
const BERT_DETAIL_KEYS = [
  '_id', 'id', 'private', 'pipeline_tag', 'library_name', 'tags', 'downloads', 'likes', 'modelId', 'author', 'sha', 'lastModified',
  'gated', 'inference', 'disabled', 'mask_token', 'widgetData', 'model-index', 'config', 'cardData', 'transformersInfo', 'siblings',
  'spaces', 'createdAt', 'safetensors', 'usedStorage',
];

function gitBlobSha1(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

function auth(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** The `@huggingface/hub` Link parser (packages/hub/src/utils/parseLinkHeader.ts). */
function nextLink(res: Response): string | undefined {
  const header = res.headers.get('link') ?? '';
  return Object.fromEntries([...header.matchAll(/<(https?:[/][/][^>]+)>;\s+rel="([^"]+)"/g)].map(([, url, rel]) => [rel, url])).next;
}

async function followAll(first: string, init?: RequestInit): Promise<{ items: Json[]; pages: Response[] }> {
  const items: Json[] = [];
  const pages: Response[] = [];
  for (let url: string | undefined = first; url; ) {
    const res = await fetch(url, init);
    assert.equal(res.status, 200, url);
    pages.push(res);
    items.push(...((await res.json()) as Json[]));
    url = nextLink(res);
  }
  return { items, pages };
}

function assertJsonHeaders(res: Response): void {
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.match(res.headers.get('x-request-id') ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.match(res.headers.get('etag') ?? '', /^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
  assert.match(res.headers.get('ratelimit') ?? '', /^"(api|resolvers|pages)";r=\d+;t=\d+$/);
  assert.match(res.headers.get('ratelimit-policy') ?? '', /^"fixed window";"(api|resolvers|pages)";q=\d+;w=300$/);
}

function assertNoXet(res: Response): void {
  for (const [name, value] of res.headers) {
    assert.ok(!name.startsWith('x-xet'), `unexpected header ${name}`);
    assert.ok(!value.includes('vnd.xet'), `unexpected xet value in ${name}`);
  }
}

let hub: HubServer;
let url: (p: string) => string;

/** Models an anonymous caller can list (everything but private repos). */
function publicModels(): number {
  return hub.catalog.all('model').filter((r) => !r.private).length;
}

before(async () => {
  hub = await startHubServer();
  url = (p) => `${hub.url}${p}`;
});

after(async () => {
  await hub.close();
});

describe('catalog and fixtures', () => {
  it('holds at least 200 models, 40 datasets and 15 spaces', () => {
    const counts = hub.catalog.counts();
    assert.ok(counts.models >= 200, `models: ${counts.models}`);
    assert.ok(counts.datasets >= 40, `datasets: ${counts.datasets}`);
    assert.ok(counts.spaces >= 15, `spaces: ${counts.spaces}`);
  });

  it('starts quickly', async () => {
    const started = performance.now();
    const other = await startHubServer();
    const elapsed = performance.now() - started;
    await other.close();
    assert.ok(elapsed < 1000, `startup took ${elapsed.toFixed(0)} ms`);
  });

  it('serves every generated card as a repo, with its README byte for byte', async () => {
    const cards = writtenCards();
    assert.ok(cards.size > 180, `generated cards: ${cards.size}`);
    for (const [file, text] of cards) {
      const [type, ...rest] = file.split('/');
      const repo = hub.catalog.get(type.slice(0, -1) as 'model' | 'dataset' | 'space', rest.slice(0, -1).join('/'));
      assert.ok(repo, `no repo for ${file}`);
      assert.equal(repo.readme(), text, file);
      assert.equal(readFileSync(path.join(CARDS_DIR, file), 'utf8'), text, `${file} is not what the card writer writes: run node test/fixtures/card-writer/write.mjs`);
    }
    const res = await fetch(url('/datasets/nyu-mll/glue/resolve/main/README.md'));
    assert.equal(await res.text(), cards.get('datasets/nyu-mll/glue/README.md'));
  });

  it('says in every card that it was written for the project', () => {
    const files = [CARDS_DIR, path.join(FIXTURES, 'authored-cards')].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('README.md')).map((f) => path.join(dir, f)),
    );
    assert.ok(files.length > 200, `${files.length} cards`);
    for (const file of files) {
      assert.match(readFileSync(file, 'utf8'), /written for the (local test Hub|huggingface-hub-vscode test fixtures)/i, file);
    }
  });

  it('never reads ../shared at run time', () => {
    for (const dir of ['test/hub-server', 'test/fixtures/card-writer']) {
      for (const name of readdirSync(path.join(ROOT, dir))) {
        const text = readFileSync(path.join(ROOT, dir, name), 'utf8');
        assert.doesNotMatch(text, /shared\/|hub-fixtures/, name);
      }
    }
  });

  it('uses hf_ tokens of 34 letters', () => {
    for (const token of Object.values(TEST_TOKENS)) {
      assert.match(token, /^hf_[A-Za-z]{34}$/);
    }
  });

  it('derives tags and metadata from card front matter', async () => {
    const res = await fetch(url('/api/models/google-bert/bert-base-cased'));
    const body = (await res.json()) as Json;
    const card = parseFrontMatter(readFileSync(path.join(CARDS_DIR, 'models/google-bert/bert-base-cased/README.md'), 'utf8'));
    assert.deepEqual(body.cardData, card.data);
    assert.equal(body.pipeline_tag, 'fill-mask');
    assert.equal(body.library_name, 'transformers');
    assert.equal(body.mask_token, '[MASK]');
    const tags = body.tags as string[];
    for (const tag of ['transformers', 'bert', 'fill-mask', 'en', 'license:apache-2.0', 'dataset:bookcorpus', 'dataset:wikipedia', 'region:us']) {
      assert.ok(tags.includes(tag), `missing tag ${tag} in ${tags.join(',')}`);
    }
    assert.equal(tags[0], 'transformers');
    assert.equal(tags[tags.length - 1], 'region:us');
    assert.deepEqual(body.transformersInfo, { auto_model: 'AutoModelForMaskedLM', pipeline_tag: 'fill-mask', processor: 'AutoTokenizer' });
    const dataset = (await (await fetch(url('/api/datasets/squad'))).json()) as Json;
    assert.ok((dataset.tags as string[]).includes('task_categories:question-answering'));
    assert.ok((dataset.tags as string[]).includes('language:en'));
    assert.equal(dataset.paperswithcode_id, 'squad');
    assert.match(String(dataset.description), /^Stanford Question Answering Dataset/);
    assert.match(String(dataset.citation), /^@article\{2016arXiv160605250R/);
    assert.equal(dataset.author, undefined, 'canonical datasets have no author');
  });

  it('reads the YAML shapes found in real cards', () => {
    const { data } = parseFrontMatter(
      [
        '---',
        'language:',
        '- en',
        'license: "mit" # quoted, with a comment',
        'widget:',
        "- text: 'It''s [MASK].'",
        '  example_title: One',
        'extra_gated_prompt: |',
        '  line one',
        '  line two',
        'summary: >-',
        '  folded',
        '  text',
        'sizes: [1K<n<10K, "10K<n<100K"]',
        'nested:',
        '  deep:',
        '    - a: 1',
        '      b: null',
        '? long key',
        ': checkbox',
        'no: no',
        'version: 1.10',
        '---',
        'body',
      ].join('\n'),
    );
    assert.deepEqual(data, {
      language: ['en'],
      license: 'mit',
      widget: [{ text: "It's [MASK].", example_title: 'One' }],
      extra_gated_prompt: 'line one\nline two\n',
      summary: 'folded text',
      sizes: ['1K<n<10K', '10K<n<100K'],
      nested: { deep: [{ a: 1, b: null }] },
      'long key': 'checkbox',
      no: 'no',
      version: 1.1,
    });
    assert.equal(parseFrontMatter('---\nkey: [unclosed\n---\nbody').data, null, 'malformed YAML gives no cardData');
    assert.equal(parseFrontMatter('no front matter').hasFrontMatter, false);
  });
});

describe('lists', () => {
  it('sends the default model item shape', async () => {
    const res = await fetch(url('/api/models?search=google-bert/bert-base-uncased'));
    assertJsonHeaders(res);
    const [item] = (await res.json()) as Json[];
    assert.deepEqual(Object.keys(item), ['_id', 'id', 'likes', 'trendingScore', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId']);
    assert.deepEqual(
      { ...item, trendingScore: 0 },
      {
        _id: '621ffdc036468d709f174338',
        id: 'google-bert/bert-base-uncased',
        likes: 2065,
        trendingScore: 0,
        private: false,
        downloads: 72376843,
        tags: [
          'transformers', 'pytorch', 'tf', 'jax', 'rust', 'coreml', 'onnx', 'safetensors', 'bert', 'fill-mask', 'exbert', 'en', 'dataset:bookcorpus',
          'dataset:wikipedia', 'arxiv:1810.04805', 'license:apache-2.0', 'autotrain_compatible', 'endpoints_compatible', 'region:us',
        ],
        pipeline_tag: 'fill-mask',
        library_name: 'transformers',
        createdAt: '2022-03-02T23:29:04.000Z',
        modelId: 'google-bert/bert-base-uncased',
      },
    );
  });

  it('answers the @huggingface/hub expand set with the figures of the real repos', async () => {
    const keys = ['pipeline_tag', 'private', 'gated', 'downloads', 'likes', 'lastModified'];
    const expand = keys.map((k) => `expand=${k}`).join('&');
    const rows: [string, string, string, false | 'manual', number, number, string][] = [
      ['621ffdc136468d709f180294', 'sentence-transformers/all-MiniLM-L6-v2', 'sentence-similarity', false, 90148743, 3148, '2025-03-06T13:37:44.000Z'],
      ['621ffdc036468d709f174338', 'google-bert/bert-base-uncased', 'fill-mask', false, 72376843, 2065, '2024-02-19T11:06:12.000Z'],
      ['621ffdc036468d709f17434d', 'openai-community/gpt2', 'text-generation', false, 17272637, 2630, '2024-02-19T10:57:45.000Z'],
      ['6698d8a0653e4babe21e1e7d', 'meta-llama/Llama-3.1-8B-Instruct', 'text-generation', 'manual', 5795728, 3763, '2024-09-25T17:00:57.000Z'],
      ['621ffdc136468d709f17a5fd', 'deepset/roberta-base-squad2', 'question-answering', false, 1801802, 842, '2024-09-24T15:48:47.000Z'],
      ['638f7ae36c25af4071044105', 'stabilityai/stable-diffusion-2-1', 'text-to-image', false, 1015720, 3928, '2023-07-05T16:19:17.000Z'],
      ['653a4cbd66081db6fc588b21', 'HuggingFaceH4/zephyr-7b-beta', 'text-generation', false, 684157, 1667, '2024-10-16T11:48:13.000Z'],
      ['621ffdc136468d709f1802e8', 'sentence-transformers/paraphrase-albert-small-v2', 'sentence-similarity', false, 285986, 9, '2024-11-05T18:20:00.000Z'],
    ];
    for (const [_id, id, pipeline_tag, gated, downloads, likes, lastModified] of rows) {
      const expected = { _id, id, pipeline_tag, private: false, gated, downloads, likes, lastModified };
      const res = await fetch(url(`/api/models?search=${expected.id}&${expand}`));
      const items = (await res.json()) as Json[];
      assert.deepEqual(
        items.find((i) => i.id === expected.id),
        expected,
      );
    }
  });

  it('pages with an absolute Link until the last page', async () => {
    const first = url('/api/models?limit=37&sort=downloads&expand[]=downloads');
    const { items, pages } = await followAll(first);
    assert.equal(items.length, publicModels());
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'no duplicates');
    assert.equal(pages.length, Math.ceil(items.length / 37));
    for (const page of pages.slice(0, -1)) {
      const link = page.headers.get('link') ?? '';
      assert.match(link, new RegExp(`^<http://127\\.0\\.0\\.1:${hub.port}/api/models\\?limit=37&sort=downloads&expand%5B%5D=downloads&cursor=[A-Za-z0-9_-]+>; rel="next"$`));
    }
    assert.equal(pages[pages.length - 1].headers.get('link'), null);
    const downloads = items.map((i) => i.downloads as number);
    assert.deepEqual(downloads, [...downloads].sort((a, b) => b - a), 'sorted by downloads, descending');
  });

  it('uses 1000 as default and maximum page size', async () => {
    const big = await fetch(url('/api/models?limit=5000&expand=likes'));
    assert.equal(((await big.json()) as Json[]).length, Math.min(1000, publicModels()));
    const bad = await fetch(url('/api/models?limit=abc'));
    assert.equal(bad.status, 400);
    const cursor = await fetch(url('/api/models?cursor=not-a-cursor'));
    assert.equal(cursor.status, 400);
  });

  it('projects expand and expand[] and refuses unknown keys', async () => {
    const res = await fetch(url('/api/datasets?limit=3&expand=downloads&expand[]=likes&expand=cardData'));
    const items = (await res.json()) as Json[];
    assert.equal(items.length, 3);
    for (const item of items) {
      assert.deepEqual(Object.keys(item).slice(0, 2), ['_id', 'id']);
      assert.ok(Object.keys(item).every((k) => ['_id', 'id', 'downloads', 'likes', 'cardData'].includes(k)), Object.keys(item).join());
    }
    const bad = await fetch(url('/api/models?expand=downloads&expand=doesNotExist'));
    assert.equal(bad.status, 400);
    assertJsonHeaders(bad);
    assert.match(((await bad.json()) as Json).error as string, /doesNotExist/);
    assert.match(bad.headers.get('x-error-message') ?? '', /doesNotExist/);
  });

  it('lists inferenceProviderMapping as an array, details it as an object', async () => {
    const list = (await (await fetch(url('/api/models?search=Llama-3.1-8B-Instruct&expand=inferenceProviderMapping'))).json()) as Json[];
    const mapping = list.find((i) => i.id === SPECIAL_REPOS.gatedModel)?.inferenceProviderMapping as Json[];
    assert.ok(Array.isArray(mapping));
    assert.deepEqual(mapping[0], { provider: 'fireworks-ai', providerId: 'accounts/fireworks/models/llama-v3p1-8b-instruct', status: 'live', task: 'conversational' });
    const detail = (await (await fetch(url(`/api/models/${SPECIAL_REPOS.gatedModel}?expand=inferenceProviderMapping`))).json()) as Json;
    assert.deepEqual(detail, {
      _id: '6698d8a0653e4babe21e1e7d',
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      inferenceProviderMapping: {
        'fireworks-ai': { status: 'live', providerId: 'accounts/fireworks/models/llama-v3p1-8b-instruct', task: 'conversational' },
        sambanova: { status: 'live', providerId: 'Meta-Llama-3.1-8B-Instruct', task: 'conversational' },
        'hf-inference': { status: 'live', providerId: 'meta-llama/Llama-3.1-8B-Instruct', task: 'conversational' },
        nebius: { status: 'staging', providerId: 'meta-llama/Meta-Llama-3.1-8B-Instruct-fast', task: 'conversational' },
        novita: { status: 'staging', providerId: 'meta-llama/llama-3.1-8b-instruct', task: 'conversational' },
      },
    });
  });

  it('filters by search, author, filter, task, library, language, licence and gated', async () => {
    const get = async (q: string) => (await (await fetch(url(`/api/models?${q}&expand=tags&expand=pipeline_tag&expand=library_name&expand=author&expand=gated`))).json()) as Json[];
    const both = await get('filter=text-classification&filter=license:apache-2.0');
    assert.ok(both.length > 0);
    for (const m of both) {
      assert.ok((m.tags as string[]).includes('license:apache-2.0') && m.pipeline_tag === 'text-classification', String(m.id));
    }
    assert.deepEqual(
      (await get('filter=text-classification,license:apache-2.0')).map((m) => m.id),
      both.map((m) => m.id),
      'a comma list means the same as repeated filters',
    );
    const search = await get('search=BERT&search=base');
    assert.ok(search.length > 5);
    assert.ok(search.every((m) => /bert/i.test(String(m.id)) && /base/i.test(String(m.id))));
    const author = await get('author=facebook');
    assert.ok(author.length >= 5 && author.every((m) => m.author === 'facebook'));
    const task = await get('pipeline_tag=text-to-image');
    assert.ok(task.length >= 5 && task.every((m) => m.pipeline_tag === 'text-to-image'));
    const diffusers = await get('library=diffusers');
    assert.ok(diffusers.length >= 5 && diffusers.every((m) => m.library_name === 'diffusers' || (m.tags as string[]).includes('diffusers')));
    const german = await get('language=de');
    assert.ok(german.length > 3 && german.every((m) => (m.tags as string[]).includes('de')));
    const gated = await get('gated=true');
    assert.ok(gated.some((m) => m.id === SPECIAL_REPOS.gatedModel));
    assert.ok(gated.every((m) => m.gated === 'auto' || m.gated === 'manual'));
    const licence = await get('license=mit');
    assert.ok(licence.length > 0 && licence.every((m) => (m.tags as string[]).includes('license:mit')));
    const big = await get('num_parameters=min:6B&expand=safetensors');
    assert.ok(big.length > 0 && big.some((m) => m.id === 'HuggingFaceH4/zephyr-7b-beta'));
    // The count the filter reads is the one the API reports (safetensors, else GGUF); models with neither are left out.
    const small = await get('num_parameters=min:1B,max:6B&expand=safetensors&expand=gguf&expand=library_name');
    assert.ok(small.length > 0);
    for (const m of small) {
      const total = (m.safetensors as { total?: number } | undefined)?.total ?? (m.gguf as { total?: number } | undefined)?.total;
      assert.ok(total !== undefined && total >= 1e9 && total <= 6e9, `${String(m.id)}: ${total}`);
    }
    // apps= keeps the models each app's own LOCAL_APPS rule accepts: GGUF repos for Ollama, MLX repos for MLX LM.
    const ollama = await get('apps=ollama&expand=tags&expand=gguf');
    assert.ok(ollama.length >= 3 && ollama.every((m) => (m.tags as string[]).includes('gguf') && m.gguf), ollama.map((m) => m.id).join(' '));
    const mlx = await get('apps=mlx-lm&expand=library_name');
    assert.ok(mlx.length >= 2 && mlx.every((m) => m.library_name === 'mlx'));
    const either = await get('apps=mlx-lm,ollama');
    assert.equal(either.length, ollama.length + mlx.length, 'a list of apps keeps the models any of them runs');
    assert.equal((await get('apps=no-such-app')).length, 0);
    const datasets = (await (await fetch(url('/api/datasets?filter=language:ko&expand=tags'))).json()) as Json[];
    assert.ok(datasets.some((d) => d.id === 'klue'));
    const spaces = (await (await fetch(url('/api/spaces?models=kestrel-labs/Kestrel-2-7B-Instruct&expand=models'))).json()) as Json[];
    assert.deepEqual(spaces.map((s) => s.id).sort(), ['kestrel-labs/arena', 'kestrel-labs/kestrel-chat']);
  });

  it('sorts descending by default, ascending with direction=1, and refuses unknown sorts', async () => {
    for (const key of ['likes', 'createdAt', 'lastModified', 'trendingScore', 'id']) {
      const items = (await (await fetch(url(`/api/models?sort=${key}&limit=200&expand=${key === 'id' ? 'likes' : key}`))).json()) as Json[];
      const values = items.map((i) => i[key] as string | number);
      assert.deepEqual(values, [...values].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)), key);
    }
    const asc = (await (await fetch(url('/api/models?sort=likes&direction=1&limit=50&expand=likes'))).json()) as Json[];
    const likes = asc.map((i) => i.likes as number);
    assert.deepEqual(likes, [...likes].sort((a, b) => a - b));
    const legacy = await fetch(url('/api/models?sort=likes&direction=-1&limit=1'));
    assert.equal(legacy.status, 200);
    assert.equal((await fetch(url('/api/models?sort=popularity'))).status, 400);
  });

  it('shows private repos to their owner only', async () => {
    const ids = async (headers: Record<string, string>) =>
      ((await (await fetch(url('/api/models?author=hub-test'), { headers })).json()) as Json[]).map((m) => m.id);
    assert.ok(!(await ids({})).includes(SPECIAL_REPOS.privateModel));
    assert.ok(!(await ids(auth(TEST_TOKENS.stranger))).includes(SPECIAL_REPOS.privateModel));
    assert.ok((await ids(auth(TEST_TOKENS.hubTest))).includes(SPECIAL_REPOS.privateModel));
    const org = (await (await fetch(url('/api/datasets?author=hub-test-org'), { headers: auth(TEST_TOKENS.hubTest) })).json()) as Json[];
    assert.deepEqual(org.map((d) => [d.id, d.private]), [[SPECIAL_REPOS.privateDataset, true]]);
  });

  it('adds fields with full, config and cardData', async () => {
    const [full] = (await (await fetch(url('/api/models?search=openai-community/gpt2&full=true'))).json()) as Json[];
    for (const key of ['author', 'gated', 'lastModified', 'sha', 'siblings']) {
      assert.ok(key in full, key);
    }
    assert.ok(!('config' in full) && !('cardData' in full));
    const [withConfig] = (await (await fetch(url('/api/models?search=openai-community/gpt2&full=True&config=True&cardData=True'))).json()) as Json[];
    assert.deepEqual(withConfig.config, { architectures: ['GPT2LMHeadModel'], model_type: 'gpt2', tokenizer_config: {} });
    assert.deepEqual(withConfig.cardData, { language: 'en', tags: ['exbert'], license: 'mit' });
    const [dataset] = (await (await fetch(url('/api/datasets?search=squad_v2'))).json()) as Json[];
    assert.deepEqual(Object.keys(dataset), ['_id', 'id', 'disabled', 'gated', 'lastModified', 'likes', 'trendingScore', 'private', 'sha', 'description', 'downloads', 'tags', 'createdAt', 'key']);
    const [space] = (await (await fetch(url('/api/spaces?search=kestrel-chat'))).json()) as Json[];
    assert.deepEqual(Object.keys(space), ['_id', 'id', 'likes', 'trendingScore', 'private', 'sdk', 'tags', 'createdAt']);
  });
});

describe('repo details', () => {
  it('serves known repos with the key order and the figures the Hub gives them', async () => {
    // Chat models and gpt2 list `inference` near the end; diffusers pipelines have no widget, transformersInfo or safetensors.
    const chatKeys = [
      '_id', 'id', 'private', 'pipeline_tag', 'library_name', 'tags', 'downloads', 'likes', 'modelId', 'author', 'sha', 'lastModified', 'gated',
      'disabled', 'widgetData', 'model-index', 'config', 'cardData', 'transformersInfo', 'siblings', 'spaces', 'createdAt', 'safetensors', 'inference',
      'usedStorage',
    ];
    const known: [string, string[], Json][] = [
      ['openai-community/gpt2', chatKeys, {
        _id: '621ffdc036468d709f17434d', sha: '607a30d783dfa663caf39e06633721c8d4cfcd7e', downloads: 17272637, likes: 2630, gated: false, inference: 'warm',
        lastModified: '2024-02-19T10:57:45.000Z', createdAt: '2022-03-02T23:29:04.000Z', safetensors: { parameters: { F32: 137022720 }, total: 137022720 },
        usedStorage: 13632917530, config: { architectures: ['GPT2LMHeadModel'], model_type: 'gpt2', tokenizer_config: {} },
      }],
      ['HuggingFaceH4/zephyr-7b-beta', chatKeys, {
        _id: '653a4cbd66081db6fc588b21', sha: '892b3d7a7b1cf10c7a701c60881cd93df615734c', downloads: 684157, likes: 1667, createdAt: '2023-10-26T11:25:49.000Z',
        safetensors: { parameters: { BF16: 7241732096 }, total: 7241732096 }, usedStorage: 43587527997, pipeline_tag: 'text-generation',
      }],
      ['stabilityai/stable-diffusion-2-1', [
        '_id', 'id', 'private', 'pipeline_tag', 'library_name', 'tags', 'downloads', 'likes', 'modelId', 'author', 'sha', 'lastModified', 'gated',
        'inference', 'disabled', 'model-index', 'config', 'cardData', 'siblings', 'spaces', 'createdAt', 'usedStorage',
      ], {
        _id: '638f7ae36c25af4071044105', sha: '5cae40e6a2745ae2b01ad92ae5043f95f23644d6', downloads: 1015720, likes: 3928, library_name: 'diffusers',
        config: { diffusers: { _class_name: 'StableDiffusionPipeline' } }, usedStorage: 57147037677, createdAt: '2022-12-06T17:24:51.000Z',
      }],
      [SPECIAL_REPOS.gatedModel, chatKeys, {
        _id: '6698d8a0653e4babe21e1e7d', sha: '0e9e39f249a16976918f6564b8830bc894c89659', gated: 'manual', downloads: 5795728, likes: 3763,
        safetensors: { parameters: { BF16: 8030261248 }, total: 8030261248 }, usedStorage: 32123357950,
      }],
    ];
    for (const [id, keys, figures] of known) {
      const res = await fetch(url(`/api/models/${id}`));
      assertJsonHeaders(res);
      const body = (await res.json()) as Json;
      assert.deepEqual(Object.keys(body), keys, id);
      for (const [key, value] of Object.entries(figures)) {
        assert.deepEqual(body[key], value, `${id} ${key}`);
      }
    }
    const zephyr = (await (await fetch(url('/api/models/HuggingFaceH4/zephyr-7b-beta'))).json()) as { config: { tokenizer_config: Json } };
    assert.deepEqual(Object.keys(zephyr.config.tokenizer_config), ['bos_token', 'chat_template', 'eos_token', 'pad_token', 'unk_token', 'use_default_system_prompt']);
    const space = (await (await fetch(url('/api/spaces/pngwn/music-visualizer'))).json()) as Json;
    assert.deepEqual(Object.keys(space), ['_id', 'id', 'author', 'sha', 'lastModified', 'private', 'cardData', 'gated', 'disabled', 'subdomain', 'tags', 'likes', 'datasets', 'sdk', 'runtime', 'siblings']);
    assert.deepEqual(space.runtime, { stage: 'RUNNING', sdk: 'gradio', sdkVersion: '3.16.2', hardware: { current: 'cpu-basic', requested: 'cpu-basic' }, spaceId: 'pngwn/music-visualizer' });
    assert.deepEqual([space._id, space.sha, space.likes, space.datasets], ['63d2d66613d86bc148071e75', '4090039c565c73d5a0485d14bc3067ca6b25967c', 1, ['nateraw/misc']]);
  });

  it('serves the legacy id gpt2 as-is', async () => {
    const res = await fetch(url('/api/models/gpt2'));
    assert.equal(res.status, 200);
    const current = (await (await fetch(url('/api/models/openai-community/gpt2'))).json()) as Json;
    assert.deepEqual(await res.json(), { ...current, id: 'gpt2', modelId: 'gpt2' });
    const expanded = (await (await fetch(url('/api/models/gpt2/revision/HEAD?expand=likes'))).json()) as Json;
    assert.deepEqual(expanded, { _id: '621ffdc036468d709f17434d', id: 'gpt2', likes: 2630 });
  });

  it('builds detail bodies in the Hub key order', async () => {
    const body = (await (await fetch(url('/api/models/FacebookAI/roberta-base'))).json()) as Json;
    const keys = Object.keys(body);
    assert.deepEqual(keys, BERT_DETAIL_KEYS.filter((k) => keys.includes(k)));
    for (const key of ['_id', 'id', 'tags', 'sha', 'siblings', 'createdAt', 'model-index']) {
      assert.ok(keys.includes(key), key);
    }
    assert.equal(body['model-index'], null);
    assert.equal(body.modelId, body.id);
    const bert = (await (await fetch(url('/api/models/google-bert/bert-base-uncased'))).json()) as Json;
    assert.deepEqual(Object.keys(bert), BERT_DETAIL_KEYS);
  });

  it('accepts HEAD, main, shas and encoded refs as revisions', async () => {
    const head = (await (await fetch(url('/api/models/openai-community/gpt2/revision/HEAD'))).json()) as Json;
    const sha = String(head.sha);
    assert.equal(sha, '607a30d783dfa663caf39e06633721c8d4cfcd7e');
    for (const rev of ['main', sha, sha.slice(0, 7), 'refs%2Fheads%2Fmain']) {
      const res = await fetch(url(`/api/models/openai-community/gpt2/revision/${rev}?expand=sha`));
      assert.equal(res.status, 200, rev);
      assert.equal(((await res.json()) as Json).sha, sha, rev);
    }
    const missing = await fetch(url('/api/models/openai-community/gpt2/revision/refs%2Fpr%2F1'));
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-error-code'), 'RevisionNotFound');
    assert.deepEqual(await missing.json(), { error: 'Invalid rev id: refs/pr/1' });
  });

  it('adds blob info with blobs=true', async () => {
    const body = (await (await fetch(url('/api/models/openai-community/gpt2?blobs=true'))).json()) as Json;
    const siblings = body.siblings as { rfilename: string; size: number; blobId: string; lfs?: { sha256: string; size: number; pointerSize: number } }[];
    const weights = siblings.find((s) => s.rfilename === 'model.safetensors');
    assert.ok(weights?.lfs && weights.lfs.size === weights.size && /^[0-9a-f]{64}$/.test(weights.lfs.sha256));
    const config = siblings.find((s) => s.rfilename === 'config.json');
    assert.ok(config && !config.lfs && config.size > 0 && /^[0-9a-f]{40}$/.test(config.blobId));
  });

  it('redirects renamed repos with a relative 307, keeping the rest of the URL', async () => {
    const res = await fetch(url('/api/models/bert-base-uncased'), { redirect: 'manual' });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/api/models/google-bert/bert-base-uncased');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await res.text(), 'Temporary Redirect. Redirecting to /api/models/google-bert/bert-base-uncased');
    const res2 = await fetch(url('/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct'), { redirect: 'manual' });
    assert.equal(await res2.text(), 'Temporary Redirect. Redirecting to /api/models/meta-llama/Llama-3.1-8B-Instruct');
    const deep = await fetch(url('/api/models/bert-base-uncased/revision/main?expand=likes'), { redirect: 'manual' });
    assert.equal(deep.headers.get('location'), '/api/models/google-bert/bert-base-uncased/revision/main?expand=likes');
    const followed = await fetch(url('/api/models/bert-base-uncased?expand=likes'));
    assert.equal(((await followed.json()) as Json).id, SPECIAL_REPOS.renamedModel.to);
    const file = await fetch(url('/bert-base-uncased/resolve/main/config.json'), { redirect: 'manual' });
    assert.equal(file.headers.get('location'), '/google-bert/bert-base-uncased/resolve/main/config.json');
    const dataset = await fetch(url('/api/datasets/glue'), { redirect: 'manual' });
    assert.equal(dataset.headers.get('location'), '/api/datasets/nyu-mll/glue');
  });

  it('answers missing repos with 401 anonymously and 404 RepoNotFound with a token', async () => {
    const anonymous = await fetch(url('/api/models/nobody/nothing'));
    assert.equal(anonymous.status, 401);
    assertJsonHeaders(anonymous);
    assert.deepEqual(await anonymous.json(), { error: 'Invalid username or password.' });
    assert.equal(anonymous.headers.get('x-error-message'), 'Invalid username or password.');
    const signedIn = await fetch(url('/api/models/nobody/nothing'), { headers: auth(TEST_TOKENS.stranger) });
    assert.equal(signedIn.status, 404);
    assert.equal(signedIn.headers.get('x-error-code'), 'RepoNotFound');
    const revoked = await fetch(url('/api/models/openai-community/gpt2'), { headers: auth(REVOKED_TOKEN) });
    assert.equal(revoked.status, 401);
    assert.deepEqual(await revoked.json(), { error: 'Invalid credentials in Authorization header' });
    const malformed = await fetch(url('/api/models/openai-community/gpt2'), { headers: auth('not-a-token') });
    assert.equal(malformed.status, 401);
  });

  it('hides private repos from everyone but their owner', async () => {
    const path = `/api/models/${SPECIAL_REPOS.privateModel}`;
    assert.equal((await fetch(url(path))).status, 401);
    assert.equal((await fetch(url(path), { headers: auth(TEST_TOKENS.stranger) })).status, 404);
    const owner = await fetch(url(path), { headers: auth(TEST_TOKENS.hubTest) });
    assert.equal(owner.status, 200);
    assert.equal(((await owner.json()) as Json).private, true);
    const org = await fetch(url(`/api/datasets/${SPECIAL_REPOS.privateDataset}`), { headers: auth(TEST_TOKENS.hubTest) });
    assert.equal(org.status, 200);
  });

  it('refuses disabled repos', async () => {
    const res = await fetch(url(`/api/models/${SPECIAL_REPOS.disabledModel}`));
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-error-message'), 'Access to this resource is disabled.');
  });

  it('marks custom code models', async () => {
    const body = (await (await fetch(url(`/api/models/${SPECIAL_REPOS.customCodeModel}`))).json()) as Json;
    assert.ok((body.tags as string[]).includes('custom_code'));
    assert.deepEqual((body.config as Json).auto_map, { AutoConfig: 'configuration_tidal.TidalConfig', AutoModel: 'modeling_tidal.TidalModel' });
    const code = await (await fetch(url(`/${SPECIAL_REPOS.customCodeModel}/resolve/main/modeling_tidal.py`))).text();
    assert.match(code, /class TidalModel\(PreTrainedModel\)/);
  });

  it('serves dataset and Space details, Space runtimes, refs, commits and auth-check', async () => {
    const dataset = (await (await fetch(url('/api/datasets/nyu-mll/glue'))).json()) as Json;
    assert.deepEqual(Object.keys(dataset).slice(0, 4), ['_id', 'id', 'author', 'sha']);
    assert.ok((dataset.siblings as Json[]).some((s) => String(s.rfilename).endsWith('.parquet')));
    const space = (await (await fetch(url('/api/spaces/kestrel-labs/kestrel-chat'))).json()) as Json;
    assert.equal(space.sdk, 'gradio');
    assert.equal(space.host, 'https://kestrel-labs-kestrel-chat.hf.space');
    assert.deepEqual(space.models, ['kestrel-labs/Kestrel-2-7B-Instruct']);
    const runtime = (await (await fetch(url('/api/spaces/kestrel-labs/kestrel-chat/runtime'))).json()) as Json;
    assert.deepEqual(Object.keys(runtime), ['stage', 'hardware', 'storage', 'gcTimeout', 'replicas', 'devMode', 'domains']);
    assert.equal(runtime.stage, 'RUNNING');
    const stages = new Set<string>();
    for (const s of hub.catalog.all('space')) {
      stages.add(String(((await (await fetch(url(`/api/spaces/${s.id}/runtime`))).json()) as Json).stage));
    }
    for (const stage of ['RUNNING', 'BUILDING', 'RUNTIME_ERROR', 'BUILD_ERROR', 'NO_APP_FILE', 'CONFIG_ERROR', 'SLEEPING', 'PAUSED']) {
      assert.ok(stages.has(stage), `no Space in stage ${stage}`);
    }
    const refs = (await (await fetch(url('/api/datasets/squad/refs'))).json()) as Json;
    const squad = hub.catalog.get('dataset', 'squad');
    assert.deepEqual((refs.branches as Json[])[0], { name: 'main', ref: 'refs/heads/main', targetCommit: squad?.sha });
    assert.equal((refs.converts as Json[]).length, 1);
    const commits = (await (await fetch(url('/api/models/openai-community/gpt2/commits/main'))).json()) as Json[];
    assert.equal(commits[0].id, '607a30d783dfa663caf39e06633721c8d4cfcd7e');
    assert.equal(commits[commits.length - 1].title, 'initial commit');
    assert.equal((await fetch(url('/api/models/openai-community/gpt2/auth-check'))).status, 200);
    const gated = await fetch(url(`/api/models/${SPECIAL_REPOS.gatedModel}/auth-check`), { headers: auth(TEST_TOKENS.stranger) });
    assert.equal(gated.status, 403);
    assert.equal(gated.headers.get('x-error-code'), 'GatedRepo');
  });

  it('answers whoami-v2 with the Hub keys', async () => {
    const res = await fetch(url('/api/whoami-v2'), { headers: auth(TEST_TOKENS.hubTest) });
    assertJsonHeaders(res);
    const body = (await res.json()) as Json;
    assert.deepEqual(Object.keys(body), ['type', 'id', 'name', 'fullname', 'email', 'emailVerified', 'canPay', 'isPro', 'periodEnd', 'avatarUrl', 'billingMode', 'orgs', 'auth']);
    assert.equal(body.name, TEST_USERS.hubTest.name);
    assert.deepEqual((body.orgs as Json[]).map((o) => o.name), ['hub-test-org']);
    assert.deepEqual(Object.keys(body.auth as Json), ['type', 'accessToken']);
    assert.equal((await fetch(url('/api/whoami-v2'))).status, 401);
    assert.equal((await fetch(url('/api/whoami-v2'), { headers: auth(REVOKED_TOKEN) })).status, 401);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(url('/api/not-a-route'));
    assert.equal(res.status, 404);
    assertJsonHeaders(res);
  });
});

describe('files', () => {
  const readme = readFileSync(path.join(CARDS_DIR, 'models/openai-community/gpt2/README.md'));

  it('resolves the card with a strong git ETag and repo commit', async () => {
    const res = await fetch(url('/openai-community/gpt2/resolve/main/README.md'));
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(body, readme);
    assert.equal(res.headers.get('etag'), `"${gitBlobSha1(readme)}"`);
    assert.equal(res.headers.get('x-repo-commit'), '607a30d783dfa663caf39e06633721c8d4cfcd7e');
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    assert.equal(res.headers.get('content-length'), String(readme.length));
    assertNoXet(res);
  });

  it('honours Range requests', async () => {
    const first = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: 'bytes=0-0' } });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-0/${readme.length}`);
    assert.equal(await first.text(), '-');
    const middle = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: 'bytes=4-11' } });
    assert.deepEqual(Buffer.from(await middle.arrayBuffer()), readme.subarray(4, 12));
    const tail = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: 'bytes=-10' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), readme.subarray(readme.length - 10));
    const open = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: `bytes=${readme.length - 3}-` } });
    assert.equal(open.headers.get('content-range'), `bytes ${readme.length - 3}-${readme.length - 1}/${readme.length}`);
    const beyond = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: `bytes=${readme.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${readme.length}`);
  });

  it('answers 416 for a range of the 0-byte file, 200 without range', async () => {
    const { repo, path: file } = SPECIAL_REPOS.emptyFile;
    const ranged = await fetch(url(`/${repo}/resolve/main/${file}`), { headers: { Range: 'bytes=0-0' } });
    assert.equal(ranged.status, 416);
    assert.equal(ranged.headers.get('content-range'), 'bytes */0');
    const plain = await fetch(url(`/${repo}/resolve/main/${file}`));
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-length'), '0');
    assert.equal(plain.headers.get('etag'), `"${gitBlobSha1(Buffer.alloc(0))}"`);
  });

  it('answers 304 to If-None-Match on resolve, not on raw', async () => {
    const etag = `"${gitBlobSha1(readme)}"`;
    const resolve = await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { 'If-None-Match': etag } });
    assert.equal(resolve.status, 304);
    assert.equal(resolve.headers.get('etag'), etag);
    const raw = await fetch(url('/openai-community/gpt2/raw/main/README.md'), { headers: { 'If-None-Match': etag } });
    assert.equal(raw.status, 200);
  });

  it('serves LFS files by size, with linked headers, and their pointer through raw', async () => {
    const tree = (await (await fetch(url('/api/models/openai-community/gpt2/tree/main'))).json()) as Json[];
    const entry = tree.find((e) => e.path === 'pytorch_model.bin') as { size: number; oid: string; lfs: { oid: string; size: number; pointerSize: number } };
    const redirect = await fetch(url('/openai-community/gpt2/resolve/main/pytorch_model.bin'), { method: 'HEAD', redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('x-linked-size'), String(entry.size));
    assert.equal(redirect.headers.get('x-linked-etag'), `"${entry.lfs.oid}"`);
    assert.equal(redirect.headers.get('etag'), `"${entry.lfs.oid}"`);
    assert.equal(new URL(redirect.headers.get('location') ?? '').origin, hub.cdnUrl);
    const head = await fetch(url('/openai-community/gpt2/resolve/main/pytorch_model.bin'), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(entry.size));
    assert.equal(head.headers.get('etag'), `"${entry.lfs.oid}"`);
    assert.equal(await head.text(), '');
    assertNoXet(head);
    const slice = await fetch(url('/openai-community/gpt2/resolve/main/pytorch_model.bin'), { headers: { Range: 'bytes=1000-1999' } });
    assert.equal(slice.status, 206);
    assert.equal((await slice.arrayBuffer()).byteLength, 1000);
    const pointer = await fetch(url('/openai-community/gpt2/raw/main/pytorch_model.bin'));
    const text = await pointer.text();
    assert.equal(text, `version https://git-lfs.github.com/spec/v1\noid sha256:${entry.lfs.oid}\nsize ${entry.size}\n`);
    assert.equal(text.length, entry.lfs.pointerSize);
    assert.equal(pointer.headers.get('etag'), `"${entry.oid}"`);
    assert.equal(gitBlobSha1(Buffer.from(text)), entry.oid);
  });

  it('writes a valid safetensors header', async () => {
    const file = '/openai-community/gpt2/resolve/main/model.safetensors';
    const size = Number((await fetch(url(file), { method: 'HEAD' })).headers.get('content-length'));
    const lengthBytes = Buffer.from(await (await fetch(url(file), { headers: { Range: 'bytes=0-7' } })).arrayBuffer());
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    const header = JSON.parse(await (await fetch(url(file), { headers: { Range: `bytes=8-${7 + headerLength}` } })).text()) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
    const tensors = Object.entries(header).filter(([name]) => name !== '__metadata__');
    const params = tensors.reduce((sum, [, t]) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
    assert.equal(params, 137022720, 'the recorded safetensors.total of gpt2');
    const end = Math.max(...tensors.map(([, t]) => t.data_offsets[1]));
    assert.equal(8 + headerLength + end, size);
  });

  it('answers missing files, gated files and dataset files', async () => {
    const missing = await fetch(url('/openai-community/gpt2/resolve/main/nope.txt'));
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-error-code'), 'EntryNotFound');
    const gated = `/${SPECIAL_REPOS.gatedModel}/resolve/main/config.json`;
    const anonymous = await fetch(url(gated));
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('x-error-code'), 'GatedRepo');
    assert.match(((await anonymous.json()) as Json).error as string, /^Access to model meta-llama\/Llama-3\.1-8B-Instruct is restricted\. You must have access to it and be authenticated/);
    const stranger = await fetch(url(gated), { headers: auth(TEST_TOKENS.stranger) });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.headers.get('x-error-code'), 'GatedRepo');
    assert.match(stranger.headers.get('x-error-message') ?? '', /you are not in the authorized list\. Visit http:\/\/127\.0\.0\.1:\d+\/meta-llama\/Llama-3\.1-8B-Instruct to ask for access\./);
    const approved = await fetch(url(gated), { headers: auth(TEST_TOKENS.hubTest) });
    assert.equal(approved.status, 200);
    assert.ok(((await approved.json()) as Json).architectures);
    const gatedDataset = await fetch(url(`/datasets/${SPECIAL_REPOS.gatedDataset}/resolve/main/README.md`), { headers: auth(TEST_TOKENS.stranger) });
    assert.equal(gatedDataset.status, 403);
    const space = await fetch(url('/spaces/kestrel-labs/kestrel-chat/resolve/main/app.py'));
    assert.match(await space.text(), /import gradio as gr/);
    const exists = await fetch(url('/datasets/squad/raw/main/README.md'), { method: 'HEAD' });
    assert.equal(exists.status, 200);
    const wrongRev = await fetch(url('/openai-community/gpt2/resolve/v9/README.md'));
    assert.equal(wrongRev.headers.get('x-error-code'), 'RevisionNotFound');
  });

  it('lists trees with the Hub entry shape, recursively and per folder', async () => {
    const res = await fetch(url('/api/models/google-bert/bert-base-uncased/tree/main?recursive=false&expand=false'));
    assertJsonHeaders(res);
    const root = (await res.json()) as Json[];
    const lfs = root.find((e) => e.lfs) as Json;
    // The Hub adds `xetHash` after `lfs` for files stored on Xet; the test Hub stores none there.
    assert.deepEqual(Object.keys(lfs), ['type', 'oid', 'size', 'lfs', 'path']);
    assert.deepEqual(Object.keys(lfs.lfs as Json), ['oid', 'size', 'pointerSize']);
    assert.deepEqual(Object.keys(root.find((e) => e.path === 'config.json') as Json), ['type', 'oid', 'size', 'path']);
    assert.ok(root.some((e) => e.type === 'directory' && e.path === 'coreml' && e.size === 0));
    assert.ok(root.every((e) => !('xetHash' in e)));
    assert.ok(root.every((e) => !String(e.path).includes('/')));
    const all = (await (await fetch(url('/api/models/google-bert/bert-base-uncased/tree/main?recursive=True'))).json()) as Json[];
    assert.ok(all.some((e) => e.path === 'coreml/fill-mask/float32_model.mlpackage/Manifest.json'));
    const folder = (await (await fetch(url('/api/models/google-bert/bert-base-uncased/tree/main/coreml%2Ffill-mask'))).json()) as Json[];
    assert.deepEqual(folder.map((e) => e.path), ['coreml/fill-mask/float32_model.mlpackage']);
    const expanded = (await (await fetch(url('/api/models/google-bert/bert-base-uncased/tree/main?expand=true'))).json()) as Json[];
    assert.deepEqual(Object.keys(expanded[0].lastCommit as Json), ['id', 'title', 'date']);
    const file = await fetch(url('/api/models/google-bert/bert-base-uncased/tree/main/config.json'));
    assert.equal(file.status, 404);
  });

  it('pages big trees: 1000 entries, 50 with expand', async () => {
    const base = `/api/datasets/${SPECIAL_REPOS.manyFilesDataset}/tree/main`;
    const { items, pages } = await followAll(url(`${base}?recursive=true`));
    assert.equal(pages.length, 3);
    assert.equal(((await fetch(url(`${base}?recursive=true`)).then((r) => r.json())) as Json[]).length, 1000);
    assert.equal(items.filter((e) => e.type === 'file').length, 2402);
    assert.equal(items.filter((e) => e.type === 'directory').length, 25);
    const expanded = await fetch(url(`${base}?recursive=true&expand=true`));
    assert.equal(((await expanded.json()) as Json[]).length, 50);
    assert.ok(nextLink(expanded)?.includes('expand=true'));
  });

  it('answers paths-info with JSON and form bodies', async () => {
    const target = url('/api/models/openai-community/gpt2/paths-info/main');
    const json = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: ['config.json', 'onnx', 'missing.txt'], expand: false }) });
    const entries = (await json.json()) as Json[];
    assert.deepEqual(entries.map((e) => [e.path, e.type]), [['config.json', 'file'], ['onnx', 'directory']]);
    const form = await fetch(target, { method: 'POST', body: new URLSearchParams([['paths', 'model.safetensors'], ['expand', 'True']]) });
    const [entry] = (await form.json()) as Json[];
    assert.equal(entry.path, 'model.safetensors');
    assert.ok(entry.lfs && entry.lastCommit);
  });
});

describe('faults', () => {
  it('forces a 429 with rate-limit headers, once', async () => {
    hub.inject({ match: '/api/models/openai-community/gpt2', status: 429, retryAfter: 7, times: 1 });
    const limited = await fetch(url('/api/models/openai-community/gpt2'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('ratelimit'), '"api";r=0;t=7');
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.ok(((await limited.json()) as Json).error);
    assert.equal((await fetch(url('/api/models/openai-community/gpt2'))).status, 200);
  });

  it('answers 500 and 503 with proper error bodies', async () => {
    hub.inject({ match: /\/api\/datasets\?/, status: 500, times: 1 });
    hub.inject({ match: /\/api\/datasets\?/, status: 503, retryAfter: 2, times: 1 });
    const first = await fetch(url('/api/datasets?limit=1'));
    assert.equal(first.status, 500);
    assert.deepEqual(await first.json(), { error: "Internal Error - We're working hard to fix this as soon as possible!" });
    const second = await fetch(url('/api/datasets?limit=1'));
    assert.equal(second.status, 503);
    assert.equal(second.headers.get('retry-after'), '2');
    assert.equal((await fetch(url('/api/datasets?limit=1'))).status, 200);
  });

  it('delays answers', async () => {
    hub.inject({ match: '/api/spaces?latency', latencyMs: 150, times: 1 });
    const started = performance.now();
    const res = await fetch(url('/api/spaces?latency=1&limit=1'));
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started >= 140);
  });

  it('resets the connection', async () => {
    hub.inject({ match: 'reset-me', reset: true, times: 1 });
    hub.clearRequests();
    await assert.rejects(fetch(url('/api/models?reset-me=1')));
    assert.equal(hub.requests[0].status, 0);
  });

  it('truncates bodies', async () => {
    hub.inject({ match: '/api/resolve-cache/models/openai-community/gpt2/', truncate: true, times: 1 });
    const res = await fetch(url('/openai-community/gpt2/resolve/main/README.md'));
    assert.equal(res.headers.get('content-length'), String(readFileSync(path.join(CARDS_DIR, 'models/openai-community/gpt2/README.md')).length));
    await assert.rejects(res.arrayBuffer());
  });

  it('sends invalid JSON and HTML error pages', async () => {
    hub.inject({ match: 'broken-json', invalidJson: true, times: 1 });
    const broken = await fetch(url('/api/models?broken-json=1'));
    assert.equal(broken.headers.get('content-type'), 'application/json; charset=utf-8');
    await assert.rejects(broken.json(), SyntaxError);
    hub.inject({ match: 'html-page', html: true, times: 1 });
    const page = await fetch(url('/api/models?html-page=1'));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<html>/);
    hub.inject({ match: 'html-502', html: true, status: 502, times: 1 });
    assert.equal((await fetch(url('/api/models?html-502=1'))).status, 502);
  });

  it('drips bodies slowly but completely', async () => {
    hub.inject({ match: 'drip', dripMs: 5, dripBytes: 256, times: 1 });
    const started = performance.now();
    const res = await fetch(url('/api/models?drip=1&limit=5'));
    const items = (await res.json()) as Json[];
    assert.equal(items.length, 5);
    const chunks = Math.ceil(Number(res.headers.get('content-length')) / 256);
    assert.ok(performance.now() - started >= chunks * 4, `${chunks} chunks`);
  });

  it('hangs', async () => {
    hub.inject({ match: 'hang-forever', hang: true, times: 1 });
    await assert.rejects(fetch(url('/api/models?hang-forever=1'), { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
  });

  it('loops redirects', async () => {
    hub.inject({ match: 'loop', redirectLoop: true });
    await assert.rejects(fetch(url('/api/models?loop=1')));
    const manual = await fetch(url('/api/models?loop=1'), { redirect: 'manual' });
    assert.equal(manual.headers.get('location'), '/api/models?loop=1');
    hub.clearFaults();
    assert.equal((await fetch(url('/api/models?loop=1&limit=1'))).status, 200);
  });

  it('loops redirects with a chosen 3xx status', async () => {
    hub.inject({ match: 'loop307', status: 307, redirectLoop: true });
    const manual = await fetch(url('/api/models?loop307=1'), { redirect: 'manual' });
    assert.equal(manual.status, 307);
    assert.equal(manual.headers.get('location'), '/api/models?loop307=1');
  });

  it('sends a 429 with RateLimit only, Retry-After only, or both', async () => {
    for (const [limitHeaders, rateLimit, retryAfter] of [
      ['RateLimit', /r=0;t=30/, null],
      ['Retry-After', /r=\d+;t=\d+/, '30'],
      ['both', /r=0;t=30/, '30'],
    ] as const) {
      hub.inject({ match: 'limited', status: 429, retryAfter: 30, limitHeaders, times: 1 });
      const res = await fetch(url('/api/models?limited=1'));
      assert.equal(res.status, 429);
      assert.match(res.headers.get('ratelimit') ?? '', rateLimit, limitHeaders);
      assert.equal(res.headers.get('retry-after'), retryAfter, limitHeaders);
    }
  });

  it('streams a huge, well-formed JSON answer without Content-Length', async () => {
    hub.inject({ match: 'huge', hugeBytes: 3 * 1024 * 1024, times: 1 });
    const res = await fetch(url('/api/models?huge=1'));
    assert.equal(res.headers.get('content-length'), null);
    const text = await res.text();
    assert.ok(text.length >= 3 * 1024 * 1024 && text.length < 3 * 1024 * 1024 + 200 * 1024, String(text.length));
    assert.ok((JSON.parse(text) as Json[]).length > 10_000);
  });

  it('adds headers, replaces bodies, and applies faults in order until cleared', async () => {
    const first = hub.inject({ match: 'ordered', headers: { 'X-Test': 'first' } });
    hub.inject({ match: 'ordered', body: { replaced: true } });
    const res = await fetch(url('/api/models?ordered=1&limit=1'));
    assert.equal(res.headers.get('x-test'), 'first');
    assert.equal(((await res.json()) as Json[]).length, 1, 'the first matching fault wins');
    hub.clearFaults(first);
    assert.deepEqual(await (await fetch(url('/api/models?ordered=1'))).json(), { replaced: true });
    hub.clearFaults();
    assert.ok(Array.isArray(await (await fetch(url('/api/models?ordered=1&limit=1'))).json()));
  });
});

describe('request log', () => {
  it('records method, path, query, auth presence, range, If-None-Match and status without token values', async () => {
    hub.clearRequests();
    await fetch(url('/api/models/openai-community/gpt2?expand=likes'), { headers: auth(TEST_TOKENS.hubTest) });
    await fetch(url('/openai-community/gpt2/resolve/main/README.md'), { headers: { Range: 'bytes=0-0', 'If-None-Match': '"stale"' } });
    await fetch(url('/api/models/nobody/nothing'));
    assert.equal(hub.requests.length, 4);
    const [info, redirect, file, missing] = hub.requests;
    assert.equal(redirect.status, 307);
    assert.deepEqual(redirect.headers, file.headers, 'fetch repeats the headers on the same origin');
    assert.deepEqual(
      { method: info.method, path: info.path, query: info.query, headers: info.headers, status: info.status },
      { method: 'GET', path: '/api/models/openai-community/gpt2', query: 'expand=likes', headers: { authorization: true, range: undefined, ifNoneMatch: undefined }, status: 200 },
    );
    assert.deepEqual(file.headers, { authorization: false, range: 'bytes=0-0', ifNoneMatch: '"stale"' });
    assert.equal(file.status, 206);
    assert.equal(missing.status, 401);
    assert.ok(info.time <= file.time && Math.abs(Date.now() - info.time) < 60_000);
    assert.ok(!JSON.stringify(hub.requests).includes(TEST_TOKENS.hubTest));
    hub.clearRequests();
    assert.equal(hub.requests.length, 0);
  });
});

describe('extra cards and scale', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hub-cards-'));
    mkdirSync(path.join(dir, 'models/openai-community/gpt2'), { recursive: true });
    writeFileSync(path.join(dir, 'models/openai-community/gpt2/README.md'), '---\nlicense: bsd-3-clause\nlibrary_name: transformers\npipeline_tag: text-generation\n---\n\n# Replaced card\n');
    mkdirSync(path.join(dir, 'models/acme-labs/rocket-7b'), { recursive: true });
    writeFileSync(path.join(dir, 'models/acme-labs/rocket-7b/README.md'), '---\nlicense: mit\npipeline_tag: text-generation\nlibrary_name: transformers\ntags:\n- rocket\n---\n\n# Rocket\n');
    mkdirSync(path.join(dir, 'datasets/acme-labs/launch-logs'), { recursive: true });
    writeFileSync(path.join(dir, 'datasets/acme-labs/launch-logs/README.md'), '---\nlicense: cc0-1.0\ntask_categories:\n- time-series-forecasting\n---\n\n# Launch logs\n');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds and overrides repos from --cards', async () => {
    const extra = await startHubServer({ cardsDir: dir });
    try {
      const gpt2 = (await (await fetch(`${extra.url}/api/models/openai-community/gpt2`)).json()) as Json;
      assert.deepEqual(gpt2.cardData, { license: 'bsd-3-clause', library_name: 'transformers', pipeline_tag: 'text-generation' });
      assert.ok((gpt2.tags as string[]).includes('license:bsd-3-clause'));
      assert.equal(await (await fetch(`${extra.url}/openai-community/gpt2/resolve/main/README.md`)).text(), readFileSync(path.join(dir, 'models/openai-community/gpt2/README.md'), 'utf8'));
      const rocket = (await (await fetch(`${extra.url}/api/models?filter=rocket`)).json()) as Json[];
      assert.deepEqual(rocket.map((m) => m.id), ['acme-labs/rocket-7b']);
      const logs = (await (await fetch(`${extra.url}/api/datasets/acme-labs/launch-logs`)).json()) as Json;
      assert.ok((logs.tags as string[]).includes('task_categories:time-series-forecasting'));
      assert.equal(extra.catalog.counts().models, hub.catalog.counts().models + 1);
    } finally {
      await extra.close();
    }
  });

  it('runs from the command line', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/hub-server/cli.mjs'), '--port', '0', '--cards', dir, '--synthetic', '5', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) {
            resolve(out.slice(0, out.indexOf('\n')));
          }
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      const m = /^Hub listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      assert.ok(m, first);
      const models = (await (await fetch(`${m[1]}/api/models?search=scale-model&expand=likes`)).json()) as Json[];
      assert.equal(models.length, 5);
      const rocket = await fetch(`${m[1]}/api/models/acme-labs/rocket-7b`);
      assert.equal(rocket.status, 200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  it('pages through 10,000 synthetic models', async () => {
    const big = await startHubServer({ syntheticModels: 10_000 });
    try {
      assert.equal(big.catalog.counts().models, hub.catalog.counts().models + 10_000);
      const { items, pages } = await followAll(`${big.url}/api/models?search=scale-model&limit=1000&sort=createdAt&expand=createdAt&expand=pipeline_tag`);
      assert.equal(items.length, 10_000);
      assert.equal(new Set(items.map((i) => i.id)).size, 10_000);
      assert.equal(pages.length, 10);
      for (const query of ['', '?limit=5000']) {
        const page = await fetch(`${big.url}/api/models${query}`);
        assert.equal(((await page.json()) as Json[]).length, 1000, `page size for "${query}"`);
        assert.ok(nextLink(page));
      }
      assert.ok(pages.slice(0, 9).every((p) => nextLink(p)));
      assert.equal(nextLink(pages[9]), undefined);
      const one = await fetch(`${big.url}/scale-org-042/scale-model-00042/resolve/main/README.md`);
      assert.match(await one.text(), /Scale-test model number 42/);
    } finally {
      await big.close();
    }
  });
});
