/**
 * `npm run bench`: how close list paging comes to the limit set by the network, as ratios measured side by side in
 * one run against the embedded Hub (absolute times on shared machines are noisy; ratios are not). Writes
 * bench/results.json and bench/results.md. A benchmark, not a test: nothing here fails a build.
 */
import { writeFileSync } from 'node:fs';
import { HubClient } from '../src/hub/client';
import { describeRepo, PagedList } from '../src/hub/treeModel';
import { startHubServer } from '../test/hub-server/server.mjs';

const RUNS = 7;
const PAGE = 100;
const PAGES = 100;

interface Figure {
  name: string;
  median: number;
  min: number;
  max: number;
  unit: string;
  target?: string;
}

function gc(): void {
  if (!global.gc) {
    throw new Error('run with --expose-gc (npm run bench does)');
  }
  global.gc();
}

function stats(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1)! };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const hub = await startHubServer({ port: 0, syntheticModels: 10_000 });
  const client = new HubClient({ endpoint: hub.url });
  const figures: Figure[] = [];
  try {
    // 1. First page: the client's list call plus the tree model's work, against a bare fetch + JSON.parse of the same URL.
    const firstPageRatios: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      await client.listRepos('model', { limit: 50 });
      const sent = hub.requests.at(-1)!;
      const bareStart = performance.now();
      const bare = await fetch(`${hub.url}${sent.path}?${sent.query}`);
      JSON.parse(await bare.text());
      const bareMs = performance.now() - bareStart;
      const start = performance.now();
      const list = new PagedList();
      list.begin();
      list.append(await client.listRepos('model', { limit: 50 }));
      list.loaded.forEach((repo) => describeRepo(repo));
      const ms = performance.now() - start;
      if (run > 0) {
        firstPageRatios.push(ms / bareMs);
      }
    }
    figures.push({ name: 'First page vs bare fetch + JSON.parse', unit: '×', target: '≤ 1.15', ...stats(firstPageRatios) });

    // 2. Load more at page 100 vs page 1, and heap growth for 10,000 loaded items.
    const late: number[] = [];
    const heap: number[] = [];
    let requestsPerPage = 0;
    for (let run = 0; run < 3; run++) {
      hub.clearRequests();
      let list: PagedList | undefined = new PagedList();
      const times: number[] = [];
      list.begin();
      list.append(await client.listRepos('model', { limit: PAGE, sort: 'downloads' }));
      while (list.next && list.pages < PAGES) {
        const start = performance.now();
        list.begin();
        list.append(await client.listPage('model', list.next));
        list.loaded.slice(-PAGE).forEach((repo) => describeRepo(repo));
        times.push(performance.now() - start);
      }
      requestsPerPage = hub.requests.length / list.pages;
      if (list.loaded.length < PAGE * PAGES) {
        throw new Error(`expected ${PAGE * PAGES} items, got ${list.loaded.length}`);
      }
      const early = stats(times.slice(0, 10)).median;
      const end = stats(times.slice(-10)).median;
      late.push(end / early);
      // What the loaded list retains: the heap with it alive, minus the heap once it is released.
      gc();
      const withList = process.memoryUsage().heapUsed;
      list.reset();
      list = undefined;
      gc();
      heap.push((withList - process.memoryUsage().heapUsed) / 1024 / 1024);
    }
    figures.push({ name: 'Load more at page 100 vs page 2–11', unit: '×', target: '≤ 1.2', ...stats(late) });
    figures.push({ name: 'Heap growth for 10,000 loaded models', unit: 'MB', target: '≤ 30', ...stats(heap) });
    figures.push({ name: 'List requests per page loaded', unit: '', target: '= 1', median: requestsPerPage, min: requestsPerPage, max: requestsPerPage });
  } finally {
    await hub.close();
  }

  const rows = figures.map((f) => `| ${f.name} | ${round(f.median)}${f.unit} | ${round(f.min)}–${round(f.max)} | ${f.target ?? ''} |`);
  const table = ['| measure | median | range | target |', '| --- | --- | --- | --- |', ...rows].join('\n');
  writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }, null, 2) + '\n');
  writeFileSync(new URL('./results.md', import.meta.url), `${table}\n`);
  console.log(table);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
