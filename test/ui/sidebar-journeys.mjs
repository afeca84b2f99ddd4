// UI journeys through the sidebar's list views (Models, Datasets, Spaces): browsing, "Load more…", search,
// sort and filters, and an error row with Retry. They run after ./journeys.mjs in the same window, each sets
// up the panes it needs and undoes what it changes in the extension (searches, sort, filters, Hub faults).
// `ctx` is { page, hub, shot }: `shot(label, page?)` saves a screenshot along the way (see run.mjs).
// Expected rows come from replaying the extension's own requests against the embedded Hub.
import assert from 'node:assert/strict';
import {
  allTreeRows,
  clickViewAction,
  collapsePane,
  expandPane,
  openViewContainer,
  pane,
  paneDescription,
  pickQuickPickItem,
  quickPickItems,
  runCommand,
  treeRows,
  waitForQuickInput,
  webviewHeadings,
  widenSideBar,
} from './workbench.mjs';

const LIST_VIEWS = ['Models', 'Datasets', 'Spaces'];
const COLLECTION = { Models: 'models', Datasets: 'datasets', Spaces: 'spaces' };
const LOAD_MORE = 'Load more…';
/** Wide enough for "owner/name  task · 1.2M ↓ · 3.4k ♥ · 2d" on one row. */
const SIDEBAR_WIDTH = 640;

/** Opens the Hugging Face container, wide, with exactly these list views expanded. */
async function showViews(page, expanded) {
  await openViewContainer(page, 'Hugging Face');
  await widenSideBar(page, SIDEBAR_WIDTH);
  for (const view of LIST_VIEWS) {
    if (expanded.includes(view)) await expandPane(page, view);
    else await collapsePane(page, view);
  }
}

/**
 * Polls `probe()` until `ready(value)` holds; returns the value, or throws with the last one seen.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {string} what
 * @param {() => Promise<T>} probe
 * @param {(value: T) => boolean} ready
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function until(page, what, probe, ready, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: never happened; last seen: ${JSON.stringify(value)}`);
    await page.waitForTimeout(150);
  }
}

/**
 * A view's rendered rows once `ready(rows)` accepts them and they have settled: the same in two polls in a row,
 * one row per index (while the tree re-renders, rows on their way out can share an index with new ones).
 */
async function waitForTree(page, view, ready, timeout) {
  let previous = '';
  return until(
    page,
    `"${view}" rows`,
    () => treeRows(page, view),
    (rows) => {
      const settled = JSON.stringify(rows) === previous && new Set(rows.map((row) => row.index)).size === rows.length;
      previous = JSON.stringify(rows);
      return settled && ready(rows);
    },
    timeout,
  );
}

/** True once a list view shows repo rows (not just a progress bar, an error or "Load more…"). */
const listed = (rows) => rows.some((row) => row.level === 1 && row.description && row.description !== 'Retry');

const repoRows = (rows) => rows.filter((row) => row.level === 1 && row.label !== LOAD_MORE && row.description !== 'Retry');
const labels = (rows) => rows.map((row) => row.label);

/** Marks this file's own replays in the Hub's request log (the Hub ignores parameters it does not know). */
const REPLAY = 'ui-test-replay';

/** The extension's finished requests for a list (`/api/models`, …), oldest first, from `since` on. */
function listRequests(hub, collection, since = 0) {
  return hub.requests
    .slice(since)
    .filter((r) => r.method === 'GET' && r.path === `/api/${collection}` && r.status === 200 && !new URLSearchParams(r.query).has(REPLAY));
}

/** The latest request the extension made for the first page of a view's own list (no cursor, no search). */
function lastFirstPage(hub, collection) {
  const request = listRequests(hub, collection)
    .filter((r) => !/(^|&)(cursor|search)=/.test(r.query))
    .at(-1);
  assert.ok(request, `the extension requested /api/${collection} (requests: ${JSON.stringify(hub.requests.map((r) => r.path))})`);
  return request;
}

/** What the Hub answers to one of the extension's requests: repos (wire JSON), ids, and whether more follow. */
async function replay(hub, request) {
  const response = await fetch(`${hub.url}${request.path}?${request.query}&${REPLAY}=1`);
  assert.equal(response.status, 200, `replaying ${request.path}?${request.query}`);
  const repos = await response.json();
  return { repos, ids: repos.map((repo) => repo.id), hasMore: /rel="next"/.test(response.headers.get('link') ?? '') };
}

