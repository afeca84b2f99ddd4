// The embedded dataset viewer (datasets-server): `/is-valid`, `/splits`, `/size`, `/first-rows`, `/rows`, `/search`,
// `/filter`, `/statistics` under `/datasets-server/`, in the shapes of the real API (its OpenAPI examples), over the
// datasets of viewer-data.mjs. Images and audio are served under `/datasets-server-assets/` and addressed through
// `http://localhost:PORT`, another origin than the API's `http://127.0.0.1:PORT`, as the real viewer's assets come
// from their own host. Access follows the Hub's: private datasets for their owners, gated ones for approved users.
import { canSee } from './access.mjs';
import { actsAs } from './users.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { BEAN_COLOURS, VIEWER_DATASETS } from './viewer-data.mjs';
import { drawPng, synthWav } from './viewer-media.mjs';
import { parseOrderBy, parseWhere } from './viewer-where.mjs';

const NO_ACCESS =
  'The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication.';
const MAX_LENGTH = 100;
const FIRST_ROWS = 100;
/** Cells of /first-rows longer than this (as JSON) are cut and listed in `truncated_cells`, as the real viewer does past its size budget. */
const FIRST_ROWS_CELL_MAX = 1_000;

/** The asset host for a server at `origin` (`http://127.0.0.1:PORT` → `http://localhost:PORT`). */
export function viewerAssetOrigin(origin) {
  return origin.replace('://127.0.0.1:', '://localhost:');
}

/** @param {import('./access.mjs').RequestContext} ctx */
export function viewerRoute(ctx) {
  const segments = ctx.rawPath.split('/').slice(1);
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    return errorReply(405, 'Method not allowed');
  }
  if (segments[0] === 'datasets-server-assets') {
    return asset(segments.slice(1).map(decodeURIComponent));
  }
  const endpoint = segments.slice(1).join('/');
  const q = ctx.query;
  const id = q.get('dataset');
  if (!id) {
    return errorReply(422, "Parameter 'dataset' is required", { code: 'MissingRequiredParameter' });
  }
  const denied = access(ctx, id);
  if (denied) {
    return denied;
  }
  const dataset = VIEWER_DATASETS[id];
  if (endpoint === 'is-valid') {
    return jsonReply(200, dataset?.capabilities ?? { preview: false, viewer: false, search: false, filter: false, statistics: false });
  }
  if (!dataset) {
    return errorReply(501, 'The dataset viewer has not been enabled for this dataset.', { code: 'DatasetNotEnabled' });
  }
  if (dataset.state === 'processing') {
    return errorReply(500, 'The server is busier than usual and the response is not ready yet. Please retry later.', { code: 'ResponseNotReady' });
  }
  if (dataset.state === 'notValid') {
    return jsonReply(
      500,
      { error: 'Cannot load the dataset split (in streaming mode) to extract the first rows.', cause_exception: 'FileNotFoundError', cause_message: 'data/train-00000.jsonl.zst' },
      { 'X-Error-Code': 'StreamingRowsError' },
    );
  }
  const configs = /** @type {Record<string, import('./viewer-data.mjs').ViewerConfig>} */ (dataset.configs);
  if (endpoint === 'splits') {
    return jsonReply(200, { splits: Object.entries(configs).flatMap(([config, c]) => Object.keys(c.splits).map((split) => ({ dataset: id, config, split }))), pending: [], failed: [] });
  }
  if (endpoint === 'size') {
    return jsonReply(200, sizeBody(id, configs));
  }
  const config = q.get('config');
  const split = q.get('split');
  if (!config || !split) {
    return errorReply(422, "Parameters 'dataset', 'config' and 'split' are required", { code: 'MissingRequiredParameter' });
  }
  const c = configs[config];
  const total = c?.splits[split];
  if (!c || total === undefined) {
    return errorReply(404, 'Not found.', { code: 'ResponseNotFound' });
  }
  const assets = `${viewerAssetOrigin(ctx.origin)}/datasets-server-assets/${encodeURIComponent(id)}/--/${encodeURIComponent(config)}/${encodeURIComponent(split)}`;
  const row = (/** @type {number} */ i) => c.row(i, split, assets);
  const features = c.features.map((f, i) => ({ feature_idx: i, name: f.name, type: f.type }));
  if (endpoint === 'first-rows') {
    const rows = [];
    for (let i = 0; i < Math.min(FIRST_ROWS, total); i++) {
      rows.push(firstRowsRow(i, row(i)));
    }
    return jsonReply(200, { dataset: id, config, split, features, rows, truncated: total > FIRST_ROWS });
  }
  if (endpoint === 'statistics') {
    return dataset.capabilities.statistics ? jsonReply(200, statistics(c, total, row)) : errorReply(501, 'No statistics for this dataset.', { code: 'NoStatistics' });
  }
  const offset = Number(q.get('offset') ?? '0');
  const length = Number(q.get('length') ?? String(MAX_LENGTH));
  if (!Number.isInteger(offset) || offset < 0) {
    return errorReply(422, "Parameter 'offset' must be positive", { code: 'InvalidParameter' });
  }
  if (!Number.isInteger(length) || length < 0 || length > MAX_LENGTH) {
    return errorReply(422, `Parameter 'length' must be positive and not greater than ${MAX_LENGTH}`, { code: 'InvalidParameter' });
  }
  const page = (/** @type {number[]} */ indices) => ({
    features,
    rows: indices.slice(offset, offset + length).map((i) => ({ row_idx: i, row: row(i), truncated_cells: [] })),
    num_rows_total: indices.length,
    num_rows_per_page: MAX_LENGTH,
    partial: false,
  });
  if (endpoint === 'rows') {
    const rows = [];
    for (let i = offset; i < Math.min(total, offset + length); i++) {
      rows.push({ row_idx: i, row: row(i), truncated_cells: [] });
    }
    return jsonReply(200, { features, rows, num_rows_total: total, num_rows_per_page: MAX_LENGTH, partial: false });
  }
  if (endpoint === 'search') {
    if (!dataset.capabilities.search) {
      return errorReply(501, 'The split is not indexed for full-text search.', { code: 'FeatureNotEnabled' });
    }
    const query = (q.get('query') ?? '').toLowerCase();
    if (!query) {
      return errorReply(422, "Parameter 'query' is required", { code: 'MissingRequiredParameter' });
    }
    const texts = c.features.filter((f) => /** @type {any} */ (f.type).dtype === 'string').map((f) => f.name);
    return jsonReply(200, page(matching(total, (i) => texts.some((n) => String(row(i)[n]).toLowerCase().includes(query)))));
  }
  if (endpoint === 'filter') {
    const names = c.features.map((f) => f.name);
    const where = parseWhere(q.get('where') ?? '', names);
    const orderby = parseOrderBy(q.get('orderby') ?? '', names);
    if (where === undefined) {
      return errorReply(422, "Parameter 'where' is invalid", { code: 'InvalidParameter' });
    }
    if (orderby === undefined) {
      return errorReply(422, "Parameter 'orderby' is invalid", { code: 'InvalidParameter' });
    }
    const indices = matching(total, (i) => where(row(i)));
    if (orderby) {
      const sign = orderby.desc ? -1 : 1;
      indices.sort((a, b) => {
        const x = row(a)[orderby.column];
        const y = row(b)[orderby.column];
        return (x === y ? a - b : /** @type {any} */ (x) < /** @type {any} */ (y) ? -1 : 1) * sign;
      });
    }
    return jsonReply(200, page(indices));
  }
  return errorReply(404, 'Not found.');
}

