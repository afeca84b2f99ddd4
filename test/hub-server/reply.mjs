// Responses as values (status, headers, body or byte stream), so that faults can delay, drip or cut any
// of them, and the single place that writes them to the socket.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} ByteStream
 * @property {number} length bytes it will send (`Infinity`: endless, until the client goes)
 * @property {(signal: AbortSignal) => Iterable<Buffer> | AsyncIterable<Buffer>} chunks produced as they are written;
 *   `signal` aborts when the connection closes, so a source that waits between chunks can stop at once
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer} [body]
 * @property {ByteStream} [stream]
 */

/**
 * Weak ETag in the Hub's (Express) style: `W/"<length hex>-<sha1 base64, 27 chars>"`.
 * @param {Buffer} body
 */
function weakEtag(body) {
  const digest = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return `W/"${body.length.toString(16)}-${digest}"`;
}

/**
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export function jsonReply(status, value, headers = {}) {
  const body = Buffer.from(JSON.stringify(value));
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: weakEtag(body), Vary: 'Origin', ...headers },
    body,
  };
}

/**
 * An API error: status, `X-Error-Code` (when known), `X-Error-Message` and `{"error": message}`.
 * @param {number} status
 * @param {string} message
 * @param {{ code?: string, headers?: Record<string, string> }} [options]
 */
export function errorReply(status, message, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { 'X-Error-Message': message.replace(/[^\x20-\x7e]/g, '?') };
  if (options.code) {
    headers['X-Error-Code'] = options.code;
  }
  return jsonReply(status, { error: message }, { ...headers, ...options.headers });
}

/**
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export function textReply(status, text, headers = {}) {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: Buffer.from(text) };
}

/**
 * 307 with a relative Location, as the Hub answers for renamed repos.
 * @param {string} location
 */
export function redirectReply(location) {
  return textReply(307, `Temporary Redirect. Redirecting to ${location}`, { Location: location, Vary: 'Origin, Accept' });
}

/**
 * @typedef {object} WriteOptions
 * @property {boolean} [head] send headers only
 * @property {boolean} [truncate] send half of the body, then cut the connection
 * @property {number} [dripMs] pause between small chunks
 * @property {number} [dripBytes] chunk size when dripping
 * @property {number} [resetAfterBytes] send this many body bytes, then destroy the socket
 * @property {boolean} [corrupt] change one byte of the body (its first), keeping the length
 */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Reply} reply
 * @param {WriteOptions} [options]
 */
export async function writeReply(res, reply, options = {}) {
  const length = reply.body?.length ?? reply.stream?.length ?? 0;
  const headers = { ...reply.headers };
  if (!('Content-Length' in headers) && !('Transfer-Encoding' in headers) && reply.status !== 304 && reply.status !== 204) {
    headers['Content-Length'] = String(length);
  }
  res.writeHead(reply.status, headers);
  if (options.head || length === 0 || reply.status === 304) {
    res.end();
    return;
  }
  const closed = new AbortController();
  const onClose = () => closed.abort();
  res.once('close', onClose);
  try {
    await writeBody(res, reply, length, options, closed.signal);
  } catch (err) {
    // A source that waits between chunks (a token stream) stops with an AbortError when the client goes.
    if (!closed.signal.aborted) {
      throw err;
    }
  } finally {
    res.off('close', onClose);
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Reply} reply
 * @param {number} length
 * @param {WriteOptions} options
 * @param {AbortSignal} signal
 */
async function writeBody(res, reply, length, options, signal) {
  const source = reply.body ? [reply.body] : /** @type {ByteStream} */ (reply.stream).chunks(signal);
  const chunks = options.corrupt ? corrupted(source) : source;
  const cut = options.truncate || options.resetAfterBytes !== undefined;
  // `truncate` sends half of what a stream will send; of an endless one, its first chunk.
  let budget = options.resetAfterBytes ?? (options.truncate ? (Number.isFinite(length) ? Math.floor(length / 2) : -1) : Infinity);
  const pieceSize = options.dripMs ? (options.dripBytes ?? 64) : Infinity;
  for await (const chunk of chunks) {
    if (budget < 0) {
      budget = chunk.length;
    }
    let data = chunk.length > budget ? chunk.subarray(0, budget) : chunk;
    budget -= data.length;
    while (data.length > 0) {
      if (res.destroyed) {
        return;
      }
      const piece = data.subarray(0, Math.min(pieceSize, data.length));
      data = data.subarray(piece.length);
      if (!res.write(piece)) {
        // Whichever comes first; the other listener is removed, so long streams do not pile listeners up.
        const settled = new AbortController();
        await Promise.race([once(res, 'drain', { signal: settled.signal }), once(res, 'close', { signal: settled.signal })]);
        settled.abort();
      }
      if (options.dripMs) {
        await sleep(options.dripMs);
      }
    }
    if (budget <= 0) {
      break;
    }
  }
  if (cut) {
    await new Promise((resolve) => res.write('', resolve));
    res.destroy();
    return;
  }
  res.end();
}

/**
 * The same bytes with the first one inverted.
 * @param {Iterable<Buffer> | AsyncIterable<Buffer>} chunks
 */
async function* corrupted(chunks) {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      const copy = Buffer.from(chunk);
      copy[0] ^= 0xff;
      first = false;
      yield copy;
    } else {
      yield chunk;
    }
  }
}
