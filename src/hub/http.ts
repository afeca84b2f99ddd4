import { HubError, fromThrown, isHubError } from './errors';

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

/** `HubError.code` of a request refused because offline mode is on. */
export const OFFLINE_MODE_CODE = 'HF_HUB_OFFLINE';

/** `HF_HUB_OFFLINE` as huggingface_hub reads it: `1`, `ON`, `YES` or `TRUE`, in any case, mean offline. */
export function offlineFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'ON', 'YES', 'TRUE'].includes((env.HF_HUB_OFFLINE ?? '').trim().toUpperCase());
}

export function offlineModeError(): HubError {
  return new HubError('offline', 'Offline: HF_HUB_OFFLINE is set, so nothing is requested from the Hub.', { code: OFFLINE_MODE_CODE });
}

export function isOfflineMode(e: unknown): boolean {
  return e instanceof Error && e.name === 'HubError' && (e as HubError).kind === 'offline' && (e as HubError).code === OFFLINE_MODE_CODE;
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
const MAX_REDIRECTS = 5;

export const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRateLimitWaitMs: 60_000,
} as const;

/**
 * Aborts with a `TimeoutError` after `ms`, like `AbortSignal.timeout()`, but its timer holds the controller. On Node 20
 * (the extension host of VS Code 1.96, for one) a timeout signal that only `AbortSignal.any()` follows can be garbage-collected
 * while a slow body is still being read, and the deadline then never fires (nodejs/node#57736, fixed in Node 24).
 */
function deadlineSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  // Unref'd like AbortSignal.timeout(): a pending deadline does not keep the process alive.
  setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
  return controller.signal;
}

/**
 * A `fetch` for the Hub: deadline per attempt, cancellation, bounded retries with full-jitter backoff on 408/429/5xx and
 * network errors (429 honours `RateLimit` and `Retry-After`), redirects followed by hand so the token never crosses
 * origins, and one error type for every failure. Resolves only with 2xx or 304 responses.
 */
export function createHubFetch(options: HttpOptions): HubFetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? DEFAULTS.maxRateLimitWaitMs;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const endpointOrigin = new URL(options.endpoint).origin;
  const offline = options.offline ?? (() => offlineFromEnv());

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
      const deadline = deadlineSignal(timeoutMs);
      const signal = userSignal ? AbortSignal.any([deadline, userSignal]) : deadline;
      let response: Response;
      try {
        response = await fetchFollowingRedirects(input, { ...init, method, signal });
      } catch (thrown) {
        const error = fromThrown(thrown, host, deadline.aborted && !userSignal?.aborted);
        const retry = idempotent && error.kind === 'offline' && attempt < retries;
        const retryInMs = retry ? backoff(attempt) : undefined;
        options.onAttempt?.({ method, url: input, error, attempt, retryInMs });
        if (!retry) {
          throw error;
        }
        await sleep(retryInMs!, userSignal);
        continue;
      }

      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (response.ok || response.status === 304) {
        options.onAttempt?.({ method, url: input, status: response.status, attempt, requestId });
        return response;
      }

      if (idempotent && RETRY_STATUSES.has(response.status) && attempt < retries) {
        let delay = backoff(attempt);
        if (response.status === 429) {
          const asked = rateLimitDelayMs(response.headers);
          if (asked !== undefined && asked > maxRateLimitWaitMs) {
            throw await errorFromResponse(response, host, false);
          }
          delay = asked ?? delay;
        }
        options.onAttempt?.({ method, url: input, status: response.status, attempt, retryInMs: delay, requestId });
        await response.body?.cancel().catch(() => undefined);
        await sleep(delay, userSignal);
        continue;
      }

      const error = await errorFromResponse(response, host, Boolean(await sentToken(input)));
      options.onAttempt?.({ method, url: input, status: response.status, error, attempt, requestId });
      throw error;
    }
  };

  function backoff(attempt: number): number {
    return Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
  }

  async function sentToken(url: string): Promise<string | undefined> {
    return mayCarryToken(url, endpointOrigin) ? await options.token?.() : undefined;
  }

  async function fetchFollowingRedirects(url: string, init: RequestInit): Promise<Response> {
    let current = url;
    let method = init.method ?? 'GET';
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers = new Headers(init.headers);
      headers.delete('authorization');
      const token = await sentToken(current);
      if (token) {
        headers.set('authorization', `Bearer ${token}`);
      }
      if (options.userAgent && !headers.has('user-agent')) {
        headers.set('user-agent', options.userAgent);
      }
      const response = await baseFetch(current, { ...init, method, headers, redirect: 'manual' });
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
}

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

