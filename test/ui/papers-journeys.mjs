// UI journeys of papers and collections in the real workbench: a model card's papers (abstract opened with the
// keyboard, the models citing one listed in the Models view) and the collections holding it; the Explore view's
// collections and their items; a hostile paper (markup in its title and authors, the XSS corpus in its abstract)
// shown as text that runs nothing; a discussion thread in its tab. `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { HOSTILE_REPOS } from '../hub-server/hostile.mjs';
import { cardFrame, closeTab, openCard, rendered, until } from './card-journeys.mjs';
import { canary, watching } from './hostile-journeys.mjs';
import { collapsePane, expandPane, openViewContainer, pane, runCommand, waitForQuickInput, waitForRows } from './workbench.mjs';

const ZEPHYR = 'HuggingFaceH4/zephyr-7b-beta';
/** A model of the embedded Hub with threads of every kind (test/hub-server/discussions.mjs). */
const DISCUSSED = 'kestrel-labs/Kestrel-2-7B-Instruct';

export const papersJourneys = [
  {
    name: 'A model card’s papers and collections: an abstract opens with the keyboard, a paper lists the models citing it',
    timeout: 90_000,
    async run({ page, shot }) {
      await openCard(page, ZEPHYR);
      const card = await cardFrame(page, ZEPHYR);
      const { violations } = await rendered(card);
      assert.deepEqual(violations, []);
      await until(card, 'the papers read', () => [...document.querySelectorAll('#papers li.paper')].some((li) => li.querySelector('details')));
      await until(card, 'the collections', () => document.querySelectorAll('#collections button').length > 0);
      const shown = await card.evaluate(() => ({
        papers: [...document.querySelectorAll('#papers li.paper > button')].map((b) => b.textContent),
        collections: [...document.querySelectorAll('#collections button')].map((b) => b.textContent),
      }));
      assert.ok(shown.papers.some((t) => t.startsWith('Direct Preference Optimization')), shown.papers.join('\n'));
      assert.ok(shown.collections.length > 0);
      const dpo = card.locator('#papers li.paper', { hasText: 'Direct Preference Optimization' });
      await dpo.locator('summary').focus();
      await page.keyboard.press('Enter');
      await until(card, 'the abstract open', () => [...document.querySelectorAll('#papers details')].some((d) => d instanceof window.HTMLDetailsElement && d.open));
      await dpo.scrollIntoViewIfNeeded();
      await shot('card-papers');

      await dpo.locator('button', { hasText: 'Models citing it' }).click();
      await openViewContainer(page, 'Hugging Face');
      await pane(page, 'Models').locator('.monaco-list-row', { hasText: 'Models citing arXiv:2305.18290' }).first().waitFor({ timeout: 15_000 });
      await pane(page, 'Models').locator('.monaco-list-row', { hasText: ZEPHYR }).first().waitFor({ timeout: 15_000 });
      await closeTab(page, ZEPHYR);
    },
  },
  {
    name: 'The Explore view: a trending collection opens to its items, and an item opens its card',
    timeout: 90_000,
    async run({ page, shot }) {
      await openViewContainer(page, 'Hugging Face');
      for (const other of ['Models', 'Datasets', 'Spaces', 'Local Cache']) {
        await collapsePane(page, other);
      }
      await expandPane(page, 'Explore');
      const explore = pane(page, 'Explore');
      await explore.locator('.monaco-list-row', { hasText: 'Trending collections' }).first().click();
      await waitForRows(page, 'Explore', (rows) => rows.some((r) => r.startsWith('BERT and its descendants')));
      await explore.locator('.monaco-list-row', { hasText: 'BERT and its descendants' }).first().click();
      await waitForRows(page, 'Explore', (rows) => rows.some((r) => r.startsWith('google-bert/bert-base-uncased')));
      await shot('explore-collections');
      await explore.locator('.monaco-list-row', { hasText: 'google-bert/bert-base-uncased' }).first().click();
      const card = await cardFrame(page, 'google-bert/bert-base-uncased');
      await rendered(card);
      await closeTab(page, 'google-bert/bert-base-uncased');
      for (const other of ['Models', 'Datasets', 'Spaces', 'Local Cache']) {
        await expandPane(page, other);
      }
    },
  },
  {
    name: 'A hostile paper on a card shows as text, runs nothing and requests nothing forbidden',
    timeout: 90_000,
    async run({ page, shot }) {
      const id = HOSTILE_REPOS.papers;
      const seen = await watching(page, async () => {
        await openCard(page, id);
        const card = await cardFrame(page, id, 30_000);
        await rendered(card, 30_000);
        await until(card, 'the hostile paper read', () => [...document.querySelectorAll('#papers li.paper > button')].some((b) => b.textContent?.includes('onerror')));
        const facts = await card.evaluate(() => {
          const papers = document.getElementById('papers');
          for (const d of papers?.querySelectorAll('details') ?? []) d.open = true;
          return {
            foreign: papers?.querySelectorAll(':not(h2, ul, li, button, div, details, summary, p)').length,
            abstract: papers?.querySelector('.abstract')?.textContent?.length ?? 0,
            bidi: /[\u202a-\u202e\u2066-\u2069]/.test(papers?.textContent ?? ''),
          };
        });
        assert.deepEqual({ foreign: facts.foreign, bidi: facts.bidi }, { foreign: 0, bidi: false }, 'only the section’s own elements, no bidi controls');
        assert.ok(facts.abstract > 1000 && facts.abstract <= 4001, `the abstract is cut: ${facts.abstract}`);
        await card.locator('#papers').scrollIntoViewIfNeeded();
        await shot('hostile-paper');
        await page.waitForTimeout(500);
        assert.deepEqual(await canary(page, card), { inner: null, parent: null, top: null });
        await closeTab(page, id);
      });
      assert.deepEqual(seen.dialogs, []);
      assert.deepEqual(seen.forbidden, []);
    },
  },
];

