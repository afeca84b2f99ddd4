// The embedded Inference Providers router (test/hub-server/router.mjs) against the shapes of the real one: chat
// completions (JSON and server-sent events), magic prompts, whom it refuses, its errors, and faults that cut a stream
// mid-answer. Policies, provider paths, the model list, images and @huggingface/inference: hub-router-providers.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readVectors } from '../hub-server/hostile.mjs';
import { openRouterStreams, TEST_TOKENS, TEST_USERS } from '../hub-server/server.mjs';
import { embeddedHub } from './embedded-hub';
import { AURORA, chunksOf, contentOf, FLUX, headersFor, KESTREL, LLAMA_70B, readAll, routerCalls, user, waitFor, type Chunk, type Completion } from './router-calls';

const fixture = embeddedHub();
const { post, chat } = routerCalls(fixture);

describe('embedded router: chat completions', () => {
  it('continues an answer whose start is sent as the last, assistant, message', async () => {
    const messages = user('Continue this, please.');
    const text = async (body: Record<string, unknown>) => ((await (await chat(body)).json()) as Completion).choices[0].message.content;
    const whole = await text({ model: KESTREL, messages });
    const start = whole.slice(0, 40);
    const rest = await text({ model: KESTREL, messages: [...messages, { role: 'assistant', content: start }] });
    assert.equal(start + rest, whole);
  });

  it('answers in the chat.completion shape, from the provider the default policy picks, with the model id it knows', async () => {
    const messages = [{ role: 'system', content: 'Answer like a pirate.' }, ...user('What is *deep* learning?')];
    const response = await chat({ model: LLAMA_70B, messages });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as Completion;
    assert.deepEqual(Object.keys(body), ['object', 'id', 'created', 'model', 'system_fingerprint', 'choices', 'usage']);
    assert.equal(body.object, 'chat.completion');
    assert.match(body.id, /^chatcmpl-/);
    assert.ok(Math.abs(body.created - Date.now() / 1000) < 60);
    // The default is the account's order: here the mapping's first provider, fireworks-ai, under its own id.
    assert.equal(response.headers.get('x-inference-provider'), 'fireworks-ai');
    assert.equal(body.model, 'accounts/fireworks/models/llama-v3p3-70b-instruct');
    const [choice] = body.choices;
    assert.equal(choice.message.role, 'assistant');
    assert.equal(choice.finish_reason, 'stop');
    const text = choice.message.content;
    assert.ok(text.includes('\nWhat is *deep* learning?\n'), text);
    assert.ok(text.includes('System prompt: "Answer like a pirate."'), text);
    assert.match(text, /^- .+$/m);
    assert.match(text, /```python\n[^]*\n```/);
    assert.equal(body.usage.total_tokens, body.usage.prompt_tokens + body.usage.completion_tokens);
    assert.ok(body.usage.completion_tokens > 10 && body.usage.prompt_tokens > 5);

    const again = (await (await chat({ model: `${LLAMA_70B}:together`, messages })).json()) as Completion;
    assert.equal(again.choices[0].message.content, text, 'the answer depends on the messages only');
    const plain = (await (await chat({ model: LLAMA_70B, messages: user('What is *deep* learning?') })).json()) as Completion;
    assert.doesNotMatch(plain.choices[0].message.content, /System prompt/);
    assert.notEqual(plain.choices[0].message.content, text);
  });

  it('sends hostile text back verbatim as model output', async () => {
    const vectors = [...readVectors()].filter(([category]) => ['html', 'markdown', 'svg', 'mxss', 'schemes'].includes(category)).flatMap(([, v]) => v);
    assert.ok(vectors.length > 50);
    for (const vector of vectors) {
      const body = (await (await chat({ model: KESTREL, messages: user(vector) })).json()) as Completion;
      assert.ok(body.choices[0].message.content.includes(vector), vector);
    }
    const streamed = chunksOf(await (await chat({ model: KESTREL, stream: true, messages: user(vectors[0]) })).text());
    assert.ok(contentOf(streamed).includes(vectors[0]));
  });

  it('streams chat.completion.chunk events as they are made: the first arrives while the answer is still being written', async () => {
    const messages = user('Tell me about transformers, please. '.repeat(20).trim());
    const whole = ((await (await chat({ model: KESTREL, messages })).json()) as Completion).choices[0].message.content;
    const response = await chat({ model: KESTREL, messages, stream: true });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    assert.ok(openRouterStreams() >= 1, 'the server is still writing when the first event arrives');
    let text = new TextDecoder().decode(first.value);
    assert.doesNotMatch(text, /\[DONE\]/);
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += new TextDecoder().decode(r.value);
    }
    const chunks = chunksOf(text);
    assert.ok(chunks.length > 10);
    for (const c of chunks) {
      assert.equal(c.object, 'chat.completion.chunk');
      assert.equal(c.id, chunks[0].id);
      assert.equal(c.model, 'kestrel-labs/Kestrel-2-7B-Instruct-Turbo');
    }
    const last = chunks.at(-1) as Chunk;
    assert.equal(last.choices[0].finish_reason, 'stop');
    assert.equal(last.usage?.completion_tokens, chunks.length - 1);
    assert.ok(chunks.slice(0, -1).every((c) => c.choices[0].finish_reason === null && c.usage === null && c.choices[0].delta.role === 'assistant'));
    assert.equal(contentOf(chunks), whole);
    assert.ok(chunks.slice(1, -1).every((c) => /^\s+\S+$/.test(c.choices[0].delta.content ?? '')), 'tokens are words with their leading space');
    await waitFor(() => openRouterStreams() === 0);
  });

  it('cuts at max_tokens (finish "length") and before a stop sequence (finish "stop")', async () => {
    const cut = chunksOf(await (await chat({ model: AURORA, stream: true, max_tokens: 3, messages: user('one two three four') })).text());
    assert.equal(cut.length, 4);
    assert.equal(contentOf(cut), 'You wrote:\n\none');
    assert.equal(cut[3].choices[0].finish_reason, 'length');
    const short = (await (await chat({ model: AURORA, max_tokens: 2, messages: user('hello') })).json()) as Completion;
    assert.deepEqual([short.choices[0].message.content, short.choices[0].finish_reason, short.usage.completion_tokens], ['You wrote:', 'length', 2]);
    for (const stop of ['makes', ['zzz', 'makes of']]) {
      const body = (await (await chat({ model: AURORA, stop, messages: user('hello') })).json()) as Completion;
      assert.equal(body.choices[0].message.content, 'You wrote:\n\nhello\n\nHere is what the embedded Hub ');
      assert.equal(body.choices[0].finish_reason, 'stop');
    }
  });

  it('answers "/long N" with N characters in big pieces, streamed or not', async () => {
    const response = await chat({ model: KESTREL, stream: true, messages: user('/long 10000000') });
    let rest = '';
    let size = 0;
    let events = 0;
    let biggest = 0;
    let last = '';
    const decoder = new TextDecoder();
    for await (const piece of response.body as AsyncIterable<Uint8Array>) {
      const blocks = (rest + decoder.decode(piece, { stream: true })).split('\n\n');
      rest = blocks.pop() ?? '';
      for (const block of blocks) {
        events++;
        last = block;
        if (block !== 'data: [DONE]') {
          const delta = (JSON.parse(block.slice(6)) as Chunk).choices[0].delta.content ?? '';
          size += delta.length;
          biggest = Math.max(biggest, delta.length);
        }
      }
    }
    assert.equal(size, 10_000_000);
    assert.equal(last, 'data: [DONE]');
    assert.ok(biggest >= 16_384 && events <= Math.ceil(10_000_000 / 16_384) + 2, `${events} events, biggest ${biggest}`);

    const whole = await chat({ model: KESTREL, messages: user('/long 1000000') });
    const bytes = Buffer.from(await whole.arrayBuffer());
    assert.equal(Number(whole.headers.get('content-length') ?? bytes.length), bytes.length);
    const body = JSON.parse(bytes.toString()) as Completion;
    assert.equal(body.choices[0].message.content.length, 1_000_000);
    const capped = (await (await chat({ model: KESTREL, max_tokens: 2, messages: user('/long 100000') })).json()) as Completion;
    assert.deepEqual([capped.choices[0].message.content.length, capped.choices[0].finish_reason], [32_768, 'length']);
  });

  it('streams "/endless" until the client goes, then stops writing', async () => {
    const controller = new AbortController();
    const response = await chat({ model: KESTREL, stream: true, messages: user('/endless') }, TEST_TOKENS.hubTest, controller.signal);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const started = Date.now();
    let text = '';
    while ((text.match(/\n\n/g) ?? []).length < 12) {
      text += new TextDecoder().decode((await reader.read()).value);
    }
    assert.ok(Date.now() - started >= 40, 'tokens come every few milliseconds');
    assert.doesNotMatch(text, /\[DONE\]|finish_reason":"/);
    assert.equal(openRouterStreams(), 1);
    controller.abort();
    await waitFor(() => openRouterStreams() === 0, 1000);
  });
});

