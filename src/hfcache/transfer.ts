// One file's bytes into its `.incomplete` file: resume with `Range: bytes=<n>-` (a 206 continues, a 200 starts over),
// the kept prefix hashed again so the sha256 covers every byte, writes batched with one in flight, and a verdict at the
// end: the expected size, and for LFS files the expected sha256, or the partial file is deleted and nothing is linked.
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { fromThrown, HubError } from '../hub/errors';
import type { HubFetch } from '../hub/http';
import { diskError, fsCode, type FsSeam } from './fsSeam';

/** Bytes gathered before one write. */
const WRITE_BATCH = 1024 * 1024;
const READ_CHUNK = 4 * 1024 * 1024;

export interface TransferInput {
  url: string;
  /** The `.incomplete` file: appended to when it exists, renamed by the caller once verified. */
  partial: string;
  size: number;
  /** For LFS files: the sha256 (hex) the bytes must have. */
  sha256?: string;
  /** The repo path, for messages. */
  label: string;
  fetch: HubFetch;
  fs: FsSeam;
  signal?: AbortSignal;
  /** Called with the bytes of this file on disk so far (resumed prefix included). */
  onBytes?: (fileBytes: number) => void;
}

export interface TransferOutcome {
  /** Bytes received over the network in this call. */
  received: number;
  /** The offset the request asked to resume from (0 for a fresh start). */
  resumedFrom: number;
}

/** Completes `input.partial` from the network and verifies it; throws a HubError, leaving a resumable prefix unless the bytes were wrong. */
export async function transferFile(input: TransferInput): Promise<TransferOutcome> {
  const { fs } = input;
  let offset = (await fs.stat(input.partial).catch(() => undefined))?.size ?? 0;
  if (offset > input.size) {
    await fs.rm(input.partial, { force: true });
    offset = 0;
  }
  const hash = input.sha256 ? createHash('sha256') : undefined;
  let received = 0;
  const resumedFrom = offset;
  if (input.size === 0) {
    // Nothing to fetch: an empty file is its own content.
    await fs.writeFile(input.partial, '').catch(async (e: unknown) => Promise.reject(await diskError(e, input.label, input.partial, fs)));
  } else if (offset < input.size) {
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    const response = await input.fetch(input.url, { headers, signal: input.signal });
    if (offset > 0 && response.status === 200) {
      // The server ignored the range: start over.
      offset = 0;
    } else if (offset > 0 && (response.status !== 206 || !rangeStartsAt(response.headers.get('content-range'), offset))) {
      await response.body?.cancel().catch(() => undefined);
      throw new HubError('badResponse', `${input.label}: the server answered the resume request with the wrong range.`);
    }
    if (hash && offset > 0) {
      await hashPrefix(input.partial, offset, hash, fs);
    }
    received = await writeBody(response, input, offset, hash);
    offset += received;
  } else if (hash) {
    await hashPrefix(input.partial, offset, hash, fs);
  }
  if (offset !== input.size) {
    throw new HubError('offline', `${input.label}: the connection ended after ${offset} of ${input.size} bytes; it will resume from there.`);
  }
  const digest = hash?.digest('hex');
  if (input.sha256 && digest !== input.sha256) {
    await fs.rm(input.partial, { force: true });
    throw new HubError(
      'badResponse',
      `${input.label}: the downloaded bytes do not match their sha256 (expected ${input.sha256.slice(0, 12)}…, got ${digest?.slice(0, 12)}…); the file was discarded.`,
    );
  }
  return { received, resumedFrom };
}

function rangeStartsAt(contentRange: string | null, offset: number): boolean {
  return !!contentRange && contentRange.trim().startsWith(`bytes ${offset}-`);
}

async function hashPrefix(path: string, length: number, hash: Hash, fs: FsSeam): Promise<void> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK, Math.max(1, length)));
    let position = 0;
    while (position < length) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - position), position);
      if (bytesRead === 0) {
        break;
      }
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** Streams the body to the partial file from `offset` (truncating when 0); returns the bytes written. */
async function writeBody(response: Response, input: TransferInput, offset: number, hash: Hash | undefined): Promise<number> {
  const { fs } = input;
  let handle: FileHandle;
  try {
    handle = await fs.open(input.partial, offset === 0 ? 'w' : 'a');
  } catch (e) {
    await response.body?.cancel().catch(() => undefined);
    throw await diskError(e, input.label, input.partial, fs);
  }
  const host = new URL(input.url).host;
  let written = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let writeFailure: Error | undefined;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batchBytes === 0) {
      return;
    }
    // writev: the chunks go to the file as they came, without being copied into one buffer first.
    const data = batch;
    batch = [];
    batchBytes = 0;
    await pending;
    pending = handle.writev(data).then(
      () => undefined,
      (e: unknown) => {
        writeFailure = e instanceof Error ? e : new Error(String(e));
      },
    );
  };
  /** A failed write surfaces at the next chunk (the closure's assignment is invisible to narrowing, hence a function). */
  const throwIfFailed = () => {
    if (writeFailure) {
      throw writeFailure;
    }
  };
  const reader = response.body?.getReader();
  try {
    for (;;) {
      let chunk: { done: boolean; value?: Uint8Array };
      try {
        chunk = reader ? await reader.read() : { done: true, value: undefined };
      } catch (e) {
        // What arrived before the connection was lost is kept: the next attempt resumes after it.
        written += batchBytes;
        await flush();
        await pending;
        throwIfFailed();
        throw fromThrown(input.signal?.aborted ? input.signal.reason ?? e : e, host, false);
      }
      throwIfFailed();
      if (chunk.done || !chunk.value) {
        break;
      }
      if (offset + written + batchBytes + chunk.value.byteLength > input.size) {
        throw new HubError('badResponse', `${input.label}: the server sent more than the ${input.size} bytes the file has.`);
      }
      hash?.update(chunk.value);
      batch.push(chunk.value);
      batchBytes += chunk.value.byteLength;
      input.onBytes?.(offset + written + batchBytes);
      if (batchBytes >= WRITE_BATCH) {
        written += batchBytes;
        await flush();
      }
    }
    written += batchBytes;
    await flush();
    await pending;
    throwIfFailed();
    input.onBytes?.(offset + written);
    return written;
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    await pending;
    throw e instanceof HubError ? e : fsCode(e) ? await diskError(e, input.label, input.partial, fs) : fromThrown(e, host, false);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
