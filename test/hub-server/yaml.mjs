// A small YAML reader for README front matter: block mappings and sequences, flow collections, plain,
// single- and double-quoted scalars, literal (|) and folded (>) block scalars, comments. Scalars follow the
// YAML 1.2 core schema (`no` stays a string, `null`/`~` are null). Anchors, aliases, tags and multi-document
// streams are not supported: they raise a YamlError, which parseFrontMatter turns into "no cardData".

import { splitFrontMatter } from './front-matter.mjs';

export class YamlError extends Error {}

/**
 * Splits a README into its front matter and body, the way the Hub reads cards (./front-matter.mjs).
 * @param {string} text
 * @returns {{ data: Record<string, unknown> | null, body: string, hasFrontMatter: boolean }}
 */
export function parseFrontMatter(text) {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { yaml, body } = splitFrontMatter(src);
  if (yaml === undefined) {
    return { data: null, body: src, hasFrontMatter: false };
  }
  let data = null;
  try {
    const parsed = parseYaml(yaml);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      data = /** @type {Record<string, unknown>} */ (parsed);
    }
  } catch (err) {
    if (!(err instanceof YamlError)) {
      throw err;
    }
  }
  return { data, body, hasFrontMatter: true };
}

/**
 * @param {string} source
 * @returns {unknown}
 */
export function parseYaml(source) {
  return new BlockParser(source.replace(/\r\n?/g, '\n')).parseDocument();
}

class BlockParser {
  /** @param {string} src */
  constructor(src) {
    this.lines = src.split('\n');
    this.i = 0;
  }

  parseDocument() {
    const first = this.peek();
    if (!first) {
      return null;
    }
    const value = this.parseBlock(first.indent, -1);
    const extra = this.peek();
    if (extra) {
      throw new YamlError(`unexpected content at line ${this.i + 1}: ${extra.text}`);
    }
    return value;
  }

