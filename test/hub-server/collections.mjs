// Collections in the shapes of `@huggingface/hub`'s ApiCollectionInfo: `GET /api/collections?q=&owner=&item=&sort=&limit=`
// (cursor paging with a `Link: <…>; rel="next"` header, as listing.mjs pages repos; each body's `items` cut to its
// first 4, as the Hub lists them) and `GET /api/collections/{namespace}/{slug}` (every item, `position` and `shareUrl`).
// Repo items take their fields from the catalog repos, so they agree with the rest of this Hub; papers from
// papers-data.mjs. Private collections, and items the caller may not see (private repos, private nested collections),
// are hidden as the Hub hides private repos: an unknown or hidden collection is 404 `{"error": "Collection not found"}`.
import { canSee, decodeSegment } from './access.mjs';
import { COLLECTIONS } from './collections-data.mjs';
import { likedBy } from './likes.mjs';
import { paginate } from './paging.mjs';
import { paperRecord, thumbnailUrl } from './papers.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { hashInt, objectId } from './util.mjs';
import { actsAs, TEST_USERS, whoAmIBody } from './users.mjs';
import { parameterCount, spaceRuntime } from './views.mjs';

/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./collections-data.mjs').CollectionSpec} CollectionSpec */
/** @typedef {import('./collections-data.mjs').ItemSpec} ItemSpec */

const PAGE_SIZE = 10;
const MAX_LIMIT = 100;
/** Items of each collection in a listing. */
const LISTED_ITEMS = 4;
const ITEM_PREFIXES = /** @type {Record<string, ItemSpec['type']>} */ ({ models: 'model', datasets: 'dataset', spaces: 'space', papers: 'paper' });

/** @param {string} title */
function slugify(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').split('-').filter(Boolean).join('-').slice(0, 80) || 'collection';
}

/** @typedef {CollectionSpec & { hex: string, slug: string, position: number }} Collection */

/** @type {Collection[]} */
const ALL = COLLECTIONS.map((spec) => {
  const hex = objectId(spec.createdAt, `collection:${spec.key}`);
  const position = COLLECTIONS.filter((c) => c.owner === spec.owner).indexOf(spec);
  return { ...spec, hex, slug: `${spec.owner}/${slugify(spec.title)}-${hex}`, position };
});
const BY_KEY = new Map(ALL.map((c) => [c.key, c]));
const BY_SLUG = new Map(ALL.map((c) => [c.slug, c]));

/**
 * The slug of a collection by its key (COLLECTION_KEYS of collections-data.mjs), for tests.
 * @param {string} key
 */
export function collectionSlug(key) {
  const c = BY_KEY.get(key);
  if (!c) {
    throw new Error(`no collection ${key}`);
  }
  return c.slug;
}

/**
 * The owner as ApiAuthor, with the ids whoami-v2 gives the account.
 * @param {string} name
 */
function ownerBody(name) {
  const followerCount = hashInt(`followers:${name}`) % 200;
  const org = whoAmIBody(TEST_USERS.hubTest).orgs.find((o) => o.name === name);
  if (org) {
    return { _id: org.id, avatarUrl: org.avatarUrl, fullname: org.fullname, name, type: 'org', followerCount, isHf: false, isHfAdmin: false, isMod: false, isUserFollowing: false };
  }
  const user = /** @type {import('./users.mjs').TestUser} */ (Object.values(TEST_USERS).find((u) => u.name === name));
  const me = whoAmIBody(user);
  return { _id: me.id, avatarUrl: me.avatarUrl, fullname: me.fullname, name, type: 'user', isPro: false, followerCount, isHf: false, isHfAdmin: false, isMod: false, isUserFollowing: false };
}

/**
 * @param {Collection} c
 * @param {RequestContext} ctx
 */
function visible(c, ctx) {
  return !c.private || actsAs(ctx.user, c.owner);
}

/** @param {RequestContext} ctx @param {Collection} c */
function shareUrl(ctx, c) {
  return `${ctx.origin}/collections/${c.slug}`;
}

/**
 * The fields of one item (after `_id`, `position` and `type`), or undefined when the caller may not see it.
 * @param {ItemSpec} item
 * @param {RequestContext} ctx
 * @param {boolean} list
 * @returns {Record<string, unknown> | undefined}
 */
