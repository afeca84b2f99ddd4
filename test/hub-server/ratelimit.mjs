// The Hub's rate-limit headers (hub-api.md §9): fixed 5-minute windows and three buckets. The counters are
// reported but never enforced (`remaining` stops at 1), so long test runs are not throttled by surprise;
// tests force a 429 with a fault instead.

const WINDOW_SECONDS = 300;

/** Quotas per 5 minutes: anonymous, then signed in (free user). */
const QUOTAS = /** @type {Record<Bucket, [number, number]>} */ ({ api: [500, 1000], resolvers: [3000, 5000], pages: [100, 200] });

/** @typedef {'api' | 'resolvers' | 'pages'} Bucket */

/**
 * @param {string} pathname
 * @returns {Bucket}
 */
export function bucketFor(pathname) {
  // The recorded resolve-cache answers count against "resolvers", like the /resolve/ that redirected there.
  if (pathname.startsWith('/api/resolve-cache/')) {
    return 'resolvers';
  }
  if (pathname.startsWith('/api/') || pathname.startsWith('/router/')) {
    return 'api';
  }
  return /\/(resolve|raw)\//.test(pathname) ? 'resolvers' : 'pages';
}

export class RateLimits {
  constructor() {
    this.windowStart = Date.now();
    /** @type {Map<string, number>} */
    this.counts = new Map();
  }

  /** Seconds until the current window ends (starting a new window when the old one is over). */
  secondsLeft() {
    const elapsed = (Date.now() - this.windowStart) / 1000;
    if (elapsed >= WINDOW_SECONDS) {
      this.windowStart += Math.floor(elapsed / WINDOW_SECONDS) * WINDOW_SECONDS * 1000;
      this.counts.clear();
    }
    return Math.max(1, Math.ceil(WINDOW_SECONDS - (Date.now() - this.windowStart) / 1000));
  }

  /**
   * Counts one request and returns its `RateLimit` and `RateLimit-Policy` headers.
   * @param {string} identity user name, or '' for anonymous requests
   * @param {Bucket} bucket
   */
  record(identity, bucket) {
    const t = this.secondsLeft();
    const key = `${identity}:${bucket}`;
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    const quota = QUOTAS[bucket][identity ? 1 : 0];
    return rateLimitHeaders(bucket, Math.max(1, quota - used), t, quota);
  }

  /**
   * Headers of a forced 429.
   * @param {string} identity
   * @param {Bucket} bucket
   * @param {number} retryAfter seconds
   */
  exhausted(identity, bucket, retryAfter) {
    return rateLimitHeaders(bucket, 0, retryAfter, QUOTAS[bucket][identity ? 1 : 0]);
  }
}

/**
 * @param {Bucket} bucket
 * @param {number} remaining
 * @param {number} reset seconds
 * @param {number} quota
 */
function rateLimitHeaders(bucket, remaining, reset, quota) {
  return {
    RateLimit: `"${bucket}";r=${remaining};t=${reset}`,
    'RateLimit-Policy': `"fixed window";"${bucket}";q=${quota};w=${WINDOW_SECONDS}`,
  };
}
