/**
 * Cards kept on disk (the extension's global storage), so that a card opens after a window reload from one conditional
 * request, and offline at all. One JSON file a card, named by a hash of its key (endpoint, account fingerprint, repo);
 * the key is stored inside and checked on read, so a file is only ever shown for the key it was written for. Bounded by
 * a total size: the least recently read files go first (a read touches the file's time). Writes go to a temporary file
 * that is then renamed, so another window never reads half a card. A file that does not parse, is of another format or
 * another key is ignored and removed; nothing in the folder can make a card fail. The token is never written: the
 * account part of a key is a salted fingerprint of it (./account.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { hubGgufFacts } from '../hub/ggufFacts';
import { parseProviderMapping } from '../inference/providers';
import { toSummary } from '../hub/list';
import type { RepoType } from '../hub/repoId';
import type { RepoDetails } from '../hub/types';
import type { ReadmeState } from './model';

export type StoreFs = Pick<typeof fsp, 'readFile' | 'writeFile' | 'rename' | 'rm' | 'readdir' | 'stat' | 'utimes' | 'mkdir'>;

/** What the store keeps of a card: what the loader needs to show it and to revalidate it. */
export interface StoredCard {
  details: RepoDetails;
  readme: { state: ReadmeState; etag?: string; commit?: string };
  /** When the Hub last sent or confirmed it (ms since the epoch). */
  fetchedAt: number;
}

const FORMAT = 'hf-card/1';
const SUFFIX = '.card.json';
/** A temporary file older than this was left by a window that stopped mid-write. */
const STALE_TEMP_MS = 10 * 60 * 1000;

interface Entry {
  bytes: number;
  used: number;
}

