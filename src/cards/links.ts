/**
 * The extension host's check of a link the card webview asks it to open. The webview already dropped everything but
 * http, https and mailto, but it renders untrusted content, so the host decides again from the string alone.
 */
const OPENABLE = new Set(['http:', 'https:', 'mailto:']);

/** True for an absolute http, https or mailto URL without credentials, under 2048 characters. */
export function isOpenableCardLink(href: unknown): href is string {
  return typeof href === 'string' && openableUrl(href) !== undefined;
}

/**
 * `href` parsed, when it is an absolute http, https or mailto URL without credentials, under 2048 characters. `parsed`,
 * when given, is taken for the parse of `href` if it serialises to exactly `href`.
 */
export function openableUrl(href: string, parsed?: URL): URL | undefined {
  if (href.length === 0 || href.length > 2048 || href !== href.trim()) {
    return undefined;
  }
  // Control characters and whitespace are stripped by URL parsers; a link that needs that is refused, not repaired.
  for (let i = 0; i < href.length; i++) {
    const c = href.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return undefined;
    }
  }
  let url: URL;
  try {
    url = parsed?.href === href ? parsed : new URL(href);
  } catch {
    return undefined;
  }
  if (!OPENABLE.has(url.protocol) || url.username || url.password) {
    return undefined;
  }
  return url.protocol === 'mailto:' || url.hostname.length > 0 ? url : undefined;
}
