// Request routing: the Hub API (§1 of hub-api.md) and file URLs.
import { decodeSegment, gateFiles, isTrue, lookupRepo, parquetCommit, refsOf, resolveRevision, revisionNotFound } from './access.mjs';
import { listTree, pathsInfo, splitRevision } from './file-routes.mjs';
import { resolveCache, serveFile } from './resolve.mjs';
import { prepareFiles } from './files.mjs';
import { listRepos } from './listing.mjs';
import { viewerRoute } from './viewer.mjs';
import { ROUTER_PREFIX, routerRoute } from './router.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { whoAmIBody } from './users.mjs';
import { detailBody, expandItem, noteRuntimeRead, spaceRuntime, unknownExpandKey } from './views.mjs';
import { discussionsRoute } from './discussions.mjs';
import { collectionsRoute } from './collections.mjs';
import { likeRoute, userLikesRoute } from './likes.mjs';
import { dailyPapersRoute, papersRoute } from './papers.mjs';

/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./reply.mjs').Reply} Reply */
/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */

const TYPES = /** @type {Record<string, RepoType>} */ ({ models: 'model', datasets: 'dataset', spaces: 'space' });

/** Words that follow a repo id in API paths (so `gpt2/tree/main` is read as repo `gpt2`). */
const ACTIONS = new Set(['revision', 'tree', 'paths-info', 'refs', 'commits', 'runtime', 'auth-check', 'discussions', 'like']);

/**
 * @param {RequestContext} ctx
 * @returns {Promise<Reply>}
 */
export async function route(ctx) {
  if (ctx.rawPath === ROUTER_PREFIX || ctx.rawPath.startsWith(`${ROUTER_PREFIX}/`)) return routerRoute(ctx); // Inference Providers (router.mjs)
  const segments = ctx.rawPath.split('/').slice(1);
  const read = ctx.method === 'GET' || ctx.method === 'HEAD';
  if (segments[0] === 'datasets-server' || segments[0] === 'datasets-server-assets') return viewerRoute(ctx); // the dataset viewer (viewer.mjs)
  if (segments[0] === 'api') {
    const [, kind, ...rest] = segments;
    if (kind === 'whoami-v2' && rest.length === 0 && read) {
      return ctx.user ? jsonReply(200, whoAmIBody(ctx.user)) : errorReply(401, 'Invalid credentials in Authorization header');
    }
    if (kind === 'resolve-cache' && read) {
      return resolveCache(ctx, rest);
    }
    if (kind === 'papers' && read) {
      return papersRoute(ctx, rest); // paper pages and search (papers.mjs)
    }
    if (kind === 'daily_papers' && rest.length === 0 && read) {
      return dailyPapersRoute(ctx);
    }
    if (kind === 'collections' && read) {
      return collectionsRoute(ctx, rest); // collections.mjs
    }
    if (kind === 'users' && rest.length === 2 && rest[1] === 'likes' && read) {
      return userLikesRoute(ctx, decodeSegment(rest[0])); // likes.mjs
    }
    const type = TYPES[kind];
    if (type && rest.length === 0 && read) {
      return listRepos(ctx, type);
    }
    if (type && rest.length > 0 && rest[0] !== '') {
      return repoApi(ctx, type, rest);
    }
    return notFound();
  }
  if (read) {
    const type = TYPES[segments[0]] && segments[0] !== 'models' ? TYPES[segments[0]] : 'model';
    const reply = await serveFile(ctx, type, type === 'model' ? segments : segments.slice(1));
    if (reply) {
      return reply;
    }
  }
  return notFound();
}

function notFound() {
  return errorReply(404, "Sorry, we can't find the page you are looking for.");
}

/**
 * /api/{type}s/{id}[/action/…]
 * @param {RequestContext} ctx
 * @param {RepoType} type
 * @param {string[]} segments raw segments after /api/{type}s/
 */
