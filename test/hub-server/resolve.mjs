// File content (hub-api.md §6.1): `/resolve/` answers a relative 307 to `/api/resolve-cache/…` for files in git and a
// 302 to a signed CDN URL for LFS files, with the file's metadata on the redirect itself; `/raw/` answers directly.
import { decodeSegment, gateFiles, lookupRepo, resolveRevision, revisionNotFound } from './access.mjs';
import { findFile, splitRevision } from './file-routes.mjs';
import { LfsFile } from './files.mjs';
import { errorReply, textReply } from './reply.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */
/** @typedef {import('./repo-files.mjs').RepoFile} RepoFile */
/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./reply.mjs').Reply} Reply */

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
});
const TEXT_EXTENSIONS = new Set(['md', 'txt', 'py', 'jsonl', 'yaml', 'yml', 'csv', 'xml', 'gitattributes', 'toml', 'cfg']);

/** @param {string} path */
export function contentType(path) {
  const name = baseName(path);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (CONTENT_TYPES[ext]) {
    return CONTENT_TYPES[ext];
  }
  return TEXT_EXTENSIONS.has(ext) || !ext || name === 'Dockerfile' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

/** @param {string} path */
function baseName(path) {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * `inline; filename*=UTF-8''…; filename="…";` as the Hub writes it.
 * @param {string} path
 */
export function contentDisposition(path) {
  const name = baseName(path);
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/[^\x20-\x7e]|"/g, '')}";`;
}

/**
 * `bytes=a-b`, `bytes=a-`, `bytes=-n` against a size. Multiple ranges or malformed headers are ignored.
 * @param {string | undefined} header
 * @param {number} size
 * @returns {{ start: number, end: number } | 'unsatisfiable' | undefined} end is exclusive
 */
function parseRange(header, size) {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) {
    return undefined;
  }
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || last < start) {
    return 'unsatisfiable';
  }
  return { start, end: last + 1 };
}

/**
 * Whether `If-None-Match` names this strong ETag (quoted).
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} etag
 */
export function notModified(headers, etag) {
  const value = headers['if-none-match'];
  return !!value && value.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

/**
 * 200, 206 with `Content-Range`, or 416, streamed from `read` (never the whole file in memory).
 * @param {import('node:http').IncomingHttpHeaders} requestHeaders
 * @param {number} size
 * @param {(start: number, end: number) => Iterable<Buffer>} read
 * @param {Record<string, string>} headers
 * @returns {Reply}
 */
export function bytesReply(requestHeaders, size, read, headers) {
  const range = parseRange(typeof requestHeaders.range === 'string' ? requestHeaders.range : undefined, size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` }, body: Buffer.alloc(0) };
  }
  if (range) {
    return {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end - 1}/${size}` },
      stream: { length: range.end - range.start, chunks: () => read(range.start, range.end) },
    };
  }
  return { status: 200, headers, stream: { length: size, chunks: () => read(0, size) } };
}

/**
 * GET/HEAD /{repo}/resolve|raw/{rev}/{path}.
 * @param {RequestContext} ctx
 * @param {RepoType} type
 * @param {string[]} segments raw segments after the `datasets/` or `spaces/` prefix
 * @returns {Promise<Reply | undefined>} undefined when this is not a file URL
 */
export async function serveFile(ctx, type, segments) {
  const at = segments[2] === 'resolve' || segments[2] === 'raw' ? 2 : segments[1] === 'resolve' || segments[1] === 'raw' ? 1 : -1;
  if (at < 0 || segments.length < at + 3) {
    return undefined;
  }
  const mode = segments[at];
  const id = segments.slice(0, at).map(decodeSegment).join('/');
  const prefix = type === 'model' ? '/' : `/${type}s/`;
  const found = lookupRepo(ctx, type, id, { prefix, rest: `/${segments.slice(at).join('/')}` });
  if ('reply' in found) {
    return found.reply;
  }
  const { repo } = found;
  const { rev, path } = splitRevision(segments.slice(at + 1));
  const commit = resolveRevision(repo, rev);
  if (!commit) {
    return revisionNotFound(rev);
  }
  const refused = gateFiles(ctx, repo);
  if (refused) {
    return refused;
  }
  const file = findFile(repo, path);
  if (!file) {
    return errorReply(404, 'Entry not found', { code: 'EntryNotFound', headers: { 'X-Repo-Commit': commit } });
  }
  await file.prepare();
  if (mode === 'raw') {
    return rawReply(ctx, file, commit);
  }
  const etag = `"${file.etag}"`;
  /** @type {Record<string, string>} */
  const headers = { 'X-Repo-Commit': commit, 'Accept-Ranges': 'bytes', 'X-Linked-Etag': etag, Vary: 'Origin, Accept' };
  if (file.lfs) {
    Object.assign(headers, { 'X-Linked-Size': String(file.lfs.size), ETag: etag });
  }
  if (notModified(ctx.headers, etag)) {
    return { status: 304, headers: { ...headers, ETag: etag } };
  }
  if (file instanceof LfsFile) {
    const location = ctx.cdn.sign(repo, file);
    return textReply(302, `Found. Redirecting to ${location}`, { ...headers, Location: location });
  }
  const query = `${encodeURIComponent(ctx.rawPath)}=&etag=${encodeURIComponent(etag)}`;
  const encodedId = repo.id.split('/').map(encodeURIComponent).join('/');
  const location = `/api/resolve-cache/${type}s/${encodedId}/${commit}/${encodeURIComponent(path)}?${query}`;
  return textReply(307, `Temporary Redirect. Redirecting to ${location}`, {
    ...headers,
    Location: location,
    'Content-Disposition': contentDisposition(path),
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}

/**
 * `/raw/`: the bytes in git (an LFS pointer for LFS files), answered directly; no 304.
 * @param {RequestContext} ctx
 * @param {RepoFile} file
 * @param {string} commit
 */
function rawReply(ctx, file, commit) {
  return bytesReply(ctx.headers, file.rawSize, file.readRaw.bind(file), {
    'Content-Type': file.lfs ? 'text/plain; charset=utf-8' : contentType(file.path),
    ETag: `"${file.rawEtag}"`,
    'X-Repo-Commit': commit,
    'Accept-Ranges': 'bytes',
  });
}

const TYPES = /** @type {Record<string, RepoType>} */ ({ models: 'model', datasets: 'dataset', spaces: 'space' });

/**
 * GET/HEAD /api/resolve-cache/{models|datasets|spaces}/{id}/{commit}/{path}: the bytes of a file in git at a commit,
 * with its strong ETag (the git blob sha1).
 * @param {RequestContext} ctx
 * @param {string[]} segments raw segments after `resolve-cache/`
 * @returns {Promise<Reply>}
 */
export async function resolveCache(ctx, segments) {
  const type = TYPES[segments[0]];
  const at = segments.findIndex((s, k) => k >= 2 && /^[0-9a-f]{40}$/.test(s));
  if (!type || at < 0 || at > 3 || segments.length < at + 2) {
    return errorReply(404, "Sorry, we can't find the page you are looking for.");
  }
  const id = segments.slice(1, at).map(decodeSegment).join('/');
  const found = lookupRepo(ctx, type, id, { prefix: `/api/resolve-cache/${segments[0]}/`, rest: `/${segments.slice(at).join('/')}` });
  if ('reply' in found) {
    return found.reply;
  }
  const { repo } = found;
  const commit = resolveRevision(repo, segments[at]);
  if (commit !== segments[at]) {
    return revisionNotFound(segments[at]);
  }
  const refused = gateFiles(ctx, repo);
  if (refused) {
    return refused;
  }
  const path = segments.slice(at + 1).map(decodeSegment).join('/');
  const file = findFile(repo, path);
  if (!file) {
    return errorReply(404, 'Entry not found', { code: 'EntryNotFound', headers: { 'X-Repo-Commit': commit } });
  }
  await file.prepare();
  if (file instanceof LfsFile) {
    const location = ctx.cdn.sign(repo, file);
    return textReply(302, `Found. Redirecting to ${location}`, { Location: location, 'X-Repo-Commit': commit });
  }
  const etag = `"${file.etag}"`;
  const headers = {
    'Content-Type': contentType(path),
    'Content-Disposition': contentDisposition(path),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    ETag: etag,
    'X-Repo-Commit': commit,
    'Accept-Ranges': 'bytes',
  };
  if (notModified(ctx.headers, etag)) {
    return { status: 304, headers };
  }
  return bytesReply(ctx.headers, file.size, file.read.bind(file), headers);
}
