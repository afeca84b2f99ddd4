/**
 * The extension host's check of a link the card webview asks it to open. The webview already dropped everything but
 * http, https and mailto, but it renders untrusted content, so the host decides again from the string alone.
 */
const OPENABLE = new Set(['http:', 'https:', 'mailto:']);

/** True for an absolute http, https or mailto URL without credentials, under 2048 characters. */
export function isOpenableCardLink(href: unknown): href is string {
  if (typeof href !== 'string' || href.length === 0 || href.length > 2048 || href !== href.trim()) {
    return false;
  }
  // Control characters and whitespace are stripped by URL parsers; a link that needs that is refused, not repaired.
  if ([...href].some((c) => c.charCodeAt(0) <= 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f))) {
    return false;
  }
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!OPENABLE.has(url.protocol) || url.username || url.password) {
    return false;
  }
  return url.protocol === 'mailto:' || url.hostname.length > 0;
}
