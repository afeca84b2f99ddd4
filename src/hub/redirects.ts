// Redirects followed by hand, so the token is attached per hop: only to the configured endpoint's own origin, never to
// the CDN or any other host a redirect leads to.
import { HubError } from './errors';

const MAX_REDIRECTS = 5;

/** The token goes only to the configured endpoint's origin, and only over https (plain http only on loopback). */
export function mayCarryToken(url: string, endpointOrigin: string): boolean {
  const target = new URL(url);
  if (target.origin !== endpointOrigin) {
    return false;
  }
  return target.protocol === 'https:' || (target.protocol === 'http:' && isLoopback(target.hostname));
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export interface HopOptions {
  fetch: typeof fetch;
  /** The token for a hop to `url`, when it may carry one. */
  tokenFor(url: string): Promise<string | undefined>;
  userAgent?: string;
}

/** Fetches `url`, following up to five redirects (303 turns into GET), with the token and user agent set per hop. */
export async function fetchFollowingRedirects(url: string, init: RequestInit, hop: HopOptions): Promise<Response> {
  let current = url;
  let method = init.method ?? 'GET';
  for (let count = 0; count <= MAX_REDIRECTS; count++) {
    const headers = new Headers(init.headers);
    headers.delete('authorization');
    const token = await hop.tokenFor(current);
    if (token) {
      headers.set('authorization', `Bearer ${token}`);
    }
    if (hop.userAgent && !headers.has('user-agent')) {
      headers.set('user-agent', hop.userAgent);
    }
    const response = await hop.fetch(current, { ...init, method, headers, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) {
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    current = new URL(location, current).toString();
    if (response.status === 303 && method !== 'HEAD') {
      method = 'GET';
    }
  }
  throw new HubError('badResponse', `${new URL(url).host} redirected too many times.`);
}
