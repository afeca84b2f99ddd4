// Soak: scripted browsing (views, pages, sorts, searches, cards, file listings, snippets) against an embedded Hub that
// injects random faults, for HF_HUB_SOAK_MS (default 2 minutes; `npm run soak` runs 30). Every action must end within
// its deadline, either working or with a clear message; none may throw, hang or leave an unhandled rejection. After the
// run the extension host's heap is back within 20% of where it started, no card panel, request or registration is
// left over, and every action works again once the faults stop. The script comes from a seeded PRNG: a failing run
// is replayed with HF_HUB_SOAK_SEED=<the seed it printed>. Figures go to test-results/soak.json.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { Fault, HubServer, SPECIAL_REPOS as SpecialRepos } from '../hub-server/server.mjs';
import type { Diagnostics, ExtensionApi } from '../../src/extension';
import { sortsFor } from '../../src/lists/query';
import type { RepoType } from '../../src/hub/repoId';
import type { CardPanel } from '../../src/webviews/cards';
import type { RepoTreeNode, RepoTreeProvider } from '../../src/views/repoTree';
import { extension, labelOf, prng, withHub } from './helpers';

const SOAK_MS = Number(process.env.HF_HUB_SOAK_MS) || 120_000;
const SEED = Number(process.env.HF_HUB_SOAK_SEED) || Math.floor(Math.random() * 2 ** 31);
/** No action may take longer: the slowest fault (a Hub that never answers) costs one 10 s request deadline per request. */
const ACTION_DEADLINE_MS = 60_000;
/** Heap after the run may exceed the heap before it by at most this much. */
const HEAP_TOLERANCE = 0.2;
const MAX_OPEN_CARDS = 3;

type ViewKey = 'models' | 'datasets' | 'spaces';
const VIEWS: ViewKey[] = ['models', 'datasets', 'spaces'];
const TYPE_OF: Record<ViewKey, RepoType> = { models: 'model', datasets: 'dataset', spaces: 'space' };
const SEARCH_TERMS = ['bert', 'gpt', 'squad', 'roberta', 'llama', 'diffusion', 'pngwn', 'xlm', 'zz-nothing-matches', 'glue'];
const SNIPPET_MODELS = ['openai-community/gpt2', 'distilbert/distilbert-base-uncased', 'dslim/bert-base-NER', 'facebook/bart-large-cnn', 'HuggingFaceH4/zephyr-7b-beta'];

type SnippetOutcome = { inserted: true; where: string } | { inserted: false; reason: string; message?: string };
type OpenOutcome = { opened: true } | { opened: false; reason: string; message?: string };

const rng = prng(SEED);
function pick<T>(items: readonly T[]): T {
  const r = rng(); // drawn even for an empty list, so the script does not depend on what the Hub answered
  return items[Math.floor(r * items.length)];
}
const chance = (p: number) => rng() < p;