  /**
   * Next significant line (skips blank and comment-only lines) without consuming it.
   * @returns {{ indent: number, text: string } | null}
   */
  peek() {
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i];
      const text = raw.trimStart();
      if (text === '' || text.startsWith('#')) {
        this.i++;
        continue;
      }
      if (raw.startsWith('\t') || /^ *\t/.test(raw)) {
        throw new YamlError(`tab indentation at line ${this.i + 1}`);
      }
      if (/^(---|\.\.\.)(\s|$)/.test(raw)) {
        throw new YamlError('multiple documents are not supported');
      }
      return { indent: raw.length - text.length, text };
    }
    return null;
  }

  /**
   * A node made of the lines starting at the current one, all indented by `indent`.
   * @param {number} indent
   * @param {number} parentIndent
   */
  parseBlock(indent, parentIndent) {
    const line = this.peek();
    if (!line) {
      return null;
    }
    if (isSeqItem(line.text)) {
      return this.parseSeq(indent);
    }
    if (findMapColon(line.text) >= 0 || isExplicitKey(line.text)) {
      return this.parseMap(indent);
    }
    this.i++;
    return this.parseInlineValue(line.text, parentIndent);
  }

  /** @param {number} indent */
  parseMap(indent) {
    /** @type {Record<string, unknown>} */
    const map = {};
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) {
        throw new YamlError(`bad indentation at line ${this.i + 1}`);
      }
      if (isExplicitKey(line.text)) {
        this.parseExplicitEntry(map, line.text, indent);
        continue;
      }
      const colon = findMapColon(line.text);
      if (colon < 0) {
        throw new YamlError(`expected "key: value" at line ${this.i + 1}`);
      }
      const key = String(parseKey(line.text.slice(0, colon).trim()));
      const rest = line.text.slice(colon + 1);
      this.i++;
      map[key] = this.parseValueAfterIndicator(rest, indent, true);
    }
    return map;
  }

  /**
   * "? key" on one or more lines, then ": value".
   * @param {Record<string, unknown>} map
   * @param {string} text
   * @param {number} indent
   */
  parseExplicitEntry(map, text, indent) {
    this.i++;
    const key = this.parseValueAfterIndicator(text.slice(1), indent, false);
    const next = this.peek();
    let value = null;
    if (next && next.indent === indent && (next.text === ':' || next.text.startsWith(': '))) {
      this.i++;
      value = this.parseValueAfterIndicator(next.text.slice(1), indent, true);
    }
    map[String(key)] = value;
  }

  /** @param {number} indent */
  parseSeq(indent) {
    /** @type {unknown[]} */
    const seq = [];
    for (let line = this.peek(); line && line.indent === indent && isSeqItem(line.text); line = this.peek()) {
      const afterDash = line.text.slice(1);
      const rest = afterDash.trimStart();
      const column = indent + 1 + (afterDash.length - rest.length);
      if (rest !== '' && !rest.startsWith('#') && (isSeqItem(rest) || findMapColon(rest) >= 0)) {
        // "- key: v" or "- - x": the item is a block that starts at the column after the dash.
        this.lines[this.i] = ' '.repeat(column) + rest;
        seq.push(this.parseBlock(column, indent));
      } else {
        this.i++;
        seq.push(this.parseValueAfterIndicator(afterDash, indent, false));
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) {
      throw new YamlError(`bad indentation at line ${this.i + 1}`);
    }
    return seq;
  }

  /**
   * The value that follows "key:" or "-" on the same line, possibly continued on the next lines.
   * @param {string} rest text after the indicator
   * @param {number} indent indentation of the key or dash
   * @param {boolean} inMap a sequence may sit at the same indentation as its parent key
   */
  parseValueAfterIndicator(rest, indent, inMap) {
    const text = stripComment(rest).trim();
    if (text === '') {
      const next = this.peek();
      if (next && (next.indent > indent || (inMap && next.indent === indent && isSeqItem(next.text)))) {
        return this.parseBlock(next.indent, indent);
      }
      return null;
    }
    if (/^[&*!]/.test(text)) {
      throw new YamlError(`anchors, aliases and tags are not supported (line ${this.i})`);
    }
    if (/^[|>]/.test(text)) {
      return this.parseBlockScalar(text, indent);
    }
    return this.parseInlineValue(rest.trim(), indent);
  }

  /**
   * A scalar or flow collection starting on the line just consumed, possibly spanning the next lines that
   * are indented more than `parentIndent`.
   * @param {string} first
   * @param {number} parentIndent
   */
  parseInlineValue(first, parentIndent) {
    let text = first;
    const opener = text[0];
    if (opener === '[' || opener === '{' || opener === '"' || opener === "'") {
      while (!isComplete(text) && this.i < this.lines.length) {
        text += '\n' + this.lines[this.i];
        this.i++;
      }
      if (opener === '"' || opener === "'") {
        const { value, end } = readQuoted(text, 0);
        if (stripComment(text.slice(end)).trim() !== '') {
          throw new YamlError(`unexpected text after quoted scalar: ${text.slice(end)}`);
        }
        return value;
      }
      const flow = new FlowParser(text);
      const value = flow.parseValue();
      flow.expectEnd();
      return value;
    }
    const head = stripComment(text);
    const parts = [head.trim()];
    // A comment ends a plain scalar; otherwise it continues on more-indented lines.
    for (let line = head === text ? this.peek() : null; line && line.indent > parentIndent; line = this.peek()) {
      if (findMapColon(line.text) >= 0 || isSeqItem(line.text)) {
        break;
      }
      parts.push(stripComment(line.text).trim());
      this.i++;
    }
    return resolvePlain(parts.join(' '));
  }

  /**
   * @param {string} header "|", ">-", "|+2", …
   * @param {number} indent
   */
  parseBlockScalar(header, indent) {
    const folded = header[0] === '>';
    const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
    const explicit = /\d/.exec(header);
    /** @type {string[]} */
    const lines = [];
    let contentIndent = explicit ? indent + Number(explicit[0]) : -1;
    while (this.i < this.lines.length) {
      const raw = this.lines[this.i];
      if (raw.trim() === '') {
        lines.push('');
        this.i++;
        continue;
      }
      const lineIndent = raw.length - raw.trimStart().length;
      if (contentIndent < 0) {
        contentIndent = lineIndent;
      }
      if (lineIndent < contentIndent || lineIndent <= indent) {
        break;
      }
      lines.push(raw.slice(contentIndent));
      this.i++;
    }
    let trailing = 0;
    while (trailing < lines.length && lines[lines.length - 1 - trailing] === '') {
      trailing++;
    }
    const body = lines.slice(0, lines.length - trailing);
    let value = folded ? foldLines(body) : body.join('\n');
    if (body.length === 0) {
      return chomp === 'keep' ? '\n'.repeat(trailing) : '';
    }
    if (chomp === 'clip') {
      value += '\n';
    } else if (chomp === 'keep') {
      value += '\n'.repeat(trailing + 1);
    }
    return value;
  }
}

