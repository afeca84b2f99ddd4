// The fault matrix: every user action against every fault the embedded Hub (or the network) can produce, in a real
// extension host. For each fault, all actions run at once against the faulty Hub; each must end within its deadline
// with a clear message where the user is looking (an error row with Retry in a tree, a message in the card, a
// notification for a command), have its cause in the output channel, and leave no unhandled promise rejection. The
// fault is then cleared and each action's Retry must work without a reload. The results go to
// test-results/fault-matrix.md (a copy is kept in test/fault-matrix.md).
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Fault, HubServer, startHubServer as StartHubServer, TEST_USERS as TestUsers } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import type { LoadMoreNode, RepoNode, RepoTreeNode, RepoTreeProvider } from '../../src/views/repoTree';
import type { CardPanel } from '../../src/webviews/cards';
import { extension, hubServerModule, labelOf, waitFor } from './helpers';

/** The client's retry policy (src/hub/http.ts DEFAULTS): 10 s per attempt, 3 retries, backoff capped at 1 + 2 + 4 s. */
const ATTEMPT_MS = 10_000;
const BACKOFF_MS = 1_000 + 2_000 + 4_000;
/** Time for the extension host itself (lazy chunks, the card's webview) on a slow CI machine. */
const SLACK_MS = 4_000;
/** A fault answered at once and not retried. */
const AT_ONCE = SLACK_MS;
/** A fault retried three times: at most the backoff. */
const RETRIED = BACKOFF_MS + SLACK_MS;
/**
 * No answer, or a body too slow to finish: one attempt's deadline. A timed-out attempt is not retried (four would keep
 * the user waiting 40 s), and reading the body is part of the attempt.
 */
const ONE_ATTEMPT = ATTEMPT_MS + SLACK_MS;

const GPT2 = { type: 'model' as const, id: 'openai-community/gpt2' };

interface FaultCase {
  name: string;
  /** Injected into the embedded Hub for every request. */
  fault?: Fault;
  /** Network faults made outside the Hub: nothing listening on its port, or a host name that does not resolve. */
  network?: 'closedPort' | 'dns';
  deadlineMs: number;
}

const FAULTS: FaultCase[] = [
  { name: 'offline (connection refused)', network: 'closedPort', deadlineMs: RETRIED },
  { name: 'DNS failure', network: 'dns', deadlineMs: RETRIED },
  { name: 'timeout (no answer)', fault: { hang: true }, deadlineMs: ONE_ATTEMPT },
  { name: 'slow drip (20 B/s)', fault: { dripMs: 400, dripBytes: 8 }, deadlineMs: ONE_ATTEMPT },
  { name: 'connection reset mid-body', fault: { truncate: true }, deadlineMs: AT_ONCE },
  { name: 'truncated JSON', fault: { invalidJson: true }, deadlineMs: AT_ONCE },
  { name: 'invalid JSON', fault: { invalidJson: true, body: "{'id': NaN, trailing: [1,2,]}" }, deadlineMs: AT_ONCE },
  { name: 'HTML error page (200)', fault: { html: true }, deadlineMs: AT_ONCE },
  { name: '401', fault: { status: 401 }, deadlineMs: AT_ONCE },
  { name: '403 gated', fault: { status: 403, headers: { 'X-Error-Code': 'GatedRepo' } }, deadlineMs: AT_ONCE },
  { name: '404', fault: { status: 404 }, deadlineMs: AT_ONCE },
  { name: '429 RateLimit (t=120)', fault: { status: 429, retryAfter: 120, limitHeaders: 'RateLimit' }, deadlineMs: AT_ONCE },
  { name: '429 Retry-After: 1', fault: { status: 429, retryAfter: 1, limitHeaders: 'Retry-After' }, deadlineMs: 3 * 1_000 + SLACK_MS },
  { name: '500', fault: { status: 500 }, deadlineMs: RETRIED },
  { name: '503', fault: { status: 503 }, deadlineMs: RETRIED },
  { name: '307 redirect loop', fault: { status: 307, redirectLoop: true }, deadlineMs: AT_ONCE },
  { name: 'huge response (24 MB)', fault: { hugeBytes: 24 * 1024 * 1024 }, deadlineMs: AT_ONCE },
];

/** What the user saw after an action. `node`/`card` let Retry act on what was shown. */
interface Seen {
  where: 'error row' | 'card' | 'card note' | 'notification' | 'loaded';
  text: string;
  /** A Retry is offered where the message is shown. */
  retry: boolean;
  node?: RepoTreeNode;
  card?: CardPanel;
}

