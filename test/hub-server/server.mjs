// The embedded Hub-compatible server: `startHubServer()` for tests, `cli.mjs` for humans.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadCatalog } from './catalog.mjs';
import { startCdn } from './cdn.mjs';
import { Faults, faultReply, replacesAnswer } from './faults.mjs';
import { RateLimits, bucketFor } from './ratelimit.mjs';
import { errorReply, writeReply } from './reply.mjs';
import { route } from './routes.mjs';
import { detailBody, expandItem } from './views.mjs';
import { authenticate } from './users.mjs';

export { SPECIAL_REPOS } from './special.mjs';

/** @type {import('./catalog.mjs').Catalog | undefined} */
let shared;

/**
 * The default detail body the server answers for a repo (a legacy id such as `gpt2` included), without starting
 * it: for tests of code that reads Hub bodies.
 * @param {'model' | 'dataset' | 'space'} type
 * @param {string} id
 */
export function repoDetail(type, id) {
  const catalog = (shared ??= loadCatalog());
  const target = catalog.aliases.get(`${type}:${id}`);
  const repo = catalog.get(type, target ?? id);
  if (!repo) {
    throw new Error(`no ${type} ${id} in the catalog`);
  }
  return detailBody(repo, { catalog, ...(target ? { servedId: id } : {}) });
}

/**
 * What `GET /api/{type}s/{id}?expand[]=…` answers for a repo (only `_id`, `id` and the asked keys), without starting the server.
 * @param {'model' | 'dataset' | 'space'} type
 * @param {string} id
 * @param {readonly string[]} keys
 */
export function repoExpanded(type, id, keys) {
  const catalog = (shared ??= loadCatalog());
  const repo = catalog.get(type, id);
  if (!repo) {
    throw new Error(`no ${type} ${id} in the catalog`);
  }
  return expandItem(repo, [...keys], { catalog });
}
export { REVOKED_TOKEN, TEST_TOKENS, TEST_USERS } from './users.mjs';
export { openRouterStreams } from './router-chat.mjs';

/**
 * @typedef {object} HubServerOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [cardsDir] extra `<models|datasets|spaces>/<owner>/<name>/README.md` cards, overriding existing repos
 * @property {number} [syntheticModels] scale-test models to add (default 0)
 * @property {boolean} [hostile] add the hostile repos of hostile.mjs (default false)
 * @property {boolean} [quiet] no request log on stderr (default true)
 * @property {number} [signedUrlSeconds] lifetime of the CDN URLs LFS files redirect to (default 3600)
 */

/**
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} path pathname as received
 * @property {string} query search string without `?`
 * @property {{ authorization: boolean, range: string | undefined, ifNoneMatch: string | undefined }} headers
 * @property {number} status 0 while pending, or when the connection was reset or left hanging
 * @property {number} time arrival, ms since the epoch
 */

const EXPOSED_HEADERS = 'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Linked-Size,X-Linked-ETag,X-Xet-Hash';
const MAX_BODY = 10 * 1024 * 1024;

/**
 * @param {HubServerOptions} [options]
 */
export async function startHubServer(options = {}) {
  const catalog = loadCatalog({ cardsDir: options.cardsDir, syntheticModels: options.syntheticModels ?? 0, hostile: options.hostile });
  const quiet = options.quiet ?? true;
  const faults = new Faults();
  const limits = new RateLimits();
  /** @type {LoggedRequest[]} */
  const requests = [];
  let origin = '';
  const cdn = await startCdn({ faults, ttlSeconds: options.signedUrlSeconds, quiet });

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: String(err?.stack ?? err) }));
      } else {
        res.destroy();
      }
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt < 0 ? '' : rawUrl.slice(queryAt);
    /** @type {LoggedRequest} */
    const entry = {
      method: req.method ?? 'GET',
      path: rawPath,
      query: search.slice(1),
      headers: { authorization: !!req.headers.authorization, range: req.headers.range, ifNoneMatch: req.headers['if-none-match'] },
      status: 0,
      time: Date.now(),
    };
    requests.push(entry);

    const fault = faults.take(rawPath + search);
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

    const auth = authenticate(req.headers.authorization);
    const user = auth.kind === 'user' ? auth.user : null;
    const identity = user?.name ?? '';
    const bucket = bucketFor(rawPath);
    const context = {
      method: entry.method,
      rawPath,
      search,
      query: new URLSearchParams(search),
      user,
      catalog,
      origin,
      headers: req.headers,
      readBody: () => readBody(req),
      cdn,
    };
    let reply;
    if (fault && replacesAnswer(fault)) {
      reply = faultReply(fault, { target: rawPath + search, rateLimit: (t) => limits.exhausted(identity, bucket, t) });
    } else if (auth.kind === 'invalid') {
      reply = errorReply(401, 'Invalid credentials in Authorization header');
    } else {
      reply = await route(context);
    }
    const headers = {
      ...limits.record(identity, bucket),
      'Access-Control-Expose-Headers': EXPOSED_HEADERS,
      'X-Powered-By': 'huggingface-moon',
      'X-Request-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
      ...reply.headers,
      ...fault?.headers,
    };
    entry.status = reply.status;
    if (!quiet) {
      process.stderr.write(`${entry.method} ${rawUrl} → ${reply.status}\n`);
    }
    await writeReply(res, { ...reply, headers }, {
      head: req.method === 'HEAD',
      truncate: fault?.truncate,
      dripMs: fault?.dripMs,
      dripBytes: fault?.dripBytes,
      resetAfterBytes: fault?.resetAfterBytes,
      corrupt: fault?.corrupt,
    });
  }

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
    });
  } catch (err) {
    await cdn.close();
    throw err;
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: origin,
    port: address.port,
    requests,
    /** The CDN's origin, where LFS files are served from signed URLs. */
    cdnUrl: cdn.url,
    /** Requests that reached the CDN (`headers.authorization` says whether one carried a token). */
    cdnRequests: cdn.requests,
    clearRequests() {
      requests.length = 0;
      cdn.requests.length = 0;
    },
    /** @param {import('./faults.mjs').Fault} fault */
    inject(fault) {
      return faults.inject(fault);
    },
    /** @param {number} [id] one fault, or all of them */
    clearFaults(id) {
      faults.clear(id);
    },
    catalog,
    async close() {
      await Promise.all([
        new Promise((resolve) => {
          server.close(() => resolve(undefined));
          server.closeAllConnections();
        }),
        cdn.close(),
      ]);
    },
  };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) {
      throw new Error('request body too large');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
