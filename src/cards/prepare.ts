/** A README as the card shows it: without its front matter and cut to the render limit. */
import { splitFrontMatter } from './frontMatter';
import { CARD_RENDER_LIMIT_BYTES, truncateMarkdown } from './truncate';

export interface PreparedReadme {
  /** The Markdown to render. */
  body: string;
  /** Whether the card was cut (the page then links to the full card on the Hub). */
  truncated: boolean;
  /** Whether the README had YAML front matter (its fields are in the header, from the API's `cardData`). */
  hadFrontMatter: boolean;
}

export function prepareReadme(text: string, options: { alreadyCut?: boolean; maxBytes?: number } = {}): PreparedReadme {
  const { yaml, body } = splitFrontMatter(text);
  const cut = truncateMarkdown(body, options.maxBytes ?? CARD_RENDER_LIMIT_BYTES, options.alreadyCut ?? false);
  return { body: cut.text, truncated: cut.truncated, hadFrontMatter: yaml !== undefined };
}