interface Cell {
  fault: string;
  action: string;
  seen: Seen;
  ms: number;
  deadlineMs: number;
  logged: boolean;
  recovered: boolean;
}

interface Shown {
  errors: string[];
  warnings: string[];
  infos: string[];
}

type WindowStubs = Pick<typeof vscode.window, 'showInputBox' | 'showQuickPick' | 'showErrorMessage' | 'showInformationMessage' | 'showWarningMessage'>;

let api: ExtensionApi;
let hub: HubServer;
let startHubServer: typeof StartHubServer;
let users: typeof TestUsers;
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const shown: Shown = { errors: [], warnings: [], infos: [] };
let savedWindow: WindowStubs;
const cells: Cell[] = [];
let spaceSearch = '';

async function useEndpoint(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('huggingface').update('endpoint', url, vscode.ConfigurationTarget.Global);
}

/** Answers the extension's dialogs as a user would (the token for Sign in, the first variant of a snippet) and records its notifications. */
function stubWindow(): void {
  const window = vscode.window as { -readonly [K in keyof WindowStubs]: WindowStubs[K] };
  savedWindow = {
    showInputBox: window.showInputBox,
    showQuickPick: window.showQuickPick,
    showErrorMessage: window.showErrorMessage,
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
  };
  window.showInputBox = (async () => users.hubTest.token);
  window.showQuickPick = (async (items: readonly unknown[] | Thenable<readonly unknown[]>) => (await items)[0]) as unknown as typeof window.showQuickPick;
  const record = (into: string[]) => (async (message: string) => void into.push(message)) as never;
  window.showErrorMessage = record(shown.errors);
  window.showWarningMessage = record(shown.warnings);
  window.showInformationMessage = record(shown.infos);
}

function restoreWindow(): void {
  Object.assign(vscode.window, savedWindow);
}

/** What a tree shows under `node` (or at its root): an error row, or repos/files. */
async function treeOutcome(tree: RepoTreeProvider, node?: RepoTreeNode): Promise<Seen> {
  const children = await tree.getChildren(node);
  const error = children.find((c) => c.kind === 'error');
  if (error) {
    const item = tree.getTreeItem(error);
    return { where: 'error row', text: labelOf(item), retry: item.contextValue === 'error' && item.command?.command === 'huggingface.retry', node: error };
  }
  const loaded = children.filter((c) => c.kind === 'repo' || c.kind === 'file' || c.kind === 'folder').length;
  return { where: 'loaded', text: loaded ? `${loaded} rows` : children.map((c) => labelOf(tree.getTreeItem(c))).join(', '), retry: false };
}

function cardOutcome(card: CardPanel): Seen {
  const state = card.state;
  if (state.type === 'error') {
    return { where: 'card', text: state.message, retry: state.retryable, card };
  }
  if (state.type === 'card') {
    const readme = state.card.readme;
    if (readme.kind === 'unavailable' || readme.kind === 'gated') {
      return { where: 'card note', text: readme.message, retry: readme.kind === 'unavailable', card };
    }
    const notice = state.card.notice ? ` with the notice "${state.card.notice}"` : '';
    return { where: 'loaded', text: `the card${readme.kind === 'text' ? (readme.cut ? ' (README cut at its limit)' : '') : `, README ${readme.kind}`}${notice}`, retry: false, card };
  }
  return { where: 'loaded', text: `still ${state.type}`, retry: false, card };
}

async function rootRepos(tree: RepoTreeProvider): Promise<RepoTreeNode[]> {
  return (await tree.getChildren()).filter((c) => c.kind === 'repo');
}

/** State the actions start from, prepared while the Hub is healthy: a loaded models list (its "Load more…" row and a repo to expand). */
interface Prepared {
  loadMore: LoadMoreNode;
  repo: RepoNode;
  /** A model whose card has not been opened yet in this run (so nothing of it is cached). */
  freshCard: string;
}

const openedCards = new Set<string>([GPT2.id]);

async function prepare(): Promise<Prepared> {
  api.views.refresh('model');
  const children = await api.trees.models.getChildren();
  const loadMore = children.at(-1);
  const repo = children.find((c): c is RepoNode => c.kind === 'repo');
  assert.equal(loadMore?.kind, 'loadMore', 'the models list ends with "Load more…"');
  assert.ok(repo, 'the models list has a repo');
  const fresh = api.trees.models.loaded.find((r) => !r.gated && !r.private && !openedCards.has(r.id));
  assert.ok(fresh, 'a model whose card was not opened yet');
  openedCards.add(fresh.id);
  return { loadMore: loadMore, repo, freshCard: fresh.id };
}

