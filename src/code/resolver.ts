/**
 * What the Hub says about the repo ids a Python file names, for hovers, CodeLens and diagnostics. Pure (no `vscode`):
 * each (endpoint, type, id) is looked up once per session with one small detail request (plus an access check for gated
 * repos), answers are kept and revalidated in the background once they are old, lookups are queued, de-duplicated and
 * run a few at a time. Anything other than a clear answer is `unknown`, which shows nothing: offline, rate limited or a
 * server error never turns into a false "not found".
 */
import { hubGgufFacts, type GgufFacts } from '../hub/ggufFacts';
import { parseProviderMapping, servedLine } from '../inference/providers';
import { parameterCount } from '../hub/list';
import { isValidRepoId, type RepoType } from '../hub/repoId';
import type { AccessState, GatedState } from '../hub/types';

/** The facts a hover or a diagnostic needs about one repo. */
export interface RepoFacts {
  type: RepoType;
  /** The repo's current id (after a rename). */
  id: string;
  task?: string;
  library?: string;
  sdk?: string;
  license?: string;
  downloads?: number;
  likes: number;
  lastModified?: Date;
  gated: GatedState;
  private: boolean;
  /** The card's `new_version`: the repo the authors point to instead. */
  newVersion?: string;
  /** The repo ships its own Python code (`custom_code` tag or `auto_map` in its config). */
  customCode: boolean;
  /** Models: parameter count (safetensors, else GGUF). */
  params?: number;
  /** GGUF models: the Hub's summary of the header. */
  gguf?: GgufFacts;
  /** Models: "Served by 3 Inference Providers (…)", when any serves it. */
  served?: string;
}

/** `granted` or `denied` for gated repos (checked with the current credentials), undefined otherwise or when unknown. */
export type Access = 'granted' | 'denied' | undefined;

export type Resolution =
  | { state: 'found'; facts: RepoFacts; access: Access }
  | { state: 'renamed'; to: string; facts: RepoFacts; access: Access }
  | { state: 'notFound' }
  | { state: 'unknown'; reason: string };

/** The part of the Hub client the resolver uses (HubClient satisfies it). */
export interface FactsSource {
  readonly endpoint: string;
  repoFields(type: RepoType, id: string, fields: readonly string[], opts?: { signal?: AbortSignal }): Promise<Record<string, unknown> & { id: string }>;
  accessState(type: RepoType, id: string, opts?: { signal?: AbortSignal }): Promise<AccessState>;
}

export interface ResolverOptions {
  /** The client for the current endpoint (read per lookup: the endpoint may change). */
  source: () => FactsSource;
  /** Lookups running at once. */
  concurrency?: number;
  /** Lookups asked for within this window start together (a document's ids arrive in one burst). */
  batchDelayMs?: number;
  /** After this an answer is stale: it is still used, and looked up again once in the background. */
  maxAgeMs?: number;
  /** How long an answer the Hub could not give (a malformed body, a disabled repo) is kept before asking again. */
  unknownAgeMs?: number;
  /** After an offline, timeout, rate-limit or server error, no lookups for this long (or until the rate limit resets). */
  pauseMs?: number;
  now?: () => number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

/** Fields asked for per repo type (the Hub refuses `expand` keys a type does not have). */
export const FACT_FIELDS: Record<RepoType, readonly string[]> = {
  model: ['pipeline_tag', 'library_name', 'downloads', 'likes', 'lastModified', 'gated', 'private', 'cardData', 'tags', 'config', 'safetensors', 'gguf', 'inferenceProviderMapping'],
  dataset: ['downloads', 'likes', 'lastModified', 'gated', 'private', 'cardData', 'tags'],
  space: ['sdk', 'likes', 'lastModified', 'private', 'cardData', 'tags'],
};

/** Errors that say nothing about the repo but about the connection: they pause every lookup. */
const SYSTEMIC = new Set(['offline', 'timeout', 'rateLimited', 'server', 'cancelled']);

interface Entry {
  resolution: Resolution;
  at: number;
  /** Keep only until this time (unknown answers). */
  until?: number;
}

interface Job {
  key: string;
  type: RepoType;
  id: string;
  waiters: ((r: Resolution) => void)[];
}

export type ResolverListener = (changed: { type: RepoType; id: string }[]) => void;

export class RepoResolver {
  private readonly entries = new Map<string, Entry>();
  private readonly queued = new Map<string, Job>();
  private readonly running = new Map<string, Job>();
  private readonly order: string[] = [];
  private readonly listeners = new Set<ResolverListener>();
  private readonly concurrency: number;
  private readonly batchDelayMs: number;
  private readonly maxAgeMs: number;
  private readonly unknownAgeMs: number;
  private readonly pauseMs: number;
  private readonly now: () => number;
  private readonly timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;
  private pauseReason = '';
  private generation = 0;
  private controller = new AbortController();
  /** Requests started, for the cost budget (tests and logs read it): detail requests and access checks. */
  readonly requests = { details: 0, access: 0 };

