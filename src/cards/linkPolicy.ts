/**
 * What a link in a card may open, and how it is shown before it does. A card is anyone's text, and VS Code opens
 * links without asking in a trusted workspace, so the card shows where each link goes (host in full) and the host
 * asks before leaving the Hub. Refused outright: links that hide or disguise where they go (bidi controls, a path that
 * browsers read as another host), mail links that fill in more than a subject, and addresses on this machine or its
 * network, which a public card has no business sending the user to. Pure: the webview and the host both use it.
 */
import { hasBidiControls, neutraliseBidi } from '../hub/format';
import { openableUrl } from './links';
import { isHuggingFaceHost, parseUrl, safeDecode } from './urls';

export type CardLinkVerdict =
  | { kind: 'refuse'; reason: string }
  /** `known`: the configured Hub or a Hugging Face site, opened at once; else the user confirms first. */
  | { kind: 'open'; url: string; host: string; known: boolean };

export interface CardLinkContext {
  /** The configured Hub endpoint (`https://huggingface.co`). */
  endpoint: string;
  /** The link's text, when known (the webview knows it; the host does not). */
  text?: string;
  /** `href` already parsed, when the caller has it (the webview resolved it). */
  parsed?: URL;
}

/** The verdict on a link from a card; `href` is absolute (the webview resolved it against the repo). */
export function checkCardLink(href: string, context: CardLinkContext): CardLinkVerdict {
  const url = openableUrl(href, context.parsed);
  if (!url) {
    return { kind: 'refuse', reason: 'only http, https and mailto links are opened' };
  }
  // Only a `%` can decode to a control the address does not already show.
  if (hasBidiControls(href) || (href.includes('%') && hasBidiControls(safeDecode(href))) || (context.text !== undefined && hasBidiControls(context.text))) {
    return { kind: 'refuse', reason: 'the link carries bidirectional text controls, which can disguise where it goes' };
  }
  if (url.protocol === 'mailto:') {
    const fields = [...url.searchParams.keys()];
    if (fields.some((f) => f.toLowerCase() !== 'subject')) {
      return { kind: 'refuse', reason: 'mail links may fill in a subject only' };
    }
    return { kind: 'open', url: url.href, host: safeDecode(url.pathname), known: false };
  }
  // Browsers read `\` as `/` in web addresses, so `/\evil.example` or `\\evil.example` names another host.
  const beforeQuery = href.split(/[?#]/, 1)[0];
  if (beforeQuery.includes('\\') || url.pathname.startsWith('//')) {
    return { kind: 'refuse', reason: 'the link’s path starts like another address' };
  }
  const endpoint = endpointUrl(context.endpoint);
  if (isLocalHost(url.hostname) && !(endpoint && isLocalHost(endpoint.hostname))) {
    return { kind: 'refuse', reason: 'links from a Hub card to this computer or its local network are not opened' };
  }
  const known = (endpoint !== undefined && url.origin === endpoint.origin) || (url.protocol === 'https:' && url.port === '' && isHuggingFaceHost(url.hostname));
  return { kind: 'open', url: url.href, host: url.host, known };
}

/** The endpoint last asked for, parsed: every link of a card is checked against the same one. */
let lastEndpoint: { raw: string; url: URL | undefined } | undefined;

function endpointUrl(raw: string): URL | undefined {
  if (lastEndpoint?.raw !== raw) {
    lastEndpoint = { raw, url: parseUrl(raw) };
  }
  return lastEndpoint.url;
}

/**
 * Loopback, private, link-local and unique-local addresses, and `localhost`. Takes a URL's `hostname`, which the URL
 * parser has already normalised (`http://2130706433/` and `http://0x7f.1/` are `127.0.0.1` by then).
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (host.startsWith('[') && host.endsWith(']')) {
    return isLocalIpv6(host.slice(1, -1));
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 ? isLocalIpv4(v4.slice(1).map(Number)) : false;
}

function isLocalIpv4([a, b]: number[]): boolean {
  return a === 0 || a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function isLocalIpv6(address: string): boolean {
  // The URL parser writes IPv6 compressed and in lower case, and an IPv4-mapped address as `::ffff:7f00:1`.
  if (address === '::1' || address === '::') {
    return true;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) {
    const high = parseInt(mapped[1], 16);
    const low = parseInt(mapped[2], 16);
    return isLocalIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  const first = parseInt(address.split(':', 1)[0] || '0', 16);
  // fc00::/7 (unique local) and fe80::/10 (link-local)
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** How the card's status line shows a link: what it is, the host to show in bold, and the exact address after it. */
export function linkStatus(verdict: CardLinkVerdict): { lead: string; host: string; detail: string } {
  if (verdict.kind === 'refuse') {
    return { lead: 'Not opened: ', host: '', detail: verdict.reason };
  }
  if (verdict.url.startsWith('mailto:')) {
    return { lead: 'Writes an email to ', host: neutraliseBidi(verdict.host), detail: ` — ${neutraliseBidi(verdict.url)}` };
  }
  return { lead: verdict.known ? 'Opens ' : 'Opens another site, after asking: ', host: neutraliseBidi(verdict.host), detail: ` — ${neutraliseBidi(verdict.url)}` };
}
