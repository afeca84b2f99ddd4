/**
 * Heading anchors as GitHub and the Hub make them, so a card's table of contents (`[Usage](#usage)`) works. Ids from
 * a card are prefixed (`user-content-`) so that they can never clobber a global of the page's script.
 */
export const ID_PREFIX = 'user-content-';

/** `"Model Details 🤗"` → `"model-details-"`: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Gives repeated slugs a suffix, as GitHub does: `usage`, `usage-1`, `usage-2`. */
export class SlugCounter {
  private readonly seen = new Map<string, number>();

  next(text: string): string {
    const base = slug(text);
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }
}
