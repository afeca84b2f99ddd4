/**
 * The first few collections that hold a repo, as a card names them: one list request (`collections?item=…`), kept
 * for the session by endpoint, account (a private collection is its owner's) and repo, so reopening a card costs
 * nothing more. No `vscode` import.
 */
import { LruCache } from '../hub/cache';
import type { HubClient } from '../hub/client';
import type { RepoType } from '../hub/repoId';
import { collectionsPath, parseCollections, type CardCollection } from './collections';

/** Collections a card names at most. */
export const CARD_COLLECTIONS = 5;

const held = new LruCache<CardCollection[]>({ maxEntries: 500, maxBytes: 500 * 2048, sizeOf: () => 2048 });

export async function collectionsHolding(client: Pick<HubClient, 'endpoint' | 'apiJson'>, type: RepoType, id: string, account: string, signal?: AbortSignal): Promise<CardCollection[]> {
  const key = `${client.endpoint}\n${account}\n${type}:${id}`;
  const known = held.get(key);
  if (known) {
    return known;
  }
  const body = await client.apiJson(collectionsPath({ item: { type, id }, limit: CARD_COLLECTIONS }), { signal });
  const list = parseCollections(body)
    .slice(0, CARD_COLLECTIONS)
    .map(({ slug, title, owner }) => ({ slug, title, ...(owner ? { owner } : {}) }));
  held.set(key, list);
  return list;
}
