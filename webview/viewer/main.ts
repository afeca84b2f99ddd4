/**
 * Script of the dataset viewer page. The host sends the dataset's splits, then tables (columns and a row count) and
 * their pages of formatted cells; this script shows them with DOM text only (no HTML from anywhere), in a virtualised
 * table (./table.ts). Every action is a typed message the host validates. The only state kept across reloads is
 * `{dataset, config, split}`.
 */
import type { Cell } from '../../src/viewer/model';
import type { FromViewer, Problem, SplitOption, ToViewer, ViewerState } from '../../src/viewer/protocol';
import type { Capabilities } from '../../src/viewer/wire';
import { vsCodeApi } from '../vscodeApi';
import { fileSize } from '../../src/hub/format';
import { button, el, formatCount } from './dom';
import { renderStatistics } from './stats';
import { VirtualTable } from './table';

const vscode = vsCodeApi<FromViewer, ViewerState>();
const post = (message: FromViewer) => vscode.postMessage(message);
const main = document.getElementById('viewer') as HTMLElement;

let dataset = '';
let splits: SplitOption[] = [];
let selected: { config: string; split: string } | undefined;
let capabilities: Capabilities | undefined;
let table: VirtualTable | undefined;
let tableStarted = 0;
let reportedFirstRows = false;

const header = el('header', { className: 'head' });
const toolbar = el('div', { className: 'toolbar' });
const queryBar = el('div', { className: 'toolbar query' });
const problemArea = el('div', { className: 'problem-area' });
problemArea.setAttribute('role', 'alert');
const tableArea = el('div', { className: 'table-area' });
const detail = el('section', { className: 'detail' });
detail.setAttribute('aria-label', 'Selected cell');
const statsArea = el('section', { className: 'stats' });
const status = el('p', { className: 'status' });
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');

function splitLabel(s: SplitOption): string {
  const facts = [s.numRows !== undefined ? `${formatCount(s.numRows)} rows` : undefined, s.numBytes !== undefined ? fileSize(s.numBytes) : undefined].filter(Boolean);
  return `${s.config} / ${s.split}${facts.length ? ` — ${facts.join(' · ')}` : ''}`;
}

function renderHead(message: Extract<ToViewer, { type: 'dataset' }>): void {
  const facts = [message.datasetRows !== undefined ? `${formatCount(message.datasetRows)} rows` : undefined, message.datasetBytes !== undefined ? `${fileSize(message.datasetBytes)} (Parquet)` : undefined, `${splits.length} split${splits.length === 1 ? '' : 's'}`].filter(Boolean);
  header.replaceChildren(el('h1', { text: dataset }), el('p', { className: 'facts', text: facts.join(' · ') }));
  const chooser = el('select', { className: 'split', title: 'Config and split' });
  chooser.setAttribute('aria-label', 'Config and split');
  splits.forEach((s, i) => {
    const option = el('option', { text: splitLabel(s) });
    option.value = String(i);
    option.selected = s.config === message.selected.config && s.split === message.selected.split;
    chooser.append(option);
  });
  chooser.addEventListener('change', () => {
    const s = splits[Number(chooser.value)];
    if (s) {
      post({ type: 'choose', config: s.config, split: s.split });
    }
  });
  const goto = el('input', { className: 'goto' });
  goto.type = 'number';
  goto.min = '0';
  goto.placeholder = 'Go to row';
  goto.setAttribute('aria-label', 'Go to row');
  goto.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && goto.value !== '') {
      table?.goTo(Number(goto.value));
    }
  });
  toolbar.replaceChildren(
    chooser,
    goto,
    button('Insert load_dataset code', () => post({ type: 'action', action: 'insertCode' }), { className: 'primary' }),
    button('Streaming', () => post({ type: 'action', action: 'insertStreamingCode' }), { title: 'Insert load_dataset code with streaming=True' }),
    ...(capabilities?.statistics ? [button('Statistics', () => post({ type: 'statistics' }))] : []),
    button('Open on huggingface.co', () => post({ type: 'action', action: 'openOnHub' })),
  );
  renderQueryBar();
}

function renderQueryBar(): void {
  const parts: HTMLElement[] = [];
  if (capabilities?.search) {
    const search = el('input', { className: 'search' });
    search.type = 'search';
    search.placeholder = 'Search (full text)';
    search.setAttribute('aria-label', 'Search rows');
    search.addEventListener('keydown', (e) => e.key === 'Enter' && post({ type: 'search', query: search.value }));
    parts.push(search);
  }
  if (capabilities?.filter) {
    const where = el('input', { className: 'where' });
    where.placeholder = `where, e.g. "label"=1 AND "tokens">100`;
    where.setAttribute('aria-label', 'Filter: where');
    const orderby = el('input', { className: 'orderby' });
    orderby.placeholder = 'order by, e.g. tokens DESC';
    orderby.setAttribute('aria-label', 'Filter: order by');
    const apply = () => post({ type: 'filter', where: where.value, orderby: orderby.value });
    where.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
    orderby.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
    parts.push(where, orderby, button('Filter', apply));
  }
  if (parts.length) {
    parts.push(button('Clear', () => post({ type: 'clearQuery' }), { title: 'Show all rows again' }));
  }
  queryBar.replaceChildren(...parts);
}

