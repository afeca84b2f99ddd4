// Messages between the extension host and the tokens and chat-template pages. Both sides import these types; the host
// validates every message it receives. Pure.
import type { TokenPiece } from './core/display';
import type { ChatMessage } from './core/files';

export const TOKENS_VIEW_TYPE = 'huggingface.tokens';

/** Host → page. Everything shown is put in text nodes by the page. */
export type ToTokensPage =
  | { type: 'tokens'; model: string; pieces: TokenPiece[]; count: number; shownFrom: string; truncated: boolean; contextLength?: number }
  | {
      type: 'template';
      model: string;
      templates: string[];
      selected: string;
      messages: ChatMessage[];
      addGenerationPrompt: boolean;
    }
  | { type: 'rendered'; prompt: string; count: number; contextLength?: number; pieces: TokenPiece[] }
  | { type: 'renderError'; message: string; line?: number }
  | { type: 'error'; message: string; retry: boolean };

/** Page → host. */
export type FromTokensPage =
  | { type: 'ready' }
  | { type: 'retry' }
  | { type: 'render'; template: string; messages: ChatMessage[]; addGenerationPrompt: boolean };

const ROLES = new Set(['system', 'user', 'assistant']);
const MAX_MESSAGE_CHARS = 100_000;

/** Parses a message from a tokens page; anything else is dropped. */
export function parseFromTokensPage(message: unknown): FromTokensPage | undefined {
  const m = message as Record<string, unknown> | null;
  if (!m || typeof m !== 'object') {
    return undefined;
  }
  if (m.type === 'ready' || m.type === 'retry') {
    return { type: m.type };
  }
  if (m.type !== 'render' || typeof m.template !== 'string' || m.template.length > 200 || typeof m.addGenerationPrompt !== 'boolean' || !Array.isArray(m.messages)) {
    return undefined;
  }
  if (m.messages.length > 20) {
    return undefined;
  }
  const messages: ChatMessage[] = [];
  for (const entry of m.messages as unknown[]) {
    const e = entry as { role?: unknown; content?: unknown } | null;
    if (!e || typeof e.role !== 'string' || !ROLES.has(e.role) || typeof e.content !== 'string' || e.content.length > MAX_MESSAGE_CHARS) {
      return undefined;
    }
    messages.push({ role: e.role as ChatMessage['role'], content: e.content });
  }
  return { type: 'render', template: m.template, messages, addGenerationPrompt: m.addGenerationPrompt };
}
