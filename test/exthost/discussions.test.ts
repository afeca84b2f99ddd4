// Discussions and pull requests in a real VS Code, against the embedded Hub: the picker pages with one request per
// page, a thread opens in its own panel (revealed, not duplicated), a hostile thread's page has no script of its own and
// a nonce CSP, errors (a missing repo, offline) are shown in place, and the token goes only to the Hub.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DiscussionPicker } from '../../src/discussions/host';
import { useToken, waitFor, withHub } from './helpers';

const RICH = { type: 'model' as const, id: 'kestrel-labs/Kestrel-2-7B-Instruct' };
const MANY = { type: 'model' as const, id: 'openai-community/gpt2' };
const HOSTILE = { type: 'model' as const, id: 'DeepPavlov/rubert-base-cased' };

suite('Discussions', function () {
  this.timeout(60_000);
  const fx = withHub({
    cleanup: async () => {
      await closeAll();
      await useToken(undefined);
    },
  });

  setup(async () => {
    await useToken(fx.server.TEST_TOKENS.hubTest);
    fx.hub.clearRequests();
  });
  teardown(async () => {
    fx.hub.clearFaults();
    await closeAll();
  });

  async function closeAll(): Promise<void> {
    fx.api?.discussions.picker?.dispose();
    for (let i = 0; i < 20 && (vscode.window.tabGroups.all.some((g) => g.tabs.length > 0) || (fx.api?.discussions.all.length ?? 0) > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function show(arg: unknown): Promise<DiscussionPicker> {
    const picker = await vscode.commands.executeCommand<DiscussionPicker | undefined>('huggingface.showDiscussions', arg);
    assert.ok(picker, 'the picker opened');
    await picker.loaded;
    return picker;
  }

  /** The state's type, read afresh (a load in between changes it). */
  const stateType = (panel: { state: { type: string } }): string => panel.state.type;

  const listRequests = (id: string) => fx.hub.requests.filter((r) => r.path.startsWith(`/api/models/${id}/discussions`) && !/\/discussions\/\d/.test(r.path));

  test('lists 120 threads in pages of 50, one request per page, with "Load more…" until the end', async () => {
    const picker = await show({ repo: MANY });
    assert.equal(picker.threads.length, 50);
    assert.equal(listRequests(MANY.id).length, 1);
    assert.ok(picker.labels[picker.labels.length - 1].includes('Load more…'), picker.labels.slice(-1)[0]);
    assert.match(picker.quickPick.items[0].description ?? '', /^#120 · [a-z-]+ · (Open|Closed|Merged) · (Pull request|Discussion)$/);
    assert.match(picker.quickPick.items[0].detail ?? '', /^\d+ comments? · \d+(d|mo|y)$/);
    const more = picker.quickPick.items.find((r) => r.row === 'more');
    assert.ok(more);
    picker.accept(more);
    picker.accept(more); // a second choice while the page loads asks for nothing more
    await picker.loaded;
    assert.equal(picker.threads.length, 100);
    await picker.loadMore();
    assert.equal(picker.threads.length, 120);
    assert.deepEqual(picker.pages, [0, 1, 2]);
    assert.equal(listRequests(MANY.id).length, 3);
    assert.ok(!picker.labels.some((l) => l.includes('Load more')), 'no more pages');
    assert.equal(new Set(picker.threads.map((t) => t.num)).size, 120);
  });

  test('opens a thread in a panel with every event, once per repo and number, and the Hub page to reply', async () => {
    const picker = await show(RICH);
    assert.equal(picker.threads[0].num, 1, 'the pinned thread first');
    const panel = picker.choose(2);
    assert.ok(panel);
    await panel.loaded;
    const state = panel.state;
    assert.equal(state.type, 'thread', JSON.stringify(state).slice(0, 300));
    assert.ok(state.type === 'thread');
    assert.equal(state.thread.status, 'merged');
    assert.deepEqual(
      state.thread.events.map((e) => e.kind),
      ['comment', 'commit', 'comment', 'status'],
    );
    assert.equal(panel.hubUrl, `${fx.hub.url}/kestrel-labs/Kestrel-2-7B-Instruct/discussions/2`);
    assert.match(panel.html, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.ok(panel.html.includes('discussion.js'));
    const again = (await show(RICH)).choose(2);
    assert.equal(again, panel, 'the open panel is revealed');
    assert.equal(fx.api.discussions.all.length, 1);
    assert.deepEqual(panel.handleMessage({ type: 'ready' }), { accepted: true, did: 'sent the thread' });
    assert.equal(panel.handleMessage({ type: 'action', action: 'runCommand' }).accepted, false);
    assert.equal(panel.handleMessage({ type: 'openLink', href: 'command:workbench.action.quit' }).accepted, false);
    const requests = fx.hub.requests.filter((r) => r.path.includes('/discussions'));
    assert.ok(requests.every((r) => r.headers.authorization), 'the Hub gets the token');
    assert.ok(!requests.some((r) => r.path.includes('/diff') || r.path.includes('/files')), 'the diff is not fetched');
    assert.ok(fx.hub.cdnRequests.every((r) => !r.headers.authorization));
  });

  test('a thread’s tab is restored after a reload from the {type, id, num} its page kept; any other state is closed', async () => {
    const restored = vscode.window.createWebviewPanel('huggingface.discussion', 'restored', vscode.ViewColumn.Active);
    await fx.api.discussions.serializer().deserializeWebviewPanel(restored, { ...RICH, num: 2 });
    const panel = await waitFor('the adopted panel', () => fx.api.discussions.all.find((p) => p.panel === restored));
    await panel.loaded;
    assert.ok(panel.state.type === 'thread', JSON.stringify(panel.state).slice(0, 300));
    assert.equal(panel.state.thread.num, 2);
    assert.match(panel.html, /script-src 'nonce-/);
    assert.ok(restored.webview.options.enableScripts, 'the restored panel runs its page script');

    for (const state of [{ ...RICH, num: 0 }, { ...RICH, id: '../x', num: 2 }, { type: 'bucket', id: RICH.id, num: 2 }, { ...RICH, num: 2, extra: '<script>' }.extra, undefined]) {
      const other = vscode.window.createWebviewPanel('huggingface.discussion', 'stale', vscode.ViewColumn.Active);
      let closed = false;
      other.onDidDispose(() => (closed = true));
      await fx.api.discussions.serializer().deserializeWebviewPanel(other, state);
      assert.ok(closed, `closed for ${JSON.stringify(state)}`);
    }
    assert.equal(fx.api.discussions.all.length, 1);
  });

  test('a thread with hidden and edited comments, and a dataset’s threads', async () => {
    const picker = await show({ type: 'dataset', id: 'ag_news' });
    assert.equal(picker.threads.length, 5);
    const panel = picker.choose(1);
    assert.ok(panel);
    await panel.loaded;
    assert.ok(panel.state.type === 'thread');
    const comments = panel.state.thread.events.filter((e) => e.kind === 'comment');
    assert.ok(comments.some((c) => c.hidden && c.text === ''));
    assert.ok(comments.some((c) => c.edited));
    assert.equal(panel.hubUrl, `${fx.hub.url}/datasets/ag_news/discussions/1`);
  });

  test('a hostile thread: titles without bidi controls, the page’s only scripts carry the nonce', async () => {
    const picker = await show(HOSTILE);
    assert.ok(picker.labels.every((l) => !/[\u202A-\u202E\u2066-\u2069]/.test(l)));
    for (const num of [1, 2, 3]) {
      const panel = (num === 1 ? picker : await show(HOSTILE)).choose(num);
      assert.ok(panel);
      await panel.loaded;
      assert.equal(panel.state.type, 'thread');
      const scripts = [...panel.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.equal(scripts.length, 2);
      assert.ok(scripts.every((s) => /nonce="[A-Za-z0-9+/=]+"/.test(s) && /src="[^"]+\/dist\/webview\/(toolkit|discussion)\.js"/.test(s)), scripts.join('\n'));
      assert.ok(!panel.html.includes('onerror'), 'no Hub text is in the HTML: it goes to the page as data');
      assert.ok(!JSON.stringify(panel.state).includes('hub html'), 'the Hub’s html field is never sent');
    }
    const big = fx.api.discussions.all.find((p) => p.num === 3);
    assert.ok(big?.state.type === 'thread' && big.state.thread.events.some((e) => e.kind === 'comment' && e.cut));
  });

  test('errors are shown in place: a missing repo in the list with Retry, a failed page retried, offline in the list and the panel', async () => {
    const picker = await show({ type: 'model', id: 'nobody/not-a-repo' });
    assert.ok(picker.problem, 'the failure is kept');
    assert.ok(picker.labels.some((l) => l.startsWith('$(error)')), picker.labels.join('\n'));
    assert.ok(picker.labels.includes('$(refresh) Retry'));
    assert.equal(picker.threads.length, 0);
    picker.dispose();

    fx.hub.inject({ match: `/api/models/${RICH.id}/discussions`, status: 503, times: 1, body: { error: 'Service Unavailable' } });
    const retry = await show(RICH);
    if (retry.problem) {
      const row = retry.quickPick.items.find((r) => r.row === 'retry');
      assert.ok(row);
      retry.accept(row);
      await retry.loaded;
    }
    assert.equal(retry.problem, undefined);
    assert.equal(retry.threads.length, 5);

    const panel = retry.choose(1);
    assert.ok(panel);
    await panel.loaded;
    assert.equal(panel.state.type, 'thread');

    process.env.HF_HUB_OFFLINE = '1';
    try {
      const offline = await show(MANY);
      assert.ok(offline.problem, 'offline is said in the list');
      assert.ok(offline.labels.includes('$(refresh) Retry'));
      await panel.load();
      assert.equal(stateType(panel), 'error');
    } finally {
      delete process.env.HF_HUB_OFFLINE;
    }
    await panel.load();
    assert.equal(stateType(panel), 'thread');
  });

  test('the command is on repo rows and in the palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('huggingface.showDiscussions'));
    await waitFor('the extension', () => fx.api.discussions);
  });
});