function renderProblem(scope: string, problem: Problem): void {
  const actions: HTMLElement[] = [];
  if (problem.retryable || scope !== 'dataset') {
    actions.push(button('Retry', () => post({ type: 'action', action: 'retry' }), { className: 'primary' }));
  }
  if (problem.kind === 'signIn') {
    actions.push(button('Sign in', () => post({ type: 'action', action: 'signIn' }), { className: 'primary' }));
  }
  if (problem.kind === 'noAccess' || problem.kind === 'signIn') {
    actions.push(button('Request access', () => post({ type: 'action', action: 'requestAccess' })));
  }
  if (scope === 'dataset') {
    actions.push(button('Open on huggingface.co', () => post({ type: 'action', action: 'openOnHub' })));
    tableArea.replaceChildren();
    table = undefined;
  }
  problemArea.replaceChildren(el('div', { className: `problem ${problem.kind}` }, el('p', { text: problem.message }), el('div', { className: 'actions' }, ...actions)));
  main.setAttribute('aria-busy', 'false');
}

function showDetail(row: number, column: number, cell: Cell | undefined): void {
  const col = table?.columns[column];
  if (!col || !cell) {
    detail.replaceChildren();
    return;
  }
  const body =
    cell.k === 'json' || cell.k === 'text' || cell.k === 'blocked'
      ? el('pre', { text: cell.k === 'json' ? cell.text : cell.text })
      : el('p', { text: cell.k === 'label' ? `${cell.name} (${cell.id})` : cell.k === 'num' ? cell.text : cell.k === 'bool' ? String(cell.value) : cell.k === 'null' ? 'null' : `${cell.k}: ${cell.src}` });
  const key = table!.key;
  detail.replaceChildren(
    el('h2', { text: `Row ${formatCount(row)} · ${col.name} · ${col.typeLabel}${cell.cut ? ' · cut by the viewer' : ''}` }),
    body,
    el('div', { className: 'actions' }, button('Open in editor', () => post({ type: 'openCell', key, row, column })), button('Copy row as JSON', () => post({ type: 'copyRow', key, row }))),
  );
}

function onMessage(message: ToViewer): void {
  switch (message.type) {
    case 'loading':
      dataset = message.dataset;
      status.textContent = `Loading ${message.dataset}…`;
      problemArea.replaceChildren();
      main.setAttribute('aria-busy', 'true');
      return;
    case 'dataset':
      dataset = message.dataset;
      splits = message.splits;
      selected = message.selected;
      capabilities = message.capabilities;
      vscode.setState({ dataset, ...selected });
      renderHead(message);
      status.textContent = 'Loading the first rows…';
      tableStarted = performance.now();
      return;
    case 'table': {
      problemArea.replaceChildren();
      statsArea.replaceChildren();
      detail.replaceChildren();
      table = new VirtualTable(message.key, message.columns, message.total, {
        askPages: (pages) => pages.forEach((page) => post({ type: 'page', key: message.key, page })),
        select: showDetail,
        open: (row, column) => post({ type: 'openCell', key: message.key, row, column }),
      });
      tableArea.replaceChildren(table.element);
      const what = message.mode === 'search' ? `matching “${message.query ?? ''}”` : message.mode === 'filter' ? 'matching the filter' : '';
      status.textContent = `${formatCount(message.total)} rows ${what}${message.partial ? ' (of a partial conversion)' : ''}`.trim();
      main.setAttribute('aria-busy', 'false');
      return;
    }
    case 'page':
      if (table?.key === message.key) {
        table.putPage(message.page, message.rows);
        if (!reportedFirstRows && message.page === 0) {
          reportedFirstRows = true;
          requestAnimationFrame(() => post({ type: 'rendered', ms: performance.now() - tableStarted }));
        }
      }
      return;
    case 'pageError':
      if (table?.key === message.key) {
        table.pageFailed(message.page, message.message);
      }
      return;
    case 'statistics':
      renderStatistics(statsArea, message.statistics);
      statsArea.scrollIntoView({ block: 'nearest' });
      return;
    case 'problem':
      renderProblem(message.scope, message.problem);
      status.textContent = '';
      return;
  }
}

main.replaceChildren(header, toolbar, queryBar, status, problemArea, tableArea, detail, statsArea);
window.addEventListener('message', (event: MessageEvent<ToViewer>) => onMessage(event.data));
post({ type: 'ready' });
