// UI journeys for "Insert transformers/diffusers snippet": from a model row's context menu in the Models tree into
// a Python file, and from the command palette (search as you type) into a new file. The expected code is what
// @huggingface/tasks produces for the model's details as the embedded Hub serves them, plus the extension's framing.
// `ctx` is { page, hub, shot? } (see run.mjs).
import assert from 'node:assert/strict';
import { MODEL_LIBRARIES_UI_ELEMENTS } from '@huggingface/tasks';
import { activeEditorText, expandPane, listedModel, openViewContainer, pane, quickPickRow, startCommand, waitForRows } from './workbench.mjs';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Hub's snippet strings for a model, computed here from the embedded Hub's detail body. */
async function hubSnippets(hub, id) {
  const body = await (await fetch(`${hub.url}/api/models/${id}`)).json();
  return { body, snippets: MODEL_LIBRARIES_UI_ELEMENTS[body.library_name].snippets(body) };
}

async function waitForQuickTitle(page, title) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
}

/**
 * Waits until the active editor shows `expected`, and returns what it shows as { lines, count }: the rendered lines
 * that are not blank (the rendered text drops empty lines) and the number of lines in the editor (its line numbers).
 */
async function waitForEditorText(page, expected, timeout = 10_000) {
  const editor = page.locator('.editor-group-container.active .editor-instance .monaco-editor');
  const nonBlank = (s) => s.split('\n').filter((l) => l.trim() !== '');
  const want = { lines: nonBlank(expected), count: expected.split('\n').length };
  let shown;
  for (const deadline = Date.now() + timeout; Date.now() < deadline; ) {
    const text = await activeEditorText(page).catch(() => '');
    const numbers = await editor.locator('.line-numbers').allInnerTexts().catch(() => []);
    shown = { lines: nonBlank(text), count: Math.max(0, ...numbers.map(Number).filter(Number.isFinite)) };
    if (JSON.stringify(shown) === JSON.stringify(want)) break;
    await page.waitForTimeout(150);
  }
  return { shown, want };
}

/** A new untitled file in Python mode, holding `text`. */
async function newPythonFile(page, text) {
  await startCommand(page, 'File: New Untitled Text File');
  await page.locator('.tabs-container .tab.active', { hasText: /^Untitled-\d+/ }).waitFor();
  await startCommand(page, 'Change Language Mode');
  await page.locator('.quick-input-widget input').fill('python');
  await quickPickRow(page, 'Python').first().click();
  await page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.type(text);
}

export const snippetJourneys = [
  {
    name: 'inserts a transformers snippet into a Python file from a model’s context menu in the Models tree',
    async run({ page, hub, shot }) {
      await openViewContainer(page, 'Hugging Face');
      await expandPane(page, 'Models');
      await waitForRows(page, 'Models', (rows) => rows.length > 3 && !rows[0].includes('Loading'));
      // A model shown in the tree that the Hub has plain (not chat) transformers code for.
      const { body: model, labels } = await listedModel(
        page,
        hub,
        (body) => body.library_name === 'transformers' && !body.gated && !body.tags?.includes('conversational') && body.transformersInfo?.processor === 'AutoTokenizer',
        { rows: 12 },
      );
      assert.ok(model, `a plain transformers model among the first rows: ${JSON.stringify(labels)}`);
      const { snippets } = await hubSnippets(hub, model.id);
      const variant = snippets.find((s) => s.startsWith('# Load model directly'));
      assert.ok(variant, `the Hub has a "Load model directly" snippet for ${model.id}`);

      await newPythonFile(page, 'from transformers import AutoTokenizer\n\n');
      const row = pane(page, 'Models')
        .locator('.monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(model.id)}$`) }) });
      await row.click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item', { has: page.locator('.action-label', { hasText: /^Insert transformers snippet$/ }) });
      await item.waitFor();
      await page.waitForTimeout(300); // the menu fades in
      await shot?.('context menu');
      await item.click();

      // The Hub shows two variants for this model; pick "Load model directly".
      await waitForQuickTitle(page, `Transformers snippet for ${model.id}`);
      await shot?.('variant picker');
      await quickPickRow(page, 'Load model directly').first().click();

      // The file already imports AutoTokenizer: only the missing name is imported.
      const expected = `from transformers import AutoTokenizer\n\n${variant.replace(/^from transformers import AutoTokenizer, (\w+)$/m, 'from transformers import $1')}\n`;
      assert.notEqual(expected, `from transformers import AutoTokenizer\n\n${variant}\n`, 'the snippet imports AutoTokenizer too');
      const { shown, want } = await waitForEditorText(page, expected);
      assert.deepEqual(shown, want);
    },
  },
  {
    name: 'inserts a diffusers snippet into a new file from the command palette, searching models as you type',
    async run({ page, hub }) {
      // Close the Python file of the journey before, so the snippet goes to a new file.
      await startCommand(page, 'View: Revert and Close Editor');
      await page.locator('.tabs-container .tab', { hasText: /^from transformers import AutoTokenizer/ }).waitFor({ state: 'detached' });
      const { snippets } = await hubSnippets(hub, 'stabilityai/stable-diffusion-2-1');
      const [install, code] = snippets;

      await startCommand(page, 'Hugging Face: Insert diffusers snippet');
      await waitForQuickTitle(page, 'Insert diffusers snippet');
      await page.locator('.quick-input-widget input').fill('stable-diffusion-2');
      const row = quickPickRow(page, 'stabilityai/stable-diffusion-2-1');
      await row.first().waitFor({ timeout: 10_000 });
      const search = hub.requests.filter((r) => r.path === '/api/models' && new URLSearchParams(r.query).get('search') === 'stable-diffusion-2');
      assert.ok(
        search.some((r) => new URLSearchParams(r.query).getAll('filter').includes('diffusers')),
        `the picker searched diffusers models only: ${JSON.stringify(search.map((r) => r.query))}`,
      );
      await row.first().click();

      // A new untitled file (its tab is named after its first line) holds the install comment and the code.
      await page.locator('.tabs-container .tab.active', { hasText: /^# pip install .*Untitled-\d+/ }).waitFor();
      const expected = `# ${install}\n${code}\n`;
      const { shown, want } = await waitForEditorText(page, expected);
      assert.deepEqual(shown, want);
    },
  },
];
