// The catalog of repositories served by the test Hub, built at startup from data written for the project:
//  1. README cards under test/fixtures/generated-cards (card-writer/) and test/fixtures/authored-cards,
//  2. facts of real repos the tests name (test/fixtures/hub-facts.json: ids, dates, counts, tags, files, key orders),
//  3. synthetic models (synthetic.mjs), and optionally N scale-test models and an extra cards folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  architectureFor, arxivIds, asList, datasetCitation, datasetDescription, datasetModality, datasetRows, datasetTags, defaultWidget,
  familyFor, guessParams, guessPipeline, modelTags, spaceSubdomain, transformersInfo,
} from './derive.mjs';
import { buildFiles } from './repo-files.mjs';
import { applyOverride, HOSTILE_CODE_REPOS, hostilePlans } from './hostile.mjs';
import { ALIASES, RENAMES, REPO_SETTINGS } from './special.mjs';
import { scaleModel, syntheticModels } from './synthetic.mjs';
import { LEGACY_CREATED_AT, between, hashHex, hashInt, isoSeconds, objectId, prng } from './util.mjs';
import { parseFrontMatter } from './yaml.mjs';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** @typedef {'model' | 'dataset' | 'space'} RepoType */
/** @typedef {import('./repo-files.mjs').RepoFile} RepoFile */

/**
 * @typedef {object} Commit
 * @property {string} id
 * @property {string} title
 * @property {string} date
 */

/**
 * @typedef {object} Repo
 * @property {RepoType} type
 * @property {string} id
 * @property {string} _id
 * @property {string | undefined} author
 * @property {string} sha head of the default branch (`main`)
 * @property {Commit[]} commits newest first; commits[0].id === sha
 * @property {string} createdAt
 * @property {string} lastModified
 * @property {boolean} private
 * @property {string | undefined} owner user or organisation allowed to read it when private
 * @property {false | 'auto' | 'manual'} gated
 * @property {string[]} approved users approved for a gated repo
 * @property {boolean} disabled
 * @property {number} downloads last 30 days
 * @property {number} downloadsAllTime
 * @property {number} likes
 * @property {number} trendingScore
 * @property {string[]} tags
 * @property {string | undefined} pipeline_tag
 * @property {string | undefined} library_name
 * @property {Record<string, unknown> | null} cardData
 * @property {string[]} siblings file paths, sorted as the Hub lists them
 * @property {'card' | 'authored' | 'synthetic' | 'scale' | 'extra'} origin
 * @property {Record<string, any>} meta type-specific data (architecture, sizes, runtime, …)
 * @property {Facts | undefined} facts what the real Hub says of this repo (hub-facts.json), detail key order included
 * @property {Record<string, any>} recordedExtra keys the real Hub answers with `expand` (e.g. inferenceProviderMapping)
 * @property {() => string} readme
 * @property {() => RepoFile[]} files
 */

/**
 * @typedef {object} CatalogOptions
 * @property {string} [cardsDir] extra `<type>/<owner>/<name>/README.md` cards, overriding existing repos
 * @property {number} [syntheticModels] number of scale-test models to add
 * @property {boolean} [hostile] add the hostile repos of hostile.mjs
 */

export class Catalog {
  constructor() {
    /** @type {Map<string, Repo>} */
    this.repos = new Map();
    /** @type {Map<string, string>} `type:oldId` → new id */
    this.renames = new Map();
    /** @type {Map<string, string>} `type:legacyId` → the repo it serves as-is, under the legacy id */
    this.aliases = new Map();
    /** @type {Map<string, Repo[]>} */
    this.byType = new Map();
    /** @type {Map<string, Repo[]>} */
    this.sortCache = new Map();
    /** @type {Map<string, number>} `type:id` → number of models whose card names it as `base_model` */
    this.children = new Map();
  }

  /** @param {Repo} repo */
  add(repo) {
    this.repos.set(`${repo.type}:${repo.id}`, repo);
    this.byType.clear();
    this.sortCache.clear();
  }

  /**
   * @param {RepoType} type
   * @param {string} id
   */
  get(type, id) {
    return this.repos.get(`${type}:${id}`);
  }

  /**
   * Every repo of a type, in catalog order.
   * @param {RepoType} type
   */
  all(type) {
    let list = this.byType.get(type);
    if (!list) {
      list = [...this.repos.values()].filter((r) => r.type === type);
      this.byType.set(type, list);
    }
    return list;
  }

