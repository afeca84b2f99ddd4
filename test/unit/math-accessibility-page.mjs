// The page side of math-accessibility.test.ts, bundled by it and run in Chromium: formulas typeset by KaTeX with the
// card's options, in a card's README box under the stylesheets given, for the test to read the accessibility tree the
// browser builds from them.
import katex from 'katex';
import { KATEX_OPTIONS } from '../../webview/math/protocol';

/** Typesets each of `formulas` (display ones when `display`) into a fresh `.readme` article under `styles`. */
function typeset(formulas, display, styles) {
  document.head.replaceChildren(...styles.map((css) => Object.assign(document.createElement('style'), { textContent: css })));
  const article = Object.assign(document.createElement('article'), { className: 'readme' });
  for (const tex of formulas) {
    const target = document.createElement(display ? 'div' : 'span');
    target.className = `math-rendered${display ? ' math-display' : ''}`;
    katex.render(tex, target, { ...KATEX_OPTIONS, displayMode: display });
    article.append(target);
  }
  document.body.replaceChildren(article);
  const mrow = article.querySelector('.katex-mathml mrow');
  return { formulas: article.querySelectorAll('.katex-mathml math').length, mrowDisplay: mrow ? document.defaultView.getComputedStyle(mrow).display : '' };
}

globalThis.mathAccessibility = { typeset };
