// The embedded Inference Providers router (test/hub-server/router.mjs): how `:fastest`, `:cheapest`, `:preferred` and
// named providers choose, each provider's own paths, `/v1/models`, text-to-image, and the real `@huggingface/inference`
// client driven against it through a fetch that maps its two origins onto the embedded Hub.
import { InferenceClient } from '@huggingface/inference';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_TOKENS } from '../hub-server/server.mjs';
import { embeddedHub } from './embedded-hub';
import { AURORA, chunksOf, FLUX, KESTREL, LLAMA_70B, LLAMA_8B, NORTHWIND, routerCalls, user, type Completion } from './router-calls';

const fixture = embeddedHub();
const { post, chat } = routerCalls(fixture);

interface ModelItem {
  id: string;
  object: string;
  created: number;
  owned_by: string;
  providers: { provider: string; status: string; throughput: number; pricing: { input: number; output: number } }[];
}
type Mapping = Record<string, { status: string; providerId: string; task: string }>;

describe('embedded router: providers and policies', () => {
  async function mapping(id: string): Promise<Mapping> {
    const body = (await (await fetch(`${fixture.hub.url}/api/models/${id}?expand[]=inferenceProviderMapping`)).json()) as { inferenceProviderMapping: Mapping };
    return body.inferenceProviderMapping;
  }
  async function served(model: string): Promise<{ status: number; provider: string | null; model?: string; error?: { code: string; type: string; message: string } }> {
    const response = await chat({ model, messages: user('hi') });
    const body = (await response.json()) as Completion & { error?: { code: string; type: string; message: string } };
    return { status: response.status, provider: response.headers.get('x-inference-provider'), model: body.model, error: body.error };
  }

  it('picks by policy among the live providers, with the figures /v1/models lists', async () => {
    const list = ((await (await fetch(`${fixture.hub.url}/router/v1/models`)).json()) as { data: ModelItem[] }).data;
    const picks = new Set<string | undefined>();
    for (const id of [LLAMA_8B, LLAMA_70B, KESTREL, AURORA]) {
      const map = await mapping(id);
      const live = (list.find((m) => m.id === id) as ModelItem).providers.filter((p) => p.status === 'live');
      const byName = (a: { provider: string }, b: { provider: string }) => (a.provider < b.provider ? -1 : 1);
      const fastest = [...live].sort((a, b) => b.throughput - a.throughput || byName(a, b))[0].provider;
      const cheapest = [...live].sort((a, b) => a.pricing.output - b.pricing.output || a.pricing.input - b.pricing.input || byName(a, b))[0].provider;
      const preferred = Object.keys(map).find((p) => map[p].status === 'live' && map[p].task === 'conversational');
      for (const [suffix, expected] of [[':fastest', fastest], [':cheapest', cheapest], [':preferred', preferred], ['', preferred]]) {
        const answer = await served(`${id}${suffix}`);
        assert.equal(answer.provider, expected, `${id}${suffix}`);
        assert.equal(answer.model, map[expected as string].providerId);
      }
      if (id === LLAMA_8B) {
        [fastest, cheapest, preferred].forEach((p) => picks.add(p));
      }
    }
    assert.equal(picks.size, 3, 'the three policies choose three providers of Llama 3.1 8B, so each is told apart');
  });

  it('serves a named provider (staging too), never picks staging or error ones, and says which are down', async () => {
    for (const policy of ['', ':fastest', ':cheapest', ':preferred']) {
      assert.notEqual((await served(`${KESTREL}${policy}`)).provider, 'novita');
      assert.notEqual((await served(`${AURORA}${policy}`)).provider, 'sambanova');
    }
    assert.deepEqual(await served(`${KESTREL}:novita`), { status: 200, provider: 'novita', model: 'kestrel-labs/kestrel-2-7b-instruct', error: undefined });
    for (const model of [`${AURORA}:sambanova`, `${NORTHWIND}:nebius`]) {
      const down = await served(model);
      assert.equal(down.status, 500);
      assert.deepEqual([down.error?.type, down.error?.message], ['server_error', 'Internal server error']);
    }
    for (const model of [NORTHWIND, `${NORTHWIND}:fastest`, 'meta-llama/Llama-3.1-8B-Instruct:together', `${LLAMA_70B}:bogus`, 'nobody/nothing', FLUX, 'hub-test/private-model']) {
      const refused = await served(model);
      assert.equal(refused.status, 400, model);
      assert.deepEqual(refused.error, {
        message: `The requested model '${model}' is not supported by any provider you have enabled.`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_supported',
      });
    }
  });

  it("answers each provider's own chat path with that provider's model id", async () => {
    const together = await post('/together/v1/chat/completions', { model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages: user('hi') });
    assert.equal(together.status, 200);
    assert.equal(together.headers.get('x-inference-provider'), 'together');
    assert.equal(((await together.json()) as Completion).model, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    const hf = await post('/hf-inference/models/meta-llama/Llama-3.1-8B-Instruct/v1/chat/completions', { model: 'tgi', stream: true, messages: user('hi') });
    assert.equal(chunksOf(await hf.text())[0].model, 'meta-llama/Llama-3.1-8B-Instruct');
    const unknown = await post('/together/v1/chat/completions', { model: LLAMA_70B, messages: user('hi') });
    assert.equal(unknown.status, 400);
    assert.deepEqual(await unknown.json(), { error: 'Model not supported by provider together' });
  });

  it('lists chat models with their providers not in error at /v1/models, without a token', async () => {
    const response = await fetch(`${fixture.hub.url}/router/v1/models`);
    const body = (await response.json()) as { object: string; data: ModelItem[] };
    assert.equal(body.object, 'list');
    const ids = body.data.map((m) => m.id);
    assert.deepEqual(ids, [AURORA, KESTREL, 'meta-llama/Llama-3.1-8B-Instruct', LLAMA_70B]);
    for (const item of body.data) {
      assert.deepEqual(Object.keys(item), ['id', 'object', 'created', 'owned_by', 'architecture', 'providers']);
      assert.equal(item.object, 'model');
      assert.equal(item.owned_by, item.id.split('/')[0]);
      assert.ok(Number.isInteger(item.created) && item.created > 1.6e9);
      for (const p of item.providers) {
        assert.deepEqual(Object.keys(p), ['provider', 'status', 'context_length', 'pricing', 'supports_tools', 'supports_structured_output', 'first_token_latency_ms', 'throughput', 'is_model_author']);
      }
    }
    const providers = (id: string) => (body.data.find((m) => m.id === id) as ModelItem).providers.map((p) => `${p.provider}:${p.status}`);
    assert.deepEqual(providers(AURORA), ['together:live', 'groq:live']);
    assert.deepEqual(providers(KESTREL), ['together:live', 'fireworks-ai:live', 'novita:staging']);
  });
});

describe('embedded router: text-to-image', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const side = (png: Buffer) => png.readUInt32BE(16);

  it('hf-inference answers PNG bytes made from the prompt', async () => {
    const image = async (inputs: string, parameters?: object) => {
      const response = await post(`/hf-inference/models/${FLUX}`, { inputs, parameters });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/png');
      return Buffer.from(await response.arrayBuffer());
    };
    const cat = await image('a cat');
    assert.deepEqual(cat.subarray(0, 8), PNG);
    assert.equal(side(cat), 64);
    assert.deepEqual(await image('a cat'), cat);
    assert.notDeepEqual(await image('a dog'), cat);
    assert.equal(side(await image('a cat', { width: 128, height: 128 })), 128);
    const unmapped = await post('/hf-inference/models/ember-diffusion/ember-xl-base-1.0', { inputs: 'a cat' });
    assert.equal(unmapped.status, 400);
    assert.deepEqual(await unmapped.json(), { error: 'Model not supported by provider hf-inference' });
  });

  it('together answers base64 or a URL served here, of the same picture', async () => {
    const b64 = (await (await post('/together/v1/images/generations', { model: FLUX, prompt: 'a cat', response_format: 'base64' })).json()) as { model: string; data: { b64_json: string }[] };
    assert.equal(b64.model, FLUX);
    const bytes = Buffer.from(b64.data[0].b64_json, 'base64');
    assert.deepEqual(bytes.subarray(0, 8), PNG);
    const byUrl = (await (await post('/together/v1/images/generations', { model: FLUX, prompt: 'a cat', response_format: 'url' })).json()) as { data: { url: string }[] };
    assert.ok(byUrl.data[0].url.startsWith(`${fixture.hub.url}/router/`));
    const fetched = await fetch(byUrl.data[0].url);
    assert.equal(fetched.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), bytes);
    const sdxl = await post('/together/v1/images/generations', { model: 'stabilityai/stable-diffusion-xl-base-1.0', prompt: 'a cat' });
    assert.equal(sdxl.status, 200);
    const unmapped = await post('/together/v1/images/generations', { model: 'kestrel-labs/Kestrel-2-7B-Instruct-Turbo', prompt: 'a cat' });
    assert.equal(unmapped.status, 400);
  });
});


