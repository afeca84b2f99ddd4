// UI journeys for what a card may hide and where its links go, in the real card webview: the hostile card
// test/fixtures/xss/datasets/xss-test/cloaks-and-spills. The front matter the Hub hides stays hidden, collapsed
// content stays inside its <details>, the status line names a link's real host before it is clicked, and a link to
// another site asks first, with the exact address. `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { cardFrame, closeTab, openCard, rendered, staticOracle } from './card-journeys.mjs';

const ID = 'xss-test/cloaks-and-spills';

export const linkJourneys = [
  {
    name: 'a hostile card hides what the Hub hides, keeps <details> closed, and shows where each link goes',
    async run({ page, hub, shot }) {
      try {
        await openCard(page, `datasets/${ID}`);
        const frame = await cardFrame(page, ID);
        const { text } = await rendered(frame);
        assert.deepEqual(await frame.evaluate(staticOracle, [hub.url]), [], 'static oracle');
        assert.equal(await frame.evaluate(() => window.__xss ?? null), null, 'the canary stays unset');
        assert.doesNotMatch(text, /Cloaked heading|cloaked link/, 'the text between `...` and `---` is not shown');

        const spill = await frame.evaluate(() =>
          [...document.querySelectorAll('article.readme p')]
            .filter((p) => p.textContent?.startsWith('Collapsed paragraph'))
            .filter((p) => !p.closest('details'))
            .map((p) => p.textContent?.slice(0, 40)),
        );
        assert.deepEqual(spill, [], 'every collapsed paragraph is inside its <details>');

        const disguised = frame.locator('article.readme a', { hasText: 'huggingface.co/docs/hub' }).first();
        await disguised.hover();
        const status = frame.locator('.link-status');
        await status.waitFor({ state: 'visible', timeout: 5000 });
        assert.equal(await status.locator('strong').innerText(), 'evil.example', 'the status line names the real host, in bold');
        assert.match(await status.innerText(), /https:\/\/evil\.example\/phish/);
        await shot('link-status-line');

        const hrefOf = (name) => frame.locator('article.readme a', { hasText: name }).first().getAttribute('href');
        // The UI tier's Hub runs on this machine, so links to local addresses are allowed here (the unit tests cover
        // their refusal from a public Hub); the rest is refused whatever the Hub.
        for (const name of ['Hub page', 'Write to us', 'gpj.exe', 'a target with an override', 'an isolate']) {
          assert.equal(await hrefOf(name), null, `${name}: refused, not linked`);
        }
        // Markdown escapes a backslash in a destination (%5C), so these stay on the Hub rather than naming a host.
        for (const name of ['Hub login', 'Hub settings']) {
          const href = await hrefOf(name);
          assert.ok(href === null || new URL(href).origin === new URL(hub.url).origin, `${name}: ${href}`);
        }

        const dialog = page.locator('.monaco-dialog-box');
        await disguised.click();
        await dialog.waitFor({ timeout: 10_000 });
        const shown = await dialog.innerText();
        assert.match(shown, /evil\.example/, shown);
        assert.match(shown, /https:\/\/evil\.example\/phish/, 'the dialog shows the exact address');
        assert.match(shown, /Open Link/);
        assert.match(shown, /Copy Link/);
        await shot('link-confirmation');
        await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      } finally {
        await closeTab(page, ID);
      }
    },
  },
];
