/**
 * Reads a GGUF file's header over HTTP range requests with `@huggingface/gguf`, the Hub's own parser (it reads 2 MB
 * ranges until the metadata and tensor table are parsed; the weights are never fetched). Part of the `@huggingface/tasks`
 * chunk (tasks.lazy.ts), since the parser imports that package whole.
 */
import { GGMLFileQuantizationType, gguf } from '@huggingface/gguf';
import { HubError, isCancellation } from './errors';
import { headerGgufFacts, type GgufFacts } from './ggufFacts';
import { contentLength, isEncoded } from './headers';

/** A header needing more than this is refused (the largest real vocabularies make headers of about 10 MB). */
export const MAX_HEADER_BYTES = 32 * 1024 * 1024;

export interface GgufHeader {
  facts: GgufFacts;
  /** Bytes fetched to read it. */
  bytes: number;
  /** The file's size, from the first answer's `Content-Range`. */
  fileSize?: number;
}

const fileTypeName = (n: number): string | undefined => (GGMLFileQuantizationType as unknown as Record<number, string | undefined>)[n];

/**
 * The facts of the GGUF file at `url`, through `fetch` (the Hub client's, so the token goes only where it may).
 * A server that ignores the range (a 200 with the whole file) is refused rather than read.
 */
export async function readGgufHeader(url: string, fetch: typeof globalThis.fetch): Promise<GgufHeader> {
  let bytes = 0;
  let fileSize: number | undefined;
  const ranged: typeof globalThis.fetch = async (input, init) => {
    if (bytes >= MAX_HEADER_BYTES) {
      throw new HubError('badResponse', `The GGUF header is larger than ${MAX_HEADER_BYTES / 1024 / 1024} MB; it was not read.`);
    }
    const response = await fetch(input, init);
    if (response.status !== 206) {
      await response.body?.cancel();
      throw new HubError('badResponse', `The server answered ${response.status} to a byte-range request; the GGUF header was not read.`);
    }
    fileSize ??= Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]) || undefined;
    // A range's declared length is what it holds (fetch ends the body there), so the answer goes to the parser as it
    // is; one without a declared length is read here to be counted.
    const declared = isEncoded(response.headers) ? undefined : contentLength(response.headers);
    if (declared !== undefined) {
      bytes += declared;
      return response;
    }
    const body = new Uint8Array(await response.arrayBuffer());
    bytes += body.byteLength;
    return new Response(body, { status: 206, headers: response.headers });
  };
  try {
    const parsed = await gguf(url, { fetch: ranged, computeParametersCount: true });
    return { facts: headerGgufFacts(parsed.metadata as Record<string, unknown>, parsed.parameterCount, fileTypeName), bytes, fileSize };
  } catch (e) {
    if (e instanceof HubError || isCancellation(e)) {
      throw e;
    }
    throw new HubError('badResponse', `The file is not a GGUF file this extension can read (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}).`);
  }
}
