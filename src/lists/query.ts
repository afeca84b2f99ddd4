import type { RepoType } from '../hub/repoId';
import { fileSize } from '../hub/format';
import { SORT_KEYS, type ListQuery, type ParamRange, type SortKey } from '../hub/types';
import { FIT_OVERHEAD } from '../localApps/quants';

export const SORT_LABELS: Record<SortKey, string> = {
  trending: 'Trending',
  downloads: 'Most downloads',
  likes: 'Most likes',
  updated: 'Recently updated',
  created: 'Recently created',
};

/** Sorts the Hub offers for a repo type: Spaces have no downloads. */
export function sortsFor(type: RepoType): SortKey[] {
  return SORT_KEYS.filter((key) => !(type === 'space' && key === 'downloads'));
}

/** Libraries offered in the model filter; the Hub has more, and any tag can be typed. */
export const LIBRARIES = [
  'transformers',
  'diffusers',
  'sentence-transformers',
  'peft',
  'timm',
  'gguf',
  'safetensors',
  'onnx',
  'transformers.js',
  'mlx',
  'keras',
  'adapter-transformers',
  'spacy',
  'setfit',
  'flair',
  'open_clip',
  'stable-baselines3',
  'speechbrain',
  'pytorch',
  'tensorflow',
  'jax',
] as const;

