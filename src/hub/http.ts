// The Hub's fetch: one attempt's deadline, cancellation, bounded retries and one error type for every failure. What a
// response's headers and body mean is read elsewhere (headers.ts, body.ts, errors.ts), redirects in redirects.ts.
import { errorFromResponse, fromThrown, HubError } from './errors';
import { rateLimitDelayMs } from './headers';
import { offlineFromEnv, offlineModeError } from './offline';
import { fetchFollowingRedirects, mayCarryToken, type HopOptions } from './redirects';

/** Supplies the access token for a request, or undefined to stay anonymous. Called per request, never cached here. */
export type TokenProvider = () => Promise<string | undefined> | string | undefined;

export interface HttpOptions {
  /** Base URL of the Hub, already validated (see endpoint.ts). */
  endpoint: string;
  token?: TokenProvider;
  /** Injected for tests and for hosts that patch the global fetch (proxies, certificates). */
  fetch?: typeof fetch;
  /** Deadline of one attempt, body included. */
  timeoutMs?: number;
  /** Retries after the first attempt, for GET and HEAD only. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A 429 asking to wait longer than this fails at once, with the reset time. */
  maxRateLimitWaitMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  userAgent?: string;
  /** Called once per finished attempt; never receives the token. */
  onAttempt?: (info: AttemptInfo) => void;
  /** Asked before every request; true fails it at once, unsent. Default: `HF_HUB_OFFLINE` in the environment. */
  offline?: () => boolean;
}

export interface AttemptInfo {
  method: string;
  url: string;
  status?: number;
  error?: HubError;
  attempt: number;
  /** Delay before the next attempt, when one follows. */
  retryInMs?: number;
  requestId?: string;
}

export type HubFetch = (url: string, init?: RequestInit) => Promise<Response>;

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRateLimitWaitMs: 60_000,
} as const;

/** Per caller's signal, the attempts that follow it; the caller's signal gets one listener, which aborts them all. */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

function follow(user: AbortSignal, controller: AbortController): Set<AbortController> {
  let attempts = followers.get(user);
  if (!attempts) {
    const created = new Set<AbortController>();
    user.addEventListener('abort', () => created.forEach((c) => c.abort(user.reason)), { once: true });
    followers.set(user, created);
    attempts = created;
  }
  attempts.add(controller);
  return attempts;
}

/**
 * One attempt's signal: aborts with a `TimeoutError` after `ms`, or with the caller's reason when `user` aborts. The
 * same as `AbortSignal.any([AbortSignal.timeout(ms), user])`, which costs about 15 µs a call on Node 20 where this costs
 * under 1, and its timer holds the controller: on Node 20 (the extension host of VS Code 1.96, for one) a timeout signal
 * that only `AbortSignal.any()` follows can be garbage-collected while a slow body is still being read, and the deadline
 * then never fires (nodejs/node#57736, fixed in Node 24). An attempt stops following the caller's signal at its deadline.
 */
export function attemptSignal(ms: number, user?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (user?.aborted) {
    controller.abort(user.reason);
  }
  const attempts = user && follow(user, controller);
  // Unref'd like AbortSignal.timeout(): a pending deadline does not keep the process alive.
  setTimeout(() => {
    attempts?.delete(controller);
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, ms).unref();
  return controller.signal;
}

/**
 * A `fetch` for the Hub: deadline per attempt, cancellation, bounded retries with full-jitter backoff on 408/429/5xx and
 * network errors (429 honours `RateLimit` and `Retry-After`), redirects followed by hand so the token never crosses
 * origins, and one error type for every failure. Resolves only with 2xx or 304 responses.
 */
export function createHubFetch(options: HttpOptions): HubFetch {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? DEFAULTS.maxRateLimitWaitMs;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const endpointOrigin = new URL(options.endpoint).origin;
  const offline = options.offline ?? (() => offlineFromEnv());
  const sentToken = async (url: string) => (mayCarryToken(url, endpointOrigin) ? await options.token?.() : undefined);
  const hop: HopOptions = { fetch: options.fetch ?? globalThis.fetch, tokenFor: sentToken, userAgent: options.userAgent };
  const backoff = (attempt: number) => Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));

  /** How long to wait before retrying after this response, or undefined when it is not worth retrying. */
  async function retryDelay(response: Response, host: string, attempt: number): Promise<number | undefined> {
    if (!RETRY_STATUSES.has(response.status)) {
      return undefined;
    }
    if (response.status !== 429) {
      return backoff(attempt);
    }
    const asked = rateLimitDelayMs(response.headers);
    if (asked !== undefined && asked > maxRateLimitWaitMs) {
      throw await errorFromResponse(response, host, false);
    }
    return asked ?? backoff(attempt);
  }

  return async function hubFetch(input: string, init: RequestInit = {}): Promise<Response> {
    // Checked per request, here where every request passes (the library's too), so none slips out in offline mode.
    if (offline()) {
      throw offlineModeError();
    }
    const method = (init.method ?? 'GET').toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    const userSignal = init.signal ?? undefined;
    const host = new URL(input).host;

    for (let attempt = 0; ; attempt++) {
      if (userSignal?.aborted) {
        throw new HubError('cancelled', 'The request was cancelled.');
      }
      const signal = attemptSignal(timeoutMs, userSignal);
      let response: Response;
      try {
        response = await fetchFollowingRedirects(input, { ...init, method, signal }, hop);
      } catch (thrown) {
        const error = fromThrown(thrown, host, signal.aborted && !userSignal?.aborted);
        const retryInMs = idempotent && error.kind === 'offline' && attempt < retries ? backoff(attempt) : undefined;
        options.onAttempt?.({ method, url: input, error, attempt, retryInMs });
        if (retryInMs === undefined) {
          throw error;
        }
        await sleep(retryInMs, userSignal);
        continue;
      }

      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (response.ok || response.status === 304) {
        options.onAttempt?.({ method, url: input, status: response.status, attempt, requestId });
        return response;
      }
      const retryInMs = idempotent && attempt < retries ? await retryDelay(response, host, attempt) : undefined;
      if (retryInMs === undefined) {
        const error = await errorFromResponse(response, host, Boolean(await sentToken(input)));
        options.onAttempt?.({ method, url: input, status: response.status, error, attempt, requestId });
        throw error;
      }
      options.onAttempt?.({ method, url: input, status: response.status, attempt, retryInMs, requestId });
      await response.body?.cancel().catch(() => undefined);
      await sleep(retryInMs, userSignal);
    }
  };
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new HubError('cancelled', 'The request was cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new HubError('cancelled', 'The request was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
