// Inference Providers, the pure parts: the provider mapping in both of its shapes, the router and where the token may
// go, the error a user sees for each router answer, the conversation's limits, the Try it messages, and the code fixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INFERENCE_PROVIDERS } from '@huggingface/inference';
import { Answer, MAX_ANSWER_CHARS, parseSettings, parseTurns, requestMessages, requestParameters, stopsFromField } from '../../src/inference/chat';
import { quoteShellBody, snippetModel } from '../../src/inference/code';
import { DEFAULT_ROUTER, resolveRouter, routeLibraryUrl, snippetForRouter } from '../../src/inference/endpoint';
import { cutProblem, problemFromException, problemFromResponse, retryTime, routerMessage } from '../../src/inference/errors';
import { parseFromTry, parseTryState } from '../../src/inference/protocol';
import { callable, parseChoice, parseProviderMapping, PROVIDER_NAMES, providerIdProblem, routedModel, servedLine } from '../../src/inference/providers';
import { assertLinear, repeatTo } from './linear';

const headers = (h: Record<string, string>) => new Headers(h);

describe('provider mapping', () => {
  const detail = {
    together: { status: 'live', providerId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', task: 'conversational' },
    'fireworks-ai': { status: 'live', providerId: 'accounts/fireworks/models/llama-v3p3-70b-instruct', task: 'conversational' },
    novita: { status: 'staging', providerId: 'meta-llama/llama-3.3-70b-instruct', task: 'conversational' },
    sambanova: { status: 'error', providerId: 'Meta-Llama-3.3-70B-Instruct', task: 'conversational' },
  };

  it('reads the object keyed by provider (details) and the array (lists) to the same entries', () => {
    const fromObject = parseProviderMapping(detail);
    const fromArray = parseProviderMapping(Object.entries(detail).map(([provider, m]) => ({ provider, ...m })));
    assert.deepEqual(fromArray, fromObject);
    assert.deepEqual(
      fromObject.map((e) => [e.provider, e.status]),
      [
        ['fireworks-ai', 'live'],
        ['together', 'live'],
        ['novita', 'staging'],
        ['sambanova', 'error'],
      ],
    );
    assert.equal(fromObject[0].name, 'Fireworks');
  });

  it('keeps a provider this version cannot call, marked unknown, and never offers it', () => {
    const entries = parseProviderMapping({ ...detail, 'new-cloud': { status: 'live', providerId: 'x/y', task: 'conversational' } });
    const unknown = entries.find((e) => e.provider === 'new-cloud');
    assert.equal(unknown?.known, false);
    assert.equal(unknown?.name, 'new-cloud');
    assert.deepEqual(
      callable(entries).map((e) => e.provider),
      ['fireworks-ai', 'together', 'novita'],
    );
  });

  it('drops entries whose fields are not what they claim to be', () => {
    const entries = parseProviderMapping({
      together: { status: 'live', providerId: 'a"; rm -rf ~; "', task: 'conversational' },
      groq: { status: 'live', providerId: 'ok/model', task: '<script>' },
      'Bad Key': { status: 'live', providerId: 'ok/model', task: 'conversational' },
      cerebras: { status: 'live', providerId: 'x\u202Ey', task: 'conversational' },
      nscale: 'not an object',
      cohere: { status: 'weird', providerId: 'c4ai-command-r', task: 'conversational' },
    });
    assert.deepEqual(
      entries.map((e) => [e.provider, e.status]),
      [['cohere', 'live']],
    );
    assert.deepEqual(parseProviderMapping(undefined), []);
    assert.deepEqual(parseProviderMapping('x'), []);
    assert.deepEqual(parseProviderMapping([null, 3, { provider: 7 }]), []);
  });

  it('names every provider @huggingface/inference can call, and only those', () => {
    assert.deepEqual(Object.keys(PROVIDER_NAMES).sort(), [...INFERENCE_PROVIDERS].sort());
  });

  it('checks provider ids for what a string literal or a shell would treat specially', () => {
    assert.equal(providerIdProblem('stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc'), undefined);
    for (const bad of ['', 'a b', "a'b", 'a`b', 'a$b', 'a\\b', 'a\nb', 'é', 'x'.repeat(201)]) {
      assert.ok(providerIdProblem(bad), JSON.stringify(bad));
    }
  });

  it('says who serves a model, and routes a choice the way the router takes it', () => {
    const entries = parseProviderMapping(detail);
    assert.equal(servedLine(entries), 'Served by 3 Inference Providers (Fireworks, Together AI, Novita)');
    assert.equal(servedLine(entries.slice(0, 1)), 'Served by 1 Inference Provider (Fireworks)');
    assert.equal(servedLine(entries.filter((e) => e.status === 'error')), undefined);
    assert.equal(routedModel('org/m', 'auto'), 'org/m');
    assert.equal(routedModel('org/m', 'fastest'), 'org/m:fastest');
    assert.equal(routedModel('org/m', 'together'), 'org/m:together');
    assert.equal(parseChoice('cheapest'), 'cheapest');
    assert.equal(parseChoice('together'), 'together');
    assert.equal(parseChoice('__proto__'), undefined);
  });
});

describe('router endpoint and token rule', () => {
  it('follows the Hub: router.huggingface.co for huggingface.co, the setting for another Hub, none without it', () => {
    assert.deepEqual(resolveRouter('https://huggingface.co/', undefined), { router: DEFAULT_ROUTER, hub: 'https://huggingface.co' });
    assert.equal(resolveRouter('https://hub.example.com', undefined).router, undefined);
    assert.match(resolveRouter('https://hub.example.com', undefined).problem ?? '', /huggingface\.inference\.router/);
    assert.equal(resolveRouter('https://hub.example.com', 'https://router.example.com/').router, 'https://router.example.com');
    const refused = resolveRouter('https://huggingface.co', 'http://evil.example');
    assert.equal(refused.router, DEFAULT_ROUTER);
    assert.match(refused.problem ?? '', /https/);
  });

  it('maps the library URLs onto the configured router and Hub, and refuses every other address', () => {
    const where = resolveRouter('http://127.0.0.1:4000', 'http://127.0.0.1:4000/router');
    assert.deepEqual(routeLibraryUrl('https://router.huggingface.co/v1/chat/completions', where), { url: 'http://127.0.0.1:4000/router/v1/chat/completions', sendsToken: true });
    assert.deepEqual(routeLibraryUrl('https://router.huggingface.co/hf-inference/models/org/m', where), { url: 'http://127.0.0.1:4000/router/hf-inference/models/org/m', sendsToken: true });
    assert.deepEqual(routeLibraryUrl('https://huggingface.co/api/models/org/m?expand[]=inferenceProviderMapping', where), {
      url: 'http://127.0.0.1:4000/api/models/org/m?expand[]=inferenceProviderMapping',
      sendsToken: true,
    });
    for (const elsewhere of ['https://router.huggingface.co.evil.example/v1', 'https://api.together.xyz/v1/chat/completions', 'https://huggingface.co/settings/tokens', 'https://fal.media/files/x.png']) {
      assert.equal(routeLibraryUrl(elsewhere, where), undefined, elsewhere);
    }
    assert.equal(routeLibraryUrl('https://router.huggingface.co/v1', resolveRouter('https://hub.example.com', undefined)), undefined);
  });

  it('writes the configured router into snippets only for another deployment', () => {
    const code = 'client = OpenAI(base_url="https://router.huggingface.co/v1")';
    assert.equal(snippetForRouter(code, DEFAULT_ROUTER), code);
    assert.equal(snippetForRouter(code, 'https://router.example.com'), 'client = OpenAI(base_url="https://router.example.com/v1")');
  });
});

describe('errors from the router', () => {
  const ctx = { model: 'org/m', provider: 'together', signedIn: true, now: 1_000_000 };

  it('tells each status apart, with the router’s own words after ours', () => {
    assert.equal(problemFromResponse(401, { error: 'Invalid username or password.' }, undefined, { ...ctx, signedIn: false }).kind, 'signIn');
    assert.match(problemFromResponse(401, { error: 'Invalid username or password.' }, undefined, ctx).message, /Invalid username or password/);
    assert.equal(problemFromResponse(403, { error: 'no permission' }, undefined, ctx).kind, 'permission');
    const credits = problemFromResponse(402, { error: 'You have exceeded your monthly included credits' }, undefined, ctx);
    assert.equal(credits.kind, 'credits');
    assert.equal(credits.retryable, false);
    const limited = problemFromResponse(429, { error: 'Rate limit reached' }, headers({ 'retry-after': '30' }), ctx);
    assert.equal(limited.kind, 'rateLimited');
    assert.equal(limited.retryAt, 1_000_000 + 30_000);
    const notServed = problemFromResponse(400, { error: { message: "The requested model 'org/m' is not supported by any provider you have enabled.", type: 'invalid_request_error' } }, undefined, ctx);
    assert.equal(notServed.kind, 'notServed');
    assert.equal(problemFromResponse(404, {}, undefined, ctx).kind, 'notServed');
    const down = problemFromResponse(500, { error: { message: 'Internal server error', type: 'server_error' } }, undefined, ctx);
    assert.deepEqual([down.kind, down.retryable], ['providerDown', true]);
    assert.match(down.message, /Internal server error/);
  });

  it('reads the reset time from Retry-After or the RateLimit header', () => {
    assert.equal(retryTime(headers({ ratelimit: '"api";r=0;t=12' }), 0), 12_000);
    assert.equal(retryTime(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), 0), undefined);
    assert.equal(retryTime(undefined, 0), undefined);
  });

  it('keeps the router’s message short and free of control and bidi characters', () => {
    assert.equal(routerMessage({ error: 'a\u202Eb\nc\u0000d' }), 'a b c d');
    assert.equal(routerMessage({ message: 'top-level' }), 'top-level');
    assert.equal(routerMessage('plain text body'), 'plain text body');
    assert.equal(routerMessage({ error: 42 }), undefined);
    assert.equal(routerMessage({ error: 'x'.repeat(10_000) })?.length, 300);
  });

  it('tells no connection from a cut stream', () => {
    assert.equal(problemFromException(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })).kind, 'offline');
    const cut = cutProblem(1234);
    assert.deepEqual([cut.kind, cut.retryable], ['cut', true]);
    assert.match(cut.message, /1,234/);
  });
});