  constructor(private readonly options: ResolverOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.batchDelayMs = options.batchDelayMs ?? 30;
    this.maxAgeMs = options.maxAgeMs ?? 30 * 60_000;
    this.unknownAgeMs = options.unknownAgeMs ?? 5 * 60_000;
    this.pauseMs = options.pauseMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? globalThis;
  }

  /** The answer known now, without asking the Hub (hovers and code actions read it). */
  peek(type: RepoType, id: string): Resolution | undefined {
    const entry = this.entries.get(this.key(type, id));
    return entry && !this.expired(entry) ? entry.resolution : undefined;
  }

  /**
   * The answer for one id: from memory when known (a stale one is revalidated in the background, and listeners hear
   * of any change), else after one queued lookup. Never rejects.
   */
  resolve(type: RepoType, id: string): Promise<Resolution> {
    const key = this.key(type, id);
    const entry = this.entries.get(key);
    if (entry && !this.expired(entry)) {
      if (this.now() - entry.at > this.maxAgeMs && entry.until === undefined) {
        this.enqueue(key, type, id);
      }
      return Promise.resolve(entry.resolution);
    }
    if (this.now() < this.pausedUntil) {
      return Promise.resolve({ state: 'unknown', reason: this.pauseReason });
    }
    return new Promise((resolve) => this.enqueue(key, type, id).waiters.push(resolve));
  }

  /** Hears of answers that changed after they were first given (revalidation, the end of a pause). */
  onDidChange(listener: ResolverListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Forgets everything (the endpoint or the token changed); lookups in flight are abandoned and answer `unknown`. */
  clear(): void {
    this.generation++;
    this.controller.abort();
    this.controller = new AbortController();
    const pending = [...this.queued.values(), ...this.running.values()];
    this.entries.clear();
    this.queued.clear();
    this.running.clear();
    this.order.length = 0;
    this.pausedUntil = 0;
    if (this.flushTimer !== undefined) {
      this.timers.clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.resumeTimer !== undefined) {
      this.timers.clearTimeout(this.resumeTimer);
      this.resumeTimer = undefined;
    }
    for (const job of pending) {
      job.waiters.forEach((w) => w({ state: 'unknown', reason: 'cancelled' }));
    }
  }

  dispose(): void {
    this.clear();
    this.listeners.clear();
  }

  private key(type: RepoType, id: string): string {
    return `${this.options.source().endpoint}\n${type}\n${id}`;
  }

  private expired(entry: Entry): boolean {
    return entry.until !== undefined && this.now() >= entry.until;
  }

  private enqueue(key: string, type: RepoType, id: string): Job {
    const existing = this.queued.get(key) ?? this.running.get(key);
    if (existing) {
      return existing;
    }
    const job: Job = { key, type, id, waiters: [] };
    this.queued.set(key, job);
    this.order.push(key);
    this.flushTimer ??= this.timers.setTimeout(() => {
      this.flushTimer = undefined;
      this.pump();
    }, this.batchDelayMs);
    return job;
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.order.length > 0) {
      const key = this.order.shift()!;
      const job = this.queued.get(key);
      if (!job) {
        continue;
      }
      this.queued.delete(key);
      if (this.now() < this.pausedUntil) {
        this.settle(job, { state: 'unknown', reason: this.pauseReason }, this.generation, false);
        continue;
      }
      this.running.set(key, job);
      const generation = this.generation;
      void this.lookup(job.type, job.id, this.controller.signal).then(({ resolution, keep }) => {
        if (generation !== this.generation) {
          return;
        }
        this.running.delete(key);
        this.settle(job, resolution, generation, keep);
        this.pump();
      });
    }
  }

  private settle(job: Job, resolution: Resolution, generation: number, keep: boolean): void {
    if (generation !== this.generation) {
      return;
    }
    const previous = this.entries.get(job.key);
    if (keep) {
      const now = this.now();
      this.entries.set(job.key, { resolution, at: now, until: resolution.state === 'unknown' ? now + this.unknownAgeMs : undefined });
    } else if (previous && previous.resolution.state !== 'unknown') {
      // A revalidation that could not reach the Hub keeps the answer it had; it is tried again after the pause.
      previous.at = this.now() - this.maxAgeMs + this.pauseMs;
    }
    job.waiters.forEach((w) => w(resolution));
    if (previous && keep && !sameResolution(previous.resolution, resolution)) {
      this.emit([{ type: job.type, id: job.id }]);
    }
  }

