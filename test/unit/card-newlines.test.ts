// The card's markdown-it writes blocks without the newline markdown-it puts between them (src/cards/markdown.ts), so
// the page has a third fewer nodes to parse, sanitise and move. A reader must not see the difference: over every
// fixture and hostile card, laid out in Chromium with the card's stylesheet, the text a reader can select and the box
// of every element are the same as with the newlines.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createCardMarkdown, createCardMarkdownWithNewlines } from '../../src/cards/markdown';
import { MARKDOWN_CATEGORIES, readVectors } from '../hub-server/hostile.mjs';
import { openTestPage } from './chromium-page';
import { readmes } from './fixture-cards';

interface Shown {
  text: string;
  boxes: string[];
  nodes: number;
}

describe('card blocks without newlines between them', () => {
  const card = createCardMarkdown();
  const written = createCardMarkdownWithNewlines();

  it('leave soft breaks, hard breaks, code and raw HTML as they are written', () => {
    const text = '# Title\n\nline one\nline two  \nthree\n\n```py\nx = 1\n\ny = 2\n```\n\n<div align="center">\n<img src="a.png">\n<img src="b.png">\n</div>\n\n    indented\n    code\n';
    const html = card.render(text);
    assert.equal(html.length, written.render(text).length - 4, 'four newlines fewer: after the heading, the paragraph and the two code blocks');
    assert.match(html, /<p>line one\nline two<br>\nthree<\/p>/);
    assert.match(html, /<code class="language-py">x = 1\n\ny = 2\n<\/code>/);
    assert.match(html, /<div align="center">\n<img src="a.png">\n<img src="b.png">\n<\/div>\n/);
    assert.match(html, /<code>indented\ncode\n<\/code><\/pre>$/);
    assert.doesNotMatch(html, /<\/(?:h1|p|pre)>\n/);
  });

  describe('in Chromium, with the card stylesheet', () => {
    let browser: Browser;
    let page: Page;

    before(async () => {
      ({ browser, page } = await openTestPage('card-newlines-page.mjs'));
      await page.addStyleTag({ path: path.join(__dirname, '../../media/card.css') });
    });

    after(async () => {
      await browser?.close();
    });

    const compare = (text: string) => page.evaluate((t) => (globalThis as unknown as { cardNewlines: { compare(t: string): { card: Shown; written: Shown } } }).cardNewlines.compare(t), text);

    it('show the same text and the same boxes for every fixture and hostile card, with fewer nodes', async () => {
      const vectors = readVectors();
      const cards = [
        ...readmes('generated-cards'),
        ...readmes('authored-cards'),
        ...readmes('xss'),
        ...MARKDOWN_CATEGORIES.map((category): [string, string] => [`xss vectors: ${category}`, (vectors.get(category) ?? []).join('\n\n')]),
      ];
      assert.ok(cards.length > 200, `${cards.length} cards`);
      let fewer = 0;
      let nodes = 0;
      for (const [name, text] of cards) {
        const { card: ours, written: theirs } = await compare(text);
        assert.equal(ours.text, theirs.text, `${name}: the text a reader selects`);
        assert.deepEqual(ours.boxes, theirs.boxes, `${name}: the boxes of its elements`);
        fewer += theirs.nodes - ours.nodes;
        nodes += theirs.nodes;
      }
      assert.ok(fewer > nodes / 5, `${fewer} of ${nodes} nodes fewer`);
    });
  });
});