/** @param {string[]} lines */
function foldLines(lines) {
  let out = '';
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (k === 0) {
      out = line;
      continue;
    }
    const prev = lines[k - 1];
    const moreIndented = line.startsWith(' ') || prev.startsWith(' ');
    if (line === '') {
      out += '\n';
    } else if (prev === '' || moreIndented) {
      out += (prev === '' ? '' : '\n') + line;
    } else {
      out += ' ' + line;
    }
  }
  return out;
}

/** @param {string} text */
function isExplicitKey(text) {
  return text === '?' || text.startsWith('? ');
}

/** @param {string} text */
function isSeqItem(text) {
  return text === '-' || text.startsWith('- ') || text.startsWith('-\t');
}

/**
 * Index of the colon that ends a mapping key on this line, or -1.
 * @param {string} text
 */
function findMapColon(text) {
  if (text.startsWith('"') || text.startsWith("'")) {
    try {
      const { end } = readQuoted(text, 0);
      const after = text.slice(end);
      const m = /^\s*:(\s|$)/.exec(after);
      return m ? end + after.indexOf(':') : -1;
    } catch {
      return -1;
    }
  }
  if (/^[[{#|>]/.test(text)) {
    return -1;
  }
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '#' && k > 0 && /\s/.test(text[k - 1])) {
      return -1;
    }
    if (c === ':' && (k + 1 === text.length || /\s/.test(text[k + 1]))) {
      return k;
    }
  }
  return -1;
}

/** @param {string} text */
function parseKey(text) {
  if (text.startsWith('"') || text.startsWith("'")) {
    return readQuoted(text, 0).value;
  }
  const v = resolvePlain(text);
  return v === null ? 'null' : v;
}

/**
 * Removes a trailing " # comment" outside quotes.
 * @param {string} text
 */
function stripComment(text) {
  let quote = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === '\\' && quote === '"') {
        k++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'") {
      if (k === 0 || /[\s[{,:]/.test(text[k - 1])) {
        quote = c;
      }
    } else if (c === '#' && (k === 0 || /\s/.test(text[k - 1]))) {
      return text.slice(0, k);
    }
  }
  return text;
}

/**
 * Whether a flow collection or quoted scalar that starts `text` is closed.
 * @param {string} text
 */
function isComplete(text) {
  let depth = 0;
  let quote = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (quote === "'" && c === "'" && text[k + 1] === "'") {
        k++;
      } else if (quote === '"' && c === '\\') {
        k++;
      } else if (c === quote) {
        quote = '';
        if (depth === 0) {
          return true;
        }
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        return true;
      }
    }
  }
  return false;
}

const ESCAPES = /** @type {Record<string, string>} */ ({
  0: '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
});

/**
 * Reads a quoted scalar that starts at `start`, folding line breaks as YAML does.
 * @param {string} text
 * @param {number} start
 * @returns {{ value: string, end: number }}
 */
