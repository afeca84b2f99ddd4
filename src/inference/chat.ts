/**
 * A Try it conversation: its turns, its settings and the limits that keep it bounded whatever a model sends. Answers
 * are untrusted model text: kept as text here, rendered by the page through the card's markdown pipeline and
 * sanitiser. Pure.
 */

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatSettings {
  system: string;
  /** 0 to 2; undefined leaves it to the provider. */
  temperature?: number;
  /** 1 to MAX_TOKENS_LIMIT; undefined leaves it to the provider. */
  maxTokens?: number;
  /** Up to four stop sequences. */
  stop: string[];
}

/** An answer longer than this is cut (the stream is closed): 1 MB of text is more than any real answer. */
export const MAX_ANSWER_CHARS = 1_000_000;
export const MAX_PROMPT_CHARS = 100_000;
export const MAX_SYSTEM_CHARS = 20_000;
export const MAX_TURNS = 200;
export const MAX_TOKENS_LIMIT = 131_072;
const MAX_STOPS = 4;
const MAX_STOP_CHARS = 100;

export const DEFAULT_SETTINGS: ChatSettings = { system: '', stop: [] };

/** Settings from the page, checked; undefined (and the reason) when one is out of range. */
export function parseSettings(raw: unknown): { settings: ChatSettings } | { problem: string } {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const system = typeof r.system === 'string' ? r.system : '';
  if (system.length > MAX_SYSTEM_CHARS) {
    return { problem: `The system prompt is longer than ${MAX_SYSTEM_CHARS.toLocaleString()} characters.` };
  }
  let temperature: number | undefined;
  if (r.temperature !== undefined && r.temperature !== null && r.temperature !== '') {
    temperature = Number(r.temperature);
    if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
      return { problem: 'Temperature is a number from 0 to 2.' };
    }
  }
  let maxTokens: number | undefined;
  if (r.maxTokens !== undefined && r.maxTokens !== null && r.maxTokens !== '') {
    maxTokens = Number(r.maxTokens);
    if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
      return { problem: `Max tokens is a whole number from 1 to ${MAX_TOKENS_LIMIT.toLocaleString()}.` };
    }
  }
  const stopRaw = Array.isArray(r.stop) ? r.stop : typeof r.stop === 'string' ? [r.stop] : [];
  const stop = stopRaw.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (stop.length > MAX_STOPS || stop.some((s) => s.length > MAX_STOP_CHARS)) {
    return { problem: `Up to ${MAX_STOPS} stop sequences of at most ${MAX_STOP_CHARS} characters.` };
  }
  return { settings: { system, ...(temperature !== undefined ? { temperature } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}), stop } };
}

/** Stop sequences as typed in one field: separated by commas, `\n` written as a backslash and n. */
export function stopsFromField(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().split('\\n').join('\n'))
    .filter((s) => s.length > 0);
}

/** The messages sent for a conversation: the system prompt first when there is one. */
export function requestMessages(settings: ChatSettings, turns: readonly ChatTurn[]): { role: 'system' | 'user' | 'assistant'; content: string }[] {
  const messages: { role: 'system' | 'user' | 'assistant'; content: string }[] = settings.system.trim() ? [{ role: 'system', content: settings.system }] : [];
  return [...messages, ...turns.map((t) => ({ role: t.role, content: t.content }))];
}

/** The request body's optional parameters, as the OpenAI-compatible API names them. */
export function requestParameters(settings: ChatSettings): { temperature?: number; max_tokens?: number; stop?: string[] } {
  return {
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { max_tokens: settings.maxTokens } : {}),
    ...(settings.stop.length ? { stop: settings.stop } : {}),
  };
}

/** Turns from saved page state or a message, checked and capped; anything malformed is dropped. */
export function parseTurns(raw: unknown): ChatTurn[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw
    .slice(-MAX_TURNS)
    .filter((t): t is ChatTurn => !!t && typeof t === 'object' && ((t as ChatTurn).role === 'user' || (t as ChatTurn).role === 'assistant') && typeof (t as ChatTurn).content === 'string')
    .map((t) => ({ role: t.role, content: t.content.slice(0, t.role === 'user' ? MAX_PROMPT_CHARS : MAX_ANSWER_CHARS) }));
}

/**
 * An answer as it streams in: deltas are appended until the cap, after which `full` is set and the caller closes the
 * stream. `finish` is the provider's finish reason once it sent one: a stream that ends without one was cut.
 */
export class Answer {
  private parts: string[] = [];
  private size = 0;
  finish: string | undefined;
  full = false;

  constructor(readonly prefix = '') {
    this.size = prefix.length;
    if (prefix) {
      this.parts.push(prefix);
    }
  }

  /** Adds a delta; returns what was kept of it ('' once the cap is reached). */
  append(delta: string): string {
    if (this.full || !delta) {
      return '';
    }
    const room = MAX_ANSWER_CHARS - this.size;
    const kept = delta.length > room ? delta.slice(0, room) : delta;
    this.parts.push(kept);
    this.size += kept.length;
    if (this.size >= MAX_ANSWER_CHARS) {
      this.full = true;
    }
    return kept;
  }

  get length(): number {
    return this.size;
  }

  get text(): string {
    if (this.parts.length > 1) {
      this.parts = [this.parts.join('')];
    }
    return this.parts[0] ?? '';
  }
}