/**
 * How long a 429 asks to wait: `RateLimit: "api";r=0;t=55` (seconds to reset; huggingface_hub waits t+1) wins, then
 * `Retry-After` as delta-seconds or HTTP date. Undefined when neither says.
 */
export function rateLimitDelayMs(headers: Headers, now: number = Date.now()): number | undefined {
  const rateLimit = headers.get('ratelimit');
  if (rateLimit) {
    const remaining = /(?:^|;)\s*r=(\d+)/.exec(rateLimit);
    const reset = /(?:^|;)\s*t=(\d+)/.exec(rateLimit);
    if (reset && (!remaining || Number(remaining[1]) === 0)) {
      return (Number(reset[1]) + 1) * 1000;
    }
  }
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) {
      return Number(retryAfter) * 1000;
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return Math.max(0, date - now);
    }
  }
  return undefined;
}

/** Builds the HubError for a non-2xx response, reading at most a small part of its body. */
export async function errorFromResponse(response: Response, host: string, withToken: boolean): Promise<HubError> {
  const status = response.status;
  const code = response.headers.get('x-error-code') ?? undefined;
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const serverMessage = await readErrorMessage(response);
  const details = { status, code, requestId };

  if (code === 'GatedRepo') {
    return new HubError(
      'gated',
      withToken
        ? 'This repo is gated and your account has not been granted access yet. Request access on its Hub page.'
        : 'This repo is gated: sign in with an account that has been granted access.',
      details,
    );
  }
  if (status === 401) {
    if (withToken && /invalid credentials|invalid token|token/i.test(serverMessage ?? '')) {
      return new HubError('unauthorized', 'Your Hugging Face token was rejected: it is invalid or revoked. Sign in again.', details);
    }
    if (withToken) {
      return new HubError('unauthorized', 'The Hub refused your token for this request.', details);
    }
    return new HubError('notFound', 'Not found, or private: sign in to see private and gated repos.', details);
  }
  if (status === 403) {
    return new HubError(
      'forbidden',
      withToken ? 'Access denied: your token lacks the permission for this.' : 'Access denied (HTTP 403): sign in with an account that has access.',
      details,
    );
  }
  if (status === 404) {
    // The Hub names what is missing; a 404 without a code is not known to be a repo (a list, the account, a mirror
    // without this API), so it is not called one.
    const what =
      code === 'EntryNotFound'
        ? 'This file does not exist in the repo.'
        : code === 'RevisionNotFound'
          ? 'This revision does not exist in the repo.'
          : code === 'RepoNotFound'
            ? 'This repo does not exist.'
            : `${host} has nothing at this address (HTTP 404): check the Hub endpoint.`;
    return new HubError('notFound', what, details);
  }
  if (status === 408) {
    return new HubError('timeout', `${host} did not answer in time.`, details);
  }
  if (status === 429) {
    const waitMs = rateLimitDelayMs(response.headers);
    const resetAt = waitMs === undefined ? undefined : Date.now() + waitMs;
    const when = resetAt === undefined ? 'in a few minutes' : `at ${new Date(resetAt).toLocaleTimeString()}`;
    return new HubError('rateLimited', `Rate limited by ${host}; the quota resets ${when}. Signing in raises the limit.`, {
      ...details,
      resetAt,
    });
  }
  if (status >= 500) {
    return new HubError('server', `${host} had a problem (HTTP ${status}). Try again later.`, details);
  }
  if (status >= 300 && status < 400) {
    return new HubError('badResponse', `${host} answered with an unexpected redirect (HTTP ${status}).`, details);
  }
  return new HubError('badRequest', `${host} refused the request (HTTP ${status})${serverMessage ? `: ${oneLine(serverMessage)}` : '.'}`, details);
}

