/**
 * Messages between the extension host and a discussion page (webview/discussion.ts). The host validates every message
 * it receives: a thread is anyone's text, rendered in the page.
 */
import type { RepoRef } from '../cards/repoRef';
import { isRepoType, repoIdProblem } from '../hub/repoId';
import type { DiscussionThread } from './types';

/** Fixed actions of a discussion page, each one host method. */
export const DISCUSSION_ACTIONS = ['openOnHub', 'retry'] as const;
export type DiscussionAction = (typeof DISCUSSION_ACTIONS)[number];

/** Host → page. */
export type ToDiscussion =
  | { type: 'loading'; repo: RepoRef; num: number }
  | { type: 'thread'; repo: RepoRef; endpoint: string; thread: DiscussionThread; now: string }
  | { type: 'error'; repo: RepoRef; num: number; message: string; retryable: boolean };

/** Page → host: a closed union. */
export type FromDiscussion = { type: 'ready' } | { type: 'action'; action: DiscussionAction } | { type: 'openLink'; href: string };

/** Parses a message from a discussion page: exactly these shapes, no extra keys, strings bounded; else undefined. */
export function parseFromDiscussion(message: unknown): FromDiscussion | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
      return keys === 'type' ? { type: 'ready' } : undefined;
    case 'action':
      return keys === 'action,type' && typeof m.action === 'string' && (DISCUSSION_ACTIONS as readonly string[]).includes(m.action)
        ? { type: 'action', action: m.action as DiscussionAction }
        : undefined;
    case 'openLink':
      return keys === 'href,type' && typeof m.href === 'string' && m.href.length > 0 && m.href.length <= 2048 ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}

/** What a thread's page keeps across reloads (`setState`): which repo and thread, nothing else. */
export interface DiscussionState {
  type: RepoRef['type'];
  id: string;
  num: number;
}

/** The state a restored page kept, or undefined when it is not exactly a repo and a thread number. */
export function parseDiscussionState(state: unknown): DiscussionState | undefined {
  if (!state || typeof state !== 'object' || Array.isArray(state)) {
    return undefined;
  }
  const { type, id, num } = state as Record<string, unknown>;
  if (isRepoType(type) && typeof id === 'string' && !repoIdProblem(id) && typeof num === 'number' && Number.isSafeInteger(num) && num >= 1) {
    return { type, id, num };
  }
  return undefined;
}
