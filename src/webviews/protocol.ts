/**
 * Messages between the extension host and its webviews. Both sides import these types; the host still validates every
 * message it receives, because a webview renders untrusted content.
 */
import type { CardData } from '../cards/model';
import type { RepoRef } from '../cards/repoRef';
import { RELATIONS, type Relation } from '../connections/modelTree';
import { isCollectionSlug } from '../connections/collections';
import { isArxivId, type PaperView } from '../connections/papers';
import type { RuntimeView } from '../connections/runtime';
import { isRepoType, repoIdProblem, type RepoType } from '../hub/repoId';

/** Actions the overview page may ask for; each maps to one fixed command on the host side. */
export const OVERVIEW_ACTIONS = ['showModels', 'showDatasets', 'showSpaces', 'refreshAll', 'openCard', 'insertTransformersSnippet'] as const;
export type OverviewAction = (typeof OVERVIEW_ACTIONS)[number];

export type FromOverview =
  | { type: 'ready' }
  | { type: 'action'; action: OverviewAction }
  | { type: 'openExternal'; url: string };

/** Parses a message from the overview webview; anything else is dropped. */
export function parseFromOverview(message: unknown): FromOverview | undefined {
  if (!message || typeof message !== 'object') {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') {
    return { type: 'ready' };
  }
  if (m.type === 'action' && typeof m.action === 'string' && (OVERVIEW_ACTIONS as readonly string[]).includes(m.action)) {
    return { type: 'action', action: m.action as OverviewAction };
  }
  if (m.type === 'openExternal' && typeof m.url === 'string' && m.url.length < 2048) {
    return { type: 'openExternal', url: m.url };
  }
  return undefined;
}

/** Links a webview may open: https pages of Hugging Face sites only. */
export function isAllowedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      !parsed.username &&
      !parsed.password &&
      (parsed.hostname === 'huggingface.co' || parsed.hostname.endsWith('.huggingface.co') || parsed.hostname === 'hf.co')
    );
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cards


/** Fixed actions of a card page; each maps to one host method, never to a command id from the webview. */
export const CARD_ACTIONS = ['insertTransformers', 'insertDiffusers', 'copyId', 'openOnHub', 'showFiles', 'retry', 'signIn', 'requestAccess', 'download', 'openDatasetViewer', 'useModel', 'chooseTokenizer', 'tryModel', 'inferenceCode', 'openApp', 'openAppInEditor', 'like'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** Host → card webview. */
export type ToCard =
  | { type: 'loading'; repo: RepoRef }
  | { type: 'card'; card: CardData }
  | { type: 'error'; repo: RepoRef; message: string; retryable: boolean; signIn: boolean }
  /** The shown card's GGUF file header, read after the card was sent (it updates the header's GGUF fact in place). */
  | { type: 'ggufHeader'; file: string; line: string }
  /** A Space's runtime asked again while it builds (it replaces the runtime section in place). */
  | { type: 'runtime'; runtime: RuntimeView }
  /** How many models derive from the shown model, by relation ("12", "100+"), counted after the card was sent. */
  | { type: 'modelTree'; counts: Partial<Record<Relation, string>> }
  /** The papers the shown card cites, as the Hub's paper pages describe them, read after the card was sent. */
  | { type: 'papers'; papers: PaperView[] }
  /** The first few collections that hold the shown repo. */
  | { type: 'collections'; collections: NonNullable<CardData['header']['collections']> }
  /** Whether the signed-in account likes the shown repo, and its count; `error` when a Like or Unlike was refused. */
  | { type: 'liked'; liked: boolean; likes: number; error?: string }
  /** One page of the repo's Discussions and pull requests, as the card lists them (the host writes each line). */
  | { type: 'discussions'; page: number; rows: DiscussionRow[]; more: boolean; error?: boolean; note?: string };

/** A thread as the card lists it: its number, title and one line of facts, all text. */
export interface DiscussionRow {
  num: number;
  title: string;
  line: string;
}

/** Card webview → host: a closed union. */
export type FromCard =
  | { type: 'ready' }
  | { type: 'rendered'; ms: number }
  | { type: 'action'; action: CardAction }
  | { type: 'openLink'; href: string }
  /** Open another repo's card (a base model of the model tree). */
  | { type: 'openRepo'; repo: RepoRef }
  /** List the models that derive from this one by a relation, in the Models view. */
  | { type: 'showRelated'; relation: Relation }
  /** List the repos of a type that cite one of the card's papers, in that type's view. */
  | { type: 'showCiting'; paper: string; repoType: RepoType }
  /** Open one of the collections the card names. */
  | { type: 'openCollection'; slug: string }
  /** Read a page of the repo's Discussions (the section was opened, or "Load more…"). */
  | { type: 'discussions'; page: number }
  /** Open one of the threads the card listed, in its tab. */
  | { type: 'openDiscussion'; num: number };

/**
 * Parses a message from a card webview. Anything but exactly these shapes is dropped: no extra keys, no other types,
 * strings bounded. The link itself is checked again where it is opened.
 */
export function parseFromCard(message: unknown): FromCard | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
      return keys === 'type' ? { type: 'ready' } : undefined;
    case 'rendered':
      return keys === 'ms,type' && typeof m.ms === 'number' && Number.isFinite(m.ms) && m.ms >= 0 ? { type: 'rendered', ms: m.ms } : undefined;
    case 'action':
      return keys === 'action,type' && typeof m.action === 'string' && (CARD_ACTIONS as readonly string[]).includes(m.action)
        ? { type: 'action', action: m.action as CardAction }
        : undefined;
    case 'openRepo': {
      const repo = m.repo as Record<string, unknown> | null;
      return keys === 'repo,type' && repo && typeof repo === 'object' && !Array.isArray(repo) && Object.keys(repo).sort().join(',') === 'id,type' && isRepoType(repo.type) && typeof repo.id === 'string' && !repoIdProblem(repo.id)
        ? { type: 'openRepo', repo: { type: repo.type, id: repo.id } }
        : undefined;
    }
    case 'showRelated':
      return keys === 'relation,type' && typeof m.relation === 'string' && (RELATIONS as readonly string[]).includes(m.relation) ? { type: 'showRelated', relation: m.relation as Relation } : undefined;
    case 'discussions':
      return keys === 'page,type' && Number.isSafeInteger(m.page) && (m.page as number) >= 0 && (m.page as number) < 1_000 ? { type: 'discussions', page: m.page as number } : undefined;
    case 'openDiscussion':
      return keys === 'num,type' && Number.isSafeInteger(m.num) && (m.num as number) >= 1 ? { type: 'openDiscussion', num: m.num as number } : undefined;
    case 'openCollection':
      return keys === 'slug,type' && isCollectionSlug(m.slug) ? { type: 'openCollection', slug: m.slug } : undefined;
    case 'showCiting':
      return keys === 'paper,repoType,type' && isArxivId(m.paper) && isRepoType(m.repoType) ? { type: 'showCiting', paper: m.paper, repoType: m.repoType } : undefined;
    case 'openLink':
      return keys === 'href,type' && typeof m.href === 'string' && m.href.length > 0 && m.href.length <= 2048 ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}

/** The state a card webview keeps across reloads (`setState`): which repo, nothing else. */
export function parseCardState(state: unknown): RepoRef | undefined {
  if (!state || typeof state !== 'object') {
    return undefined;
  }
  const { type, id } = state as { type?: unknown; id?: unknown };
  if (isRepoType(type) && typeof id === 'string' && id.length <= 200) {
    return { type, id };
  }
  return undefined;
}