describe('embedded router: @huggingface/inference', () => {
  it('answers the library at the paths it calls: chat (auto, model:provider, a named provider), streams and images', async () => {
    const calls: string[] = [];
    const rewrite = (url: string) => url.replace(/^https:\/\/router\.huggingface\.co(?=\/|$)/, `${fixture.hub.url}/router`).replace(/^https:\/\/huggingface\.co(?=\/|$)/, fixture.hub.url);
    const libraryFetch: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      calls.push(url);
      return fetch(rewrite(url), init);
    };
    const client = new InferenceClient(TEST_TOKENS.hubTest, { fetch: libraryFetch });
    const messages = [{ role: 'system', content: 'Be short.' }, ...user('Name a prime number.')];

    const auto = await client.chatCompletion({ provider: 'auto', model: `${LLAMA_70B}:together`, messages, max_tokens: 4 });
    assert.equal(auto.model, 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.equal(auto.choices[0].message.content, 'System prompt: "Be short."');
    assert.equal(auto.choices[0].finish_reason, 'length');

    const deltas: string[] = [];
    let finish: string | undefined;
    for await (const chunk of client.chatCompletionStream({ provider: 'auto', model: `${KESTREL}:fireworks-ai`, messages })) {
      deltas.push(chunk.choices[0]?.delta?.content ?? '');
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.ok(deltas.length > 10);
    assert.ok(deltas.join('').includes('\nName a prime number.\n'));
    assert.equal(finish, 'stop');

    const named = await client.chatCompletion({ provider: 'together', model: AURORA, messages: user('hi') });
    assert.equal(named.model, 'aurora-ml/Aurora-2-70B-Instruct-Turbo');

    const image = await client.textToImage({ provider: 'hf-inference', model: FLUX, inputs: 'a lighthouse at dusk' }, { outputType: 'blob' });
    const png = Buffer.from(await image.arrayBuffer());
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    const direct = await post(`/hf-inference/models/${FLUX}`, { inputs: 'a lighthouse at dusk' });
    assert.deepEqual(png, Buffer.from(await direct.arrayBuffer()));

    assert.deepEqual(
      [...new Set(calls.map((u) => new URL(u).origin + new URL(u).pathname))].sort(),
      [
        'https://huggingface.co/api/models/aurora-ml/Aurora-2-70B-Instruct',
        'https://huggingface.co/api/models/black-forest-labs/FLUX.1-dev',
        `https://router.huggingface.co/hf-inference/models/${FLUX}`,
        'https://router.huggingface.co/together/v1/chat/completions',
        'https://router.huggingface.co/v1/chat/completions',
      ],
    );
    const routed = fixture.hub.requests.filter((r) => r.path.startsWith('/router/'));
    assert.equal(routed.length, 5, 'four calls of the library and the direct one');
    assert.ok(routed.every((r) => r.headers.authorization && r.status === 200));
  });
});
