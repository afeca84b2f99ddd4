// The card-render benchmark page (item 3), bundled by bench/cards.ts and run in Chromium: the webview's own pipeline
// (prepareReadme → the card's markdown-it → the card sanitiser, webview/cardHtml.ts: the Sanitizer API where Chromium has it) against plain
// markdown-it with its defaults, timed side by side on the page's main thread.
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { SlugCounter } from '../src/cards/anchors';
import { createCardMarkdown } from '../src/cards/markdown';
import { prepareReadme } from '../src/cards/prepare';
import { appendReadmePiece, continuedHtml, sanitizeCard } from '../webview/cardHtml';
import { nextTask, renderChunked } from '../webview/chunks';
import { MathTypesetter } from '../webview/math/loader';
import { KATEX_OPTIONS } from '../webview/math/protocol';

const card = createCardMarkdown();
const plain = new MarkdownIt();
/** @type {import('../src/cards/urls').CardLocation} */
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
 * The README shown the way webview/card.ts shows it: webview/chunks.ts's renderChunked, each piece sanitised with one
 * slug counter and appended. Each task is timed from its start to the end of the style and layout the browser must
 * run before it can paint, forced here at the end of every task so they are counted (the browser may run them less
 * often). Gives the longest task, the number of tasks and the time until the last piece is in.
 */
async function longestTask(text) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const article = Object.assign(document.createElement('article'), { className: 'readme' });
  document.body.replaceChildren();
  const slugs = new SlugCounter();
  const tasks = [];
  const started = performance.now();
  let taskStarted = started;
  const endTask = () => {
    void document.body.getBoundingClientRect().height;
    tasks.push(performance.now() - taskStarted);
  };
  await renderChunked(card, prepareReadme(text).body, {
    append: (html, first, inside) => {
      appendReadmePiece(article, sanitizeCard(continuedHtml(html, inside), location, 'huggingface', slugs), inside);
      if (first) {
        document.body.replaceChildren(article);
      }
    },
    cancelled: () => false,
    yieldTask: async () => {
      endTask();
      await nextTask();
      taskStarted = performance.now();
    },
  });
  endTask();
  return { longestMs: Math.max(...tasks), tasks: tasks.length, totalMs: performance.now() - started };
}

/**
 * A math card shown as the page shows it, KaTeX already loaded: the time until every formula is typeset. Its longest
 * main-thread task is read from the browser's trace of this call (bench/cards.ts), which sees style, layout and paint
 * too, where a probe task in the page would also count the timer clamps between tasks.
 */
async function mathCard(text) {
  const article = Object.assign(document.createElement('article'), { className: 'readme' });
  document.body.replaceChildren(article);
  const math = new MathTypesetter(undefined, (tex, target, displayMode) => katex.render(tex, target, { ...KATEX_OPTIONS, displayMode }));
  const started = performance.now();
  const slugs = new SlugCounter();
  await renderChunked(card, prepareReadme(text).body, {
    append: (html, _first, inside) => {
      const piece = sanitizeCard(continuedHtml(html, inside), location, 'huggingface', slugs);
      math.add(piece);
      appendReadmePiece(article, piece, inside);
    },
    cancelled: () => false,
  });
  while (math.busy) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // The last formulas laid out and painted, as the page would before the next frame.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { totalMs: performance.now() - started, typeset: math.counts.typeset, refused: math.counts.refused };
}

/** An empty page, laid out and painted: the previous round's card is taken down before the next round is traced. */
async function clear() {
  document.body.replaceChildren();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

window.cardBench = { measure, longestTask, mathCard, clear };
