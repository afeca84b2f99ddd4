// Where Inference Providers calls go, and the one rule for where the token may go with them. Pure.
//
// `@huggingface/inference` builds every URL on two constants, https://router.huggingface.co (the router) and
// https://huggingface.co (the Hub, for a model's provider mapping). The extension gives the library a fetch that maps
// those two prefixes onto the configured router and Hub, and refuses every other URL, so a call can only reach them.
// The router follows the configured Hub: router.huggingface.co for huggingface.co; for any other Hub, the router the
// user set in `huggingface.inference.router` (application-scoped, so no workspace can set it), and none without it.
import { DEFAULT_ENDPOINT, endpointProblem, normalizeEndpoint } from '../hub/endpoint';

export const DEFAULT_ROUTER = 'https://router.huggingface.co';
/** The Hub the library calls for provider mappings. */
const LIBRARY_HUB = 'https://huggingface.co';

export interface RouterEndpoint {
  /** Base URL of the router, without a trailing slash; undefined when there is none for this Hub. */
  router?: string;
  /** The configured Hub. */
  hub: string;
  /** Set when the setting was refused, or when a private Hub has no router set. */
  problem?: string;
}

export function resolveRouter(hubEndpoint: string, setting: string | undefined): RouterEndpoint {
  const hub = normalizeEndpoint(hubEndpoint);
  const given = setting?.trim();
  if (given) {
    const why = endpointProblem(given);
    if (!why) {
      return { router: normalizeEndpoint(given), hub };
    }
    return { hub, problem: `huggingface.inference.router: ${why}`, ...(hub === DEFAULT_ENDPOINT ? { router: DEFAULT_ROUTER } : {}) };
  }
  if (hub === DEFAULT_ENDPOINT) {
    return { router: DEFAULT_ROUTER, hub };
  }
  return { hub, problem: `Inference Providers: set huggingface.inference.router to the router of ${hub}.` };
}

/** A prefix-and-boundary match: `https://router.huggingface.co` matches `…co/v1` and `…co`, not `…co.evil`. */
function under(url: string, base: string): string | undefined {
  if (url === base) {
    return '';
  }
  return url.startsWith(base) && (url[base.length] === '/' || url[base.length] === '?') ? url.slice(base.length) : undefined;
}

/**
 * The URL a library request really goes to, or undefined when it may not be sent at all: the router's URLs onto the
 * configured router, the Hub's onto the configured Hub. `sendsToken` says whether the Authorization header may stay.
 */
export function routeLibraryUrl(url: string, where: RouterEndpoint): { url: string; sendsToken: boolean } | undefined {
  if (!where.router) {
    return undefined;
  }
  const routerRest = under(url, DEFAULT_ROUTER) ?? under(url, where.router);
  if (routerRest !== undefined) {
    return { url: where.router + routerRest, sendsToken: true };
  }
  const hubRest = under(url, LIBRARY_HUB) ?? under(url, where.hub);
  if (hubRest !== undefined && hubRest.startsWith('/api/models/')) {
    return { url: where.hub + hubRest, sendsToken: true };
  }
  return undefined;
}

/** The router of the extension's current settings. */
export function routerOf(deps: { client: () => { endpoint: string }; routerSetting: () => string | undefined }): RouterEndpoint {
  return resolveRouter(deps.client().endpoint, deps.routerSetting());
}

/** Snippets name router.huggingface.co; for another deployment they name its router instead. */
export function snippetForRouter(code: string, router: string | undefined): string {
  return router && router !== DEFAULT_ROUTER ? code.split(DEFAULT_ROUTER).join(router) : code;
}
