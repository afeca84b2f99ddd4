import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCardMarkdown } from '../../src/cards/markdown';
import { CardChunks } from '../../webview/chunks';
import { OpenElements } from '../../webview/openElements';

function settledAfter(...html: string[]): boolean {
  const open = new OpenElements();
  for (const h of html) {
    open.feed(h);
  }
  return open.settled;
}

/** The pieces of `text`, cut as small as the chunker allows (a group of one character). */
function pieces(text: string): string[] {
  const md = createCardMarkdown();
  const chunks = new CardChunks(md, text, 1);
  assert.equal(chunks.parse(), true);
  return Array.from({ length: chunks.length }, (_, i) => chunks.html(i));
}

const filler = 'A paragraph inside.\n\n'.repeat(20);

describe('what card HTML leaves open', () => {
  it('reads end tags inside quoted attribute values and comments as text', () => {
    assert.equal(settledAfter('<details><summary>S</summary><i title="></details>"></i>'), false);
    assert.equal(settledAfter("<details><b title='</details>'></b>"), false);
    assert.equal(settledAfter('<details><!-- </details> -->'), false);
    assert.equal(settledAfter('<details><style></details></style>'), false);
    assert.equal(settledAfter('<details><summary>S</summary></details>'), true);
    assert.equal(settledAfter('<!-- <details> -->'), true);
    assert.equal(settledAfter('<img alt="<details>">'), true);
  });

  it('follows HTML where `/>` opens and formatting elements are reopened', () => {
    assert.equal(settledAfter('<details/>'), false);
    assert.equal(settledAfter('<br/><hr/>'), true);
    assert.equal(settledAfter('<div><b>bold</div>'), false, 'the parser reopens <b> in the next block');
    assert.equal(settledAfter('<div><b>bold</b></div>'), true);
    assert.equal(settledAfter('<span><div></span>'), false, '</span> cannot close past a <div>');
  });

  it('is resumable: a tag or a quote may run across calls', () => {
    assert.equal(settledAfter('<details title="a', '</details>', '">'), false);
    assert.equal(settledAfter('<details title="a', '</details>', '">', '</details>'), true);
    assert.equal(settledAfter('<div', ' class="x">'), false);
  });

  it('gives up on markup it does not model, for the rest of the card', () => {
    assert.equal(settledAfter('<svg></svg>'), false);
    assert.equal(settledAfter('<plaintext>'), false);
  });

  it('never cuts a card inside a <details> whose end tag hides in an attribute value', () => {
    const text = `<details><summary>More</summary>\n<i title="></details>"></i>\n\n${filler}</details>\n\n${'Tail.\n\n'.repeat(20)}`;
    const html = pieces(text);
    const closing = html.findIndex((piece) => piece.includes('</details>\n'));
    assert.equal(closing, 0, 'the <details> and what it holds are one piece');
    assert.ok(html.length > 2, 'the tail is still cut');
  });

  it('never cuts inside a <details> opened by inline HTML in a paragraph', () => {
    const text = `Intro <details> here\n\n${filler}</details>\n\n${'Tail.\n\n'.repeat(20)}`;
    const html = pieces(text);
    assert.match(html[0], /<\/details>/);
  });
});
