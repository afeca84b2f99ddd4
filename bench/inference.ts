/**
 * Item 11: Inference Providers. Time to the first token of a streamed chat through the extension's call
 * (src/inference/calls.ts: @huggingface/inference with the routed fetch) against a bare streamed `fetch` of the same
 * request to the same router that reads until the first `data:` line with content, pairs in alternating order; and the
 * Try it page's cost per streamed token: the page's own answer view in headless Chromium fed 2,000 tokens at 200 per
 * second, one message per frame (bench/inference-page.mjs), its longest task.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { streamChat } from '../src/inference/calls';
import { resolveRouter } from '../src/inference/endpoint';
import { TEST_TOKENS, type HubServer } from '../test/hub-server/server.mjs';
import { bundlePage, launchChromium } from './browser';
import { repoRoot } from './host';
import { atMost, measured, settle, type Figure } from './stats';

const MODEL = 'kestrel-labs/Kestrel-2-7B-Instruct';
const PROMPT = 'How does attention work?';

async function firstTokenOurs(hub: HubServer): Promise<number> {
  const controller = new AbortController();
  const where = resolveRouter(hub.url, `${hub.url}/router`);
  const started = performance.now();
  let at = 0;
  for await (const part of streamChat({ where, token: TEST_TOKENS.hubTest, signal: controller.signal }, { model: MODEL, provider: 'together', settings: { system: '', stop: [] }, turns: [{ role: 'user', content: PROMPT }] })) {
    if ('delta' in part) {
      at = performance.now() - started;
      controller.abort();
      break;
    }
  }
  return at;
}

async function firstTokenBare(hub: HubServer): Promise<number> {
  const controller = new AbortController();
  const started = performance.now();
  const response = await fetch(`${hub.url}/router/v1/chat/completions`, {
    method: 'POST',
    signal: controller.signal,
    headers: { authorization: `Bearer ${TEST_TOKENS.hubTest}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: `${MODEL}:together`, messages: [{ role: 'user', content: PROMPT }], stream: true }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    text += decoder.decode(value, { stream: true });
    const line = text.split('\n').find((l) => l.startsWith('data: {') && (JSON.parse(l.slice(6)) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content);
    if (line) {
      break;
    }
  }
  const at = performance.now() - started;
  controller.abort();
  return at;
}

async function streamingPage(runs: number): Promise<{ longestMs: number; medianMs: number; messages: number; chars: number }[]> {
  const script = await bundlePage('bench/inference-page.mjs');
  const css = ['media/webview.css', 'media/card.css', 'media/try.css'].map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n');
  const browser = await launchChromium();
  try {
    const out = [];
    for (let run = 0; run <= runs; run++) {
      const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
      await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="try"></main></body></html>`);
      await page.addScriptTag({ content: script });
      const figures = await page.evaluate(() => (globalThis as unknown as { tryBench: { stream(count: number, perSecond: number): Promise<{ longestMs: number; medianMs: number; messages: number; chars: number }> } }).tryBench.stream(2000, 200));
      await page.close();
      // The first run compiles the page's code.
      if (run > 0) {
        out.push(figures);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function inference(hub: HubServer, runs: number): Promise<Figure[]> {
  const ours: number[] = [];
  const ratio: number[] = [];
  // The first pair loads the library and warms the router.
  for (let run = 0; run <= runs * 3; run++) {
    await settle();
    const first = run % 2 === 0;
    const a = first ? await firstTokenOurs(hub) : await firstTokenBare(hub);
    await settle();
    const b = first ? await firstTokenBare(hub) : await firstTokenOurs(hub);
    const [oursMs, bareMs] = first ? [a, b] : [b, a];
    if (run > 0) {
      ours.push(oursMs);
      ratio.push(oursMs / bareMs);
    }
  }
  const page = await streamingPage(Math.max(3, Math.round(runs / 2)));
  hub.clearRequests();
  return [
    measured(11, 'Try it: time to the first token through @huggingface/inference (embedded router)', 'ms', ours),
    atMost(11, '  vs a bare streamed fetch of the same request', '×', ratio, 1.2),
    atMost(11, 'Try it page: longest task while 2,000 tokens stream in at 200 tokens/s (Chromium)', 'ms', page.map((p) => p.longestMs), 16, `median task ${Math.round(Math.max(...page.map((p) => p.medianMs)) * 10) / 10} ms; ${page[0].messages} messages, ${page[0].chars.toLocaleString()} characters`),
  ];
}
