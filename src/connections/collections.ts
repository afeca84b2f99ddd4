/**
 * The Hub's collections: curated lists of models, datasets, Spaces, papers and other collections, by a user or an
 * organisation (`GET /api/collections?…` lists them, at most four items each; `GET /api/collections/{slug}` has them
 * all). Parsed defensively: every id is checked for what it claims to be, every string is the Hub's and shown as
 * text, without bidi controls. No `vscode` import.
 */
import { groupedNumber, hubText } from '../hub/format';
import { isRepoType, repoIdProblem, type RepoType } from '../hub/repoId';
import { isArxivId } from './papers';

/** Collections a list asks for: one page. */
export const COLLECTION_PAGE = 20;
/** Items of one collection shown at most (the Hub caps collections far lower). */
export const MAX_ITEMS = 1_000;
const MAX_TEXT = 500;

/** `owner/title-words-<24 hex>`: the form of the Hub's collection slugs. */
const SLUG = /^[\w.-]{1,96}\/[\w.-]{1,200}$/;

export function isCollectionSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG.test(value) && !value.includes('..');
}

export type CollectionItem =
  | { kind: 'repo'; type: RepoType; id: string; note?: string; description?: string }
  | { kind: 'paper'; id: string; title: string; note?: string; description?: string }
  | { kind: 'collection'; slug: string; title: string; note?: string; description?: string };

/** What a card names of a collection that holds its repo. */
export type CardCollection = { slug: string; title: string; owner?: string };

export interface CollectionView {
  slug: string;
  title: string;
  owner?: string;
  description?: string;
  upvotes?: number;
  /** ISO 8601. */
  updated?: string;
  private: boolean;
  items: CollectionItem[];
}

function text(value: unknown, max = MAX_TEXT): string | undefined {
  return hubText(value, max, true);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function join(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter(Boolean);
  return present.length ? present.join(' · ') : undefined;
}

/** One item, or undefined for an item whose type or id is not what it claims. */
export function parseItem(raw: unknown): CollectionItem | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const note = text((r.note as { text?: unknown } | undefined)?.text);
  if (isRepoType(r.type)) {
    if (typeof r.id !== 'string' || repoIdProblem(r.id)) {
      return undefined;
    }
    const likes = count(r.likes);
    const downloads = count(r.downloads);
    const what = r.type === 'model' ? text(r.pipeline_tag, 60) : r.type === 'space' ? text(r.title, 120) : undefined;
    return {
      kind: 'repo',
      type: r.type,
      id: r.id,
      note,
      description: join(what, downloads === undefined ? undefined : `↓ ${groupedNumber(downloads)}`, likes === undefined ? undefined : `♥ ${groupedNumber(likes)}`),
    };
  }
  if (r.type === 'paper') {
    const title = text(r.title, 300);
    const upvotes = count(r.upvotes);
    return isArxivId(r.id) && title ? { kind: 'paper', id: r.id, title, note, description: join(`arXiv:${r.id}`, upvotes === undefined ? undefined : `▲ ${upvotes}`) } : undefined;
  }
  if (r.type === 'collection') {
    const title = text(r.title, 300);
    const n = count(r.numberItems);
    return isCollectionSlug(r.slug) && title ? { kind: 'collection', slug: r.slug, title, note, description: n === undefined ? undefined : `${n} item${n === 1 ? '' : 's'}` } : undefined;
  }
  return undefined;
}

/** One collection, or undefined when its slug or title is missing. Items in another shape are left out. */
export function parseCollection(raw: unknown): CollectionView | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const title = text(r.title, 300);
  if (!isCollectionSlug(r.slug) || !title) {
    return undefined;
  }
  const owner = r.owner && typeof r.owner === 'object' ? text((r.owner as { name?: unknown }).name, 100) : undefined;
  const updated = typeof r.lastUpdated === 'string' && !Number.isNaN(Date.parse(r.lastUpdated)) ? new Date(r.lastUpdated).toISOString() : undefined;
  const rawItems = Array.isArray(r.items) ? r.items.slice(0, MAX_ITEMS) : [];
  return {
    slug: r.slug,
    title,
    owner,
    description: text(r.description),
    upvotes: count(r.upvotes),
    updated,
    private: r.private === true,
    items: rawItems.map(parseItem).filter((i): i is CollectionItem => i !== undefined),
  };
}

/** A list answer: the collections in a valid shape. */
export function parseCollections(raw: unknown): CollectionView[] {
  return Array.isArray(raw) ? raw.map(parseCollection).filter((c): c is CollectionView => c !== undefined) : [];
}

export type CollectionSort = 'trending' | 'upvotes' | 'lastModified';

/** The list request (`collections?…`): a search, the collections of an owner, or those holding an item. */
export function collectionsPath(query: { q?: string; owner?: string; item?: { type: RepoType | 'paper'; id: string }; sort?: CollectionSort; limit?: number }): string {
  const params = new URLSearchParams();
  if (query.q) {
    params.set('q', query.q.slice(0, 200));
  }
  if (query.owner) {
    params.set('owner', query.owner);
  }
  if (query.item) {
    params.set('item', `${query.item.type}s/${query.item.id}`);
  }
  params.set('sort', query.sort ?? 'trending');
  params.set('limit', String(query.limit ?? COLLECTION_PAGE));
  return `collections?${params.toString()}`;
}

/** A collection's own request; the slug is checked first. */
export function collectionPath(slug: string): string | undefined {
  return isCollectionSlug(slug) ? `collections/${slug}` : undefined;
}

export function collectionWebUrl(endpoint: string, slug: string): string {
  return `${endpoint}/collections/${slug}`;
}

/** The slug in what a user typed or pasted: `owner/title-…` or the address of its page on the Hub (any host). */
export function collectionSlugFrom(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 400) {
    return undefined;
  }
  let s = input.trim();
  if (s.includes('://')) {
    try {
      s = new URL(s).pathname.replace(/^\/collections\//, '');
    } catch {
      return undefined;
    }
  }
  return isCollectionSlug(s) ? s : undefined;
}
