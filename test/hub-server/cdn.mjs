// The CDN that serves LFS files: a second origin, reached only through the signed, expiring URLs the Hub's 302
// names (HMAC-SHA256 over the path and the expiry, with a key made per server). Like a presigned S3 URL, it needs no
// token and refuses one: a request carrying `Authorization` answers 400, and is counted, so tests can prove the
// token stayed on the Hub.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultReply, replacesAnswer } from './faults.mjs';
import { writeReply } from './reply.mjs';
import { bytesReply, contentDisposition, contentType, notModified } from './resolve.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./files.mjs').LfsFile} LfsFile */
/** @typedef {import('./server.mjs').LoggedRequest} LoggedRequest */
/** @typedef {import('./reply.mjs').Reply} Reply */

const LAST_MODIFIED = 'Tue, 01 Oct 2024 00:00:00 GMT';

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @returns {Reply}
 */
function xmlError(status, code, message) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'Content-Type': 'application/xml' }, body: Buffer.from(body) };
}

/**
 * @param {object} options
 * @param {import('./faults.mjs').Faults} options.faults faults with `on: 'cdn'` apply here
 * @param {number} [options.ttlSeconds] lifetime of a signed URL (default 3600)
 * @param {boolean} [options.quiet]
 */
export async function startCdn({ faults, ttlSeconds = 3600, quiet = true }) {
  const key = randomBytes(32);
  /** @type {Map<string, LfsFile>} pathname → file, filled as URLs are signed */
  const objects = new Map();
  /** @type {LoggedRequest[]} */
  const requests = [];
  let origin = '';

  /**
   * @param {string} path
   * @param {string} expires
   */
  const signature = (path, expires) => createHmac('sha256', key).update(`${path}\n${expires}`).digest('hex');

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', origin);
    /** @type {LoggedRequest} */
    const entry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      headers: { authorization: !!req.headers.authorization, range: req.headers.range, ifNoneMatch: req.headers['if-none-match'] },
      status: 0,
      time: Date.now(),
    };
    requests.push(entry);
    const fault = faults.take(url.pathname + url.search, 'cdn');
    if (fault?.latencyMs) {
      await sleep(fault.latencyMs);
    }
    if (fault?.hang) {
      return;
    }
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    const reply = fault && replacesAnswer(fault) ? faultReply(fault, { target: url.pathname + url.search, rateLimit: () => ({}) }) : answer(req, url, !!fault?.expired);
    entry.status = reply.status;
    if (!quiet) {
      process.stderr.write(`CDN ${entry.method} ${url.pathname} → ${reply.status}\n`);
    }
    await writeReply(res, { ...reply, headers: { ...reply.headers, ...fault?.headers } }, {
      head: req.method === 'HEAD',
      truncate: fault?.truncate,
      dripMs: fault?.dripMs,
      dripBytes: fault?.dripBytes,
      resetAfterBytes: fault?.resetAfterBytes,
      corrupt: fault?.corrupt,
    });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {boolean} forceExpired
   * @returns {Reply}
   */
  function answer(req, url, forceExpired) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return xmlError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    if (req.headers.authorization) {
      return xmlError(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
    }
    const expires = url.searchParams.get('Expires') ?? '';
    const given = Buffer.from(url.searchParams.get('Signature') ?? '', 'utf8');
    const wanted = Buffer.from(signature(url.pathname, expires), 'utf8');
    const file = objects.get(url.pathname);
    if (!file || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (forceExpired || !/^\d+$/.test(expires) || Date.now() >= Number(expires) * 1000) {
      return xmlError(403, 'AccessDenied', 'Request has expired');
    }
    const etag = `"${file.etag}"`;
    const disposition = url.searchParams.get('response-content-disposition');
    /** @type {Record<string, string>} */
    const headers = {
      'Content-Type': contentType(file.path),
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Last-Modified': LAST_MODIFIED,
      'Cache-Control': 'public, max-age=604800, immutable',
      ...(disposition ? { 'Content-Disposition': disposition } : {}),
    };
    if (notModified(req.headers, etag)) {
      return { status: 304, headers };
    }
    return bytesReply(req.headers, file.size, file.read.bind(file), headers);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

  return {
    url: origin,
    requests,
    /**
     * A signed URL for an LFS file of a repo, valid for `ttlSeconds`.
     * @param {Repo} repo
     * @param {LfsFile} file
     */
    sign(repo, file) {
      const path = `/lfs-bridge/${repo._id}/${file.lfs.oid}`;
      objects.set(path, file);
      const expires = String(Math.floor(Date.now() / 1000) + ttlSeconds);
      const query = new URLSearchParams({
        'response-content-disposition': contentDisposition(file.path),
        Expires: expires,
        Signature: signature(path, expires),
      });
      return `${origin}${path}?${query}`;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
    },
  };
}
