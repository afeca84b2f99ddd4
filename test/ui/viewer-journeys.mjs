// UI journeys of the dataset viewer in the real webview (code-server + Chromium), against the embedded Hub's viewer
// API: a text dataset in the dark, light and high-contrast themes, an image dataset, search, a filter, a statistics
// chart, and a scroll to the end of 1,000,000 rows with the longest frame measured. `ctx` is { page, hub, shot }.
import assert from 'node:assert/strict';
import { until } from './card-journeys.mjs';
import { scrollFrames } from './scroll-frames.mjs';
import { activeEditorText, runCommand, setTheme, webviewHeadings } from './workbench.mjs';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Points the extension at the embedded viewer: the two settings, typed into settings.json as a user would. */
async function useEmbeddedViewer(page, hub) {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.editor-group-container.active .monaco-editor').first().click();
  const current = JSON.parse((await activeEditorText(page)).trim() || '{}');
  const settings = { ...current, 'huggingface.datasetViewer.endpoint': `${hub.url}/datasets-server`, 'huggingface.datasetViewer.assetHost': hub.url.replace('127.0.0.1', 'localhost') };
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(JSON.stringify(settings, null, 2));
  await page.keyboard.press('ControlOrMeta+S');
  await page.waitForTimeout(500);
  await page.keyboard.press('ControlOrMeta+W');
}

/** The inner frame of the viewer webview of `dataset`. */
async function viewerFrame(page, dataset, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await page.locator('iframe.webview.ready').elementHandles()) {
      const inner = await (await (await handle.contentFrame())?.$('#active-frame'))?.contentFrame();
      const heading = await inner?.evaluate(() => document.querySelector('main#viewer h1')?.textContent ?? null).catch(() => null);
      if (heading === dataset) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no viewer shows "${dataset}"; headings: ${JSON.stringify(await webviewHeadings(page))}`);
    await page.waitForTimeout(200);
  }
}

/** Whether the viewer settings point at the embedded Hub yet: each journey can then run on its own. */
let viewerConfigured = false;

async function openViewer(page, hub, dataset) {
  if (!viewerConfigured) {
    await useEmbeddedViewer(page, hub);
    viewerConfigured = true;
  }
  await runCommand(page, 'Hugging Face: Open Dataset Viewer…', { opens: 'Open Dataset Viewer' });
  await page.locator('.quick-input-widget input').fill(dataset);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const frame = await viewerFrame(page, dataset);
  await until(frame, `${dataset}'s rows`, () => document.querySelectorAll('.rows .row .cell:not(.index):not(.pending)').length > 0);
  return frame;
}

async function closeTab(page, label) {
  const tabs = page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  for (let i = 0; i < 5 && (await tabs.count()) > 0; i++) {
    await tabs.first().hover();
    await tabs.first().locator('a.action-label[aria-label^="Close"]').click();
    await page.waitForTimeout(200);
  }
}

