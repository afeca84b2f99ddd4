// UI journey for "Use this model…" on a GGUF repo: the palette asks for the id, the picker shows the Hub's groups
// (Local apps for this repo), Ollama asks which quant (sizes and fit marks against this machine), and the command goes
// into a new editor. The expected command is what @huggingface/tasks' Ollama snippet writes for that file. A GGUF card
// shows the facts its file's own header gives.
// `ctx` is { page, hub, shot? } (see run.mjs).
import assert from 'node:assert/strict';
import { LOCAL_APPS } from '@huggingface/tasks';
import { cardFrame, closeTab, openCard, rendered, until } from './card-journeys.mjs';
import { activeEditorText, startCommand } from './workbench.mjs';

const GGUF = 'saltmarsh/Kestrel-2-0.5B-Instruct-GGUF';
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function quickRow(page, label) {
  return page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`${escapeRegExp(label)}$`) }) });
}

export const useModelJourneys = [
  {
    name: 'Use this model on a GGUF repo: local apps, the quant picker with sizes and fit marks, the Ollama command in a new editor',
    async run({ page, hub, shot }) {
      await startCommand(page, 'Hugging Face: Use this model…');
      const input = page.locator('.quick-input-widget input');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Use this model' }).waitFor();
      await input.fill(GGUF);
      await input.press('Enter');

      await page.locator('.quick-input-widget .quick-input-title', { hasText: `Use ${GGUF}` }).waitFor({ timeout: 10_000 });
      await quickRow(page, 'llama.cpp').first().waitFor();
      const separators = await page.locator('.quick-input-list .quick-input-list-separator').allInnerTexts();
      assert.ok(separators.some((s) => s.includes('Local apps')), `groups: ${JSON.stringify(separators)}`);
      await shot?.('use this model picker');
      // The list is long (every app the Hub offers for a GGUF repo): filter it as a user would.
      await input.fill('Ollama');
      await quickRow(page, 'Ollama').first().waitFor();
      await quickRow(page, 'Ollama').first().click();

      await page.locator('.quick-input-widget .quick-input-title', { hasText: `Ollama: which quant of ${GGUF}?` }).waitFor({ timeout: 10_000 });
      const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      assert.equal(rows.length, 4, JSON.stringify(rows));
      assert.ok(rows.every((r) => /\b(fits|tight|too big)\b/.test(r) && /\d+(\.\d+)? (MB|GB)/.test(r)), JSON.stringify(rows));
      await page.waitForTimeout(300); // the picker fades in
      await shot?.('quant picker');
      // Chosen with the keyboard, as the list may still be fading in under the pointer.
      await page.locator('.quick-input-widget input').fill('Q4_K_M');
      await quickRow(page, 'Q4_K_M').first().waitFor();
      await page.keyboard.press('Enter');

      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Ollama: Ollama' }).waitFor();
      await quickRow(page, 'Open in a new editor').first().click();
      const expected = LOCAL_APPS.ollama.snippet(/** @type {import('@huggingface/tasks').ModelData} */ ({ id: GGUF, tags: [], inference: '' }), 'Kestrel-2-0.5B-Instruct-Q4_K_M.gguf');
      let text = '';
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && text.trim() !== expected; ) {
        text = await activeEditorText(page).catch(() => '');
        await page.waitForTimeout(150);
      }
      assert.equal(text.trim(), expected);
      assert.ok(hub.requests.some((r) => r.path === `/api/models/${GGUF}` && r.query.includes('gguf')), 'details asked with expand[]=gguf');
    },
  },
  {
    name: 'a GGUF card shows its parameters, then what its Q4_K_M file header says',
    async run({ page, shot }) {
      const big = 'saltmarsh/Aurora-2-70B-Instruct-GGUF';
      await openCard(page, big);
      const frame = await cardFrame(page, big);
      await rendered(frame);
      const line = await until(frame, 'the GGUF header fact', () => {
        const dd = document.querySelector('#gguf-fact dd');
        return dd && /^Q4_K_M · /.test(dd.textContent ?? '') ? { text: dd.textContent, title: dd.getAttribute('title') } : undefined;
      });
      assert.match(line.text ?? '', /^Q4_K_M · qwen2 · 70\.6B parameters · 32,768-token context$/);
      assert.equal(line.title, 'Read from the header of Aurora-2-70B-Instruct-Q4_K_M.gguf');
      const params = await frame.evaluate(() => [...document.querySelectorAll('.fact')].find((f) => f.querySelector('dt')?.textContent === 'Parameters')?.querySelector('dd')?.textContent);
      assert.equal(params, '70.6B');
      await shot?.('GGUF card header');
      await closeTab(page, big);
    },
  },
  {
    name: 'the quant picker of a 70B GGUF repo marks the quants too big for this machine',
    async run({ page, shot }) {
      const big = 'saltmarsh/Aurora-2-70B-Instruct-GGUF';
      await startCommand(page, 'Hugging Face: Use this model…');
      const input = page.locator('.quick-input-widget input');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Use this model' }).waitFor();
      await input.fill(big);
      await input.press('Enter');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `Use ${big}` }).waitFor({ timeout: 10_000 });
      await input.fill('Ollama');
      await quickRow(page, 'Ollama').first().click();
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `Ollama: which quant of ${big}?` }).waitFor({ timeout: 10_000 });
      const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      assert.ok(rows.some((r) => /too big/.test(r)), JSON.stringify(rows));
      await page.waitForTimeout(300); // the picker fades in
      await shot?.('quant picker, 70B');
      await page.keyboard.press('Escape');
    },
  },
];
