/**
 * Cutting a very large README to what the card renders (the Hub itself shows long cards in full, but a webview that
 * parses megabytes of Markdown stalls). The cut falls at the end of a line, and a fenced code block left open by it
 * is closed, so the rest of the page does not turn into code. Linear in the text's length.
 */

/** Cards are rendered up to this many bytes of UTF-8; beyond it they are cut and link to the Hub. */
export const CARD_RENDER_LIMIT_BYTES = 1024 * 1024;

export interface Truncated {
  text: string;
  truncated: boolean;
}

/**
 * Cuts `text` to at most `maxBytes` bytes of UTF-8. `alreadyCut` says the text is itself the start of something
 * longer (the host stopped reading): then its last, possibly partial, line is dropped even when it fits.
 */
export function truncateMarkdown(text: string, maxBytes = CARD_RENDER_LIMIT_BYTES, alreadyCut = false): Truncated {
  const end = utf8Prefix(text, maxBytes);
  if (end === text.length && !alreadyCut) {
    return { text, truncated: false };
  }
  let cut = text.slice(0, end);
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline >= 0) {
    cut = cut.slice(0, lastNewline + 1);
  }
  const fence = openFence(cut);
  if (fence) {
    cut += `${cut.endsWith('\n') ? '' : '\n'}${fence}\n`;
  }
  return { text: cut, truncated: true };
}

const encoder = new TextEncoder();

/**
 * The length (in UTF-16 units) of the longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`: a surrogate pair
 * is four bytes and kept whole, a lone surrogate three (it is encoded as U+FFFD). The platform's encoder does the
 * counting, about ten times faster than a loop over the characters on a 1 MB card.
 */
export function utf8Prefix(text: string, maxBytes: number): number {
  if (text.length * 3 <= maxBytes) {
    return text.length;
  }
  return encoder.encodeInto(text, new Uint8Array(Math.max(0, maxBytes))).read;
}

/** The fence (```` ``` ```` or `~~~`, as long as its opener) that closes a code block still open at the end of `text`. */
function openFence(text: string): string | undefined {
  let open: { char: string; length: number } | undefined;
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const run = m[1];
    if (!open) {
      // A backtick fence's info string cannot contain a backtick (CommonMark).
      if (run[0] === '`' && m[2].includes('`')) {
        continue;
      }
      open = { char: run[0], length: run.length };
    } else if (run[0] === open.char && run.length >= open.length && m[2].trim() === '') {
      open = undefined;
    }
  }
  return open ? open.char.repeat(open.length) : undefined;
}