function itemFields(item, ctx, list) {
  if (item.type === 'paper') {
    const p = paperRecord(item.id);
    return p && { id: p.id, title: p.title, upvotes: p.upvotes, publishedAt: p.publishedAt, thumbnailUrl: thumbnailUrl(ctx.origin, p.id), isUpvotedByUser: false };
  }
  if (item.type === 'collection') {
    const c = BY_KEY.get(item.id);
    return c && visible(c, ctx) ? {
      id: c.hex, slug: c.slug, title: c.title, ...(c.description === undefined ? {} : { description: c.description }), owner: ownerBody(c.owner), theme: c.theme,
      upvotes: c.upvotes, isUpvotedByUser: false, lastUpdated: c.lastUpdated, numberItems: c.items.length, shareUrl: shareUrl(ctx, c),
    } : undefined;
  }
  const repo = ctx.catalog.get(item.type, item.id);
  if (!repo || !canSee(repo, ctx.user)) {
    return undefined;
  }
  const common = { id: repo.id, ...(repo.author === undefined ? {} : { author: repo.author }) };
  const liked = likedBy(ctx.catalog, ctx.user, repo);
  if (repo.type === 'model') {
    const mapping = repo.recordedExtra.inferenceProviderMapping ?? {};
    const params = parameterCount(repo);
    return {
      ...common, downloads: repo.downloads, likes: repo.likes, lastModified: repo.lastModified, ...(repo.pipeline_tag ? { pipeline_tag: repo.pipeline_tag } : {}),
      private: repo.private, repoType: 'model', gated: repo.gated, isLikedByUser: liked,
      availableInferenceProviders: Object.entries(mapping).map(([provider, m]) => ({ provider, providerStatus: m.status, modelStatus: m.status, providerId: m.providerId, task: m.task })),
      ...(params === undefined ? {} : { numParameters: params }),
    };
  }
  if (repo.type === 'dataset') {
    /** @param {string} prefix */
    const tagged = (prefix) => repo.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
    return {
      ...common, downloads: repo.downloads, likes: repo.likes, lastModified: repo.lastModified, private: repo.private, repoType: 'dataset', gated: repo.gated,
      isLikedByUser: liked, datasetsServerInfo: { viewer: 'viewer', numRows: repo.meta.numRows ?? null, libraries: tagged('library:'), formats: tagged('format:'), modalities: tagged('modality:') },
      isBenchmark: false, isEnvironment: false, isTraces: false,
    };
  }
  const card = repo.cardData ?? {};
  const runtime = spaceRuntime(repo);
  const hardware = /** @type {{ current?: string | null, requested?: string | null } | undefined} */ (runtime.hardware);
  return {
    ...common, title: typeof card.title === 'string' ? card.title : repo.id.split('/').pop(), emoji: typeof card.emoji === 'string' ? card.emoji : '🤗',
    colorFrom: typeof card.colorFrom === 'string' ? card.colorFrom : 'gray', colorTo: typeof card.colorTo === 'string' ? card.colorTo : 'gray', sdk: repo.meta.sdk,
    runtime: {
      stage: runtime.stage, hardware: { current: hardware?.current ?? null, requested: hardware?.requested ?? null }, storage: runtime.storage ?? null,
      replicas: runtime.replicas ?? { requested: 1 }, ...(runtime.errorMessage ? { errorMessage: runtime.errorMessage } : {}),
    },
    likes: repo.likes, lastModified: repo.lastModified, createdAt: repo.createdAt, private: repo.private, repoType: 'space', disabled: repo.disabled, pinned: false,
    featured: false, isLikedByUser: liked, tags: [...repo.tags], visibility: repo.private ? 'private' : 'public', ...(list ? { trendingScore: repo.trendingScore } : {}),
  };
}

/**
 * The items the caller may see, in position order (positions keep their place: a hidden item leaves a gap).
 * @param {Collection} c
 * @param {RequestContext} ctx
 * @param {number} max
 * @param {boolean} list
 */
