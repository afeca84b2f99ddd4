// File endpoints: tree listings, paths-info, and file content through /resolve/ and /raw/ (hub-api.md §6).
import { decodeSegment, gateFiles, isTrue, lookupRepo, resolveRevision, revisionNotFound } from './access.mjs';
import { paginate } from './paging.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { hashHex } from './util.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */
/** @typedef {import('./repo-files.mjs').RepoFile} RepoFile */
/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./reply.mjs').Reply} Reply */

const TREE_PAGE = 1000;
const TREE_PAGE_EXPANDED = 50;

/**
 * A revision at the start of `segments` (a single encoded segment, or `refs/pr/N` / `refs/convert/x` written
 * with raw slashes), and what follows it.
 * @param {string[]} segments raw path segments
 */
export function splitRevision(segments) {
  const take = segments[0] === 'refs' && segments.length >= 3 ? 3 : 1;
  return {
    rev: segments.slice(0, take).map(decodeSegment).join('/'),
    path: segments.slice(take).map(decodeSegment).join('/'),
  };
}

/**
 * @param {Repo} repo
 * @param {string} path
 */
function findFile(repo, path) {
  return repo.files().find((f) => f.path === path);
}

/**
 * Directories implied by the file paths.
 * @param {Repo} repo
 */
function directories(repo) {
  const dirs = new Set();
  for (const p of repo.siblings) {
    for (let k = p.indexOf('/'); k >= 0; k = p.indexOf('/', k + 1)) {
      dirs.add(p.slice(0, k));
    }
  }
  return dirs;
}

/**
 * A tree entry in the Hub's key order (tree-google-bert-bert-base-uncased-dd4bc8b.json), without `xetHash`.
 * @param {Repo} repo
 * @param {{ type: 'file', file: RepoFile } | { type: 'directory', path: string }} entry
 * @param {boolean} expand
 */
function treeEntry(repo, entry, expand) {
  /** @type {Record<string, unknown>} */
  const out = { type: entry.type };
  if (entry.type === 'file') {
    const f = entry.file;
    out.oid = f.oid;
    out.size = f.size;
    if (f.lfs) {
      out.lfs = { ...f.lfs };
    }
  } else {
    out.oid = hashHex(`tree:${repo.sha}:${entry.path}`);
    out.size = 0;
  }
  const path = entry.type === 'file' ? entry.file.path : entry.path;
  if (expand) {
    const commit = lastCommitFor(repo, path);
    out.lastCommit = { id: commit.id, title: commit.title, date: commit.date };
    if (entry.type === 'file') {
      out.securityFileStatus = { status: 'safe' };
    }
  }
  out.path = path;
  return out;
}

/**
 * The commit that last touched a path: README.md the head, .gitattributes the first, the rest the upload.
 * @param {Repo} repo
 * @param {string} path
 */
function lastCommitFor(repo, path) {
  if (path === 'README.md') {
    return repo.commits[0];
  }
  return path === '.gitattributes' ? repo.commits[repo.commits.length - 1] : repo.commits[1];
}

/**
 * @param {RequestContext} ctx
 * @param {Repo} repo
 * @param {string[]} segments raw segments after `tree/`
 */
export function listTree(ctx, repo, segments) {
  const { rev, path } = splitRevision(segments);
  if (!resolveRevision(repo, rev)) {
    return revisionNotFound(rev);
  }
  const recursive = isTrue(ctx.query.get('recursive'));
  const expand = isTrue(ctx.query.get('expand'));
  const dirs = directories(repo);
  const base = path.replace(/\/+$/, '');
  if (base && !dirs.has(base)) {
    return errorReply(404, 'Entry not found', { code: 'EntryNotFound' });
  }
  const prefix = base ? `${base}/` : '';
  /** @param {string} p */
  const inScope = (p) => p.startsWith(prefix) && (recursive || !p.slice(prefix.length).includes('/'));
  /** @type {({ type: 'file', file: RepoFile } | { type: 'directory', path: string })[]} */
  const entries = [
    ...[...dirs].filter(inScope).map((p) => /** @type {const} */ ({ type: 'directory', path: p })),
    ...repo.files().filter((f) => inScope(f.path)).map((file) => /** @type {const} */ ({ type: 'file', file })),
  ];
  const key = (/** @type {typeof entries[number]} */ e) => (e.type === 'file' ? e.file.path : e.path);
  entries.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const paged = paginate(entries, ctx, expand ? TREE_PAGE_EXPANDED : TREE_PAGE);
  if ('error' in paged) {
    return paged.error;
  }
  return jsonReply(200, paged.page.map((e) => treeEntry(repo, e, expand)), paged.headers);
}

/**
 * POST /api/{type}s/{id}/paths-info/{rev} with a JSON (`@huggingface/hub`) or form (`huggingface_hub`) body.
 * @param {RequestContext} ctx
 * @param {Repo} repo
 * @param {string[]} segments raw segments after `paths-info/`
 */
export async function pathsInfo(ctx, repo, segments) {
  const { rev } = splitRevision(segments);
  if (!resolveRevision(repo, rev)) {
    return revisionNotFound(rev);
  }
  const raw = (await ctx.readBody()).toString('utf8');
  /** @type {string[]} */
  let paths;
  /** @type {boolean} */
  let expand;
  if (String(ctx.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const body = JSON.parse(raw);
      paths = [body.paths ?? []].flat().map(String);
      expand = body.expand === true;
    } catch {
      return errorReply(400, 'Invalid JSON body');
    }
  } else {
    const form = new URLSearchParams(raw);
    paths = form.getAll('paths');
    expand = isTrue(form.get('expand'));
  }
  const dirs = directories(repo);
  const out = [];
  for (const p of paths) {
    const path = p.replace(/^\/+|\/+$/g, '');
    const file = findFile(repo, path);
    if (file) {
      out.push(treeEntry(repo, { type: 'file', file }, expand));
    } else if (dirs.has(path)) {
      out.push(treeEntry(repo, { type: 'directory', path }, expand));
    }
  }
  return jsonReply(200, out);
}

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
function contentType(path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (CONTENT_TYPES[ext]) {
    return CONTENT_TYPES[ext];
  }
  return TEXT_EXTENSIONS.has(ext) || !ext || name === 'Dockerfile' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
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
 * GET/HEAD /{repo}/resolve|raw/{rev}/{path}.
 * @param {RequestContext} ctx
 * @param {RepoType} type
 * @param {string[]} segments raw segments after the `datasets/` or `spaces/` prefix
 * @returns {Reply | undefined} undefined when this is not a file URL
 */
export function serveFile(ctx, type, segments) {
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
    return errorReply(404, 'Entry not found', { code: 'EntryNotFound' });
  }
  const raw = mode === 'raw';
  const size = raw ? file.rawSize : file.size;
  const etag = `"${raw ? file.rawEtag : file.etag}"`;
  /** @type {Record<string, string>} */
  const headers = {
    'Content-Type': raw && file.lfs ? 'text/plain; charset=utf-8' : contentType(path),
    ETag: etag,
    'X-Repo-Commit': commit,
    'Accept-Ranges': 'bytes',
  };
  if (!raw && file.lfs) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    Object.assign(headers, {
      'X-Linked-Etag': etag,
      'X-Linked-Size': String(file.lfs.size),
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${name.replace(/"/g, '')}";`,
    });
  }
  const ifNoneMatch = ctx.headers['if-none-match'];
  if (!raw && ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    return { status: 304, headers };
  }
  const read = raw ? file.readRaw.bind(file) : file.read.bind(file);
  const range = parseRange(typeof ctx.headers.range === 'string' ? ctx.headers.range : undefined, size);
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
