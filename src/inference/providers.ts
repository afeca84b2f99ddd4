/**
 * Which Inference Providers serve a model: the Hub's `inferenceProviderMapping`, read defensively. The Hub has sent it
 * both as an object keyed by provider (model details) and as an array of `{provider, providerId, status, task}` (lists,
 * newer details); both are accepted. Every field is untrusted Hub text that later goes into code (a snippet's model id)
 * or onto a page, so each is checked for what it claims to be; an entry that fails is dropped, not repaired. Pure.
 */

/**
 * The providers `@huggingface/inference` can call, by the key the Hub uses, with the name the Hub shows. The keys are
 * checked against the library's own `INFERENCE_PROVIDERS` by a unit test, so a library update that adds one is noticed.
 */
export const PROVIDER_NAMES = {
  baseten: 'Baseten',
  cerebras: 'Cerebras',
  cohere: 'Cohere',
  deepinfra: 'DeepInfra',
  'fal-ai': 'fal',
  'featherless-ai': 'Featherless AI',
  'fireworks-ai': 'Fireworks',
  groq: 'Groq',
  'hf-inference': 'HF Inference API',
  novita: 'Novita',
  nscale: 'Nscale',
  openai: 'OpenAI',
  ovhcloud: 'OVHcloud AI Endpoints',
  publicai: 'Public AI',
  replicate: 'Replicate',
  scaleway: 'Scaleway',
  together: 'Together AI',
  wavespeed: 'WaveSpeed',
  'zai-org': 'Z.ai',
} as const;
export type KnownProvider = keyof typeof PROVIDER_NAMES;

/** The router's own choices besides a named provider (`model:fastest`, `model:cheapest`); `auto` follows the account's order. */
export const POLICIES = {
  auto: 'Automatic (your provider order on huggingface.co)',
  fastest: 'Fastest (highest throughput)',
  cheapest: 'Cheapest (lowest price per output token)',
} as const;
export type Policy = keyof typeof POLICIES;
/** What a call is routed to: a policy, or one provider that serves the model. */
export type ProviderChoice = Policy | KnownProvider;

export type ProviderStatus = 'live' | 'staging' | 'error';

export interface ProviderEntry {
  /** The provider's key (`together`, `fireworks-ai`, …). */
  provider: string;
  /** Its name as the Hub shows it; the key itself for a provider this version does not know. */
  name: string;
  /** The model's id at the provider (what the provider is sent). */
  providerId: string;
  status: ProviderStatus;
  /** The task the provider serves it for (`conversational`, `text-to-image`, …). */
  task: string;
  /** Whether `@huggingface/inference` can call this provider (unknown ones are shown, not offered). */
  known: boolean;
}

/** Providers listed at most: more than the Hub has ever had for one model. */
export const MAX_PROVIDERS = 64;

const PROVIDER_KEY = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const TASK = /^[a-z][a-z0-9-]{0,63}$/;
const STATUSES: readonly string[] = ['live', 'staging', 'error'];

/**
 * Why a provider's model id cannot be written into code or sent on, or undefined when it can: 1–200 printable ASCII
 * characters with no quotes, backslash, backtick, `$`, space or other character a string literal or a shell treats
 * specially. Real ids are paths such as `accounts/fireworks/models/llama-v3p1-8b-instruct` or `stability-ai/sdxl:7762…`.
 */
export function providerIdProblem(id: string): string | undefined {
  if (id.length === 0 || id.length > 200) {
    return 'A provider model id has 1 to 200 characters.';
  }
  for (const c of id) {
    const code = c.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f || c === '"' || c === "'" || c === '\\' || c === '`' || c === '$' || c === '<' || c === '>') {
      return `A provider model id may not contain "${code <= 0x20 || code >= 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : c}".`;
    }
  }
  return undefined;
}

export function isKnownProvider(key: string): key is KnownProvider {
  return Object.hasOwn(PROVIDER_NAMES, key);
}

/** The mapping in either shape, as valid entries: live first, then staging, then those in error; by name within each. */
export function parseProviderMapping(raw: unknown): ProviderEntry[] {
  const pairs: [unknown, unknown][] = Array.isArray(raw)
    ? raw.slice(0, MAX_PROVIDERS).map((item): [unknown, unknown] => [(item as { provider?: unknown } | null)?.provider, item])
    : raw && typeof raw === 'object'
      ? Object.entries(raw).slice(0, MAX_PROVIDERS)
      : [];
  const seen = new Set<string>();
  const entries: ProviderEntry[] = [];
  for (const [key, value] of pairs) {
    const entry = parseEntry(key, value);
    if (entry && !seen.has(entry.provider)) {
      seen.add(entry.provider);
      entries.push(entry);
    }
  }
  const rank = (s: ProviderStatus) => STATUSES.indexOf(s);
  return entries.sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name));
}

function parseEntry(key: unknown, value: unknown): ProviderEntry | undefined {
  if (typeof key !== 'string' || !PROVIDER_KEY.test(key) || !value || typeof value !== 'object') {
    return undefined;
  }
  const v = value as { providerId?: unknown; status?: unknown; task?: unknown };
  if (typeof v.providerId !== 'string' || providerIdProblem(v.providerId)) {
    return undefined;
  }
  if (typeof v.task !== 'string' || !TASK.test(v.task)) {
    return undefined;
  }
  const status = typeof v.status === 'string' && STATUSES.includes(v.status) ? (v.status as ProviderStatus) : 'live';
  const known = isKnownProvider(key);
  return { provider: key, name: known ? PROVIDER_NAMES[key] : key, providerId: v.providerId, status, task: v.task, known };
}

/** Entries a call can go to: known providers that are not in error. */
export function callable(entries: readonly ProviderEntry[]): ProviderEntry[] {
  return entries.filter((e) => e.known && e.status !== 'error');
}

/** "Served by 3 Inference Providers (Together AI, Novita, …)" for a hover or a tooltip; undefined when none. */
export function servedLine(entries: readonly ProviderEntry[], shownNames = 3): string | undefined {
  const serving = entries.filter((e) => e.status !== 'error');
  if (serving.length === 0) {
    return undefined;
  }
  const names = serving.slice(0, shownNames).map((e) => e.name);
  const more = serving.length > shownNames ? ', …' : '';
  return `Served by ${serving.length} Inference Provider${serving.length === 1 ? '' : 's'} (${names.join(', ')}${more})`;
}

/** The model name the router's OpenAI-compatible API takes: `id`, `id:together`, `id:fastest`. */
export function routedModel(id: string, choice: ProviderChoice): string {
  return choice === 'auto' ? id : `${id}:${choice}`;
}

/** A choice given from outside (a message, a preset, saved state), when it is one. */
export function parseChoice(value: unknown): ProviderChoice | undefined {
  return typeof value === 'string' && (Object.hasOwn(POLICIES, value) || isKnownProvider(value)) ? (value as ProviderChoice) : undefined;
}

/** The Hub's tasks a conversational provider mapping stands for (chat models are tagged text-generation or image-text-to-text). */
export function isChatTask(task: string | undefined): boolean {
  return task === 'conversational' || task === 'text-generation' || task === 'image-text-to-text';
}
