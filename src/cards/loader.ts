// What a card shows and where it comes from: the repo's details and README from the Hub, revalidated against the card
// cache so that reopening a card costs one conditional request, and the caller's access to a gated repo. Pure: the
// card panel (src/webviews/cardPanel.lazy.ts) sends the result to its page.
import { dataBytes, LruCache, stringBytes } from '../hub/cache';
import type { HubClient } from '../hub/client';
import { HubError } from '../hub/errors';
import { age } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import type { RepoDetails } from '../hub/types';
import { cardHeader } from './header';
import type { CardAccess, CardData, ReadmeState } from './model';
import type { RepoRef } from './repoRef';
import type { CardStore, StoredCard } from './store';
import { CARD_RENDER_LIMIT_BYTES } from './truncate';
import type { CardImagePolicy } from './urls';

/** A README as the card got it: its state, and what revalidates it next time. */
interface FetchedReadme {
  state: ReadmeState;
  etag?: string;
  /** The commit it was read at (`X-Repo-Commit`). */
  commit?: string;
  /** The Hub answered 304 to a conditional request: the cached text is current. */
  notModified?: boolean;
  /** Why the state is `unavailable`. */
  error?: HubError;
}

/** What a card shows, kept after its panel closes (and on disk) so that opening it again costs one conditional request. */
export type CachedCard = StoredCard;

/** Says that the card shown is a copy, and from when: in offline mode, or when the Hub cannot be reached. */
export function copyNotice(fetchedAt: number, reason?: HubError, now = Date.now()): string {
  const when = age(new Date(fetchedAt), new Date(now));
  const fetched = when === 'now' ? 'fetched just now' : `fetched ${when} ago`;
  return reason ? `The Hub could not be reached, so this is the copy ${fetched}. ${reason.message}` : `Offline (HF_HUB_OFFLINE): showing the copy ${fetched}.`;
}

/** 200 cards and about 8 MB: a day of browsing, READMEs cut at 1 MiB each. */
export function cardCache(): LruCache<CachedCard> {
  return new LruCache<CachedCard>({
    maxEntries: 200,
    maxBytes: 8 * 1024 * 1024,
    sizeOf: (card) => dataBytes(card.details) + (card.readme.state.kind === 'text' ? stringBytes(card.readme.state.markdown) : 0),
  });
}

export type CardClient = Pick<HubClient, 'endpoint' | 'offline' | 'repoDetails' | 'readme' | 'accessState'>;

export interface CardLoaderDeps {
  client: CardClient;
  cache: LruCache<CachedCard>;
  /** The cards kept on disk, read when the memory cache has none (after a reload). */
  store?: CardStore;
  /** Who the requests are made as, for the cache key: `anonymous` or a fingerprint of the token (never the token). */
  account: () => Promise<string>;
  images: CardImagePolicy;
  hasToken: () => Promise<boolean>;
  warn: (message: string) => void;
}

/** A loaded card, and the id the Hub answered with when the repo was renamed (a valid repo id only). */
export interface LoadedCard {
  card: CardData;
  renamedTo?: RepoRef;
}

function isCancelled(e: unknown): boolean {
  return e instanceof HubError && e.kind === 'cancelled';
}

/** Loads the card of `ref`. Throws the HubError that keeps the card from showing at all. */
export async function loadCard(deps: CardLoaderDeps, ref: RepoRef, signal: AbortSignal): Promise<LoadedCard> {
  const { client } = deps;
  const { details, readme, notice, stale } = await detailsAndReadme(deps, ref, signal);
  // A renamed repo answers with its new id: the card follows it. An id the Hub answered with that is not a valid repo
  // id is not shown, linked or resolved against: the id asked for is.
  const renamedTo = details.id !== ref.id && !repoIdProblem(details.id) ? { type: ref.type, id: details.id } : undefined;
  const shownId = renamedTo?.id ?? ref.id;
  const header = cardHeader({ ...details, id: shownId }, client.endpoint);
  if (details.gated && !client.offline) {
    header.access = await access(deps, { type: ref.type, id: shownId }, signal);
  }
  return {
    card: {
      header,
      readme: readme.state,
      location: { endpoint: client.endpoint, type: ref.type, id: shownId, revision: readme.commit ?? details.sha ?? 'main' },
      images: deps.images,
      notice,
      noticeRetry: stale,
    },
    renamedTo,
  };
}

/**
 * The details and the README, from the cache while the Hub says they are current: a cached card costs one conditional
 * README request, whose 304 (README unchanged) carries the repo's commit, which tells whether the cached details are
 * still those of the repo's head. The memory cache is backed by the store on disk, so this holds after a reload too. In
 * offline mode (`HF_HUB_OFFLINE`), or when the Hub cannot be reached, a cached card is shown as it is, saying from when.
 * A card the Hub no longer shows to this account (gone, private, refused) is forgotten.
 */
