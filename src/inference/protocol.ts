/**
 * Messages between the host and a Try it page. The host owns the conversation (a hidden page is discarded and shown
 * again from it); the page keeps `{model, turns, settings, provider}` as its state so a reload restores it. Every message
 * from the page is validated here: exactly these shapes, bounded strings, nothing else. Pure.
 */
import type { InferenceErrorKind } from './errors';
import { MAX_PROMPT_CHARS, parseSettings, parseTurns, type ChatSettings, type ChatTurn } from './chat';
import { parseChoice, type ProviderChoice } from './providers';

export type TryMode = 'chat' | 'textToImage';

/** One image answer of text-to-image, sent as bytes in base64 (the page turns it into a `blob:` URL). */
export interface ImageAnswer {
  id: number;
  prompt: string;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  base64: string;
}

export interface TryProblem {
  kind: InferenceErrorKind;
  message: string;
  retryable: boolean;
}

export interface TryState {
  model: string;
  mode: TryMode;
  /** Choices offered: policies and the providers that serve the model for this task. */
  providers: { value: ProviderChoice; label: string; detail?: string }[];
  provider: ProviderChoice;
  turns: ChatTurn[];
  settings: ChatSettings;
  images: ImageAnswer[];
  /** Whether an answer is streaming now. */
  busy: boolean;
  problem?: TryProblem;
  signedIn: boolean;
  /** The Hub, for the page's link policy. */
  endpoint: string;
}

/** Host → page. */
export type ToTry =
  | { type: 'state'; state: TryState }
  /** Text added to the last (assistant) turn while it streams. */
  | { type: 'delta'; text: string }
  | { type: 'done'; problem?: TryProblem };

export const TRY_ACTIONS = ['stop', 'regenerate', 'clear', 'retry', 'signIn', 'copyCode', 'insertCode'] as const;
export type TryAction = (typeof TRY_ACTIONS)[number];

/** Page → host. */
export type FromTry =
  | { type: 'ready' }
  | { type: 'send'; text: string; settings: ChatSettings; provider: ProviderChoice }
  | { type: 'action'; action: TryAction }
  | { type: 'saveImage'; id: number }
  | { type: 'openLink'; href: string };

export function parseFromTry(message: unknown): FromTry | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'ready':
      return keys === 'type' ? { type: 'ready' } : undefined;
    case 'send': {
      if (keys !== 'provider,settings,text,type' || typeof m.text !== 'string' || m.text.trim() === '' || m.text.length > MAX_PROMPT_CHARS) {
        return undefined;
      }
      const provider = parseChoice(m.provider);
      const parsed = parseSettings(m.settings);
      return provider && 'settings' in parsed ? { type: 'send', text: m.text, settings: parsed.settings, provider } : undefined;
    }
    case 'action':
      return keys === 'action,type' && typeof m.action === 'string' && (TRY_ACTIONS as readonly string[]).includes(m.action) ? { type: 'action', action: m.action as TryAction } : undefined;
    case 'saveImage':
      return keys === 'id,type' && Number.isSafeInteger(m.id) && (m.id as number) > 0 ? { type: 'saveImage', id: m.id as number } : undefined;
    case 'openLink':
      return keys === 'href,type' && typeof m.href === 'string' && m.href.length > 0 && m.href.length <= 2048 ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}

/** What a restored page kept, checked: the model (validated again by the caller) and its conversation. */
export function parseTryState(raw: unknown): { model: string; turns: ChatTurn[]; settings?: ChatSettings; provider?: ProviderChoice } | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.model !== 'string' || r.model.length > 200) {
    return undefined;
  }
  const parsed = parseSettings(r.settings);
  const provider = parseChoice(r.provider);
  return { model: r.model, turns: parseTurns(r.turns), ...('settings' in parsed ? { settings: parsed.settings } : {}), ...(provider ? { provider } : {}) };
}
