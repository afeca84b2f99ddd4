// Injected faults: slow, failing, malformed or cut responses for chosen requests.
import { STATUS_CODES } from 'node:http';
import { errorReply, jsonReply, textReply } from './reply.mjs';

/**
 * @typedef {object} Fault
 * @property {string | RegExp} [match] tested against pathname + search (a string matches as a substring)
 * @property {number} [times] how many matching requests it applies to (default: all)
 * @property {number} [latencyMs] wait before answering
 * @property {number} [status] answer with this status (429 adds `RateLimit: …;r=0` and `Retry-After`)
 * @property {number} [retryAfter] seconds, for 429 and 503 (default 1)
 * @property {Record<string, string>} [headers] extra response headers
 * @property {unknown} [body] response body (a string is sent as is, anything else as JSON)
 * @property {boolean} [reset] destroy the socket without answering
 * @property {boolean} [truncate] send half the body, then close the connection
 * @property {boolean} [invalidJson] answer `application/json` that does not parse
 * @property {boolean} [html] answer an HTML error page (status 200 unless `status` is set)
 * @property {number} [dripMs] send the body in small chunks with this pause between them
 * @property {number} [dripBytes] chunk size for `dripMs` (default 64)
 * @property {boolean} [hang] never answer
 * @property {boolean} [redirectLoop] redirect to the same URL forever (302, or `status` when it is a 3xx)
 * @property {'both' | 'RateLimit' | 'Retry-After'} [limitHeaders] which wait headers a 429 carries (default both)
 * @property {number} [hugeBytes] answer 200 with a JSON array this many bytes long, streamed without Content-Length
 * @property {'hub' | 'cdn'} [on] which server it applies to: the Hub (default) or the CDN that serves LFS files
 * @property {number} [resetAfterBytes] send this many bytes of the body, then destroy the socket
 * @property {boolean} [corrupt] serve the body with one byte changed (same length), so it no longer hashes to its oid
 * @property {boolean} [expired] CDN only: refuse the signed URL as expired (403), whatever its expiry says
 */

/** @typedef {Fault & { id: number, left: number }} ActiveFault */

export class Faults {
  constructor() {
    /** @type {ActiveFault[]} */
    this.active = [];
    this.nextId = 1;
  }

  /**
   * @param {Fault} fault
   * @returns {number} id, for `clear(id)`
   */
  inject(fault) {
    if (fault.match !== undefined && typeof fault.match !== 'string' && !(fault.match instanceof RegExp)) {
      throw new TypeError('fault.match must be a string or a RegExp');
    }
    const id = this.nextId++;
    this.active.push({ ...fault, id, left: fault.times ?? Infinity });
    return id;
  }

  /**
   * Removes one fault, or all of them.
   * @param {number} [id]
   */
  clear(id) {
    this.active = id === undefined ? [] : this.active.filter((f) => f.id !== id);
  }

  /**
   * The first fault that matches this request, counted as used.
   * @param {string} target pathname + search
   * @param {'hub' | 'cdn'} [server]
   * @returns {ActiveFault | undefined}
   */
  take(target, server = 'hub') {
    const fault = this.active.find((f) => f.left > 0 && (f.on ?? 'hub') === server && matches(f.match, target));
    if (fault) {
      fault.left--;
      if (fault.left <= 0) {
        this.active = this.active.filter((f) => f !== fault);
      }
    }
    return fault;
  }
}

/**
 * @param {string | RegExp | undefined} match
 * @param {string} target
 */
function matches(match, target) {
  if (match === undefined) {
    return true;
  }
  if (typeof match === 'string') {
    return target.includes(match);
  }
  match.lastIndex = 0;
  return match.test(target);
}

/**
 * Whether the fault replaces the normal answer (rather than delaying, dripping or cutting it).
 * @param {Fault} fault
 */
export function replacesAnswer(fault) {
  return !!(fault.status || fault.html || fault.invalidJson || fault.redirectLoop || fault.hugeBytes || fault.body !== undefined);
}

const MESSAGES = /** @type {Record<number, string>} */ ({
  429: 'You have exceeded our rate limit. Please retry later.',
  500: "Internal Error - We're working hard to fix this as soon as possible!",
});

/**
 * The answer a replacing fault sends instead of the normal one.
 * @param {Fault} fault
 * @param {{ target: string, rateLimit: (retryAfter: number) => Record<string, string> }} request
 * @returns {import('./reply.mjs').Reply}
 */
export function faultReply(fault, request) {
  const status = fault.status ?? 200;
  const retryAfter = fault.retryAfter ?? 1;
  if (fault.redirectLoop) {
    const redirect = status >= 300 && status < 400 ? status : 302;
    return textReply(redirect, `${STATUS_CODES[redirect]}. Redirecting to ${request.target}`, { Location: request.target });
  }
  if (fault.hugeBytes) {
    return hugeReply(fault.hugeBytes);
  }
  if (fault.html) {
    const title = status === 200 ? 'Hugging Face – The AI community building the future.' : `${status} ${STATUS_CODES[status] ?? ''}`;
    const page = typeof fault.body === 'string' ? fault.body : `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<p>Something went wrong on our side.</p>\n</body>\n</html>\n`;
    return textReply(status, page, { 'Content-Type': 'text/html; charset=utf-8' });
  }
  if (fault.invalidJson) {
    const text = typeof fault.body === 'string' ? fault.body : '[{"_id":"621ffdc036468d709f17434d","id":"openai-community/gpt2","likes":';
    return textReply(status, text, { 'Content-Type': 'application/json; charset=utf-8' });
  }
  /** @type {Record<string, string>} */
  const headers = {};
  if (status === 429) {
    const which = fault.limitHeaders ?? 'both';
    if (which !== 'Retry-After') {
      Object.assign(headers, request.rateLimit(retryAfter));
    }
    if (which !== 'RateLimit') {
      headers['Retry-After'] = String(retryAfter);
    }
  } else if (status === 503 && fault.retryAfter !== undefined) {
    headers['Retry-After'] = String(retryAfter);
  }
  if (fault.body !== undefined) {
    return typeof fault.body === 'string'
      ? textReply(status, fault.body, headers)
      : jsonReply(status, fault.body, headers);
  }
  return errorReply(status, MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error', { headers });
}

/**
 * A well-formed JSON array of `bytes` bytes (repeated list entries), sent chunked: a client only learns its size by
 * reading it.
 * @param {number} bytes
 * @returns {import('./reply.mjs').Reply}
 */
function hugeReply(bytes) {
  const entry = (/** @type {number} */ i) => `{"_id":"${i.toString(16).padStart(24, '0')}","id":"huge-org/model-${String(i).padStart(7, '0')}","likes":0,"downloads":0,"tags":[]}`;
  const chunkSize = 64 * 1024;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Transfer-Encoding': 'chunked' },
    stream: {
      length: bytes,
      *chunks() {
        let sent = 0;
        let i = 0;
        let text = '[';
        while (sent < bytes) {
          while (text.length < chunkSize) {
            text += (i > 0 ? ',' : '') + entry(i++);
          }
          const last = sent + text.length >= bytes;
          const piece = Buffer.from(last ? `${text}]` : text);
          sent += piece.length;
          text = '';
          yield piece;
        }
      },
    },
  };
}