export const LICENSES = ['apache-2.0', 'mit', 'openrail', 'creativeml-openrail-m', 'cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'llama3.1', 'gemma', 'bsd-3-clause', 'gpl-3.0', 'other'] as const;

export const LANGUAGES: readonly [string, string][] = [
  ['en', 'English'],
  ['zh', 'Chinese'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['de', 'German'],
  ['ja', 'Japanese'],
  ['ru', 'Russian'],
  ['ar', 'Arabic'],
  ['pt', 'Portuguese'],
  ['ko', 'Korean'],
  ['hi', 'Hindi'],
  ['it', 'Italian'],
  ['multilingual', 'Multilingual'],
];

/** Parameter-count ranges offered in the model filter, as the Hub's size slider steps them. */
export const SIZES = {
  '<1B': { label: 'Under 1B parameters', range: { max: 1e9 } },
  '1-6B': { label: '1B to 6B', range: { min: 1e9, max: 6e9 } },
  '6-12B': { label: '6B to 12B', range: { min: 6e9, max: 12e9 } },
  '12-32B': { label: '12B to 32B', range: { min: 12e9, max: 32e9 } },
  '32-128B': { label: '32B to 128B', range: { min: 32e9, max: 128e9 } },
  '>128B': { label: 'Over 128B', range: { min: 128e9 } },
} as const satisfies Record<string, { label: string; range: ParamRange }>;
export type SizeKey = keyof typeof SIZES;

export const ACCESS = { gated: 'Gated only', open: 'Not gated' } as const;

/** Local apps offered in the "Runs with" filter, by their key in `@huggingface/tasks`' LOCAL_APPS (the Hub's `apps=`). */
export const APPS = {
  'llama.cpp': 'llama.cpp',
  ollama: 'Ollama',
  lmstudio: 'LM Studio',
  jan: 'Jan',
  vllm: 'vLLM',
  sglang: 'SGLang',
  'mlx-lm': 'MLX LM',
  'docker-model-runner': 'Docker Model Runner',
  localai: 'LocalAI',
  'node-llama-cpp': 'node-llama-cpp',
} as const;
export type AppKey = keyof typeof APPS;
export type AccessKey = keyof typeof ACCESS;

/** The filters a view keeps, as the user set them. */
export interface ViewFilters {
  sort: SortKey;
  task?: string;
  library?: string;
  author?: string;
  language?: string;
  license?: string;
  /** Models: a parameter-count range. */
  size?: SizeKey;
  /** Models and datasets: gated or not. */
  access?: AccessKey;
  /** Models: runs with this local app. */
  app?: AppKey;
  /** Models: small enough for this much memory (bytes) at 4-bit; the memory when the filter was set. */
  fits?: number;
  /** Models: served by this Inference Provider (its key), or by any (`all`). */
  provider?: string;
}

/** A provider key as the Hub writes them (`together`, `fireworks-ai`), or `all`: what a stored provider filter may hold. */
const PROVIDER_FILTER = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Bits per weight of the Q4_K_M quant, the size local apps default to (llama.cpp's figure). */
export const FIT_BITS = 4.89;

/**
 * The largest parameter count whose Q4_K_M weights plus 20 % for the context cache fit `memory` bytes: the rule the
 * quant picker marks as "fits" (src/localApps/quants.ts), applied to a model before its quants are known.
 */
export function paramsThatFit(memory: number): number {
  return Math.floor((memory * 8) / (FIT_BITS * FIT_OVERHEAD));
}

/** The memory the "Fits this machine" filter can hold (10 TB: more than any machine). */
const MAX_FIT_MEMORY = 1e13;

/** A size range narrowed to what fits `memory`, when set. */
function withinMemory(range: ParamRange | undefined, memory: number | undefined): ParamRange | undefined {
  if (memory === undefined) {
    return range;
  }
  const max = paramsThatFit(memory);
  return { ...range, max: Math.min(range?.max ?? Infinity, max) };
}

export const DEFAULT_FILTERS: ViewFilters = { sort: 'trending' };

/** Turns view filters into a list query; model-only filters are dropped for other types. */
export function queryFromFilters(type: RepoType, filters: ViewFilters, limit: number): ListQuery {
  const tags: string[] = [];
  if (filters.language) {
    tags.push(`language:${filters.language}`);
  }
  if (filters.license) {
    tags.push(`license:${filters.license}`);
  }
  return {
    sort: filters.sort,
    author: filters.author,
    tags,
    task: type === 'model' ? filters.task : undefined,
    library: type === 'model' ? filters.library : undefined,
    params: type === 'model' ? withinMemory(filters.size ? { ...SIZES[filters.size].range } : undefined, filters.fits) : undefined,
    gated: type !== 'space' && filters.access ? filters.access === 'gated' : undefined,
    app: type === 'model' ? filters.app : undefined,
    inferenceProvider: type === 'model' ? filters.provider : undefined,
    limit,
  };
}

/** The short text shown in a view's title bar: "Most downloads · text-generation · transformers". */
export function describeFilters(type: RepoType, filters: ViewFilters): string {
  const parts: string[] = [SORT_LABELS[filters.sort]];
  if (type === 'model' && filters.task) {
    parts.push(filters.task);
  }
  if (type === 'model' && filters.library) {
    parts.push(filters.library);
  }
  if (type === 'model' && filters.size) {
    parts.push(`${filters.size} params`);
  }
  if (type !== 'space' && filters.access) {
    parts.push(filters.access === 'gated' ? 'gated' : 'not gated');
  }
  if (type === 'model' && filters.app) {
    parts.push(`runs with ${APPS[filters.app]}`);
  }
  if (type === 'model' && filters.fits) {
    parts.push(`fits ${fileSize(filters.fits)} at 4-bit`);
  }
  if (type === 'model' && filters.provider) {
    parts.push(filters.provider === 'all' ? 'served by Inference Providers' : `served by ${filters.provider}`);
  }
  if (filters.author) {
    parts.push(`by ${filters.author}`);
  }
  if (filters.language) {
    parts.push(`language: ${filters.language}`);
  }
  if (filters.license) {
    parts.push(`license: ${filters.license}`);
  }
  return parts.join(' · ');
}

export function hasActiveFilters(filters: ViewFilters): boolean {
  return Boolean(filters.task || filters.library || filters.author || filters.language || filters.license || filters.size || filters.access || filters.app || filters.fits || filters.provider);
}

/** Reads stored filters defensively: state written by another version may have any shape. */
export function parseFilters(type: RepoType, raw: unknown): ViewFilters {
  if (!raw || typeof raw !== 'object') {
    return { ...DEFAULT_FILTERS };
  }
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() && v.length <= 200 ? v.trim() : undefined);
  const sort = sortsFor(type).includes(r.sort as SortKey) ? (r.sort as SortKey) : DEFAULT_FILTERS.sort;
  const size = typeof r.size === 'string' && Object.hasOwn(SIZES, r.size) ? (r.size as SizeKey) : undefined;
  const access = typeof r.access === 'string' && Object.hasOwn(ACCESS, r.access) ? (r.access as AccessKey) : undefined;
  const app = typeof r.app === 'string' && Object.hasOwn(APPS, r.app) ? (r.app as AppKey) : undefined;
  const fits = typeof r.fits === 'number' && Number.isFinite(r.fits) && r.fits > 0 && r.fits <= MAX_FIT_MEMORY ? r.fits : undefined;
  const provider = typeof r.provider === 'string' && PROVIDER_FILTER.test(r.provider) ? r.provider : undefined;
  return { sort, task: text(r.task), library: text(r.library), author: text(r.author), language: text(r.language), license: text(r.license), size, access, app, fits, provider };
}

/** A search the user keeps in settings (`huggingface.savedSearches`). */
export interface SavedSearch {
  label: string;
  type: RepoType;
  query: ListQuery;
}

/** Validates `huggingface.savedSearches` entries; malformed ones are reported, not fatal. */
export function parseSavedSearches(raw: unknown): { searches: SavedSearch[]; problems: string[] } {
  const searches: SavedSearch[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) {
    return { searches, problems: raw === undefined ? [] : ['huggingface.savedSearches must be a list.'] };
  }
  raw.forEach((entry, index) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const type = e.type === undefined ? 'model' : e.type;
    if (type !== 'model' && type !== 'dataset' && type !== 'space') {
      problems.push(`Saved search ${index + 1}: type must be "model", "dataset" or "space".`);
      return;
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const tags = Array.isArray(e.tags) ? e.tags.filter((t): t is string => typeof t === 'string' && t.trim().length > 0) : [];
    const query: ListQuery = {
      search: str(e.search),
      author: str(e.author),
      tags,
      task: type === 'model' ? str(e.task) : undefined,
      library: type === 'model' ? str(e.library) : undefined,
      sort: sortsFor(type).includes(e.sort as SortKey) ? (e.sort as SortKey) : undefined,
    };
    if (!query.search && !query.author && !tags.length && !query.task && !query.library) {
      problems.push(`Saved search ${index + 1}: give at least one of search, author, tags, task or library.`);
      return;
    }
    const label = str(e.label) ?? [query.search && `"${query.search}"`, query.author && `by ${query.author}`, query.task, query.library, ...tags].filter(Boolean).join(' · ');
    searches.push({ label, type, query });
  });
  return { searches, problems };
}
