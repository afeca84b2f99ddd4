// The dataset viewer API client: every request through createHubFetch (src/hub/http.ts) with the viewer as its
// endpoint, so the Hub's deadlines, retries, rate-limit handling, redirects and offline mode apply; bodies size-capped;
// answers parsed by ./wire.ts. The viewer's own reason for a refusal (its `{"error": …}` body and `X-Error-Code`) is
// kept and said in place. Pure: no `vscode`.
import { readJson } from '../hub/body';
import { HubError, isHubError } from '../hub/errors';
import { createHubFetch, type HttpOptions, type HubFetch, type TokenProvider } from '../hub/http';
import type { ViewerEndpoint } from './endpoint';
import type { ProblemKind } from './model';
import { parseCapabilities, parseRows, parseSize, parseSplits, parseStatistics, ShapeError, type Capabilities, type RowsPage, type SizeInfo, type SplitRef, type Statistics } from './wire';

/** Largest answer read: a page of 100 rows with a 10 MB cell fits; more is refused unread. */
export const MAX_ANSWER_BYTES = 24 * 1024 * 1024;
const ERROR_PREFIX_BYTES = 16 * 1024;


/** Why the viewer could not answer, as the page says it. */
export class ViewerProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ViewerClientOptions extends Pick<HttpOptions, 'fetch' | 'userAgent' | 'onAttempt' | 'offline' | 'sleep' | 'random' | 'retries' | 'timeoutMs' | 'baseDelayMs' | 'maxDelayMs'> {
  viewer: ViewerEndpoint;
  /** The Hub token; asked only when the viewer may have it (see ./endpoint.ts) and a dataset needs it. */
  token?: TokenProvider;
}

interface Refusal {
  error?: string;
  code?: string;
}

export class ViewerClient {
  readonly endpoint: string;
  /** The viewer's host, as errors name it: every request goes under the endpoint. */
  private readonly host: string;
  private readonly fetch: HubFetch;
  private readonly refusals = new Map<string, Refusal>();
  /** Set once the viewer answered 401 and a token may help: the requests of this client then carry it. */
  private withToken = false;

  constructor(private readonly options: ViewerClientOptions) {
    this.endpoint = options.viewer.endpoint;
    this.host = new URL(this.endpoint).host;
    const base = options.fetch ?? globalThis.fetch;
    this.fetch = createHubFetch({
      ...options,
      endpoint: options.viewer.endpoint,
      token: () => (this.withToken && options.viewer.tokenAllowed ? options.token?.() : undefined),
      fetch: (input, init) => this.keepRefusal(base, input, init),
    });
  }

  /** Whether requests now carry the token. */
  get usesToken(): boolean {
    return this.withToken;
  }

  isValid(dataset: string, signal?: AbortSignal): Promise<Capabilities> {
    return this.get('/is-valid', { dataset }, signal).then(parseCapabilities);
  }
  splits(dataset: string, signal?: AbortSignal): Promise<SplitRef[]> {
    return this.get('/splits', { dataset }, signal).then(parseSplits);
  }
  size(dataset: string, signal?: AbortSignal): Promise<SizeInfo> {
    return this.get('/size', { dataset }, signal).then(parseSize);
  }
  firstRows(dataset: string, ref: SplitRef, signal?: AbortSignal): Promise<RowsPage> {
    return this.get('/first-rows', { dataset, ...ref }, signal).then((b) => parseRows(b, '/first-rows'));
  }
  rows(dataset: string, ref: SplitRef, offset: number, length: number, signal?: AbortSignal): Promise<RowsPage> {
    return this.get('/rows', { dataset, ...ref, offset: String(offset), length: String(length) }, signal).then((b) => parseRows(b, '/rows'));
  }
  search(dataset: string, ref: SplitRef, query: string, offset: number, length: number, signal?: AbortSignal): Promise<RowsPage> {
    return this.get('/search', { dataset, ...ref, query, offset: String(offset), length: String(length) }, signal).then((b) => parseRows(b, '/search'));
  }
  filter(dataset: string, ref: SplitRef, where: string, orderby: string, offset: number, length: number, signal?: AbortSignal): Promise<RowsPage> {
    const params: Record<string, string> = { dataset, ...ref, offset: String(offset), length: String(length) };
    if (where) {
      params.where = where;
    }
    if (orderby) {
      params.orderby = orderby;
    }
    return this.get('/filter', params, signal).then((b) => parseRows(b, '/filter'));
  }
  statistics(dataset: string, ref: SplitRef, signal?: AbortSignal): Promise<Statistics> {
    return this.get('/statistics', { dataset, ...ref }, signal).then(parseStatistics);
  }

