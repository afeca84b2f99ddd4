// Readers of a response body that stop at a byte limit, so a hostile or broken server cannot make the client buffer
// without end. They know nothing of the Hub's errors: the caller says what a body past the limit means.

/**
 * Reads a stream chunk by chunk into one fresh array (not a view into a pooled buffer), cancelling it and throwing
 * `tooLarge()` as soon as it passes `maxBytes`.
 */
export async function readStreamCapped(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads at most `maxBytes` of a body as UTF-8 text and stops reading there (the rest is never downloaded). A character
 * cut in half at the limit is dropped. `truncated` says whether the body was longer.
 */
export async function readTextPrefix(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) {
    return { text: '', truncated: false };
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // In streaming mode the decoder keeps an incomplete last character back instead of replacing it.
  return { text: new TextDecoder().decode(Buffer.concat(chunks), { stream: truncated }), truncated };
}
