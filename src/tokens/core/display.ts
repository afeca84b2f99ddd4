// Tokens shown readably, as the Hub's tokenizer playground does: byte-level BPE symbols (GPT-2's bytes_to_unicode:
// Ġ for a space, Ċ for a newline, …) and SentencePiece byte fallbacks (<0x0A>) turned back into the text they stand
// for, with whitespace made visible. Linear, no regular expressions. Pure.

/** GPT-2's `bytes_to_unicode` inverted: the unicode symbol of each byte back to the byte. */
const BYTE_OF_SYMBOL: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    if (printable(b)) {
      map.set(String.fromCharCode(b), b);
    } else {
      map.set(String.fromCharCode(256 + next), b);
      next++;
    }
  }
  return map;
})();

/** The bytes a byte-level token stands for, or undefined when a character is not one of the 256 symbols. */
export function byteLevelBytes(token: string): number[] | undefined {
  const bytes: number[] = [];
  for (const ch of token) {
    const b = BYTE_OF_SYMBOL.get(ch);
    if (b === undefined) {
      return undefined;
    }
    bytes.push(b);
  }
  return bytes;
}

/** `<0x0A>` (SentencePiece byte fallback) → 10, else undefined. */
export function byteFallback(token: string): number | undefined {
  if (token.length !== 6 || !token.startsWith('<0x') || !token.endsWith('>')) {
    return undefined;
  }
  const value = Number.parseInt(token.slice(3, 5), 16);
  return Number.isNaN(value) || !isHex(token.slice(3, 5)) ? undefined : value;
}

function isHex(text: string): boolean {
  for (const c of text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

/**
 * Bytes as text: each whole UTF-8 character as itself, each byte of a character split across tokens as `<0xF0>`
 * (one linear walk over the bytes).
 */
function bytesText(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    const run = bytes.slice(i, i + length);
    if (length > 0 && run.length === length && run.slice(1).every((b) => (b & 0xc0) === 0x80)) {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(run));
      if (!text.includes('\ufffd')) {
        out += text;
        i += length;
        continue;
      }
    }
    out += `<0x${lead.toString(16).toUpperCase().padStart(2, '0')}>`;
    i++;
  }
  return out;
}

/** Whitespace made visible: space stays a space (the view shows it on a background), newline ↵, tab →, CR ␍. */
export function visibleWhitespace(text: string): string {
  let out = '';
  for (const ch of text) {
    out += ch === '\n' ? '↵' : ch === '\t' ? '→' : ch === '\r' ? '␍' : ch;
  }
  return out;
}

/** One token of a text, for the tokens view. */
export interface TokenPiece {
  id: number;
  /** The token as the vocabulary writes it. */
  token: string;
  /** The token as a person reads it (readableToken). */
  text: string;
  special: boolean;
}

/** How the tokenizer's model writes its tokens: GPT-2 byte-level symbols, SentencePiece's ▁, or plain (WordPiece ##). */
export type TokenStyle = 'byteLevel' | 'sentencePiece' | 'plain';

/** The style of a tokenizer.json: a ByteLevel pre-tokenizer or decoder anywhere in it, a Metaspace / ▁ replace, or plain. */
export function tokenStyle(tokenizer: Record<string, unknown>): TokenStyle {
  const kinds = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 6 || !value || typeof value !== 'object') {
      return;
    }
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string') {
      kinds.add(type);
    }
    const parts = Array.isArray(value) ? value : [(value as Record<string, unknown>).pretokenizers, (value as Record<string, unknown>).decoders];
    parts.forEach((p) => walk(p, depth + 1));
  };
  walk(tokenizer.pre_tokenizer, 0);
  walk(tokenizer.decoder, 0);
  if (kinds.has('ByteLevel')) {
    return 'byteLevel';
  }
  return kinds.has('Metaspace') || kinds.has('Replace') || kinds.has('ByteFallback') ? 'sentencePiece' : 'plain';
}

/** A token as a person reads it. Special tokens are shown as they are. */
export function readableToken(token: string, style: TokenStyle, special: boolean): string {
  if (special) {
    return token;
  }
  const fallback = byteFallback(token);
  if (fallback !== undefined) {
    return visibleWhitespace(bytesText([fallback]));
  }
  if (style === 'byteLevel') {
    const bytes = byteLevelBytes(token);
    return visibleWhitespace(bytes ? bytesText(bytes) : token);
  }
  if (style === 'sentencePiece') {
    return visibleWhitespace(token.split('▁').join(' '));
  }
  return visibleWhitespace(token);
}
