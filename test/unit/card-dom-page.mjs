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
    appendReadmePiece(pieces, sanitizeCard(continuedHtml(chunks.html(i), inside), location, 'huggingface', slugs, engine), inside);
  }
  const whole = document.createElement('article');
  whole.append(sanitizeCard(md.render(text), location, 'huggingface', new SlugCounter(), engine));
  return { pieces: tree(pieces), whole: tree(whole), count: chunks.length, continued };
}

/**
 * Rows continued into a table (inside its table and tbody) after a box that ends with one, and after a box that ends with
 * something else: what each article then holds, as markup, and how many boxes.
 */
function continuation() {
  const open = ['table', 'tbody'];
  const rows = (from) => sanitizeCard(continuedHtml(`<tr>\n<td>${from}</td>\n</tr>\n</tbody>\n</table>\n`, open), location, 'huggingface');
  const lined = document.createElement('article');
  appendReadmePiece(lined, sanitizeCard('<p>Intro</p>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n', location, 'huggingface'));
  appendReadmePiece(lined, rows('b'), open);
  const unlined = document.createElement('article');
  appendReadmePiece(unlined, sanitizeCard('<p>Intro</p>\n', location, 'huggingface'));
  appendReadmePiece(unlined, rows('b'), open);
  const boxes = (article) => article.querySelectorAll(':scope > .readme-piece').length;
  return { lined: { boxes: boxes(lined), tables: lined.querySelectorAll('table').length, cells: [...lined.querySelectorAll('tbody td')].map((td) => td.textContent) }, unlined: { boxes: boxes(unlined), tables: unlined.querySelectorAll('table').length } };
}

globalThis.cardDom = { compare, continuation };
