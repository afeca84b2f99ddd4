import { HubError } from './errors';
import { apiCollection, isValidRepoId, type RepoType } from './repoId';
import type { GatedState, ListQuery, ParamRange, RepoSummary, SortKey } from './types';
import type { ApiModelListItem, ApiRepoListItem, ApiSpaceListItem } from './wire';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const SORT_WIRE: Record<SortKey, string> = {
  trending: 'trendingScore',
  downloads: 'downloads',
  likes: 'likes',
  updated: 'lastModified',
  created: 'createdAt',
};

/** The fields each list asks for with `expand`: what a tree item and its tooltip show, and nothing heavier. */
export const LIST_EXPAND: Record<RepoType, readonly string[]> = {
  model: ['author', 'pipeline_tag', 'library_name', 'private', 'gated', 'downloads', 'likes', 'tags', 'lastModified', 'createdAt', 'safetensors'],
  dataset: ['author', 'private', 'gated', 'downloads', 'likes', 'tags', 'lastModified', 'createdAt'],
  space: ['author', 'sdk', 'runtime', 'private', 'likes', 'tags', 'lastModified', 'createdAt'],
};

/** URL of the first page of a list. Filters that a repo type does not have are left out. */
export function listUrl(endpoint: string, type: RepoType, query: ListQuery = {}): string {
  const params = new URLSearchParams();
  if (query.search?.trim()) {
    params.set('search', query.search.trim());
  }
  if (query.author?.trim()) {
    params.set('author', query.author.trim());
  }
  for (const tag of query.tags ?? []) {
    if (tag.trim()) {
      params.append('filter', tag.trim());
    }
  }
  if (type === 'model' && query.task) {
    params.set('pipeline_tag', query.task);
  }
  if (type === 'model' && query.library) {
    params.append('filter', query.library);
  }
  const range = type === 'model' ? paramRangeWire(query.params) : undefined;
  if (range) {
    params.set('num_parameters', range);
  }
  if (type !== 'space' && query.gated !== undefined) {
    params.set('gated', String(query.gated));
  }
  if (type === 'model' && query.app?.trim()) {
    params.set('apps', query.app.trim());
  }
  if (type === 'model' && query.inferenceProvider?.trim()) {
    params.set('inference_provider', query.inferenceProvider.trim());
  }
  params.set('sort', SORT_WIRE[query.sort ?? 'trending']);
  params.set('limit', String(Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE)));
  for (const key of LIST_EXPAND[type]) {
    params.append('expand[]', key);
  }
  return `${endpoint}/api/${apiCollection(type)}?${params.toString()}`;
}

/** `min:1B,max:6B` as the Hub's `num_parameters` takes it (whole parameters, or B/M for round ones); undefined when open. */
export function paramRangeWire(range: ParamRange | undefined): string | undefined {
  const bound = (n: number | undefined) => (n === undefined || !Number.isFinite(n) || n < 0 ? undefined : n % 1e9 === 0 ? `${n / 1e9}B` : n % 1e6 === 0 ? `${n / 1e6}M` : String(Math.round(n)));
  const parts = [['min', bound(range?.min)], ['max', bound(range?.max)]].filter(([, v]) => v !== undefined && !(v === '0B' || v === '0')).map(([k, v]) => `${k}:${v}`);
  return parts.length ? parts.join(',') : undefined;
}

/** The `rel="next"` URL of a `Link` header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) {
    return undefined;
  }
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match && /(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2])) {
      return match[1];
    }
  }
  return undefined;
}

/**
 * Turns a list response body into summaries; anything that is not an array of repo objects is a bad response. Items
 * whose id is not a valid repo id are left out: list rows and quick picks show only ids the Hub itself would accept.
 */
export function parseListBody(type: RepoType, body: unknown, host: string): RepoSummary[] {
  if (!Array.isArray(body)) {
    throw new HubError('badResponse', `${host} sent a list in an unexpected shape.`);
  }
  const items: RepoSummary[] = [];
  const seen = new Set<string>();
  for (const raw of body) {
    const summary = toSummary(type, raw);
    if (summary && !seen.has(summary.id) && isValidRepoId(summary.id)) {
      seen.add(summary.id);
      items.push(summary);
    }
  }
  if (body.length > 0 && items.length === 0) {
    throw new HubError('badResponse', `${host} sent list items in an unexpected shape.`);
  }
  return items;
}

/** Maps one wire item; returns undefined for an item without a usable id. Unknown and mistyped fields are ignored. */
export function toSummary(type: RepoType, raw: unknown): RepoSummary | undefined {
  if (!raw || typeof raw !== 'object' || typeof (raw as ApiRepoListItem).id !== 'string') {
    return undefined;
  }
  const item = raw as ApiModelListItem & ApiSpaceListItem;
  const summary: RepoSummary = {
    type,
    id: item.id,
    author: str(item.author) ?? (item.id.includes('/') ? item.id.split('/')[0] : undefined),
    private: item.private === true,
    gated: gated(item.gated),
    downloads: num(item.downloads),
    likes: num(item.likes) ?? 0,
    tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    lastModified: date(item.lastModified),
    createdAt: date(item.createdAt),
  };
  if (type === 'model') {
    summary.task = str(item.pipeline_tag);
    summary.library = str(item.library_name);
    const params = parameterCount(item);
    if (params !== undefined) {
      summary.params = params;
    }
  }
  if (type === 'space') {
    summary.sdk = str(item.sdk);
    summary.stage = str(item.runtime?.stage);
  }
  return summary;
}

function gated(value: unknown): GatedState {
  if (value === 'auto' || value === 'manual') {
    return value;
  }
  return value === true ? 'auto' : false;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A model's parameter count from its `safetensors` total, else its `gguf` total; anything but a positive whole number is unknown. */
export function parameterCount(body: { safetensors?: unknown; gguf?: unknown }): number | undefined {
  const total = (field: unknown) => {
    const value = typeof field === 'object' && field !== null ? (field as { total?: unknown }).total : undefined;
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
  };
  return total(body.safetensors) ?? total(body.gguf);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
