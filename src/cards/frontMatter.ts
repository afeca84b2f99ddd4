/**
 * YAML front matter of a card, found exactly where the Hub finds it, so the card never shows text the Hub hides (or
 * hides text it shows). The rule is huggingface_hub's `REGEX_YAML_BLOCK` (`src/huggingface_hub/repocard.py`):
 *
 *     ^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))
 *
 * Whitespace may come before the opening `---`, which is followed at once by line breaks; the block ends at the first
 * `---` that follows a line break and is followed by a line break or the end of the text. A `...` line ends nothing,
 * and neither does `--- ` with a trailing space. `\s` is read as JavaScript reads it (it includes the BOM).
 *
 * A scan, not that regex: its lazy middle retried from every line break is quadratic on a run of them. The Hub shows
 * the fields in the page header (they reach us already parsed, as the API's `cardData`) and never as text, so the
 * card only needs the block cut off. test/hub-server/yaml.mjs applies the same rule.
 */
export interface FrontMatterSplit {
  /** The YAML text between the fences, without them; undefined when the card has none. */
  yaml?: string;
  /** The Markdown after the front matter (the whole text when there is none). */
  body: string;
}

const isBreak = (code: number) => code === 0x0a || code === 0x0d;

/** The end of the run of line breaks starting at `from`. */
function breaksEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBreak(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** Where the match ends if a closing `---` starts at `at`: after its `\r\n`, its `\n`, or at the end; else -1. */
function closingEnd(text: string, at: number): number {
  if (!text.startsWith('---', at)) {
    return -1;
  }
  const after = at + 3;
  if (after === text.length) {
    return after;
  }
  if (text.startsWith('\r\n', after)) {
    return after + 2;
  }
  return text.charCodeAt(after) === 0x0a ? after + 1 : -1;
}

export function splitFrontMatter(text: string): FrontMatterSplit {
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) {
    start++;
  }
  const fenceEnd = start + 3;
  if (!text.startsWith('---', start) || !isBreak(text.charCodeAt(fenceEnd))) {
    return { body: text };
  }
  const contentStart = breaksEnd(text, fenceEnd);
  // The first line break after the content's start whose run of breaks is followed by a closing `---`.
  for (let i = contentStart; i < text.length; ) {
    if (!isBreak(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const fence = breaksEnd(text, i);
    const end = closingEnd(text, fence);
    if (end >= 0) {
      return { yaml: text.slice(contentStart, fence), body: text.slice(end) };
    }
    i = fence;
  }
  // No closer after the opening run: the regex then gives back opening breaks, which only helps when the run is
  // followed by `---` at once (an empty block).
  if (contentStart - fenceEnd >= 2) {
    const end = closingEnd(text, contentStart);
    if (end >= 0) {
      return { yaml: '', body: text.slice(end) };
    }
  }
  // An unclosed block is not front matter: the Hub shows such a card as it is.
  return { body: text };
}
