/**
 * Inference Providers through `@huggingface/inference`, the Hub's own client and snippet generator, in the inference
 * chunk (./inference.lazy.ts), loaded the first time a user tries a model or asks for its inference code. The library
 * builds every request; the fetch it is given sends them only to the configured router and Hub (./endpoint.ts) and
 * reports each response, so errors are told from the router's real status and headers.
 */
import { InferenceClient, snippets } from '@huggingface/inference';
import type { ChatSettings, ChatTurn } from './chat';
import { requestMessages, requestParameters } from './chat';
import { routeLibraryUrl, snippetForRouter, type RouterEndpoint } from './endpoint';
import { problemFromException, problemFromResponse, type InferenceProblem } from './errors';
import { routedModel, type ProviderChoice, type ProviderEntry } from './providers';

/** Until the router answers with headers; a stream may then take as long as the model does. */
const HEADERS_DEADLINE_MS = 60_000;
/** Images larger than this are refused (a 4096² PNG is about 30 MB). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export interface CallContext {
  where: RouterEndpoint;
  token: string | undefined;
  signal: AbortSignal;
  /** Called with every URL sent (tests and the log see where calls went; never the token). */
  onRequest?: (url: string) => void;
}

/** A failed call: what went wrong, as the router said it. */
export class InferenceCallError extends Error {
  constructor(readonly problem: InferenceProblem) {
    super(problem.message);
  }
}

interface Seen {
  status?: number;
  headers?: Headers;
}

/** The fetch handed to the library: routed (or refused), with a deadline for the headers; notes what came back. */
function routedFetch(ctx: CallContext, seen: Seen): typeof fetch {
  return async (input, init) => {
    const asked = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const routed = routeLibraryUrl(asked, ctx.where);
    if (!routed) {
      throw new Error(`A request to ${new URL(asked).host} was not sent: Inference Providers calls go only to ${ctx.where.router ?? 'the configured router'} and ${ctx.where.hub}.`);
    }
    const headers = new Headers(init?.headers);
    if (!routed.sendsToken) {
      headers.delete('authorization');
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('The router did not answer within a minute.')), HEADERS_DEADLINE_MS);
    const signal = AbortSignal.any([ctx.signal, deadline.signal, ...(init?.signal ? [init.signal] : [])]);
    ctx.onRequest?.(routed.url);
    try {
      const response = await fetch(routed.url, { ...init, headers, signal });
      seen.status = response.status;
      seen.headers = response.headers;
      return response;
    } finally {
      clearTimeout(timer);
    }
  };
}

function client(ctx: CallContext, seen: Seen): InferenceClient {
  return new InferenceClient(ctx.token, { fetch: routedFetch(ctx, seen), retry_on_error: false, signal: ctx.signal });
}

/** The library's error as a problem: from the status it carried (or the one the fetch saw), else from the exception. */
function problemOf(error: unknown, seen: Seen, context: { model: string; provider: string; signedIn: boolean }): InferenceProblem {
  const response = (error as { httpResponse?: { status?: unknown; body?: unknown } } | null)?.httpResponse;
  const status = typeof response?.status === 'number' ? response.status : seen.status && seen.status >= 400 ? seen.status : undefined;
  return status ? problemFromResponse(status, response?.body, seen.headers, context) : problemFromException(error);
}

export interface ChatRequest {
  model: string;
  provider: ProviderChoice;
  settings: ChatSettings;
  turns: readonly ChatTurn[];
}

/** A streamed answer: its deltas, then the finish reason (undefined when the stream ended without one: cut). */
export async function* streamChat(ctx: CallContext, request: ChatRequest): AsyncGenerator<{ delta: string } | { finish: string | undefined }> {
  const seen: Seen = {};
  let finish: string | undefined;
  try {
    const stream = client(ctx, seen).chatCompletionStream(
      { provider: 'auto', model: routedModel(request.model, request.provider), messages: requestMessages(request.settings, request.turns), ...requestParameters(request.settings) },
      { signal: ctx.signal },
    );
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (typeof delta === 'string' && delta) {
        yield { delta };
      }
      if (typeof choice?.finish_reason === 'string' && choice.finish_reason) {
        finish = choice.finish_reason;
      }
    }
  } catch (error) {
    if (ctx.signal.aborted) {
      return;
    }
    if (seen.status === 200) {
      // The answer had started: the connection broke, which is a cut stream, not a refusal.
      yield { finish: undefined };
      return;
    }
    throw new InferenceCallError(problemOf(error, seen, { model: request.model, provider: request.provider, signedIn: !!ctx.token }));
  }
  yield { finish };
}

/** One image for `prompt` from `provider` (a provider that serves the model for text-to-image). */
export async function textToImage(ctx: CallContext, model: string, provider: ProviderChoice, prompt: string): Promise<{ mime: string; bytes: Uint8Array }> {
  const seen: Seen = {};
  try {
    const blob = await client(ctx, seen).textToImage({ provider: provider === 'fastest' || provider === 'cheapest' ? 'auto' : provider, model, inputs: prompt }, { signal: ctx.signal, outputType: 'blob' });
    if (blob.size > MAX_IMAGE_BYTES) {
      throw new InferenceCallError({ kind: 'other', message: `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB and was not shown.`, retryable: false });
    }
    return { mime: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) };
  } catch (error) {
    if (error instanceof InferenceCallError) {
      throw error;
    }
    throw new InferenceCallError(problemOf(error, seen, { model, provider, signedIn: !!ctx.token }));
  }
}

export interface CodeSnippet {
  language: string;
  client: string;
  content: string;
}

/**
 * The Hub's inference snippets for a model and provider, as `getInferenceSnippets` writes them, with the token left out
 * (the code reads `HF_TOKEN`). `model` must hold only checked fields (the caller builds it); `entry` is the provider's
 * checked mapping entry, absent for a policy.
 */
export function inferenceSnippets(
  model: { id: string; pipeline_tag: string; library_name?: string; tags: string[] },
  provider: ProviderChoice,
  entry: ProviderEntry | undefined,
  where: RouterEndpoint,
  conversation?: { settings: ChatSettings; turns: readonly ChatTurn[] },
): CodeSnippet[] {
  const mapping = entry ? { provider: entry.provider, hfModelId: model.id, providerId: entry.providerId, status: entry.status === 'error' ? 'live' : entry.status, task: entry.task } : undefined;
  const opts: Record<string, unknown> = { streaming: false };
  if (conversation) {
    opts.messages = requestMessages(conversation.settings, conversation.turns);
    Object.assign(opts, requestParameters(conversation.settings));
  }
  const policy = provider === 'fastest' || provider === 'cheapest' ? 'auto' : provider;
  const made = snippets.getInferenceSnippets(model as never, policy, mapping as never, opts);
  return made.map((s) => ({ language: s.language, client: s.client ?? s.language, content: snippetForRouter(provider === policy ? s.content : s.content.split(`"${model.id}"`).join(`"${routedModel(model.id, provider)}"`), where.router) }));
}