describe('conversation', () => {
  it('checks settings from the page', () => {
    assert.deepEqual(parseSettings({ system: 'Be brief.', temperature: '0.7', maxTokens: 64, stop: ['\n\n'] }), { settings: { system: 'Be brief.', temperature: 0.7, maxTokens: 64, stop: ['\n\n'] } });
    assert.ok('problem' in parseSettings({ temperature: 3 }));
    assert.ok('problem' in parseSettings({ maxTokens: 1.5 }));
    assert.ok('problem' in parseSettings({ stop: ['a', 'b', 'c', 'd', 'e'] }));
    assert.ok('problem' in parseSettings({ system: 'x'.repeat(20_001) }));
    assert.deepEqual(stopsFromField('END, \\n\\n, '), ['END', '\n\n']);
  });

  it('sends the system prompt first and only the parameters that are set', () => {
    const settings = { system: 'Answer in French.', temperature: 0, stop: [] };
    assert.deepEqual(requestMessages(settings, [{ role: 'user', content: 'hi' }]), [
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'hi' },
    ]);
    assert.deepEqual(requestParameters(settings), { temperature: 0 });
    assert.deepEqual(requestMessages({ system: '  ', stop: [] }, []), []);
  });

  it('caps an answer and says so, whatever the model sends', () => {
    const answer = new Answer('Once ');
    assert.equal(answer.append('upon'), 'upon');
    assert.equal(answer.text, 'Once upon');
    const big = 'x'.repeat(MAX_ANSWER_CHARS);
    assert.equal(answer.append(big).length, MAX_ANSWER_CHARS - 'Once upon'.length);
    assert.equal(answer.full, true);
    assert.equal(answer.append('more'), '');
    assert.equal(answer.length, MAX_ANSWER_CHARS);
  });

  it('restores only well-formed turns from saved state', () => {
    assert.deepEqual(parseTurns([{ role: 'user', content: 'a' }, { role: 'system', content: 'b' }, { role: 'assistant', content: 7 }, null, { role: 'assistant', content: 'c' }]), [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'c' },
    ]);
    assert.equal(parseTryState({ model: 'x'.repeat(300), turns: [] }), undefined);
    assert.deepEqual(parseTryState({ model: 'org/m', turns: 'no', provider: 'evil' }), { model: 'org/m', turns: [], settings: { system: '', stop: [] } });
  });
});

