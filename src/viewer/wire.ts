// The dataset viewer API's answers (https://datasets-server.huggingface.co, docs/source/openapi.json of
// huggingface/dataset-viewer), read defensively: every field is checked for its type, anything else is dropped, so
// the rest of the viewer only ever sees these shapes. Pure: no `vscode`.

/** `/is-valid`: what the viewer offers for a dataset. */
export interface Capabilities {
  preview: boolean;
  viewer: boolean;
  search: boolean;
  filter: boolean;
  statistics: boolean;
}

export interface SplitRef {
  config: string;
  split: string;
}

/** A split with its size, when `/size` knows it. */
export interface SplitInfo extends SplitRef {
  numRows?: number;
  numBytes?: number;
}

/** A feature as the viewer sends it: `{name, type}` where `type` is the `datasets` feature's JSON. */
export interface WireFeature {
  name: string;
  type: unknown;
}

export interface WireRow {
  rowIdx: number;
  row: Record<string, unknown>;
  truncated: readonly string[];
}

/** `/first-rows`, `/rows`, `/search`, `/filter`. */
export interface RowsPage {
  features: WireFeature[];
  rows: WireRow[];
  /** Rows in the split (or matching the search or filter); `/first-rows` does not say. */
  total?: number;
  /** `/first-rows`: only the first rows were kept; `/rows`: the split is a partial conversion. */
  partial: boolean;
}

export interface SizeInfo {
  dataset?: { numRows?: number; numBytes?: number };
  configs: { config: string; numRows?: number; numBytes?: number }[];
  splits: SplitInfo[];
  partial: boolean;
}

export interface Histogram {
  hist: number[];
  binEdges: number[];
}

export interface ColumnStatistics {
  column: string;
  type: string;
  nanCount?: number;
  nanProportion?: number;
  min?: number;
  max?: number;
  mean?: number;
  histogram?: Histogram;
  /** Category or label frequencies, most frequent first. */
  frequencies?: { name: string; count: number }[];
}

export interface Statistics {
  numExamples?: number;
  columns: ColumnStatistics[];
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function count(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Thrown when an answer is not the shape the viewer documents. */
export class ShapeError extends Error {}

function need(value: unknown, what: string): Obj {
  const o = obj(value);
  if (!o) {
    throw new ShapeError(`The dataset viewer sent an unexpected ${what} answer.`);
  }
  return o;
}

export function parseCapabilities(body: unknown): Capabilities {
  const o = need(body, '/is-valid');
  return { preview: o.preview === true, viewer: o.viewer === true, search: o.search === true, filter: o.filter === true, statistics: o.statistics === true };
}

/** Config and split names the viewer gives are shown and sent back as query values; they must be short text. */
function name(value: unknown): string | undefined {
  const s = str(value);
  return s !== undefined && s.length > 0 && s.length <= 200 ? s : undefined;
}

export function parseSplits(body: unknown): SplitRef[] {
  const o = need(body, '/splits');
  const out: SplitRef[] = [];
  for (const item of list(o.splits)) {
    const s = obj(item);
    const config = name(s?.config);
    const split = name(s?.split);
    if (config !== undefined && split !== undefined) {
      out.push({ config, split });
    }
  }
  return out;
}

function parseFeatures(value: unknown): WireFeature[] {
  const out: WireFeature[] = [];
  for (const item of list(value)) {
    const f = obj(item);
    const n = str(f?.name);
    if (f && n !== undefined) {
      out.push({ name: n, type: f.type });
    }
  }
  return out;
}

export function parseRows(body: unknown, what: string): RowsPage {
  const o = need(body, what);
  const rows: WireRow[] = [];
  for (const item of list(o.rows)) {
    const r = obj(item);
    const rowIdx = count(r?.row_idx);
    const row = obj(r?.row);
    if (rowIdx !== undefined && row) {
      rows.push({ rowIdx, row, truncated: list(r?.truncated_cells).filter((c): c is string => typeof c === 'string') });
    }
  }
  return { features: parseFeatures(o.features), rows, total: count(o.num_rows_total), partial: o.partial === true || o.truncated === true };
}

export function parseSize(body: unknown): SizeInfo {
  const size = need(need(body, '/size').size, '/size');
  const d = obj(size.dataset);
  const configs: SizeInfo['configs'] = [];
  for (const item of list(size.configs)) {
    const c = obj(item);
    const config = name(c?.config);
    if (config !== undefined) {
      configs.push({ config, numRows: count(c?.num_rows), numBytes: count(c?.num_bytes_parquet_files) ?? count(c?.num_bytes_memory) });
    }
  }
  const splits: SplitInfo[] = [];
  for (const item of list(size.splits)) {
    const s = obj(item);
    const config = name(s?.config);
    const split = name(s?.split);
    if (config !== undefined && split !== undefined) {
      splits.push({ config, split, numRows: count(s?.num_rows), numBytes: count(s?.num_bytes_parquet_files) ?? count(s?.num_bytes_memory) });
    }
  }
  return {
    dataset: d ? { numRows: count(d.num_rows), numBytes: count(d.num_bytes_parquet_files) ?? count(d.num_bytes_memory) } : undefined,
    configs,
    splits,
    partial: (body as Obj).partial === true,
  };
}

const MAX_BINS = 100;
const MAX_CATEGORIES = 50;

function parseHistogram(value: unknown): Histogram | undefined {
  const h = obj(value);
  const hist = list(h?.hist).map(num);
  const binEdges = list(h?.bin_edges).map(num);
  if (hist.length === 0 || hist.length > MAX_BINS || binEdges.length !== hist.length + 1 || [...hist, ...binEdges].some((n) => n === undefined)) {
    return undefined;
  }
  return { hist: hist as number[], binEdges: binEdges as number[] };
}

export function parseStatistics(body: unknown): Statistics {
  const o = need(body, '/statistics');
  const columns: ColumnStatistics[] = [];
  for (const item of list(o.statistics)) {
    const c = obj(item);
    const column = str(c?.column_name);
    const s = obj(c?.column_statistics);
    if (column === undefined || !s) {
      continue;
    }
    const freq = obj(s.frequencies);
    const frequencies = freq
      ? Object.entries(freq)
          .flatMap(([k, v]) => (count(v) === undefined ? [] : [{ name: k, count: v as number }]))
          .sort((a, b) => b.count - a.count)
          .slice(0, MAX_CATEGORIES)
      : undefined;
    columns.push({
      column,
      type: str(c?.column_type) ?? 'unknown',
      nanCount: count(s.nan_count),
      nanProportion: num(s.nan_proportion),
      min: num(s.min),
      max: num(s.max),
      mean: num(s.mean),
      histogram: parseHistogram(s.histogram),
      frequencies,
    });
  }
  return { numExamples: count(o.num_examples), columns };
}
