// Calls to the embedded Inference Providers router (test/hub-server/router.mjs) and readers of its answers, for the
// hub-router*.test.ts files.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_TOKENS, type HubServer } from '../hub-server/server.mjs';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}
export interface Completion {
  object: string;
  id: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string | null }[];
  usage: Usage;
}
export interface Chunk {
  object: string;
  id: string;
  model: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage: Usage | null;
}

export const LLAMA_8B = 'meta-llama/Llama-3.1-8B-Instruct';
export const LLAMA_70B = 'meta-llama/Llama-3.3-70B-Instruct';
/** Live together and fireworks-ai, staging novita. */
export const KESTREL = 'kestrel-labs/Kestrel-2-7B-Instruct';
/** sambanova in error, together and groq live. */
export const AURORA = 'aurora-ml/Aurora-2-70B-Instruct';
/** Only nebius, in error. */
export const NORTHWIND = 'northwind-nlp/Northwind-2-14B-Instruct';
export const FLUX = 'black-forest-labs/FLUX.1-dev';

/** JSON headers with a token (hub-test's by default; null for none). */
export const headersFor = (token: string | null = TEST_TOKENS.hubTest): Record<string, string> => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

export function routerCalls(fixture: { readonly hub: HubServer }) {
  const post = (path: string, body: unknown, token: string | null = TEST_TOKENS.hubTest, signal?: AbortSignal) =>
    fetch(`${fixture.hub.url}/router${path}`, { method: 'POST', headers: headersFor(token), body: JSON.stringify(body), signal });
  const chat = (body: Record<string, unknown>, token: string | null = TEST_TOKENS.hubTest, signal?: AbortSignal) => post('/v1/chat/completions', body, token, signal);
  return { post, chat };
}

export const user = (content: string) => [{ role: 'user', content }];

/** Chunks of a whole event stream, checked to be nothing but `data: …` events with `[DONE]` last, once. */
export function chunksOf(text: string): Chunk[] {
  const blocks = text.split('\n\n');
  assert.equal(blocks.pop(), '', 'the stream ends with a blank line');
  const data = blocks.map((b) => {
    assert.match(b, /^data: /);
    return b.slice('data: '.length);
  });
  assert.equal(data.pop(), '[DONE]');
  assert.ok(!data.includes('[DONE]'));
  return data.map((d) => JSON.parse(d) as Chunk);
}

export const contentOf = (chunks: Chunk[]) => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

/** Reads a body as far as it goes, whether it ends or is cut. */
export async function readAll(response: Response): Promise<{ text: string; cut: boolean }> {
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const piece of response.body as AsyncIterable<Uint8Array>) {
      text += decoder.decode(piece, { stream: true });
    }
    return { text, cut: false };
  } catch {
    return { text, cut: true };
  }
}

export async function waitFor(test: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    assert.ok(Date.now() < end, 'waited too long');
    await sleep(5);
  }
}
