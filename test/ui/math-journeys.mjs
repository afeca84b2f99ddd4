// UI journey for math in cards, in real Chromium: a card with formulas of the kinds model cards use (attention, losses,
// piecewise schedules, matrices, aligned equations, math in tables) is typeset by KaTeX with its fonts under the card's
// CSP; formulas KaTeX refuses (an unknown command, a macro that expands forever, a link) stay as their source; prices
// in dollars stay text; a card without math never loads KaTeX. Screenshots in the dark and light themes.
import assert from 'node:assert/strict';
import { MATH_ID } from './math-card.mjs';
import { cardFrame, closeTab, cspViolations, externalRequests, openCard, rendered, setTheme, until } from './card-journeys.mjs';

export const mathJourneys = [
  {
    name: 'typesets a math-heavy card with KaTeX under the CSP, keeps refused formulas as source; dark and light themes',
    async run({ page, shot }) {
      const before = externalRequests.length;
      try {
        // A card without math never loads KaTeX.
        await openCard(page, 'datasets/squad');
        const plain = await cardFrame(page, 'squad');
        await rendered(plain);
        assert.equal(await plain.evaluate(() => document.querySelectorAll('script[src*="math.js"], link[href*="katex"]').length), 0, 'no math, no KaTeX');
        await closeTab(page, 'squad');

        await openCard(page, MATH_ID);
        const frame = await cardFrame(page, MATH_ID);
        await rendered(frame);
        await until(frame, 'every formula typeset or refused', () => !document.querySelector('article.readme .math:not(.math-refused), article.readme pre > code.language-math'));
        await until(frame, "KaTeX's fonts to load", () => document.fonts.status === 'loaded' && [...document.fonts].some((f) => f.family === 'KaTeX_Main' && f.status === 'loaded'));
        const dom = await frame.evaluate(() => {
          const article = document.querySelector('article.readme');
          const tex = (el) => el.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();
          return {
            rendered: [...article.querySelectorAll('.math-rendered')].map(tex),
            display: article.querySelectorAll('.math-rendered.math-display .katex-display').length,
            inTable: article.querySelectorAll('td .math-rendered').length,
            refused: [...article.querySelectorAll('.math-refused')].map((m) => ({ tex: m.textContent, title: m.getAttribute('title') })),
            links: article.querySelectorAll('.math-rendered a, .math-rendered [href]').length,
            prices: [...article.querySelectorAll('p')].find((p) => p.textContent.includes('hosted endpoint'))?.textContent,
            mathml: article.querySelectorAll('.math-rendered math').length,
          };
        });
        assert.deepEqual(await cspViolations(frame), [], 'no CSP violation: script, stylesheet and fonts come from the extension');
        // Eleven formulas typeset: four display, one fenced, four inline, two in a table (the link's included, as text).
        assert.equal(dom.rendered.length, 11, `typeset: ${JSON.stringify(dom.rendered)}`);
        assert.ok(dom.rendered.some((t) => t?.startsWith('\\operatorname{Attention}(Q, K, V)')), 'the attention formula, its TeX kept for screen readers and copying');
        assert.ok(dom.rendered.some((t) => t?.startsWith('R_{\\Theta, m}')), 'the fenced math block');
        assert.equal(dom.display, 5, 'five display formulas');
        assert.equal(dom.inTable, 2, 'math inside table cells');
        assert.equal(dom.mathml, dom.rendered.length, 'every formula carries MathML');
        assert.equal(dom.prices, 'The hosted endpoint costs $5 a day, or $120 a month.');
        assert.equal(dom.links, 0, 'trust is off: no link from a formula');
        assert.deepEqual(dom.refused.map((r) => r.tex), ['\\notacommand{x}', '\\def\\x{\\x\\x}\\x']);
        assert.ok(dom.refused.every((r) => /^TeX that could not be rendered: /.test(r.title)), JSON.stringify(dom.refused));
        assert.ok(!externalRequests.slice(before).some((u) => u.includes('evil.example')), 'nothing requested outside');
        for (const theme of ['Dark Modern', 'Light Modern']) {
          await setTheme(page, theme);
          await rendered(await cardFrame(page, MATH_ID));
          await shot(`math-card-${theme.split(' ')[0].toLowerCase()}`);
        }
      } finally {
        await setTheme(page, 'Dark Modern').catch(() => {});
        await closeTab(page, MATH_ID);
        await closeTab(page, 'squad');
      }
    },
  },
];
