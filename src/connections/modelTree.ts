/**
 * The Hub's model tree: a model's base models with how it derives from each (the Hub's `base_model:{relation}:{id}`
 * tags, else the card's `base_model` and `base_model_relation`), and the lists of models that derive from a model, one
 * per relation (`filter=base_model:{relation}:{id}`, paged like every list). Pure.
 */
import { repoIdProblem } from '../hub/repoId';
import type { ListQuery } from '../hub/types';

export const RELATIONS = ['finetune', 'adapter', 'quantized', 'merge'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface BaseModel {
  id: string;
  /** Absent when neither the tags nor the card say how the model derives from it. */
  relation?: Relation;
}

/** How the card and the tree name the models of a relation. */
export const RELATION_PLURAL: Record<Relation, string> = { finetune: 'Finetunes', adapter: 'Adapters', quantized: 'Quantizations', merge: 'Merges' };
/** How a model relates to its base, read as "an adapter of X". */
export const RELATION_SINGULAR: Record<Relation, string> = { finetune: 'Finetune', adapter: 'Adapter', quantized: 'Quantization', merge: 'Merge' };

/** Base models listed at most (a merge names a few; a card that names hundreds is not believed past this). */
export const MAX_BASE_MODELS = 20;
/** Models listed per relation when counting; a full page means "this many or more". */
export const COUNT_PAGE = 100;

function isRelation(value: unknown): value is Relation {
  return typeof value === 'string' && (RELATIONS as readonly string[]).includes(value);
}

/** The base models of a model from its tags (the Hub writes them) or, failing that, its card's front matter. */
export function baseModelsOf(tags: readonly string[], cardData?: Record<string, unknown>): BaseModel[] {
  const found = new Map<string, BaseModel>();
  for (const tag of tags) {
    if (!tag.startsWith('base_model:')) {
      continue;
    }
    const rest = tag.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    const head = colon < 0 ? '' : rest.slice(0, colon);
    const [relation, id] = isRelation(head) ? [head, rest.slice(colon + 1)] : [undefined, rest];
    if (repoIdProblem(id)) {
      continue;
    }
    const known = found.get(id);
    if (!known || (!known.relation && relation)) {
      found.set(id, relation ? { id, relation } : { id });
    }
  }
  if (found.size === 0 && cardData) {
    const raw = cardData.base_model;
    const ids = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && !repoIdProblem(v));
    const relation = isRelation(cardData.base_model_relation) ? cardData.base_model_relation : ids.length > 1 ? 'merge' : undefined;
    for (const id of ids) {
      found.set(id, relation ? { id, relation } : { id });
    }
  }
  return [...found.values()].slice(0, MAX_BASE_MODELS);
}

/** The list of models that derive from `id` by `relation`, as the Models view pages it. */
export function relatedQuery(id: string, relation: Relation, base: ListQuery = {}): ListQuery {
  return { sort: base.sort ?? 'downloads', tags: [`base_model:${relation}:${id}`] };
}

/** "Finetunes of google-bert/bert-base-uncased". */
export function relatedLabel(id: string, relation: Relation): string {
  return `${RELATION_PLURAL[relation]} of ${id}`;
}

/** A count from one page of COUNT_PAGE: the number, or "100+" when the page was full and more exist. */
export function countText(loaded: number, more: boolean): string {
  return more ? `${loaded}+` : String(loaded);
}