  /** The URL of a request (for tests and the log). */
  url(path: string, params: Record<string, string>): string {
    return `${this.endpoint}${path}?${new URLSearchParams(params).toString()}`;
  }

  private async get(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    const url = this.url(path, params);
    const sentWithToken = this.withToken;
    try {
      return await this.attempt(url, signal);
    } catch (e) {
      // A gated or private dataset: the viewer says 401 to an anonymous request. Once, with the token when it may go
      // (requests sent at the same time each try again: the first to hear 401 switched the token on for all).
      if (isHubError(e) && e.status === 401 && !sentWithToken && this.options.viewer.tokenAllowed && (await this.options.token?.())) {
        this.withToken = true;
        try {
          return await this.attempt(url, signal);
        } catch (again) {
          throw this.problem(again, url);
        }
      }
      throw this.problem(e, url);
    }
  }

  private async attempt(url: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.fetch(url, { signal, headers: { accept: 'application/json' } });
    return readJson(response, MAX_ANSWER_BYTES, this.host);
  }

  /** Reads the small error body of a refusal before createHubFetch turns it into a HubError, and keeps its reason. */
  private async keepRefusal(base: typeof fetch, input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const response = await base(input, init);
    if (response.ok || response.status < 400) {
      return response;
    }
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const code = response.headers.get('x-error-code') ?? undefined;
    let text = '';
    try {
      const bytes = new Uint8Array(await response.arrayBuffer());
      text = new TextDecoder().decode(bytes.subarray(0, ERROR_PREFIX_BYTES));
    } catch {
      // The status says enough.
    }
    let error: string | undefined;
    try {
      const body = JSON.parse(text) as { error?: unknown };
      error = typeof body.error === 'string' ? body.error.slice(0, 500) : undefined;
    } catch {
      error = undefined;
    }
    this.refusals.set(url, { error, code });
    if (this.refusals.size > 50) {
      this.refusals.delete(this.refusals.keys().next().value!);
    }
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  private problem(e: unknown, url: string): unknown {
    if (e instanceof ShapeError) {
      return new ViewerProblem('server', e.message, true);
    }
    if (!isHubError(e)) {
      return e;
    }
    const refusal = this.refusals.get(url) ?? {};
    this.refusals.delete(url);
    return problemFrom(e, refusal, this.withToken);
  }
}

/** The page's problem for a failed viewer request. Cancellation stays a HubError (callers drop it). */
export function problemFrom(e: HubError, refusal: Refusal, withToken: boolean): ViewerProblem | HubError {
  const reason = refusal.error ? ` ${refusal.error}` : '';
  const status = e.status;
  if (e.kind === 'cancelled') {
    return e;
  }
  if (refusal.code?.startsWith('ResponseNotReady') || (status === 500 && refusal.error?.includes('not ready yet'))) {
    return new ViewerProblem('processing', 'The dataset viewer is still processing this dataset. Try again in a few minutes.', true, status);
  }
  if (status === 401) {
    return withToken
      ? new ViewerProblem('noAccess', 'Your token was refused by the dataset viewer. Sign in again.', false, status)
      : new ViewerProblem('signIn', 'This dataset does not exist, or it is private or gated: sign in to see it.', false, status);
  }
  if (status === 404) {
    return withToken
      ? new ViewerProblem('noAccess', 'This dataset does not exist, or your account has no access to it (a gated dataset: request access on its page).', false, status)
      : new ViewerProblem('notFound', `The dataset viewer has nothing for this dataset.${reason}`, false, status);
  }
  if (status === 403) {
    return new ViewerProblem('noAccess', 'Access denied: request access to this dataset on its Hub page.', false, status);
  }
  if (e.kind === 'rateLimited') {
    return new ViewerProblem('rateLimited', e.message, true, status);
  }
  if (e.kind === 'offline' || e.kind === 'timeout') {
    return new ViewerProblem('offline', e.message, true, status);
  }
  if (status === 400 || status === 422) {
    return new ViewerProblem('badRequest', `The dataset viewer refused the request.${reason || ` (HTTP ${status})`}`, false, status);
  }
  if (status === 501 || (status !== undefined && status >= 500)) {
    return new ViewerProblem('notValid', `The dataset viewer is not available for this dataset.${reason || ` (HTTP ${status})`}`, true, status);
  }
  return new ViewerProblem('server', e.message, e.retryable, status);
}

export { HubError };