/** @param {number} total @param {(i: number) => boolean} test */
function matching(total, test) {
  const out = [];
  for (let i = 0; i < total; i++) {
    if (test(i)) {
      out.push(i);
    }
  }
  return out;
}

/** @param {number} i @param {Record<string, unknown>} row */
function firstRowsRow(i, row) {
  const truncated = [];
  const out = { ...row };
  for (const [name, cell] of Object.entries(row)) {
    const text = typeof cell === 'string' ? cell : JSON.stringify(cell);
    if (text.length > FIRST_ROWS_CELL_MAX) {
      out[name] = text.slice(0, FIRST_ROWS_CELL_MAX);
      truncated.push(name);
    }
  }
  return { row_idx: i, row: out, truncated_cells: truncated };
}

/** @param {import('./access.mjs').RequestContext} ctx @param {string} id */
function access(ctx, id) {
  const repo = ctx.catalog.get('dataset', id);
  const allowed = repo && canSee(repo, ctx.user) && (!repo.gated || (ctx.user && (repo.approved.includes(ctx.user.name) || actsAs(ctx.user, repo.owner))));
  if (allowed) {
    return undefined;
  }
  return ctx.user ? errorReply(404, NO_ACCESS, { code: 'ExternalAuthenticatedError' }) : errorReply(401, NO_ACCESS, { code: 'ExternalUnauthenticatedError' });
}

