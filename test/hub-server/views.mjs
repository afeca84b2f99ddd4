// JSON bodies for repos: default detail bodies (in the key order the real Hub uses for a repo when its facts
// say so), list items (default, `full`, `config`, `cardData`) and `expand` projections, with the key sets and
// orders of hub-api.md §4–§5.
import { CHAT_TEMPLATE } from './catalog.mjs';
import { asList, autoMap } from './derive.mjs';
import { cloneJson } from './util.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./catalog.mjs').Catalog} Catalog */
/** @typedef {import('./catalog.mjs').RepoType} RepoType */

/** Keys `expand` accepts per repo type (hub-api.md §2, plus `xetEnabled` and `gitalyUid`). */
const EXPANDABLE = /** @type {Record<RepoType, Set<string>>} */ ({
  model: new Set([
    'author', 'baseModels', 'cardData', 'childrenModelCount', 'config', 'createdAt', 'disabled', 'downloads', 'downloadsAllTime',
    'evalResults', 'gated', 'gguf', 'inference', 'inferenceProviderMapping', 'lastModified', 'library_name', 'likes', 'mask_token',
    'model-index', 'pipeline_tag', 'private', 'resourceGroup', 'safetensors', 'sha', 'siblings', 'spaces', 'tags',
    'transformersInfo', 'trendingScore', 'usedStorage', 'widgetData', 'xetEnabled', 'gitalyUid',
  ]),
  dataset: new Set([
    'author', 'cardData', 'citation', 'createdAt', 'description', 'disabled', 'downloads', 'downloadsAllTime', 'gated',
    'lastModified', 'likes', 'mainSize', 'paperswithcode_id', 'private', 'resourceGroup', 'sha', 'siblings', 'tags',
    'trendingScore', 'usedStorage', 'xetEnabled', 'gitalyUid',
  ]),
  space: new Set([
    'author', 'cardData', 'createdAt', 'datasets', 'disabled', 'lastModified', 'likes', 'models', 'private', 'region',
    'resourceGroup', 'runtime', 'sdk', 'sha', 'siblings', 'subdomain', 'tags', 'trendingScore', 'usedStorage', 'xetEnabled',
    'gitalyUid',
  ]),
});

const DETAIL_KEYS = /** @type {Record<RepoType, string[]>} */ ({
  model: [
    '_id', 'id', 'private', 'pipeline_tag', 'library_name', 'tags', 'downloads', 'likes', 'modelId', 'author', 'sha', 'lastModified',
    'gated', 'inference', 'disabled', 'mask_token', 'widgetData', 'model-index', 'config', 'cardData', 'transformersInfo', 'siblings',
    'spaces', 'createdAt', 'safetensors', 'usedStorage',
  ],
  dataset: [
    '_id', 'id', 'author', 'sha', 'lastModified', 'private', 'gated', 'disabled', 'tags', 'citation', 'description', 'downloads',
    'likes', 'paperswithcode_id', 'cardData', 'siblings', 'createdAt', 'usedStorage',
  ],
  space: [
    '_id', 'id', 'author', 'sha', 'lastModified', 'private', 'gated', 'disabled', 'host', 'subdomain', 'likes', 'sdk', 'tags',
    'siblings', 'createdAt', 'cardData', 'runtime', 'models', 'datasets', 'usedStorage',
  ],
});

