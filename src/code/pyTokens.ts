/**
 * A small tokenizer for Python source, just precise enough to find call sites and their literal arguments.
 * It knows comments, every string form (prefixes, triple quotes, escapes, f-strings with nested fields), line
 * continuations, brackets, names, numbers and operators. It is built for code that is being typed: it never throws,
 * an unclosed single-quoted string ends at its line, and it runs in one pass (linear in the source length).
 * Pure: no `vscode` import.
 */

export type TokenType = 'name' | 'number' | 'string' | 'open' | 'close' | 'comma' | 'dot' | 'assign' | 'op';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Text of names, brackets and operators (empty for strings and numbers, which are read through their offsets). */
  text: string;
  /** First token of its physical line (a line continued with `\` is not a new line). */
  lineStart: boolean;
  /** Column of the first token of the physical line this token starts on. */
  indent: number;
}

export interface StringToken extends Token {
  type: 'string';
  /** The prefix in lower case: '', 'r', 'u', 'b', 'f', 't', 'rb', 'fr', … */
  prefix: string;
  triple: boolean;
  /** Offset of the first character of the contents, after the prefix and the opening quote(s). */
  contentStart: number;
  /** Offset just past the contents: the closing quote, or where an unclosed string stops. */
  contentEnd: number;
  closed: boolean;
}

