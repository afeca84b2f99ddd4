/**
 * Where the links and images of a card point. A card is untrusted text: relative paths are resolved the way the Hub
 * resolves them (links against the repo's files at the card's revision, images against their raw `resolve` URL), and
 * only `http`, `https` and `mailto` survive as links. Used by the webview when it renders a card, and by the extension
 * host when it validates a link the webview asks it to open.
 */
import { repoWebUrl, type RepoType } from '../hub/repoId';

/** The repo and revision a card was read at, on the configured Hub. */
export interface CardLocation {
  /** The Hub's base URL, without a trailing slash (`https://huggingface.co`). */
  endpoint: string;
  type: RepoType;
  id: string;
  /** Commit sha (or branch) the README was read at; relative images resolve at this revision. */
  revision: string;
}

export type LinkTarget =
  | { kind: 'anchor'; fragment: string }
  /** `parsed` is `url` parsed, for the link policy to use instead of parsing it again. */
  | { kind: 'external'; url: string; parsed: URL }
  | { kind: 'blocked'; reason: string };

export type ImageTarget = { kind: 'image'; url: string } | { kind: 'blocked'; reason: string };

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MAX_URL_LENGTH = 2048;

/** Base of relative links: the repo's files as pages (`…/blob/{rev}/`). */
export function blobBase(loc: CardLocation): string {
  return `${repoWebUrl(loc)}/blob/${encodeURIComponent(loc.revision)}/`;
}

/** Base of relative images: the repo's raw files (`…/resolve/{rev}/`). */
export function resolveBase(loc: CardLocation): string {
  return `${repoWebUrl(loc)}/resolve/${encodeURIComponent(loc.revision)}/`;
}

/** Resolves an `href` from a card. `#…` stays in the page; anything but http, https and mailto is blocked. */
export function resolveCardLink(href: string, loc: CardLocation): LinkTarget {
  const raw = href.trim();
  if (raw.startsWith('#')) {
    return { kind: 'anchor', fragment: safeDecode(raw.slice(1)) };
  }
  // Browsers read `\` as `/` in web addresses: `/\evil.example` or `\\evil.example` would leave the Hub for that host.
  if (raw.split(/[?#]/, 1)[0].includes('\\')) {
    return { kind: 'blocked', reason: 'a \\ in a link’s path can make it name another host' };
  }
  const url = hasAuthority(raw) ? parseUrl(raw) : parseUrl(raw, blobBase(loc));
  if (!url) {
    return { kind: 'blocked', reason: 'not a valid link' };
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) {
    return { kind: 'blocked', reason: `${url.protocol} links are not opened from cards` };
  }
  if (url.username || url.password) {
    return { kind: 'blocked', reason: 'links with credentials are not opened from cards' };
  }
  return { kind: 'external', url: url.href, parsed: url };
}

/** The policy for remote images in cards (setting `huggingface.cards.images`). */
export type CardImagePolicy = 'huggingface' | 'all' | 'none';

export const CARD_IMAGE_POLICIES: readonly CardImagePolicy[] = ['huggingface', 'all', 'none'];

/** Resolves an image `src` from a card and applies the image policy. Only https images load (and the Hub's own, if local). */
export function resolveCardImage(src: string, loc: CardLocation, policy: CardImagePolicy): ImageTarget {
  if (policy === 'none') {
    return { kind: 'blocked', reason: 'images are turned off (huggingface.cards.images)' };
  }
  const raw = src.trim();
  const url = hasAuthority(raw) ? parseUrl(raw) : parseUrl(raw, resolveBase(loc));
  if (!url) {
    return { kind: 'blocked', reason: 'not a valid image address' };
  }
  if (!imageAllowed(url, policy, loc.endpoint)) {
    return { kind: 'blocked', reason: `images from ${url.protocol === 'https:' ? url.host : url.protocol} are not loaded (huggingface.cards.images)` };
  }
  return { kind: 'image', url: url.href };
}

/** Whether the policy lets a card load an image from `href` (an absolute URL). Mirrors `imageCspSources`. */
export function isImageAllowed(href: string, policy: CardImagePolicy, endpoint: string): boolean {
  const url = parseUrl(href);
  return url !== undefined && imageAllowed(url, policy, endpoint);
}

function imageAllowed(url: URL, policy: CardImagePolicy, endpoint: string): boolean {
  if (policy === 'none' || url.username || url.password) {
    return false;
  }
  if (url.origin === originOf(endpoint)) {
    return true;
  }
  if (url.protocol !== 'https:') {
    return false;
  }
  return policy === 'all' || (url.port === '' && isHuggingFaceHost(url.hostname));
}

/**
 * The CSP `img-src` sources for a policy, besides the webview's own: the endpoint's origin, then the Hugging Face hosts
 * (`huggingface.co`, `hf.co` and their subdomains, where the CDN and `resolve` redirects go), or any https host.
 */
export function imageCspSources(policy: CardImagePolicy, endpoint: string): string[] {
  if (policy === 'none') {
    return [];
  }
  const origin = originOf(endpoint);
  const hosts = policy === 'all' ? ['https:'] : ['https://huggingface.co', 'https://*.huggingface.co', 'https://hf.co', 'https://*.hf.co'];
  // A CSP source list cannot carry quotes, semicolons or commas; an origin never has them, but be strict.
  const own = origin && /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin) ? [origin] : [];
  return [...new Set([...own, ...hosts])];
}

/** The Hugging Face hosts whose images load by default. */
export function isHuggingFaceHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'huggingface.co' || host.endsWith('.huggingface.co') || host === 'hf.co' || host.endsWith('.hf.co');
}

function originOf(endpoint: string): string | undefined {
  const url = parseUrl(endpoint);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
}

/** `raw` as a URL (against `base`), or undefined when it is not one or is longer than any link needs to be. */
/**
 * A scheme then `//`: an address the URL parser reads without its base whatever the base is (`https:x` or `/x` would
 * be resolved against it), so the base need not be made and parsed for it. Anchored; one run of scheme characters.
 */
const WITH_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function hasAuthority(raw: string): boolean {
  return WITH_AUTHORITY.test(raw);
}

export function parseUrl(raw: string, base?: string): URL | undefined {
  if (raw.length > MAX_URL_LENGTH) {
    return undefined;
  }
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}

/** Percent-decoded text, or the text as it is when it does not decode. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
