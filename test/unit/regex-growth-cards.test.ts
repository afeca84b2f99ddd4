// Pathological input for the card side: each doubling of an adversarial pattern, 256 KB to 2 MB, must cost about 2×
// (test/unit/linear.ts), for every regular expression and scanner in webview/, src/cards/ and src/webviews/ that reads
// text from the Hub. A quadratic one costs 4× per doubling; the old chunker's tag regex took 26 s on a 640 KB card.
//
// Inventory (file: function: regular expression or scan: what keeps it linear)
// - webview/chunks.ts: CardChunks (block cut, inline scratch parse): no regex; markdown-it's own rules, then one pass
//   of ./openElements.ts per token: markdown-it ≥ 14.2 (W4) and a resumable character scanner (the old
//   `<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>` over `<!--[\s\S]*?(?:-->|$)`-stripped HTML rescanned to the end from
//   every `<` it could not close: quadratic, replaced).
// - webview/openElements.ts, webview/htmlTree.ts: OpenElements.feed: no regex; one step per character, and a stack
//   capped at 256 entries, so every tree operation is bounded.
// - webview/card.ts: headerView: `/-/g` on the task: a single character; onClick: `/^(?:https?|mailto):/i`: anchored,
//   a fixed prefix.
// - webview/cardHtml.ts: the class hook: keptClasses (below); the width/height hook: isAllowedDimension (below).
// - webview/linkStatus.ts: no regex of its own; checkCardLink and linkStatus (below).
// - src/cards/frontMatter.ts: splitFrontMatter: a scan (the Hub's REGEX_YAML_BLOCK is quadratic on a run of line
//   breaks) plus `/\s/` on one character at a time.
// - src/cards/truncate.ts: openFence: `/^ {0,3}(`{3,}|~{3,})(.*)$/gm`: tried only at line starts, each try bounded by
//   its line; utf8Prefix: no regex.
// - src/cards/prepare.ts: prepareReadme: splitFrontMatter then truncateMarkdown.
// - src/cards/markdown.ts: MAY_HOLD_LINK `/[.:/@]/`: one character class; withoutBlockNewlines: no regex; align_attributes: `/^text-align:(left|right|center)$/` on markdown-it's own style value:
//   anchored, fixed alternatives; the math plugin (src/cards/math.ts): indexOf scans with a per-paragraph cache of
//   delimiters that have no closer.
// - src/cards/header.ts: cardHeader: withoutBidiControls (src/hub/format.ts), `/[\u202A-\u202E\u2066-\u2069]/g`: one
//   character class.
// - src/cards/anchors.ts: slug: `/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu` and `/ /g`: character classes.
// - src/cards/sanitize.ts: CARD_URI_PATTERN: anchored, its one `+` run followed by a class it excludes (backtracking
//   gives back at most that run once); isAllowedCardClass: anchored and bounded ({1,40}); isAllowedDimension: anchored,
//   digit runs separated by a literal dot; keptClasses: `split(/\s+/)`: one character class.
// - src/cards/urls.ts: resolveCardLink: `split(/[?#]/, 1)`: one character class, before the 2048-character cap;
//   WITH_AUTHORITY `/^[A-Za-z][A-Za-z0-9+.-]*:\/\//`: anchored, one run of scheme characters given back once;
//   imageCspSources: `/^https?:\/\/[A-Za-z0-9.:[\]-]+$/` on the configured endpoint, not Hub text.
// - src/cards/linkPolicy.ts (bidi checks: src/hub/format.ts, one character class): `split(/[?#]/, 1)`, `/\.$/`, the IPv4 and mapped IPv6
//   patterns: after isOpenableCardLink's 2048-character cap, anchored and bounded.
// - src/cards/links.ts: isOpenableCardLink: no regex; a length cap first.
// - src/cards/repoRef.ts: typed input and command arguments, not Hub text (covered by bad-input.test.ts).
// - src/webviews/html.ts: escapeHtml: `/[&<>"']/g`; the CSP check `/["<>&]/`: character classes.
// - src/webviews/protocol.ts, cardLinks.ts, cardPanel.lazy.ts, overview*.ts: no regex over Hub text.
import { describe, it } from 'node:test';
import { slug, SlugCounter } from '../../src/cards/anchors';
import { splitFrontMatter } from '../../src/cards/frontMatter';
import { cardHeader } from '../../src/cards/header';
import { checkCardLink } from '../../src/cards/linkPolicy';
import { neutraliseBidi } from '../../src/hub/format';
import { createCardMarkdown } from '../../src/cards/markdown';
import { prepareReadme } from '../../src/cards/prepare';
import { CARD_URI_PATTERN, isAllowedCardClass, isAllowedDimension, keptClasses } from '../../src/cards/sanitize';
import { truncateMarkdown } from '../../src/cards/truncate';
import { resolveCardImage, resolveCardLink, type CardLocation } from '../../src/cards/urls';
import type { RepoDetails } from '../../src/hub/types';
import { escapeHtml } from '../../src/webviews/html';
import { CardChunks } from '../../webview/chunks';
import { OpenElements } from '../../webview/openElements';
import { assertLinear, repeatTo } from './linear';

