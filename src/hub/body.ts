// Reading the Hub's answers: every body is size-capped, web pages where JSON was expected are named as such, and
// whatever goes wrong while reading becomes a HubError.
import { HubError, readError } from './errors';
import { contentLength, isEncoded } from './headers';
import { readStreamCapped } from './stream';

function tooLarge(response: Response, maxBytes: number): HubError {
  const host = response.url ? new URL(response.url).host : 'The Hub';
  return new HubError('badResponse', `${host} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB; the answer was not read.`);
}

/** Refuses, unread, a body whose declared length is over the cap; returns that length when it is declared. */
async function refuseDeclaredOver(response: Response, maxBytes: number, refusal: () => HubError): Promise<number | undefined> {
  const declared = contentLength(response.headers);
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw refusal();
  }
  return declared;
}

/**
 * Reads a body as UTF-8 text, failing with `badResponse` once it passes `maxBytes`. A body whose declared length is
 * within the cap and that is not compressed is read in one go, which is cheaper than chunk by chunk: fetch never
 * delivers more than the declared length of such a body (the HTTP/1.1 parser ends the body there), and the length is
 * checked once more after the read. Any other body is counted while it streams and abandoned at the cap.
 */
export async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = await refuseDeclaredOver(response, maxBytes, () => tooLarge(response, maxBytes));
  if (!response.body) {
    return '';
  }
  if (declared !== undefined && !isEncoded(response.headers)) {
    const text = await response.text();
    // Never more characters than bytes: a text longer than the cap came from a body longer than the cap.
    if (text.length > maxBytes) {
      throw tooLarge(response, maxBytes);
    }
    return text;
  }
  return new TextDecoder().decode(await readStreamCapped(response.body, maxBytes, () => tooLarge(response, maxBytes)));
}

/** A body as bytes, refused with `tooLarge()` once it is declared or found to be larger than `maxBytes`. */
export async function readBytesCapped(response: Response, maxBytes: number, host: string, tooLarge: () => HubError): Promise<Uint8Array> {
  await refuseDeclaredOver(response, maxBytes, tooLarge);
  if (!response.body) {
    return new Uint8Array(0);
  }
  try {
    return await readStreamCapped(response.body, maxBytes, tooLarge);
  } catch (e) {
    throw readError(e, host);
  }
}

/**
 * Fails for a web page where the API answers JSON: a proxy's login page, a captive portal or an endpoint that is a
 * website, not a Hub. Said plainly, as "not valid JSON" would send the user looking in the wrong place.
 */
export async function refuseWebPage(response: Response, host: string): Promise<void> {
  if (/^\s*text\/html/i.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel().catch(() => undefined);
    throw new HubError('badResponse', `${host} sent a web page where data was expected: a proxy, a sign-in page of the network or a wrong endpoint may be in the way.`);
  }
}

/**
 * The same response with its body limited to `maxBytes` (declared or counted while it streams), for readers that do not
 * cap what they read themselves (`@huggingface/hub` calls `response.json()`). A body past the limit fails with
 * `badResponse` instead of being buffered whole.
 */
export async function capResponse(response: Response, maxBytes: number): Promise<Response> {
  await refuseDeclaredOver(response, maxBytes, () => tooLarge(response, maxBytes));
  if (!response.body) {
    return response;
  }
  let size = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.error(tooLarge(response, maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Reads and parses a JSON body (size-capped); malformed or truncated JSON becomes a `badResponse` error. */
export async function readJson(response: Response, maxBytes: number, host: string): Promise<unknown> {
  await refuseWebPage(response, host);
  let text: string;
  try {
    text = await readTextCapped(response, maxBytes);
  } catch (e) {
    throw readError(e, host);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HubError('badResponse', `${host} sent an answer that is not valid JSON.`, { cause: e });
  }
}