describe('embedded router: who may call it, and errors', () => {
  const calls: [string, string, object][] = [
    ['chat', '/v1/chat/completions', { model: LLAMA_70B, messages: user('hi') }],
    ['hf-inference image', `/hf-inference/models/${FLUX}`, { inputs: 'a cat' }],
    ['together image', '/together/v1/images/generations', { model: FLUX, prompt: 'a cat' }],
  ];

  it('refuses no token (401), a revoked one (401), a token without the permission (403) and an account without credits (402)', async () => {
    for (const [name, path, body] of calls) {
      const anonymous = await post(path, body, null);
      assert.equal(anonymous.status, 401, name);
      assert.deepEqual(await anonymous.json(), { error: 'Invalid username or password.' });
      assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
      assert.equal((await post(path, body, TEST_TOKENS.revoked)).status, 401);
      const denied = await post(path, body, TEST_TOKENS.noInference);
      assert.equal(denied.status, 403, name);
      assert.deepEqual(await denied.json(), {
        error: `This authentication method does not have sufficient permissions to call Inference Providers on behalf of user ${TEST_USERS.noInference.name}`,
      });
      const broke = await post(path, body, TEST_TOKENS.noCredits);
      assert.equal(broke.status, 402, name);
      assert.match(((await broke.json()) as { error: string }).error, /exceeded your monthly included credits for Inference Providers/);
      for (const token of [TEST_TOKENS.hubTest, TEST_TOKENS.stranger]) {
        assert.equal((await post(path, body, token)).status, 200, name);
      }
    }
    const me = (await (await fetch(`${fixture.hub.url}/api/whoami-v2`, { headers: headersFor(TEST_TOKENS.noInference) })).json()) as { auth: { accessToken: { role: string } } };
    assert.equal(me.auth.accessToken.role, 'fineGrained');
    const routerRequests = fixture.hub.requests.filter((r) => r.path.startsWith('/router/'));
    assert.equal(routerRequests.filter((r) => !r.headers.authorization).length, calls.length);
  });

  it('answers malformed requests as the router and its providers do', async () => {
    const raw = await fetch(`${fixture.hub.url}/router/v1/chat/completions`, { method: 'POST', headers: headersFor(), body: '{"model":' });
    assert.equal(raw.status, 400);
    assert.equal(((await raw.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    const missing = await chat({ model: LLAMA_70B });
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /^Failed to deserialize the JSON body into the target type: missing field `messages`/);
    assert.equal((await chat({ model: LLAMA_70B, max_tokens: -1, messages: user('hi') })).status, 400);
    assert.equal((await chat({ messages: user('hi') })).status, 400);
    assert.equal((await fetch(`${fixture.hub.url}/router/v1/chat/completions`, { headers: headersFor() })).status, 405);
    assert.equal((await fetch(`${fixture.hub.url}/router/v2/unknown`, { headers: headersFor() })).status, 404);
  });

  it('can be made to answer 429 with Retry-After and RateLimit, or 500 in the OpenAI shape, through faults', async () => {
    fixture.hub.inject({ match: '/router/v1/chat/completions', status: 429, retryAfter: 7, times: 1 });
    const limited = await chat({ model: LLAMA_70B, messages: user('hi') });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.headers.get('ratelimit'), '"api";r=0;t=7');
    const body = { error: { code: null, message: 'Internal server error', param: null, type: 'server_error' } };
    fixture.hub.inject({ match: '/router/', status: 500, body, times: 1 });
    const down = await chat({ model: LLAMA_70B, messages: user('hi') });
    assert.equal(down.status, 500);
    assert.deepEqual(await down.json(), body);
    assert.equal((await chat({ model: LLAMA_70B, messages: user('hi') })).status, 200);
  });

  it('cuts a stream mid-answer with resetAfterBytes or truncate, and drips it with dripMs', async () => {
    const stream = { model: KESTREL, stream: true, messages: user('Tell me a story') };
    const full = await (await chat(stream)).text();
    fixture.hub.inject({ match: '/router/v1/chat/completions', resetAfterBytes: 700, times: 1 });
    const reset = await readAll(await chat(stream));
    assert.ok(reset.cut);
    assert.equal(reset.text.length, 700);
    assert.doesNotMatch(reset.text, /\[DONE\]/);
    fixture.hub.inject({ match: '/router/v1/chat/completions', truncate: true, times: 1 });
    const half = await readAll(await chat(stream));
    assert.ok(half.cut);
    assert.equal(half.text.length, Math.floor(Buffer.byteLength(full) / 2));
    assert.doesNotMatch(half.text, /\[DONE\]/);
    fixture.hub.inject({ match: '/router/v1/chat/completions', dripMs: 1, dripBytes: 512, times: 1 });
    assert.equal(contentOf(chunksOf((await readAll(await chat(stream))).text)), contentOf(chunksOf(full)));
  });
});
