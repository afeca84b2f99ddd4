// The page side of math-loader.test.ts, bundled by it and run in Chromium: the card page's math typesetter over a
// page of formulas, with a stand-in for KaTeX that takes a known time, and a log of when each formula is typeset and
// when frames run.
import { MathTypesetter } from '../../webview/math/loader';

/** Milliseconds the stand-in renderer takes per formula. */
const FORMULA_MS = 0.7;

/**
 * Typesets `count` formulas (every seventh one refused) and logs each renderer call and each frame callback, with how
 * many typeset formulas the page showed at that moment.
 */
async function typesetAll(count) {
  const article = document.createElement('article');
  for (let i = 0; i < count; i++) {
    const p = document.createElement('p');
    const formula = document.createElement(i % 5 === 4 ? 'pre' : 'span');
    if (formula.tagName === 'PRE') {
      const code = document.createElement('code');
      code.className = 'language-math';
      code.textContent = `y_${i}`;
      formula.append(code);
    } else {
      formula.className = 'math';
      formula.textContent = i % 7 === 6 ? `\\bad{${i}}` : `x_${i}`;
    }
    p.append('Text before ', formula, ' and after.');
    article.append(p);
  }
  document.body.replaceChildren(article);
  const shown = () => article.querySelectorAll('.math-rendered').length;
  const log = [];
  let inFrame = false;
  const realFrame = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) =>
    realFrame.call(window, (time) => {
      inFrame = true;
      try {
        callback(time);
      } finally {
        inFrame = false;
        log.push({ kind: 'frame', shown: shown() });
      }
    });
  const math = new MathTypesetter(undefined, (tex, target) => {
    log.push({ kind: 'render', inFrame, shown: shown() });
    const until = performance.now() + FORMULA_MS;
    while (performance.now() < until) {
      // the stand-in's work
    }
    if (tex.startsWith('\\bad')) {
      throw new Error('Undefined control sequence: \\bad');
    }
    target.textContent = tex;
  });
  try {
    math.add(article);
    while (math.busy) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    window.requestAnimationFrame = realFrame;
  }
  const refused = [...article.querySelectorAll('.math-refused')];
  return {
    log,
    counts: math.counts,
    shown: shown(),
    refused: refused.length,
    refusedTitles: refused.every((e) => e.getAttribute('title')?.includes('Undefined control sequence')),
  };
}

globalThis.mathLoader = { typesetAll };
