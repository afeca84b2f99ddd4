/**
 * Math in cards. The Hub renders `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and fenced `math` blocks with KaTeX; so does the card
 * page, from a chunk of its own that loads only when a card has math (webview/math/). This markdown-it plugin finds
 * the formulas and leaves each as its TeX source in a `.math` element, so that their `_`, `*` and `\` are not read as
 * emphasis or escapes, and so that a formula KaTeX refuses still shows as its source. It follows Pandoc's rules for
 * single dollars (`$5 and $10` is not math). Every scan is bounded: a delimiter without a closer is remembered per
 * paragraph, never searched twice.
 */
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

interface Delimiter {
  open: string;
  close: string;
  display: boolean;
}

/** Backslash delimiters, also in their Markdown-escaped spelling (`\\(`), which many cards use and the Hub accepts. */
const BACKSLASH: readonly Delimiter[] = [
  { open: '\\\\(', close: '\\\\)', display: false },
  { open: '\\\\[', close: '\\\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
];

const BLOCK: readonly Delimiter[] = [{ open: '$$', close: '$$', display: true }, ...BACKSLASH.filter((d) => d.display)];

/** Lines a display formula may span before its opener is taken as text. */
const MAX_BLOCK_LINES = 200;

const misses = new WeakMap<StateInline, Map<string, number>>();

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  const escape = md.utils.escapeHtml;
  md.renderer.rules.math_inline = (tokens, idx) =>
    `<code class="math ${tokens[idx].meta?.display ? 'math-display' : 'math-inline'}" title="Math (TeX)">${escape(tokens[idx].content)}</code>`;
  md.renderer.rules.math_block = (tokens, idx) => `<pre class="math math-display" title="Math (TeX)"><code>${escape(tokens[idx].content)}</code></pre>\n`;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * The first index ≥ `from` where `close` occurs and `valid` accepts it, else -1. Validity depends only on the closer's
 * own position, so "none from here on" stays true for later starts and is cached per delimiter.
 */
function findCloser(state: StateInline, from: number, close: string, valid: (i: number) => boolean): number {
  let cache = misses.get(state);
  if (!cache) {
    cache = new Map();
    misses.set(state, cache);
  }
  const none = cache.get(close);
  if (none !== undefined && from >= none) {
    return -1;
  }
  for (let i = state.src.indexOf(close, from); i >= 0 && i + close.length <= state.posMax; i = state.src.indexOf(close, i + 1)) {
    if (valid(i)) {
      return i;
    }
  }
  cache.set(close, Math.min(none ?? Infinity, from));
  return -1;
}

function push(state: StateInline, content: string, display: boolean, markup: string): void {
  const token = state.push('math_inline', 'code', 0);
  token.content = content;
  token.markup = markup;
  token.meta = { display };
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  const code = src.charCodeAt(pos);
  if (code === 0x5c /* \ */) {
    const delimiter = BACKSLASH.find((d) => src.startsWith(d.open, pos));
    if (!delimiter) {
      return false;
    }
    const start = pos + delimiter.open.length;
    const end = findCloser(state, start, delimiter.close, () => true);
    if (end < 0 || src.slice(start, end).trim() === '') {
      return false;
    }
    if (!silent) {
      push(state, src.slice(start, end).trim(), delimiter.display, delimiter.open);
    }
    state.pos = end + delimiter.close.length;
    return true;
  }
  if (code !== 0x24 /* $ */) {
    return false;
  }
  if (src.startsWith('$$', pos)) {
    const start = pos + 2;
    const end = findCloser(state, start, '$$', () => true);
    if (end < 0 || src.slice(start, end).trim() === '') {
      return false;
    }
    if (!silent) {
      push(state, src.slice(start, end).trim(), true, '$$');
    }
    state.pos = end + 2;
    return true;
  }
  // Pandoc: the opener is not followed by a space, the closer not preceded by one nor followed by a digit.
  const next = src.charCodeAt(pos + 1);
  if (Number.isNaN(next) || isSpace(next)) {
    return false;
  }
  const end = findCloser(state, pos + 1, '$', (i) => {
    const before = src.charCodeAt(i - 1);
    return !isSpace(before) && before !== 0x5c && before !== 0x24 && !isDigit(src.charCodeAt(i + 1)) && src.charCodeAt(i + 1) !== 0x24;
  });
  if (end < 0) {
    return false;
  }
  if (!silent) {
    push(state, src.slice(pos + 1, end), false, '$');
  }
  state.pos = end + 1;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) {
    return false;
  }
  // Asked at every line, paragraph lines included (as a rule that may end a paragraph): most start with neither opener.
  const lead = state.src.charCodeAt(state.bMarks[startLine] + state.tShift[startLine]);
  if (lead !== 0x24 /* $ */ && lead !== 0x5c /* \ */) {
    return false;
  }
  const lineText = (line: number) => state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  const first = lineText(startLine);
  const delimiter = BLOCK.find((d) => first.startsWith(d.open));
  if (!delimiter) {
    return false;
  }
  const lines: string[] = [];
  let rest = first.slice(delimiter.open.length);
  let line = startLine;
  for (;;) {
    const close = rest.indexOf(delimiter.close);
    if (close >= 0) {
      if (rest.slice(close + delimiter.close.length).trim() !== '') {
        return false; // text after the closer: an inline formula in a paragraph
      }
      lines.push(rest.slice(0, close));
      break;
    }
    lines.push(rest);
    line++;
    if (line >= endLine || line - startLine > MAX_BLOCK_LINES || state.sCount[line] < state.blkIndent) {
      return false;
    }
    rest = lineText(line);
  }
  const content = lines.join('\n').trim();
  if (content === '') {
    return false;
  }
  if (silent) {
    return true;
  }
  const token = state.push('math_block', 'pre', 0);
  token.block = true;
  token.content = content;
  token.markup = delimiter.open;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}