async function readErrorMessage(response: Response): Promise<string | undefined> {
  try {
    const text = await readTextCapped(response, 16 * 1024);
    if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
      const body = JSON.parse(text) as { error?: unknown; message?: unknown };
      const message = body.error ?? body.message;
      return typeof message === 'string' ? message : undefined;
    }
    return response.headers.get('x-error-message') ?? undefined;
  } catch {
    return response.headers.get('x-error-message') ?? undefined;
  }
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}

/**
 * Reads a body as UTF-8 text, failing with `badResponse` once it passes `maxBytes`. A body whose declared length is
 * within the cap and that is not compressed is read in one go, which is cheaper than chunk by chunk: fetch never
 * delivers more than the declared length of such a body (the HTTP/1.1 parser ends the body there), and the byte count
 * is checked once more after the read. Any other body is counted while it streams and abandoned at the cap.
 */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const length = response.headers.get('content-length');
  const declared = length !== null && /^\d+$/.test(length.trim()) ? Number(length) : undefined;
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response, maxBytes);
  }
  if (!response.body) {
    return '';
  }
  if (declared !== undefined && !isEncoded(response)) {
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength > maxBytes) {
      throw tooLarge(response, maxBytes);
    }
    return new TextDecoder().decode(bytes);
  }
  return new TextDecoder().decode(await readStreamCapped(response.body, maxBytes, () => tooLarge(response, maxBytes)));
}

/**
 * Reads a stream chunk by chunk into one fresh array (not a view into a pooled buffer), cancelling it and throwing
 * `tooLarge()` as soon as it passes `maxBytes`.
 */
export async function readStreamCapped(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => HubError): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads at most `maxBytes` of a body as UTF-8 text and stops reading there (the rest is never downloaded). A character
 * cut in half at the limit is dropped. `truncated` says whether the body was longer.
 */
export async function readTextPrefix(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) {
    return { text: '', truncated: false };
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // In streaming mode the decoder keeps an incomplete last character back instead of replacing it.
  return { text: new TextDecoder().decode(Buffer.concat(chunks), { stream: truncated }), truncated };
}

/** Whether fetch decompresses the body, so that the declared length is not the length of what it delivers. */
function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding');
  return encoding !== null && encoding.trim().toLowerCase() !== 'identity' && encoding.trim() !== '';
}

function tooLarge(response: Response, maxBytes: number): HubError {
  const host = response.url ? new URL(response.url).host : 'The Hub';
  return new HubError('badResponse', `${host} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB; the answer was not read.`);
}

/**
 * Fails for a web page where the API answers JSON: a proxy's login page, a captive portal or an endpoint that is a
 * website, not a Hub. Said plainly, as "not valid JSON" would send the user looking in the wrong place.
 */
export async function refuseWebPage(response: Response, host: string): Promise<void> {
  if (/^\s*text\/html/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => undefined);
    throw new HubError('badResponse', `${host} sent a web page where data was expected: a proxy, a sign-in page of the network or a wrong endpoint may be in the way.`);
  }
}

/**
 * The same response with its body limited to `maxBytes` (declared or counted while it streams), for readers that do not
 * cap what they read themselves (`@huggingface/hub` calls `response.json()`). A body past the limit fails with
 * `badResponse` instead of being buffered whole.
 */
export async function capResponse(response: Response, maxBytes: number): Promise<Response> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response, maxBytes);
  }
  if (!response.body) {
    return response;
  }
  let size = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.error(tooLarge(response, maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Reads and parses a JSON body (size-capped); malformed or truncated JSON becomes a `badResponse` error. */
export async function readJson(response: Response, maxBytes: number, host: string): Promise<unknown> {
  await refuseWebPage(response, host);
  let text: string;
  try {
    text = await readTextCapped(response, maxBytes);
  } catch (e) {
    throw isHubError(e) ? e : fromThrown(e, host, (e as { name?: string })?.name === 'TimeoutError');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HubError('badResponse', `${host} sent an answer that is not valid JSON.`, { cause: e });
  }
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