export const viewerJourneys = [
  {
    name: 'dataset viewer: a text dataset in dark, light and high-contrast themes, search, a filter and statistics',
    timeout: 120_000,
    async run({ page, hub, shot }) {
      try {
        let frame = await openViewer(page, hub, 'imdb');
        const header = await frame.evaluate(() => [...document.querySelectorAll('.row.header .name')].map((n) => n.textContent));
        assert.deepEqual(header, ['text', 'label']);
        const label = await frame.evaluate(() => document.querySelector('.rows .row .cell.label')?.textContent);
        assert.match(label ?? '', /^(neg|pos) [01]$/);
        for (const theme of ['Dark Modern', 'Light Modern', 'Dark High Contrast']) {
          await setTheme(page, theme);
          frame = await viewerFrame(page, 'imdb');
          await until(frame, 'rows again', () => document.querySelectorAll('.rows .row .cell.label').length > 0);
          await shot(`viewer-imdb-${theme.toLowerCase().replace(/ /g, '-')}`);
        }
        await setTheme(page, 'Dark Modern');
        frame = await viewerFrame(page, 'imdb');
        await until(frame, 'rows', () => document.querySelectorAll('.rows .row .cell.label').length > 0);
        await frame.locator('input.search').fill('dog');
        await frame.locator('input.search').press('Enter');
        await until(frame, 'search results', () => /matching “dog”/.test(document.querySelector('.status')?.textContent ?? '') && document.querySelectorAll('.rows .row .cell.text').length > 0);
        const texts = await frame.evaluate(() => [...document.querySelectorAll('.rows .row .cell.text')].map((c) => c.textContent.toLowerCase()));
        assert.ok(texts.every((t) => t.includes('dog')), texts.join('\n'));
        await shot('viewer-imdb-search');
        await frame.locator('input.where').fill('length(text) > 3');
        await frame.locator('input.where').press('Enter');
        await until(frame, 'the filter error', () => /where' is invalid/.test(document.querySelector('.problem')?.textContent ?? ''));
        await shot('viewer-imdb-filter-error');
        await frame.locator('input.where').fill('"label"=1');
        await frame.locator('input.where').press('Enter');
        await until(frame, 'filtered rows', () => document.querySelectorAll('.rows .row .cell.label').length > 0 && !document.querySelector('.problem'));
        const labels = await frame.evaluate(() => [...document.querySelectorAll('.rows .row .cell.label .label')].map((c) => c.textContent));
        assert.ok(labels.every((l) => l === 'pos'), labels.join(','));
        await frame.getByRole('button', { name: 'Statistics' }).click();
        await until(frame, 'a statistics chart', () => document.querySelectorAll('.stats svg.chart rect.bar').length > 0 && document.querySelectorAll('.stats .freq li').length > 0);
        await frame.evaluate(() => document.querySelector('.stats')?.scrollIntoView());
        await shot('viewer-imdb-statistics');
      } finally {
        await closeTab(page, 'imdb · Viewer');
      }
    },
  },
  {
    name: 'dataset viewer: an image dataset with thumbnails from the asset host only',
    async run({ page, hub, shot }) {
      try {
        const frame = await openViewer(page, hub, 'beans');
        const images = await until(frame, 'thumbnails to load', () => {
          // Thumbnails load lazily: the ones in view must have loaded, the rows rendered below the fold may wait.
          const all = [...document.querySelectorAll('.rows img')].filter((i) => i instanceof HTMLImageElement);
          const inView = all.filter((i) => i.getBoundingClientRect().bottom <= window.innerHeight);
          return inView.length > 0 && inView.every((i) => i.complete && i.naturalWidth === 48) ? all.map((i) => new URL(i.src).hostname) : undefined;
        }).catch(async (err) => {
          const seen = await frame.evaluate(() => [...document.querySelectorAll('.rows img')].filter((i) => i instanceof HTMLImageElement).map((i) => `${i.complete ? 'loaded' : 'pending'} ${i.naturalWidth}px at ${Math.round(i.getBoundingClientRect().top)} of ${window.innerHeight}`));
          throw new Error(`${err.message}; thumbnails: ${seen.join(', ')}`);
        });
        assert.deepEqual([...new Set(images)], ['localhost']);
        await shot('viewer-beans-images');
      } finally {
        await closeTab(page, 'beans · Viewer');
      }
    },
  },
  {
    name: 'dataset viewer: 1,000,000 rows scroll to the end; the longest frame while scrolling',
    async run({ page, hub, shot }) {
      try {
        const frame = await openViewer(page, hub, 'c4');
        const figures = await frame.evaluate(scrollFrames, { selector: '.viewport', steps: 60, settleMs: 300 });
        // The last row with its values, not only its number: its page was asked for and arrived.
        await until(frame, 'the last row with its values', () => [...document.querySelectorAll('.rows .row')].some((r) => r.querySelector('.cell.index')?.textContent === '999,999' && r.querySelector('.cell.text')?.textContent?.startsWith('Row 999999 ')), undefined, 20_000);
        console.log(`      1,000,000 rows: longest frame's main-thread work while scrolling ${figures.longestMs.toFixed(1)} ms (median ${figures.medianMs.toFixed(1)} ms over ${figures.frames} frames), ${figures.domRows} rows in the DOM`);
        assert.ok(figures.domRows < 60, `only the visible rows are in the DOM (${figures.domRows})`);
        await shot('viewer-c4-end');
        await frame.locator('input.goto').fill('500000');
        await frame.locator('input.goto').press('Enter');
        await until(frame, 'row 500,000 with its values', () => [...document.querySelectorAll('.rows .row')].some((r) => r.querySelector('.cell.index')?.textContent === '500,000' && r.querySelector('.cell.text')), undefined, 20_000);
      } finally {
        await closeTab(page, 'c4 · Viewer');
      }
    },
  },
  {
    name: 'dataset viewer: hostile rows (HTML, scripts, bidi, a 10 MB cell, hostile image URLs) run nothing and request nothing forbidden',
    async run({ page, hub, shot }) {
      const requests = [];
      const dialogs = [];
      const onRequest = (request) => requests.push(request.url());
      const onDialog = (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss().catch(() => {});
      };
      page.context().on('request', onRequest);
      page.on('dialog', onDialog);
      try {
        const frame = await openViewer(page, hub, 'tweet_eval');
        // Select every cell (the detail pane shows its value) and open nothing else.
        const cells = await frame.locator('.rows .row .cell:not(.index)').count();
        for (let i = 0; i < cells; i++) {
          await frame.locator('.rows .row .cell:not(.index)').nth(i).click({ timeout: 2_000 }).catch(() => {});
        }
        const facts = await frame.evaluate(() => ({
          pwned: /** @type {{ __pwned?: unknown }} */ (/** @type {unknown} */ (window)).__pwned ?? null,
          elements: document.querySelectorAll('main#viewer script, main#viewer svg:not(.chart), main#viewer a, main#viewer iframe, main#viewer [onerror], main#viewer [onload]').length,
          longest: Math.max(...[...document.querySelectorAll('.rows .cell.text')].map((c) => c.textContent.length)),
          bidi: /[\u202A-\u202E\u2066-\u2069]/.test(document.body.textContent),
          images: [...document.querySelectorAll('.rows img')].map((i) => i.getAttribute('src') ?? ''),
          blocked: document.querySelectorAll('.rows .cell.blocked').length,
        }));
        assert.equal(facts.pwned, null, 'no script ran');
        assert.equal(facts.elements, 0, 'no element from a cell');
        assert.ok(facts.longest < 500, `text cells are capped (${facts.longest})`);
        assert.equal(facts.bidi, false, 'no bidi control shown');
        assert.ok(facts.images.every((src) => src.startsWith('http://localhost:')), facts.images.join(' '));
        assert.ok(facts.blocked >= 4, 'hostile image addresses are shown as text');
        assert.deepEqual(dialogs, []);
        assert.deepEqual(requests.filter((u) => /evil\.example|user:pw@|^javascript:|^data:/.test(u)), []);
        await shot('viewer-hostile-rows');
      } finally {
        page.context().off('request', onRequest);
        page.off('dialog', onDialog);
        await closeTab(page, 'tweet_eval · Viewer');
      }
    },
  },
];