/** @param {string} id @param {Record<string, import('./viewer-data.mjs').ViewerConfig>} configs */
function sizeBody(id, configs) {
  const bytesPerRow = (/** @type {import('./viewer-data.mjs').ViewerConfig} */ c) => c.features.length * 96;
  const splits = Object.entries(configs).flatMap(([config, c]) =>
    Object.entries(c.splits).map(([split, n]) => ({
      dataset: id,
      config,
      split,
      num_bytes_parquet_files: n * bytesPerRow(c),
      num_bytes_memory: n * bytesPerRow(c) * 2,
      num_rows: n,
      num_columns: c.features.length,
      estimated_num_rows: null,
    })),
  );
  const sum = (/** @type {typeof splits} */ list, /** @type {'num_rows' | 'num_bytes_parquet_files' | 'num_bytes_memory'} */ k) => list.reduce((t, s) => t + s[k], 0);
  const configsOut = Object.entries(configs).map(([config, c]) => {
    const own = splits.filter((s) => s.config === config);
    return { dataset: id, config, num_bytes_original_files: sum(own, 'num_bytes_parquet_files'), num_bytes_parquet_files: sum(own, 'num_bytes_parquet_files'), num_bytes_memory: sum(own, 'num_bytes_memory'), num_rows: sum(own, 'num_rows'), num_columns: c.features.length, estimated_num_rows: null };
  });
  return {
    size: {
      dataset: { dataset: id, num_bytes_original_files: sum(splits, 'num_bytes_parquet_files'), num_bytes_parquet_files: sum(splits, 'num_bytes_parquet_files'), num_bytes_memory: sum(splits, 'num_bytes_memory'), num_rows: sum(splits, 'num_rows'), estimated_num_rows: null },
      configs: configsOut,
      splits,
    },
    pending: [],
    failed: [],
    partial: false,
  };
}

/** @type {Map<string, unknown>} */
const statsCache = new Map();

/** Statistics computed over every row of the split, as the real viewer does (cached per split). */
function statistics(c, total, row) {
  const key = `${c.features.map((f) => f.name).join(',')}:${total}`;
  if (!statsCache.has(key)) {
    statsCache.set(key, computeStatistics(c, total, row));
  }
  return statsCache.get(key);
}

function histogram(values, integer) {
  if (values.length === 0) {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const bins = Math.max(1, Math.min(10, integer ? max - min + 1 : 10));
  const width = (max - min) / bins || 1;
  const hist = new Array(bins).fill(0);
  for (const v of values) {
    hist[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (integer ? Math.round(min + k * width) : Math.round((min + k * width) * 1e5) / 1e5));
  edges[bins] = max;
  const mean = sum / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const std = Math.sqrt(values.reduce((t, v) => t + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  const round = (/** @type {number} */ x) => Math.round(x * 1e5) / 1e5;
  return { min, max, mean: round(mean), median: round(median), std: round(std), histogram: { hist, bin_edges: edges } };
}

function computeStatistics(c, total, row) {
  const statistics = [];
  for (const f of c.features) {
    const type = /** @type {any} */ (f.type);
    const kind = type._type === 'ClassLabel' ? 'class_label' : type.dtype === 'string' ? 'string_text' : type.dtype === 'bool' ? 'bool' : type.dtype?.startsWith('int') ? 'int' : type.dtype?.startsWith('float') ? 'float' : undefined;
    if (!kind) {
      continue;
    }
    let nan = 0;
    const values = [];
    /** @type {Record<string, number>} */
    const frequencies = {};
    for (let i = 0; i < total; i++) {
      const v = row(i)[f.name];
      if (v === null || v === undefined) {
        nan++;
      } else if (kind === 'class_label') {
        const name = type.names[v] ?? 'no label';
        frequencies[name] = (frequencies[name] ?? 0) + 1;
      } else if (kind === 'bool') {
        frequencies[v ? 'True' : 'False'] = (frequencies[v ? 'True' : 'False'] ?? 0) + 1;
      } else {
        values.push(kind === 'string_text' ? String(v).length : Number(v));
      }
    }
    const base = { nan_count: nan, nan_proportion: Math.round((nan / total) * 1e5) / 1e5 };
    const stats = kind === 'class_label' || kind === 'bool' ? { ...base, ...(kind === 'class_label' ? { no_label_count: 0, no_label_proportion: 0, n_unique: Object.keys(frequencies).length } : {}), frequencies } : { ...base, ...histogram(values, kind !== 'float') };
    statistics.push({ column_name: f.name, column_type: kind, column_statistics: stats });
  }
  return { num_examples: total, statistics, partial: false };
}

/** @param {string[]} segments dataset, '--', config, split, row, column, file */
function asset(segments) {
  const [id, , config, split, rowText, column, file] = segments;
  const i = Number(rowText);
  if (!VIEWER_DATASETS[id]?.configs?.[config]?.splits[split] || !Number.isInteger(i) || i < 0) {
    return errorReply(404, 'Not found.');
  }
  if (file === 'image.png' && column === 'image') {
    const png = drawPng(48, BEAN_COLOURS[i % 3], i * 5);
    return { status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600' }, body: png };
  }
  if (file === 'audio.wav' && column === 'audio') {
    return { status: 200, headers: { 'Content-Type': 'audio/wav', 'Cache-Control': 'public, max-age=3600' }, body: synthWav(220 + i * 40, 0.5) };
  }
  return errorReply(404, 'Not found.');
}