function readQuoted(text, start) {
  const quote = text[start];
  let out = '';
  let k = start + 1;
  while (k < text.length) {
    const c = text[k];
    if (c === quote) {
      if (quote === "'" && text[k + 1] === "'") {
        out += "'";
        k += 2;
        continue;
      }
      return { value: out, end: k + 1 };
    }
    if (c === '\\' && quote === '"') {
      const e = text[k + 1];
      if (e === '\n') {
        k += 2;
        while (text[k] === ' ' || text[k] === '\t') {
          k++;
        }
        continue;
      }
      const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hexLen) {
        const hex = text.slice(k + 2, k + 2 + hexLen);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen) {
          throw new YamlError(`bad escape \\${e}${hex}`);
        }
        out += String.fromCodePoint(parseInt(hex, 16));
        k += 2 + hexLen;
        continue;
      }
      if (!(e in ESCAPES)) {
        throw new YamlError(`bad escape \\${e}`);
      }
      out += ESCAPES[e];
      k += 2;
      continue;
    }
    if (c === '\n') {
      // Line folding: trailing spaces are dropped, one break becomes a space, n+1 breaks become n newlines.
      out = out.replace(/[ \t]+$/, '');
      let breaks = 0;
      while (k < text.length && (text[k] === '\n' || text[k] === ' ' || text[k] === '\t')) {
        if (text[k] === '\n') {
          breaks++;
        }
        k++;
      }
      out += breaks > 1 ? '\n'.repeat(breaks - 1) : ' ';
      continue;
    }
    out += c;
    k++;
  }
  throw new YamlError('unterminated quoted scalar');
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function resolvePlain(text) {
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) {
    return null;
  }
  if (/^(true|True|TRUE)$/.test(text)) {
    return true;
  }
  if (/^(false|False|FALSE)$/.test(text)) {
    return false;
  }
  if (/^[-+]?[0-9]+$/.test(text)) {
    return Number(text);
  }
  if (/^0x[0-9a-fA-F]+$/.test(text)) {
    return parseInt(text.slice(2), 16);
  }
  if (/^0o[0-7]+$/.test(text)) {
    return parseInt(text.slice(2), 8);
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) {
    return Number(text);
  }
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) {
    return text.startsWith('-') ? -Infinity : Infinity;
  }
  if (/^\.(nan|NaN|NAN)$/.test(text)) {
    return NaN;
  }
  return text;
}

class FlowParser {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
    this.k = 0;
  }

  skip() {
    while (this.k < this.text.length) {
      const c = this.text[this.k];
      if (c === '#' && (this.k === 0 || /\s/.test(this.text[this.k - 1]))) {
        while (this.k < this.text.length && this.text[this.k] !== '\n') {
          this.k++;
        }
      } else if (/\s/.test(c)) {
        this.k++;
      } else {
        return;
      }
    }
  }

  expectEnd() {
    this.skip();
    if (this.k < this.text.length) {
      throw new YamlError(`unexpected text after flow collection: ${this.text.slice(this.k)}`);
    }
  }

  /** @returns {unknown} */
  parseValue() {
    this.skip();
    const c = this.text[this.k];
    if (c === '[') {
      return this.parseSeq();
    }
    if (c === '{') {
      return this.parseMap();
    }
    if (c === '"' || c === "'") {
      const { value, end } = readQuoted(this.text, this.k);
      this.k = end;
      return value;
    }
    return resolvePlain(this.readPlain());
  }

  readPlain() {
    const start = this.k;
    while (this.k < this.text.length) {
      const c = this.text[this.k];
      if (c === ',' || c === ']' || c === '}' || (c === ':' && /[\s,\]}]/.test(this.text[this.k + 1] ?? ' '))) {
        break;
      }
      this.k++;
    }
    return this.text.slice(start, this.k).replace(/\s+/g, ' ').trim();
  }

  parseSeq() {
    this.k++;
    /** @type {unknown[]} */
    const out = [];
    for (;;) {
      this.skip();
      if (this.text[this.k] === ']') {
        this.k++;
        return out;
      }
      out.push(this.parseValue());
      this.skip();
      const c = this.text[this.k];
      if (c === ',') {
        this.k++;
      } else if (c !== ']') {
        throw new YamlError('expected "," or "]" in flow sequence');
      }
    }
  }

  parseMap() {
    this.k++;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (;;) {
      this.skip();
      if (this.text[this.k] === '}') {
        this.k++;
        return out;
      }
      const key = this.parseValue();
      this.skip();
      let value = null;
      if (this.text[this.k] === ':') {
        this.k++;
        this.skip();
        value = this.text[this.k] === ',' || this.text[this.k] === '}' ? null : this.parseValue();
      }
      out[String(key)] = value;
      this.skip();
      const c = this.text[this.k];
      if (c === ',') {
        this.k++;
      } else if (c !== '}') {
        throw new YamlError('expected "," or "}" in flow mapping');
      }
    }
  }
}
