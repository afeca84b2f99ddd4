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
  // A piece may end here with nothing left open: no containers to continue inside.
  return open.containers?.length === 0;
}

/** The pieces of `text` cut as small as the chunker allows, and the containers each continues inside. */
function cut(text: string): { html: string[]; inside: string[] } {
  const chunks = new CardChunks(createCardMarkdown(), text, 1);
  assert.equal(chunks.parse(), true);
  const indices = Array.from({ length: chunks.length }, (_, i) => i);
  return { html: indices.map((i) => chunks.html(i)), inside: indices.map((i) => chunks.continues(i).join(' ')) };
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

  it('keeps a <details> whose end tag hides in an attribute value open: the pieces continue inside it', () => {
    const text = `<details><summary>More</summary>\n<i title="></details>"></i>\n\n${filler}</details>\n\n${'Tail.\n\n'.repeat(20)}`;
    const { html, inside } = cut(text);
    const closing = html.findIndex((piece) => piece.includes('</details>\n'));
    assert.ok(closing > 2, `closed in piece ${closing}`);
    assert.deepEqual(inside.slice(1, closing + 1), Array(closing).fill('details'));
    assert.deepEqual(inside.slice(closing + 1), Array(html.length - closing - 1).fill(''), 'the tail starts at the top level');
  });

  it('keeps a <details> opened by inline HTML in a paragraph open: the pieces continue inside it', () => {
    const text = `Intro <details> here\n\n${filler}</details>\n\n${'Tail.\n\n'.repeat(20)}`;
    const { html, inside } = cut(text);
    assert.doesNotMatch(html[0], /<\/details>/);
    const closing = html.findIndex((piece) => piece.includes('</details>'));
    assert.ok(closing > 2, `closed in piece ${closing}`);
    assert.deepEqual(inside.slice(1, closing + 1), Array(closing).fill('details'));
  });

  it('lists the open containers only where a piece may continue inside them', () => {
    const containers = (...html: string[]) => {
      const open = new OpenElements();
      html.forEach((h) => open.feed(h));
      return open.containers?.join(' ');
    };
    assert.equal(containers(''), '');
    assert.equal(containers('<details><summary>S</summary>'), 'details');
    assert.equal(containers('<div><blockquote><ul><li>'), 'div blockquote ul li');
    assert.equal(containers('<details><summary>'), undefined);
    assert.equal(containers('<div><b>bold</div>'), undefined, 'a formatting element to reopen');
    assert.equal(containers('<details title="a'), undefined, 'inside a tag');
    assert.equal(containers('<table>'), undefined);
    assert.equal(containers('<table><tbody><tr>'), undefined);
    assert.equal(containers('<section>'), undefined);
    assert.equal(containers('<svg>'), undefined);
  });
});
