/**
 * Item 10: a GGUF file's header read the way a card reads it (HubClient.ggufHeader: @huggingface/gguf over range
 * requests, through the Hub client's fetch with its redirect to the CDN), against a bare `fetch` of the same byte range
 * from the same URL and `arrayBuffer()`, and against the library's own `gguf()` with the global fetch (what is left
 * above that is ours); triples in rotating order. The file is the Q4_K_M quant of the embedded Hub's
 * largest GGUF repo (70B parameters, about 43 GB), whose header the embedded Hub writes as llama.cpp lays it out.
 */
import { gguf } from '@huggingface/gguf';
import { HubClient } from '../src/hub/client';
import { headerFile } from '../src/hub/ggufFacts';
import type { HubServer } from '../test/hub-server/server.mjs';
import { atMost, measured, settle, type Figure } from './stats';

async function timed(run: () => Promise<unknown>): Promise<number> {
  await settle();
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function ggufHeader(hub: HubServer, runs: number): Promise<Figure[]> {
  const listing = await fetch(`${hub.url}/api/models?filter=gguf&limit=100&expand[]=gguf&expand[]=siblings`);
  const repos = (await listing.json()) as { id: string; gguf?: { total?: number }; siblings?: { rfilename: string }[] }[];
  const [repo] = repos.filter((r) => r.gguf?.total).sort((a, b) => (b.gguf?.total ?? 0) - (a.gguf?.total ?? 0));
  const file = headerFile((repo.siblings ?? []).map((s) => s.rfilename));
  if (!file) {
    throw new Error(`${repo.id} has no GGUF file`);
  }
  const client = new HubClient({ endpoint: hub.url });
  const url = `${hub.url}/${repo.id}/resolve/main/${file}`;
  let bytes = 0;
  let fileSize = 0;
  const ours = async () => {
    const read = await client.ggufHeader(repo.id, file);
    bytes = read.bytes;
    fileSize = read.fileSize ?? 0;
  };
  const bare = async () => {
    const response = await fetch(url, { headers: { range: `bytes=0-${Math.max(bytes, 2_000_000) - 1}` } });
    await response.arrayBuffer();
  };
  const library = () => gguf(url, { computeParametersCount: true });
  const oursMs: number[] = [];
  const ratio: number[] = [];
  const libraryRatio: number[] = [];
  // The first round loads the parser's chunk and warms the server's file path.
  for (let run = 0; run <= runs; run++) {
    const order: [string, () => Promise<unknown>][] = [
      ['ours', ours],
      ['bare', bare],
      ['library', library],
    ];
    const ms: Record<string, number> = {};
    for (let i = 0; i < order.length; i++) {
      const [name, fn] = order[(i + run) % order.length];
      ms[name] = await timed(fn);
    }
    if (run > 0) {
      oursMs.push(ms.ours);
      ratio.push(ms.ours / ms.bare);
      libraryRatio.push(ms.ours / ms.library);
    }
  }
  hub.clearRequests();
  return [
    measured(10, `GGUF header read (${file})`, 'ms', oursMs),
    atMost(10, '  vs a bare range fetch of the same bytes', '×', ratio, 1.2, "the library's own parse of the range is the floor (next row)"),
    atMost(10, "  vs the library's gguf() with a plain fetch", '×', libraryRatio, 1.2),
    measured(10, '  bytes fetched', 'KB', [bytes / 1000], `of a ${(fileSize / 1e9).toFixed(1)} GB file: ${((bytes / fileSize) * 100).toFixed(4)} %; @huggingface/gguf reads 2 MB ranges, so a header of up to 1.5 MB costs one`),
  ];
}