/** The faults the embedded Hub can inject, with how often each is drawn (a Hub that never answers is slow: rarer). */
const FAULTS: { kind: string; weight: number; fault: () => Fault }[] = [
  { kind: '500', weight: 3, fault: () => ({ status: 500 }) },
  { kind: '503 Retry-After', weight: 3, fault: () => ({ status: 503, retryAfter: 1 }) },
  { kind: '429 RateLimit + Retry-After', weight: 2, fault: () => ({ status: 429, retryAfter: 1 }) },
  { kind: '429 RateLimit only', weight: 1, fault: () => ({ status: 429, retryAfter: 1, limitHeaders: 'RateLimit' }) },
  { kind: '429 Retry-After only', weight: 1, fault: () => ({ status: 429, retryAfter: 2, limitHeaders: 'Retry-After' }) },
  { kind: '401', weight: 2, fault: () => ({ status: 401, body: { error: 'Invalid credentials in Authorization header' } }) },
  { kind: '403', weight: 2, fault: () => ({ status: 403, body: { error: 'Access to this resource is disabled.' } }) },
  { kind: '404', weight: 2, fault: () => ({ status: 404, body: { error: 'Repository not found' } }) },
  { kind: 'reset', weight: 3, fault: () => ({ reset: true }) },
  { kind: 'truncated body', weight: 3, fault: () => ({ truncate: true }) },
  { kind: 'invalid JSON', weight: 3, fault: () => ({ invalidJson: true }) },
  { kind: 'HTML page', weight: 2, fault: () => ({ html: true }) },
  { kind: 'HTML 502', weight: 2, fault: () => ({ html: true, status: 502 }) },
  { kind: 'unexpected shape', weight: 2, fault: () => ({ body: { unexpected: ['shape'] } }) },
  { kind: 'slow drip', weight: 2, fault: () => ({ dripMs: 5 + Math.floor(rng() * 20), dripBytes: 512 }) },
  { kind: 'latency', weight: 3, fault: () => ({ latencyMs: 200 + Math.floor(rng() * 2_000) }) },
  { kind: 'redirect loop', weight: 1, fault: () => ({ redirectLoop: true }) },
  { kind: '307 redirect loop', weight: 1, fault: () => ({ redirectLoop: true, status: 307 }) },
  { kind: 'never answers', weight: 1, fault: () => ({ hang: true, times: 1 }) },
  { kind: 'huge response', weight: 1, fault: () => ({ hugeBytes: 8 * 1024 * 1024 }) },
];
const FAULT_TARGETS: (string | undefined)[] = [undefined, undefined, '/api/models', '/api/datasets', '/api/spaces', '/resolve/', '/tree/', '/api/models/'];

function drawFault(): { kind: string; fault: Fault } {
  const total = FAULTS.reduce((sum, f) => sum + f.weight, 0);
  let r = rng() * total;
  const entry = FAULTS.find((f) => (r -= f.weight) < 0) ?? FAULTS[0];
  const fault = entry.fault();
  const match = pick(FAULT_TARGETS);
  const times = pick([1, 2, 3, undefined]);
  return { kind: entry.kind, fault: { match, times: fault.times ?? times, ...fault } };
}

let hub: HubServer;
let api: ExtensionApi;
let special: typeof SpecialRepos;

async function setEndpoint(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('huggingface').update('endpoint', url, vscode.ConfigurationTarget.Global);
}

/** A port nothing listens on: the extension sees "connection refused", as when offline. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A message shown to the user: present, and not an internal value turned into text. */
function assertClear(message: unknown, where: string): void {
  assert.equal(typeof message, 'string', `${where}: a message`);
  const text = message as string;
  assert.ok(text.trim().length > 3, `${where}: "${text}" says something`);
  assert.doesNotMatch(text, /undefined|\[object |NaN|^Error$/, `${where}: "${text}"`);
  const shape = text.replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/\d+/g, 'N');
  messagesSeen.set(shape, (messagesSeen.get(shape) ?? 0) + 1);
}

/** The error messages users saw, numbers and ports blanked, with how often (written to soak.json). */
const messagesSeen = new Map<string, number>();

function labelsOf(tree: RepoTreeProvider, nodes: RepoTreeNode[]): string[] {
  return nodes.map((node) => labelOf(tree.getTreeItem(node)));
}

/**
 * Children of a list node (or a view's root) as the view renders them: repos, then "Load more…" or an error row
 * with Retry. Under faults an error row is fine if it says what happened; with `strict`, repos must show.
 */
async function checkList(tree: RepoTreeProvider, nodes: RepoTreeNode[], strict: boolean, where: string): Promise<RepoTreeNode[]> {
  const labels = labelsOf(tree, nodes);
  for (const node of nodes) {
    assert.ok(['query', 'repo', 'loadMore', 'error', 'message'].includes(node.kind), `${where}: unexpected row ${node.kind}`);
    if (node.kind === 'error') {
      assertClear(node.error.message, `${where} error row`);
      assert.equal(tree.getTreeItem(node).command?.command, 'huggingface.retry', `${where}: the error row offers Retry`);
    }
  }
  if (strict) {
    assert.ok(!nodes.some((n) => n.kind === 'error'), `${where}: no error once the Hub is healthy: ${labels.join(' | ')}`);
    assert.ok(nodes.some((n) => n.kind === 'repo' || n.kind === 'message'), `${where}: shows repos: ${labels.join(' | ')}`);
  }
  return nodes;
}

function cardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /huggingface\.card$/.test(t.input.viewType));
}

/** Closes a card as a user would (its tab), falling back to disposing the panel if the workbench drops the close. */
async function closeCard(card: CardPanel): Promise<void> {
  for (let attempt = 0; attempt < 8 && api.cards.all.includes(card); attempt++) {
    const tab = cardTabs().find((t) => t.label === card.panel.title);
    if (tab) {
      await vscode.window.tabGroups.close(tab);
    }
    await sleep(250);
  }
  if (api.cards.all.includes(card)) {
    card.panel.dispose();
  }
  assert.ok(!api.cards.all.includes(card), 'the closed card is gone from the open cards');
}

/** Waits for a card's latest load (a reload may start while the first one runs) and checks what it shows. */
async function settledCard(card: CardPanel, strict: boolean, expect: 'card' | 'error' | 'either'): Promise<void> {
  for (let i = 0; i < 5 && card.state.type === 'loading'; i++) {
    await card.loaded;
  }
  if (card.state.type === 'loading' && !api.cards.all.includes(card)) {
    // A renamed repo opened by its old id gives way to its card already open at the new id: that card is the one shown.
    const open = api.cards.get(card.ref);
    assert.ok(open && open !== card, `card ${card.ref.id} gave way to the open card of its new id`);
    return settledCard(open, strict, expect);
  }
  const state = card.state;
  if (state.type === 'error') {
    assertClear(state.message, `card ${card.ref.id}`);
  }
  assert.notEqual(state.type, 'loading', `card ${card.ref.id} finished loading`);
  if (strict && expect !== 'either') {
    assert.equal(state.type, expect, `card ${card.ref.id}: ${state.type === 'error' ? state.message : state.type}`);
  }
}

/** Untitled documents the snippets went into: closed without saving. */
async function closeUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Runs a snippet command, accepting the highlighted entry of any QuickPick it opens (the variant picker). */
async function runSnippet(command: string, id: string): Promise<SnippetOutcome> {
  let settled = false;
  const outcome = Promise.resolve(vscode.commands.executeCommand<SnippetOutcome>(command, id)).finally(() => (settled = true));
  void (async () => {
    while (!settled) {
      await sleep(150);
      if (!settled) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
    }
  })();
  return outcome;
}

interface Action {
  name: string;
  /** Works on the lists only; may run alongside a card or a refresh, as a user clicks while something loads. */
  tree?: boolean;
  run: (strict: boolean) => Promise<void>;
}

