/**
 * A bounded least-recently-used cache, for what the Hub answered and can be revalidated cheaply: cards (their README's
 * ETag) and repo details (the commit they were read at). Bounded by entry count and by an estimate of the memory its
 * values hold, so browsing for hours never grows the extension host: the oldest entries go first.
 */
export interface LruOptions<V> {
  maxEntries: number;
  /** Upper bound of the summed `sizeOf` of all values. */
  maxBytes: number;
  /** Estimated bytes a value holds; called once, when it is stored. */
  sizeOf: (value: V) => number;
}

export class LruCache<V> {
  /** Map iteration order is insertion order: the first key is the least recently used. */
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(private readonly options: LruOptions<V>) {}

  /** The value, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores a value as the most recently used, evicting the least recently used ones past either bound. A value larger than the whole budget is not kept. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = Math.max(0, this.options.sizeOf(value));
    if (bytes > this.options.maxBytes || this.options.maxEntries < 1) {
      return;
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.total <= this.options.maxBytes) {
        break;
      }
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) {
      return false;
    }
    this.entries.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The summed estimated size of the values held. */
  get bytes(): number {
    return this.total;
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/** Rough bytes a JavaScript string holds (UTF-16). */
export function stringBytes(text: string): number {
  return text.length * 2;
}

/** Rough bytes of plain data (what JSON would spell, as UTF-16); for values without cycles. */
export function dataBytes(value: unknown): number {
  return stringBytes(JSON.stringify(value) ?? '');
}
