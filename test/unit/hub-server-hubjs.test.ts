// Unmodified `@huggingface/hub` calls against the embedded Hub server: if these work, the server speaks the
// wire format the library expects (URLs, expand sets, Link paging, Range probing, errors).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  HubApiError, datasetInfo, downloadFile, fileExists, listDatasets, listFiles, listModels, listSpaces, modelInfo, pathsInfo, repoExists,
  spaceInfo, whoAmI,
} from '@huggingface/hub';
import { SPECIAL_REPOS, TEST_USERS, startHubServer } from '../hub-server/server.mjs';
import type { HubServer } from '../hub-server/server.mjs';

const GPT2_CARD = fileURLToPath(new URL('../fixtures/generated-cards/models/openai-community/gpt2/README.md', import.meta.url));

let hub: HubServer;
let hubUrl: string;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}
/** A fetch that counts the requests each call makes. */
let calls: string[];
const countingFetch: typeof fetch = (input, init) => {
  calls.push(String(input));
  return fetch(input, init);
};

before(async () => {
  hub = await startHubServer();
  hubUrl = hub.url;
});

after(async () => {
  await hub.close();
});

describe('@huggingface/hub against the embedded Hub', () => {
  it('listModels searches, maps fields and stops at the limit', async () => {
    calls = [];
    const models = [];
    for await (const m of listModels({ hubUrl, limit: 30, search: { query: 'bert', task: 'fill-mask' }, sort: 'downloads', additionalFields: ['tags'], fetch: countingFetch })) {
      models.push(m);
    }
    assert.equal(models.length, 30);
    assert.equal(calls.length, 1);
    assert.match(calls[0], /\/api\/models\?limit=30&pipeline_tag=fill-mask&search=bert&sort=downloads&expand=pipeline_tag&/);
    for (const m of models) {
      assert.match(m.name, /bert/i);
      assert.equal(m.task, 'fill-mask');
      assert.match(m.id, /^[0-9a-f]{24}$/, 'id is the Mongo _id');
      assert.ok(m.updatedAt instanceof Date && !Number.isNaN(m.updatedAt.getTime()));
      assert.ok(Array.isArray(m.tags));
    }
    const downloads = models.map((m) => m.downloads);
    assert.deepEqual(downloads, [...downloads].sort((a, b) => b - a));
  });

  it('listModels follows Link headers across pages of 500', async () => {
    const big = await startHubServer({ syntheticModels: 1200 });
    try {
      calls = [];
      let count = 0;
      for await (const m of listModels({ hubUrl: big.url, search: { owner: 'scale-org-007' }, limit: 2000, fetch: countingFetch })) {
        assert.ok(m.name.startsWith('scale-org-007/'));
        count++;
      }
      assert.equal(count, 12);
      calls = [];
      assert.equal((await collect(listModels({ hubUrl: big.url, limit: 1100, fetch: countingFetch }))).length, 1100);
      assert.equal(calls.length, 3, 'limit=500 pages, followed through Link');
      assert.ok(calls[1].includes('cursor='));
    } finally {
      await big.close();
    }
  });

  it('modelInfo reads the recorded gpt2 fields through revision/HEAD', async () => {
    calls = [];
    const info = await modelInfo({ name: 'openai-community/gpt2', hubUrl, fetch: countingFetch, additionalFields: ['library_name', 'tags'] });
    assert.match(calls[0], /\/api\/models\/openai-community\/gpt2\/revision\/HEAD\?expand=pipeline_tag/);
    assert.deepEqual(
      { id: info.id, name: info.name, private: info.private, task: info.task, downloads: info.downloads, gated: info.gated, likes: info.likes, updatedAt: info.updatedAt.toISOString(), library_name: info.library_name },
      {
        id: '621ffdc036468d709f17434d', name: 'openai-community/gpt2', private: false, task: 'text-generation', downloads: 17272637, gated: false, likes: 2630,
        updatedAt: '2024-02-19T10:57:45.000Z', library_name: 'transformers',
      },
    );
    const renamed = await modelInfo({ name: SPECIAL_REPOS.renamedModel.from, hubUrl });
    assert.equal(renamed.name, SPECIAL_REPOS.renamedModel.to, 'fetch follows the 307');
    const gated = await modelInfo({ name: SPECIAL_REPOS.gatedModel, hubUrl });
    assert.equal(gated.gated, 'manual');
  });

  it('downloadFile returns the real card text', async () => {
    calls = [];
    const blob = await downloadFile({ repo: 'openai-community/gpt2', path: 'README.md', hubUrl, fetch: countingFetch });
    assert.ok(blob);
    assert.equal(await blob.text(), readFileSync(GPT2_CARD, 'utf8'));
    assert.equal(calls.length, 2, 'a Range probe, then the full read');
    const missing = await downloadFile({ repo: 'openai-community/gpt2', path: 'missing.txt', hubUrl });
    assert.equal(missing, null, 'EntryNotFound gives null');
    const slice = await downloadFile({ repo: 'openai-community/gpt2', path: 'model.safetensors', hubUrl });
    assert.ok(slice && slice.size > 500_000_000);
    const header = new DataView(await slice.slice(0, 8).arrayBuffer());
    assert.ok(header.getBigUint64(0, true) > 0n, 'reads a range of a big LFS file');
  });

  it('downloadFile and fileExists respect gating and datasets', async () => {
    await assert.rejects(downloadFile({ repo: SPECIAL_REPOS.gatedModel, path: 'config.json', hubUrl }), (err: unknown) => err instanceof HubApiError && err.statusCode === 401);
    await assert.rejects(
      downloadFile({ repo: SPECIAL_REPOS.gatedModel, path: 'config.json', hubUrl, accessToken: TEST_USERS.stranger.token }),
      (err: unknown) => err instanceof HubApiError && err.statusCode === 403 && /not in the authorized list/.test(err.message),
    );
    const approved = await downloadFile({ repo: SPECIAL_REPOS.gatedModel, path: 'config.json', hubUrl, accessToken: TEST_USERS.hubTest.token });
    assert.equal(JSON.parse((await approved?.text()) ?? '{}').model_type, 'llama');
    const card = await downloadFile({ repo: { type: 'dataset', name: 'squad' }, path: 'README.md', hubUrl });
    assert.match((await card?.text()) ?? '', /# Dataset Card for Stanford Question Answering Dataset \(SQuAD\)/);
    assert.equal(await fileExists({ repo: 'openai-community/gpt2', path: 'config.json', hubUrl }), true);
    assert.equal(await fileExists({ repo: 'openai-community/gpt2', path: 'nope.json', hubUrl }), false);
    assert.equal(await fileExists({ repo: { type: 'space', name: 'kestrel-labs/kestrel-chat' }, path: 'app.py', hubUrl }), true);
  });

  it('whoAmI answers for a test token', async () => {
    const me = await whoAmI({ hubUrl, accessToken: TEST_USERS.hubTest.token });
    assert.equal(me.type, 'user');
    assert.equal(me.name, 'hub-test');
    assert.equal(me.auth.type, 'access_token');
    assert.ok(me.auth.accessToken?.createdAt instanceof Date);
    assert.equal(me.auth.accessToken?.role, 'write');
    const other = await whoAmI({ hubUrl, accessToken: TEST_USERS.stranger.token });
    assert.equal(other.name, 'stranger');
  });

  it('listFiles and pathsInfo list the tree', async () => {
    const files = [];
    for await (const f of listFiles({ repo: 'openai-community/gpt2', hubUrl })) {
      files.push(f);
    }
    assert.ok(files.some((f) => f.type === 'directory' && f.path === 'onnx'));
    const weights = files.find((f) => f.path === 'model.safetensors');
    assert.ok(weights?.lfs && weights.lfs.size === weights.size && weights.xetHash === undefined);
    const recursive = [];
    for await (const f of listFiles({ repo: 'openai-community/gpt2', hubUrl, recursive: true })) {
      recursive.push(f.path);
    }
    assert.ok(recursive.includes('onnx/decoder_model.onnx'));
    const info = await pathsInfo({ repo: 'openai-community/gpt2', paths: ['config.json', 'onnx'], expand: true, hubUrl });
    assert.deepEqual(info.map((p) => p.type), ['file', 'directory']);
    assert.ok(info[0].lastCommit.date instanceof Date);
    const many = await collect(listFiles({ repo: { type: 'dataset', name: SPECIAL_REPOS.manyFilesDataset }, recursive: true, hubUrl }));
    assert.equal(many.length, 2427);
  });

  it('lists datasets and Spaces, and reads their info', async () => {
    const datasets = [];
    for await (const d of listDatasets({ hubUrl, search: { query: 'glue' }, limit: 10 })) {
      datasets.push(d.name);
    }
    assert.deepEqual(datasets.sort(), ['code_x_glue_ct_code_to_text', 'nyu-mll/glue', 'russian_super_glue', 'super_glue']);
    let spaces = 0;
    for await (const s of listSpaces({ hubUrl })) {
      assert.ok(['gradio', 'streamlit', 'docker', 'static'].includes(String(s.sdk)), s.name);
      spaces++;
    }
    assert.equal(spaces, hub.catalog.counts().spaces);
    const glue = await datasetInfo({ name: 'nyu-mll/glue', hubUrl });
    assert.equal(glue.name, 'nyu-mll/glue');
    const space = await spaceInfo({ name: 'pngwn/music-visualizer', hubUrl });
    assert.equal(space.id, '63d2d66613d86bc148071e75');
    assert.equal(await repoExists({ repo: 'openai-community/gpt2', hubUrl }), true);
    assert.equal(await repoExists({ repo: 'nobody/nothing', hubUrl }), false);
    assert.equal(await repoExists({ repo: SPECIAL_REPOS.privateModel, hubUrl }), false);
    assert.equal(await repoExists({ repo: SPECIAL_REPOS.privateModel, hubUrl, accessToken: TEST_USERS.hubTest.token }), true);
  });

  it('surfaces injected faults as HubApiError', async () => {
    hub.inject({ match: '/api/models?', status: 429, retryAfter: 3, times: 1 });
    await assert.rejects(
      collect(listModels({ hubUrl, limit: 1 })),
      (err: unknown) => err instanceof HubApiError && err.statusCode === 429 && typeof err.requestId === 'string',
    );
  });
});
