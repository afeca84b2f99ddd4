// What code insights asked the Hub, kept for the session: one map type for the completion searches, README paragraphs
// and closest-id suggestions, with an optional time to live and a size bound, keyed by endpoint, repo type and text.
import type { RepoType } from '../hub/repoId';

/** The key of one question to one Hub: another endpoint (or type) is another answer. */
export function sessionKey(endpoint: string, type: RepoType, text: string): string {
  return `${endpoint}\n${type}\n${text}`;
}

export class SessionCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();

  constructor(private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (this.options.ttlMs !== undefined && this.now() - entry.at >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` under `key`; past `maxEntries`, the oldest entry goes. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    if (this.options.maxEntries !== undefined && this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  /** Forgets `key`, but only while it still holds `value` (a failed request must not drop the answer that replaced it). */
  deleteIf(key: string, value: V): void {
    if (this.entries.get(key)?.value === value) {
      this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/**
 * A promise kept for the session: `load` runs once per key, its answer is shared, and a failure is forgotten so the
 * next ask tries again.
 */
export function cachedPromise<V>(cache: SessionCache<Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const value = load();
  cache.set(key, value);
  value.catch(() => cache.deleteIf(key, value));
  return value;
}
