/**
 * YAML front matter of a card: the block between a first line `---` and the next line that is `---` or `...`.
 * The Hub shows its fields in the page header (they reach us already parsed, as the API's `cardData`) and never as
 * text, so the card only needs it cut off. Line-based and linear: no YAML is parsed here.
 */
export interface FrontMatterSplit {
  /** The YAML text between the fences, without them; undefined when the card has none. */
  yaml?: string;
  /** The Markdown after the front matter (the whole text when there is none). */
  body: string;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;

export function splitFrontMatter(text: string): FrontMatterSplit {
  const opening = OPENING.exec(text);
  if (!opening) {
    return { body: text };
  }
  CLOSING.lastIndex = opening[0].length;
  const closing = CLOSING.exec(text);
  if (!closing) {
    // An unclosed block is not front matter: the Hub shows such a card as it is.
    return { body: text };
  }
  return { yaml: text.slice(opening[0].length, closing.index), body: text.slice(closing.index + closing[0].length) };
}
