// KaTeX with the options card pages use, over formulas written by anyone: what it refuses (links, HTML, macros that
// expand forever, oversized boxes) and that hostile input costs bounded time, so one formula cannot stall a card.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import katex from 'katex';
import { KATEX_OPTIONS, MAX_TEX_LENGTH } from '../../webview/math/protocol';

const render = (tex: string, displayMode = false) => katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode });

function timed(tex: string): { ms: number; threw: boolean } {
  const started = performance.now();
  let threw = false;
  try {
    render(tex);
  } catch {
    threw = true;
  }
  return { ms: performance.now() - started, threw };
}

describe('KaTeX options for card math', () => {
  it('typesets the formulas cards use, with MathML holding the source', () => {
    const html = render('\\operatorname{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V', true);
    assert.match(html, /class="katex-display"/);
    assert.match(html, /<annotation encoding="application\/x-tex">\\operatorname\{softmax\}/);
  });

  it('makes no link, image or HTML from a formula: trust is off', () => {
    for (const tex of ['\\href{https://evil.example}{x}', '\\url{https://evil.example}', '\\htmlId{x}{y}', '\\htmlClass{x}{y}', '\\htmlStyle{color:red}{y}', '\\includegraphics{https://evil.example/a.png}']) {
      let html: string;
      try {
        html = render(tex);
      } catch {
        continue;
      }
      assert.doesNotMatch(html, /<a |href=|<img|evil\.example"|style="color:red/, tex);
    }
  });

  it('refuses unknown commands and macros that expand without end', () => {
    assert.throws(() => render('\\notacommand{x}'), /Undefined control sequence/);
    assert.throws(() => render('\\def\\x{\\x\\x}\\x'), /Too many expansions/);
    // A "billion laughs" of macros: each level doubles the expansion, ten levels ask for 1,024.
    const names = 'abcdefghijk'.split('');
    const laughs = names.slice(0, -1).map((n, i) => `\\def\\${n}{\\${names[i + 1]}\\${names[i + 1]}}`).join('') + '\\def\\k{x}\\a';
    assert.throws(() => render(laughs), /Too many expansions/);
  });

  it('bounds boxes: a huge rule is capped at maxSize', () => {
    const html = render('\\rule{100000em}{100000em}');
    assert.doesNotMatch(html.replace(/<annotation[^]*?<\/annotation>/, ''), /100000em/);
    assert.match(html, new RegExp(`${KATEX_OPTIONS.maxSize}em`));
  });

  it('hostile input of the longest length typeset takes bounded time', () => {
    const cases = {
      braces: '{'.repeat(MAX_TEX_LENGTH / 2) + '}'.repeat(MAX_TEX_LENGTH / 2),
      unclosed: '{'.repeat(MAX_TEX_LENGTH),
      fractions: '\\frac{'.repeat(MAX_TEX_LENGTH / 8) + 'x' + '}{y}'.repeat(MAX_TEX_LENGTH / 8),
      subscripts: 'x_{'.repeat(MAX_TEX_LENGTH / 4) + '1' + '}'.repeat(MAX_TEX_LENGTH / 4),
      backslashes: '\\'.repeat(MAX_TEX_LENGTH),
      sqrt: '\\sqrt{'.repeat(MAX_TEX_LENGTH / 7) + 'x' + '}'.repeat(MAX_TEX_LENGTH / 7),
      text: 'a'.repeat(MAX_TEX_LENGTH),
    };
    for (const [name, tex] of Object.entries(cases)) {
      const { ms } = timed(tex);
      assert.ok(ms < 2000, `${name}: ${ms.toFixed(0)} ms`);
    }
  });
});