function items(c, ctx, max, list) {
  /** @type {Record<string, unknown>[]} */
  const out = [];
  for (const [position, item] of c.items.entries()) {
    if (out.length >= max) {
      break;
    }
    const fields = itemFields(item, ctx, list);
    if (fields) {
      const note = typeof item.note === 'string' ? { html: `<p>${item.note}</p>`, text: item.note } : item.note;
      out.push({ _id: objectId(c.createdAt, `collection-item:${c.key}:${position}`), position, type: item.type, ...fields, ...(note ? { note } : {}) });
    }
  }
  return out;
}

/**
 * @param {Collection} c
 * @param {RequestContext} ctx
 * @param {boolean} list listing bodies: the first 4 items, no `position` or `shareUrl`
 */
function collectionBody(c, ctx, list) {
  return {
    slug: c.slug,
    title: c.title,
    ...(c.description === undefined ? {} : { description: c.description }),
    gating: false,
    lastUpdated: c.lastUpdated,
    owner: ownerBody(c.owner),
    items: items(c, ctx, list ? LISTED_ITEMS : Infinity, list),
    theme: c.theme,
    private: !!c.private,
    ...(list ? {} : { position: c.position, shareUrl: shareUrl(ctx, c) }),
    upvotes: c.upvotes,
    isUpvotedByUser: false,
  };
}

const SORTS = /** @type {Record<string, (c: Collection) => number | string>} */ ({
  trending: (c) => c.trending,
  upvotes: (c) => c.upvotes,
  lastModified: (c) => c.lastUpdated,
});

/**
 * @param {RequestContext} ctx
 */
function listCollections(ctx) {
  const q = ctx.query;
  const sort = q.get('sort') ?? 'trending';
  const by = SORTS[sort];
  if (!by) {
    return errorReply(400, `Invalid sort parameter "${sort}", must be one of ${Object.keys(SORTS).join(', ')}`);
  }
  const limitParam = q.get('limit');
  const limit = limitParam === null ? PAGE_SIZE : /^\d{1,9}$/.test(limitParam) ? Number(limitParam) : NaN;
  if (!Number.isInteger(limit) || limit < 1) {
    return errorReply(400, `Invalid limit "${limitParam}"`);
  }
  /** @type {{ type: ItemSpec['type'], id: string }[]} */
  const wanted = [];
  for (const value of q.getAll('item')) {
    const at = value.indexOf('/');
    const type = at > 0 ? ITEM_PREFIXES[value.slice(0, at)] : undefined;
    if (!type || at === value.length - 1) {
      return errorReply(400, `Invalid item "${value}", expected models/…, datasets/…, spaces/… or papers/…`);
    }
    wanted.push({ type, id: value.slice(at + 1) });
  }
  const owners = q.getAll('owner').filter(Boolean).map((o) => o.toLowerCase());
  const needle = (q.get('q') ?? '').trim().toLowerCase();
  const matching = ALL.filter(
    (c) =>
      visible(c, ctx) &&
      (owners.length === 0 || owners.includes(c.owner.toLowerCase())) &&
      // Several `item` values: collections holding any of them (OR), as several owners are ORed.
      (wanted.length === 0 || wanted.some((w) => c.items.some((i) => i.type === w.type && i.id === w.id))) &&
      (!needle || c.title.toLowerCase().includes(needle) || (c.description ?? '').toLowerCase().includes(needle)),
  ).sort((a, b) => {
    const va = by(a);
    const vb = by(b);
    return va < vb ? 1 : va > vb ? -1 : a.slug < b.slug ? -1 : 1;
  });
  const paged = paginate(matching, ctx, Math.min(limit, MAX_LIMIT));
  if ('error' in paged) {
    return paged.error;
  }
  return jsonReply(200, paged.page.map((c) => collectionBody(c, ctx, true)), paged.headers);
}

/**
 * `/api/collections[/{namespace}/{slug}]`.
 * @param {RequestContext} ctx
 * @param {string[]} rest raw segments after `/api/collections/`
 */
export function collectionsRoute(ctx, rest) {
  if (rest.length === 0) {
    return listCollections(ctx);
  }
  const c = rest.length === 2 ? BY_SLUG.get(rest.map(decodeSegment).join('/')) : undefined;
  return c && visible(c, ctx) ? jsonReply(200, collectionBody(c, ctx, false)) : errorReply(404, 'Collection not found');
}

