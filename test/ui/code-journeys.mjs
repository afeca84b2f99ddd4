// UI journeys for code insights on repo ids in Python: the completion list inside a `from_pretrained("` string, the
// hover card of a repo id, and a diagnostic (a renamed repo) with its quick fix applied. They share one untitled Python
// file, typed as a user types it. `ctx` is { page, hub, shot? } (see run.mjs).
import assert from 'node:assert/strict';
import { activeEditorText, quickPickRow, runCommand, startCommand } from './workbench.mjs';

const RENAMED = { from: 'bert-base-uncased', to: 'google-bert/bert-base-uncased' };

function editor(page) {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** A new untitled file in Python mode, focused and empty. */
async function newPythonFile(page) {
  await runCommand(page, 'File: New Untitled Text File');
  await page.locator('.tabs-container .tab.active', { hasText: /^Untitled-\d+/ }).waitFor();
  await startCommand(page, 'Change Language Mode');
  await page.locator('.quick-input-widget input').fill('python');
  await quickPickRow(page, 'Python').first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await editor(page).locator('.view-lines').click();
}

/** Waits until the active editor's rendered text satisfies `ready`, and returns it. */
async function waitForText(page, ready, what, timeout = 10_000) {
  let text = '';
  for (const deadline = Date.now() + timeout; Date.now() < deadline; ) {
    text = await activeEditorText(page).catch(() => '');
    if (ready(text)) return text;
    await page.waitForTimeout(150);
  }
  throw new Error(`${what}; the editor shows:\n${text}`);
}

/** The rows of the open suggest widget: { label, description } (the description shows on the right). */
async function suggestions(page) {
  return page.locator('.editor-widget.suggest-widget .monaco-list-row').evaluateAll((rows) =>
    rows
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => ({
        label: row.querySelector('.label-name')?.textContent.trim() ?? '',
        description: row.querySelector('.details-label')?.textContent.trim() ?? '',
      })),
  );
}

export const codeJourneys = [
  {
    name: 'code insights: completes a model id inside from_pretrained("…") from a Hub search',
    async run({ page, hub, shot }) {
      await newPythonFile(page);
      // Typed whole, the line is the same whether or not Python's auto-closing pairs have loaded yet: typing a closing
      // character over an auto-inserted one replaces it. The cursor then goes back inside the string.
      await page.keyboard.type('from transformers import AutoModel, AutoTokenizer\n\nmodel = AutoModel.from_pretrained("bert-base")');
      await waitForText(page, (t) => t.trimEnd().endsWith('model = AutoModel.from_pretrained("bert-base")'), 'the line is typed');
      await page.keyboard.press('Escape');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      const widget = page.locator('.editor-widget.suggest-widget');
      let rows = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
        rows = await suggestions(page).catch(() => []);
        if (rows.some((r) => r.label === RENAMED.to)) break;
        await page.waitForTimeout(300);
      }
      assert.ok(rows.some((r) => r.label === RENAMED.to), `suggestions: ${JSON.stringify(rows)}`);
      const searched = hub.requests.filter((r) => r.path === '/api/models').map((r) => new URLSearchParams(r.query).get('search'));
      assert.ok(searched.includes('bert-base'), `searches: ${JSON.stringify(searched)}`);
      const row = rows.find((r) => r.label === RENAMED.to);
      assert.match(row.description, /^fill-mask · (?:[\d.]+[kMB]? params · )?[\d.]+[kMB]? ↓ · [\d.]+[kMB]? ♥/);
      await page.waitForTimeout(300); // the list settles
      await shot?.('completion list');

      await widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${RENAMED.to}$`) }) }).click();
      await waitForText(page, (t) => t.includes(`model = AutoModel.from_pretrained("${RENAMED.to}")`), 'the chosen id replaces the typed text');
    },
  },
  {
    name: 'code insights: shows a hover card for a repo id',
    async run({ page, shot }) {
      // The cursor is still inside the id the journey before inserted.
      await runCommand(page, 'Show or Focus Hover');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Open card' });
      await hover.waitFor({ timeout: 10_000 });
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, new RegExp(`${RENAMED.to.replace('/', '\\/')} · Model`));
      assert.match(text, /fill-mask · transformers · License: apache-2\.0/);
      assert.match(text, /[\d.]+[kMB]? downloads · [\d.]+[kMB]? likes · updated \d+\w+ ago/);
      assert.match(text, /Open card\s*·\s*Open on Hub/);
      // The README's first paragraph, as text.
      assert.match(text, /Placeholder card written for the local test Hub\./);
      await shot?.('hover card');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'code insights: flags a renamed repo and applies its quick fix',
    async run({ page, shot }) {
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`\ntokenizer = AutoTokenizer.from_pretrained("${RENAMED.from}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await waitForText(page, (t) => t.includes(`tokenizer = AutoTokenizer.from_pretrained("${RENAMED.from}")`), 'the line is typed');
      const squiggle = editor(page).locator('.squiggly-info');
      await squiggle.first().waitFor({ timeout: 10_000 });
      // The squiggle is drawn under the text: hover the string itself.
      await editor(page).locator('.view-lines span span', { hasText: `"${RENAMED.from}"` }).last().hover();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'was renamed to' });
      await hover.waitFor();
      assert.match((await hover.innerText()).replace(/\u00a0/g, ' '), new RegExp(`"${RENAMED.from}" was renamed to "${RENAMED.to.replace('/', '\\/')}"`));
      await shot?.('diagnostic');

      // Ctrl+. in the id opens its quick fixes.
      await page.keyboard.press('Escape');
      await editor(page).locator('.view-lines span span', { hasText: `"${RENAMED.from}"` }).last().click();
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
      await menu.waitFor();
      const fix = menu.locator('.monaco-list-row', { hasText: `Use "${RENAMED.to}"` });
      await fix.waitFor({ timeout: 5_000 }).catch(async () => assert.fail(`quick fixes: ${await menu.innerText()}`));
      await shot?.('quick fix menu');
      await fix.click();
      await waitForText(page, (t) => t.includes(`tokenizer = AutoTokenizer.from_pretrained("${RENAMED.to}")`), 'the quick fix replaces the id');
      await squiggle.first().waitFor({ state: 'detached', timeout: 10_000 });
      await page.mouse.move(0, 0);
    },
  },
];
