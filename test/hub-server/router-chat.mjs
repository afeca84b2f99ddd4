// What the embedded router's "models" answer: a deterministic text made from the messages (no model runs), cut by
// `max_tokens` and `stop` as a provider would, sent as one `chat.completion` body or as `chat.completion.chunk` events
// written while they are produced. Magic prompts: `/long N` (an answer of N characters in big pieces) and `/endless`
// (tokens every few ms until the client goes).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashHex } from './util.mjs';

/** @typedef {import('./reply.mjs').Reply} Reply */
/** @typedef {{ role: string, content: string }} Message */

/** Pause between two tokens of a streamed answer, so a client sees the first one well before the last. */
const TOKEN_MS = 1;
/** Pause between two tokens of `/endless`. */
const ENDLESS_MS = 5;
/** Characters per piece of a `/long` answer; every piece but the last is the same text. */
const LONG_PIECE = 16_384;
const LONG_MAX = 1_000_000_000;
const LONG_LINE = 'A long answer from the embedded Hub, one line after another.'.padEnd(63, ' ') + '\n';
const ENDLESS_WORDS = ' The embedded Hub keeps talking until you stop it, one token at a time.'.match(/\s*\S+/g) ?? [];
const FINGERPRINT = 'embedded-hub';

let openStreams = 0;

/** Router answers (streamed or not) still being written: a test sees an aborted `/endless` end on the server. */
export function openRouterStreams() {
  return openStreams;
}

/**
 * The answer to a conversation, as pieces of text (tokens), and why it ends.
 * @typedef {object} Plan
 * @property {(signal: AbortSignal) => Iterable<string> | AsyncIterable<string>} pieces
 * @property {number} count pieces it has (Infinity for `/endless`)
 * @property {'stop' | 'length' | null} finish
 * @property {string[]} [tokens] every piece, when the answer is small
 * @property {number} [size] characters of a `/long` answer
 */

/**
 * @param {Message[]} messages
 * @param {{ maxTokens?: number, stop: string[] }} limits
 * @returns {Plan | { problem: string }}
 */
export function planAnswer(messages, limits) {
  const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const long = /^\/long (\d{1,10})$/.exec(last.trim());
  if (long) {
    const size = Number(long[1]);
    if (size > LONG_MAX) {
      return { problem: `/long answers at most ${LONG_MAX} characters` };
    }
    const pieces = Math.ceil(size / LONG_PIECE);
    const count = Math.min(pieces, limits.maxTokens ?? Infinity);
    const kept = Math.min(size, count * LONG_PIECE);
    return { pieces: () => longPieces(kept), count, finish: count < pieces ? 'length' : 'stop', size: kept };
  }
  if (last.trim() === '/endless') {
    return { pieces: (signal) => endless(signal, limits.maxTokens ?? Infinity), count: limits.maxTokens ?? Infinity, finish: limits.maxTokens ? 'length' : null };
  }
  // An assistant message last is the start of the answer (a prefill): the answer goes on from it, as providers that
  // continue a final assistant message do (the Try it panel's Retry after a cut stream sends one).
  const prefill = messages.at(-1)?.role === 'assistant' ? messages.at(-1)?.content ?? '' : '';
  let text = answerText(prefill ? messages.slice(0, -1) : messages);
  if (prefill && text.startsWith(prefill)) {
    text = text.slice(prefill.length);
  }
  let finish = /** @type {'stop' | 'length'} */ ('stop');
  const at = Math.min(...limits.stop.map((s) => text.indexOf(s)).filter((i) => i >= 0));
  if (Number.isFinite(at)) {
    text = text.slice(0, at);
  }
  let tokens = tokenize(text);
  if (limits.maxTokens !== undefined && tokens.length > limits.maxTokens) {
    tokens = tokens.slice(0, limits.maxTokens);
    finish = 'length';
  }
  return { pieces: () => tokens, count: tokens.length, finish, tokens };
}

/**
 * The generated answer: the system prompt quoted (when there is one), the last user message verbatim, a short bullet
 * list and a fenced code block. A function of the messages only.
 * @param {Message[]} messages
 */
export function answerText(messages) {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const users = messages.filter((m) => m.role === 'user');
  const last = users.at(-1)?.content ?? '';
  const words = last.split(/\s+/).filter(Boolean).length;
  const digest = hashHex(JSON.stringify(messages)).slice(0, 8);
  const lines = [];
  if (system) {
    lines.push(`System prompt: "${system}"`, '');
  }
  lines.push(
    'You wrote:',
    '',
    last,
    '',
    'Here is what the embedded Hub makes of it:',
    '',
    `- ${last.length} characters and ${words} words`,
    `- message ${users.length} of this conversation, ${messages.length} in all`,
    `- fingerprint \`${digest}\``,
    '',
    '```python',
    `answer = "${digest}"`,
    'print(answer)',
    '```',
  );
  return lines.join('\n');
}

/**
 * Words with their leading white space, as real streams cut text; joined, they give the text back.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return [...(text.match(/\s*\S+|\s+$/g) ?? [])];
}

/** @param {number} size */
function* longPieces(size) {
  const full = LONG_LINE.repeat(LONG_PIECE / LONG_LINE.length);
  for (let sent = 0; sent < size; sent += LONG_PIECE) {
    yield size - sent >= LONG_PIECE ? full : full.slice(0, size - sent);
  }
}

/**
 * @param {AbortSignal} signal
 * @param {number} count
 */
async function* endless(signal, count) {
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      await sleep(ENDLESS_MS, undefined, { signal });
    }
    yield ENDLESS_WORDS[i % ENDLESS_WORDS.length];
  }
}

