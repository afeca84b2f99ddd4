// The page side of card-dom.test.ts, bundled by it and run in Chromium: the card's own pipeline (markdown-it, the
// chunker, DOMPurify with the card hooks) rendering a README in pieces and at once, each to the DOM it builds.
import { SlugCounter } from '../../src/cards/anchors';
import { createCardMarkdown } from '../../src/cards/markdown';
import { sanitizeCard } from '../../webview/cardHtml';
import { CardChunks } from '../../webview/chunks';

const md = createCardMarkdown();
/** @type {import('../../src/cards/urls').CardLocation} */
const location = { endpoint: 'https://huggingface.co', type: 'model', id: 'org/model', revision: 'abc123' };

/** The element tree the fragments build once appended in order, as markup (adjacent text merged). */
function tree(fragments) {
  const root = document.createElement('article');
  root.append(...fragments);
  root.normalize();
  return root.innerHTML;
}

/** The DOM of `text` rendered in pieces of about `groupChars` (as the card page does) and rendered whole. */
function compare(text, groupChars) {
  const chunks = new CardChunks(md, text, groupChars);
  chunks.parse();
  const slugs = new SlugCounter();
  const pieces = [];
  for (let i = 0; i < chunks.length; i++) {
    pieces.push(sanitizeCard(chunks.html(i), location, 'huggingface', slugs));
  }
  return { pieces: tree(pieces), whole: tree([sanitizeCard(md.render(text), location, 'huggingface', new SlugCounter())]), count: chunks.length };
}

globalThis.cardDom = { compare };