function actions(): Action[] {
  const catalogIds = (type: RepoType) => hub.catalog.all(type).map((r) => r.id);
  const cardPool: { type: RepoType; id: string; expect: 'card' | 'error' | 'either' }[] = [
    { type: 'model', id: 'openai-community/gpt2', expect: 'card' },
    { type: 'model', id: special.gatedModel, expect: 'card' },
    { type: 'model', id: special.renamedModel.from, expect: 'card' },
    { type: 'model', id: special.customCodeModel, expect: 'card' },
    { type: 'model', id: special.privateModel, expect: 'error' },
    { type: 'model', id: special.disabledModel, expect: 'error' },
    { type: 'model', id: 'hub-test/does-not-exist', expect: 'error' },
    { type: 'dataset', id: 'squad', expect: 'card' },
    { type: 'dataset', id: special.manyFilesDataset, expect: 'card' },
    { type: 'space', id: 'pngwn/AnimeGANv2_v3', expect: 'card' },
  ];
  const randomRepo = (): { type: RepoType; id: string; expect: 'card' | 'error' | 'either' } => {
    if (chance(0.5)) {
      return pick(cardPool);
    }
    const type = pick<RepoType>(['model', 'dataset', 'space']);
    return { type, id: pick(catalogIds(type)), expect: 'either' };
  };

  return [
    {
      name: 'list a view',
      tree: true,
      run: async (strict) => {
        const key = pick(VIEWS);
        const tree = api.trees[key];
        if (chance(0.5)) {
          await vscode.commands.executeCommand(`huggingface.${key}.refresh`);
        }
        await checkList(tree, await tree.getChildren(), strict, `${key} view`);
      },
    },
    {
      name: 'load more (or retry)',
      tree: true,
      run: async (strict) => {
        const key = pick(VIEWS);
        const tree = api.trees[key];
        const before = await checkList(tree, await tree.getChildren(), strict, `${key} view`);
        if (tree.loaded.length > 400) {
          tree.refresh(); // keeps a 30-minute run from holding the whole catalog at once
          return;
        }
        const last = before.at(-1);
        if (last?.kind === 'loadMore') {
          await vscode.commands.executeCommand('huggingface.loadMore', last);
        } else if (last?.kind === 'error') {
          await vscode.commands.executeCommand('huggingface.retry', last);
        }
        const after = await checkList(tree, await tree.getChildren(), strict, `${key} view after Load more`);
        if (strict && last?.kind === 'loadMore') {
          assert.ok(after.length > before.length, `${key}: Load more added rows`);
        }
      },
    },
    {
      name: 'sort and filter',
      tree: true,
      run: async (strict) => {
        const key = pick(VIEWS);
        const sort = pick(sortsFor(TYPE_OF[key]));
        const task = key === 'models' && chance(0.3) ? pick(['text-generation', 'fill-mask', 'translation']) : undefined;
        await api.views.setFilters(key, { sort, task });
        await checkList(api.trees[key], await api.trees[key].getChildren(), strict, `${key} sorted by ${sort}`);
      },
    },
    {
      name: 'search',
      tree: true,
      run: async (strict) => {
        const key = pick(VIEWS);
        const tree = api.trees[key];
        const node = tree.addSearch(pick(SEARCH_TERMS));
        const results = await checkList(tree, await tree.getChildren(node), strict, `${node.label} in ${key}`);
        const last = results.at(-1);
        if (chance(0.3) && (last?.kind === 'loadMore' || last?.kind === 'error')) {
          await vscode.commands.executeCommand(last.kind === 'loadMore' ? 'huggingface.loadMore' : 'huggingface.retry', last);
          await checkList(tree, await tree.getChildren(node), strict, `${node.label} in ${key}, next page`);
        }
        await vscode.commands.executeCommand('huggingface.removeSearch', node);
        assert.ok(!tree.hasQuery(node), 'the search node is removed');
      },
    },
    {
      name: 'search picker opened and dismissed',
      run: async () => {
        const key = pick(VIEWS);
        let closed = false;
        const done = Promise.resolve(vscode.commands.executeCommand(`huggingface.${key}.search`)).finally(() => (closed = true));
        await sleep(100 + Math.floor(rng() * 400));
        // Escape, again until the picker is gone (a close sent before it has shown does nothing).
        while (!closed) {
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          await sleep(200);
        }
        await done;
      },
    },
    {
      name: 'open a card',
      run: async (strict) => {
        const repo = randomRepo();
        const outcome = (await vscode.commands.executeCommand<OpenOutcome>('huggingface.openCard', { type: repo.type, id: repo.id }));
        assert.equal(outcome.opened, true, JSON.stringify(outcome));
        const card = api.cards.get(repo) ?? api.cards.all.find((c) => c.ref.type === repo.type && c.panel.title === repo.id);
        assert.ok(card, `the ${repo.id} card is open`);
        if (!strict && chance(0.15)) {
          // Closed while it loads: the load is cancelled and its answer is dropped.
          await closeCard(card);
          await card.loaded;
          return;
        }
        await settledCard(card, strict, repo.expect);
        if (chance(0.25)) {
          // Retry from the page, as its Retry button does.
          assert.equal(card.handleMessage({ type: 'action', action: 'retry' }).accepted, true);
          await settledCard(card, strict, repo.expect);
        }
        const open = api.cards.all;
        if (open.length > MAX_OPEN_CARDS || chance(0.3)) {
          await closeCard(chance(0.5) ? card : open[0]);
        }
      },
    },
    {
      name: 'list files',
      tree: true,
      run: async (strict) => {
        const key = pick(VIEWS);
        const tree = api.trees[key];
        let parent: RepoTreeNode | undefined;
        if (key === 'datasets' && chance(0.3)) {
          parent = tree.addSearch(special.manyFilesDataset.split('/')[1]);
        }
        const rows = await checkList(tree, await tree.getChildren(parent), strict, `${key} view`);
        const repos = rows.filter((r) => r.kind === 'repo');
        const repo = pick(repos);
        if (repo) {
          const files = await tree.getChildren(repo);
          for (const node of files) {
            assert.ok(['file', 'folder', 'error', 'message'].includes(node.kind), `files: unexpected row ${node.kind}`);
            if (node.kind === 'error') {
              assertClear(node.error.message, 'files error row');
            }
          }
          if (strict) {
            assert.ok(!files.some((n) => n.kind === 'error'), `files of ${labelOf(tree.getTreeItem(repo))} list without error`);
          }
          const folder = pick(files.filter((f) => f.kind === 'folder'));
          if (folder) {
            await tree.getChildren(folder);
          }
          const error = files.find((f) => f.kind === 'error');
          if (error?.kind === 'error') {
            await vscode.commands.executeCommand('huggingface.retry', error);
            await tree.getChildren(repo);
          }
        }
        if (parent?.kind === 'query') {
          await vscode.commands.executeCommand('huggingface.removeSearch', parent);
        }
      },
    },
    {
      name: 'insert a snippet',
      run: async (strict) => {
        const diffusers = chance(0.2);
        const id = diffusers ? 'stabilityai/stable-diffusion-2-1' : pick(SNIPPET_MODELS);
        // Into an untitled Python file, which has the focus: a card page that finishes loading in the active editor
        // would otherwise take the focus and so dismiss the variant picker, as it would for a user.
        const content = pick(['', 'import torch\n\n', 'from transformers import pipeline\n\n']);
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'python', content }));
        try {
          const outcome = await runSnippet(diffusers ? 'huggingface.insertDiffusersSnippet' : 'huggingface.insertTransformersSnippet', id);
          if (outcome.inserted) {
            assert.equal(outcome.where, 'editor');
            assert.ok(editor.document.getText().includes(id), `the ${id} snippet is in the file`);
          } else {
            const active = vscode.window.tabGroups.activeTabGroup.activeTab?.label;
            assert.equal(outcome.reason, 'error', `${JSON.stringify(outcome)} for ${id}, active tab ${active}, open cards ${api.cards.all.map((c) => c.ref.id).join(', ')}`);
            assertClear(outcome.message, `snippet for ${id}`);
            assert.ok(!strict, `snippet for ${id} once the Hub is healthy: ${outcome.message}`);
          }
        } finally {
          await closeUntitled();
          await vscode.commands.executeCommand('notifications.clearAll');
        }
      },
    },
    {
      name: 'refresh everything',
      run: async () => {
        await vscode.commands.executeCommand('huggingface.refresh');
      },
    },
  ];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Fails if `work` takes longer than the deadline; the work itself is left to finish on its own. */
