// The dataset viewer in the editor, against the embedded Hub's viewer API: opened from the palette, a dataset row and
// a dataset card; its pages requested once each; every error state in place; gated with and without a token; offline.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ViewerPanel } from '../../src/webviews/viewer';
import type { ToViewer } from '../../src/viewer/protocol';
import { useToken, waitFor, withHub } from './helpers';

type Outcome = { opened: boolean; id?: string; reason?: string };

suite('Dataset viewer', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('huggingface');
  const fixture = withHub({
    cleanup: async () => {
      await closeViewers();
      await config().update('datasetViewer.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await config().update('datasetViewer.assetHost', undefined, vscode.ConfigurationTarget.Global);
      await useToken(undefined);
    },
  });

  suiteSetup(async () => {
    await config().update('datasetViewer.endpoint', `${fixture.hub.url}/datasets-server`, vscode.ConfigurationTarget.Global);
    await config().update('datasetViewer.assetHost', fixture.hub.url.replace('127.0.0.1', 'localhost'), vscode.ConfigurationTarget.Global);
  });
  teardown(async () => {
    fixture.hub.clearFaults();
    delete process.env.HF_HUB_OFFLINE;
    await closeViewers();
  });

  function viewerTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('huggingface.datasetViewer'));
  }

  async function closeViewers(): Promise<void> {
    for (let attempt = 0; attempt < 20 && (viewerTabs().length > 0 || fixture.api.viewers.all.length > 0); attempt++) {
      await vscode.window.tabGroups.close(viewerTabs());
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const viewerRequests = (endpoint: string) => fixture.hub.requests.filter((r) => r.path === `/datasets-server/${endpoint}`);
  const last = <T extends ToViewer['type']>(viewer: ViewerPanel, type: T) => viewer.sent.filter((m) => m.type === type).pop() as Extract<ToViewer, { type: T }> | undefined;

  async function open(arg: unknown): Promise<ViewerPanel> {
    const outcome = await vscode.commands.executeCommand<Outcome>('huggingface.openDatasetViewer', arg);
    assert.equal(outcome.opened, true, JSON.stringify(outcome));
    const viewer = await waitFor(`the viewer of ${outcome.id}`, () => fixture.api.viewers.get(outcome.id!));
    await viewer.loaded;
    return viewer;
  }

  /** Waits until the real page has shown the first rows (it says so once they are in its DOM). */
  async function shown(dataset: string): Promise<void> {
    await waitFor(`${dataset}'s first rows shown by the page`, () => (fixture.api.recentLog().lines.some((l) => l.includes(`Dataset viewer ${dataset}: first rows shown`)) ? true : undefined), 20_000);
  }

  test('opens from the palette with splits, sizes and the first rows, shown by the page', async () => {
    const viewer = await open('imdb');
    const dataset = last(viewer, 'dataset')!;
    assert.deepEqual(dataset.splits.map((s) => `${s.split}:${s.numRows}`), ['train:2500', 'test:2500', 'unsupervised:500']);
    assert.deepEqual(last(viewer, 'table')!.columns.map((c) => `${c.name}:${c.typeLabel}`), ['text:string', 'label:ClassLabel · 2']);
    await shown('imdb');
    const csp = /content="([^"]+)"/.exec(viewer.html)![1].split('; ');
    const assets = fixture.hub.url.replace('127.0.0.1', 'localhost');
    assert.ok(csp.find((d) => d.startsWith('img-src '))!.endsWith(` ${assets}`), csp.join('; '));
    assert.equal(csp.find((d) => d.startsWith('media-src ')), `media-src ${assets}`);
    assert.ok(csp.includes("connect-src 'none'") && csp.includes("trusted-types 'none'") && csp.includes("default-src 'none'"), csp.join('; '));
    // The same dataset again: the same panel.
    assert.equal(await open('imdb'), viewer);
  });

  test('opens from a dataset row and from the dataset card', async () => {
    const viewer = await open({ repo: { type: 'dataset', id: 'beans' } });
    assert.equal(last(viewer, 'table')!.columns[1].kind, 'image');
    await closeViewers();
    await vscode.commands.executeCommand('huggingface.openCard', { type: 'dataset', id: 'squad' });
    const card = await waitFor('the squad card', () => fixture.api.cards.get({ type: 'dataset', id: 'squad' }));
    await card.loaded;
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'openDatasetViewer' }), { accepted: true, did: 'opened the dataset viewer' });
    const fromCard = await waitFor('the squad viewer', () => fixture.api.viewers.get('squad'));
    await fromCard.loaded;
    assert.equal(last(fromCard, 'table')!.columns.find((c) => c.name === 'answers')!.kind, 'struct');
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'squad'));
  });

  test('requests each page once, none repeated, and scrolls to the end of 1,000,000 rows', async () => {
    fixture.hub.clearRequests();
    const viewer = await open('c4');
    const table = last(viewer, 'table')!;
    assert.equal(table.total, 1_000_000);
    assert.equal(viewerRequests('first-rows').length, 1);
    assert.equal(viewerRequests('rows').length, 0, 'the first page comes from /first-rows; /size gave the count');
    for (const page of [9_999, 9_999, 5_000, 9_999, 1, 1]) {
      await viewer.handleMessage({ type: 'page', key: table.key, page });
    }
    assert.deepEqual(viewerRequests('rows').map((r) => new URLSearchParams(r.query).get('offset')), ['999900', '500000', '100']);
    assert.equal(last(viewer, 'page')!.rows.length, 100);
    const end = viewer.sent.filter((m): m is Extract<ToViewer, { type: 'page' }> => m.type === 'page' && m.page === 9_999).pop();
    assert.equal(end?.rows.at(-1)?.idx, 999_999);
  });

  test('searches, filters with the server\'s error in place, copies a row and opens a cell read-only', async () => {
    const viewer = await open('imdb');
    await viewer.handleMessage({ type: 'search', query: 'dog' });
    assert.equal(last(viewer, 'table')!.mode, 'search');
    await viewer.handleMessage({ type: 'filter', where: 'length(text) > 3', orderby: '' });
    assert.equal(last(viewer, 'problem')!.problem.kind, 'badRequest');
    assert.match(last(viewer, 'problem')!.problem.message, /Parameter 'where' is invalid/);
    await viewer.handleMessage({ type: 'filter', where: '"label"=1', orderby: '' });
    const key = last(viewer, 'table')!.key;
    assert.deepEqual(await viewer.handleMessage({ type: 'copyRow', key, row: 0 }), { accepted: true, did: 'copied the row' });
    assert.equal((JSON.parse(await vscode.env.clipboard.readText()) as { label: number }).label, 1);
    assert.deepEqual(await viewer.handleMessage({ type: 'openCell', key, row: 0, column: 0 }), { accepted: true, did: 'opened the cell' });
    const doc = await waitFor('the cell document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'hf-dataset-cell'));
    assert.match(doc.getText(), /^Review \d+:/);
    assert.deepEqual(await viewer.handleMessage({ type: 'openCell', key: 'forged', row: 0, column: 0 }), { accepted: false, reason: 'no such cell' });
    assert.deepEqual(await viewer.handleMessage({ type: 'runCommand', command: 'workbench.action.quit' }), { accepted: false, reason: 'not a viewer message' });
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  test('says every error state in place, with Retry where it may help', async () => {
    const kinds: Record<string, string> = {};
    for (const dataset of ['oscar', 'the_pile', 'hub-test/no-such-dataset']) {
      const viewer = await open(dataset);
      kinds[dataset] = last(viewer, 'problem')!.problem.kind;
    }
    fixture.hub.inject({ match: '/datasets-server/splits?dataset=beans', status: 429, retryAfter: 3600 });
    const limited = await open('beans');
    kinds.beans = last(limited, 'problem')!.problem.kind;
    assert.deepEqual(kinds, { oscar: 'processing', the_pile: 'notValid', 'hub-test/no-such-dataset': 'signIn', beans: 'rateLimited' });
    assert.match(last(await open('the_pile'), 'problem')!.problem.message, /Cannot load the dataset split/);
    fixture.hub.clearFaults();
    assert.deepEqual(await limited.handleMessage({ type: 'action', action: 'retry' }), { accepted: true, did: 'retried' });
    assert.equal(last(limited, 'table')!.total, 60);
  });

  test('a gated dataset: Sign in without a token; with one, the token goes only after the viewer asked', async () => {
    const signedOut = await open('imagenet-1k');
    assert.equal(last(signedOut, 'problem')!.problem.kind, 'signIn');
    await closeViewers();
    await useToken(fixture.server.TEST_TOKENS.stranger);
    assert.equal(last(await open('imagenet-1k'), 'problem')!.problem.kind, 'noAccess');
    await closeViewers();
    await useToken(fixture.server.TEST_TOKENS.hubTest);
    fixture.hub.clearRequests();
    const viewer = await open('imagenet-1k');
    assert.equal(last(viewer, 'table')!.total, 30);
    const auth = fixture.hub.requests.filter((r) => r.path.startsWith('/datasets-server/')).map((r) => `${r.path.slice('/datasets-server/'.length)}:${r.headers.authorization}`);
    assert.ok(auth[0].endsWith(':false'), auth.join(' '));
    assert.ok(auth.slice(auth.findIndex((a) => a.endsWith(':true'))).every((a) => a.endsWith(':true')), auth.join(' '));
    await closeViewers();
    fixture.hub.clearRequests();
    await open('imdb');
    assert.ok(fixture.hub.requests.filter((r) => r.path.startsWith('/datasets-server/')).every((r) => !r.headers.authorization), 'a public dataset never gets the token');
    await useToken(undefined);
  });

  test('offline: nothing is requested, the viewer says so with Retry', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    fixture.hub.clearRequests();
    const viewer = await open('squad');
    assert.deepEqual(last(viewer, 'problem')!.problem, { ...last(viewer, 'problem')!.problem, kind: 'offline', retryable: true });
    assert.equal(fixture.hub.requests.filter((r) => r.path.startsWith('/datasets-server/')).length, 0);
    delete process.env.HF_HUB_OFFLINE;
    await viewer.handleMessage({ type: 'action', action: 'retry' });
    assert.equal(last(viewer, 'table')!.total, 300);
  });

  test('hostile rows reach the page as capped text, and images only from the asset host', async () => {
    fixture.hub.clearRequests();
    const viewer = await open('tweet_eval');
    const page = last(viewer, 'page')!;
    const texts = page.rows.map((r) => r.cells[0]);
    assert.ok(texts.every((c) => c.k === 'text' && c.text.length <= 400 && !/[\u202A-\u202E\u2066-\u2069]/.test(c.text)));
    assert.deepEqual(page.rows.slice(0, 5).map((r) => r.cells[1].k), ['blocked', 'blocked', 'blocked', 'blocked', 'image']);
    await shown('tweet_eval');
    // What the page loaded from the embedded Hub: the viewer API and the one allowed image, nothing else.
    const other = fixture.hub.requests.filter((r) => !r.path.startsWith('/datasets-server/') && !r.path.startsWith('/datasets-server-assets/') && !r.path.startsWith('/api/'));
    assert.deepEqual(other.map((r) => r.path), []);
  });
});
