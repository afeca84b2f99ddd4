// The card page's math typesetter (webview/math/loader.ts) in headless Chromium: every formula typeset or refused, a
// slice of formulas per task, KaTeX's work never in a frame callback, and typeset formulas entering the page only in
// frame callbacks, so a frame lays out only what the task before it typeset. It needs Chromium, as the UI tier does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openTestPage } from './chromium-page';

interface Entry {
  kind: 'frame' | 'render';
  inFrame?: boolean;
  shown: number;
}

interface Result {
  log: Entry[];
  counts: { typeset: number; refused: number };
  shown: number;
  refused: number;
  refusedTitles: boolean;
}

describe('math typesetting in slices (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ browser, page } = await openTestPage('math-loader-page.mjs'));
  });

  after(async () => {
    await browser?.close();
  });

  it('typesets every formula, a slice per task, outside frames, and shows them in the next frame', async () => {
    const count = 70;
    const result = await page.evaluate((n) => (globalThis as unknown as { mathLoader: { typesetAll(n: number): Promise<Result> } }).mathLoader.typesetAll(n), count);
    const renders = result.log.filter((e) => e.kind === 'render');
    assert.equal(renders.length, count);
    assert.equal(result.refused, 8, 'every seventh inline formula is refused and stays as its source');
    assert.ok(result.refusedTitles, 'a refused formula says why');
    assert.deepEqual(result.counts, { typeset: count - 8, refused: 8 });
    assert.equal(result.shown, count - 8);

    assert.deepEqual(renders.filter((e) => e.inFrame), [], 'KaTeX never runs inside a frame callback');
    // Between two frame callbacks the page shows what the last frame showed: formulas enter it only in frames.
    let lastShown = 0;
    let inSlice = 0;
    let longestSlice = 0;
    for (const entry of result.log) {
      if (entry.kind === 'frame') {
        assert.ok(entry.shown >= lastShown);
        lastShown = entry.shown;
        inSlice = 0;
      } else {
        assert.equal(entry.shown, lastShown, 'a formula entered the page outside a frame callback');
        longestSlice = Math.max(longestSlice, ++inSlice);
      }
    }
    // 0.7 ms a formula and a 2 ms slice: two or three per slice, so about thirty frames for seventy formulas.
    assert.ok(longestSlice <= 4, `${longestSlice} formulas in one slice`);
    assert.ok(result.log.filter((e) => e.kind === 'frame').length >= count / 4, 'the formulas were typeset over many frames');
  });
});
