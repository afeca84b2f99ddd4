// Inference Providers in a real VS Code, against the embedded Hub's router: the card's providers section, inference code
// into an editor, a notebook and a new file, Try it streaming a chat (and an image), every error state in place, the token
// only on router and Hub requests, Stop, and answers that are hostile, huge or endless.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TryPanel } from '../../src/inference/host';
import type { TryState } from '../../src/inference/protocol';
import { useToken, waitFor, withHub } from './helpers';

const CHAT = 'kestrel-labs/Kestrel-2-7B-Instruct';
const BIG = 'meta-llama/Llama-3.3-70B-Instruct';
const IMAGE = 'black-forest-labs/FLUX.1-dev';
const UNSERVED = 'openai-community/gpt2';
const SETTINGS = { system: '', stop: [] as string[] };

type CodeOutcome = { inserted: true; id: string; provider: string; snippet: string; where: string; text: string } | { inserted: false; reason: string; message?: string };

suite('Inference Providers', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('huggingface');
  const fx = withHub({
    cleanup: async () => {
      await closeTabs();
      await config().update('inference.router', undefined, vscode.ConfigurationTarget.Global);
      await useToken(undefined);
    },
  });

  suiteSetup(async () => {
    await config().update('inference.router', `${fx.hub.url}/router`, vscode.ConfigurationTarget.Global);
  });
  setup(async () => {
    await useToken(fx.server.TEST_TOKENS.hubTest);
  });
  teardown(async () => {
    fx.hub.clearFaults();
    await closeTabs();
  });

  async function closeTabs(): Promise<void> {
    for (let i = 0; i < 20 && (vscode.window.tabGroups.all.some((g) => g.tabs.length > 0) || fx.api.inference.all.length > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function tryIt(model: string): Promise<TryPanel> {
    const panel = await vscode.commands.executeCommand<TryPanel | undefined>('huggingface.tryModel', { type: 'model', id: model });
    assert.ok(panel, `Try it opened for ${model}`);
    await panel.loaded;
    return panel;
  }

  const state = (panel: TryPanel): TryState => panel.state();
  const routerRequests = () => fx.hub.requests.filter((r) => r.path.startsWith('/router/'));

  async function ask(panel: TryPanel, text: string, provider = 'auto', settings = SETTINGS): Promise<TryState> {
    const outcome = await panel.handleMessage({ type: 'send', text, settings, provider });
    assert.equal(outcome.accepted, true, JSON.stringify(outcome));
    await waitFor('the answer to start', () => (panel.conversation.busy || panel.conversation.problem || panel.conversation.turns.length ? true : undefined));
    await panel.conversation.settled;
    return state(panel);
  }

  test('a card lists the providers that serve the model, live first', async () => {
    await vscode.commands.executeCommand('huggingface.openCard', { type: 'model', id: CHAT });
    const card = await waitFor('the card', () => fx.api.cards.get({ type: 'model', id: CHAT }));
    await waitFor('the card data', () => (card.state.type === 'card' ? true : undefined), 20_000);
    assert.ok(card.state.type === 'card');
    const providers = card.state.card.header.providers ?? [];
    assert.deepEqual(
      providers.map((p) => `${p.provider}:${p.status}:${p.task}`),
      ['fireworks-ai:live:conversational', 'together:live:conversational', 'novita:staging:conversational'],
    );
    const outcome = card.handleMessage({ type: 'action', action: 'tryModel' });
    assert.deepEqual(outcome, { accepted: true, did: 'opened Try it' });
    const panel = await waitFor('the Try it panel', () => fx.api.inference.all.find((p) => p.model === CHAT), 10_000);
    await panel.loaded;
    assert.deepEqual(
      state(panel).providers.map((p) => p.value),
      ['auto', 'fastest', 'cheapest', 'fireworks-ai', 'together', 'novita'],
    );
  });

  test('streams a chat answer through the router, in several messages, with the token only on router and Hub requests', async () => {
    const panel = await tryIt(CHAT);
    fx.hub.clearRequests();
    const before = panel.deltasSent;
    const done = await ask(panel, 'What is a tokenizer?', 'together', { system: 'Answer in one paragraph.', stop: [] });
    assert.equal(done.problem, undefined, JSON.stringify(done.problem));
    const answer = done.turns[done.turns.length - 1];
    assert.equal(answer.role, 'assistant');
    assert.ok(answer.content.includes('What is a tokenizer?'), answer.content.slice(0, 200));
    assert.ok(answer.content.includes('Answer in one paragraph.'), 'the system prompt was sent');
    assert.ok(panel.deltasSent - before >= 2, `the answer arrived in ${panel.deltasSent - before} messages`);
    const calls = routerRequests();
    assert.deepEqual(
      calls.map((r) => `${r.method} ${r.path}`),
      ['POST /router/v1/chat/completions'],
    );
    assert.ok(calls.every((r) => r.headers.authorization));
    assert.ok(panel.requests.every((url) => url.startsWith(`${fx.hub.url}/router/`) || url.startsWith(`${fx.hub.url}/api/`)), panel.requests.join('\n'));
    assert.ok(fx.hub.cdnRequests.every((r) => !r.headers.authorization));
  });

  test('says in place why a call failed: not signed in, no permission, no credits, rate limited, provider down', async () => {
    const panel = await tryIt(CHAT);
    await useToken(undefined);
    fx.hub.clearRequests();
    assert.equal((await ask(panel, 'hello')).problem?.kind, 'signIn');
    assert.equal(routerRequests().length, 0, 'nothing is sent without a token');
    await useToken(fx.server.TEST_TOKENS.noInference);
    assert.equal((await ask(panel, 'hello')).problem?.kind, 'permission');
    await useToken(fx.server.TEST_TOKENS.noCredits);
    const credits = (await ask(panel, 'hello')).problem;
    assert.equal(credits?.kind, 'credits');
    assert.equal(credits?.retryable, false);
    await useToken(fx.server.TEST_TOKENS.hubTest);
    fx.hub.inject({ match: '/router/v1/chat/completions', status: 429, retryAfter: 20, body: { error: 'Rate limit reached' } });
    const limited = (await ask(panel, 'hello')).problem;
    assert.equal(limited?.kind, 'rateLimited');
    assert.match(limited?.message ?? '', /Try again after/);
    fx.hub.clearFaults();
    fx.hub.inject({ match: '/router/v1/chat/completions', status: 500, body: { error: { message: 'Internal server error', type: 'server_error' } } });
    const down = (await ask(panel, 'hello')).problem;
    assert.equal(down?.kind, 'providerDown');
    assert.equal(down?.retryable, true);
    fx.hub.clearFaults();
    const retried = await panel.handleMessage({ type: 'action', action: 'retry' });
    assert.equal(retried.accepted, true);
    await panel.conversation.settled;
    assert.equal(state(panel).problem, undefined);
  });

  test('a model no provider serves says so, and sends nothing to the router', async () => {
    fx.hub.clearRequests();
    const panel = await tryIt(UNSERVED);
    assert.equal(state(panel).problem?.kind, 'notServed');
    const refused = await panel.handleMessage({ type: 'send', text: 'hello', settings: SETTINGS, provider: 'auto' });
    assert.equal(refused.accepted, false);
    assert.equal(routerRequests().length, 0);
  });

  test('a stream cut mid-answer keeps what arrived, and Retry continues it', async () => {
    const panel = await tryIt(CHAT);
    fx.hub.inject({ match: '/router/v1/chat/completions', resetAfterBytes: 1500, times: 1 });
    const cut = await ask(panel, 'Tell me about embeddings.');
    assert.equal(cut.problem?.kind, 'cut');
    const partial = cut.turns[cut.turns.length - 1].content;
    assert.ok(partial.length > 0, 'the part received stays');
    fx.hub.clearFaults();
    await panel.handleMessage({ type: 'action', action: 'retry' });
    await waitFor('the retry to start', () => (panel.conversation.busy ? true : undefined)).catch(() => true);
    await panel.conversation.settled;
    const whole = state(panel);
    assert.equal(whole.problem, undefined, JSON.stringify(whole.problem));
    const answer = whole.turns[whole.turns.length - 1].content;
    assert.ok(answer.startsWith(partial), 'the answer goes on from what arrived');
    assert.ok(answer.length > partial.length);
    assert.equal(whole.turns.filter((t) => t.role === 'assistant').length, 1);
  });

  test('Stop ends an endless stream; a huge answer is capped at 1,000,000 characters', async () => {
    const panel = await tryIt(CHAT);
    void panel.handleMessage({ type: 'send', text: '/endless', settings: SETTINGS, provider: 'auto' });
    await waitFor('tokens to stream', () => (panel.conversation.turnsNow().at(-1)?.content.length ?? 0) > 200 || undefined, 10_000);
    assert.deepEqual(await panel.handleMessage({ type: 'action', action: 'stop' }), { accepted: true, did: 'stopped the answer' });
    await panel.conversation.settled;
    assert.equal(panel.conversation.busy, false);
    assert.equal(state(panel).problem, undefined, 'a stopped answer is not an error');
    const huge = await ask(panel, '/long 10000000');
    const text = huge.turns[huge.turns.length - 1].content;
    assert.equal(text.length, 1_000_000);
    assert.match(huge.problem?.message ?? '', /cut there/);
  });

  test('hostile text comes back as model output only in delta and state messages, never as markup of the host', async () => {
    const panel = await tryIt(CHAT);
    const hostile = '<img src=x onerror="window.top.postMessage(1)"><script>alert(1)</script>[x](javascript:alert(1)) \u202Egnp.exe';
    const done = await ask(panel, hostile);
    assert.ok(done.turns[done.turns.length - 1].content.includes(hostile));
    const csp = /content="([^"]+)"/.exec(panel.html)![1].split('; ');
    assert.ok(csp.includes("connect-src 'none'") && csp.includes("default-src 'none'"), csp.join('; '));
    assert.equal(csp.find((d) => d.startsWith('img-src '))?.endsWith(' blob:'), true, 'answer images only from blob: URLs the page makes');
    assert.ok(!panel.html.includes('onerror'), 'the page shell holds no model text');
  });

  test('text-to-image: the image comes back as PNG bytes', async () => {
    const panel = await tryIt(IMAGE);
    assert.equal(state(panel).mode, 'textToImage');
    const outcome = await panel.handleMessage({ type: 'send', text: 'a lighthouse at dusk', settings: SETTINGS, provider: 'hf-inference' });
    assert.equal(outcome.accepted, true, JSON.stringify(outcome));
    const image = await waitFor('the image', () => state(panel).images[0], 20_000);
    assert.equal(image.mime, 'image/png');
    assert.deepEqual([...Buffer.from(image.base64, 'base64').subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.ok(routerRequests().some((r) => r.path === `/router/hf-inference/models/${IMAGE}`));
  });

  test('Insert Inference Code puts the Hub’s snippet into a Python file, a notebook and a new file, without the token', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(doc);
    const py = await vscode.commands.executeCommand<CodeOutcome>('huggingface.insertInferenceCode', BIG, { provider: 'together', snippet: 'python/openai' });
    assert.equal(py.inserted, true, JSON.stringify(py));
    assert.equal(py.inserted && py.where, 'editor');
    assert.ok(doc.getText().includes(`base_url="${fx.hub.url}/router/v1"`), 'the code calls the configured router');
    assert.match(doc.getText(), new RegExp(`"${BIG.replace(/[./]/g, '\\$&')}:together"`));
    assert.match(doc.getText(), /os\.environ\["HF_TOKEN"\]/);
    assert.ok(!doc.getText().includes(fx.server.TEST_TOKENS.hubTest), 'the token is never written');

    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import os', 'python')]));
    await vscode.window.showNotebookDocument(notebook);
    const cell = await vscode.commands.executeCommand<CodeOutcome>('huggingface.insertInferenceCode', BIG, { provider: 'auto', snippet: 'python/huggingface_hub' });
    assert.equal(cell.inserted && cell.where, 'notebook', JSON.stringify(cell));
    assert.equal(notebook.cellCount, 2);
    assert.match(notebook.cellAt(1).document.getText(), /InferenceClient/);

    await closeTabs();
    const sh = await vscode.commands.executeCommand<CodeOutcome>('huggingface.insertInferenceCode', BIG, { provider: 'fastest', snippet: 'sh/curl' });
    assert.equal(sh.inserted && sh.where, 'untitled', JSON.stringify(sh));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'shellscript');
    assert.match(sh.inserted ? sh.text : '', /:fastest/);
    assert.match(sh.inserted ? sh.text : '', /\$HF_TOKEN/);
  });

  test('Insert Inference Code says plainly when no provider serves a model', async () => {
    const outcome = await vscode.commands.executeCommand<CodeOutcome>('huggingface.insertInferenceCode', UNSERVED, { provider: 'auto' });
    assert.equal(outcome.inserted, false);
    assert.equal(!outcome.inserted && outcome.reason, 'notServed');
  });

  test('the models list filters by Inference Provider in one request', async () => {
    fx.hub.clearRequests();
    await fx.api.views.setFilters('models', { sort: 'trending', provider: 'all' });
    const rows = ((await fx.api.trees.models.getChildren()) ?? []) as { kind: string; repo?: { id: string } }[];
    const lists = fx.hub.requests.filter((r) => r.path === '/api/models');
    assert.equal(lists.length, 1);
    assert.equal(new URLSearchParams(lists[0].query).get('inference_provider'), 'all');
    const ids = rows.filter((r) => r.kind === 'repo').map((r) => r.repo!.id);
    assert.ok(ids.includes(CHAT) && ids.includes(BIG), ids.join(', '));
    assert.ok(!ids.includes(UNSERVED));
    await fx.api.views.setFilters('models', { sort: 'trending' });
  });
});
