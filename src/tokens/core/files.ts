// What the tokenizer features read from a model's tokenizer files (tokenizer_config.json, config.json): the context
// length, the chat templates, the special tokens. Hub text: every field is checked for its type before use. Pure.

import { groupedNumber } from '../../hub/format';

/** A parsed JSON object, or an empty one for anything else. */
export type JsonObject = Record<string, unknown>;

/** The tokenizer files of one model, as read from the cache or the Hub. */
export interface TokenizerFiles {
  repoId: string;
  /** tokenizer.json, parsed. */
  tokenizer: JsonObject;
  /** tokenizer_config.json, parsed ({} when the repo has none). */
  config: JsonObject;
  /** config.json's `max_position_embeddings`, when it was read. */
  maxPositions?: number;
  /** Where they came from. */
  source: 'cache' | 'hub';
}

/**
 * transformers writes `int(1e30)` (VERY_LARGE_INTEGER) as `model_max_length` when a tokenizer has no limit; anything
 * from 1e12 up is such a sentinel, not a context length.
 */
const SENTINEL = 1e12;

/** The context length: tokenizer_config's `model_max_length` unless it is a sentinel, else config.json's `max_position_embeddings`. */
export function contextLength(config: JsonObject, maxPositions?: number): number | undefined {
  const fromConfig = config.model_max_length;
  if (typeof fromConfig === 'number' && Number.isInteger(fromConfig) && fromConfig > 0 && fromConfig < SENTINEL) {
    return fromConfig;
  }
  return typeof maxPositions === 'number' && Number.isInteger(maxPositions) && maxPositions > 0 && maxPositions < SENTINEL ? maxPositions : undefined;
}

/** A message of a chat, as chat templates read them. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A named chat template. */
export interface ChatTemplate {
  name: string;
  template: string;
}

/** `chat_template` as a string (named "default") or a list of `{name, template}`; malformed entries are skipped. */
export function chatTemplates(config: JsonObject): ChatTemplate[] {
  const value = config.chat_template;
  if (typeof value === 'string') {
    return value.trim() ? [{ name: 'default', template: value }] : [];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((entry: unknown) => {
    const e = entry as { name?: unknown; template?: unknown } | null;
    return e && typeof e.name === 'string' && typeof e.template === 'string' ? [{ name: e.name.slice(0, 100), template: e.template }] : [];
  });
}

/** A special token's text: a string, or an AddedToken-like `{content}`. */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const content = (value as { content?: unknown } | null)?.content;
  return typeof content === 'string' ? content : undefined;
}

/** The special tokens a chat template may name (`bos_token`, `eos_token`, …), as template variables. */
export function templateTokens(config: JsonObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['bos_token', 'eos_token', 'unk_token', 'pad_token', 'sep_token', 'cls_token', 'mask_token']) {
    const text = tokenText(config[key]);
    if (text !== undefined) {
      out[key] = text;
    }
  }
  return out;
}

/** Parses JSON text into an object; throws a readable error for anything else. */
export function parseJsonObject(text: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not a JSON object.`);
  }
  return value as JsonObject;
}

/** `1,234 / 8,192 tokens`, `1 token`, `1,234 tokens`. */
export function countLabel(count: number, context?: number): string {
  const n = groupedNumber(count);
  if (context !== undefined) {
    return `${n} / ${groupedNumber(context)} tokens`;
  }
  return `${n} ${count === 1 ? 'token' : 'tokens'}`;
}
