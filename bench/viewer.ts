/**
 * Item 7: the dataset viewer's host side (src/viewer/, the code the panel runs) against the embedded viewer API.
 * "First rows" is from asking for a split's table until its first page of formatted cells is ready to post (the
 * /first-rows request, its parsing, the column model and every cell's formatting), against a bare `fetch` +
 * `JSON.parse` of the same /first-rows URL; best of five alternating pairs per run. The memory figure pages through
 * 1,000 pages spread over the 1,000,000-row split and reports the pages held (bounded by PAGE_CACHE_PAGES) and the heap
 * growth after a garbage collection.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HubServer } from '../test/hub-server/server.mjs';
import { ViewerClient } from '../src/viewer/client';
import { resolveViewer } from '../src/viewer/endpoint';
import type { ToViewer } from '../src/viewer/protocol';
import { PAGE_CACHE_BYTES, PAGE_CACHE_PAGES, ViewerSession } from '../src/viewer/session';
import { bundlePage, launchChromium } from './browser';
import { repoRoot } from './host';
import { atMost, measured, type Figure } from './stats';

interface ScrollFigures {
  longestMs: number;
  medianMs: number;
  frames: number;
  domRows: number;
  asked: number;
}

/**
 * The table page's main thread while scrolling 1,000,000 rows top to bottom in 60 frames and while the pages it asked
 * for arrive (bench/viewer-page.mjs), in headless Chromium with the viewer's stylesheet, one fresh page per run.
 */
async function scrolling(runs: number): Promise<ScrollFigures[]> {
  const script = await bundlePage('bench/viewer-page.mjs');
  const css = readFileSync(path.join(repoRoot, 'media/viewer.css'), 'utf8');
  const browser = await launchChromium();
  try {
    const out: ScrollFigures[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="viewer"></main></body></html>`);
      await page.addScriptTag({ content: script });
      const figures = await page.evaluate(() => (globalThis as unknown as { viewerBench: { scroll(steps: number, settleMs: number): Promise<ScrollFigures> } }).viewerBench.scroll(60, 500));
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

function newSession(hub: HubServer, dataset: string, post: (m: ToViewer) => void): ViewerSession {
  const api = `${hub.url}/datasets-server`;
  const assets = hub.url.replace('127.0.0.1', 'localhost');
  const client = new ViewerClient({ viewer: resolveViewer(hub.url, api, assets) });
  return new ViewerSession({ client, assetOrigin: assets, post }, { dataset });
}

async function bare(url: string): Promise<number> {
  const started = performance.now();
  JSON.parse(await (await fetch(url)).text());
  return performance.now() - started;
}

async function firstRows(hub: HubServer, dataset: string): Promise<number> {
  let pageAt = 0;
  const session = newSession(hub, dataset, (m) => {
    if (m.type === 'page' && !pageAt) {
      pageAt = performance.now();
    }
  });
  await session.load();
  pageAt = 0;
  const started = performance.now();
  await session.openTable('rows');
  if (!pageAt) {
    throw new Error(`no first page for ${dataset}`);
  }
  return pageAt - started;
}

/** PAIRS alternating pairs per run: the best of each side, their ratio and what the viewer's side adds in ms. */
const PAIRS = 11;

async function ratio(hub: HubServer, dataset: string, config: string, split: string): Promise<{ ratio: number; overMs: number }> {
  const url = `${hub.url}/datasets-server/first-rows?${new URLSearchParams({ dataset, config, split }).toString()}`;
  let ours = Infinity;
  let theirs = Infinity;
  for (let i = 0; i < PAIRS; i++) {
    if (i % 2) {
      theirs = Math.min(theirs, await bare(url));
      ours = Math.min(ours, await firstRows(hub, dataset));
    } else {
      ours = Math.min(ours, await firstRows(hub, dataset));
      theirs = Math.min(theirs, await bare(url));
    }
  }
  return { ratio: ours / theirs, overMs: ours - theirs };
}

export async function viewer(hub: HubServer, runs: number): Promise<Figure[]> {
  const text: { ratio: number; overMs: number }[] = [];
  const images: { ratio: number; overMs: number }[] = [];
  for (let r = 0; r < runs; r++) {
    text.push(await ratio(hub, 'imdb', 'plain_text', 'train'));
    images.push(await ratio(hub, 'beans', 'default', 'train'));
  }
  const overMs = [...text, ...images].map((r) => Math.round(r.overMs * 1000) / 1000);
  const session = newSession(hub, 'c4', () => undefined);
  await session.load();
  const key = session.table!.key;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let p = 1; p <= 1_000; p++) {
    await session.page(key, p * 10 - 1);
  }
  gc?.();
  const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const scrolled = await scrolling(Math.min(runs, 5));
  return [
    atMost(8, 'Viewer: first rows ready, text split (100 rows), vs bare fetch + JSON.parse', '×', text.map((r) => r.ratio), 1.2),
    atMost(8, 'Viewer: first rows ready, image split, vs bare fetch + JSON.parse', '×', images.map((r) => r.ratio), 1.2),
    measured(8, 'Viewer: first rows, time added to the bare fetch (both splits)', 'ms', overMs, 'deadline, cancellation, redirect check, capped read, column model and cell formatting, over a loopback fetch of about 1 ms'),
    atMost(8, 'Viewer: longest main-thread frame while scrolling 1,000,000 rows and their pages arriving (Chromium)', 'ms', scrolled.map((f) => f.longestMs), 16, `the median frame ${Math.round(Math.max(...scrolled.map((f) => f.medianMs)) * 10) / 10} ms or less; ${Math.max(...scrolled.map((f) => f.domRows))} rows in the DOM`),
    atMost(8, 'Viewer: pages held after paging 1,000 pages of 1,000,000 rows', 'pages', [session.heldPages], PAGE_CACHE_PAGES, `the host's page cache is bounded by ${PAGE_CACHE_PAGES} pages and ${PAGE_CACHE_BYTES / 1024 / 1024} MB; the page keeps at most 24 pages`),
    atMost(8, 'Viewer: heap growth after paging 1,000 pages', 'MB', [Math.round(grown * 10) / 10], PAGE_CACHE_BYTES / 1024 / 1024, gc ? 'after a garbage collection' : 'without --expose-gc: an upper estimate'),
  ];
}
