/**
 * The signed-in account's likes as the card needs them: the list read once per endpoint and user for the session
 * (one request, whatever the number of cards), kept in step when a card likes or unlikes. No `vscode` import.
 */
import type { HubClient } from '../hub/client';
import type { RepoType } from '../hub/repoId';
import { isLiked, likePath, likesPath, parseLikes, type Like } from './likes';

const lists = new Map<string, Promise<Like[]>>();

function key(client: Pick<HubClient, 'endpoint'>, user: string): string {
  return `${client.endpoint}\n${user}`;
}

/** Whether `user` likes the repo; a failed read is forgotten, so the next card asks again. */
export async function likedBy(client: Pick<HubClient, 'endpoint' | 'apiJson'>, user: string, type: RepoType, id: string, signal?: AbortSignal): Promise<boolean> {
  const k = key(client, user);
  let list = lists.get(k);
  if (!list) {
    list = client.apiJson(likesPath(user), { signal }).then((body) => parseLikes(body, 100_000));
    lists.set(k, list);
    list.catch(() => lists.delete(k));
  }
  return isLiked(await list, type, id);
}

/** Likes or unlikes the repo as `user` (signed in), and keeps the session's list in step. */
export async function setLiked(client: Pick<HubClient, 'endpoint' | 'apiJson'>, user: string, type: RepoType, id: string, liked: boolean): Promise<void> {
  await client.apiJson(likePath(type, id), { method: liked ? 'POST' : 'DELETE' });
  const k = key(client, user);
  const known = lists.get(k);
  if (known) {
    const current = await known.catch((): Like[] => []);
    const rest = current.filter((l) => !(l.type === type && l.id === id));
    lists.set(k, Promise.resolve(liked ? [{ type, id, date: new Date().toISOString() }, ...rest] : rest));
  }
}