export function isStringToken(token: Token | undefined): token is StringToken {
  return token?.type === 'string';
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

/** Operators longer than one character, so that `==` or `<=` is never read as a keyword argument's `=`. */
const OPERATORS_3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS_2 = new Set(['**', '//', '<<', '>>', '<=', '>=', '==', '!=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);

/** f-strings nest (`f"{f'{x}'}"`); beyond this depth braces and inner quotes are read as plain text, which keeps the stack small. */
const MAX_NESTING = 32;

const EQUALS = 61;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const HASH = 35;
const BACKSLASH = 92;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const DOT = 46;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** One-character tokens other than operators; `=` only when not `==`, `.` only when not `...`. */
const SINGLE_PUNCTUATION = new Map<number, TokenType>([
  [40, 'open'], [91, 'open'], [123, 'open'], [41, 'close'], [93, 'close'], [125, 'close'], [44, 'comma'], [DOT, 'dot'], [EQUALS, 'assign'],
]);

function isNewline(c: number): boolean {
  return c === LF || c === CR;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Identifier characters; anything beyond ASCII is accepted, as Python accepts most letters of any script. */
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && c !== 0xa0 && c !== 0xfeff);
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isQuote(c: number): boolean {
  return c === DOUBLE_QUOTE || c === SINGLE_QUOTE;
}

/**
 * Reads the string whose opening quote is at `quote` and returns the token. The body scanners return where the
 * contents end: at the closing quote when there is one, else at the newline or source end that cut the string short.
 */
function scanString(source: string, start: number, quote: number, prefix: string, depth: number, lineStart: boolean, indent: number): StringToken {
  const q = source.charCodeAt(quote);
  const triple = source.charCodeAt(quote + 1) === q && source.charCodeAt(quote + 2) === q;
  const contentStart = quote + (triple ? 3 : 1);
  const formatted = prefix.includes('f') || prefix.includes('t');
  const contentEnd = formatted ? scanFormattedBody(source, contentStart, q, triple, depth) : scanPlainBody(source, contentStart, q, triple);
  const end = closingAt(source, contentEnd, q, triple);
  const closed = end >= 0;
  return { type: 'string', start, end: closed ? end : contentEnd, text: '', lineStart, indent, prefix, triple, contentStart, contentEnd, closed };
}

/** If a closing quote starts at `p`, where the string ends; else -1. */
function closingAt(source: string, p: number, q: number, triple: boolean): number {
  if (source.charCodeAt(p) !== q) {
    return -1;
  }
  if (!triple) {
    return p + 1;
  }
  return source.charCodeAt(p + 1) === q && source.charCodeAt(p + 2) === q ? p + 3 : -1;
}

/** Length of the escape at `p` (a backslash): the next character, or a CRLF line break kept as one. */
function escapeLength(source: string, p: number): number {
  return source.charCodeAt(p + 1) === CR && source.charCodeAt(p + 2) === LF ? 3 : 2;
}

function scanPlainBody(source: string, p: number, q: number, triple: boolean): number {
  const n = source.length;
  while (p < n) {
    const c = source.charCodeAt(p);
    if (c === BACKSLASH) {
      // In raw strings too, a backslash keeps the next quote from closing the string.
      p += escapeLength(source, p);
    } else if (c === q ? closingAt(source, p, q, triple) >= 0 : !triple && isNewline(c)) {
      return p;
    } else {
      p++;
    }
  }
  return n;
}

/**
 * The body of an f-string (or t-string): literal text, `{{`/`}}`, and replacement fields whose expressions may hold
 * strings of their own, even with the same quote (Python 3.12). A single-quoted one still ends at its line, so one
 * unfinished f-string cannot swallow the rest of the file.
 */
function scanFormattedBody(source: string, p: number, q: number, triple: boolean, depth: number): number {
  const n = source.length;
  while (p < n) {
    const c = source.charCodeAt(p);
    if (c === BACKSLASH) {
      p += escapeLength(source, p);
    } else if (c === q ? closingAt(source, p, q, triple) >= 0 : !triple && isNewline(c)) {
      return p;
    } else if (c === OPEN_BRACE && source.charCodeAt(p + 1) !== OPEN_BRACE && depth < MAX_NESTING) {
      p = scanField(source, p + 1, q, triple, depth + 1);
    } else {
      p += (c === OPEN_BRACE || c === CLOSE_BRACE) && source.charCodeAt(p + 1) === c ? 2 : 1;
    }
  }
  return n;
}

/**
 * A replacement field, from just after its `{`. Returns the offset after its `}`, or the offset of whatever ends the
 * enclosing string early (the closing quote, a newline in a single-quoted string, the end of the source).
 */
function scanField(source: string, p: number, q: number, triple: boolean, depth: number): number {
  const n = source.length;
  let brackets = 0;
  while (p < n) {
    const c = source.charCodeAt(p);
    if (!triple && isNewline(c)) {
      return p;
    }
    if (isIdentStart(c)) {
      const identStart = p;
      while (p < n && isIdentPart(source.charCodeAt(p))) {
        p++;
      }
      const prefix = source.slice(identStart, p).toLowerCase();
      if (isQuote(source.charCodeAt(p)) && STRING_PREFIXES.has(prefix) && depth < MAX_NESTING) {
        const inner = scanString(source, identStart, p, prefix, depth + 1, false, 0);
        if (!inner.closed) {
          return inner.end;
        }
        p = inner.end;
      }
      continue;
    }
    if (isQuote(c)) {
      if (depth >= MAX_NESTING) {
        if (c === q) {
          return p;
        }
        p++;
        continue;
      }
      const inner = scanString(source, p, p, '', depth + 1, false, 0);
      if (!inner.closed) {
        return inner.end;
      }
      p = inner.end;
      continue;
    }
    if (c === 40 || c === 91 || c === OPEN_BRACE) {
      brackets++;
    } else if (c === 41 || c === 93) {
      brackets = Math.max(0, brackets - 1);
    } else if (c === CLOSE_BRACE) {
      if (brackets === 0) {
        return p + 1;
      }
      brackets--;
    } else if (c === 58 /* : */ && brackets === 0) {
      return scanFormatSpec(source, p + 1, q, triple, depth);
    }
    p++;
  }
  return n;
}

/** A format spec (after the field's `:`): literal text with nested fields, up to the field's `}`. */
function scanFormatSpec(source: string, p: number, q: number, triple: boolean, depth: number): number {
  const n = source.length;
  while (p < n) {
    const c = source.charCodeAt(p);
    if ((!triple && isNewline(c)) || closingAt(source, p, q, triple) >= 0) {
      return p;
    }
    if (c === CLOSE_BRACE) {
      return p + 1;
    }
    if (c === OPEN_BRACE && depth < MAX_NESTING) {
      p = scanField(source, p + 1, q, triple, depth + 1);
      continue;
    }
    p++;
  }
  return n;
}

/** Splits Python source into tokens. Never throws; characters Python would reject become `op` tokens. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let pos = 0;
  let lineStartPos = 0;
  let fresh = true;
  let indent = 0;

  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (isNewline(c)) {
      pos += c === CR && source.charCodeAt(pos + 1) === LF ? 2 : 1;
      lineStartPos = pos;
      fresh = true;
      continue;
    }
    if (c === SPACE || c === TAB || c === FORM_FEED) {
      pos++;
      continue;
    }
    if (c === HASH) {
      while (pos < n && !isNewline(source.charCodeAt(pos))) {
        pos++;
      }
      continue;
    }
    if (c === BACKSLASH) {
      const next = source.charCodeAt(pos + 1);
      if (isNewline(next)) {
        // A line continuation: the next physical line carries on the current one.
        pos += next === CR && source.charCodeAt(pos + 2) === LF ? 3 : 2;
        lineStartPos = pos;
        continue;
      }
    }

    const start = pos;
    const lineStart = fresh;
    if (fresh) {
      fresh = false;
      indent = start - lineStartPos;
    }

    if (isIdentStart(c)) {
      pos++;
      while (pos < n && isIdentPart(source.charCodeAt(pos))) {
        pos++;
      }
      const text = source.slice(start, pos);
      const prefix = isQuote(source.charCodeAt(pos)) ? text.toLowerCase() : '';
      if (STRING_PREFIXES.has(prefix)) {
        const token = scanString(source, start, pos, prefix, 0, lineStart, indent);
        tokens.push(token);
        pos = token.end;
        continue;
      }
      tokens.push({ type: 'name', start, end: pos, text, lineStart, indent });
      continue;
    }
    if (isQuote(c)) {
      const token = scanString(source, start, pos, '', 0, lineStart, indent);
      tokens.push(token);
      pos = token.end;
      continue;
    }
    if (isDigit(c) || (c === DOT && isDigit(source.charCodeAt(pos + 1)))) {
      pos = scanNumber(source, pos);
      tokens.push({ type: 'number', start, end: pos, text: '', lineStart, indent });
      continue;
    }

    const single = SINGLE_PUNCTUATION.get(c);
    if (single && !(c === EQUALS && source.charCodeAt(pos + 1) === EQUALS) && !(c === DOT && source.charCodeAt(pos + 1) === DOT)) {
      pos++;
      tokens.push({ type: single, start, end: pos, text: source[start], lineStart, indent });
      continue;
    }
    const three = source.slice(pos, pos + 3);
    const two = source.slice(pos, pos + 2);
    const text = OPERATORS_3.has(three) ? three : OPERATORS_2.has(two) ? two : source[pos];
    pos += text.length;
    tokens.push({ type: 'op', start, end: pos, text, lineStart, indent });
  }
  return tokens;
}

/** Numbers in any form (`1_000`, `0x1F`, `1.5e-3`, `2j`): only their extent matters. */
function scanNumber(source: string, pos: number): number {
  const n = source.length;
  const hex = source.charCodeAt(pos) === 48 && (source[pos + 1] === 'x' || source[pos + 1] === 'X');
  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (isIdentPart(c) || c === DOT) {
      pos++;
    } else if ((c === 43 || c === 45) && !hex && (source[pos - 1] === 'e' || source[pos - 1] === 'E')) {
      pos++;
    } else {
      break;
    }
  }
  return pos;
}
