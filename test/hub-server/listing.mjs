// GET /api/models|datasets|spaces: search, filters, sort, page size, `full`/`config`/`cardData`, `expand`
// projection and cursor paging (hub-api.md §2–§4).
import { LOCAL_APPS } from '@huggingface/tasks';
import { canSee, isTrue } from './access.mjs';
import { asList } from './derive.mjs';
import { paginate } from './paging.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { hashInt } from './util.mjs';
import { expandItem, listItem, parameterCount, unknownExpandKey } from './views.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */
/** @typedef {import('./access.mjs').RequestContext} RequestContext */

const MAX_LIMIT = 1000;

/** Sort keys and the value each sorts by (always descending unless `direction=1`). */
const SORTS = /** @type {Record<string, (repo: Repo) => number | string>} */ ({
  trendingScore: (r) => r.trendingScore,
  downloads: (r) => r.downloads,
  likes: (r) => r.likes,
  likes30d: (r) => Math.round((r.likes * (hashInt(`likes30d:${r.id}`) % 100)) / 400),
  lastModified: (r) => r.lastModified,
  createdAt: (r) => r.createdAt,
  id: (r) => r.id,
  mainSize: (r) => r.files().reduce((sum, f) => sum + f.size, 0),
  num_parameters: (r) => parameterCount(r) ?? 0,
  'datasetsServerInfo.numRows': (r) => (r.type === 'dataset' ? r.meta.numRows : 0),
});

/**
 * @param {RequestContext} ctx
 * @param {RepoType} type
 */
export function listRepos(ctx, type) {
  const q = ctx.query;
  const expand = [...q.getAll('expand'), ...q.getAll('expand[]')];
  const unknown = unknownExpandKey(type, expand);
  if (unknown !== undefined) {
    return errorReply(400, `Invalid expand parameter "${unknown}" for ${type}s`);
  }
  const sort = q.get('sort') ?? 'trendingScore';
  const sortValue = SORTS[sort];
  if (!sortValue) {
    return errorReply(400, `Invalid sort parameter "${sort}", must be one of ${Object.keys(SORTS).join(', ')}`);
  }
  const limitParam = q.get('limit');
  const limit = limitParam === null ? MAX_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1) {
    return errorReply(400, `Invalid limit "${limitParam}"`);
  }
  const tests = filters(q, type, { catalog: ctx.catalog, list: true });
  const sorted = ctx.catalog.sorted(type, sort, sortValue);
  const ordered = q.get('direction') === '1' ? [...sorted].reverse() : sorted;
  const matching = ordered.filter((repo) => canSee(repo, ctx.user) && tests.every((t) => t(repo)));
  const paged = paginate(matching, ctx, Math.min(limit, MAX_LIMIT));
  if ('error' in paged) {
    return paged.error;
  }
  const view = { catalog: ctx.catalog, list: true };
  const flags = { full: isTrue(q.get('full')), config: isTrue(q.get('config')), cardData: isTrue(q.get('cardData')) };
  const items = paged.page.map((repo) => (expand.length ? expandItem(repo, expand, view) : listItem(repo, view, flags)));
  return jsonReply(200, items, paged.headers);
}

/**
 * One predicate per filtering parameter; all must hold.
 * @param {URLSearchParams} q
 * @param {RepoType} type
 * @param {any} view what expandItem needs to build a model's fields
 * @returns {((repo: Repo) => boolean)[]}
 */
function filters(q, type, view) {
  /** @type {((repo: Repo) => boolean)[]} */
  const tests = [];
  /** @param {string} name */
  const values = (name) => q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const term of q.getAll('search').filter(Boolean)) {
    const needle = term.toLowerCase();
    tests.push((r) => r.id.toLowerCase().includes(needle));
  }
  for (const author of q.getAll('author').filter(Boolean)) {
    const owner = author.toLowerCase();
    tests.push((r) => (r.author ?? '').toLowerCase() === owner);
  }
  for (const tag of values('filter')) {
    tests.push((r) => r.tags.includes(tag) || r.pipeline_tag === tag || r.library_name === tag);
  }
  for (const task of values('pipeline_tag')) {
    tests.push((r) => r.pipeline_tag === task);
  }
  for (const library of values('library')) {
    tests.push((r) => r.library_name === library || r.tags.includes(library));
  }
  for (const language of values('language')) {
    tests.push((r) => r.tags.includes(type === 'model' ? language : `language:${language}`) || r.tags.includes(`language:${language}`));
  }
  for (const key of ['license', 'task_categories', 'task_ids', 'size_categories', 'modality', 'format']) {
    for (const v of values(key)) {
      tests.push((r) => r.tags.includes(`${key}:${v}`));
    }
  }
  for (const dataset of values('dataset')) {
    tests.push((r) => r.tags.includes(`dataset:${dataset}`));
  }
  const gated = q.get('gated');
  if (gated !== null) {
    tests.push((r) => (r.gated !== false) === isTrue(gated));
  }
  const providers = values('inference_provider');
  if (providers.length) {
    tests.push((r) => {
      const mapping = r.recordedExtra.inferenceProviderMapping ?? {};
      return Object.keys(mapping).some((p) => providers.includes('all') || providers.includes(p));
    });
  }
  if (q.get('inference') === 'warm') {
    tests.push((r) => (r.recordedExtra.inference ?? r.meta.inference) === 'warm');
  }
  // `apps=ollama,jan`: models that any of these local apps runs, by each app's own `displayOnModelPage` rule (the one
  // the Hub's "Use this model" menu applies), over the model's fields in the shape the rule reads them.
  const apps = values('apps');
  if (type === 'model' && apps.length) {
    tests.push((r) => {
      const model = { id: r.id, ...expandItem(r, ['tags', 'library_name', 'pipeline_tag', 'gguf', 'config', 'safetensors', 'cardData'], view) };
      return apps.some((app) => Object.hasOwn(LOCAL_APPS, app) && LOCAL_APPS[/** @type {keyof typeof LOCAL_APPS} */ (app)].displayOnModelPage(/** @type {any} */ (model)));
    });
  }
  const params = parseParamRange(q.get('num_parameters'));
  if (params) {
    tests.push((r) => {
      const count = parameterCount(r);
      return count !== undefined && count >= params.min && count <= params.max;
    });
  }
  for (const [key, field] of /** @type {const} */ ([
    ['models', 'models'],
    ['datasets', 'datasets'],
  ])) {
    for (const id of values(key)) {
      tests.push((r) => asList(r.meta[field]).includes(id));
    }
  }
  if (type === 'space' && isTrue(q.get('linked'))) {
    tests.push((r) => asList(r.meta.models).length + asList(r.meta.datasets).length > 0);
  }
  return tests;
}

/**
 * `min:6B,max:128B` → numbers.
 * @param {string | null} value
 */
function parseParamRange(value) {
  if (!value) {
    return undefined;
  }
  const units = /** @type {Record<string, number>} */ ({ '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 });
  const range = { min: 0, max: Infinity };
  for (const part of value.split(',')) {
    const m = /^(min|max):(\d+(?:\.\d+)?)([KMBT]?)$/i.exec(part.trim());
    if (m) {
      range[/** @type {'min' | 'max'} */ (m[1].toLowerCase())] = Number(m[2]) * units[m[3].toUpperCase()];
    }
  }
  return range;
}