interface Action {
  name: string;
  /** Runs the action against the faulty Hub and says what the user saw. */
  run: (p: Prepared) => Promise<Seen>;
  /** With the fault cleared: the Retry the user has (or running the command again) must now work. */
  retry: (p: Prepared, seen: Seen) => Promise<void>;
  /** Commands run one after another in the retry phase (signing in reloads the views and cards). */
  last?: boolean;
}

/** Selects the error row's Retry; an action that did not fail has nothing to retry. */
async function executeRetry(node: RepoTreeNode | undefined): Promise<void> {
  if (node?.kind === 'error') {
    await vscode.commands.executeCommand('huggingface.retry', node);
  }
}

type SnippetOutcome = { inserted: true; where: string } | { inserted: false; reason: string; message?: string };

const ACTIONS: Action[] = [
  {
    name: 'expand a view',
    run: async () => {
      api.views.refresh('dataset');
      return treeOutcome(api.trees.datasets);
    },
    retry: async (_p, seen) => {
      await executeRetry(seen.node);
      assert.ok((await rootRepos(api.trees.datasets)).length > 0, 'datasets are listed after Retry');
    },
  },
  {
    name: 'load more',
    run: async (p) => {
      await vscode.commands.executeCommand('huggingface.loadMore', p.loadMore);
      return treeOutcome(api.trees.models);
    },
    retry: async (_p, seen) => {
      await executeRetry(seen.node);
      const after = await api.trees.models.getChildren();
      assert.ok(after.filter((c) => c.kind === 'repo').length > 0 && after.every((c) => c.kind !== 'error'), 'models are listed after Retry');
    },
  },
  {
    name: 'search',
    run: async () => treeOutcome(api.trees.spaces, api.trees.spaces.addSearch(spaceSearch)),
    retry: async (_p, seen) => {
      await executeRetry(seen.node);
      const node = api.trees.spaces.addSearch(spaceSearch);
      assert.ok((await api.trees.spaces.getChildren(node)).some((c) => c.kind === 'repo'), 'the search lists Spaces after Retry');
      api.trees.spaces.removeSearch(node);
    },
  },
  {
    name: 'open a card',
    run: async (p) => cardOutcome(await openCard({ type: 'model', id: p.freshCard })),
    retry: async (_p, seen) => retryCard(seen.card),
  },
  {
    name: 'reopen a card',
    run: async () => cardOutcome(await openCard(GPT2)),
    retry: async (_p, seen) => retryCard(seen.card),
  },
  {
    name: 'insert a snippet',
    run: async () => {
      const before = shown.errors.length;
      const outcome = (await vscode.commands.executeCommand<SnippetOutcome>('huggingface.insertTransformersSnippet', GPT2.id));
      if (outcome.inserted) {
        await closeUntitled();
        return { where: 'loaded', text: `inserted (${outcome.where})`, retry: false };
      }
      const notification = shown.errors.slice(before).find((m) => m.includes(GPT2.id));
      return { where: 'notification', text: notification ?? `no notification (${outcome.reason})`, retry: false };
    },
    retry: async () => {
      const outcome = (await vscode.commands.executeCommand<SnippetOutcome>('huggingface.insertTransformersSnippet', GPT2.id));
      assert.equal(outcome.inserted, true, `the snippet is inserted when run again: ${JSON.stringify(outcome)}`);
      await closeUntitled();
    },
  },
  {
    name: 'list files',
    run: async (p) => treeOutcome(api.trees.models, p.repo),
    retry: async (p, seen) => {
      await executeRetry(seen.node);
      assert.ok((await api.trees.models.getChildren(p.repo)).some((c) => c.kind === 'file'), 'the repo lists its files after Retry');
    },
  },
  {
    name: 'sign in',
    last: true,
    run: async () => {
      const before = shown.errors.length;
      await vscode.commands.executeCommand('huggingface.signIn');
      const failed = shown.errors.slice(before).find((m) => m.startsWith('Sign in failed'));
      return failed ? { where: 'notification', text: failed, retry: false } : { where: 'loaded', text: 'signed in', retry: false };
    },
    retry: async () => {
      const before = shown.infos.length;
      await vscode.commands.executeCommand('huggingface.signIn');
      assert.ok(shown.infos.slice(before).some((m) => m === `Signed in to Hugging Face as ${users.hubTest.name}.`), `signed in when run again: ${shown.errors.slice(-1)}`);
      await vscode.commands.executeCommand('huggingface.signOut');
    },
  },
];