export class CardStore {
  /** The folder's card files by name, with their size and last use; read from the folder on first use. */
  private index: Promise<Map<string, Entry>> | undefined;
  /** One write at a time, so eviction sees the sizes of the writes before it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly folder: string,
    private readonly maxBytes: () => number,
    private readonly fs: StoreFs = fsp,
    private readonly now: () => number = Date.now,
  ) {}

  /** The card stored for `key` and type, or undefined when there is none or its file is unusable. */
  async get(key: string, type: RepoType): Promise<StoredCard | undefined> {
    if (this.maxBytes() <= 0) {
      // Keeping none also means removing those kept before the setting changed.
      await this.evict(await this.entries(), 0);
      return undefined;
    }
    const name = fileName(key);
    const path = join(this.folder, name);
    let text: string;
    try {
      text = await this.fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const card = parseStored(text, key, type);
    const index = await this.entries();
    if (!card) {
      index.delete(name);
      await this.fs.rm(path, { force: true }).catch(() => undefined);
      return undefined;
    }
    const used = this.now();
    index.set(name, { bytes: Buffer.byteLength(text), used });
    await this.fs.utimes(path, used / 1000, used / 1000).catch(() => undefined);
    return card;
  }

  /** Stores the card for `key`, then evicts the least recently used cards past the size bound. Never throws. */
  set(key: string, card: StoredCard): Promise<void> {
    const write = this.queue.then(() => this.write(key, card)).catch(() => undefined);
    this.queue = write;
    return write;
  }

  /** Settles when the writes asked for so far are done. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Forgets the card for `key` (the Hub no longer shows it to this account). */
  async delete(key: string): Promise<void> {
    const name = fileName(key);
    (await this.entries()).delete(name);
    await this.fs.rm(join(this.folder, name), { force: true }).catch(() => undefined);
  }

  /** The summed size of the stored cards, in bytes. */
  async bytes(): Promise<number> {
    let total = 0;
    for (const entry of (await this.entries()).values()) {
      total += entry.bytes;
    }
    return total;
  }

  private async write(key: string, card: StoredCard): Promise<void> {
    const max = this.maxBytes();
    if (max <= 0) {
      return;
    }
    const text = JSON.stringify({ format: FORMAT, key, ...card });
    const bytes = Buffer.byteLength(text);
    if (bytes > max) {
      return;
    }
    const index = await this.entries();
    const name = fileName(key);
    const temp = join(this.folder, `${name}.${randomUUID()}.tmp`);
    await this.fs.mkdir(this.folder, { recursive: true });
    try {
      await this.fs.writeFile(temp, text, 'utf8');
      await this.fs.rename(temp, join(this.folder, name));
    } catch (e) {
      await this.fs.rm(temp, { force: true }).catch(() => undefined);
      throw e;
    }
    index.set(name, { bytes, used: this.now() });
    await this.evict(index, max);
  }

  private async evict(index: Map<string, Entry>, max: number): Promise<void> {
    let total = 0;
    for (const entry of index.values()) {
      total += entry.bytes;
    }
    const oldestFirst = [...index].sort((a, b) => a[1].used - b[1].used);
    for (const [name, entry] of oldestFirst) {
      if (total <= max) {
        break;
      }
      index.delete(name);
      total -= entry.bytes;
      await this.fs.rm(join(this.folder, name), { force: true }).catch(() => undefined);
    }
  }

  private entries(): Promise<Map<string, Entry>> {
    this.index ??= this.scan();
    return this.index;
  }

  /** The folder's card files; temporary files a stopped window left behind are removed, other files ignored. */
  private async scan(): Promise<Map<string, Entry>> {
    const index = new Map<string, Entry>();
    const names = await this.fs.readdir(this.folder).catch(() => [] as string[]);
    for (const name of names) {
      const isCard = name.endsWith(SUFFIX);
      if (!isCard && !name.endsWith('.tmp')) {
        continue;
      }
      const stats = await this.fs.stat(join(this.folder, name)).catch(() => undefined);
      if (!stats?.isFile()) {
        continue;
      }
      if (isCard) {
        index.set(name, { bytes: stats.size, used: stats.mtimeMs });
      } else if (this.now() - stats.mtimeMs > STALE_TEMP_MS) {
        await this.fs.rm(join(this.folder, name), { force: true }).catch(() => undefined);
      }
    }
    return index;
  }
}

/** A key's file name: 40 hex digits of its SHA-256, so no part of a key (a repo id, an endpoint) reaches a path. */
export function fileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}${SUFFIX}`;
}

/** The card a file holds, checked field by field as if the Hub had sent it; undefined for anything else. */
export function parseStored(text: string, key: string, type: RepoType): StoredCard | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || raw.format !== FORMAT || raw.key !== key || !isRecord(raw.details) || !isRecord(raw.readme)) {
    return undefined;
  }
  const fetchedAt = raw.fetchedAt;
  const details = parseDetails(type, raw.details);
  const readme = parseReadme(raw.readme);
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt) || !details || !readme) {
    return undefined;
  }
  return { details, readme, fetchedAt };
}

function parseDetails(type: RepoType, raw: Record<string, unknown>): RepoDetails | undefined {
  const runtime = typeof raw.stage === 'string' ? { stage: raw.stage } : undefined;
  const summary = toSummary(type, { ...raw, pipeline_tag: raw.task, library_name: raw.library, runtime, safetensors: { total: raw.params } });
  if (!summary) {
    return undefined;
  }
  const gguf = isRecord(raw.gguf) ? hubGgufFacts({ architecture: raw.gguf.architecture, total: raw.gguf.parameters, context_length: raw.gguf.contextLength }) : undefined;
  const providers = type === 'model' ? parseProviderMapping(raw.providers) : [];
  return {
    ...summary,
    ...(gguf ? { gguf } : {}),
    ...(providers.length ? { providers } : {}),
    sha: optionalString(raw.sha),
    license: optionalString(raw.license),
    cardData: isRecord(raw.cardData) ? raw.cardData : undefined,
    files: Array.isArray(raw.files) ? raw.files.filter((f): f is string => typeof f === 'string') : [],
  };
}

function parseReadme(raw: Record<string, unknown>): StoredCard['readme'] | undefined {
  const state = raw.state;
  if (!isRecord(state)) {
    return undefined;
  }
  let parsed: ReadmeState;
  if (state.kind === 'missing') {
    parsed = { kind: 'missing' };
  } else if (state.kind === 'text' && typeof state.markdown === 'string') {
    parsed = { kind: 'text', markdown: state.markdown, cut: state.cut === true };
  } else {
    return undefined;
  }
  return { state: parsed, etag: optionalString(raw.etag), commit: optionalString(raw.commit) };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
