// The card-render benchmark page (item 3), bundled by bench/cards.ts and run in Chromium: the webview's own pipeline
// (prepareReadme → the card's markdown-it → DOMPurify with the card hooks, webview/cardHtml.ts) against plain
// markdown-it with its defaults, timed side by side on the page's main thread.
import MarkdownIt from 'markdown-it';
import { createCardMarkdown } from '../src/cards/markdown';
import { prepareReadme } from '../src/cards/prepare';
import { sanitizeCard } from '../webview/cardHtml';

const card = createCardMarkdown();
const plain = new MarkdownIt();
const location = { endpoint: 'https://huggingface.co', type: 'model', id: 'bench/card', revision: 'main' };

/** README text to the fragment the card page appends, as webview/card.ts's readmeView does. */
function pipeline(text) {
  return sanitizeCard(card.render(prepareReadme(text).body), location, 'huggingface');
}

/**
 * Milliseconds of the card pipeline and of plain markdown-it over all texts, in alternating order. Apart: the card's
 * markdown-it alone (html, linkify, math) and the browser's parse of its HTML, which tell the sanitiser's share.
 */
function measure(texts, pipelineFirst) {
  let pipelineMs = 0;
  let plainMs = 0;
  let markdownMs = 0;
  let parseMs = 0;
  texts.forEach((text, i) => {
    const before = performance.now();
    const html = card.render(prepareReadme(text).body);
    markdownMs += performance.now() - before;
    // The floor for any sanitiser that works on a DOM: the browser's own HTML parse of the same output, inert.
    const parsing = performance.now();
    document.createElement('template').innerHTML = html;
    parseMs += performance.now() - parsing;
    const sides = [
      () => {
        const started = performance.now();
        pipeline(text);
        pipelineMs += performance.now() - started;
      },
      () => {
        const started = performance.now();
        plain.render(text);
        plainMs += performance.now() - started;
      },
    ];
    if ((i % 2 === 0) !== pipelineFirst) {
      sides.reverse();
    }
    sides.forEach((side) => side());
  });
  return { pipelineMs, plainMs, markdownMs, parseMs };
}

/**
 * The one task in which webview/card.ts shows a README (it is not chunked): render, sanitise and insert it into the
 * page, plus the style and layout the browser then runs before it can paint, forced here so they are counted.
 */
function longestTask(text) {
  return new Promise((resolve) => {
    setTimeout(() => {
      const started = performance.now();
      const article = document.createElement('article');
      article.append(pipeline(text));
      document.body.replaceChildren(article);
      void document.body.getBoundingClientRect().height;
      resolve(performance.now() - started);
    }, 0);
  });
}

window.cardBench = { measure, longestTask };
