// One dataset's viewer session: what the panel shows, loaded through ViewerClient and sent to the page as ToViewer
// messages. Splits with their sizes first, then the table (the first rows at once, further pages on demand, each page
// requested once while it is held), search and filter as tables of their own, statistics on request. Pages are held
// in a bounded LRU (PAGE_CACHE_PAGES pages and PAGE_CACHE_BYTES of estimated memory), so scrolling through a
// 1,000,000-row split holds at most that much. Pure: the panel (src/webviews/viewerPanel.lazy.ts) wires it to VS Code.
import { LruCache } from '../hub/cache';
import { isCancellation } from '../hub/errors';
import { fullText, formatCell } from './cells';
import { ViewerProblem, type ViewerClient } from './client';
import { columnsFromFeatures, type Column } from './columns';
import type { PageRow, Problem, SplitOption, TableMode, ToViewer, ViewerState } from './protocol';
import { pageRange, PAGE_ROWS } from './window';
import type { Capabilities, RowsPage, SplitRef, Statistics } from './wire';

export const PAGE_CACHE_PAGES = 64;
export const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

interface Table {
  key: string;
  mode: TableMode;
  ref: SplitRef;
  columns: Column[];
  total: number;
  query?: string;
  where?: string;
  orderby?: string;
}

export interface SessionDeps {
  client: ViewerClient;
  /** Origin images and audio may be loaded from. */
  assetOrigin: string;
  post(message: ToViewer): void;
  warn?(line: string): void;
}

/** Rough bytes a page holds: its JSON length is close enough for a budget. */
function pageBytes(page: RowsPage): number {
  let n = 0;
  for (const r of page.rows) {
    for (const v of Object.values(r.row)) {
      n += typeof v === 'string' ? v.length * 2 : 64;
    }
  }
  return n + 1024;
}

export class ViewerSession {
  state: ViewerState;
  splits: SplitOption[] = [];
  capabilities: Capabilities | undefined;
  table: Table | undefined;
  private readonly pages = new LruCache<RowsPage>({ maxEntries: PAGE_CACHE_PAGES, maxBytes: PAGE_CACHE_BYTES, sizeOf: pageBytes });
  private readonly inflight = new Set<string>();
  private readonly stats = new Map<string, Statistics>();
  private abort = new AbortController();
  private retry: (() => Promise<void>) | undefined;
  private tables = 0;
  /** Requests sent for pages, by `key#page` (tests check that none repeats). */
  readonly pageRequests: string[] = [];

  constructor(
    private readonly deps: SessionDeps,
    state: ViewerState,
  ) {
    this.state = { ...state };
  }

  get dataset(): string {
    return this.state.dataset;
  }