/**
 * The extension's compact figures (src/hub/format.ts): 1234 → "1.2k".
 * @param {number} n
 */
function compact(n) {
  for (const [size, suffix] of /** @type {[number, string][]} */ ([
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ])) {
    if (n >= size) {
      const value = n / size;
      return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10}${suffix}`;
    }
  }
  return String(Math.round(n));
}

/** Facts a row's description must show for a repo of this view: task / SDK, downloads, likes. */
function facts(view, repo) {
  return [
    view === 'Models' ? repo.pipeline_tag : undefined,
    view === 'Spaces' ? repo.sdk : undefined,
    view !== 'Spaces' && repo.downloads !== undefined ? `${compact(repo.downloads)} ↓` : undefined,
    `${compact(repo.likes ?? 0)} ♥`,
  ].filter(Boolean);
}

/** Waits for a quick pick's results (rows other than `isOwn` ones) and returns the rendered rows. */
const waitForResults = (page, what, isOwn) =>
  until(page, what, () => quickPickItems(page), (items) => items.some((item) => !isOwn(item.label)));

/** Moves the quick pick's keyboard focus to the row labelled `label`, as a keyboard user would. */
async function focusQuickPickItem(page, label) {
  for (let step = 0; step < 50; step++) {
    const items = await quickPickItems(page);
    const focused = items.findIndex((item) => item.focused);
    const target = items.findIndex((item) => item.label === label);
    assert.ok(target >= 0, `no quick pick row "${label}"`);
    if (focused === target) {
      return;
    }
    await page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
  }
  assert.fail(`could not focus the quick pick row "${label}"`);
}

/**
 * Chooses a search result with the keyboard and checks that its card opens: a tab named after the repo whose webview
 * shows the repo id as its heading. The card is closed again.
 */
async function pickAndExpectCard(page, hub, shot, id) {
  await focusQuickPickItem(page, id);
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab', { hasText: id });
  await tab.waitFor({ timeout: 10_000 });
  await until(page, `the card of ${id} shows its id`, () => webviewHeadings(page), (headings) => headings.includes(id));
  await shot('search-result-card');
  await runCommand(page, 'View: Close Editor');
  await tab.waitFor({ state: 'hidden' });
}

/** Runs "Sort Models…" and picks a sort by its label. */
async function sortModels(page, label) {
  await runCommand(page, 'Hugging Face: Sort Models…', { opens: 'Sort models' });
  await pickQuickPickItem(page, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Waits until Models shows `description` and the first page of its latest request (checked by `request`). */
/**
 * @param {import('playwright-core').Page} page
 * @param {any} hub
 * @param {string} description
 * @param {(query: URLSearchParams) => boolean} [request]
 */
async function waitForModels(page, hub, description, request = () => true) {
  await until(page, `Models' description "${description}"`, () => paneDescription(page, 'Models'), (d) => d === description);
  const { rows, expected } = await until(
    page,
    `Models lists the Hub's answer for "${description}"`,
    async () => {
      const latest = hub.requests.some((r) => r.path === '/api/models') && lastFirstPage(hub, 'models');
      if (!latest || !request(new URLSearchParams(latest.query))) return { rows: [], expected: [] };
      return { rows: repoRows(await treeRows(page, 'Models')), expected: (await replay(hub, latest)).ids };
    },
    ({ rows, expected }) => rows.length > 0 && rows.every((row) => row.label === expected[row.index]),
  );
  return { rows, expected };
}

/**
 * Searches models twice from the palette: picks a "bert" result (its Hub page opens), then adds "gpt" to the view
 * with the 'Show all …' row and checks the "Search: gpt" node lists the Hub's matches.
 */
async function searchModels(page, hub, shot, isOwn) {
  await runCommand(page, 'Hugging Face: Search Models…', { opens: 'Search models on the Hub' });
  await page.keyboard.type('bert');
  const bert = (await waitForResults(page, 'results for "bert"', isOwn)).filter((item) => !isOwn(item.label));
  for (const item of bert) assert.match(item.label, /bert/i, `result ${item.label} matches "bert"`);
  assert.ok(bert.every((item) => /♥/.test(item.description)), `results show their facts: ${JSON.stringify(bert)}`);
  await shot('search-bert-results');
  await pickAndExpectCard(page, hub, shot, bert[0].label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

  // Search again and add the search to the view with the 'Show all …' row.
  await runCommand(page, 'Hugging Face: Search Models…', { opens: 'Search models on the Hub' });
  await page.keyboard.type('gpt');
  const gpt = (await waitForResults(page, 'results for "gpt"', isOwn)).filter((item) => !isOwn(item.label));
  for (const item of gpt) assert.match(item.label, /gpt/i, `result ${item.label} matches "gpt"`);
  const showAll = 'Show all models matching "gpt" in the view';
  // The quick pick orders rows by label match, so the 'Show all …' row may not be first; the extension keeps the
  // focus on it, so Enter adds the search.
  await shot('search-gpt-results');
  const focused = (await quickPickItems(page)).find((item) => item.focused);
  assert.equal(focused?.label, showAll, 'Enter adds the search');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

  const rows = await waitForTree(page, 'Models', (rows) => rows[0]?.label === 'Search: gpt' && rows[1]?.level === 2);
  const children = rows.slice(1).filter((row, i, all) => row.level === 2 && all.slice(0, i).every((r) => r.level === 2));
  const request = listRequests(hub, 'models').filter((r) => new URLSearchParams(r.query).get('search') === 'gpt').at(-1);
  assert.ok(request, 'the view listed models with search=gpt');
  const { ids } = await replay(hub, request);
  assert.deepEqual(labels(children), ids.slice(0, children.length), 'the search node lists the Hub\'s matches');
  assert.ok(children.length >= 3 && children.every((row) => /gpt/i.test(row.label)), `children: ${JSON.stringify(labels(children))}`);
  await shot('search-gpt-node');
}

export const sidebarJourneys = [
  {
    name: 'lists models, datasets and Spaces from the embedded Hub with their facts',
    async run({ page, hub }) {
      await showViews(page, LIST_VIEWS);
      for (const view of LIST_VIEWS) {
        await waitForTree(page, view, listed);
        // From the top (an earlier journey may have scrolled the list).
        await pane(page, view).locator('.monaco-list').focus();
        await page.keyboard.press('Home');
        const rows = repoRows(await waitForTree(page, view, (rows) => rows[0]?.index === 0 && listed(rows)));
        const { repos } = await replay(hub, lastFirstPage(hub, COLLECTION[view]));
        assert.ok(rows.length >= 5, `${view} shows at least 5 rows: ${JSON.stringify(rows)}`);
        assert.deepEqual(labels(rows), repos.slice(0, rows.length).map((repo) => repo.id), `${view} rows in the Hub's order`);
        for (const [i, row] of rows.entries()) {
          for (const fact of facts(view, repos[i])) {
            assert.ok(row.description.includes(fact), `${view} row ${row.label} shows "${fact}": "${row.description}"`);
          }
          assert.match(row.description, /· \d+(y|mo|d|h|m)$/, `${view} row ${row.label} ends with its age`);
        }
        assert.equal(await paneDescription(page, view), 'Trending', `${view}' description`);
      }
    },
  },
  {
    name: '"Load more…" appends the next page of models below the first',
    async run({ page, hub, shot }) {
      await showViews(page, ['Models']);
      await waitForTree(page, 'Models', listed);
      const before = (await allTreeRows(page, 'Models')).filter((row) => row.level === 1);
      assert.equal(before.at(-1).label, LOAD_MORE, `the last row: ${JSON.stringify(before.at(-1))}`);
      const firstPage = repoRows(before);
      const since = hub.requests.length;

      await pane(page, 'Models').locator('.monaco-list').focus();
      await page.keyboard.press('End');
      await shot('models-before-load-more');
      await pane(page, 'Models').locator('.monaco-list-row', { hasText: LOAD_MORE }).click();
      await until(
        page,
        'Models grows',
        async () => Number(await pane(page, 'Models').locator('.monaco-list-row').first().getAttribute('aria-setsize')),
        (size) => size > before.length,
      );
      await waitForTree(page, 'Models', listed);
      const after = (await allTreeRows(page, 'Models')).filter((row) => row.level === 1);

      const cursorRequests = listRequests(hub, 'models', since).filter((r) => new URLSearchParams(r.query).has('cursor'));
      assert.equal(cursorRequests.length, 1, 'one request for the next page');
      const next = await replay(hub, cursorRequests[0]);
      assert.deepEqual(labels(after.slice(0, firstPage.length)), labels(firstPage), 'the first page is unchanged');
      assert.deepEqual(labels(repoRows(after).slice(firstPage.length)), next.ids, 'the next page is appended in order');
      assert.equal(after.at(-1).label, next.hasMore ? LOAD_MORE : next.ids.at(-1));
      assert.equal(after.length, firstPage.length + next.ids.length + (next.hasMore ? 1 : 0));

      // Show where the pages meet: the first page's last rows above the second page's first ones.
      await pane(page, 'Models').locator('.monaco-list').focus();
      await page.keyboard.press('Home');
      for (let i = 0; i < firstPage.length + 5; i++) await page.keyboard.press('ArrowDown');
    },
  },
  {
    name: 'searches models: a result opens its card, "Show all" adds a search node',
    async run({ page, hub, shot }) {
      await showViews(page, ['Models']);
      await waitForTree(page, 'Models', listed);

      // Rows of the quick pick's own (not a repo).
      const isOwn = (label) => label.startsWith('Show all') || label.startsWith('No models match') || label === '';
      const node = pane(page, 'Models').locator('.monaco-list-row', { hasText: 'Search: gpt' });
      try {
        await searchModels(page, hub, shot, isOwn);
      } finally {
        // Undo: remove the search node with its inline action (searches are kept in workspace state).
        await page.keyboard.press('Escape');
        if (await node.count()) {
          await node.hover();
          await node.locator('a.action-label[aria-label="Remove Search"]').click();
        }
      }
      await waitForTree(page, 'Models', (rows) => listed(rows) && rows.every((row) => row.label !== 'Search: gpt' && row.level === 1));
    },
  },
  {
    name: 'sorts models by downloads, filters them by task, clears the filter',
    async run({ page, hub, shot }) {
      await showViews(page, ['Models']);
      await waitForTree(page, 'Models', listed);
      assert.equal(await paneDescription(page, 'Models'), 'Trending', 'Models starts in trending order');
      const trending = await waitForModels(page, hub, 'Trending', (q) => q.get('sort') === 'trendingScore');
      try {
        await sortModels(page, 'Most downloads');
        const downloads = await waitForModels(page, hub, 'Most downloads', (q) => q.get('sort') === 'downloads');
        assert.notDeepEqual(downloads.expected.slice(0, 10), trending.expected.slice(0, 10), 'the order changed');
        const counts = (await replay(hub, lastFirstPage(hub, 'models'))).repos.map((repo) => repo.downloads);
        assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most downloaded first');
        await shot('models-most-downloads');

        await runCommand(page, 'Hugging Face: Filter Models…', { opens: 'Filter models' });
        await pickQuickPickItem(page, 'Task');
        await waitForQuickInput(page, 'Filter models by task');
        await pickQuickPickItem(page, 'Text Generation');
        const filtered = await waitForModels(page, hub, 'Most downloads · text-generation', (q) => q.get('pipeline_tag') === 'text-generation');
        assert.notDeepEqual(filtered.expected.slice(0, 10), downloads.expected.slice(0, 10), 'the rows changed');
        for (const row of filtered.rows) assert.match(row.description, /(^|· )text-generation ·/, `${row.label}: ${row.description}`);
        await shot('models-text-generation');

        await runCommand(page, 'Hugging Face: Clear Models Filters');
        const cleared = await waitForModels(page, hub, 'Most downloads', (q) => q.get('sort') === 'downloads' && !q.has('pipeline_tag'));
        assert.deepEqual(cleared.expected, downloads.expected, 'clearing the filter restores the rows');
      } finally {
        // Undo: back to trending order without filters (best effort after a failure; checked below).
        const undo = async () => {
          await page.keyboard.press('Escape');
          if ((await paneDescription(page, 'Models')).includes('·')) await runCommand(page, 'Hugging Face: Clear Models Filters');
          if ((await paneDescription(page, 'Models')) !== 'Trending') await sortModels(page, 'Trending');
        };
        await undo().catch(() => {});
      }
      const restored = await waitForModels(page, hub, 'Trending', (q) => q.get('sort') === 'trendingScore');
      assert.deepEqual(restored.expected, trending.expected, 'trending order is back');
    },
  },
  {
    name: 'filters models by parameter count and by the local app that runs them, with the count in each row',
    async run({ page, hub, shot }) {
      await showViews(page, ['Models']);
      await waitForTree(page, 'Models', listed);
      try {
        await runCommand(page, 'Hugging Face: Filter Models…', { opens: 'Filter models' });
        await pickQuickPickItem(page, 'Parameters');
        await waitForQuickInput(page, 'Filter models by parameter count');
        await pickQuickPickItem(page, '1B to 6B');
        const sized = await waitForModels(page, hub, 'Trending · 1-6B params', (q) => q.get('num_parameters') === 'min:1B,max:6B');
        const counted = sized.rows.filter((row) => / params · /.test(row.description));
        assert.ok(counted.length > 0, 'rows show their parameter count');
        for (const row of counted) assert.match(row.description, /(^|· )[1-6](\.\d)?B params · /, `${row.label}: ${row.description}`);
        await shot('models-1-6B-params');

        await runCommand(page, 'Hugging Face: Filter Models…', { opens: 'Filter models' });
        await pickQuickPickItem(page, 'Runs with');
        await waitForQuickInput(page, 'Filter models by the local app that runs them');
        await pickQuickPickItem(page, 'Ollama');
        const ollama = await waitForModels(page, hub, 'Trending · 1-6B params · runs with Ollama', (q) => q.get('apps') === 'ollama' && q.has('num_parameters'));
        assert.ok(ollama.rows.every((row) => /GGUF$/.test(row.label)), JSON.stringify(ollama.rows.map((row) => row.label)));
        await shot('models-runs-with-ollama');
      } finally {
        await page.keyboard.press('Escape').catch(() => {});
        if ((await paneDescription(page, 'Models')).includes('·')) await runCommand(page, 'Hugging Face: Clear Models Filters');
      }
      await waitForModels(page, hub, 'Trending', (q) => !q.has('num_parameters') && !q.has('apps'));
    },
  },
  {
    name: 'a failed Spaces listing shows an error row; Retry brings the Spaces back',
    async run({ page, hub, shot }) {
      await showViews(page, LIST_VIEWS);
      await waitForTree(page, 'Spaces', listed);
      const before = repoRows(await allTreeRows(page, 'Spaces'));
      const since = hub.requests.length;
      const fault = hub.inject({ match: '/api/spaces', reset: true });
      let error;
      try {
        await clickViewAction(page, 'Spaces', 'Refresh Spaces');
        // The client retries a reset connection 3 times with backoff (up to ~7 s) before giving up.
        [error] = await waitForTree(page, 'Spaces', (rows) => rows.length === 1 && rows[0].description === 'Retry', 30_000);
        assert.match(error.label, new RegExp(`${hub.url.replace(/^http:\/\//, '').replace(/\./g, '\\.')}|connection|reach`, 'i'));
        assert.ok(
          hub.requests.slice(since).some((r) => r.path === '/api/spaces' && r.status === 0),
          'the Hub saw the Spaces request and reset it',
        );
        assert.ok(!hub.requests.slice(since).some((r) => r.path === '/api/models' || r.path === '/api/datasets'), 'only Spaces reloads');
        await shot('spaces-error-row');
      } finally {
        hub.clearFaults(fault);
      }
      await pane(page, 'Spaces').locator('.monaco-list-row', { hasText: error.label }).click();
      const back = (rows) => rows.length > 1 && rows.every((row) => row.label === before[row.index]?.label);
      await waitForTree(page, 'Spaces', back); // the Spaces are back, in the same order
      assert.deepEqual(labels(repoRows(await allTreeRows(page, 'Spaces'))), labels(before), 'all of them');
    },
  },
];