async function openCard(ref: { type: 'model'; id: string }): Promise<CardPanel> {
  await vscode.commands.executeCommand('huggingface.openCard', ref);
  const card = await waitFor('the card panel', () => api.cards.get(ref));
  await card.loaded;
  return card;
}

/** The card's Retry button (the message its page sends), then the card must show. */
async function retryCard(card: CardPanel | undefined): Promise<void> {
  assert.ok(card, 'the card is open');
  assert.deepEqual(card.handleMessage({ type: 'action', action: 'retry' }), { accepted: true, did: 'reloading' });
  await card.loaded;
  assert.equal(card.state.type, 'card', `the card loads after Retry: ${JSON.stringify(card.state).slice(0, 300)}`);
  card.dispose();
}

/** Closes the untitled Python file a snippet went into, without saving it. */
async function closeUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** A port nothing listens on: the Hub's own, after closing it. */
async function withNetworkFault<T>(kind: FaultCase['network'], body: () => Promise<T>): Promise<T> {
  if (kind === 'dns') {
    await useEndpoint('https://hub-fault-matrix.invalid');
    try {
      return await body();
    } finally {
      await useEndpoint(hub.url);
    }
  }
  if (kind === 'closedPort') {
    const port = hub.port;
    await hub.close();
    try {
      return await body();
    } finally {
      hub = await startHubServer({ port });
    }
  }
  return body();
}

function logSince(mark: number): string[] {
  const { total, lines } = api.recentLog();
  return lines.slice(Math.max(0, lines.length - (total - mark)));
}

suite('Fault matrix', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const ext = extension();
    api = await ext.activate();
    const server = await hubServerModule();
    startHubServer = server.startHubServer;
    users = server.TEST_USERS;
    hub = await startHubServer({ port: 0 });
    const [space] = (await (await fetch(`${hub.url}/api/spaces?limit=1`)).json()) as { id: string }[];
    spaceSearch = space.id.split('/')[1].slice(0, 6);
    await useEndpoint(hub.url);
    // A card opened before, so that "reopen a card" revalidates a cached copy.
    const cached = await openCard(GPT2);
    assert.equal(cached.state.type, 'card');
    cached.dispose();
    stubWindow();
    process.on('unhandledRejection', onUnhandled);
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    restoreWindow();
    for (const card of api?.cards.all ?? []) {
      card.dispose();
    }
    await useEndpoint(undefined);
    await hub?.close();
    writeMatrix(path.join(extension().extensionPath, 'test-results', 'fault-matrix.md'));
  });

  for (const fc of FAULTS) {
    test(`${fc.name}: every action ends in time with a clear message and a logged cause, and recovers`, async function () {
      this.timeout(fc.deadlineMs * 2 + 60_000);
      const prepared = await prepare();
      hub.clearRequests();
      unhandled = [];
      const notificationsBefore = shown.errors.length + shown.warnings.length;
      const logMark = api.recentLog().total;
      if (fc.fault) {
        hub.inject(fc.fault);
      }
      const results = await withNetworkFault(fc.network, async () => {
        const outcomes = await Promise.all(
          ACTIONS.map(async (action) => {
            const started = Date.now();
            const seen = await action.run(prepared);
            return { action, seen, ms: Date.now() - started };
          }),
        );
        hub.clearFaults();
        return outcomes;
      });
      const log = logSince(logMark);

      const problems: string[] = [];
      for (const { action, seen, ms } of results) {
        const where = `${action.name}`;
        if (ms > fc.deadlineMs) {
          problems.push(`${where}: took ${ms} ms, over its ${fc.deadlineMs} ms deadline`);
        }
        if (seen.where !== 'loaded') {
          const cause = seen.text.replace(/^Sign in failed: /, '').replace(/^No snippet for \S+: /, '');
          if (!log.some((line) => line.includes(cause))) {
            problems.push(`${where}: "${cause}" is not in the output channel`);
          }
          if (seen.where === 'error row' && !seen.retry) {
            problems.push(`${where}: the error row offers no Retry`);
          }
          if (/undefined|\[object |Unexpected (error|answer)|could not be loaded|^Error$/.test(seen.text)) {
            problems.push(`${where}: unclear message "${seen.text}"`);
          }
        }
        cells.push({ fault: fc.name, action: action.name, seen, ms, deadlineMs: fc.deadlineMs, logged: !problems.some((p) => p.startsWith(`${where}: "`)), recovered: false });
      }
      const popups = shown.errors.length + shown.warnings.length - notificationsBefore;
      if (popups > 2) {
        problems.push(`${popups} notifications for 2 commands: ${[...shown.errors, ...shown.warnings].slice(-popups).join(' | ')}`);
      }

      // The fault is gone: every action's Retry (or the command run again) works, without a reload.
      await Promise.all(
        results
          .filter((r) => !r.action.last)
          .map(async (r) => {
            try {
              await r.action.retry(prepared, r.seen);
              markRecovered(fc.name, r.action.name);
            } catch (e) {
              problems.push(`${r.action.name}: Retry failed: ${(e as Error).message}`);
            }
          }),
      );
      for (const r of results.filter((r) => r.action.last)) {
        try {
          await r.action.retry(prepared, r.seen);
          markRecovered(fc.name, r.action.name);
        } catch (e) {
          problems.push(`${r.action.name}: Retry failed: ${(e as Error).message}`);
        }
      }
      for (const card of api.cards.all) {
        card.dispose();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (unhandled.length) {
        problems.push(`unhandled promise rejections: ${unhandled.map((r) => (r instanceof Error ? r.message : String(r))).join(' | ')}`);
      }
      assert.deepEqual(problems, [], results.map((r) => `${r.action.name}: ${r.seen.where}: ${r.seen.text} (${r.ms} ms)`).join('\n'));
    });
  }
});