  /**
   * Repos of a type sorted by a key, descending (ties by id); cached.
   * @param {RepoType} type
   * @param {string} key
   * @param {(repo: Repo) => number | string} value
   */
  sorted(type, key, value) {
    const cacheKey = `${type}:${key}`;
    let list = this.sortCache.get(cacheKey);
    if (!list) {
      const keyed = this.all(type).map((repo) => ({ repo, v: value(repo) }));
      keyed.sort((a, b) => (a.v < b.v ? 1 : a.v > b.v ? -1 : a.repo.id < b.repo.id ? -1 : 1));
      list = keyed.map((k) => k.repo);
      this.sortCache.set(cacheKey, list);
    }
    return list;
  }

  /** Number of repos per type. */
  counts() {
    return { models: this.all('model').length, datasets: this.all('dataset').length, spaces: this.all('space').length };
  }
}

/**
 * @param {CatalogOptions} [options]
 */
export function loadCatalog(options = {}) {
  const catalog = new Catalog();
  const known = loadFacts();
  for (const dir of ['generated-cards', 'authored-cards']) {
    for (const card of walkCards(path.join(FIXTURES, dir))) {
      catalog.add(repoFromCard(card, dir === 'generated-cards' ? 'card' : 'authored', known));
    }
  }
  for (const plan of syntheticModels()) {
    catalog.add(repoFromPlan(plan, 'synthetic'));
  }
  for (const plan of options.hostile ? hostilePlans() : []) {
    catalog.add(applyOverride(repoFromPlan(plan, 'synthetic'), plan));
  }
  if (options.cardsDir) {
    for (const card of walkCards(path.resolve(options.cardsDir))) {
      catalog.add(repoFromCard(card, 'extra', null));
    }
  }
  for (let i = 0; i < (options.syntheticModels ?? 0); i++) {
    catalog.add(repoFromPlan(scaleModel(i), 'scale'));
  }
  Object.entries(options.hostile ? HOSTILE_CODE_REPOS.renames : {}).forEach(([from, to]) => catalog.renames.set(`model:${from}`, to));
  for (const [type, renames] of Object.entries(RENAMES)) {
    for (const [from, to] of Object.entries(renames)) {
      catalog.renames.set(`${type}:${from}`, to);
    }
  }
  for (const [type, aliases] of Object.entries(ALIASES)) {
    for (const [id, target] of Object.entries(aliases)) {
      catalog.aliases.set(`${type}:${id}`, target);
    }
  }
  linkRepos(catalog);
  return catalog;
}

/**
 * @typedef {object} Facts what the real Hub answers for a repo, without its prose (hub-facts.json)
 * @property {string[]} keys the keys of its default detail body, in the Hub's order
 * @property {string} _id
 * @property {string} sha
 * @property {string} lastModified
 * @property {string} [createdAt]
 * @property {number} [downloads]
 * @property {number} likes
 * @property {false | 'auto' | 'manual'} [gated]
 * @property {boolean} [disabled]
 * @property {string} [inference]
 * @property {string} [pipeline_tag]
 * @property {string} [library_name]
 * @property {string} [mask_token]
 * @property {string[]} tags
 * @property {string[]} siblings
 * @property {{ architectures?: string[], model_type?: string, tokenizer_config?: Record<string, unknown>, chat_template?: number, diffusers?: Record<string, unknown> }} [config]
 *   `chat_template` is where the tokenizer config lists its chat template (the template itself is written here)
 * @property {{ parameters: Record<string, number>, total: number }} [safetensors]
 * @property {number} [usedStorage]
 * @property {string} [subdomain]
 * @property {string} [sdk]
 * @property {string[]} [models]
 * @property {string[]} [datasets]
 * @property {Record<string, unknown>} [runtime]
 *
 * @typedef {object} Known
 * @property {Map<string, Facts>} details facts of repos by `type:id`
 * @property {Map<string, Record<string, any>[]>} partials what `?expand=` answers for a repo, by `type:id`
 */

/**
 * The facts of real repos the tests name (test/fixtures/hub-facts.json).
 * @returns {Known}
 */
