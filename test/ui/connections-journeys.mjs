// UI journeys of the Hub's connections in the real workbench: a model card's model tree (its base opens by keyboard,
// a derived count lists those models in the Models view) and a Space card whose build finishes while it is shown.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { cardFrame, closeTab, openCard, rendered, until } from './card-journeys.mjs';

const CHAT = 'kestrel-labs/Kestrel-2-7B-Instruct';
const BASE = 'kestrel-labs/Kestrel-2-7B';
const SPACE = 'pngwn/test';

export const connectionsJourneys = [
  {
    name: 'A model card’s model tree: the base opens with the keyboard, a derived count lists those models in the Models view',
    timeout: 90_000,
    async run({ page, shot }) {
      await openCard(page, CHAT);
      const card = await cardFrame(page, CHAT);
      const { violations } = await rendered(card);
      assert.deepEqual(violations, []);
      await until(card, 'the derived counts', () => document.querySelectorAll('#model-tree ul.derived button').length > 0);
      const tree = await card.evaluate(() => ({
        bases: [...document.querySelectorAll('#model-tree ul.bases li')].map((li) => li.textContent),
        derived: [...document.querySelectorAll('#model-tree ul.derived button')].map((b) => b.textContent),
      }));
      assert.deepEqual(tree.bases, [`Finetune of ${BASE}`]);
      assert.deepEqual(tree.derived, ['Adapters 1', 'Quantizations 1']);
      await card.locator('#model-tree').scrollIntoViewIfNeeded();
      await shot('card-model-tree');

      // The count is a list at the top of the Models view, with its one model.
      await card.locator('#model-tree ul.derived button', { hasText: 'Quantizations' }).click();
      const row = page.locator('.pane .monaco-list-row', { hasText: `Quantizations of ${CHAT}` });
      await row.first().waitFor({ timeout: 15_000 });
      await page.locator('.pane .monaco-list-row', { hasText: 'saltmarsh/Kestrel-2-7B-Instruct-GGUF' }).first().waitFor({ timeout: 15_000 });
      await shot('models-view-related');

      // The base model's link is a button: Tab reaches it, Enter opens its card.
      const again = await cardFrame(page, CHAT);
      await again.locator('#model-tree ul.bases button').focus();
      await page.keyboard.press('Enter');
      const base = await cardFrame(page, BASE);
      await rendered(base);
      await closeTab(page, BASE);
      await closeTab(page, CHAT);
    },
  },
  {
    name: 'A building Space’s card follows its build in place until it runs, then offers Open app',
    timeout: 90_000,
    async run({ page, shot }) {
      await openCard(page, `spaces/${SPACE}`);
      const card = await cardFrame(page, SPACE);
      await until(card, 'the runtime section', () => document.querySelector('#space-runtime dd.stage')?.textContent === 'Building');
      assert.equal(await card.locator('#space-runtime vscode-button[data-action="openApp"]').count(), 0, 'no Open app while it builds');
      // The stage is said once, in the Runtime section, so it cannot go stale in the header's SDK fact.
      assert.equal(await card.evaluate(() => [...document.querySelectorAll('dt')].find((dt) => dt.textContent === 'SDK')?.nextElementSibling?.textContent), 'gradio');
      await card.locator('#space-runtime').scrollIntoViewIfNeeded();
      await shot('card-space-building');
      await until(card, 'the Space to run', () => document.querySelector('#space-runtime dd.stage')?.textContent === 'Running', undefined, 30_000);
      const shown = await card.evaluate(() => ({
        actions: [...document.querySelectorAll('#space-runtime vscode-button')].map((b) => b.textContent),
        address: document.querySelector('#space-runtime p.note')?.textContent,
      }));
      assert.deepEqual(shown, { actions: ['Open app', 'Open app in VS Code'], address: 'https://pngwn-test.hf.space' });
      await shot('card-space-runtime');
      await closeTab(page, SPACE);
    },
  },
];
