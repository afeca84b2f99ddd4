// Requests per journey, counted at the embedded Hub: a scripted session (three views, five searches typed letter by
// letter through the search QuickPick's debounced path, ten cards, two "Load more…") stays under a fixed budget and far
// under the Hub's anonymous limit; reopening a card costs one conditional request; HF_HUB_OFFLINE=1 costs none.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubServer, LoggedRequest } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import type { LoadMoreNode, QueryNode, RepoNode } from '../../src/views/repoTree';
import type { CardPanel } from '../../src/webviews/cards';
import { waitFor, withHub } from './helpers';

/**
 * The session's budget. What it should cost: 3 first pages (one per view) + 5 searches × 2 (the QuickPick's result list
 * once typing pauses, then the search's node in the view) + 10 cards × 2 (details and README) + 2 next pages = 35.
 * The 5 requests of headroom allow one extra QuickPick request per search, for a typist who pauses longer than the
 * debounce once within a word; anything that requests per keystroke, or per render, or twice per card, breaks it.
 * A card of a model that others derive from (the Hub's `childrenModelCount` above 0) adds one list request that counts
 * them by relation (its model tree); every card asks once which collections hold its repo, and each paper the cards
 * cite is read once (kept for the session); the budget grows by exactly those.
 */
const EXPECTED = 3 + 5 * 2 + 10 * 2 + 2;
const BUDGET = EXPECTED + 5;
/** The Hub's anonymous quota for its API bucket, per 5-minute window (hub-api.md §9). */
const ANONYMOUS_API_LIMIT = 500;
const KEY_INTERVAL_MS = 120;
const SEARCHES = ['bert', 'gpt2', 'llama', 'whisper', 'mistral'];

let hub: HubServer;
let api: ExtensionApi;

type Item = vscode.QuickPickItem & { action?: string };

/** Stands in for the workbench's QuickPick so the test can type into it; the picker logic under test is the extension's own. */
class TypedQuickPick {
  title = '';
  placeholder = '';
  matchOnDescription = true;
  busy = false;
  value = '';
  items: readonly Item[] = [];
  activeItems: readonly Item[] = [];
  selectedItems: readonly Item[] = [];
  private hidden = false;
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly accepted = new vscode.EventEmitter<void>();
  private readonly hides = new vscode.EventEmitter<void>();
  readonly onDidChangeValue = this.changed.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hides.event;

  show(): void {}