describe('Try it messages', () => {
  const settings = { system: '', stop: [] };
  it('accepts exactly the shapes the page sends', () => {
    assert.deepEqual(parseFromTry({ type: 'send', text: 'hi', settings, provider: 'fastest' }), { type: 'send', text: 'hi', settings, provider: 'fastest' });
    assert.deepEqual(parseFromTry({ type: 'action', action: 'stop' }), { type: 'action', action: 'stop' });
    assert.deepEqual(parseFromTry({ type: 'saveImage', id: 2 }), { type: 'saveImage', id: 2 });
  });

  it('drops everything else', () => {
    for (const bad of [
      { type: 'send', text: 'hi', settings, provider: 'evil-cloud' },
      { type: 'send', text: '   ', settings, provider: 'auto' },
      { type: 'send', text: 'hi', settings: { temperature: 9 }, provider: 'auto' },
      { type: 'send', text: 'hi', settings, provider: 'auto', extra: 1 },
      { type: 'action', action: 'runCommand' },
      { type: 'saveImage', id: -1 },
      { type: 'openLink', href: 'x'.repeat(3000) },
      { type: 'ready', x: 1 },
      [],
      'ready',
    ]) {
      assert.equal(parseFromTry(bad), undefined, JSON.stringify(bad).slice(0, 80));
    }
  });
});

