/**
 * What went wrong with an Inference Providers call, in words a user can act on, from the status, body and headers the
 * router answered (or from how the stream ended). One place decides, so the Try it panel and the snippets say the same
 * thing. The router's own message is kept (capped, control characters dropped) after ours. Pure.
 */

export type InferenceErrorKind =
  | 'signIn' // no token, or one the Hub does not accept
  | 'permission' // a fine-grained token without "Make calls to Inference Providers"
  | 'credits' // 402: the account's included credits are used up
  | 'rateLimited'
  | 'notServed' // no provider (or not the chosen one) serves this model for this task
  | 'providerDown' // 5xx from the provider or the router
  | 'cut' // the stream ended before the answer did
  | 'offline'
  | 'other';

export interface InferenceProblem {
  kind: InferenceErrorKind;
  message: string;
  /** Rate limits: when calls may start again (ms since the epoch), if the router said. */
  retryAt?: number;
  /** Whether Retry can help as it is (not for sign-in, permission, credits or an unserved model). */
  retryable: boolean;
}

const MAX_DETAIL = 300;

/** The router's message from an error body of any shape it uses (`{error: "…"}`, `{error: {message}}`, `{message}`, text). */
export function routerMessage(body: unknown): string | undefined {
  const pick = (): unknown => {
    if (typeof body === 'string') {
      return body;
    }
    const b = body as { error?: unknown; message?: unknown } | null;
    if (typeof b?.error === 'string') {
      return b.error;
    }
    const inner = b?.error as { message?: unknown } | undefined;
    return typeof inner?.message === 'string' ? inner.message : b?.message;
  };
  const text = pick();
  if (typeof text !== 'string') {
    return undefined;
  }
  let clean = '';
  for (const c of text.slice(0, MAX_DETAIL * 2)) {
    const code = c.charCodeAt(0);
    clean += code < 0x20 || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ? ' ' : c;
  }
  clean = clean.replace(/ {2,}/g, ' ').trim();
  return clean ? (clean.length > MAX_DETAIL ? `${clean.slice(0, MAX_DETAIL - 1)}…` : clean) : undefined;
}

/** Seconds of `Retry-After`, or the reset of a `RateLimit: "…";r=…;t=N` header, as a time; undefined when neither says. */
export function retryTime(headers: { get(name: string): string | null } | undefined, now: number): number | undefined {
  const after = headers?.get('retry-after');
  if (after && /^\d{1,6}$/.test(after.trim())) {
    return now + Number(after.trim()) * 1000;
  }
  const limit = headers?.get('ratelimit');
  const reset = limit ? /(?:^|;)\s*t=(\d{1,6})(?:;|$)/.exec(limit)?.[1] : undefined;
  return reset ? now + Number(reset) * 1000 : undefined;
}

export function problemFromResponse(
  status: number,
  body: unknown,
  headers: { get(name: string): string | null } | undefined,
  context: { model: string; provider: string; signedIn: boolean; now?: number },
): InferenceProblem {
  const detail = routerMessage(body);
  const said = detail ? ` The router said: “${detail}”` : '';
  const via = context.provider === 'auto' ? 'any provider you have enabled' : context.provider;
  if (status === 401) {
    return context.signedIn
      ? { kind: 'signIn', message: `The Hub did not accept your token for Inference Providers. Sign in again.${said}`, retryable: false }
      : { kind: 'signIn', message: 'Inference Providers need you to be signed in: calls are billed to your account.', retryable: false };
  }
  if (status === 403) {
    return { kind: 'permission', message: `Your token may not call Inference Providers. Use a token with the “Make calls to Inference Providers” permission.${said}`, retryable: false };
  }
  if (status === 402) {
    return { kind: 'credits', message: `Your account has no Inference Providers credits left. Add credits or subscribe on huggingface.co to go on.${said}`, retryable: false };
  }
  if (status === 429) {
    const retryAt = retryTime(headers, context.now ?? Date.now());
    const when = retryAt ? ` Try again after ${new Date(retryAt).toLocaleTimeString()}.` : ' Try again in a moment.';
    return { kind: 'rateLimited', message: `Too many requests to Inference Providers.${when}${said}`, ...(retryAt ? { retryAt } : {}), retryable: true };
  }
  if (status === 404 || ((status === 400 || status === 422) && /not supported|not found|does not exist|no provider/i.test(detail ?? ''))) {
    return { kind: 'notServed', message: `${context.model} is not served by ${via} for this task.${said}`, retryable: false };
  }
  if (status >= 500) {
    return { kind: 'providerDown', message: `The provider (${via}) failed to answer (HTTP ${status}).${said}`, retryable: true };
  }
  return { kind: 'other', message: `The call failed (HTTP ${status}).${said}`, retryable: status === 408 };
}

/** A call that threw before any answer: no connection, or something the library refused. */
export function problemFromException(error: unknown): InferenceProblem {
  const text = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof cause === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/.test(cause)) {
    return { kind: 'offline', message: 'Inference Providers could not be reached: check your connection.', retryable: true };
  }
  return { kind: 'other', message: routerMessage(text) ?? 'The call failed.', retryable: true };
}

/** A stream that stopped after part of the answer: the part stays, Retry continues from it. */
export function cutProblem(received: number): InferenceProblem {
  return { kind: 'cut', message: `The answer stopped after ${received.toLocaleString()} characters: the connection ended before the model finished.`, retryable: true };
}
