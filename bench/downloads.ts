// Item 7 of `npm run bench`: downloads and the cache scan. Throughput of downloadPlan (302 hop, sha256 of every byte,
// rename and link) against a bare streamed fetch of the same CDN URL into a file, pairs in alternating order; memory
// growth while downloading the 2 GiB file; and scanCache over 200 repos / 20,000 files against @huggingface/hub's
// scanCacheDir over the same folder.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { scanCacheDir } from '@huggingface/hub';
import { scanCache } from '../src/hfcache/scan';
import type { RemoteFile } from '../src/hfcache/types';
import { startHubServer, type HubServer } from '../test/hub-server/server.mjs';
import { atMost, spread, type Figure } from './stats';

const LARGE = 'hub-test/download-2gb';
const MB = 1024 * 1024;
const run = promisify(execFile);

/** A figure held to a lower bound (a throughput ratio). */
function atLeast(item: number, name: string, unit: string, values: number[], bound: number, note?: string): Figure {
  const s = spread(values);
  return { item, name, unit, ...s, target: `≥ ${bound}`, pass: s.median >= bound, note };
}

async function largeFile(hub: HubServer): Promise<{ commit: string; file: RemoteFile }> {
  const api = `${hub.url}/api/models/${LARGE}`;
  const { sha } = (await (await fetch(api)).json()) as { sha: string };
  const tree = (await (await fetch(`${api}/tree/${sha}`)).json()) as { path: string; size: number; oid: string; lfs?: { oid: string; size: number } }[];
  const entry = tree.find((e) => e.path === 'model.safetensors');
  if (!entry?.lfs) {
    throw new Error(`${LARGE} has no LFS model.safetensors`);
  }
  return { commit: sha, file: { path: entry.path, size: entry.size, oid: entry.oid, lfs: entry.lfs } };
}

interface ChildFigures {
  ms: number;
  rssGrowth: number;
  heapGrowth: number;
}

/** One download in a child process (bench/downloads-child.ts), away from the embedded Hub's event loop and memory. */
async function inChild(mode: 'bare' | 'ours', hub: HubServer, commit: string, file: RemoteFile, target: string): Promise<ChildFigures> {
  const job = JSON.stringify({ mode, hubUrl: hub.url, id: LARGE, commit, file, target });
  const child = path.join(import.meta.dirname, 'downloads-child.ts');
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, job], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as ChildFigures;
}

/** 200 repos of 100 files each (links to blobs, a ref), as huggingface_hub lays them out. */
async function syntheticCache(dir: string): Promise<void> {
  for (let r = 0; r < 200; r++) {
    const repo = path.join(dir, `models--bench-org--model-${r}`);
    const commit = r.toString(16).padStart(40, '0');
    await mkdir(path.join(repo, 'blobs'), { recursive: true });
    await mkdir(path.join(repo, 'refs'), { recursive: true });
    await mkdir(path.join(repo, 'snapshots', commit), { recursive: true });
    await writeFile(path.join(repo, 'refs', 'main'), commit);
    await Promise.all(
      Array.from({ length: 100 }, async (_, f) => {
        const blob = `${r.toString(16).padStart(4, '0')}${f.toString(16).padStart(36, '0')}`;
        await writeFile(path.join(repo, 'blobs', blob), 'x'.repeat(f));
        await symlink(`../../blobs/${blob}`, path.join(repo, 'snapshots', commit, `file-${f}.json`));
      }),
    );
  }
}

export async function downloads(runs: number): Promise<Figure[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'hf-bench-dl-'));
  const hub = await startHubServer({ port: 0 });
  const figures: Figure[] = [];
  try {
    const { commit, file } = await largeFile(hub);
    // The server hashes the 2 GiB file once per process: done here, outside the timed runs.
    await inChild('bare', hub, commit, file, path.join(work, 'warm'));
    await rm(path.join(work, 'warm'));
    const ratios: number[] = [];
    const rss: number[] = [];
    const heap: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order: ('bare' | 'ours')[] = i % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare'];
      const times: Record<string, number> = {};
      for (const mode of order) {
        const target = path.join(work, mode);
        const figures = await inChild(mode, hub, commit, file, target);
        times[mode] = figures.ms;
        if (mode === 'ours') {
          rss.push(figures.rssGrowth / MB);
          heap.push(figures.heapGrowth / MB);
        }
        await rm(target, { recursive: true, force: true });
      }
      ratios.push((times.bare ?? 0) / (times.ours ?? 1));
      console.log(`   2 GiB: bare ${Math.round(times.bare ?? 0)} ms, downloadPlan ${Math.round(times.ours ?? 0)} ms`);
    }
    const size = `${Math.round((file.lfs?.size ?? 0) / MB)} MiB`;
    figures.push(
      atLeast(7, 'Download throughput vs bare fetch → file', '×', ratios, 0.95, `the ${size} LFS file from the embedded CDN; ours includes the 302 hop, sha256 of every byte, rename and link`),
      atMost(7, '  RSS growth while downloading 2 GiB', 'MB', rss, 50, 'in the downloading process, sampled every 20 ms'),
      atMost(7, '  heap growth while downloading 2 GiB', 'MB', heap, 50),
    );

    const cacheDir = path.join(work, 'scan');
    await syntheticCache(cacheDir);
    const scanRatios: number[] = [];
    for (let i = 0; i < runs * 2 + 1; i++) {
      const pair = i % 2 === 0 ? [scanCache, scanCacheDir] : [scanCacheDir, scanCache];
      const t: number[] = [];
      for (const fn of pair) {
        const start = performance.now();
        await fn(cacheDir);
        t.push(performance.now() - start);
      }
      const [oursMs, theirsMs] = pair[0] === scanCache ? [t[0] ?? 0, t[1] ?? 1] : [t[1] ?? 0, t[0] ?? 1];
      scanRatios.push(oursMs / theirsMs);
    }
    const listed = await scanCache(cacheDir);
    const files = listed.repos.reduce((n, r) => n + (r.revisions[0]?.files.length ?? 0), 0);
    figures.push(atMost(7, `Cache listing, ${listed.repos.length} repos / ${files} files, vs scanCacheDir`, '×', scanRatios, 1.2));
  } finally {
    await hub.close();
    await rm(work, { recursive: true, force: true });
  }
  return figures;
}
