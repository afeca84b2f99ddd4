// KaTeX's MathML copy of each formula is what screen readers read. media/card.css lays it out as plain inline boxes
// rather than as MathML (a third of the layout time of a large formula): the accessibility tree Chromium builds must give
// a screen reader the same roles, names and order as with MathML layout, every formula's MathML in it and the TeX
// annotation out of it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { openTestPage } from './chromium-page';

const FORMULAS = [
  String.raw`R_{\Theta, m} = \begin{pmatrix} \cos m\theta_1 & -\sin m\theta_1 \\ \sin m\theta_1 & \cos m\theta_1 \end{pmatrix}`,
  String.raw`\eta(t) = \begin{cases} \eta_{\max} t / T_w & t < T_w \\ \tfrac{1}{2} \eta_{\max} \left(1 + \cos \pi \frac{t}{T}\right) & \text{otherwise} \end{cases}`,
  String.raw`\begin{aligned} h_t &= \tanh(W_h x_t + b_h) \\ y_t &= \operatorname{softmax}(W_y h_t) \end{aligned}`,
  String.raw`\mathcal{L} = -\sum_{i=1}^{N} \log p_\theta(x_i \mid x_{<i}) + \lambda \lVert \theta \rVert_2^2`,
  String.raw`\sqrt{d_k}\,\mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`,
];

const CARD_CSS = readFileSync(path.join(__dirname, '../../media/card.css'), 'utf8');
const KATEX_CSS = readFileSync(path.join(__dirname, '../../node_modules/katex/dist/katex.min.css'), 'utf8');
/** The rule under test, found in the stylesheet so that the test follows it. */
const INLINE_RULE = /\.readme \.katex-mathml :not\(annotation\) \{[^}]*\}/;

interface AxNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
}

/**
 * What a screen reader gets from a node. Left out: InlineTextBox nodes, the layout's fragments of a text (inline layout
 * cuts a MathML token's text into other fragments than MathML layout does; the text's own node carries its name either
 * way), and texts of nothing but spaces and invisible operators (U+2061–U+2064, function application and invisible
 * times, separator and plus), which inline layout exposes and MathML layout does not, and which are not spoken.
 */
function spoken(node: AxNode): boolean {
  return node.role?.value !== 'InlineTextBox' && !(node.role?.value === 'StaticText' && /^[\s\u2061-\u2064]*$/.test(node.name?.value ?? ''));
}

interface Typeset {
  formulas: number;
  mrowDisplay: string;
}

describe('formulas\' MathML laid out inline (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;

  before(async () => {
    ({ browser, page } = await openTestPage('math-accessibility-page.mjs'));
    cdp = await page.context().newCDPSession(page);
  });

  after(async () => {
    await browser?.close();
  });

  /** The formulas typeset under KaTeX's and the given card stylesheet, and what the accessibility tree exposes. */
  async function exposed(cardCss: string, display: boolean): Promise<Typeset & { nodes: string[] }> {
    const typeset = await page.evaluate(
      ([formulas, d, styles]) => (globalThis as unknown as { mathAccessibility: { typeset(f: readonly string[], d: boolean, s: readonly string[]): Typeset } }).mathAccessibility.typeset(formulas, d, styles),
      [FORMULAS, display, [KATEX_CSS, cardCss]] as const,
    );
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return { ...typeset, nodes: nodes.filter((n) => !n.ignored && spoken(n)).map((n) => `${n.role?.value ?? ''} ${n.name?.value ?? ''}`) };
  }

  it('is in the card stylesheet', () => {
    assert.match(CARD_CSS, INLINE_RULE);
  });

  for (const display of [true, false]) {
    it(`exposes the same tree as MathML layout, for ${display ? 'display' : 'inline'} formulas`, async () => {
      const inline = await exposed(CARD_CSS, display);
      const asMathml = await exposed(CARD_CSS.replace(INLINE_RULE, ''), display);
      assert.equal(inline.mrowDisplay, 'inline');
      assert.notEqual(asMathml.mrowDisplay, 'inline', 'without the rule, MathML is laid out as MathML');
      assert.equal(inline.formulas, FORMULAS.length);
      assert.equal(inline.nodes.filter((n) => n.startsWith('MathMLMath')).length, FORMULAS.length, inline.nodes.join('\n'));
      assert.ok(inline.nodes.filter((n) => n.startsWith('MathML')).length > 100, 'each formula\'s MathML elements are exposed');
      assert.ok(!inline.nodes.some((n) => n.includes('\\begin') || n.includes('\\frac')), 'the TeX annotation is not read out');
      assert.deepEqual(inline.nodes, asMathml.nodes);
    });
  }
});
