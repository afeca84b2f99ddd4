// UI journeys: a user's steps through the workbench, with the extension installed from its .vsix and
// talking to the embedded Hub. They run in order in one window; each one saves a screenshot.
// `ctx` is { page, hub } (see run.mjs).
import assert from 'node:assert/strict';
import {
  activeEditorText,
  activityBarItem,
  expandPane,
  openViewContainer,
  pane,
  runCommand,
  waitForRows,
  webviewHeadings,
} from './workbench.mjs';

const OVERVIEW = 'What is Hugging Face?';
const LOAD_MORE = 'Load more…';

/** The first page the extension asked the Hub for (replaying its own request): model ids, and whether more follow. */
async function firstPage(hub) {
  const request = hub.requests.find((r) => r.method === 'GET' && r.path === '/api/models');
  assert.ok(request, `the extension requested /api/models (requests: ${JSON.stringify(hub.requests.map((r) => r.path))})`);
  const response = await fetch(`${hub.url}${request.path}?${request.query}`);
  const ids = (await response.json()).map((model) => model.id);
  return { ids, hasMore: /rel="next"/.test(response.headers.get('link') ?? '') };
}

export const journeys = [
  {
    name: 'opens the Hugging Face view from the activity bar',
    async run({ page }) {
      await openViewContainer(page, 'Hugging Face');
      assert.equal(await activityBarItem(page, 'Hugging Face').getAttribute('aria-selected'), 'true');
      for (const view of ['Models', 'Datasets', 'Spaces', 'Explore']) {
        assert.equal(await pane(page, view).locator('.pane-header').count(), 1, `the ${view} view is shown`);
      }
    },
  },
  {
    name: 'expands Models and lists the first page of models from the embedded Hub',
    async run({ page, hub }) {
      await openViewContainer(page, 'Hugging Face');
      await expandPane(page, 'Models');
      const labels = pane(page, 'Models').locator('.monaco-list-row .label-name');
      const shown = await waitForRows(page, 'Models', (rows) => rows.length > 0 && !rows[0].includes('Loading'));
      const expected = await firstPage(hub);
      const visible = (await labels.allInnerTexts()).map((t) => t.trim());
      assert.deepEqual(visible, expected.ids.slice(0, visible.length), `rows ${JSON.stringify(shown)}`);

      // The list is virtualised: move the keyboard focus to its end to render the last row.
      await pane(page, 'Models').locator('.monaco-list').focus();
      await page.keyboard.press('End');
      const last = pane(page, 'Models').locator('.monaco-list-row[data-last-element="true"] .label-name');
      assert.equal((await last.innerText()).trim(), expected.hasMore ? LOAD_MORE : expected.ids.at(-1));
      const rows = Number(await pane(page, 'Models').locator('.monaco-list-row').first().getAttribute('aria-setsize'));
      assert.equal(rows, expected.ids.length + (expected.hasMore ? 1 : 0), 'one row per model of the first page (+ "Load more…")');
    },
  },
  {
    name: `runs "Hugging Face: ${OVERVIEW}" from the command palette`,
    async run({ page }) {
      await runCommand(page, `Hugging Face: ${OVERVIEW}`);
      const tab = page.locator('.tabs-container .tab', { hasText: OVERVIEW });
      await tab.waitFor({ timeout: 10_000 });
      assert.equal(await tab.getAttribute('aria-selected'), 'true');
    },
  },
  {
    name: `shows "${OVERVIEW}" as the overview webview's heading`,
    async run({ page }) {
      if ((await page.locator('.tabs-container .tab', { hasText: OVERVIEW }).count()) === 0) {
        await runCommand(page, `Hugging Face: ${OVERVIEW}`);
      }
      let headings = [];
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !headings.includes(OVERVIEW); ) {
        headings = await webviewHeadings(page);
        await page.waitForTimeout(200);
      }
      assert.ok(headings.includes(OVERVIEW), `webview headings: ${JSON.stringify(headings)}`);
    },
  },
  {
    name: 'types text into a new untitled file',
    async run({ page }) {
      await runCommand(page, 'File: New Untitled Text File');
      await page.locator('.tabs-container .tab.active', { hasText: /^Untitled-\d+/ }).waitFor();
      await page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
      const text = 'from huggingface_hub import snapshot_download';
      await page.keyboard.type(text);
      let shown = '';
      for (const deadline = Date.now() + 5_000; Date.now() < deadline && shown !== text; ) {
        shown = await activeEditorText(page);
        if (shown !== text) await page.waitForTimeout(100);
      }
      assert.equal(shown, text);
    },
  },
];
