// File listings: tree and paths-info (hub-api.md §6.2); file content is served by resolve.mjs.
import { decodeSegment, isTrue, resolveRevision, revisionNotFound } from './access.mjs';
import { prepareFiles } from './files.mjs';
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
export function findFile(repo, path) {
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
export async function listTree(ctx, repo, segments) {
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
  await prepareFiles(paged.page.flatMap((e) => (e.type === 'file' ? [e.file] : [])));
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
      await file.prepare();
      out.push(treeEntry(repo, { type: 'file', file }, expand));
    } else if (dirs.has(path)) {
      out.push(treeEntry(repo, { type: 'directory', path }, expand));
    }
  }
  return jsonReply(200, out);
}