const HUB = 'https://huggingface.co';
const card: CardLocation = { endpoint: HUB, type: 'model', id: 'org/model', revision: 'abc123' };
const md = createCardMarkdown();

/** What the card page does with a README, without the DOM: block phase, cuts, then each piece's inline phase and HTML. */
function renderInPieces(text: string): void {
  const chunks = new CardChunks(md, text);
  chunks.parse();
  for (let i = 0; i < chunks.length; i++) {
    chunks.html(i);
  }
}

const prefixed = (prefix: string, pattern: string, suffix = '') => (bytes: number) => prefix + repeatTo(pattern, bytes) + suffix;

describe('card text grows linearly: 256 KB → 2 MB of each adversarial pattern', () => {
  const chunker: [string, string | ((bytes: number) => string)][] = [
    ['unclosed tags `<a `', '<a '],
    ['unclosed quoted attributes `<a b="`', '<a b="'],
    ['a long HTML block with no `>`', prefixed('<div\n', '<a title=x\n')],
    ['`<details` with an unclosed quote, a line each', '<details title="x\n'],
    ['`<details>` left open, a block each', '<details>\n\n'],
    ['unclosed comments, a line each', '<!--\n'],
    ['end tags without names `</`', '</'],
    ['image openers `![`', '!['],
    ['link openers `[`', '['],
    ['nested brackets `[[[[]]]]`', '[[[[]]]]'],
    ['backticks', '`'],
    ['unmatched code spans ``` ``x ```', '``x'],
    ['dollars', '$'],
    ['display-math openers `$$x`', '$$x'],
    ['backslash-paren math openers', '\\('],
    ['backslash-bracket math openers', '\\['],
    ['bare URLs for linkify', 'http://a.'],
    ['a table with aligned columns', prefixed('| a | b |\n|:-|-:|\n', '| x | y |\n')],
  ];
  for (const [label, pattern] of chunker) {
    it(`chunked render (webview/chunks.ts, markdown-it, math, openElements): ${label}`, () => {
      assertLinear(`chunked render: ${label}`, renderInPieces, pattern);
    });
  }

  it('HTML scanner (webview/openElements.ts): tags, quotes, comments, raw text, deep nesting', () => {
    const feed = (text: string) => new OpenElements().feed(text);
    for (const pattern of ['<a ', '<details title="', "<b title='", '<!--', '<!-', '</', '<style>', '</style', '<div>', '<b>', '<li>', '<details><summary>x</summary></details>']) {
      assertLinear(`OpenElements.feed: ${JSON.stringify(pattern)}`, feed, pattern);
    }
  });

  it('front matter (src/cards/frontMatter.ts): runs of line breaks with no closer, closers that are not', () => {
    assertLinear('splitFrontMatter: `---` then line breaks', splitFrontMatter, prefixed('---\n', '\n'));
    assertLinear('splitFrontMatter: `---` then carriage returns', splitFrontMatter, prefixed('---\r', '\r'));
    assertLinear('splitFrontMatter: near-closers `---x`', splitFrontMatter, prefixed('---\n', 'a\n---x'));
    assertLinear('splitFrontMatter: `...` lines', splitFrontMatter, prefixed('---\n', '...\n'));
    assertLinear('splitFrontMatter: leading whitespace', splitFrontMatter, ' \t\n');
  });

  it('truncation and preparation (src/cards/truncate.ts, prepare.ts): fences, long fence lines', () => {
    const cut = (text: string) => truncateMarkdown(text, 64 * 1024 * 1024, true);
    assertLinear('truncateMarkdown: fence lines', cut, '```\n');
    assertLinear('truncateMarkdown: tilde fences with info', cut, '~~~ x\n');
    assertLinear('truncateMarkdown: one long line of backticks', cut, '`');
    assertLinear('truncateMarkdown: indented near-fences', cut, '   ``\n');
    // Cut at every size, as `cut` is: under the render limit a text is not scanned for fences at all, so the timings
    // would jump where the limit starts to apply rather than show how the scan grows.
    const prepare = (text: string) => prepareReadme(text, { alreadyCut: true, maxBytes: 64 * 1024 * 1024 });
    assertLinear('prepareReadme: front matter then fences', prepare, prefixed('---\na: 1\n---\n', '```py\n'));
  });

  it('header and anchors (src/cards/header.ts, anchors.ts): bidi controls and punctuation', () => {
    const details = (text: string): RepoDetails =>
      ({ type: 'model', id: 'org/model', author: text, license: text, library: text, task: text, tags: [text], likes: 0, gated: false, private: false, files: [`${text}.gguf`] }) as unknown as RepoDetails;
    assertLinear('cardHeader: bidi controls in every field', (text) => cardHeader(details(text), HUB), '\u202Ea\u2066');
    assertLinear('slug: punctuation and bidi', slug, '-\u202E !');
    assertLinear('SlugCounter: one long heading', (text) => new SlugCounter().next(text), 'Model Details 🤗 ');
  });

  it('sanitiser helpers (src/cards/sanitize.ts): URI pattern, classes, dimensions', () => {
    assertLinear('CARD_URI_PATTERN: letters then a colon', (text) => CARD_URI_PATTERN.test(text), (bytes) => `${repeatTo('a', bytes - 1)}:`);
    assertLinear('CARD_URI_PATTERN: scheme characters', (text) => CARD_URI_PATTERN.test(text), (bytes) => `${repeatTo('+.-', bytes - 1)}:`);
    assertLinear('keptClasses: many classes', keptClasses, ' language-x math');
    assertLinear('keptClasses: whitespace runs', keptClasses, ' \t\n');
    assertLinear('isAllowedCardClass: a long language name', isAllowedCardClass, prefixed('language-', 'a'));
    assertLinear('isAllowedDimension: digits then junk', isAllowedDimension, (bytes) => `${repeatTo('1', bytes - 1)}x`);
    assertLinear('isAllowedDimension: decimals then junk', isAllowedDimension, (bytes) => `1.${repeatTo('1', bytes - 4)}pxx`);
  });

  it('links and images (src/cards/urls.ts, linkPolicy.ts, webviews/html.ts): long addresses and link text', () => {
    assertLinear('resolveCardLink: backslash paths', (text) => resolveCardLink(text, card), '/\\');
    assertLinear('resolveCardLink: query and fragment marks', (text) => resolveCardLink(text, card), '?#');
    assertLinear('resolveCardLink: a scheme run with no `//`', (text) => resolveCardLink(`${text}:`, card), 'a+');
    assertLinear('resolveCardImage: a long address', (text) => resolveCardImage(text, card, 'huggingface'), 'a/');
    assertLinear('checkCardLink: bidi marks in long link text', (text) => checkCardLink('https://example.com/', { endpoint: HUB, text }), 'a\u200F');
    assertLinear('checkCardLink: a long address', (text) => checkCardLink(`https://example.com/${text}`, { endpoint: HUB }), '%E2');
    assertLinear('neutraliseBidi: bidi controls', neutraliseBidi, '\u202Ea');
    assertLinear('escapeHtml: markup characters', escapeHtml, '<&"\'>');
  });
});
