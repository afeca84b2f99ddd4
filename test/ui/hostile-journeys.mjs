// UI journeys with the hostile repos of the embedded Hub (test/hub-server/hostile.mjs, started with `hostile: true`
// by run.mjs): every card of the XSS corpus (test/fixtures/xss/vectors.txt) opens in the real card webview in
// Chromium and runs nothing, requests nothing it may not and navigates nowhere; hostile ids, tags, tasks and file
// names show as plain text in the Models view, its tooltip and the search quick pick.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { HOSTILE_REPOS, readVectors } from '../hub-server/hostile.mjs';
import { cardFrame, closeTab, cspViolations, externalRequests, openCard, rendered, staticOracle } from './card-journeys.mjs';
import { collapsePane, expandPane, openViewContainer, pane, quickPickItems, runCommand, treeRows } from './workbench.mjs';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The inert document DOMPurify parses raw HTML into inherits the page's CSP, and Chromium reports the inline handlers,
 * styles and `<base>` it refuses while parsing there (nothing of it reaches the page: the static oracle checks).
 */
const PARSE_TIME = /^(script-src-attr inline|script-src-elem inline|style-src-attr inline|style-src-elem inline|base-uri \S+) card\.js$/;

/** Requests a hostile card may never cause: the beacons of the corpus, and anything that left this machine. */
const FORBIDDEN = /evil\.example|xss\.rocks/;

/** Watches dialogs and every request the browser sends while `fn` runs. */
export async function watching(page, fn) {
  const dialogs = [];
  const requests = [];
  const onDialog = (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss().catch(() => {});
  };
  const onRequest = (request) => requests.push(request.url());
  const externalBefore = externalRequests.length;
  page.on('dialog', onDialog);
  page.context().on('request', onRequest);
  try {
    await fn();
  } finally {
    page.off('dialog', onDialog);
    page.context().off('request', onRequest);
  }
  return { dialogs, forbidden: requests.filter((u) => FORBIDDEN.test(u)), external: externalRequests.slice(externalBefore) };
}

/** The canary in a page (a card, Try it), its parent and the workbench: set by any vector that ran. */
export async function canary(page, frame) {
  const inner = await frame.evaluate(() => ({
    inner: window.__xss ?? null,
    parent: (() => {
      try {
        return window.parent.__xss ?? null;
      } catch {
        return null; // another origin: nothing there could have been set from here either
      }
    })(),
  }));
  return { ...inner, top: await page.evaluate(() => window.__xss ?? null) };
}

/**
 * Hovers, focuses and clicks everything a card shows (events dispatched in the page, so that any handler that got
 * through would run), except links that leave (they would ask to open a browser) and the card's own action buttons.
 */
async function poke(frame) {
  return frame.evaluate(() => {
    let poked = 0;
    for (const el of document.querySelectorAll('#card *')) {
      const href = el.getAttribute('href');
      // The page's own buttons (Copy id, Show files…, and the connections' links to papers, collections and threads).
      if ((el.tagName === 'A' && href && !href.startsWith('#')) || el.closest('[data-action], .link-button')) continue;
      for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart', 'toggle']) {
        el.dispatchEvent(new window.Event(type, { bubbles: type !== 'pointerenter' && type !== 'mouseenter' }));
      }
      if (el instanceof window.HTMLElement) {
        el.focus?.();
        el.click();
      }
      poked++;
    }
    return poked;
  });
}

