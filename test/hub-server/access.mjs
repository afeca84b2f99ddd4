// Finding a repo the way the Hub does for a given caller: renames (307), legacy aliases, private repos
// hidden from others, disabled repos, revisions, and gated file access.
import { errorReply, redirectReply } from './reply.mjs';
import { actsAs } from './users.mjs';
import { hashHex } from './util.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */
/** @typedef {import('./reply.mjs').Reply} Reply */

/**
 * @typedef {object} RequestContext
 * @property {string} method
 * @property {string} rawPath pathname as received (still percent-encoded)
 * @property {string} search `?…` or ''
 * @property {URLSearchParams} query
 * @property {import('./users.mjs').TestUser | null} user
 * @property {import('./catalog.mjs').Catalog} catalog
 * @property {string} origin `http://127.0.0.1:PORT`
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {() => Promise<Buffer>} readBody
 * @property {{ sign(repo: Repo, file: import('./files.mjs').LfsFile): string }} cdn signs the URL an LFS file redirects to
 */

/**
 * @typedef {object} Found
 * @property {Repo} repo
 * @property {string} [servedId] id to report when the repo was reached through a legacy alias
 */

/**
 * @param {RequestContext} ctx
 * @param {RepoType} type
 * @param {string} id
 * @param {{ prefix: string, rest: string }} where raw path before and after the id, to build redirects
 * @returns {Found | { reply: Reply }}
 */
export function lookupRepo(ctx, type, id, where) {
  const renamed = ctx.catalog.renames.get(`${type}:${id}`);
  if (renamed) {
    return { reply: redirectReply(`${where.prefix}${renamed}${where.rest}${ctx.search}`) };
  }
  const alias = ctx.catalog.aliases.get(`${type}:${id}`);
  const repo = ctx.catalog.get(type, alias ?? id);
  if (!repo || !canSee(repo, ctx.user)) {
    return { reply: repoNotFound(ctx) };
  }
  if (repo.disabled) {
    return { reply: errorReply(403, 'Access to this resource is disabled.') };
  }
  return alias ? { repo, servedId: id } : { repo };
}

/**
 * Private repos are visible to their owner (user or organisation member) only.
 * @param {Repo} repo
 * @param {import('./users.mjs').TestUser | null} user
 */
export function canSee(repo, user) {
  return !repo.private || actsAs(user, repo.owner);
}

/**
 * Missing (or hidden) repo: 401 for anonymous callers, 404 RepoNotFound with a valid token.
 * @param {RequestContext} ctx
 */
function repoNotFound(ctx) {
  return ctx.user ? errorReply(404, 'Repository not found', { code: 'RepoNotFound' }) : errorReply(401, 'Invalid username or password.');
}

/**
 * @typedef {object} Ref
 * @property {string} name `dev`, `v1.0`, `refs/pr/1`
 * @property {string} ref `refs/heads/dev`, `refs/tags/v1.0`, `refs/pr/1`
 * @property {string} targetCommit
 */

/**
 * A repo's branches besides `main`, tags and pull requests (from `meta.refs` of its settings), each pointing at a commit
 * of its own; the files are the same at every revision.
 * @param {Repo} repo
 * @returns {{ branches: Ref[], tags: Ref[], pullRequests: Ref[] }}
 */
export function refsOf(repo) {
  const refs = repo.meta.refs ?? {};
  /** @param {string} ref */
  const at = (ref) => hashHex(`ref:${repo.sha}:${ref}`);
  /** @type {(names: string[] | undefined, kind: string) => Ref[]} */
  const named = (names, kind) => (names ?? []).map((name) => ({ name, ref: `refs/${kind}/${name}`, targetCommit: at(`refs/${kind}/${name}`) }));
  const prs = Array.from({ length: refs.pullRequests ?? 0 }, (_, k) => `refs/pr/${k + 1}`);
  return {
    branches: [{ name: 'main', ref: 'refs/heads/main', targetCommit: repo.sha }, ...named(refs.branches, 'heads')],
    tags: named(refs.tags, 'tags'),
    pullRequests: prs.map((ref) => ({ name: ref, ref, targetCommit: at(ref) })),
  };
}

/**
 * The commit a revision names: `HEAD`, a branch or tag by name or full ref, `refs/pr/N`, a commit sha (or a prefix of
 * 7+ characters), and `refs/convert/parquet` for datasets.
 * @param {Repo} repo
 * @param {string} rev decoded
 * @returns {string | undefined}
 */
export function resolveRevision(repo, rev) {
  if (rev === 'HEAD' || rev === 'main' || rev === 'refs/heads/main') {
    return repo.sha;
  }
  if (repo.type === 'dataset' && rev === 'refs/convert/parquet') {
    return parquetCommit(repo);
  }
  const refs = repo.meta.refs ? refsOf(repo) : undefined;
  const all = refs ? [...refs.branches, ...refs.tags, ...refs.pullRequests] : [];
  const named = all.find((r) => r.name === rev || r.ref === rev);
  if (named) {
    return named.targetCommit;
  }
  if (/^[0-9a-f]{7,40}$/.test(rev)) {
    return [...repo.commits.map((c) => c.id), ...all.map((r) => r.targetCommit)].find((id) => id.startsWith(rev));
  }
  return undefined;
}

/** @param {Repo} repo */
export function parquetCommit(repo) {
  return hashHex(`parquet:${repo.sha}`);
}

/**
 * @param {string} rev
 */
export function revisionNotFound(rev) {
  return errorReply(404, `Invalid rev id: ${rev}`, { code: 'RevisionNotFound' });
}

/**
 * Gated repos: files need a signed-in, approved caller (metadata and file lists stay public).
 * @param {RequestContext} ctx
 * @param {Repo} repo
 * @returns {Reply | undefined} the refusal, if any
 */
export function gateFiles(ctx, repo) {
  if (!repo.gated || actsAs(ctx.user, repo.owner) || (ctx.user && repo.approved.includes(ctx.user.name))) {
    return undefined;
  }
  const what = `${repo.type} ${repo.id}`;
  if (!ctx.user) {
    return errorReply(401, `Access to ${what} is restricted. You must have access to it and be authenticated to access it. Please log in.`, { code: 'GatedRepo' });
  }
  const page = `${ctx.origin}/${repo.type === 'model' ? '' : `${repo.type}s/`}${repo.id}`;
  return errorReply(403, `Access to ${what} is restricted and you are not in the authorized list. Visit ${page} to ask for access.`, { code: 'GatedRepo' });
}

/**
 * `true`, `True`, `1` (JS and Python spellings).
 * @param {string | null} value
 */
export function isTrue(value) {
  return value !== null && /^(true|1)$/i.test(value);
}

/**
 * @param {string} segment
 */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