/**
 * Rough token count of the prompt (words, plus a few per message for the chat template).
 * @param {Message[]} messages
 */
function promptTokens(messages) {
  return messages.reduce((n, m) => n + 4 + tokenize(m.content).length, 0);
}

/**
 * The answer as a reply: `chat.completion` JSON, or server-sent `chat.completion.chunk` events then `[DONE]`.
 * @param {Plan} plan
 * @param {{ messages: Message[], model: string, provider: string, stream: boolean }} request
 * @returns {Reply}
 */
export function answerReply(plan, request) {
  const head = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: request.model };
  const usage = (/** @type {number} */ completion) => {
    const prompt = promptTokens(request.messages);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  };
  const headers = { 'X-Inference-Provider': request.provider, Vary: 'Origin' };
  if (!request.stream && plan.tokens) {
    const body = Buffer.from(JSON.stringify(completion(head, plan.tokens.join(''), plan.finish, usage(plan.count))));
    return { status: 200, headers: { ...headers, 'Content-Type': 'application/json' }, body };
  }
  const frames = request.stream ? sseFrames(head, plan, usage) : jsonFrames(head, plan, usage);
  return {
    status: 200,
    headers: request.stream
      ? { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Transfer-Encoding': 'chunked' }
      : { ...headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    stream: { length: frames.length, chunks: (signal) => counted(frames.chunks(signal)) },
  };
}

/**
 * @param {{ id: string, created: number, model: string }} head
 * @param {string} content
 * @param {string | null} finish
 * @param {object} usage
 */
function completion(head, content, finish, usage) {
  return {
    object: 'chat.completion',
    id: head.id,
    created: head.created,
    model: head.model,
    system_fingerprint: FINGERPRINT,
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finish }],
    usage,
  };
}

/**
 * @typedef {object} Frames
 * @property {number} length bytes in all (Infinity for `/endless`)
 * @property {(signal: AbortSignal) => AsyncIterable<Buffer>} chunks
 */

/**
 * One `data: {chunk}` event per piece, a last chunk with the finish reason and usage, `data: [DONE]`.
 * @param {{ id: string, created: number, model: string }} head
 * @param {Plan} plan
 * @param {(completion: number) => object} usage
 * @returns {Frames}
 */
function sseFrames(head, plan, usage) {
  const event = (/** @type {object} */ chunk) => Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`);
  const chunk = (/** @type {object} */ delta, /** @type {string | null} */ finish, /** @type {object | null} */ use) => ({
    object: 'chat.completion.chunk',
    id: head.id,
    created: head.created,
    model: head.model,
    system_fingerprint: FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: use,
  });
  const token = (/** @type {string} */ content) => event(chunk({ role: 'assistant', content }, null, null));
  const end = () => Buffer.concat([event(chunk({}, plan.finish, usage(plan.count))), Buffer.from('data: [DONE]\n\n')]);
  return framesOf(plan, token, end);
}

/**
 * A `chat.completion` body written piece by piece (for answers too big to build at once, and the endless one).
 * @param {{ id: string, created: number, model: string }} head
 * @param {Plan} plan
 * @param {(completion: number) => object} usage
 * @returns {Frames}
 */
function jsonFrames(head, plan, usage) {
  const marker = '\u0000';
  const [before, after] = JSON.stringify(completion(head, marker, plan.finish, usage(plan.count))).split(JSON.stringify(marker).slice(1, -1));
  const pieces = framesOf(plan, (content) => Buffer.from(JSON.stringify(content).slice(1, -1)), () => Buffer.from(after));
  return {
    length: Buffer.byteLength(before) + pieces.length,
    async *chunks(signal) {
      yield Buffer.from(before);
      yield* pieces.chunks(signal);
    },
  };
}

/**
 * Frames of every piece then the end, paced for small answers, and their total size. The pieces of a `/long` answer are
 * all the same text but the last, so one frame stands for all of them.
 * @param {Plan} plan
 * @param {(piece: string) => Buffer} frame
 * @param {() => Buffer} end
 * @returns {Frames}
 */
function framesOf(plan, frame, end) {
  if (plan.tokens) {
    const frames = [...plan.tokens.map(frame), end()];
    return {
      length: frames.reduce((n, f) => n + f.length, 0),
      async *chunks(signal) {
        for (const [i, f] of frames.entries()) {
          if (i > 0) {
            await sleep(TOKEN_MS, undefined, { signal });
          }
          yield f;
        }
      },
    };
  }
  if (plan.size !== undefined) {
    const size = plan.size;
    const full = frame([...longPieces(LONG_PIECE)][0]);
    const rest = size % LONG_PIECE;
    const last = rest ? frame([...longPieces(rest)][0]) : Buffer.alloc(0);
    const tail = end();
    return {
      length: Math.floor(size / LONG_PIECE) * full.length + last.length + tail.length,
      async *chunks() {
        for (let sent = 0; sent + LONG_PIECE <= size; sent += LONG_PIECE) {
          yield full;
        }
        if (last.length) {
          yield last;
        }
        yield tail;
      },
    };
  }
  return {
    length: Infinity,
    async *chunks(signal) {
      for await (const piece of plan.pieces(signal)) {
        yield frame(piece);
      }
      yield end();
    },
  };
}

/**
 * @param {AsyncIterable<Buffer>} chunks
 */
async function* counted(chunks) {
  openStreams++;
  try {
    yield* chunks;
  } finally {
    openStreams--;
  }
}
