// Response headers the client acts on, each parsed in one place.

/** `Content-Length` when it is a plain decimal number of bytes; undefined when absent or malformed. */
export function contentLength(headers: Headers): number | undefined {
  const value = headers.get('content-length')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Whether fetch decompresses the body, so that the declared length is not the length of what it delivers. */
export function isEncoded(headers: Headers): boolean {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
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