async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    return exposed;
  }
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap in use after several full collections, the lowest of three readings (MB). */
async function settledHeapMb(): Promise<number> {
  const gc = collectGarbage();
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 4; j++) {
      gc();
      await sleep(100);
    }
    readings.push(process.memoryUsage().heapUsed / 1024 / 1024);
    await sleep(500);
  }
  return Math.round(Math.min(...readings) * 10) / 10;
}

/** The state a session ends in: no cards, editors, searches or filters; lists back to nothing loaded. */
async function resetState(): Promise<void> {
  hub.clearFaults();
  for (const card of api.cards.all) {
    await closeCard(card);
  }
  await closeUntitled();
  for (const key of VIEWS) {
    const tree = api.trees[key];
    for (const node of await tree.getChildren().catch(() => [])) {
      if (node.kind === 'query') {
        await vscode.commands.executeCommand('huggingface.removeSearch', node);
      }
    }
    await api.views.setFilters(key, { sort: 'trending' });
  }
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  // Long enough for request deadlines, retry back-off and idle keep-alive connections to run out.
  for (let i = 0; i < 60 && api.diagnostics().pendingRequests > 0; i++) {
    await sleep(500);
  }
  await sleep(6_000);
  hub.clearRequests();
}

interface Snapshot {
  heapMb: number;
  diagnostics: Diagnostics;
  cardTabs: number;
  resources: Record<string, number>;
}

