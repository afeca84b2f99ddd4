// The embedded Inference Providers router, mounted under `/router` of the Hub's origin (the extension's router base in
// tests is `<hub>/router`, in production https://router.huggingface.co). It serves what `@huggingface/inference` calls:
// the OpenAI-compatible `/v1/chat/completions` (model `id[:provider|:fastest|:cheapest|:preferred]`) and `/v1/models`,
// each provider's own chat path (`/{provider}/…/chat/completions`, the provider's model id in the body), and
// text-to-image for `hf-inference` (PNG bytes) and `together` (base64 or a URL served here). Providers and their model
// ids come from each catalog model's `inferenceProviderMapping`; answers are made by router-chat.mjs.
import { createHash } from 'node:crypto';
import { canSee, decodeSegment } from './access.mjs';
import { errorReply, jsonReply, textReply } from './reply.mjs';
import { answerReply, planAnswer } from './router-chat.mjs';
import { prng } from './util.mjs';
import { drawPng } from './viewer-media.mjs';

/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./reply.mjs').Reply} Reply */
/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {{ provider: string, status: 'live' | 'staging' | 'error', providerId: string, task: string }} Entry */

export const ROUTER_PREFIX = '/router';
const POLICIES = new Set(['fastest', 'cheapest', 'preferred']);
/** The policy of a model id without a suffix: the account's provider order (here, the mapping's order). */
const DEFAULT_POLICY = 'preferred';
const NO_CREDITS = 'You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO to get 20x more monthly included credits.';

/**
 * @param {RequestContext} ctx
 * @returns {Promise<Reply>}
 */
export async function routerRoute(ctx) {
  const path = ctx.rawPath.slice(ROUTER_PREFIX.length);
  const segments = path.split('/').slice(1).map(decodeSegment);
  const read = ctx.method === 'GET' || ctx.method === 'HEAD';
  if (path === '/v1/models') {
    return read ? modelsList(ctx) : notAllowed();
  }
  const image = /^\/together\/v1\/images\/generated\/([0-9a-f]{40})\/(\d{1,4})\.png$/.exec(path);
  if (image) {
    return read ? pngReply(image[1], Number(image[2])) : notAllowed();
  }
  const chat = path.endsWith('/chat/completions');
  const hfModel = segments[0] === 'hf-inference' && segments[1] === 'models';
  const known = path === '/v1/chat/completions' || (chat && segments.length >= 3) || path === '/together/v1/images/generations' || (hfModel && segments.length >= 3);
  if (!known) {
    return errorReply(404, 'Not Found');
  }
  if (ctx.method !== 'POST') {
    return notAllowed();
  }
  const refused = refusal(ctx);
  if (refused) {
    return refused;
  }
  const body = await readJson(ctx);
  if ('reply' in body) {
    return body.reply;
  }
  if (path === '/v1/chat/completions') {
    return chatCompletion(ctx, body.json, null);
  }
  if (hfModel && chat) {
    return chatCompletion(ctx, { ...body.json, model: segments.slice(2, -3).join('/') }, 'hf-inference');
  }
  if (chat) {
    return chatCompletion(ctx, body.json, segments[0]);
  }
  if (hfModel) {
    return textToImage(ctx, 'hf-inference', segments.slice(2).join('/'), body.json);
  }
  return textToImage(ctx, 'together', typeof body.json.model === 'string' ? body.json.model : '', body.json);
}

function notAllowed() {
  return errorReply(405, 'Method Not Allowed');
}

/**
 * 401 without a token (a revoked one never gets here: the server answers 401 first), 403 for a fine-grained token
 * without the inference permission.
 * @param {RequestContext} ctx
 */
function refusal(ctx) {
  if (!ctx.user) {
    return errorReply(401, 'Invalid username or password.', { headers: { 'WWW-Authenticate': 'Bearer realm="Authentication required", charset="UTF-8"' } });
  }
  if (ctx.user.role === 'fineGrained') {
    return errorReply(403, `This authentication method does not have sufficient permissions to call Inference Providers on behalf of user ${ctx.user.name}`);
  }
  return undefined;
}