const LIST_KEYS = /** @type {Record<RepoType, string[]>} */ ({
  model: ['_id', 'id', 'likes', 'trendingScore', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId'],
  dataset: [
    '_id', 'id', 'author', 'disabled', 'gated', 'lastModified', 'likes', 'trendingScore', 'private', 'sha', 'description', 'downloads',
    'tags', 'createdAt', 'key',
  ],
  space: ['_id', 'id', 'likes', 'trendingScore', 'private', 'sdk', 'tags', 'createdAt'],
});

const FULL_KEYS = /** @type {Record<RepoType, string[]>} */ ({
  model: [
    '_id', 'id', 'author', 'gated', 'inference', 'lastModified', 'likes', 'trendingScore', 'private', 'sha', 'config', 'cardData',
    'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId', 'siblings',
  ],
  dataset: [
    '_id', 'id', 'author', 'cardData', 'disabled', 'gated', 'lastModified', 'likes', 'trendingScore', 'private', 'sha', 'citation',
    'description', 'downloads', 'paperswithcode_id', 'tags', 'createdAt', 'key', 'siblings',
  ],
  space: [
    '_id', 'id', 'author', 'cardData', 'disabled', 'gated', 'lastModified', 'likes', 'trendingScore', 'private', 'sha', 'subdomain',
    'sdk', 'tags', 'createdAt', 'siblings',
  ],
});

/**
 * @typedef {object} ViewContext
 * @property {Catalog} catalog
 * @property {boolean} [list] list items carry `inferenceProviderMapping` as an array
 * @property {string} [servedId] the id to report (a legacy alias such as `gpt2`)
 * @property {boolean} [blobs] siblings with sizes, blob ids and LFS info
 */

/**
 * @param {RepoType} type
 * @param {string[]} keys
 * @returns {string | undefined} the first key `expand` does not accept
 */
export function unknownExpandKey(type, keys) {
  return keys.find((k) => !EXPANDABLE[type].has(k));
}

/**
 * Default `GET /api/{type}s/{id}` body.
 * @param {Repo} repo
 * @param {ViewContext} ctx
 * @param {{ securityStatus?: boolean }} [options]
 */
export function detailBody(repo, ctx, options = {}) {
  const body = pick(repo, repo.facts?.keys ?? DETAIL_KEYS[repo.type], ctx);
  if (ctx.blobs) {
    body.siblings = siblings(repo, true);
  }
  if (options.securityStatus) {
    body.securityRepoStatus = { scansDone: true, filesWithIssues: [] };
  }
  return body;
}

/**
 * A list item without `expand`.
 * @param {Repo} repo
 * @param {ViewContext} ctx
 * @param {{ full?: boolean, config?: boolean, cardData?: boolean }} flags
 */
export function listItem(repo, ctx, flags) {
  const keys = (flags.full ? FULL_KEYS : LIST_KEYS)[repo.type].filter(
    (k) => (k !== 'config' || flags.config) && (k !== 'cardData' || flags.cardData || (flags.full && repo.type !== 'model')),
  );
  const item = pick(repo, keys, ctx);
  if (!flags.full && repo.type === 'model') {
    if (flags.config) {
      item.config = value(repo, 'config', ctx);
    }
    if (flags.cardData) {
      item.cardData = value(repo, 'cardData', ctx);
    }
  }
  return item;
}

/**
 * `_id`, `id` and the asked keys, in the order they were asked; keys without a value are left out.
 * @param {Repo} repo
 * @param {string[]} keys
 * @param {ViewContext} ctx
 */
export function expandItem(repo, keys, ctx) {
  return pick(repo, ['_id', 'id', ...keys.filter((k) => k !== '_id' && k !== 'id')], ctx);
}

/**
 * @param {Repo} repo
 * @param {string[]} keys
 * @param {ViewContext} ctx
 */
function pick(repo, keys, ctx) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of keys) {
    const v = value(repo, key, ctx);
    if (v !== undefined) {
      out[key] = v;
    }
  }
  return out;
}

/**
 * The value of one field; `undefined` means the key is absent from the body.
 * @param {Repo} repo
 * @param {string} key
 * @param {ViewContext} ctx
 * @returns {unknown}
 */
