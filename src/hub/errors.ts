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
  | 'badRequest';

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
    return ['offline', 'timeout', 'rateLimited', 'server', 'badResponse'].includes(this.kind);
  }
}

export function isHubError(e: unknown): e is HubError {
  return e instanceof HubError;
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