/** 402 once the request would be billed, for the account without credits. @param {RequestContext} ctx */
function billing(ctx) {
  return ctx.user?.inference === 'noCredits' ? errorReply(402, NO_CREDITS) : undefined;
}

/**
 * @param {RequestContext} ctx
 * @returns {Promise<{ json: Record<string, any> } | { reply: Reply }>}
 */
async function readJson(ctx) {
  const text = (await ctx.readBody()).toString('utf8');
  try {
    const json = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      return { json };
    }
  } catch {
    // answered below
  }
  return { reply: openAiError(400, 'The request body is not a JSON object.', { param: null, code: null }) };
}

/**
 * An error in the OpenAI-compatible shape the router uses for its own endpoints.
 * @param {number} status
 * @param {string} message
 * @param {{ type?: string, param: string | null, code: string | null, headers?: Record<string, string> }} detail
 */
function openAiError(status, message, detail) {
  return jsonReply(status, { error: { message, type: detail.type ?? 'invalid_request_error', param: detail.param, code: detail.code } }, detail.headers);
}

/** 400 for a model no provider serves (or not the one named). @param {string} model */
function notSupported(model) {
  return openAiError(400, `The requested model '${model}' is not supported by any provider you have enabled.`, { param: 'model', code: 'model_not_supported' });
}

/** 500 from a provider whose mapping status is `error`, in the shape the router relays. */
function providerDown() {
  const body = { error: { code: null, message: 'Internal server error', param: null, type: 'server_error' }, id: createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 24) };
  return jsonReply(500, body, { 'Retry-After': '1' });
}

/**
 * A model's Inference Providers for one task, in the mapping's order.
 * @param {Repo} repo
 * @param {string} task
 * @returns {Entry[]}
 */
function entriesOf(repo, task) {
  const mapping = repo.recordedExtra.inferenceProviderMapping ?? {};
  return Object.entries(mapping)
    .filter(([, m]) => m && m.task === task)
    .map(([provider, m]) => ({ provider, status: m.status, providerId: m.providerId, task: m.task }));
}

/**
 * Figures a provider publishes for a model (throughput, latency, prices, context), made up from the pair: the
 * `:fastest` and `:cheapest` policies choose by them and `/v1/models` lists them.
 * @param {string} modelId
 * @param {string} provider
 */
export function providerStats(modelId, provider) {
  const rand = prng(`router:${modelId}:${provider}`);
  const round = (/** @type {number} */ x, /** @type {number} */ digits) => Number(x.toFixed(digits));
  const input = round(0.05 + rand() * 1.2, 2);
  return {
    context_length: [32768, 65536, 131072][Math.floor(rand() * 3)],
    pricing: { input, output: round(input * (1.5 + rand() * 2), 2) },
    supports_tools: rand() < 0.7,
    supports_structured_output: rand() < 0.5,
    first_token_latency_ms: Math.round(150 + rand() * 1500),
    throughput: round(20 + rand() * 180, 3),
  };
}

/**
 * The provider a policy picks among the entries not in `error`: `live` ones, or `staging` ones when none is live.
 * `preferred`: the first in the mapping's order; `fastest`: highest throughput; `cheapest`: lowest output price, then
 * input price. Ties go to the provider name that sorts first.
 * @param {string} modelId
 * @param {Entry[]} entries
 * @param {string} policy
 */
export function pickProvider(modelId, entries, policy) {
  const usable = entries.filter((e) => e.status !== 'error');
  const pool = usable.some((e) => e.status === 'live') ? usable.filter((e) => e.status === 'live') : usable;
  if (policy === 'preferred' || pool.length < 2) {
    return pool[0];
  }
  const score = (/** @type {Entry} */ e) => {
    const s = providerStats(modelId, e.provider);
    return policy === 'fastest' ? [-s.throughput] : [s.pricing.output, s.pricing.input];
  };
  return [...pool].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i >= 0 ? x[i] - y[i] : a.provider < b.provider ? -1 : 1;
  })[0];
}