function loadFacts() {
  const facts = JSON.parse(readFileSync(path.join(FIXTURES, 'hub-facts.json'), 'utf8'));
  return {
    details: new Map(Object.entries(facts.details)),
    partials: new Map(Object.entries(facts.expand).map(([key, body]) => [key, [body]])),
  };
}

/**
 * @typedef {object} CardFile
 * @property {RepoType} type
 * @property {string} id
 * @property {string} file
 */

/**
 * Finds `<models|datasets|spaces>/[<owner>/]<name>/README.md` files.
 * @param {string} root
 * @returns {CardFile[]}
 */
function walkCards(root) {
  /** @type {CardFile[]} */
  const cards = [];
  /** @type {[string, RepoType][]} */
  const types = [
    ['models', 'model'],
    ['datasets', 'dataset'],
    ['spaces', 'space'],
  ];
  for (const [folder, type] of types) {
    const base = path.join(root, folder);
    if (!existsSync(base)) {
      continue;
    }
    for (const first of readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const firstDir = path.join(base, first.name);
      if (existsSync(path.join(firstDir, 'README.md'))) {
        cards.push({ type, id: first.name, file: path.join(firstDir, 'README.md') });
      }
      for (const second of readdirSync(firstDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
        const file = path.join(firstDir, second.name, 'README.md');
        if (existsSync(file)) {
          cards.push({ type, id: `${first.name}/${second.name}`, file });
        }
      }
    }
  }
  return cards.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * @typedef {object} Source what the builders need about a repo, whatever it comes from
 * @property {RepoType} type
 * @property {string} id
 * @property {Record<string, unknown> | null} cardData
 * @property {() => string} readme
 * @property {string} body card text after the front matter ('' when not yet written)
 * @property {Repo['origin']} origin
 * @property {string[] | undefined} siblings
 * @property {Record<string, any>} meta
 * @property {string | undefined} createdAt
 */

/**
 * @param {CardFile} card
 * @param {Repo['origin']} origin
 * @param {Known | null} known null for extra cards, which replace a repo entirely
 */
function repoFromCard(card, origin, known) {
  const text = readFileSync(card.file, 'utf8');
  const { data, body } = parseFrontMatter(text);
  const key = `${card.type}:${card.id}`;
  const settings = REPO_SETTINGS[key] ?? {};
  /** @type {Source} */
  const src = {
    type: card.type,
    id: card.id,
    cardData: data,
    readme: () => text,
    body,
    origin,
    siblings: settings.siblings,
    meta: { ...settings.meta },
    createdAt: undefined,
  };
  const detail = known?.details.get(key);
  const repo = detail ? repoFromFacts(src, detail) : build(src);
  for (const partial of known?.partials.get(key) ?? []) {
    mergePartial(repo, partial);
  }
  return applySettings(repo, settings);
}

/**
 * @param {import('./synthetic.mjs').Plan} plan
 * @param {Repo['origin']} origin
 */
function repoFromPlan(plan, origin) {
  let text = '';
  const readme = () => (text ||= `---\n${toYaml(plan.cardData)}---\n\n${plan.body()}`);
  const repo = build({
    type: plan.type,
    id: plan.id,
    cardData: plan.cardData,
    readme,
    body: '',
    origin,
    siblings: plan.siblings,
    meta: plan.meta,
    createdAt: plan.createdAt,
  });
  Object.assign(repo.recordedExtra, plan.recordedExtra);
  return repo;
}

/** @param {Source} src */
function build(src) {
  if (src.type === 'model') {
    return buildModel(src);
  }
  return src.type === 'dataset' ? buildDataset(src) : buildSpace(src);
}

/**
 * Fields every repo type shares, with deterministic dates, counts and commits.
 * @param {Source} src
 * @param {{ createdAt?: string, popularity: number }} defaults repos without a creation date get one in 2024–2025
 * @returns {Repo}
 */
function baseRepo(src, defaults) {
  const rand = prng(`repo:${src.type}:${src.id}`);
  const createdAt =
    src.createdAt ?? defaults.createdAt ?? isoSeconds(Date.parse('2024-01-01T00:00:00Z') + rand() * 500 * 86_400_000);
  const start = Math.max(Date.parse(createdAt), Date.parse('2021-01-01T00:00:00Z'));
  const lastModified = isoSeconds(start + rand() * (Date.parse('2025-10-01T00:00:00Z') - start));
  const downloads = Math.floor(Math.pow(10, defaults.popularity + rand() * 2.5));
  const likes = Math.floor(Math.pow(downloads, 0.45) * (0.2 + rand()));
  const sha = hashHex(`commit:${src.type}:${src.id}`);
  /** @type {Repo} */
  const repo = {
    type: src.type,
    id: src.id,
    _id: objectId(createdAt, `${src.type}:${src.id}`),
    author: src.id.includes('/') ? src.id.slice(0, src.id.indexOf('/')) : undefined,
    sha,
    commits: commitsFor(sha, createdAt, lastModified),
    createdAt,
    lastModified,
    private: false,
    owner: undefined,
    gated: false,
    approved: [],
    disabled: false,
    downloads,
    downloadsAllTime: downloads * between(rand, 3, 40),
    likes,
    trendingScore: 0,
    tags: [],
    pipeline_tag: undefined,
    library_name: undefined,
    cardData: src.cardData,
    siblings: [],
    origin: src.origin,
    meta: { ...src.meta },
    facts: undefined,
    recordedExtra: {},
    readme: src.readme,
    files: () => [],
  };
  repo.trendingScore = trendingScore(repo, rand);
  let files = /** @type {RepoFile[] | undefined} */ (undefined);
  repo.files = () => (files ??= buildFiles(repo));
  return repo;
}

/**
 * Likes weighted by recency, plus noise: recent, liked repos trend.
 * @param {Pick<Repo, 'likes' | 'createdAt'>} repo
 * @param {() => number} rand
 */
function trendingScore(repo, rand) {
  const recency = repo.createdAt >= '2024-01-01' ? 1 : 0.1;
  return Math.round(Math.pow(rand(), 3) * 15 + (repo.likes * recency) / 60);
}

/**
 * Three commits: the initial one, an upload, and the head (`sha`).
 * @param {string} sha
 * @param {string} createdAt
 * @param {string} lastModified
 * @returns {Commit[]}
 */
function commitsFor(sha, createdAt, lastModified) {
  const middle = isoSeconds((Date.parse(createdAt) + Date.parse(lastModified)) / 2);
  return [
    { id: sha, title: 'Update README.md', date: lastModified },
    { id: hashHex(`${sha}:1`), title: 'Upload folder using huggingface_hub', date: middle },
    { id: hashHex(`${sha}:2`), title: 'initial commit', date: createdAt },
  ];
}

/** @param {Source} src */
function buildModel(src) {
  const card = src.cardData ?? {};
  const family = familyFor(src.id);
  const meta = src.meta;
  const legacy = src.origin === 'card' && !src.createdAt;
  const library =
    stringOr(card.library_name) ??
    meta.library ??
    (src.id.startsWith('sentence-transformers/') ? 'sentence-transformers' : src.origin === 'card' ? 'transformers' : undefined);
  const usesFamily = (library === 'transformers' || library === 'sentence-transformers') && !meta.modelType;
  const pipeline = stringOr(card.pipeline_tag) ?? meta.pipeline ?? (usesFamily ? guessPipeline(src.id, family) : undefined);
  const repo = baseRepo(src, {
    createdAt: src.origin === 'card' ? LEGACY_CREATED_AT : undefined,
    popularity: popularity(src),
  });
  const m = repo.meta;
  if (usesFamily) {
    Object.assign(m, {
      modelType: family.modelType,
      architectures: [architectureFor(family, pipeline ?? '')],
      hidden: family.hidden,
      layers: family.layers,
      heads: family.heads,
      vocab: family.vocab,
      tokenizer: family.tokenizer,
      mask: family.mask,
    });
  }
  m.params ??= guessParams(src.id, family);
  m.dtype ??= 'F32';
  m.tokenizer ??= 'bpe';
  m.inference ??= legacy && isCanonical(src.id) ? 'warm' : undefined;
  repo.siblings = src.siblings ?? legacySiblings(src.id, m, library);
  repo.library_name = library;
  repo.pipeline_tag = pipeline;
  const extraTags = [];
  if (m.chatTemplate) {
    extraTags.push('conversational');
  }
  if (m.customCode) {
    extraTags.push('custom_code');
  }
  if (library === 'diffusers' && repo.siblings.includes('model_index.json')) {
    extraTags.push(`diffusers:${m.diffusersClass ?? 'StableDiffusionPipeline'}`);
  }
  repo.tags = modelTags({ library, paths: repo.siblings, modelType: m.modelType, pipeline, cardData: src.cardData, extraTags, arxiv: arxivIds(src.body) });
  if ((library === 'transformers' || library === 'sentence-transformers') && pipeline) {
    m.transformersInfo = transformersInfo(pipeline);
    m.widgetData = asArray(card.widget) ?? defaultWidget(pipeline, m.mask ?? null);
  } else if (card.widget) {
    m.widgetData = asArray(card.widget);
  }
  return repo;
}

/**
 * The files of a 2020-era transformers model: weights in several frameworks, a tokenizer of its family.
 * @param {string} id
 * @param {Record<string, any>} meta
 * @param {string | undefined} library
 */
function legacySiblings(id, meta, library) {
  const rand = prng(`files:${id}`);
  const files = ['.gitattributes', 'README.md', 'config.json', 'pytorch_model.bin'];
  if (rand() < 0.55) {
    files.push('tf_model.h5');
  }
  if (rand() < 0.25) {
    files.push('flax_model.msgpack');
  }
  if (rand() < 0.6) {
    files.push('model.safetensors');
  }
  if (isCanonical(id)) {
    files.push('rust_model.ot');
  }
  if (meta.tokenizer === 'wordpiece') {
    files.push('vocab.txt');
  } else if (meta.tokenizer === 'bpe') {
    files.push('vocab.json', 'merges.txt');
  } else {
    files.push(/xlm-roberta|camembert/.test(meta.modelType) ? 'sentencepiece.bpe.model' : 'spiece.model');
  }
  if (rand() < 0.7) {
    files.push('tokenizer_config.json', 'special_tokens_map.json');
  }
  if (rand() < 0.5) {
    files.push('tokenizer.json');
  }
  if (library === 'sentence-transformers') {
    files.push('1_Pooling/config.json', 'config_sentence_transformers.json', 'modules.json', 'sentence_bert_config.json');
  }
  return files.sort();
}

/**
 * Order of magnitude of a model's downloads: canonical and well-known real models are popular, test and
 * synthetic ones much less.
 * @param {Source} src
 */
function popularity(src) {
  if (src.origin === 'card') {
    return isCanonical(src.id) ? 5 : 1.5;
  }
  if (src.origin === 'authored') {
    return src.id.startsWith('hub-test') ? 1 : 4.5;
  }
  return 2;
}

/** Canonical models moved into organisations in 2024 (their old ids redirect). */
const CANONICAL_ORGS = new Set(['google-bert', 'openai-community', 'distilbert', 'FacebookAI', 'google-t5', 'albert', 'almanach']);

/** @param {string} id */
function isCanonical(id) {
  return CANONICAL_ORGS.has(id.slice(0, id.indexOf('/'))) || !id.includes('/');
}

/** @param {Source} src */
function buildDataset(src) {
  const card = src.cardData ?? {};
  const canonical = src.origin === 'card';
  const repo = baseRepo(src, { createdAt: canonical ? '2022-03-02T23:29:22.000Z' : undefined, popularity: canonical ? 3.5 : 1 });
  const modality = datasetModality(src.cardData);
  const m = repo.meta;
  m.modality = modality;
  m.numRows ??= datasetRows(src.cardData, src.id);
  m.rowBytes ??= modality === 'audio' ? 60_000 : modality === 'image' ? 110_000 : 600;
  m.description = datasetDescription(src.body);
  m.citation = datasetCitation(src.body);
  m.paperswithcode_id = stringOr(card.paperswithcode_id);
  repo.tags = datasetTags(src.cardData, arxivIds(src.body), modality);
  repo.siblings = src.siblings ?? datasetSiblings(src.id, src.cardData, m);
  return repo;
}

/**
 * Parquet shards per config and split, sized from the row count.
 * @param {string} id
 * @param {Record<string, unknown> | null} cardData
 * @param {Record<string, any>} meta
 */
function datasetSiblings(id, cardData, meta) {
  const rand = prng(`files:${id}`);
  const configs = asList(cardData?.configs).filter((c) => !c.startsWith('[object')).slice(0, 6);
  const folders = configs.length ? configs : ['data'];
  const splits = rand() < 0.3 ? ['train', 'test'] : ['train', 'validation', 'test'];
  const totalBytes = meta.numRows * meta.rowBytes;
  const shards = Math.min(8, Math.max(1, Math.ceil(totalBytes / folders.length / 500e6)));
  const files = ['.gitattributes', 'README.md'];
  const pad = (/** @type {number} */ n) => String(n).padStart(5, '0');
  for (const folder of folders) {
    for (const split of splits) {
      const n = split === 'train' ? shards : 1;
      for (let k = 0; k < n; k++) {
        files.push(`${folder}/${split}-${pad(k)}-of-${pad(n)}.parquet`);
      }
    }
  }
  return files.sort();
}

/** Runtime stages assigned to Spaces that have none set, weighted like a real listing. */
const STAGES = ['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'SLEEPING', 'SLEEPING', 'PAUSED', 'RUNTIME_ERROR'];

/** @param {Source} src */
function buildSpace(src) {
  const card = src.cardData ?? {};
  const repo = baseRepo(src, { popularity: 0.5 });
  const sdk = stringOr(card.sdk) ?? 'gradio';
  const m = repo.meta;
  m.sdk = sdk;
  m.subdomain = spaceSubdomain(src.id);
  m.models = asList(card.models);
  m.datasets = asList(card.datasets);
  m.stage ??= STAGES[hashInt(`stage:${src.id}`) % STAGES.length];
  repo.tags = [...new Set([sdk, ...asList(card.tags), 'region:us'])];
  const appFile = stringOr(card.app_file) ?? 'app.py';
  const sdkFiles = /** @type {Record<string, string[]>} */ ({
    gradio: [appFile, 'requirements.txt'],
    streamlit: [appFile, 'requirements.txt'],
    docker: ['Dockerfile', appFile, 'requirements.txt'],
    static: ['index.html', 'style.css'],
  });
  repo.siblings = src.siblings ?? ['.gitattributes', 'README.md', ...(sdkFiles[sdk] ?? [appFile])].sort();
  return repo;
}

/**
 * A repo the real Hub was seen to serve: identity, dates, counts, tags, files and sizes come from its facts.
 * @param {Source} src
 * @param {Facts} facts
 */
function repoFromFacts(src, facts) {
  const createdAt = facts.createdAt ?? dateOfObjectId(facts._id);
  // The library and task the Hub reports decide the derived fields (widget, transformersInfo) as for any card.
  const meta = { ...src.meta, library: facts.library_name ?? src.meta.library, pipeline: facts.pipeline_tag ?? src.meta.pipeline };
  const repo = build({ ...src, createdAt, siblings: facts.siblings, meta });
  Object.assign(repo, {
    _id: facts._id,
    sha: facts.sha,
    commits: commitsFor(facts.sha, createdAt, facts.lastModified),
    lastModified: facts.lastModified,
    tags: facts.tags,
    gated: facts.gated ?? false,
    disabled: facts.disabled ?? false,
    likes: facts.likes,
    facts,
  });
  repo.trendingScore = trendingScore(repo, prng(`trending:${repo.id}`));
  if (src.type === 'model') {
    const config = facts.config ?? {};
    Object.assign(repo, { downloads: facts.downloads ?? repo.downloads, pipeline_tag: facts.pipeline_tag, library_name: facts.library_name });
    repo.downloadsAllTime = repo.downloads * 12;
    const parameters = Object.entries(facts.safetensors?.parameters ?? {}).sort((a, b) => Number(b[1]) - Number(a[1]));
    Object.assign(repo.meta, {
      modelType: config.model_type ?? repo.meta.modelType,
      architectures: config.architectures ?? repo.meta.architectures,
      params: facts.safetensors?.total ?? repo.meta.params,
      dtype: parameters[0]?.[0] ?? repo.meta.dtype,
      chatTemplate: config.chat_template === undefined ? undefined : CHAT_TEMPLATE,
      tokenizer: repo.siblings.includes('vocab.txt') ? 'wordpiece' : repo.siblings.includes('merges.txt') ? 'bpe' : 'sentencepiece',
      diffusersClass: config.diffusers?._class_name,
      inference: facts.inference ?? repo.meta.inference,
    });
  } else if (src.type === 'space') {
    Object.assign(repo.meta, { sdk: facts.sdk, subdomain: facts.subdomain, stage: facts.runtime?.stage, runtime: facts.runtime });
  }
  return repo;
}

/** The chat template of chat models known from facts: written here, in the Jinja dialect templates use. */
export const CHAT_TEMPLATE =
  "{%- for message in messages %}{{- '<|' + message['role'] + '|>\\n' + message['content'] + eos_token + '\\n' }}{%- endfor %}" +
  "{%- if add_generation_prompt %}{{- '<|assistant|>\\n' }}{%- endif %}";

/**
 * Keys the Hub answers with `?expand=` for a repo (hub-facts.json): its real `_id` (and so its creation date), and values such as
 * `inferenceProviderMapping` that the catalog cannot derive.
 * @param {Repo} repo
 * @param {Record<string, any>} body
 */
function mergePartial(repo, body) {
  for (const [key, value] of Object.entries(body)) {
    if (key === '_id' && !repo.facts) {
      repo._id = value;
      repo.createdAt = dateOfObjectId(value);
      repo.commits = commitsFor(repo.sha, repo.createdAt, repo.lastModified);
      repo.trendingScore = trendingScore(repo, prng(`trending:${repo.id}`));
    } else if (key !== '_id' && key !== 'id') {
      repo.recordedExtra[key] = value;
    }
  }
}

/**
 * @param {Repo} repo
 * @param {import('./special.mjs').RepoSettings} settings
 */
function applySettings(repo, settings) {
  if (settings.private !== undefined) {
    repo.private = settings.private;
  }
  repo.owner = settings.owner ?? repo.author;
  if (settings.gated !== undefined) {
    repo.gated = settings.gated;
  }
  repo.approved = settings.approved ?? [];
  if (settings.disabled !== undefined) {
    repo.disabled = settings.disabled;
  }
  if (settings.stage) {
    repo.meta.stage = settings.stage;
  }
  if (settings.settlesAfter !== undefined) {
    repo.meta.settlesAfter = settings.settlesAfter;
  }
  return repo;
}

/**
 * Cross-links: which Spaces use a model or dataset, and how many models derive from each model.
 * @param {Catalog} catalog
 */
function linkRepos(catalog) {
  for (const space of catalog.all('space')) {
    for (const [type, ids] of /** @type {[RepoType, string[]][]} */ ([
      ['model', space.meta.models],
      ['dataset', space.meta.datasets],
    ])) {
      for (const id of ids) {
        const used = catalog.get(type, id);
        if (used) {
          (used.meta.spaces ??= []).push(space.id);
        }
      }
    }
  }
  for (const model of catalog.all('model')) {
    for (const base of asList(model.cardData?.base_model)) {
      catalog.children.set(`model:${base}`, (catalog.children.get(`model:${base}`) ?? 0) + 1);
    }
  }
}

/**
 * Creation time encoded in a Mongo ObjectId.
 * @param {string} id
 */
function dateOfObjectId(id) {
  return isoSeconds(parseInt(id.slice(0, 8), 16) * 1000);
}

/**
 * @param {unknown} value
 * @returns {string | undefined}
 */
function stringOr(value) {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * @param {unknown} value
 * @returns {unknown[] | undefined}
 */
function asArray(value) {
  return Array.isArray(value) ? value : undefined;
}

/**
 * Minimal YAML writer for synthetic front matter (scalars, lists of scalars, nested maps and lists).
 * @param {unknown} value
 * @param {string} [indent]
 * @returns {string}
 */
function toYaml(value, indent = '') {
  let out = '';
  for (const [key, v] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
    if (v === undefined) {
      continue;
    }
    if (Array.isArray(v)) {
      out += `${indent}${key}:\n`;
      for (const item of v) {
        if (item && typeof item === 'object') {
          const nested = toYaml(item, `${indent}  `);
          out += `${indent}- ${nested.slice(indent.length + 2)}`;
        } else {
          out += `${indent}- ${yamlScalar(item)}\n`;
        }
      }
    } else if (v && typeof v === 'object') {
      out += `${indent}${key}:\n${toYaml(v, `${indent}  `)}`;
    } else {
      out += `${indent}${key}: ${yamlScalar(v)}\n`;
    }
  }
  return out;
}

/** @param {unknown} v */
function yamlScalar(v) {
  if (typeof v !== 'string') {
    return String(v);
  }
  return /^[\w./ -]+$/.test(v) && !/^(true|false|null|~|yes|no|[-+]?[\d.]+)$/i.test(v) && !/^[-\s]|\s$/.test(v) ? v : JSON.stringify(v);
}
