import { rateLimitDelayMs } from './headers';
import { readTextPrefix } from './stream';

/** What went wrong, in the terms a user acts on. */
export type HubErrorKind =
  | 'offline'
  | 'timeout'
  | 'cancelled'
  | 'unauthorized'
  | 'forbidden'
  | 'gated'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'badResponse'
  | 'badRequest'
  /** The local disk refused a download's write: full, read-only or not permitted. */
  | 'disk';

export interface HubErrorDetails {
  status?: number;
  /** The Hub's `X-Error-Code` header (`RepoNotFound`, `GatedRepo`, `EntryNotFound`, `RevisionNotFound`). */
  code?: string;
  requestId?: string;
  /** For `rateLimited`: when the quota resets (epoch milliseconds). */
  resetAt?: number;
  cause?: unknown;
}

/** Marks HubErrors across bundle copies (see `Symbol.hasInstance` below). */
const BRAND: unique symbol = Symbol.for('hf-hub-vscode.HubError');

/** The one error type of the Hub client. `message` is a single line a user understands. */
export class HubError extends Error {
  /**
   * Each lazily loaded chunk (`*.lazy.js`) bundles its own copy of this class, so an error thrown in one chunk would
   * fail `instanceof HubError` in another. The brand makes `instanceof` hold for every copy.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;
  override readonly name = 'HubError';
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly resetAt?: number;

  constructor(
    readonly kind: HubErrorKind,
    message: string,
    details: HubErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.resetAt = details.resetAt;
  }

  /** Whether trying again later may succeed (Retry actions show for these). */
  get retryable(): boolean {
    return ['offline', 'timeout', 'rateLimited', 'server', 'badResponse', 'disk'].includes(this.kind);
  }

  /** Whether signing in (again) may help: a rejected token, or a 401 that hides a private or gated repo. */
  get signInMayHelp(): boolean {
    return this.kind === 'unauthorized' || (this.kind === 'notFound' && this.status === 401);
  }
}

export function isHubError(e: unknown): e is HubError {
  return e instanceof HubError;
}

/** `e` if it is a HubError, else a `badResponse` one saying `message`, with `e` as its cause. */
export function asHubError(e: unknown, message = 'Unexpected error while talking to the Hub.'): HubError {
  return e instanceof HubError ? e : new HubError('badResponse', message, { cause: e });
}

export function isCancellation(e: unknown): boolean {
  return isHubError(e) && e.kind === 'cancelled';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Maps what `fetch` or a body read threw to a HubError. `timedOut` tells a deadline apart from a user cancel. */
export function fromThrown(e: unknown, host: string, timedOut: boolean): HubError {
  if (isHubError(e)) {
    return e;
  }
  if (timedOut) {
    return new HubError('timeout', `${host} did not answer in time.`, { cause: e });
  }
  const name = (e as { name?: string } | undefined)?.name;
  if (name === 'AbortError') {
    return new HubError('cancelled', 'The request was cancelled.', { cause: e });
  }
  if (name === 'TimeoutError') {
    return new HubError('timeout', `${host} did not answer in time.`, { cause: e });
  }
  const code = networkCode(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HubError('offline', `Cannot reach ${host}: the host name could not be resolved. Check your connection.`, { cause: e });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED' || code === 'EPIPE') {
    return new HubError('offline', `The connection to ${host} was interrupted.`, { cause: e });
  }
  if (code || e instanceof TypeError) {
    return new HubError('offline', `Cannot reach ${host}. Check your connection.`, { cause: e });
  }
  return new HubError('badResponse', `Unexpected answer from ${host}.`, { cause: e });
}

function networkCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What reading a body threw, as a HubError: its deadline passing (`TimeoutError`), a cancel, or the connection cut
 * mid-body (fetch's `TypeError` with a network cause) are told apart; anything else is an unexpected answer.
 */
export function bodyError(e: unknown, host: string): HubError {
  if (isHubError(e)) {
    return e;
  }
  const name = (e as { name?: string } | undefined)?.name;
  const network = e instanceof TypeError && (e as { cause?: unknown }).cause !== undefined;
  if (name === 'TimeoutError' || name === 'AbortError' || network) {
    return fromThrown(e, host, name === 'TimeoutError');
  }
  return new HubError('badResponse', `Unexpected answer from ${host}.`, { cause: e });
}

/** What a capped body read threw, as a HubError: the cap's own error passes through, anything else is mapped. */
export function readError(e: unknown, host: string): HubError {
  return isHubError(e) ? e : fromThrown(e, host, (e as { name?: string } | undefined)?.name === 'TimeoutError');
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

/** The Hub's own message in an error body (its first 16 KB) or in `X-Error-Message`. */
async function readErrorMessage(response: Response): Promise<string | undefined> {
  try {
    const { text } = await readTextPrefix(response, 16 * 1024);
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