function value(repo, key, ctx) {
  if (key === 'id' || key === 'modelId') {
    return ctx.servedId ?? repo.id;
  }
  if (key === 'inferenceProviderMapping') {
    const mapping = repo.recordedExtra.inferenceProviderMapping;
    return mapping && ctx.list ? providerList(mapping) : cloneJson(mapping);
  }
  if (key === 'siblings') {
    return siblings(repo, !!ctx.blobs);
  }
  if (key in repo.recordedExtra) {
    return cloneJson(repo.recordedExtra[key]);
  }
  const m = repo.meta;
  switch (key) {
    case '_id':
    case 'sha':
    case 'lastModified':
    case 'createdAt':
    case 'private':
    case 'gated':
    case 'disabled':
    case 'downloads':
    case 'downloadsAllTime':
    case 'likes':
    case 'trendingScore':
    case 'author':
    case 'pipeline_tag':
    case 'library_name':
      return repo[key];
    case 'tags':
      return [...repo.tags];
    case 'cardData':
      return repo.cardData ? normalizeCardData(repo.cardData) : undefined;
    case 'model-index': {
      const index = repo.cardData?.['model-index'];
      return index ? normalizeCardData({ 'model-index': index })['model-index'] : null;
    }
    case 'config':
      return apiConfig(repo);
    case 'inference':
    case 'widgetData':
    case 'transformersInfo':
    case 'gguf':
    case 'sdk':
    case 'subdomain':
    case 'description':
    case 'paperswithcode_id':
      return cloneJson(m[key]);
    case 'mask_token':
      return repo.facts?.mask_token ?? m.mask ?? undefined;
    case 'citation':
      return m.citation || undefined;
    case 'spaces':
      return (m.spaces ?? []).slice(0, 100);
    case 'safetensors':
      return cloneJson(repo.facts?.safetensors) ?? safetensorsInfo(repo);
    case 'usedStorage':
      return repo.facts?.usedStorage ?? repo.files().reduce((sum, f) => sum + f.size, 0);
    case 'mainSize':
      return repo.files().filter((f) => f.isLfs).reduce((sum, f) => sum + f.size, 0);
    case 'baseModels':
      return baseModels(repo);
    case 'childrenModelCount':
      return ctx.catalog.children.get(`model:${repo.id}`) ?? 0;
    case 'xetEnabled':
      return false;
    case 'key':
      return '';
    case 'host':
      return `https://${m.subdomain}.hf.space`;
    case 'runtime':
      return spaceRuntime(repo);
    case 'models':
    case 'datasets':
      return [...(repo.facts?.[key] ?? m[key] ?? [])];
    case 'region':
      return 'us';
    default:
      return undefined;
  }
}

/**
 * @param {Repo} repo
 * @param {boolean} blobs
 */
function siblings(repo, blobs) {
  if (!blobs) {
    return repo.siblings.map((rfilename) => ({ rfilename }));
  }
  return repo.files().map((f) => ({
    rfilename: f.path,
    blobId: f.oid,
    size: f.size,
    ...(f.lfs ? { lfs: { sha256: f.lfs.oid, size: f.lfs.size, pointerSize: f.lfs.pointerSize } } : {}),
  }));
}

/**
 * The API adds `verified: false` to model-index metrics that do not say.
 * @param {Record<string, unknown>} cardData
 */
function normalizeCardData(cardData) {
  const copy = cloneJson(cardData);
  for (const entry of Array.isArray(copy['model-index']) ? copy['model-index'] : []) {
    for (const result of Array.isArray(entry?.results) ? entry.results : []) {
      for (const metric of Array.isArray(result?.metrics) ? result.metrics : []) {
        if (metric && typeof metric === 'object' && !('verified' in metric)) {
          metric.verified = false;
        }
      }
    }
  }
  return copy;
}

/**
 * The `config` summary of a model (not its config.json).
 * @param {Repo} repo
 */
function apiConfig(repo) {
  const m = repo.meta;
  if (repo.facts?.config) {
    const { chat_template: at, tokenizer_config: tokens, ...config } = cloneJson(repo.facts.config);
    if (!tokens) {
      return config;
    }
    const entries = Object.entries(tokens);
    if (at !== undefined) {
      entries.splice(at, 0, ['chat_template', CHAT_TEMPLATE]);
    }
    return { ...config, tokenizer_config: Object.fromEntries(entries) };
  }
  if (repo.siblings.includes('model_index.json')) {
    return { diffusers: { _class_name: m.diffusersClass ?? 'StableDiffusionPipeline' } };
  }
  if (!repo.siblings.includes('config.json') || !m.architectures?.length) {
    return undefined;
  }
  /** @type {Record<string, unknown>} */
  const config = { architectures: [...m.architectures], model_type: m.modelType };
  if (m.customCode) {
    config.auto_map = autoMap(m.modelType, m.architectures[0]);
  }
  config.tokenizer_config = m.chatTemplate ? { bos_token: '<s>', eos_token: '</s>', chat_template: m.chatTemplate } : {};
  return config;
}