  private async lookup(type: RepoType, id: string, signal: AbortSignal): Promise<{ resolution: Resolution; keep: boolean }> {
    const source = this.options.source();
    let body: Record<string, unknown> & { id: string };
    try {
      this.requests.details++;
      body = await source.repoFields(type, id, FACT_FIELDS[type], { signal });
    } catch (e) {
      return this.failed(e);
    }
    const facts = parseFacts(type, body, id);
    let access: Access;
    if (facts.gated) {
      try {
        this.requests.access++;
        const state = await source.accessState(type, facts.id, { signal });
        access = state === 'granted' ? 'granted' : state === 'gated' ? 'denied' : undefined;
      } catch (e) {
        const kind = errorKind(e);
        if (kind && SYSTEMIC.has(kind)) {
          this.pause(e, kind);
        }
        access = undefined;
      }
    }
    const resolution: Resolution = facts.id === id ? { state: 'found', facts, access } : { state: 'renamed', to: facts.id, facts, access };
    return { resolution, keep: true };
  }

  private failed(e: unknown): { resolution: Resolution; keep: boolean } {
    const kind = errorKind(e) ?? 'unexpected';
    if (kind === 'notFound') {
      return { resolution: { state: 'notFound' }, keep: true };
    }
    if (SYSTEMIC.has(kind)) {
      this.pause(e, kind);
      return { resolution: { state: 'unknown', reason: kind }, keep: false };
    }
    // forbidden (a disabled repo), unauthorized (a refused token), badResponse, badRequest: nothing to say about the id.
    return { resolution: { state: 'unknown', reason: kind }, keep: true };
  }

  /** Stops lookups until the Hub can be expected to answer again, then tells listeners to try again. */
  private pause(e: unknown, kind: string): void {
    if (kind === 'cancelled') {
      return;
    }
    const resetAt = (e as { resetAt?: unknown }).resetAt;
    const until = typeof resetAt === 'number' && resetAt > this.now() ? resetAt : this.now() + this.pauseMs;
    if (until <= this.pausedUntil) {
      return;
    }
    this.pausedUntil = until;
    this.pauseReason = kind;
    if (this.resumeTimer !== undefined) {
      this.timers.clearTimeout(this.resumeTimer);
    }
    const generation = this.generation;
    this.resumeTimer = this.timers.setTimeout(() => {
      this.resumeTimer = undefined;
      if (generation === this.generation) {
        this.emit([]);
      }
    }, until - this.now());
    (this.resumeTimer as { unref?: () => void }).unref?.();
  }

  private emit(changed: { type: RepoType; id: string }[]): void {
    for (const listener of this.listeners) {
      listener(changed);
    }
  }
}

/**
 * Reads the error kind of a HubError by shape, not by class: this module is also bundled into a lazily loaded chunk,
 * whose copy of the HubError class is not the one the client throws.
 */
function errorKind(e: unknown): string | undefined {
  const kind = (e as { kind?: unknown } | undefined)?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * Maps a `repoFields` body to facts; unknown or mistyped fields are left out. Ids the Hub sends are checked here, as
 * they enter: quick fixes write them into code, so a `new_version` that is not a valid repo id is dropped, and a body
 * `id` that is not one is no rename: the facts keep `requested`, the id the lookup asked for.
 */
export function parseFacts(type: RepoType, body: Record<string, unknown> & { id: string }, requested: string = body.id): RepoFacts {
  const id = typeof body.id === 'string' && isValidRepoId(body.id) ? body.id : requested;
  const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
  const cardData = isRecord(body.cardData) ? body.cardData : undefined;
  const config = isRecord(body.config) ? body.config : undefined;
  const cardLicense = cardData?.license;
  const license =
    typeof cardLicense === 'string' ? cardLicense : Array.isArray(cardLicense) && typeof cardLicense[0] === 'string' ? cardLicense[0] : tags.find((t) => t.startsWith('license:'))?.slice(8);
  const cardVersion = typeof cardData?.new_version === 'string' ? cardData.new_version.trim() : '';
  const newVersion = cardVersion !== id && isValidRepoId(cardVersion) ? cardVersion : undefined;
  const lastModified = typeof body.lastModified === 'string' ? new Date(body.lastModified) : undefined;
  const gguf = hubGgufFacts(body.gguf);
  return {
    type,
    id,
    task: str(body.pipeline_tag),
    library: str(body.library_name),
    sdk: str(body.sdk),
    license,
    downloads: typeof body.downloads === 'number' && Number.isFinite(body.downloads) ? body.downloads : undefined,
    likes: typeof body.likes === 'number' && Number.isFinite(body.likes) ? body.likes : 0,
    lastModified: lastModified && !Number.isNaN(lastModified.getTime()) ? lastModified : undefined,
    gated: body.gated === 'auto' || body.gated === 'manual' ? body.gated : body.gated === true ? 'auto' : false,
    private: body.private === true,
    newVersion,
    customCode: tags.includes('custom_code') || isRecord(config?.auto_map),
    ...optional('params', parameterCount({ safetensors: body.safetensors, gguf: body.gguf })),
    ...optional('gguf', gguf),
    ...optional('served', type === 'model' ? servedLine(parseProviderMapping(body.inferenceProviderMapping)) : undefined),
  };
}

function sameResolution(a: Resolution, b: Resolution): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ [key]: value }` when there is a value, else nothing: facts compare equal whether a field was never there or empty. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