/**
 * The catalog model and mapping entry a provider's own path names by the provider's model id.
 * @param {RequestContext} ctx
 * @param {string} provider
 * @param {string} providerId
 * @param {string} task
 */
function byProviderId(ctx, provider, providerId, task) {
  for (const repo of ctx.catalog.all('model')) {
    const m = repo.recordedExtra.inferenceProviderMapping?.[provider];
    if (m?.providerId === providerId && m.task === task && canSee(repo, ctx.user)) {
      return { repo, entry: /** @type {Entry} */ ({ provider, ...m }) };
    }
  }
  return undefined;
}

/**
 * `{model, messages, stream, max_tokens, stop}`: the router's (`provider` null: `model` is a Hub id with an optional
 * suffix) or a provider's (`model` is that provider's id).
 * @param {RequestContext} ctx
 * @param {Record<string, any>} body
 * @param {string | null} provider
 */
function chatCompletion(ctx, body, provider) {
  const model = body.model;
  if (typeof model !== 'string' || model === '') {
    return openAiError(400, 'you must provide a model parameter', { param: 'model', code: null });
  }
  const messages = parseMessages(body.messages);
  if (!messages) {
    const what = body.messages === undefined ? 'missing field `messages`' : 'invalid type for `messages`, expected a sequence of messages';
    return textReply(422, `Failed to deserialize the JSON body into the target type: ${what} at line 1 column ${JSON.stringify(body).length}`);
  }
  const maxTokens = body.max_tokens ?? body.max_completion_tokens ?? undefined;
  if (maxTokens !== undefined && maxTokens !== null && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    return openAiError(400, 'max_tokens must be a positive integer', { param: 'max_tokens', code: null });
  }
  const stopRaw = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : [];
  const stop = stopRaw.filter((s) => typeof s === 'string' && s.length > 0);

  const served = provider ? byProviderId(ctx, provider, model, 'conversational') : resolveModel(ctx, model);
  if (!served) {
    return provider ? errorReply(400, `Model not supported by provider ${provider}`) : notSupported(model);
  }
  if ('reply' in served) {
    return served.reply;
  }
  if (served.entry.status === 'error') {
    return providerDown();
  }
  const unpaid = billing(ctx);
  if (unpaid) {
    return unpaid;
  }
  const plan = planAnswer(messages, { maxTokens: maxTokens ?? undefined, stop });
  if ('problem' in plan) {
    return openAiError(400, plan.problem, { param: 'messages', code: null });
  }
  return answerReply(plan, { messages, model: served.entry.providerId, provider: served.entry.provider, stream: body.stream === true });
}

/**
 * `id`, `id:provider` or `id:policy` against the model's conversational providers.
 * @param {RequestContext} ctx
 * @param {string} model
 * @returns {{ repo: Repo, entry: Entry } | { reply: Reply } | undefined}
 */
function resolveModel(ctx, model) {
  const colon = model.lastIndexOf(':');
  const id = colon < 0 ? model : model.slice(0, colon);
  const choice = colon < 0 ? DEFAULT_POLICY : model.slice(colon + 1);
  const repo = ctx.catalog.get('model', id);
  if (!repo || !canSee(repo, ctx.user)) {
    return undefined;
  }
  const entries = entriesOf(repo, 'conversational');
  const entry = POLICIES.has(choice) ? pickProvider(repo.id, entries, choice) : entries.find((e) => e.provider === choice);
  return entry ? { repo, entry } : undefined;
}

/**
 * Messages as `{role, content}` with text content (a string, or text parts joined), or undefined when malformed.
 * @param {unknown} raw
 * @returns {{ role: string, content: string }[] | undefined}
 */
