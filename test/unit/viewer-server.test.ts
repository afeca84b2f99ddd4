// The embedded dataset viewer against the shapes of the real API (key sets learnt from its documented examples), and
// the viewer client and session against it: problems in place, the token only when needed, one request per page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ViewerClient, ViewerProblem } from '../../src/viewer/client';
import { resolveViewer } from '../../src/viewer/endpoint';
import type { ToViewer } from '../../src/viewer/protocol';
import { PAGE_CACHE_PAGES, ViewerSession } from '../../src/viewer/session';
import { SPECIAL_REPOS, startHubServer, TEST_TOKENS, type HubServer } from '../hub-server/server.mjs';

let hub: HubServer;
let api: string;
let assets: string;

before(async () => {
  hub = await startHubServer({ port: 0, quiet: true });
  api = `${hub.url}/datasets-server`;
  assets = hub.url.replace('127.0.0.1', 'localhost');
});
after(() => hub.close());
afterEach(() => {
  hub.clearFaults();
  hub.clearRequests();
});

async function get(path: string, token?: string): Promise<{ status: number; code: string | null; body: Record<string, unknown> }> {
  const response = await fetch(`${api}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, code: response.headers.get('x-error-code'), body: (await response.json()) as Record<string, unknown> };
}

const keys = (o: unknown) => Object.keys(o as object).sort();

/** A client of the embedded viewer with short waits; `hubEndpoint` decides the token rule. */
function client(token?: string, options: { hubEndpoint?: string } = {}): ViewerClient {
  const viewer = { ...resolveViewer(options.hubEndpoint ?? hub.url, api, assets) };
  return new ViewerClient({ viewer, token: () => token, baseDelayMs: 1, maxDelayMs: 5 });
}

const viewerRequests = () => hub.requests.filter((r) => r.path.startsWith('/datasets-server/'));

describe('embedded dataset viewer: shapes', () => {
  it('answers /first-rows, /rows, /search and /filter as the real viewer does', async () => {
    const first = await get('/first-rows?dataset=beans&config=default&split=train');
    assert.deepEqual(keys(first.body), ['config', 'dataset', 'features', 'rows', 'split', 'truncated']);
    const rows = first.body.rows as { row: Record<string, unknown> }[];
    assert.deepEqual(keys(rows[0]), ['row', 'row_idx', 'truncated_cells']);
    assert.deepEqual(keys(rows[0].row.image), ['height', 'src', 'width']);
    assert.ok(String((rows[0].row.image as { src: string }).src).startsWith(`${assets}/`));
    for (const path of ['/rows?dataset=c4&config=en&split=train&offset=999990&length=100', '/search?dataset=imdb&config=plain_text&split=train&query=dog&length=3', '/filter?dataset=squad&config=plain_text&split=train&where=%22is_impossible%22%3Dtrue&orderby=id%20DESC&length=2']) {
      const page = await get(path);
      assert.equal(page.status, 200, path);
      assert.deepEqual(keys(page.body), ['features', 'num_rows_per_page', 'num_rows_total', 'partial', 'rows'], path);
    }
    const end = await get('/rows?dataset=c4&config=en&split=train&offset=999990&length=100');
    assert.equal((end.body.rows as unknown[]).length, 10);
    assert.equal(end.body.num_rows_total, 1_000_000);
    const audio = await get('/first-rows?dataset=librispeech_asr&config=clean&split=validation');
    assert.deepEqual(keys(((audio.body.rows as { row: { audio: unknown[] } }[])[0].row.audio)[0]), ['src', 'type']);
  });

  it('answers /splits, /size, /is-valid and /statistics in their shapes', async () => {
    assert.deepEqual(keys((await get('/splits?dataset=imdb')).body), ['failed', 'pending', 'splits']);
    const size = await get('/size?dataset=imdb');
    assert.deepEqual(keys(size.body), ['failed', 'partial', 'pending', 'size']);
    assert.deepEqual(keys((size.body.size as object)), ['configs', 'dataset', 'splits']);
    assert.deepEqual(keys((await get('/is-valid?dataset=imdb')).body), ['filter', 'preview', 'search', 'statistics', 'viewer']);
    const stats = await get('/statistics?dataset=squad&config=plain_text&split=validation');
    assert.deepEqual(keys(stats.body), ['num_examples', 'partial', 'statistics']);
    const columns = stats.body.statistics as { column_type: string; column_statistics: object }[];
    assert.deepEqual(keys(columns.find((c) => c.column_type === 'bool')!.column_statistics), ['frequencies', 'nan_count', 'nan_proportion']);
    assert.deepEqual(keys(columns.find((c) => c.column_type === 'string_text')!.column_statistics), ['histogram', 'max', 'mean', 'median', 'min', 'nan_count', 'nan_proportion', 'std']);
  });

  it('refuses as the real viewer does', async () => {
    assert.deepEqual([(await get('/splits?dataset=nobody/nothing')).status, (await get('/splits?dataset=nobody/nothing')).code], [401, 'ExternalUnauthenticatedError']);
    assert.equal((await get('/splits?dataset=nobody/nothing', TEST_TOKENS.hubTest)).code, 'ExternalAuthenticatedError');
    assert.equal((await get(`/splits?dataset=${SPECIAL_REPOS.gatedDataset}`, TEST_TOKENS.stranger)).status, 404);
    assert.equal((await get(`/splits?dataset=${SPECIAL_REPOS.gatedDataset}`, TEST_TOKENS.hubTest)).status, 200);
    assert.equal((await get('/first-rows?config=a&split=b')).status, 422);
    assert.equal((await get('/rows?dataset=imdb&config=plain_text&split=train&length=101')).status, 422);
    const where = await get('/filter?dataset=squad&config=plain_text&split=train&where=length(title)%3E3');
    assert.deepEqual([where.status, where.body.error], [422, "Parameter 'where' is invalid"]);
    assert.equal((await get('/first-rows?dataset=oscar&config=a&split=b')).code, 'ResponseNotReady');
    assert.deepEqual(keys((await get('/first-rows?dataset=the_pile&config=a&split=b')).body), ['cause_exception', 'cause_message', 'error']);
  });
});

describe('viewer client', () => {
  it('says the server\'s reason in place, by kind', async () => {
    const kinds = async (run: () => Promise<unknown>) => run().then(() => 'ok', (e: unknown) => (e instanceof ViewerProblem ? `${e.kind}: ${e.message}` : String(e)));
    assert.match(await kinds(() => client().splits('the_pile')), /^notValid: .*Cannot load the dataset split/);
    assert.match(await kinds(() => client().splits('oscar')), /^processing: /);
    assert.match(await kinds(() => client().splits('nobody/nothing')), /^signIn: /);
    assert.match(await kinds(() => client(TEST_TOKENS.stranger).splits(SPECIAL_REPOS.gatedDataset)), /^noAccess: /);
    assert.match(await kinds(() => client().filter('squad', { config: 'plain_text', split: 'train' }, 'nope(', '', 0, 10)), /^badRequest: .*'where' is invalid/);
    hub.inject({ match: '/datasets-server/splits', status: 429, retryAfter: 3600 });
    assert.match(await kinds(() => client().splits('imdb')), /^rateLimited: /);
    hub.clearFaults();
    hub.inject({ match: '/datasets-server/', reset: true });
    assert.match(await kinds(() => client().splits('imdb')), /^offline: /);
  });

  it('sends the token only after a 401, and only to a viewer of the same deployment', async () => {
    const public_ = client(TEST_TOKENS.hubTest);
    await public_.splits('imdb');
    assert.deepEqual(viewerRequests().map((r) => r.headers.authorization), [false]);
    hub.clearRequests();
    const gated = client(TEST_TOKENS.hubTest);
    assert.equal((await gated.splits(SPECIAL_REPOS.gatedDataset))[0].split, 'validation');
    await gated.isValid(SPECIAL_REPOS.gatedDataset);
    assert.deepEqual(viewerRequests().map((r) => r.headers.authorization), [false, true, true]);
    hub.clearRequests();
    // The embedded Hub stands in for huggingface.co here: its viewer is set by hand, so it is not of the same deployment.
    const mirror = client(TEST_TOKENS.hubTest, { hubEndpoint: 'https://huggingface.co' });
    await assert.rejects(mirror.splits(SPECIAL_REPOS.privateDataset), (e: unknown) => e instanceof ViewerProblem && e.kind === 'signIn');
    assert.deepEqual(viewerRequests().map((r) => r.headers.authorization), [false]);
  });
});

describe('viewer session', () => {
  function session(dataset: string, state: { config?: string; split?: string } = {}) {
    const sent: ToViewer[] = [];
    const s = new ViewerSession({ client: client(), assetOrigin: assets, post: (m) => sent.push(m) }, { dataset, ...state });
    return { s, sent, last: <T extends ToViewer['type']>(type: T) => sent.filter((m) => m.type === type).pop() as Extract<ToViewer, { type: T }> | undefined };
  }

  it('shows splits with sizes, then the first rows, and pages each page with one request, none repeated', async () => {
    const { s, last } = session('c4');
    await s.load();
    const dataset = last('dataset')!;
    assert.deepEqual(dataset.splits.map((x) => [x.split, x.numRows]), [['train', 1_000_000], ['validation', 10_000]]);
    const table = last('table')!;
    assert.equal(table.total, 1_000_000);
    assert.equal(last('page')!.rows.length, 100);
    hub.clearRequests();
    await Promise.all([s.page(table.key, 9_999), s.page(table.key, 9_999), s.page(table.key, 5_000)]);
    await s.page(table.key, 9_999);
    await s.page(table.key, 10_000); // past the end: nothing
    assert.deepEqual(viewerRequests().map((r) => new URLSearchParams(r.query).get('offset')), ['999900', '500000']);
    assert.equal(last('page')!.rows.at(-1)!.idx, 999_999);
  });

  it('holds a bounded number of pages however far it scrolls', async () => {
    const { s, last } = session('c4');
    await s.load();
    const key = last('table')!.key;
    for (let p = 1; p <= PAGE_CACHE_PAGES + 20; p++) {
      await s.page(key, p * 97);
    }
    assert.equal(s.heldPages, PAGE_CACHE_PAGES);
  });

  it('searches, filters, opens a cut cell in full and shows a problem with Retry', async () => {
    const { s, last, sent } = session('imdb');
    await s.load();
    await s.search('dog');
    assert.equal(last('table')!.mode, 'search');
    assert.ok(last('page')!.rows.every((r) => r.cells[0].k === 'text' && r.cells[0].text.toLowerCase().includes('dog')));
    await s.filter('label=1', '');
    assert.ok(last('page')!.rows.every((r) => r.cells[1].k === 'label' && r.cells[1].id === 1));
    await s.filter('nope(', '');
    assert.equal(last('problem')!.problem.kind, 'badRequest');
    const before = sent.length;
    await s.retryLast();
    assert.equal(sent.length > before, true);
    const hostile = session('tweet_eval');
    await hostile.s.load();
    const page = hostile.last('page')!;
    // Row 7 has a 10 MB cell: /first-rows cut it, the table shows 400 characters, the cell opens in full from /rows.
    assert.equal(page.rows[7].cells[0].cut, true);
    const cell = await hostile.s.cell(hostile.last('table')!.key, 7, 0);
    assert.ok(cell && cell.text.length > 10_000_000);
    assert.deepEqual(page.rows.map((r) => r.cells[1].k).slice(0, 5), ['blocked', 'blocked', 'blocked', 'blocked', 'image']);
  });

  it('loads a gated dataset with the token, the requests sent at once each trying again after the 401', async () => {
    const sent: ToViewer[] = [];
    const s = new ViewerSession({ client: client(TEST_TOKENS.hubTest), assetOrigin: assets, post: (m) => sent.push(m) }, { dataset: SPECIAL_REPOS.gatedDataset });
    await s.load();
    assert.equal(sent.filter((m) => m.type === 'problem').length, 0, JSON.stringify(sent.filter((m) => m.type === 'problem')));
    assert.equal(s.table?.total, 30);
  });

  it('says a dataset-level problem', async () => {
    const { s, last } = session('oscar');
    await s.load();
    assert.equal(last('problem')!.scope, 'dataset');
    assert.equal(last('problem')!.problem.kind, 'processing');
  });
});