/**
 * The parameter count the Hub knows for a model: its safetensors total, else its GGUF header's; undefined for models
 * with neither (adapters, diffusers pipelines, other formats), which a `num_parameters` filter leaves out.
 * @param {Repo} repo
 * @returns {number | undefined}
 */
export function parameterCount(repo) {
  if (repo.type !== 'model') {
    return undefined;
  }
  const safetensors = repo.facts?.safetensors ?? safetensorsInfo(repo);
  return safetensors?.total ?? repo.meta.gguf?.total ?? undefined;
}

/** @param {Repo} repo */
function safetensorsInfo(repo) {
  const lib = repo.library_name;
  if (lib === 'diffusers' || lib === 'peft' || !repo.siblings.some((p) => p.endsWith('.safetensors'))) {
    return undefined;
  }
  const params = repo.meta.params;
  return { parameters: { [repo.meta.dtype ?? 'F32']: params }, total: params };
}

/** @param {Repo} repo */
function baseModels(repo) {
  const bases = asList(repo.cardData?.base_model);
  if (!bases.length) {
    return undefined;
  }
  const relation = repo.tags.find((t) => t.startsWith('base_model:') && t.split(':').length === 3)?.split(':')[1] ?? 'finetune';
  return { relation, models: bases.map((id) => ({ id })) };
}

/**
 * List form of `inferenceProviderMapping` (detail bodies key it by provider).
 * @param {Record<string, { status: string, providerId: string, task: string }>} mapping
 */
function providerList(mapping) {
  return Object.entries(mapping).map(([provider, m]) => ({ provider, providerId: m.providerId, status: m.status, task: m.task }));
}

const ERRORS = /** @type {Record<string, string>} */ ({
  RUNTIME_ERROR: "Exit code: 1. Reason: ModuleNotFoundError: No module named 'torch'",
  BUILD_ERROR: 'Build failed with exit code: 1',
  CONFIG_ERROR: 'Invalid README.md metadata: sdk must be one of gradio, streamlit, docker, static',
});

/**
 * A Space whose build finishes (`settlesAfter` in special.mjs) counts the times its own details or runtime were read
 * (not lists, which other views make); after that many, it runs, on this server for good.
 * @param {Repo} repo
 */
export function noteRuntimeRead(repo) {
  const m = repo.meta;
  if (repo.type === 'space' && m.settlesAfter !== undefined) {
    m.runtimeReads = (m.runtimeReads ?? 0) + 1;
    if (m.runtimeReads > m.settlesAfter) {
      m.stage = 'RUNNING';
      m.runtime = m.runtime && { ...m.runtime, stage: 'RUNNING' };
      delete m.settlesAfter;
    }
  }
}

/**
 * `GET /api/spaces/{id}/runtime` body, with the keys the Hub answers for a Space of each SDK and stage.
 * @param {Repo} repo
 */
export function spaceRuntime(repo) {
  const m = repo.meta;
  if (m.runtime) {
    return cloneJson(m.runtime);
  }
  const stage = m.stage ?? 'RUNNING';
  const running = stage === 'RUNNING' || stage === 'RUNNING_BUILDING';
  if (m.sdk === 'static') {
    return { stage, hardware: { current: null, requested: null }, storage: null, replicas: { requested: 1, current: 1 } };
  }
  /** @type {Record<string, unknown>} */
  const runtime = {
    stage,
    hardware: { current: running ? 'cpu-basic' : null, requested: 'cpu-basic' },
    storage: null,
    gcTimeout: 172800,
    replicas: running ? { current: 1, requested: 1 } : { requested: 1 },
    devMode: false,
    domains: [{ domain: `${m.subdomain}.hf.space`, stage: 'READY' }],
  };
  if (ERRORS[stage]) {
    runtime.errorMessage = ERRORS[stage];
  }
  return runtime;
}
