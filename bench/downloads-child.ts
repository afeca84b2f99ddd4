// One timed download in a process of its own, so that the embedded Hub (in the parent) shares neither its event loop
// nor its memory figures: `bare` (fetch of the CDN URL piped into a file) or `ours` (downloadPlan into a cache).
// Prints { ms, rssGrowth, heapGrowth } as JSON; memory is sampled every 20 ms against the level before the download
// (after one small fetch, so that setting up fetch itself is not counted).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDownloadFetch } from '../src/hub/downloadFetch';
import { downloadPlan } from '../src/hfcache/download';
import { planDownload } from '../src/hfcache/plan';
import type { RemoteFile } from '../src/hfcache/types';

interface Job {
  mode: 'bare' | 'ours';
  hubUrl: string;
  id: string;
  commit: string;
  file: RemoteFile;
  /** A file (bare) or a cache folder (ours). */
  target: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const url = `${job.hubUrl}/${job.id}/resolve/${job.commit}/${job.file.path}`;
  // fetch (undici) loads and sets up on first use: done before the baseline, so growth is the download's alone.
  await (await fetch(`${job.hubUrl}/api/models/${job.id}`)).arrayBuffer();
  global.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  }, 20);
  const start = performance.now();
  if (job.mode === 'bare') {
    const hop = await fetch(url, { redirect: 'manual' });
    const response = await fetch(new URL(hop.headers.get('location') ?? '', job.hubUrl));
    if (!response.body) {
      throw new Error('no body');
    }
    await pipeline(Readable.fromWeb(response.body), createWriteStream(job.target));
  } else {
    const destination = { kind: 'cache' as const, dir: job.target };
    const presence = { complete: new Set<string>(), partialBytes: new Map<string, number>() };
    const plan = planDownload({ type: 'model', id: job.id, revision: job.commit, commit: job.commit, files: [job.file], destination, presence });
    await downloadPlan(plan, { endpoint: job.hubUrl, fetch: createDownloadFetch({ endpoint: job.hubUrl, offline: () => false }) });
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  process.stdout.write(JSON.stringify({ ms, rssGrowth: peak.rss - base.rss, heapGrowth: peak.heap - base.heapUsed }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