  hide(): void {
    if (!this.hidden) {
      this.hidden = true;
      this.hides.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.accepted.dispose();
    this.hides.dispose();
  }

  /** Types `text` one letter at a time, as a user does. */
  async type(text: string): Promise<void> {
    for (const letter of text) {
      this.value += letter;
      this.changed.fire(this.value);
      await new Promise((resolve) => setTimeout(resolve, KEY_INTERVAL_MS));
    }
  }

  /** Enter on the highlighted row. */
  accept(): void {
    this.accepted.fire();
  }
}

/** Runs `fn` with `createQuickPick` answering TypedQuickPicks; returns them in creation order. */
async function withTypedPicks<T>(fn: (picks: TypedQuickPick[]) => Promise<T>): Promise<T> {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const saved = window.createQuickPick;
  const picks: TypedQuickPick[] = [];
  window.createQuickPick = (() => {
    const pick = new TypedQuickPick();
    picks.push(pick);
    return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  }) as typeof window.createQuickPick;
  try {
    return await fn(picks);
  } finally {
    window.createQuickPick = saved;
  }
}

/** The second hop of a `/resolve/` request: the Hub's own 307 to its resolve cache, not a request the extension chose. */
const isRedirectHop = (r: LoggedRequest) => r.path.startsWith('/api/resolve-cache/');

/**
 * What the extension asked the Hub for, by kind (webview image loads are the page's, not the extension's; redirect
 * hops follow from the request before them and are left out).
 */
function classify(requests: LoggedRequest[]): Record<'lists' | 'trees' | 'connections' | 'details' | 'readmes' | 'other', LoggedRequest[]> {
  const out = { lists: [] as LoggedRequest[], trees: [] as LoggedRequest[], connections: [] as LoggedRequest[], details: [] as LoggedRequest[], readmes: [] as LoggedRequest[], other: [] as LoggedRequest[] };
  for (const r of requests.filter((request) => !isRedirectHop(request))) {
    if (r.path === '/api/models' && new URLSearchParams(r.query).get('filter')?.startsWith('base_model:')) {
      out.trees.push(r);
    } else if (r.path === '/api/collections' || r.path.startsWith('/api/papers/')) {
      out.connections.push(r);
    } else if (/^\/api\/(models|datasets|spaces)$/.test(r.path)) {
      out.lists.push(r);
    } else if (/^\/api\/(models|datasets|spaces)\/[^/]+\/[^/]+(\/revision\/[^/]+)?$/.test(r.path)) {
      out.details.push(r);
    } else if (r.path.endsWith('/README.md')) {
      out.readmes.push(r);
    } else {
      out.other.push(r);
    }
  }
  return out;
}

const extensionRequests = () => {
  const c = classify(hub.requests);
  return [...c.lists, ...c.trees, ...c.connections, ...c.details, ...c.readmes, ...c.other.filter((r) => r.path.startsWith('/api/'))];
};

async function openCard(ref: { type: 'model'; id: string }): Promise<CardPanel> {
  await vscode.commands.executeCommand('huggingface.openCard', ref);
  const card = await waitFor(`the ${ref.id} card`, () => api.cards.get(ref));
  await card.loaded;
  return card;
}

suite('Request budget', function () {
  this.timeout(120_000);

  const fixture = withHub({
    cleanup: async () => {
      delete process.env.HF_HUB_OFFLINE;
      // The searches the session added are kept in workspace state: remove them.
      for (const node of (await api.trees.models.getChildren()).filter((c): c is QueryNode => c.kind === 'query' && c.origin === 'search')) {
        await api.views.removeSearch(node);
      }
      for (const card of api?.cards.all ?? []) {
        card.dispose();
      }
      // The session focused the three views; hidden again, the workbench stops listing them on its own after each
      // refresh, which would add requests the later suites do not make.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    },
  });
  suiteSetup(() => {
    ({ hub, api } = fixture);
  });

  let cardIds: string[] = [];

  test('a scripted session stays within its request budget and far under the anonymous rate limit', async () => {
    api.views.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    hub.clearRequests();
    const started = Date.now();

    // Three views opened, as the workbench renders them.
    for (const key of ['models', 'datasets', 'spaces'] as const) {
      await vscode.commands.executeCommand(`huggingface.${key}.focus`);
      assert.ok((await api.trees[key].getChildren()).some((c) => c.kind === 'repo'), `${key} lists repos`);
    }
    assert.equal(classify(hub.requests).lists.length, 3, 'one request per view');

    // Five searches typed letter by letter into the search QuickPick; Enter adds each to the view.
    const pickerRequests: number[] = [];
    await withTypedPicks(async (picks) => {
      for (const text of SEARCHES) {
        const before = classify(hub.requests).lists.length;
        const done = vscode.commands.executeCommand('huggingface.models.search');
        const pick = await waitFor('the search QuickPick', () => picks.at(-1)?.title ? picks.at(-1) : undefined);
        await pick.type(text);
        await waitFor(`results for "${text}"`, () => (!pick.busy && pick.items.length > 1 ? true : undefined), 10_000);
        pickerRequests.push(classify(hub.requests).lists.length - before);
        pick.accept();
        await done;
        const node = (await api.trees.models.getChildren()).find((c): c is QueryNode => c.kind === 'query' && c.label === `Search: ${text}`);
        assert.ok(node, `"Search: ${text}" is in the view`);
        await api.trees.models.getChildren(node);
        picks.length = 0;
      }
    });
    assert.deepEqual(pickerRequests, SEARCHES.map(() => 1), 'one QuickPick request per search, however many letters were typed');

    // Ten cards.
    const listed = api.trees.models.loaded.filter((r) => !r.gated && !r.private);
    cardIds = listed.slice(0, 10).map((r) => r.id);
    assert.equal(cardIds.length, 10);
    let withDerived = 0;
    const papers = new Set<string>();
    for (const id of cardIds) {
      const card = await openCard({ type: 'model', id });
      assert.equal(card.state.type, 'card', `${id}: ${JSON.stringify(card.state).slice(0, 200)}`);
      (card.state.type === 'card' ? (card.state.card.header.papers ?? []) : []).forEach((p) => papers.add(p.id));
      const total = card.state.type === 'card' ? card.state.card.header.derivedTotal : undefined;
      assert.equal(typeof total, 'number', `${id}: the Hub said how many models derive from it`);
      withDerived += total ? 1 : 0;
    }

    // Two "Load more…".
    for (let i = 0; i < 2; i++) {
      const children = await api.trees.models.getChildren();
      const more = children.at(-1) as LoadMoreNode;
      assert.equal(more.kind, 'loadMore');
      await vscode.commands.executeCommand('huggingface.loadMore', more);
    }

    const seconds = (Date.now() - started) / 1000;
    const counted = classify(hub.requests);
    const total = extensionRequests().length;
    // The Hub counts resolve-cache hops in its resolvers bucket, not the API bucket.
    const apiBucket = hub.requests.filter((r) => r.path.startsWith('/api/') && !isRedirectHop(r)).length;
    const summary = `lists ${counted.lists.length}, model trees ${counted.trees.length}, collections and papers ${counted.connections.length}, details ${counted.details.length}, READMEs ${counted.readmes.length}, other API ${total - counted.lists.length - counted.trees.length - counted.connections.length - counted.details.length - counted.readmes.length}; webview loads ${counted.other.filter((r) => !r.path.startsWith('/api/')).length}; ${seconds.toFixed(1)} s`;
    const budget = BUDGET + withDerived + cardIds.length + papers.size;
    console.log(`      request budget: ${total} of ${budget} (${summary})`);
    assert.ok(total <= budget, `${total} requests, over the budget of ${budget}: ${summary}`);
    assert.equal(counted.trees.length, withDerived, `one model tree count per card of a model others derive from: ${summary}`);
    assert.equal(counted.connections.length, cardIds.length + papers.size, `one collections request per card, one request per paper: ${summary}`);
    assert.equal(counted.lists.length, 3 + 5 * 2 + 2, `list requests: ${summary}`);
    assert.equal(counted.details.length, 10, 'one details request per card');
    assert.equal(counted.readmes.length, 10, 'one README request per card');
    assert.ok(apiBucket < ANONYMOUS_API_LIMIT, `${apiBucket} API requests, within the anonymous 500 per 5 minutes`);
    assert.ok(hub.requests.every((r) => !r.headers.authorization), 'anonymous session');
  });

  test('reopening a card makes one conditional request, answered 304', async () => {
    assert.ok(cardIds.length > 0, 'the session opened cards');
    const ref = { type: 'model' as const, id: cardIds[0] };
    const first = api.cards.get(ref);
    assert.ok(first, 'the card is open');
    const shown = first.state.type === 'card' ? first.state.card.readme : undefined;
    first.dispose();
    hub.clearRequests();
    const again = await openCard(ref);
    assert.equal(again.state.type, 'card');
    assert.deepEqual(again.state.type === 'card' ? again.state.card.readme : undefined, shown, 'the same README, from the cache');
    const requests = extensionRequests();
    assert.equal(requests.length, 1, requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', '));
    assert.ok(requests[0].headers.ifNoneMatch, 'the request is conditional');
    assert.equal(requests[0].status, 304);
  });

  test('with HF_HUB_OFFLINE=1 nothing is requested: cached cards show with a notice, lists and other cards say why they are empty', async () => {
    const ref = { type: 'model' as const, id: cardIds[1] };
    api.cards.get(ref)?.dispose();
    const repo = (await api.trees.datasets.getChildren()).find((c): c is RepoNode => c.kind === 'repo');
    assert.ok(repo, 'a listed dataset');
    process.env.HF_HUB_OFFLINE = '1';
    try {
      hub.clearRequests();
      const cached = await openCard(ref);
      assert.equal(cached.state.type, 'card');
      assert.match(cached.state.type === 'card' ? (cached.state.card.notice ?? '') : '', /^Offline \(HF_HUB_OFFLINE\): showing the copy fetched (just now|\d+m ago)\.$/);
      assert.equal(cached.state.type === 'card' && cached.state.card.readme.kind, 'text');

      const uncachedId = api.trees.models.loaded.find((r) => !cardIds.includes(r.id))?.id;
      assert.ok(uncachedId);
      const uncached = await openCard({ type: 'model', id: uncachedId });
      assert.equal(uncached.state.type, 'error');
      assert.match(uncached.state.type === 'error' ? uncached.state.message : '', /^Offline: HF_HUB_OFFLINE is set/);

      api.views.refresh('model');
      const rows = (await api.trees.models.getChildren()).filter((c) => c.kind !== 'query');
      assert.equal(rows.length, 1, 'one row in place of the list');
      assert.match(String(api.trees.models.getTreeItem(rows[0]).label), /^Offline: HF_HUB_OFFLINE is set/);

      const files = await api.trees.datasets.getChildren(repo);
      assert.match(String(api.trees.datasets.getTreeItem(files[0]).label), /^Offline: HF_HUB_OFFLINE is set/);

      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(hub.requests.map((r) => `${r.method} ${r.path}`), [], 'no request reached the Hub');
    } finally {
      delete process.env.HF_HUB_OFFLINE;
    }
    api.views.refresh('model');
    assert.ok((await api.trees.models.getChildren()).some((c) => c.kind === 'repo'), 'online again: the list loads');
  });
});
