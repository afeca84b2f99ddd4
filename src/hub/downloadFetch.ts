// The Hub's fetch for file bodies that may be gigabytes: the same token scoping, redirects and retries as createHubFetch,
// but an idle timeout (no byte for `idleTimeoutMs`, headers included) instead of a deadline on the whole attempt.
import { createHubFetch, type HttpOptions, type HubFetch } from './http';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** The longest a timer can wait (2^31 - 1 ms); createHubFetch's deadline is set to it, so only the idle timer applies. */
const NO_DEADLINE_MS = 2 ** 31 - 1;
/** Statuses whose Response cannot carry a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export interface DownloadFetchOptions extends HttpOptions {
  /** Fails a request when no byte arrives for this long, before the headers or during the body. */
  idleTimeoutMs?: number;
}

/** createHubFetch for downloads: the whole-attempt deadline is replaced by an idle timeout that follows the body too. */
export function createDownloadFetch(options: DownloadFetchOptions): HubFetch {
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  return createHubFetch({ ...options, timeoutMs: NO_DEADLINE_MS, fetch: idleFetch(options.fetch ?? globalThis.fetch, idleMs) });
}

/** Wraps `raw` so each request aborts with a TimeoutError once `idleMs` pass without its headers or a body chunk. */
export function idleFetch(raw: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new DOMException(`No data for ${idleMs / 1000} s`, 'TimeoutError')), idleMs);
      timer.unref();
    };
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    arm();
    let response: Response;
    try {
      response = await raw(input, { ...init, signal });
    } catch (e) {
      clearTimeout(timer);
      throw e;
    }
    if (!response.body || NULL_BODY.has(response.status)) {
      clearTimeout(timer);
      return response;
    }
    arm();
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          arm();
          out.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
