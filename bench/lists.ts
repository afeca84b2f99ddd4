/**
 * Items 1 and 2: the Models view's real tree provider (production bundle, bench/host.ts) against the embedded Hub.
 * "Rows ready" means what VS Code asks of a provider when a node of the view (re)renders: getChildren for it, then
 * getTreeItem for every child it returned.
 */
import type { HubServer } from '../test/hub-server/server.mjs';
import { activateExtension } from './host';
import { atMost, exactly, settle, spread, type Figure } from './stats';

type Tree = { getChildren(node?: unknown): Promise<unknown[]>; getTreeItem(node: unknown): unknown };

/** What VS Code does when a node of the view (the root when undefined) renders or refreshes. Returns the row count. */
async function renderNode(tree: Tree, node?: unknown): Promise<number> {
  const children = await tree.getChildren(node);
  for (const child of children) {
    await tree.getTreeItem(child);
  }
  return children.length;
}

async function bare(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  JSON.parse(await response.text());
  return performance.now() - started;
}

/** One expand of Models on a fresh activation: milliseconds until its rows are ready, and the URL it requested. */
async function expandModels(hub: HubServer): Promise<{ ms: number; url: string; requests: number }> {
  const ext = activateExtension(hub.url);
  try {
    // The user expands the view once activation has settled.
    await settle();
    hub.clearRequests();
    const started = performance.now();
    const rows = await renderNode(ext.api.trees.models);
    const ms = performance.now() - started;
    if (rows !== 51) {
      throw new Error(`expected 50 rows and Load more…, got ${rows}`);
    }
    return { ms, url: `${hub.url}${hub.requests[0].path}?${hub.requests[0].query}`, requests: hub.requests.length };
  } finally {
    ext.dispose();
  }
}

/**
 * 1. Expanding Models on a fresh activation (the client is built on this first use, as in the product) until its
 * rows are ready, against a bare fetch + JSON.parse of the URL the provider requested. Each run takes the best of five
 * pairs in alternating order, which a busy machine disturbs far less than single timings of a few milliseconds.
 */
export async function firstPage(hub: HubServer, runs: number): Promise<Figure[]> {
  const ratios: number[] = [];
  const requests: number[] = [];
  const { url } = await expandModels(hub);
  for (let run = 0; run < runs + 1; run++) {
    const provider: number[] = [];
    const baseline: number[] = [];
    for (let pair = 0; pair < 5; pair++) {
      if (pair % 2 === 0) {
        const expanded = await expandModels(hub);
        await settle();
        baseline.push(await bare(expanded.url));
        provider.push(expanded.ms);
        requests.push(expanded.requests);
      } else {
        await settle();
        baseline.push(await bare(url));
        const expanded = await expandModels(hub);
        provider.push(expanded.ms);
        requests.push(expanded.requests);
      }
    }
    // The first run warms both paths up.
    if (run > 0) {
      ratios.push(Math.min(...provider) / Math.min(...baseline));
    }
  }
  return [
    atMost(1, 'First page: expand Models → rows ready, vs bare fetch + JSON.parse', '×', ratios, 1.15),
    exactly(1, 'Requests to expand Models', requests, 1),
  ];
}

interface SearchTree extends Tree {
  addSearch(text: string): { source: unknown };
  removeSearch(node: unknown): void;
  loadMore(source?: unknown): Promise<void>;
}

/**
 * 2. 10,000 synthetic models, 100 per page, listed through a "Search: scale-model" node of the Models view (the same
 * paging code as the view's own list; the search keeps out the recorded models, whose larger answers would make early
 * pages slower than late ones). Each Load more… is timed alone (request, paging, new nodes) and with the refresh it
 * fires, in which VS Code re-resolves every row under the node; pages 81–100 against 2–21. Also the heap the 10,000
 * loaded rows hold.
 */
export async function loadMore(hub: HubServer, runs: number): Promise<Figure[]> {
  const pageOnly: number[] = [];
  const withRefresh: number[] = [];
  const heap: number[] = [];
  const perPage: number[] = [];
  const lateMs = { load: [] as number[], refresh: [] as number[] };
  const window = 20;
  for (let run = 0; run < runs; run++) {
    const ext = activateExtension(hub.url, { 'huggingface.pageSize': 100 });
    const tree = ext.api.trees.models as unknown as SearchTree;
    const node = tree.addSearch('scale-model');
    hub.clearRequests();
    await renderNode(tree, node);
    const load: number[] = [];
    const refresh: number[] = [];
    let rows = 0;
    for (let page = 2; page <= 100; page++) {
      await settle();
      const started = performance.now();
      await tree.loadMore(node.source);
      const loaded = performance.now();
      rows = await renderNode(tree, node);
      load.push(loaded - started);
      refresh.push(performance.now() - started);
    }
    if (rows !== 10_000) {
      throw new Error(`expected 10,000 rows, got ${rows}`);
    }
    perPage.push(hub.requests.length / 100);
    // What the loaded list holds: the heap with it, minus the heap once the search node is removed.
    await settle();
    const withList = process.memoryUsage().heapUsed;
    tree.removeSearch(node);
    await settle();
    heap.push((withList - process.memoryUsage().heapUsed) / 1024 / 1024);
    const early = (values: number[]) => spread(values.slice(0, window)).median;
    const late = (values: number[]) => spread(values.slice(-window)).median;
    lateMs.load.push(late(load));
    lateMs.refresh.push(late(refresh) - late(load));
    pageOnly.push(late(load) / early(load));
    withRefresh.push(late(refresh) / early(refresh));
    ext.dispose();
  }
  return [
    atMost(2, 'Load more at page 81–100 vs 2–21: request, paging, new nodes', '×', pageOnly, 1.2),
    atMost(
      2,
      'Same, with the refresh VS Code then runs (getTreeItem for every row loaded)',
      '×',
      withRefresh,
      1.2,
      `at pages 81–100 a Load more… takes ${spread(lateMs.load).median.toFixed(1)} ms and the refresh of 8,000–10,000 rows ${spread(lateMs.refresh).median.toFixed(1)} ms more (medians)`,
    ),
    atMost(2, 'Heap held by 10,000 loaded models', 'MB', heap, 30),
    exactly(2, 'List requests per page loaded', perPage, 1),
  ];
}