describe('inference code', () => {
  it('gives the snippet generator only checked fields', () => {
    const made = snippetModel({ pipeline_tag: 'text-generation', library_name: 'transformers', tags: ['conversational', 'x"y', 7], widgetData: [{ text: '"""; import os' }] }, 'org/m');
    assert.ok('model' in made);
    assert.deepEqual(made.model, { id: 'org/m', pipeline_tag: 'text-generation', library_name: 'transformers', tags: ['conversational'] });
    assert.ok('problem' in snippetModel({ pipeline_tag: 'text generation' }, 'org/m'));
    assert.ok('problem' in snippetModel({ pipeline_tag: 'text-generation' }, '../etc'));
  });

  it("keeps a conversation's quotes inside the shell's single-quoted body", () => {
    const code = `curl https://router.huggingface.co/v1/chat/completions \\\n    -d '{\n        "messages": [{"role": "user", "content": "it's; rm -rf ~"}]\n    }'`;
    const fixed = quoteShellBody(code);
    assert.match(fixed, /"it'\\''s; rm -rf ~"/);
    assert.ok(fixed.endsWith("}'"));
    assert.equal(quoteShellBody('echo hi'), 'echo hi');
  });
});

describe('router text is read in linear time (256 KB → 2 MB, each doubling ≤ 3×)', () => {
  const ctx = { model: 'org/m', provider: 'auto', signedIn: true };
  it('error bodies, headers and provider ids', () => {
    for (const pattern of ['  ', ' \u202E', 'not support', 'a']) {
      assertLinear(`routerMessage ${JSON.stringify(pattern)}`, (text) => routerMessage({ error: text }), pattern);
      assertLinear(`problemFromResponse ${JSON.stringify(pattern)}`, (text) => problemFromResponse(400, text, undefined, ctx), pattern);
    }
    assertLinear('retryTime, a RateLimit header of separators', (text) => retryTime(headers({ ratelimit: text }), 0), ';  ;t=');
    assertLinear('parseProviderMapping, one huge provider id', (text) => parseProviderMapping({ together: { status: 'live', providerId: text, task: 'conversational' } }), 'a/');
    assertLinear('stopsFromField', stopsFromField, ',\\n');
    assertLinear('quoteShellBody', (text) => quoteShellBody(`-d '${text}'`), "'x");
    assert.ok(repeatTo('ab', 5) === 'ababa');
  });
});
