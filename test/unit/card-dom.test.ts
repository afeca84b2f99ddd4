// A card rendered in pieces must build the same DOM as the card rendered at once, in a real browser: the chunker
// (webview/chunks.ts) cuts only where the HTML so far leaves nothing open, and DOMPurify parses each piece alone. Runs
// the card's own pipeline in headless Chromium (the one the UI tier and the benchmark use) over every fixture card and
// every hostile card. It needs Chromium, as the UI tier does (`.ci/run` installs it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { prepareReadme } from '../../src/cards/prepare';
import { GROUP_CHARS } from '../../webview/chunks';
import { hostilePlans } from '../hub-server/hostile.mjs';
import { openTestPage } from './chromium-page';
import { readmes } from './fixture-cards';

interface Compared {
  pieces: string;
  whole: string;
  count: number;
  continued: number;
}

describe('card DOM in pieces equals the card DOM at once (Chromium)', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ browser, page } = await openTestPage('card-dom-page.mjs'));
  });

  after(async () => {
    await browser?.close();
  });

  const compare = (text: string, groupChars: number, engine?: 'native' | 'dompurify') =>
    page.evaluate(([t, g, e]) => (globalThis as unknown as { cardDom: { compare(t: string, g: number, e?: string): Compared } }).cardDom.compare(t, g, e), [text, groupChars, engine] as const);

  async function check(cards: [string, string][]): Promise<number> {
    let pieces = 0;
    for (const [name, text] of cards) {
      for (const groupChars of [GROUP_CHARS, 1]) {
        const result = await compare(text, groupChars);
        assert.equal(result.pieces, result.whole, `${name}, pieces of ${groupChars} characters (${result.count} pieces)`);
        pieces += result.count;
      }
    }
    return pieces;
  }

  it('for every generated fixture card', async () => {
    const cards = readmes('generated-cards');
    assert.ok(cards.length > 100);
    assert.ok((await check(cards)) > 2 * cards.length, 'the cards were really cut');
  });

  it('for long tables, lists, blockquotes and <details> blocks cut inside, and HTML the parser moves about', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `| row ${i} | **bold** ${i} | ${i === 7 ? '<b>left open' : '<i>closed</i>'} |`).join('\n');
    const items = Array.from({ length: 400 }, (_, i) => `- item ${i}\n\n  more of item ${i}`).join('\n');
    const quote = Array.from({ length: 400 }, (_, i) => `> quoted ${i}\n>`).join('\n');
    const details = `<details open><summary>More</summary>\n\n${'Inside <i>it</i>.\n\n'.repeat(400)}</details>\n\nAfter.`;
    const foster = `<table><tbody><tr><td>cell</td></tr>\n\n${'Moved out of the table.\n\n'.repeat(400)}</tbody></table>`;
    const inline = `Intro <details> here\n\n${'Paragraph.\n\n'.repeat(400)}</details>\n\nAfter.`;
    // Each card, and whether its pieces continue inside open elements.
    const cards: [string, string, boolean][] = [
      ['table', `| a | b | c |\n|---|---|---|\n${rows.replace('<b>left open', 'closed')}\n\nAfter.`, true],
      ['table with a <b> left open in a cell', `| a | b | c |\n|---|---|---|\n${rows}\n\nAfter.`, false],
      ['list', `${items}\n\nAfter.`, true],
      ['blockquote', `${quote}\n\nAfter.`, true],
      ['details', details, true],
      ['HTML table', foster, false],
      ['inline details', inline, true],
    ];
    for (const engine of ['native', 'dompurify'] as const) {
      for (const [name, text, continues] of cards) {
        const result = await compare(text, GROUP_CHARS, engine);
        assert.equal(result.pieces, result.whole, `${name}, ${engine} (${result.count} pieces)`);
        assert.equal(result.continued > 0, continues, `${name}: ${result.continued} of ${result.count} pieces continued inside open elements`);
      }
    }
  });

  it('moves continued rows into the open table of the box before, or gives them a box of their own when there is none', async () => {
    const result = await page.evaluate(() => (globalThis as unknown as { cardDom: { continuation(): unknown } }).cardDom.continuation());
    assert.deepEqual(result, {
      lined: { boxes: 1, tables: 1, cells: ['a', 'b'] },
      unlined: { boxes: 2, tables: 1 },
    });
  });

  it('for every hostile card: the XSS fixtures and the embedded Hub’s hostile repos', async () => {
    const cards: [string, string][] = [
      ...readmes('xss'),
      ...hostilePlans().map((plan): [string, string] => [`hostile ${plan.id}`, prepareReadme(plan.body()).body]).filter(([, body]) => body.trim() !== ''),
    ];
    assert.ok(cards.length >= 15, `${cards.length} hostile cards`);
    await check(cards);
  });
});
