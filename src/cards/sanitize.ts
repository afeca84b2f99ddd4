/**
 * What survives of a card's HTML: the allowlists the webview gives DOMPurify. They follow VS Code's own README
 * renderer for untrusted Marketplace READMEs (`basicMarkupHtmlTags` and `defaultAllowedAttrs` in
 * `src/vs/base/browser/domSanitize.ts`), stricter: no `style`, `target`, `tabindex`, form controls, `video` or
 * `source` (the CSP has `media-src 'none'`), no `srcset` (it would bypass the image policy), no `data-*`.
 */
export const CARD_ALLOWED_TAGS: readonly string[] = Object.freeze([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del',
  'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i',
  'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike',
  'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul',
  'var', 'wbr',
]);

export const CARD_ALLOWED_ATTRIBUTES: readonly string[] = Object.freeze([
  'href', 'src', 'alt', 'title', 'width', 'height', 'align', 'valign', 'name', 'id', 'class', 'role', 'start',
  'reversed', 'colspan', 'rowspan', 'scope', 'open', 'dir', 'lang', 'datetime', 'cite',
]);

/**
 * URLs DOMPurify lets through to our hooks: http, https, mailto, fragments and scheme-less (relative) paths. The
 * hooks then resolve them and apply the link and image policies.
 */
export const CARD_URI_PATTERN = /^(?:(?:https?|mailto):|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Classes kept on card elements: code languages and our math fallback. Everything else could mimic the page's own UI. */
export function isAllowedCardClass(name: string): boolean {
  return /^language-[\w+#.-]{1,40}$/.test(name) || name === 'math' || name === 'math-inline' || name === 'math-display';
}

/** The allowed classes of a `class` attribute value (split on whitespace, in one linear pass). */
export function keptClasses(value: string): string[] {
  return value.split(/\s+/).filter(isAllowedCardClass);
}

/** A `width`/`height` value kept as is: a number of pixels or a percentage. */
export function isAllowedDimension(value: string): boolean {
  return /^\d{1,5}(?:\.\d+)?(?:px|%)?$/.test(value.trim());
}
