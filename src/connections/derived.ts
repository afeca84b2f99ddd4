/**
 * How many models derive from a model, by relation: one page of the models tagged `base_model:{id}` (the Hub tags
 * every derived model so), tallied by their `base_model:{relation}:{id}` tags. Kept for the session by endpoint, account
 * and model, so reopening a card costs nothing more. No `vscode` import.
 */
import { LruCache } from '../hub/cache';
import type { HubClient } from '../hub/client';
import { COUNT_PAGE, countText, RELATIONS, type Relation } from './modelTree';

export type Counts = Partial<Record<Relation, string>>;

const counted = new LruCache<Counts>({ maxEntries: 200, maxBytes: 200 * 256, sizeOf: () => 256 });

/** `account` keeps one account's counts (which may include its private models) from another's. */
export async function countDerived(client: Pick<HubClient, 'endpoint' | 'listRepos'>, id: string, account: string, signal?: AbortSignal): Promise<Counts> {
  const key = `${client.endpoint}\n${account}\n${id}`;
  const known = counted.get(key);
  if (known) {
    return known;
  }
  const page = await client.listRepos('model', { tags: [`base_model:${id}`], limit: COUNT_PAGE, sort: 'downloads' }, { signal });
  const tally = new Map<Relation, number>();
  for (const repo of page.items) {
    for (const relation of RELATIONS) {
      if (repo.tags.includes(`base_model:${relation}:${id}`)) {
        tally.set(relation, (tally.get(relation) ?? 0) + 1);
      }
    }
  }
  const counts: Counts = {};
  for (const relation of RELATIONS) {
    const n = tally.get(relation);
    if (n) {
      counts[relation] = countText(n, page.next !== undefined);
    }
  }
  counted.set(key, counts);
  return counts;
}
