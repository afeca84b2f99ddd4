// The browser's Sanitizer API and DOMPurify must build the same card DOM (webview/nativeSanitizer.ts): the card page uses
// the first where the webview's Chromium has it, the second elsewhere, and a user must not see a difference. Over every
// fixture card, with each image policy, the two DOMs are equal; over the hostile corpus, neither holds anything that
// could run or load from where it should not. Runs in headless Chromium, as card-dom.test.ts does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { prepareReadme } from '../../src/cards/prepare';
import { hostilePlans } from '../hub-server/hostile.mjs';
import { openTestPage } from './chromium-page';
import { readmes } from './fixture-cards';

interface Compared {
  native: string;
  dompurify: string;
  hazards: string[];
  purifyHazards: string[];
}
type Images = 'huggingface' | 'any' | 'none';

describe('card sanitisers: the Sanitizer API and DOMPurify build the same DOM (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ browser, page } = await openTestPage('card-sanitizers-page.mjs'));
  });

  after(async () => {
    await browser?.close();
  });

  const compare = (text: string, images: Images) =>
    page.evaluate(([t, i]) => (globalThis as unknown as { cardSanitizers: { compare(t: string, i: Images): Compared } }).cardSanitizers.compare(t, i), [text, images] as const);

  it('this Chromium has the Sanitizer API (the webview path under test)', async () => {
    assert.equal(await page.evaluate(() => (globalThis as unknown as { cardSanitizers: { available(): boolean } }).cardSanitizers.available()), true);
  });

  it('for every fixture card, with each image policy', async () => {
    const cards = [...readmes('generated-cards'), ...readmes('authored-cards')];
    assert.ok(cards.length > 150, `${cards.length} cards`);
    for (const [name, text] of cards) {
      for (const images of ['huggingface', 'any', 'none'] as const) {
        const result = await compare(text, images);
        assert.equal(result.native, result.dompurify, `${name} (images: ${images})`);
        assert.deepEqual(result.hazards, [], name);
      }
    }
  });

  it('for every hostile card neither DOM holds an element, attribute or address outside the allowlists', async () => {
    const cards: [string, string][] = [
      ...readmes('xss'),
      ...hostilePlans().map((plan): [string, string] => [`hostile ${plan.id}`, prepareReadme(plan.body()).body]),
    ];
    assert.ok(cards.length >= 15, `${cards.length} hostile cards`);
    let same = 0;
    for (const [name, text] of cards) {
      const result = await compare(text, 'any');
      assert.deepEqual(result.hazards, [], `${name}: the Sanitizer API`);
      assert.deepEqual(result.purifyHazards, [], `${name}: DOMPurify`);
      same += result.native === result.dompurify ? 1 : 0;
    }
    console.log(`# ${same} of ${cards.length} hostile cards build the same DOM with both`);
  });
});