function parseMessages(raw) {
  if (!Array.isArray(raw) || raw.length === 0) {
    return undefined;
  }
  const out = [];
  for (const m of raw) {
    if (!m || typeof m !== 'object' || typeof m.role !== 'string') {
      return undefined;
    }
    const content = typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p) => (p && p.type === 'text' && typeof p.text === 'string' ? p.text : '')).join('') : m.content == null ? '' : undefined;
    if (content === undefined) {
      return undefined;
    }
    out.push({ role: m.role, content });
  }
  return out;
}

/**
 * `GET /v1/models`: every model some provider serves for chat, with the providers not in `error`.
 * @param {RequestContext} ctx
 */
function modelsList(ctx) {
  const data = [];
  const repos = ctx.catalog.all('model').filter((r) => canSee(r, ctx.user)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const repo of repos) {
    const providers = entriesOf(repo, 'conversational').filter((e) => e.status !== 'error');
    if (providers.length === 0) {
      continue;
    }
    data.push({
      id: repo.id,
      object: 'model',
      created: Math.floor(Date.parse(repo.createdAt) / 1000),
      owned_by: repo.author ?? repo.id,
      architecture: { input_modalities: ['text'], output_modalities: ['text'] },
      providers: providers.map((e) => ({ provider: e.provider, status: e.status, ...providerStats(repo.id, e.provider), is_model_author: e.provider === repo.author })),
    });
  }
  return jsonReply(200, { object: 'list', data });
}

/**
 * Text-to-image by `hf-inference` (`{inputs, parameters}` → PNG bytes) or `together` (`{prompt, model,
 * response_format}` → `{data: [{b64_json}]}` or `{data: [{url}]}`).
 * @param {RequestContext} ctx
 * @param {'hf-inference' | 'together'} provider
 * @param {string} providerId
 * @param {Record<string, any>} body
 */
function textToImage(ctx, provider, providerId, body) {
  const served = byProviderId(ctx, provider, providerId, 'text-to-image');
  if (!served) {
    return errorReply(400, `Model not supported by provider ${provider}`);
  }
  if (served.entry.status === 'error') {
    return providerDown();
  }
  const prompt = provider === 'hf-inference' ? body.inputs : body.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    return provider === 'hf-inference' ? errorReply(400, 'inputs must be a non-empty string') : openAiError(400, 'prompt is required', { param: 'prompt', code: null });
  }
  const unpaid = billing(ctx);
  if (unpaid) {
    return unpaid;
  }
  const params = provider === 'hf-inference' ? (body.parameters ?? {}) : body;
  const size = Math.min(1024, Math.max(8, Math.round(Number(params.width ?? params.height ?? 64)) || 64));
  const key = createHash('sha1').update(`${served.repo.id}\n${prompt}`).digest('hex');
  const headers = { 'X-Inference-Provider': provider };
  if (provider === 'hf-inference') {
    const reply = pngReply(key, size);
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }
  const image = body.response_format === 'url' ? { url: `${ctx.origin}${ROUTER_PREFIX}/together/v1/images/generated/${key}/${size}.png` } : { b64_json: drawFor(key, size).toString('base64') };
  return jsonReply(200, { id: key.slice(0, 16), model: served.entry.providerId, object: 'list', data: [{ index: 0, ...image }] }, headers);
}

/**
 * The picture of a prompt: a disc whose colour and stripe come from the prompt's hash.
 * @param {string} key sha1 hex of model and prompt
 * @param {number} size
 */
function drawFor(key, size) {
  const bytes = Buffer.from(key, 'hex');
  return drawPng(size, [bytes[0], bytes[1], bytes[2]], bytes.readUInt32BE(4));
}

/**
 * @param {string} key
 * @param {number} size
 * @returns {Reply}
 */
function pngReply(key, size) {
  if (size < 8 || size > 1024) {
    return errorReply(404, 'Not Found');
  }
  return { status: 200, headers: { 'Content-Type': 'image/png' }, body: drawFor(key, size) };
}
