// The calls through @huggingface/inference (src/inference/calls.ts) against a small local server that writes server-sent
// events the way a network delivers them: frames split at any byte, a stream that ends before its finish reason, one
// cut by a reset; and the Hub's snippets with a conversation written into them.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { inferenceSnippets, streamChat, type CallContext } from '../../src/inference/calls';
import { quoteShellBody } from '../../src/inference/code';
import { resolveRouter } from '../../src/inference/endpoint';
import { parseFacts } from '../../src/code/resolver';

const TOKEN = 'hf_UnitTestTokenForInferenceCallsXXXX';
const chunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finish }] })}\n\n`;

/** What the server writes for each path, in pieces (a piece of bytes, then a pause); `reset` destroys the socket after them. */
const SCRIPTS: Record<string, { pieces: Buffer[]; reset?: boolean }> = {};
function split(text: string, every: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += every) {
    out.push(bytes.subarray(i, i + every));
  }
  return out;
}

/** The script the next request is answered with. */
let currentScript = '';
let server: Server;
let base = '';
const seen: { path: string; authorization: boolean }[] = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: !!req.headers.authorization });
    req.resume();
    req.on('end', () => {
      const chosen = SCRIPTS[currentScript];
      if (!chosen) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const next = () => {
        if (i < chosen.pieces.length) {
          res.write(chosen.pieces[i++]);
          setTimeout(next, 1);
        } else if (chosen.reset) {
          res.socket?.destroy();
        } else {
          res.end();
        }
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(script: string): Promise<{ text: string; finish: string | undefined; ended: boolean }> {
  currentScript = script;
  const ctx: CallContext = { where: resolveRouter(base, `${base}/router`), token: TOKEN, signal: new AbortController().signal };
  let text = '';
  let finish: string | undefined;
  let ended = false;
  for await (const part of streamChat(ctx, { model: 'org/model', provider: 'together', settings: { system: '', stop: [] }, turns: [{ role: 'user', content: 'hi' }] })) {
    if ('delta' in part) {
      text += part.delta;
    } else {
      finish = part.finish;
      ended = true;
    }
  }
  return { text, finish, ended };
}

describe('streamed chat through @huggingface/inference', () => {
  const whole = chunk('Hello') + chunk(', wörld 🌍') + chunk('!', 'stop') + 'data: [DONE]\n\n';

  it('reads frames split at every byte, multi-byte characters included, and goes only to the router', async () => {
    SCRIPTS.split = { pieces: split(whole, 1) };
    seen.length = 0;
    assert.deepEqual(await run('split'), { text: 'Hello, wörld 🌍!', finish: 'stop', ended: true });
    assert.deepEqual(seen, [{ path: '/router/v1/chat/completions', authorization: true }]);
  });

  it('reads frames that arrive several to a packet', async () => {
    SCRIPTS.packed = { pieces: [Buffer.from(whole)] };
    assert.equal((await run('packed')).text, 'Hello, wörld 🌍!');
  });

  it('tells a stream that ended before its finish reason: the part received, no finish', async () => {
    SCRIPTS.short = { pieces: split(chunk('Hello') + chunk(' there'), 7) };
    assert.deepEqual(await run('short'), { text: 'Hello there', finish: undefined, ended: true });
  });

  it('tells a connection reset mid-answer the same way, keeping what arrived', async () => {
    SCRIPTS.reset = { pieces: [Buffer.from(chunk('Part one')), Buffer.from(chunk(' and part').slice(0, 20))], reset: true };
    const cut = await run('reset');
    assert.equal(cut.text, 'Part one');
    assert.equal(cut.finish, undefined);
  });
});

describe('inference snippets with a conversation', () => {
  const model = { id: 'org/model', pipeline_tag: 'text-generation', tags: ['conversational'] };
  const where = resolveRouter('https://huggingface.co', undefined);
  const turns = [
    { role: 'user' as const, content: `it's "quoted" and \\ back'slashed """ ; $(rm -rf ~) \`x\`` },
    { role: 'assistant' as const, content: 'Sure.' },
  ];

  it('writes the conversation as data in every language, never the token', () => {
    const made = inferenceSnippets(model, 'together', undefined, where, { settings: { system: 'Be brief.', temperature: 0.5, stop: [] }, turns });
    assert.deepEqual([...new Set(made.map((s) => s.language))].sort(), ['js', 'python', 'sh']);
    for (const s of made) {
      assert.ok(!s.content.includes(TOKEN));
      assert.match(s.content, /HF_TOKEN/);
      assert.match(s.content, /org\/model:together/);
      assert.match(s.content, /Be brief\./);
    }
    const python = made.find((s) => s.language === 'python' && s.client === 'openai')!;
    assert.ok(python.content.includes(JSON.stringify(turns[0].content)), 'the text is a JSON string literal, which Python reads back as it was');
    const curl = quoteShellBody(made.find((s) => s.language === 'sh')!.content);
    const body = /-d '([\s\S]*)'\s*$/.exec(curl)?.[1] ?? '';
    assert.ok(body.includes(`it'\\''s`), 'each quote inside the single-quoted body is closed, escaped and reopened');
    assert.equal(body.split("'\\''").join("'").includes(turns[0].content.replace(/\\/g, '\\\\').replace(/"/g, '\\"')), true);
  });

  it('names the router of another deployment in its code', () => {
    const own = resolveRouter('https://hub.example.com', 'https://router.example.com');
    const made = inferenceSnippets(model, 'auto', undefined, own);
    assert.ok(made.length > 0);
    assert.ok(made.every((s) => !s.content.includes('router.huggingface.co')));
    assert.ok(made.some((s) => s.content.includes('https://router.example.com/v1')));
  });
});

describe('code facts', () => {
  it('say who serves a model from its provider mapping', () => {
    const facts = parseFacts('model', { id: 'org/m', inferenceProviderMapping: [{ provider: 'groq', providerId: 'm', status: 'live', task: 'conversational' }] });
    assert.equal(facts.served, 'Served by 1 Inference Provider (Groq)');
    assert.equal(parseFacts('model', { id: 'org/m' }).served, undefined);
  });
});