/** Opens each card, runs the oracles on it and closes it; returns one line per card for the log. */
async function checkCards(page, hub, shot, ids, { shots = [] } = {}) {
  const lines = [];
  await page.keyboard.press('Escape'); // no quick input left open by an earlier journey
  for (const id of ids) {
    try {
      await openCard(page, id);
      const frame = await cardFrame(page, id, 30_000);
      await rendered(frame, 30_000);
      const url = frame.url();
      await page.waitForTimeout(600); // delayed payloads: animations, lazy images, refreshes
      assert.deepEqual(await frame.evaluate(staticOracle, [hub.url]), [], `${id}: static oracle`);
      const poked = await poke(frame);
      await page.waitForTimeout(300);
      assert.deepEqual(await canary(page, frame), { inner: null, parent: null, top: null }, `${id}: the canary stays unset`);
      assert.equal(frame.url(), url, `${id}: the card did not navigate`);
      const live = (await cspViolations(frame)).filter((v) => !PARSE_TIME.test(v));
      assert.deepEqual(live, [], `${id}: nothing reached the CSP but the inert parse`);
      const header = await frame.evaluate(() => ({
        h1: document.querySelector('h1.repo-id')?.textContent,
        facts: [...document.querySelectorAll('.fact dd')].map((dd) => dd.textContent),
        tags: [...document.querySelectorAll('ul.tags .tag')].map((t) => t.textContent),
        // The connections' sections add their own headings, disclosure and link buttons, all with text only.
        elements: document.querySelectorAll('header.card-header *:not(p, h1, h2, dl, div, dt, dd, ul, li, vscode-button, span, section, details, summary, button.link-button)').length,
      }));
      assert.equal(header.h1, id);
      assert.equal(header.elements, 0, `${id}: the header holds only its own elements`);
      lines.push(`${id}: ${header.facts.length} facts, ${header.tags.length} tags as text, ${poked} elements poked`);
      if (shots.includes(id)) await shot(`hostile-${id.split('/')[1]}`);
    } finally {
      await closeTab(page, id);
    }
  }
  return lines;
}

