// Likes, as huggingface_hub's `like`, `unlike` and `list_liked_repos` use them: `POST` and `DELETE
// /api/{type}s/{id}/like` (a token needed; the repo found as for any repo API, so unknown or hidden repos answer as
// they do there), and `GET /api/users/{username}/likes`. The state lives in memory, one per server (keyed by its
// catalog, which each server loads for itself), and starts with hub-test's seeded likes. A like changes the repo's
// `likes` in the catalog, so detail bodies, lists and their `sort=likes` see it; the seeded likes are counted already.
import { canSee } from './access.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { TEST_USERS } from './users.mjs';

/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./catalog.mjs').Catalog} Catalog */
/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */

/** @typedef {{ type: RepoType, id: string, createdAt: string, seq: number }} Like */

/** What hub-test likes on a fresh server: a model, a dataset and a Space ("My likes" is not empty). */
export const SEEDED_LIKES = Object.freeze([
  { user: 'hub-test', type: /** @type {RepoType} */ ('model'), id: 'HuggingFaceH4/zephyr-7b-beta', createdAt: '2025-09-14T08:21:37.000Z' },
  { user: 'hub-test', type: /** @type {RepoType} */ ('dataset'), id: 'nyu-mll/glue', createdAt: '2025-10-02T16:05:11.000Z' },
  { user: 'hub-test', type: /** @type {RepoType} */ ('space'), id: 'kestrel-labs/kestrel-chat', createdAt: '2025-11-20T11:48:52.000Z' },
]);

/** @type {WeakMap<Catalog, { users: Map<string, Map<string, Like>>, seq: number }>} */
const STATES = new WeakMap();

/** @param {Catalog} catalog */
function stateOf(catalog) {
  let state = STATES.get(catalog);
  if (!state) {
    state = { users: new Map(), seq: 0 };
    for (const seed of SEEDED_LIKES) {
      likesOf(state, seed.user).set(`${seed.type}:${seed.id}`, { type: seed.type, id: seed.id, createdAt: seed.createdAt, seq: state.seq++ });
    }
    STATES.set(catalog, state);
  }
  return state;
}

/**
 * @param {{ users: Map<string, Map<string, Like>> }} state
 * @param {string} user
 */
function likesOf(state, user) {
  let likes = state.users.get(user);
  if (!likes) {
    likes = new Map();
    state.users.set(user, likes);
  }
  return likes;
}

/**
 * Whether `user` likes a repo (`isLikedByUser` of collection items).
 * @param {Catalog} catalog
 * @param {import('./users.mjs').TestUser | null} user
 * @param {Repo} repo
 */
export function likedBy(catalog, user, repo) {
  return !!user && !!stateOf(catalog).users.get(user.name)?.has(`${repo.type}:${repo.id}`);
}

/**
 * `POST` (like) or `DELETE` (unlike) `/api/{type}s/{id}/like` of a repo `lookupRepo` found for the caller: 401 without
 * a token, else 200 `{}`. Liking twice, or unliking what is not liked, changes nothing.
 * @param {RequestContext} ctx
 * @param {Repo} repo
 */
export function likeRoute(ctx, repo) {
  if (!ctx.user) {
    return errorReply(401, 'Invalid username or password.');
  }
  const state = stateOf(ctx.catalog);
  const likes = likesOf(state, ctx.user.name);
  const key = `${repo.type}:${repo.id}`;
  const had = likes.has(key);
  if (ctx.method === 'POST' && !had) {
    likes.set(key, { type: repo.type, id: repo.id, createdAt: new Date().toISOString(), seq: state.seq++ });
    repo.likes += 1;
  } else if (ctx.method === 'DELETE' && had) {
    likes.delete(key);
    repo.likes = Math.max(0, repo.likes - 1);
  }
  if (ctx.method === 'POST' ? !had : had) {
    // Lists sorted by likes are cached in the catalog: the next one sorts again.
    ctx.catalog.sortCache.clear();
  }
  return jsonReply(200, {});
}

/**
 * `GET /api/users/{username}/likes`: anyone may read anyone's likes, newest first, as `{createdAt, repo: {name, type}}`.
 * A liked private repo is listed only to callers who may see it (its owner, or a member of the organisation that owns
 * it), as the Hub hides private repos everywhere else; repos no longer in the catalog are left out. Unknown users: 404.
 * @param {RequestContext} ctx
 * @param {string} username decoded
 */
export function userLikesRoute(ctx, username) {
  if (!Object.values(TEST_USERS).some((u) => u.name === username)) {
    return errorReply(404, 'User not found');
  }
  const likes = [...(stateOf(ctx.catalog).users.get(username)?.values() ?? [])];
  const visible = likes.filter((like) => {
    const repo = ctx.catalog.get(like.type, like.id);
    return repo && canSee(repo, ctx.user);
  });
  visible.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.seq - a.seq));
  return jsonReply(
    200,
    visible.map((like) => ({ createdAt: like.createdAt, repo: { name: like.id, type: like.type } })),
  );
}