async function snapshot(): Promise<Snapshot> {
  const resources: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) {
    resources[name] = (resources[name] ?? 0) + 1;
  }
  return { heapMb: await settledHeapMb(), diagnostics: api.diagnostics(), cardTabs: cardTabs().length, resources };
}

suite('Soak', function () {
  this.timeout(SOAK_MS + 6 * 60_000);
  const fixture = withHub({ cleanup: () => hub?.clearFaults() });
  suiteSetup(() => {
    ({ hub, api } = fixture);
    special = fixture.server.SPECIAL_REPOS;
  });

  test(`browsing under random faults for ${Math.round(SOAK_MS / 1000)} s leaks nothing, and every action works after it`, async () => {
    console.log(`      soak: seed ${SEED} (replay with HF_HUB_SOAK_SEED=${SEED}), ${Math.round(SOAK_MS / 1000)} s`);
    const script = actions();
    const unhandled: string[] = [];
    const onUnhandled = (reason: unknown) => {
      unhandled.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
    };
    process.on('unhandledRejection', onUnhandled);
    const failures: { n: number; action: string; fault: string; error: string }[] = [];
    const perAction: Record<string, number> = {};
    const perFault: Record<string, number> = {};
    let actionsRun = 0;
    let faultsInjected = 0;

    const runAll = async (phase: string) => {
      for (const action of script) {
        try {
          await withDeadline(action.run(true), ACTION_DEADLINE_MS);
        } catch (e) {
          assert.fail(`${phase}: "${action.name}" failed with a healthy Hub: ${messageOf(e)}`);
        }
      }
    };

    try {
      // Warm-up: every action once with a healthy Hub, so lazy chunks and caches are loaded before the heap is read.
      await runAll('warm-up');
      await resetState();
      const start = await snapshot();
      const unhandledBefore = unhandled.length;

      const started = Date.now();
      while (Date.now() - started < SOAK_MS) {
        const action = pick(script);
        const partner = action.tree && chance(0.15) ? pick(script.filter((a) => a.name === 'open a card' || a.name === 'refresh everything')) : undefined;
        const running = partner ? [action, partner] : [action];
        const injected: string[] = [];
        let offline = false;
        if (chance(0.03)) {
          offline = true;
          injected.push('offline');
          await setEndpoint(`http://127.0.0.1:${await deadPort()}`);
        } else {
          for (let i = chance(0.5) ? (chance(0.25) ? 2 : 1) : 0; i > 0; i--) {
            const { kind, fault } = drawFault();
            hub.inject(fault);
            injected.push(kind);
          }
        }
        injected.forEach((kind) => (perFault[kind] = (perFault[kind] ?? 0) + 1));
        faultsInjected += injected.length;
        actionsRun += running.length;
        running.forEach((a) => (perAction[a.name] = (perAction[a.name] ?? 0) + 1));
        const names = running.map((a) => a.name).join(' + ');
        const rejectionsBefore = unhandled.length;
        try {
          const work = running.map((a) =>
            a.run(false).catch((e: unknown) => {
              throw new Error(`${a.name}: ${messageOf(e)}`);
            }),
          );
          await withDeadline(Promise.all(work).then(() => undefined), ACTION_DEADLINE_MS);
        } catch (e) {
          failures.push({ n: actionsRun, action: names, fault: injected.join(' + ') || 'none', error: messageOf(e) });
        } finally {
          hub.clearFaults();
          hub.clearRequests();
          if (offline) {
            await setEndpoint(hub.url);
          }
        }
        if (unhandled.length > rejectionsBefore) {
          failures.push({ n: actionsRun, action: names, fault: injected.join(' + ') || 'none', error: `unhandled rejection (noticed during this action): ${unhandled.at(-1)}` });
        }
      }
      const soakMs = Date.now() - started;

      // Faults cleared: error rows the soak left behind recover with their Retry, as a user would press it, and then
      // every action works again, without a reload.
      for (const key of VIEWS) {
        const tree = api.trees[key];
        for (const node of (await tree.getChildren()).filter((n) => n.kind === 'error')) {
          await withDeadline(Promise.resolve(vscode.commands.executeCommand('huggingface.retry', node)).then(() => undefined), ACTION_DEADLINE_MS);
        }
        await checkList(tree, await tree.getChildren(), true, `${key} view after Retry`);
      }
      await runAll('after the soak');
      await resetState();
      const end = await snapshot();

      const heapRatio = end.heapMb / start.heapMb;
      const figures = {
        seed: SEED,
        durationMs: soakMs,
        actionsRun,
        faultsInjected,
        failures: failures.length,
        unhandledRejections: unhandled.length - unhandledBefore,
        heapMb: { start: start.heapMb, end: end.heapMb, ratio: Math.round(heapRatio * 1000) / 1000 },
        openCards: { start: start.diagnostics.openCards, end: end.diagnostics.openCards },
        cardTabs: { start: start.cardTabs, end: end.cardTabs },
        pendingRequests: { start: start.diagnostics.pendingRequests, end: end.diagnostics.pendingRequests },
        subscriptions: { start: start.diagnostics.subscriptions, end: end.diagnostics.subscriptions },
        activeResources: { start: start.resources, end: end.resources },
        actions: perAction,
        faults: perFault,
        messages: Object.fromEntries([...messagesSeen].sort((a, b) => b[1] - a[1])),
        failureList: failures.slice(0, 50),
      };
      const file = path.join(extension().extensionPath, 'test-results', 'soak.json');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(figures, null, 2) + '\n');
      console.log(
        `      soak: ${actionsRun} actions, ${faultsInjected} faults injected, ${failures.length} failures in ${Math.round(soakMs / 1000)} s (seed ${SEED}); ` +
          `heap ${start.heapMb} → ${end.heapMb} MB (${Math.round((heapRatio - 1) * 100)}%); open cards ${start.diagnostics.openCards} → ${end.diagnostics.openCards}; ` +
          `pending requests ${end.diagnostics.pendingRequests}`,
      );
      for (const failure of failures.slice(0, 10)) {
        console.log(`      soak failure #${failure.n} ${failure.action} [${failure.fault}]: ${failure.error}`);
      }

      assert.deepEqual(failures, [], 'no action threw, hung or left an unhandled rejection');
      assert.ok(heapRatio <= 1 + HEAP_TOLERANCE, `heap back within ${HEAP_TOLERANCE * 100}%: ${start.heapMb} → ${end.heapMb} MB`);
      assert.deepEqual(
        { openCards: end.diagnostics.openCards, cardTabs: end.cardTabs, pendingRequests: end.diagnostics.pendingRequests, subscriptions: end.diagnostics.subscriptions },
        { openCards: 0, cardTabs: 0, pendingRequests: 0, subscriptions: start.diagnostics.subscriptions },
        'no card panel, request or registration left over',
      );
      for (const kind of ['Timeout', 'TCPSocketWrap', 'TCPServerWrap', 'FSReqCallback']) {
        assert.ok((end.resources[kind] ?? 0) <= (start.resources[kind] ?? 0) + 2, `${kind} handles ${start.resources[kind] ?? 0} → ${end.resources[kind] ?? 0}`);
      }
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