export const hostileJourneys = [
  {
    name: 'hostile cards: the XSS corpus in READMEs runs nothing, requests nothing forbidden and navigates nowhere',
    timeout: 150_000,
    async run({ page, hub, shot }) {
      const ids = Object.values(HOSTILE_REPOS.cards);
      const seen = await watching(page, () => checkCards(page, hub, shot, ids, { shots: [HOSTILE_REPOS.cards.html, HOSTILE_REPOS.cards.schemes] }));
      assert.deepEqual(seen.dialogs, [], 'no dialog');
      assert.deepEqual(seen.forbidden, [], 'no request to a beacon');
      assert.deepEqual(seen.external, [], 'no request left this machine');
      const count = readVectors();
      console.log(`      ${ids.length} cards, ${Object.keys(HOSTILE_REPOS.cards).reduce((n, c) => n + (count.get(c)?.length ?? 0), 0)} vectors: canary unset, 0 dialogs, 0 forbidden requests`);
    },
  },
  {
    name: 'hostile cards: front matter, tags and list fields show as text in the card header',
    timeout: 180_000,
    async run({ page, hub, shot }) {
      const ids = [...HOSTILE_REPOS.frontMatter, HOSTILE_REPOS.tags, ...HOSTILE_REPOS.listing.slice(0, -1), HOSTILE_REPOS.manyTags];
      let lines = [];
      const seen = await watching(page, async () => {
        lines = await checkCards(page, hub, shot, ids, { shots: [HOSTILE_REPOS.frontMatter[0], HOSTILE_REPOS.tags] });
      });
      assert.deepEqual(seen.dialogs, [], 'no dialog');
      assert.deepEqual(seen.forbidden, [], 'no request to a beacon');
      assert.deepEqual(seen.external, [], 'no request left this machine');
      assert.ok(lines.some((l) => l.startsWith(`${HOSTILE_REPOS.manyTags}: `) && l.includes(' 40 tags')), lines.join('\n'));
      // The front-matter license is shown as the text it is.
      await openCard(page, HOSTILE_REPOS.frontMatter[0]);
      try {
        const frame = await cardFrame(page, HOSTILE_REPOS.frontMatter[0], 30_000);
        await rendered(frame, 30_000);
        const facts = await frame.evaluate(() => [...document.querySelectorAll('.fact dd')].map((dd) => dd.textContent));
        assert.ok(facts.some((f) => f.includes("<img src=x onerror=\"window.__xss='fm-1'\">")), JSON.stringify(facts));
      } finally {
        await closeTab(page, HOSTILE_REPOS.frontMatter[0]);
      }
    },
  },
  {
    name: 'hostile rows: ids, tags, tasks and file names are plain text in the search quick pick, the tree and its tooltip',
    timeout: 120_000,
    async run({ page, shot }) {
      await page.keyboard.press('Escape');
      await openViewContainer(page, 'Hugging Face');
      await expandPane(page, 'Models');
      // The Models view gets the height, so the rows this journey looks for are rendered.
      await collapsePane(page, 'Datasets');
      await collapsePane(page, 'Spaces');
      await collapsePane(page, 'Local Cache');
      const seen = await watching(page, async () => {
        // The quick pick: only valid ids, and a task that looks like an icon shows as the text it is.
        await runCommand(page, 'Hugging Face: Search Models…', { opens: 'Search models on the Hub' });
        await page.keyboard.type('hostile-test');
        let items = [];
        for (const deadline = Date.now() + 15_000; !items.some((i) => i.label === HOSTILE_REPOS.tags); ) {
          assert.ok(Date.now() < deadline, `search results: ${JSON.stringify(items)}`);
          await page.waitForTimeout(200);
          items = await quickPickItems(page);
        }
        for (const bad of HOSTILE_REPOS.invalidIds) {
          assert.ok(!items.some((i) => i.label.includes(bad.split('/').at(-1))), `listed: ${bad}`);
        }
        const listed = items.find((i) => i.label === HOSTILE_REPOS.listing[2]);
        if (listed) {
          assert.match(listed.description, /^\$\(verified\) listing-3/, 'the task shows as text, not as an icon');
        }
        await page.waitForTimeout(300);
        await shot('hostile-quick-pick');
        const focused = (await quickPickItems(page)).find((item) => item.focused);
        assert.match(focused?.label ?? '', /^Show all models matching "hostile-test" in the view$/);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

        // The tree: the search node lists the same rows; a hostile row's tooltip is text.
        const row = (label) => pane(page, 'Models').locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
        await row(HOSTILE_REPOS.tags).waitFor({ timeout: 15_000 });
        const labels = (await treeRows(page, 'Models')).map((r) => r.label);
        for (const bad of HOSTILE_REPOS.invalidIds) {
          assert.ok(!labels.includes(bad), `a row for ${bad}`);
        }
        await row(HOSTILE_REPOS.tags).hover();
        const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: HOSTILE_REPOS.tags }).first();
        await hover.waitFor({ timeout: 10_000 });
        const tip = await hover.evaluate((el) => ({
          text: el.textContent.replace(/\u00a0/g, ' '), // appendText keeps spaces as non-breaking ones
          links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? a.dataset.href ?? ''),
          images: el.querySelectorAll('img, svg image, script, iframe').length,
        }));
        assert.ok(tip.text.includes('[tag-2](command:workbench.action.terminal.new)'), `the tag shows as text: ${tip.text}`);
        assert.ok(tip.text.includes("<img src=x onerror=\"window.__xss='tag-1'\">"), `the tag shows as text: ${tip.text}`);
        assert.deepEqual(tip.links, [], 'no link in the tooltip');
        assert.ok(tip.text.includes('tag-7gnp.exe'), `a right-to-left override is dropped: ${tip.text}`);
        assert.equal(tip.images, 0, 'no image or script in the tooltip');
        await shot('hostile-row-tooltip');
        await page.mouse.move(0, 0);

        // File names: plain labels, no `..` row.
        await row(HOSTILE_REPOS.files).locator('.monaco-tl-twistie').click();
        await row("<img src=x onerror=window.__xss='file-1'>.md").waitFor({ timeout: 15_000 });
        const files = (await treeRows(page, 'Models')).map((r) => r.label);
        assert.ok(files.includes('[file-2](command:workbench.action.terminal.new).txt'), JSON.stringify(files));
        assert.ok(!files.includes('..') && !files.includes('.'), JSON.stringify(files));
        assert.ok(files.includes('file-6gnp.exe'), `a right-to-left override is dropped: ${JSON.stringify(files)}`);
        await shot('hostile-file-names');
        await row(HOSTILE_REPOS.files).locator('.monaco-tl-twistie').click();
      });
      assert.deepEqual(seen.dialogs, [], 'no dialog');
      assert.deepEqual(seen.forbidden, [], 'no request to a beacon');
      assert.equal(await page.evaluate(() => window.__xss ?? null), null, 'the workbench canary stays unset');
      // Remove the search node again.
      const node = pane(page, 'Models').locator('.monaco-list-row', { hasText: 'Search: hostile-test' });
      await node.hover();
      await node.locator('a.action-label[aria-label="Remove Search"]').click();
      await expandPane(page, 'Datasets');
      await expandPane(page, 'Spaces');
      await expandPane(page, 'Local Cache');
    },
  },
];