  /** Loads the splits and sizes, then the first rows of the chosen split. */
  async load(): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.deps.post({ type: 'loading', dataset: this.dataset });
    try {
      const [splits, capabilities, size] = await Promise.all([
        this.deps.client.splits(this.dataset, signal),
        this.deps.client.isValid(this.dataset, signal),
        // Sizes are a nicety: without them the chooser shows no counts.
        this.deps.client.size(this.dataset, signal).catch(() => undefined),
      ]);
      if (signal.aborted) {
        return;
      }
      if (splits.length === 0) {
        throw new ViewerProblem('notValid', 'The dataset viewer has no splits for this dataset.', true);
      }
      this.capabilities = capabilities;
      this.splits = splits.map((s) => {
        const known = size?.splits.find((z) => z.config === s.config && z.split === s.split);
        return { ...s, ...(known?.numRows !== undefined ? { numRows: known.numRows } : {}), ...(known?.numBytes !== undefined ? { numBytes: known.numBytes } : {}) };
      });
      const wanted = this.splits.find((s) => s.config === this.state.config && s.split === this.state.split) ?? this.splits[0];
      this.state = { dataset: this.dataset, config: wanted.config, split: wanted.split };
      this.deps.post({ type: 'dataset', dataset: this.dataset, splits: this.splits, selected: { config: wanted.config, split: wanted.split }, capabilities, datasetRows: size?.dataset?.numRows, datasetBytes: size?.dataset?.numBytes });
    } catch (e) {
      this.fail('dataset', e, () => this.load());
      return;
    }
    await this.openTable('rows');
  }

  /** The user chose another config and split. */
  async choose(ref: SplitRef): Promise<void> {
    if (!this.splits.some((s) => s.config === ref.config && s.split === ref.split)) {
      return;
    }
    this.state = { dataset: this.dataset, ...ref };
    await this.openTable('rows');
  }

  search(query: string): Promise<void> {
    return query.trim() ? this.openTable('search', { query: query.trim() }) : this.openTable('rows');
  }

  filter(where: string, orderby: string): Promise<void> {
    return where.trim() || orderby.trim() ? this.openTable('filter', { where: where.trim(), orderby: orderby.trim() }) : this.openTable('rows');
  }

  /** Shows a table: its columns and first page at once; the page asks for the others. */
  async openTable(mode: TableMode, q: { query?: string; where?: string; orderby?: string } = {}): Promise<void> {
    const ref = this.selected();
    if (!ref) {
      return;
    }
    const key = `${++this.tables}:${mode}`;
    const signal = this.abort.signal;
    this.table = undefined;
    try {
      const first = await this.fetchPage(mode, ref, q, 0, signal, `${key}#0`);
      const known = this.splits.find((s) => s.config === ref.config && s.split === ref.split)?.numRows;
      let total = first.total ?? (mode === 'rows' ? known : undefined);
      if (total === undefined) {
        // /first-rows does not say how many rows there are, and /size did not either: /rows does.
        total = (await this.deps.client.rows(this.dataset, ref, 0, 1, signal)).total ?? first.rows.length;
      }
      if (signal.aborted) {
        return;
      }
      const columns = columnsFromFeatures(first.features);
      this.table = { key, mode, ref, columns, total, ...q };
      this.deps.post({ type: 'table', key, mode, columns, total, partial: first.partial && mode !== 'rows', ...q });
      this.postPage(this.table, 0, first);
      // Kept once the page has it: the cache's bookkeeping is not waited for.
      this.pages.set(`${key}#0`, first);
    } catch (e) {
      this.fail('table', e, () => this.openTable(mode, q));
    }
  }

  /** The page asked for page `page` of table `key`. */
  async page(key: string, page: number): Promise<void> {
    const table = this.table;
    if (!table || table.key !== key || page * PAGE_ROWS >= table.total) {
      return;
    }
    const id = `${key}#${page}`;
    const held = this.pages.get(id);
    if (held) {
      this.postPage(table, page, held);
      return;
    }
    if (this.inflight.has(id)) {
      return;
    }
    this.inflight.add(id);
    try {
      const rows = await this.fetchPage(table.mode, table.ref, table, page, this.abort.signal, id);
      this.pages.set(id, rows);
      if (this.table === table) {
        this.postPage(table, page, rows);
      }
    } catch (e) {
      if (!isCancellation(e) && this.table === table) {
        this.deps.post({ type: 'pageError', key, page, message: e instanceof Error ? e.message : 'The rows could not be loaded.' });
      }
    } finally {
      this.inflight.delete(id);
    }
  }

  async statistics(): Promise<void> {
    const ref = this.selected();
    const table = this.table;
    if (!ref || !table) {
      return;
    }
    const id = `${ref.config}/${ref.split}`;
    try {
      const stats = this.stats.get(id) ?? (await this.deps.client.statistics(this.dataset, ref, this.abort.signal));
      this.stats.set(id, stats);
      this.deps.post({ type: 'statistics', key: table.key, statistics: stats });
    } catch (e) {
      this.fail('statistics', e, () => this.statistics());
    }
  }

  /** Runs again what failed last. */
  async retryLast(): Promise<void> {
    const retry = this.retry;
    this.retry = undefined;
    await (retry ?? (() => this.load()))();
  }

  /** A row's values, from the held page (fetched again, alone, when the server cut some of its cells). */
  async rowValues(key: string, row: number): Promise<Record<string, unknown> | undefined> {
    const table = this.table;
    if (!table || table.key !== key || row >= table.total) {
      return undefined;
    }
    const page = Math.floor(row / PAGE_ROWS);
    const held = this.pages.get(`${key}#${page}`)?.rows[row - page * PAGE_ROWS];
    if (held && held.truncated.length === 0) {
      return held.row;
    }
    if (held && table.mode === 'rows') {
      const again = await this.deps.client.rows(this.dataset, table.ref, held.rowIdx, 1, this.abort.signal);
      return again.rows[0]?.row ?? held.row;
    }
    return held?.row;
  }

  /** A cell's full text and a title for it, or undefined. */
  async cell(key: string, row: number, column: number): Promise<{ title: string; text: string; json: boolean } | undefined> {
    const col = this.table?.key === key ? this.table.columns[column] : undefined;
    const values = col && (await this.rowValues(key, row));
    if (!col || !values) {
      return undefined;
    }
    const value = values[col.name];
    return { title: `${this.dataset} · row ${row} · ${col.name}`, text: fullText(value ?? null), json: typeof value !== 'string' };
  }

  /** Requests of pages this session sent and is holding (for leak checks). */
  get heldPages(): number {
    return this.pages.size;
  }

  dispose(): void {
    this.abort.abort();
  }

  private selected(): SplitRef | undefined {
    return this.state.config && this.state.split ? { config: this.state.config, split: this.state.split } : undefined;
  }

  private fetchPage(mode: TableMode, ref: SplitRef, q: { query?: string; where?: string; orderby?: string }, page: number, signal: AbortSignal, id: string): Promise<RowsPage> {
    this.pageRequests.push(id);
    const { offset } = pageRange(page, Number.MAX_SAFE_INTEGER);
    if (mode === 'search') {
      return this.deps.client.search(this.dataset, ref, q.query ?? '', offset, PAGE_ROWS, signal);
    }
    if (mode === 'filter') {
      return this.deps.client.filter(this.dataset, ref, q.where ?? '', q.orderby ?? '', offset, PAGE_ROWS, signal);
    }
    return page === 0 ? this.deps.client.firstRows(this.dataset, ref, signal) : this.deps.client.rows(this.dataset, ref, offset, PAGE_ROWS, signal);
  }

  private postPage(table: Table, page: number, rows: RowsPage): void {
    const out: PageRow[] = rows.rows.map((r) => ({ idx: r.rowIdx, cells: table.columns.map((c) => formatCell(c, r.row, r.truncated, this.deps.assetOrigin)) }));
    this.deps.post({ type: 'page', key: table.key, page, rows: out });
  }

  private fail(scope: 'dataset' | 'table' | 'statistics', e: unknown, retry: () => Promise<void>): void {
    if (isCancellation(e)) {
      return;
    }
    this.retry = retry;
    const problem: Problem =
      e instanceof ViewerProblem ? { kind: e.kind, message: e.message, retryable: e.retryable } : { kind: 'server', message: e instanceof Error ? e.message : 'The dataset viewer could not be reached.', retryable: true };
    this.deps.warn?.(`Dataset viewer ${this.dataset} (${scope}): ${problem.message}`);
    this.deps.post({ type: 'problem', scope, problem });
  }
}