/** The webview frame of a discussion thread once its comments are rendered. */
async function discussionFrame(page, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await page.locator('iframe.webview.ready').elementHandles()) {
      const outer = await handle.contentFrame().catch(() => null);
      const inner = await (await outer?.$('#active-frame').catch(() => null))?.contentFrame().catch(() => null);
      if (await inner?.evaluate(() => document.querySelectorAll('#discussion article.comment').length > 0).catch(() => false)) {
        return inner;
      }
    }
    if (Date.now() > deadline) throw new Error('no discussion webview with comments');
    await page.waitForTimeout(200);
  }
}

papersJourneys.push({
  name: 'A discussion thread from Show Discussions… opens in its own tab, its comments rendered',
  timeout: 90_000,
  async run({ page, shot }) {
    await runCommand(page, 'Hugging Face: Show Discussions…', { opens: 'Show Discussions' });
    await page.locator('.quick-input-widget input').fill(DISCUSSED);
    await page.keyboard.press('Enter');
    await waitForQuickInput(page, `Discussions of ${DISCUSSED}`);
    await page.locator('.quick-input-widget input').fill('#2 ');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const thread = await discussionFrame(page);
    const shown = await thread.evaluate(() => ({
      title: document.querySelector('.discussion-header h1')?.textContent,
      facts: document.querySelector('.discussion-header .facts')?.textContent,
      comments: document.querySelectorAll('article.comment').length,
      scripts: [...document.querySelectorAll('#discussion script')].length,
    }));
    assert.match(shown.facts ?? '', new RegExp(`#2 of ${DISCUSSED}`));
    assert.ok(shown.comments >= 2, JSON.stringify(shown));
    assert.equal(shown.scripts, 0);
    await shot('discussion-thread');
    await page.keyboard.press('Control+W');
  },
});

papersJourneys.push({
  name: 'A card’s Discussions open in place; the XSS corpus in a thread runs nothing and requests nothing forbidden',
  timeout: 120_000,
  async run({ page, shot }) {
    const id = 'DeepPavlov/rubert-base-cased';
    const seen = await watching(page, async () => {
      await openCard(page, id);
      const threads = async () => {
        // The card's page is rebuilt when its tab is shown again: the section is opened again each time.
        const card = await cardFrame(page, id);
        await rendered(card);
        await card.locator('#discussions > summary').click();
        await until(card, 'the threads', () => document.querySelectorAll('#discussions ul.threads li').length >= 3);
        return card;
      };
      const card = await threads();
      await card.locator('#discussions').scrollIntoViewIfNeeded();
      await shot('card-discussions');
      const opened = [];
      for (const num of [1, 3]) {
        const shown = num === 1 ? card : await threads();
        await shown.locator('#discussions ul.threads li', { hasText: `#${num} ·` }).locator('button').click();
        const thread = await discussionFrame(page, 30_000);
        await page.waitForTimeout(500);
        assert.deepEqual(await canary(page, thread), { inner: null, parent: null, top: null }, `thread #${num}`);
        opened.push(await thread.evaluate(() => document.querySelectorAll('#discussion script, #discussion iframe, #discussion object, #discussion embed, #discussion [onerror], #discussion [onclick]').length));
        await page.keyboard.press('Control+W');
      }
      assert.deepEqual(opened, [0, 0]);
      await closeTab(page, id);
    });
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.forbidden, []);
  },
});
