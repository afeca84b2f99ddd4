// The page side of card-newlines.test.ts, bundled by it and run in Chromium with the card's stylesheet: a README
// rendered by the card's markdown-it (blocks without newlines between them) and by the same markdown-it writing them,
// each sanitised and laid out as the card page shows it, to what a reader gets from it.
import { SlugCounter } from '../../src/cards/anchors';
import { createCardMarkdown, createCardMarkdownWithNewlines } from '../../src/cards/markdown';
import { sanitizeCard } from '../../webview/cardHtml';

const card = createCardMarkdown();
const written = createCardMarkdownWithNewlines();
/** @type {import('../../src/cards/urls').CardLocation} */
const location = { endpoint: 'https://huggingface.co', type: 'model', id: 'org/model', revision: 'abc123' };

/** The text a reader can select and every element's box, rounded to the pixel, of `html` laid out in the page. */
function shown(html) {
  const article = Object.assign(document.createElement('article'), { className: 'readme' });
  article.append(sanitizeCard(html, location, 'huggingface', new SlugCounter()));
  document.body.replaceChildren(article);
  const boxes = [...article.querySelectorAll('*')].map((e) => {
    const r = e.getBoundingClientRect();
    return `${e.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  });
  const result = { text: article.innerText, boxes, nodes: countNodes(article) };
  document.body.replaceChildren();
  return result;
}

/** Elements and text nodes under `root`. */
function countNodes(root) {
  let count = 0;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    count += 1 + countNodes(node);
  }
  return count;
}

/** What `text` shows with the card's markdown-it and with markdown-it's own newlines. */
function compare(text) {
  return { card: shown(card.render(text)), written: shown(written.render(text)) };
}

globalThis.cardNewlines = { compare };
