// UI journeys of token counts in the real workbench (code-server + Chromium): a model chosen from the palette, the
// status bar count of the document and of the selection, the Show Tokens page and the chat-template preview with the
// generation prompt switched off. The tokenizer is Qwen 3's real one, which the embedded Hub serves from node_modules.
import assert from 'node:assert/strict';
import { until } from './card-journeys.mjs';
import { closeAllEditors, runCommand } from './workbench.mjs';

/** The inner frame of the webview whose page has `selector` (each webview is iframe.webview → #active-frame). */
async function frameWith(page, selector, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await page.locator('iframe.webview.ready').elementHandles()) {
      const inner = await (await (await handle.contentFrame())?.$('#active-frame'))?.contentFrame();
      if (await inner?.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false)) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(200);
  }
}

const statusItem = (page) => page.locator('.statusbar-item', { hasText: /tokens?$/ }).first();

export const tokensJourneys = [
  {
    name: 'tokens: choose a model, the status bar count, Show Tokens and the chat-template preview',
    timeout: 120_000,
    async run({ page, shot }) {
      await runCommand(page, 'File: New Untitled Text File');
      await page.locator('.tabs-container .tab.active', { hasText: /^Untitled-\d+/ }).waitFor();
      await page.keyboard.insertText('Hello world! Tokens are counted with the model’s own tokenizer 🦊\nnaïve café, 日本語\n');
      await runCommand(page, 'Hugging Face: Choose Tokenizer Model…', { opens: 'Choose Tokenizer Model' });
      await page.locator('.quick-input-widget input').fill('hub-test/chat-qwen3');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'use this model' }).first().click();
      await statusItem(page).waitFor({ timeout: 30_000 });
      const whole = (await statusItem(page).innerText()).trim();
      assert.match(whole, /^\d+ \/ 131,072 tokens$/);
      await shot('tokens-status-bar');

      // The selection's count is smaller than the document's.
      await page.locator('.editor-group-container.active .monaco-editor').first().click();
      await page.keyboard.press('ControlOrMeta+Home');
      await page.keyboard.press('Shift+End');
      await until(page.mainFrame(), 'the selection count', (before) => {
        const item = [...document.querySelectorAll('.statusbar-item')].find((n) => /tokens?$/.test(n.textContent ?? ''));
        return item && item.textContent !== before ? item.textContent : undefined;
      }, whole);
      await runCommand(page, 'Hugging Face: Show Tokens');
      const tokens = await frameWith(page, '.strip .tok');
      const pieces = await tokens.evaluate(() => [...document.querySelectorAll('.strip .tok')].map((n) => [n.textContent, n.getAttribute('title')]));
      assert.equal(pieces[0][0], 'Hello');
      assert.ok(pieces.some(([text]) => text === ' world'), JSON.stringify(pieces));
      assert.match(pieces[0][1], /^id \d+ · "Hello"$/);
      await shot('tokens-show-tokens');

      await runCommand(page, 'Hugging Face: Preview Chat Template');
      const preview = await frameWith(page, 'pre.prompt');
      const prompt = await until(preview, 'the prompt', () => document.querySelector('pre.prompt')?.textContent);
      assert.ok(prompt.startsWith('<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n'), prompt);
      assert.ok(prompt.endsWith('<|im_start|>assistant\n'), prompt);
      await until(preview, 'special tokens marked', () => document.querySelectorAll('.strip .tok.special').length >= 6);
      await shot('tokens-chat-template');
      await preview.locator('label.check', { hasText: 'add_generation_prompt' }).locator('input').uncheck();
      await until(preview, 'the prompt without the generation prompt', () => !document.querySelector('pre.prompt')?.textContent?.endsWith('<|im_start|>assistant\n'));
      await closeAllEditors(page);
    },
  },
];
