// The page side of card-dom.test.ts, bundled by it and run in Chromium: the card's own pipeline (markdown-it, the
// chunker, the card sanitiser with its hooks) rendering a README in pieces, each added as the card page adds it, and at
// once, each to the DOM it builds.
import { SlugCounter } from '../../src/cards/anchors';
import { createCardMarkdown } from '../../src/cards/markdown';
import { appendReadmePiece, continuedHtml, sanitizeCard } from '../../webview/cardHtml';
import { CardChunks } from '../../webview/chunks';

const md = createCardMarkdown();
/** @type {import('../../src/cards/urls').CardLocation} */
const location = { endpoint: 'https://huggingface.co', type: 'model', id: 'org/model', revision: 'abc123' };

/** The element tree under `root` as markup, without the boxes pieces are shown in (adjacent text merged). */
function tree(root) {
  for (const box of root.querySelectorAll(':scope > .readme-piece')) {
    box.replaceWith(...box.childNodes);
  }
  root.normalize();
  return root.innerHTML;
}

/** The DOM of `text` rendered in pieces of about `groupChars` (as the card page does) and rendered whole. */
function compare(text, groupChars, engine) {
  const chunks = new CardChunks(md, text, groupChars);
  chunks.parse();
  const slugs = new SlugCounter();
  const pieces = document.createElement('article');
  let continued = 0;
  for (let i = 0; i < chunks.length; i++) {
    const inside = chunks.continues(i);
    continued += inside.length > 0 ? 1 : 0;
    appendReadmePiece(pieces, sanitizeCard(continuedHtml(chunks.html(i), inside), location, 'huggingface', slugs, engine), inside.length);
  }
  const whole = document.createElement('article');
  whole.append(sanitizeCard(md.render(text), location, 'huggingface', new SlugCounter(), engine));
  return { pieces: tree(pieces), whole: tree(whole), count: chunks.length, continued };
}

globalThis.cardDom = { compare };