function markRecovered(fault: string, action: string): void {
  const cell = cells.find((c) => c.fault === fault && c.action === action);
  if (cell) {
    cell.recovered = true;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The matrix as Markdown: a grid of times, then what the user saw in each cell. */
function writeMatrix(file: string): void {
  const actions = ACTIONS.map((a) => a.name);
  const faults = FAULTS.filter((f) => cells.some((c) => c.fault === f.name));
  const ok = (c: Cell) => c.ms <= c.deadlineMs && c.logged && c.recovered;
  // Ports and clock times differ per run; the committed copy should only change when behaviour does.
  const escape = (s: string) =>
    s
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .replace(/\b\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?/g, 'HH:MM:SS')
      .replace(/\|/g, '\\|')
      .replace(/\s+/g, ' ');
  const lines = [
    '# Fault matrix',
    '',
    'Generated by `test/exthost/faults.test.ts` (Extension Host tier: `npm run test:exthost -- --grep "Fault matrix"`). Each',
    'fault applies to every request while all the actions run at once against the embedded Hub; "offline" closes the',
    "Hub's port, \"DNS failure\" points the endpoint at a `.invalid` host. A cell passes when the action ended within the",
    'deadline, showed its message in place (error row with Retry, card message, or a notification for a command), the',
    'cause is in the output channel, and after the fault cleared Retry (or running the command again) worked without a',
    'reload. No unhandled promise rejection is allowed in any column. "open a card" opens a repo not opened before (nothing',
    'cached); "reopen a card" opens one whose card was shown before, so its cached copy is revalidated.',
    '',
    `Deadlines come from the client's retry policy: ${seconds(ATTEMPT_MS)} per attempt, body included, and no retry after a timeout; 3 retries of`,
    `refused or reset connections, 429 and 5xx, with backoff up to ${seconds(BACKOFF_MS)} in all (a 429 waits what the Hub asks, up to 60 s; longer fails at`,
    `once with the reset time); plus ${seconds(SLACK_MS)} for the extension host. The card of a repo opened before is revalidated with one`,
    'conditional request (a 304 needs no body, so a slow drip does not delay it).',
    '',
    `| fault | deadline | ${actions.join(' | ')} |`,
    `| --- | --- | ${actions.map(() => '---').join(' | ')} |`,
    ...faults.map((f) => {
      const row = actions.map((a) => {
        const c = cells.find((x) => x.fault === f.name && x.action === a);
        return c ? `${ok(c) ? '✓' : '✗'} ${seconds(c.ms)}` : '—';
      });
      return `| ${f.name} | ${seconds(f.deadlineMs)} | ${row.join(' | ')} |`;
    }),
    '',
    `${cells.filter(ok).length} of ${cells.length} cells pass (${faults.length} faults × ${actions.length} actions).`,
    '',
    '## What the user saw',
    '',
    '| fault | action | shown as | message | Retry offered | time |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cells.map((c) => `| ${c.fault} | ${c.action} | ${c.seen.where} | ${escape(c.seen.text)} | ${c.seen.retry ? 'yes' : c.seen.where === 'notification' ? 'run again' : 'no'} | ${seconds(c.ms)} |`),
    '',
  ];
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n'));
}
