// UI journey "download": from the palette, pick files by name with their sizes, confirm what will move, watch the
// progress notification (the CDN drips the weights so there is time to see it), and read the done notification.
// The extension writes into the run's own HF_HUB_CACHE (run.mjs), never the machine's cache.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { quickPickItems, quickPickRow, runCommand, waitForQuickInput } from './workbench.mjs';

const REPO = 'hub-test/download-small';

/**
 * The notifications' messages, in the notification center (headless Chromium has no window focus, and VS Code then
 * keeps new notifications in the center instead of showing them as toasts).
 */
function notifications(page) {
  return page.locator('.notifications-center .notification-list-item-message');
}

export const downloadJourneys = [
  {
    name: 'download: picks files with their sizes, watches the progress, and is told where they went',
    timeout: 120_000,
    async run({ page, hub, shot }) {
      const drip = hub.inject({ on: 'cdn', match: 'model.safetensors', dripMs: 60, dripBytes: 64 * 1024 });
      try {
        await runCommand(page, 'Hugging Face: Download…', { opens: 'Download' });
        await page.locator('.quick-input-widget input').fill(REPO);
        await page.keyboard.press('Enter');

        await waitForQuickInput(page, `Download ${REPO}`);
        const what = await quickPickItems(page);
        assert.match(what[0].label, /Whole repo$/);
        assert.match(what[0].description, /^\d+ files · [\d.]+ MB$/, JSON.stringify(what));
        await shot('what to download, with sizes');
        await quickPickRow(page, /Choose files…$/).first().click();

        await waitForQuickInput(page, `Download ${REPO}: choose files`);
        const files = await quickPickItems(page);
        const weights = files.find((f) => f.label === 'model.safetensors');
        assert.ok(weights && /MB$/.test(weights.description), `model.safetensors with its size: ${JSON.stringify(files)}`);
        for (const name of ['config.json', 'model.safetensors', 'tokenizer.json']) {
          await quickPickRow(page, name).first().locator('.monaco-checkbox, input[type=checkbox]').first().click();
        }
        await shot('choose files with their sizes');
        await page.locator('.quick-input-widget input').focus(); // Enter in the list toggles a row; in the input it accepts
        await page.keyboard.press('Enter');

        await waitForQuickInput(page, `Download ${REPO}: revision`);
        await page.keyboard.press('Enter');

        await page.locator('.quick-input-widget .quick-input-title', { hasText: `Download ${REPO} at main` }).waitFor();
        const confirm = await quickPickItems(page);
        assert.match(confirm[0].label, /Download 3 files, [\d.]+ MB$/, JSON.stringify(confirm));
        await shot('the confirmation before anything moves');
        await page.keyboard.press('Enter');

        await page.locator('.statusbar-item', { hasText: REPO }).first().waitFor({ timeout: 20_000 });
        await runCommand(page, 'Notifications: Show Notifications');
        const progress = notifications(page).filter({ hasText: `Downloading ${REPO}` });
        await progress.first().waitFor({ timeout: 20_000 });
        // Bytes of the total, the rate and the time left, the current file (the core reports after each 1 MB written).
        await page.locator('.notifications-center', { hasText: / of [\d.]+ MB · [\d.]+ [kM]B\/s · \d+ s left · model\.safetensors/ }).waitFor({ timeout: 20_000 });
        await shot('progress: bytes, rate, time left, current file, Cancel');
        hub.clearFaults(drip);

        const done = notifications(page).filter({ hasText: `Downloaded ${REPO}` });
        await done.first().waitFor({ timeout: 60_000 });
        const text = await done.first().innerText();
        assert.match(text, /models--hub-test--download-small[\\/]snapshots[\\/][0-9a-f]{40}/, text);
        for (const action of ['Reveal', 'Copy Path', 'Insert Load Code']) {
          await page.locator('.notifications-center .monaco-button', { hasText: action }).first().waitFor();
        }
        await shot('done: where it went, Reveal, Copy Path, Insert Load Code');
      } finally {
        hub.clearFaults(drip);
      }
    },
  },
];