async function repoApi(ctx, type, segments) {
  const twoPart = segments.length >= 2 && !(ACTIONS.has(segments[1]) && !knownId(ctx, type, segments.slice(0, 2)));
  const idLength = twoPart ? 2 : 1;
  const id = segments.slice(0, idLength).map(decodeSegment).join('/');
  const [action, ...rest] = segments.slice(idLength);
  const found = lookupRepo(ctx, type, id, { prefix: `/api/${type}s/`, rest: segments.length > idLength ? `/${segments.slice(idLength).join('/')}` : '' });
  if ('reply' in found) {
    return found.reply;
  }
  const { repo } = found;
  const read = ctx.method === 'GET' || ctx.method === 'HEAD';
  if ((action === undefined || action === 'revision') && isTrue(ctx.query.get('blobs'))) {
    await prepareFiles(repo.files());
  }
  if (action === undefined && read) {
    return repoInfo(ctx, found, repo.sha);
  }
  if (action === 'revision' && rest.length > 0 && read) {
    const { rev } = splitRevision(rest);
    const commit = resolveRevision(repo, rev);
    return commit ? repoInfo(ctx, found, commit) : revisionNotFound(rev);
  }
  if (action === 'tree' && rest.length > 0 && read) {
    return listTree(ctx, repo, rest);
  }
  if (action === 'paths-info' && rest.length > 0 && ctx.method === 'POST') {
    return pathsInfo(ctx, repo, rest);
  }
  if (action === 'refs' && rest.length === 0 && read) {
    return refs(ctx, repo);
  }
  if (action === 'commits' && rest.length > 0 && read) {
    return commits(repo, splitRevision(rest).rev);
  }
  if (action === 'runtime' && rest.length === 0 && read && type === 'space') {
    noteRuntimeRead(repo);
    return jsonReply(200, spaceRuntime(repo));
  }
  if (action === 'discussions' && rest.length <= 1 && read) {
    return discussionsRoute(ctx, repo, rest);
  }
  if (action === 'like' && rest.length === 0 && (ctx.method === 'POST' || ctx.method === 'DELETE')) {
    return likeRoute(ctx, repo);
  }
  if (action === 'auth-check' && rest.length === 0 && read) {
    return gateFiles(ctx, repo) ?? jsonReply(200, {});
  }
  return notFound();
}

/**
 * @param {RequestContext} ctx
 * @param {RepoType} type
 * @param {string[]} segments
 */
function knownId(ctx, type, segments) {
  const id = segments.map(decodeSegment).join('/');
  const key = `${type}:${id}`;
  return !!ctx.catalog.get(type, id) || ctx.catalog.renames.has(key) || ctx.catalog.aliases.has(key);
}

/**
 * Detail body, or its `expand` projection.
 * @param {RequestContext} ctx
 * @param {import('./access.mjs').Found} found
 * @param {string} commit
 */
function repoInfo(ctx, found, commit) {
  const { repo, servedId } = found;
  const expand = [...ctx.query.getAll('expand'), ...ctx.query.getAll('expand[]')];
  const view = { catalog: ctx.catalog, servedId, blobs: isTrue(ctx.query.get('blobs')) };
  noteRuntimeRead(repo);
  if (expand.length) {
    const unknown = unknownExpandKey(repo.type, expand);
    if (unknown !== undefined) {
      return errorReply(400, `Invalid expand parameter "${unknown}" for ${repo.type}s`);
    }
    const item = expandItem(repo, expand, view);
    if ('sha' in item) {
      item.sha = commit;
    }
    return jsonReply(200, item);
  }
  const body = detailBody(repo, view, { securityStatus: isTrue(ctx.query.get('securityStatus')) });
  body.sha = commit;
  return jsonReply(200, body);
}

/**
 * @param {RequestContext} ctx
 * @param {Repo} repo
 */
function refs(ctx, repo) {
  const { branches, tags, pullRequests } = refsOf(repo);
  /** @type {Record<string, unknown>} */
  const body = {
    branches,
    tags,
    converts: repo.type === 'dataset' ? [{ name: 'parquet', ref: 'refs/convert/parquet', targetCommit: parquetCommit(repo) }] : [],
  };
  if (isTrue(ctx.query.get('include_prs'))) {
    body.pullRequests = pullRequests;
  }
  return jsonReply(200, body);
}

/**
 * Commit history from a revision (a single page).
 * @param {Repo} repo
 * @param {string} rev
 */
function commits(repo, rev) {
  const commit = resolveRevision(repo, rev);
  // A branch, tag or pull request of `meta.refs` is one commit on top of the head.
  const history = commit && !repo.commits.some((c) => c.id === commit) ? [{ id: commit, title: `Update ${rev}`, date: repo.lastModified }, ...repo.commits] : repo.commits;
  const from = history.findIndex((c) => c.id === commit);
  if (from < 0) {
    return revisionNotFound(rev);
  }
  const author = repo.author ?? 'system';
  return jsonReply(
    200,
    history.slice(from).map((c) => ({
      id: c.id,
      title: c.title,
      message: '',
      authors: [{ user: author, avatar: `/avatars/${author}.svg` }],
      date: c.date,
    })),
  );
}