async function detailsAndReadme(
  deps: CardLoaderDeps,
  ref: RepoRef,
  signal: AbortSignal,
): Promise<{ details: RepoDetails; readme: FetchedReadme; notice?: string; stale?: boolean }> {
  const { client, cache, store } = deps;
  const { type, id } = ref;
  const cacheKey = `${client.endpoint} ${await deps.account()} ${type}/${id}`;
  let cached = cache.get(cacheKey);
  if (!cached && store) {
    cached = await store.get(cacheKey, type);
    if (cached) {
      cache.set(cacheKey, cached);
    }
  }
  if (cached && client.offline) {
    return { ...cached, notice: copyNotice(cached.fetchedAt) };
  }
  try {
    const { details, readme } = await revalidate(client, ref, signal, cached);
    if (readme.state.kind === 'text' || readme.state.kind === 'missing') {
      const card: CachedCard = { details, readme: { state: readme.state, etag: readme.etag, commit: readme.commit }, fetchedAt: Date.now() };
      cache.set(cacheKey, card);
      void store?.set(cacheKey, card);
    } else {
      forget(deps, cacheKey);
    }
    return { details, readme };
  } catch (thrown) {
    if (cached && thrown instanceof HubError && thrown.retryable && thrown.kind !== 'disk') {
      return { ...cached, notice: copyNotice(cached.fetchedAt, thrown), stale: true };
    }
    if (thrown instanceof HubError && (thrown.kind === 'notFound' || thrown.kind === 'unauthorized' || thrown.kind === 'gated')) {
      forget(deps, cacheKey);
    }
    throw thrown;
  }
}

function forget(deps: CardLoaderDeps, cacheKey: string): void {
  deps.cache.delete(cacheKey);
  void deps.store?.delete(cacheKey);
}

async function revalidate(client: CardClient, ref: RepoRef, signal: AbortSignal, cached: CachedCard | undefined): Promise<{ details: RepoDetails; readme: FetchedReadme }> {
  const { type, id } = ref;
  if (cached?.readme.etag) {
    const fresh = await fetchReadme(client, ref, signal, cached.readme.etag);
    if (fresh.error) {
      // The Hub is failing: asking it for the details as well would only double the wait for the same error.
      throw fresh.error;
    }
    const readme = fresh.notModified ? { ...cached.readme, commit: fresh.commit ?? cached.readme.commit } : fresh;
    const detailsCurrent = fresh.notModified === true && (fresh.commit === undefined || fresh.commit === cached.details.sha);
    return { details: detailsCurrent ? cached.details : await client.repoDetails(type, id, undefined, { signal }), readme };
  }
  const [details, readme] = await Promise.all([client.repoDetails(type, id, undefined, { signal }), fetchReadme(client, ref, signal)]);
  return { details, readme };
}

/** The caller's access to a gated repo (one auth-check request); undefined when the Hub did not say. */
async function access(deps: CardLoaderDeps, ref: RepoRef, signal: AbortSignal): Promise<CardAccess | undefined> {
  try {
    const state = await deps.client.accessState(ref.type, ref.id, { signal });
    if (state === 'granted') {
      return 'granted';
    }
    if (state === 'gated') {
      return (await deps.hasToken()) ? 'request' : 'signIn';
    }
    return undefined;
  } catch (thrown) {
    if (isCancelled(thrown)) {
      throw thrown;
    }
    deps.warn(`Access check for ${ref.id}: ${thrown instanceof HubError ? thrown.message : String(thrown)}`);
    return undefined;
  }
}

/** The README; with `etag`, a conditional request that answers `notModified` (and no text) when it is unchanged. */
async function fetchReadme(client: CardClient, ref: RepoRef, signal: AbortSignal, etag?: string): Promise<FetchedReadme> {
  try {
    const readme = await client.readme(ref.type, ref.id, 'main', { signal, truncateAt: CARD_RENDER_LIMIT_BYTES, etag });
    if (!readme) {
      return { state: { kind: 'missing' } };
    }
    return {
      state: { kind: 'text', markdown: readme.text, cut: readme.truncated === true },
      etag: readme.etag,
      commit: readme.commit,
      notModified: readme.notModified,
    };
  } catch (thrown) {
    if (!(thrown instanceof HubError) || thrown.kind === 'cancelled') {
      throw thrown;
    }
    if (thrown.kind === 'gated') {
      return { state: { kind: 'gated', message: thrown.message } };
    }
    if (thrown.kind === 'notFound' && thrown.code !== 'RepoNotFound' && thrown.status !== 401) {
      return { state: { kind: 'missing' } };
    }
    // The details decide whether the card fails as a whole; without them this error is shown in place of the text.
    return { state: { kind: 'unavailable', message: thrown.message }, error: thrown };
  }
}
