// The virtualised table: only the rows in view are in the DOM (a few dozen, whatever the split's size), positioned on
// a scroll track of bounded height (src/viewer/window.ts maps 1,000,000 rows onto it). Pages are asked for once they
// are in view and the scrolling has paused a moment, so dragging the scrollbar across a million rows asks only for
// where it stops. Cells are text nodes, images and audio elements whose addresses the host checked (the CSP checks
// again). Keyboard: arrows, Page Up/Down, Home/End move the selected cell; Enter opens it in full.
import type { Cell, Column } from '../../src/viewer/model';
import type { PageRow } from '../../src/viewer/protocol';
import { pagesFor, PageStore, PAGE_ROWS, scrollTopFor, track, visibleRows, type Track } from '../../src/viewer/window';
import { button, el, formatCount } from './dom';

export const ROW_PX = 32;
const ASK_DELAY_MS = 80;
const WIDTHS: Record<Column['kind'], number> = { string: 320, number: 110, bool: 80, date: 170, classLabel: 170, image: 80, audio: 250, list: 240, struct: 240, other: 200 };

export interface TableEvents {
  askPages(pages: number[]): void;
  select(row: number, column: number, cell: Cell | undefined): void;
  open(row: number, column: number): void;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly store = new PageStore<PageRow[]>();
  private readonly failed = new Map<number, string>();
  private t: Track;
  private frame = 0;
  private askTimer: ReturnType<typeof setTimeout> | undefined;
  private selected = { row: 0, column: 0 };
  /** The rows in the DOM by index, with what they were built from: a row still showing the same is kept as it is. */
  private rendered = new Map<number, { node: HTMLElement; state: string }>();
  /** Pages put so far, counted, so that a page put again rebuilds its rows. */
  private puts = 0;
  private readonly putAt = new WeakMap<PageRow[], number>();
  /** Rows in the DOM at the last render (the bench and tests read it). */
  domRows = 0;

  constructor(
    readonly key: string,
    readonly columns: Column[],
    readonly total: number,
    private readonly events: TableEvents,
  ) {
    const template = `72px ${columns.map((c) => `${WIDTHS[c.kind]}px`).join(' ')}`;
    const header = el('div', { className: 'row header' });
    header.setAttribute('role', 'row');
    header.append(el('div', { className: 'cell index', text: '#' }));
    columns.forEach((c) => {
      const h = el('div', { className: 'cell', title: `${c.name} (${c.typeLabel})` }, el('span', { className: 'name', text: c.name }), el('span', { className: 'type', text: c.typeLabel }));
      h.setAttribute('role', 'columnheader');
      header.append(h);
    });
    this.spacer = el('div', { className: 'spacer' });
    this.body = el('div', { className: 'rows' });
    this.viewport = el('div', { className: 'viewport' }, this.spacer, this.body);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'grid');
    this.viewport.setAttribute('aria-rowcount', String(total));
    this.viewport.setAttribute('aria-colcount', String(columns.length + 1));
    this.viewport.setAttribute('aria-label', `Rows, ${formatCount(total)} in all. Arrow keys move, Enter opens a cell.`);
    this.element = el('div', { className: 'table' }, header, this.viewport);
    this.element.style.setProperty('--columns', template);
    this.t = track(total, ROW_PX, 400);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    // One listener for every cell, whichever rows are in the DOM.
    this.body.addEventListener('click', (e) => this.cellEvent(e, (row, column) => this.select(row, column)));
    this.body.addEventListener('dblclick', (e) => this.cellEvent(e, (row, column) => this.events.open(row, column)));
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.resize()).observe(this.viewport);
  }

  putPage(page: number, rows: PageRow[]): void {
    this.failed.delete(page);
    this.store.put(page, rows);
    this.putAt.set(rows, ++this.puts);
    this.schedule();
  }

  pageFailed(page: number, message: string): void {
    this.store.forget(page);
    this.failed.set(page, message);
    this.schedule();
  }

  /** Scrolls row `index` to the top and selects it. */
  goTo(index: number): void {
    const row = Math.max(0, Math.min(this.total - 1, index));
    this.selected = { row, column: this.selected.column };
    this.viewport.scrollTop = scrollTopFor(row, ROW_PX, this.t);
    this.schedule();
    this.viewport.focus();
  }

  focus(): void {
    this.viewport.focus();
  }

  private resize(): void {
    this.t = track(this.total, ROW_PX, this.viewport.clientHeight);
    this.spacer.style.height = `${this.t.height}px`;
    this.schedule();
  }

  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private render(): void {
    const viewportPx = this.viewport.clientHeight;
    const top = this.viewport.scrollTop;
    const { first, count, offsetPx } = visibleRows(top, viewportPx, ROW_PX, this.total, this.t);
    this.body.style.transform = `translateY(${top + offsetPx}px)`;
    const rows: HTMLElement[] = [];
    const next = new Map<number, { node: HTMLElement; state: string }>();
    let changed = this.rendered.size !== count;
    for (let i = first; i < first + count; i++) {
      const state = this.rowState(i);
      const kept = this.rendered.get(i);
      const entry = kept?.state === state ? kept : { node: this.row(i), state };
      changed ||= entry !== kept || this.body.children[i - first] !== entry.node;
      next.set(i, entry);
      rows.push(entry.node);
    }
    this.rendered = next;
    if (changed) {
      this.body.replaceChildren(...rows);
    }
    this.domRows = rows.length;
    clearTimeout(this.askTimer);
    const needed = pagesFor(first, count, this.total);
    this.askTimer = setTimeout(() => {
      const ask = this.store.want(needed.filter((p) => !this.failed.has(p)));
      if (ask.length) {
        this.events.askPages(ask);
      }
    }, ASK_DELAY_MS);
  }

  /** What row `index` shows: whether its page is in, failed, and which of its cells is selected. */
  private rowState(index: number): string {
    const page = Math.floor(index / PAGE_ROWS);
    const rows = this.store.get(page);
    const selected = index === this.selected.row ? this.selected.column : -1;
    return rows?.[index - page * PAGE_ROWS] ? `d${this.putAt.get(rows)}:${selected}` : `p${this.failed.get(page) ?? ''}`;
  }

  private cellEvent(e: Event, then: (row: number, column: number) => void): void {
    const cell = (e.target as Element | null)?.closest<HTMLElement>('[data-column]');
    const row = cell?.parentElement?.getAttribute('aria-rowindex');
    if (cell && row) {
      then(Number(row) - 1, Number(cell.dataset.column));
    }
  }

  private cellAt(index: number, column: number): Cell | undefined {
    const page = Math.floor(index / PAGE_ROWS);
    return this.store.get(page)?.[index - page * PAGE_ROWS]?.cells[column];
  }

  private row(index: number): HTMLElement {
    const page = Math.floor(index / PAGE_ROWS);
    const data = this.store.get(page)?.[index - page * PAGE_ROWS];
    const row = el('div', { className: 'row' });
    row.setAttribute('role', 'row');
    row.setAttribute('aria-rowindex', String(index + 1));
    row.append(el('div', { className: 'cell index', text: data ? formatCount(data.idx) : formatCount(index) }));
    if (!data) {
      const failed = this.failed.get(page);
      const placeholder = el('div', { className: failed ? 'cell pending failed' : 'cell pending', text: failed ? `Rows ${formatCount(page * PAGE_ROWS)}–: ${failed}` : '…' });
      if (failed) {
        placeholder.append(button('Retry', () => this.retryPage(page)));
      }
      row.append(placeholder);
      return row;
    }
    data.cells.forEach((cell, c) => {
      const node = renderCell(cell, this.columns[c]);
      node.setAttribute('role', 'gridcell');
      if (index === this.selected.row && c === this.selected.column) {
        node.classList.add('selected');
        node.setAttribute('aria-selected', 'true');
      }
      node.dataset.column = String(c);
      row.append(node);
    });
    return row;
  }

  private retryPage(page: number): void {
    this.failed.delete(page);
    this.schedule();
  }

  private select(row: number, column: number): void {
    this.selected = { row, column };
    this.events.select(row, column, this.cellAt(row, column));
    this.schedule();
  }

  private onKey(e: KeyboardEvent): void {
    const { row, column } = this.selected;
    const pageRows = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_PX) - 1);
    const moves: Record<string, [number, number]> = {
      ArrowDown: [row + 1, column],
      ArrowUp: [row - 1, column],
      ArrowRight: [row, column + 1],
      ArrowLeft: [row, column - 1],
      PageDown: [row + pageRows, column],
      PageUp: [row - pageRows, column],
      Home: [e.ctrlKey || e.metaKey ? 0 : row, e.ctrlKey || e.metaKey ? column : 0],
      End: [e.ctrlKey || e.metaKey ? this.total - 1 : row, e.ctrlKey || e.metaKey ? column : this.columns.length - 1],
    };
    if (e.key === 'Enter') {
      this.events.open(row, column);
      e.preventDefault();
      return;
    }
    const move = moves[e.key];
    if (!move) {
      return;
    }
    e.preventDefault();
    const next = { row: Math.max(0, Math.min(this.total - 1, move[0])), column: Math.max(0, Math.min(this.columns.length - 1, move[1])) };
    this.select(next.row, next.column);
    const { first, count } = visibleRows(this.viewport.scrollTop, this.viewport.clientHeight, ROW_PX, this.total, this.t);
    if (next.row < first + 1 || next.row >= first + count - 2) {
      this.viewport.scrollTop = scrollTopFor(Math.max(0, next.row - (next.row < first + 1 ? 0 : count - 3)), ROW_PX, this.t);
    }
  }
}

/** One cell: text only; media elements for addresses the host allowed. */
export function renderCell(cell: Cell, column: Column): HTMLElement {
  const node = el('div', { className: `cell ${cell.k}${cell.cut ? ' cut' : ''}` });
  switch (cell.k) {
    case 'null':
      node.append(el('span', { className: 'null', text: 'null' }));
      break;
    case 'text':
      node.textContent = cell.text;
      node.title = cell.more ? `${cell.text.slice(0, 200)}… (Enter or double-click shows all)` : cell.text.slice(0, 500);
      if (cell.more) {
        node.append(el('span', { className: 'more', text: ' … show all' }));
      }
      break;
    case 'num':
      node.textContent = cell.text;
      break;
    case 'bool':
      node.textContent = cell.value ? 'true' : 'false';
      break;
    case 'label':
      node.append(el('span', { className: 'label', text: cell.name }), el('span', { className: 'id', text: ` ${cell.id}` }));
      node.title = `${column.name}: ${cell.name} (${cell.id})`;
      break;
    case 'image': {
      const img = el('img');
      img.src = cell.src;
      img.alt = `${column.name} image`;
      img.loading = 'lazy';
      img.referrerPolicy = 'no-referrer';
      img.height = 28;
      node.append(img);
      break;
    }
    case 'audio': {
      const audio = el('audio');
      audio.controls = true;
      audio.preload = 'none';
      audio.src = cell.src;
      node.append(audio);
      break;
    }
    case 'blocked':
      node.textContent = cell.text;
      break;
    case 'json':
      node.append(el('span', { className: 'summary', text: cell.summary }), el('span', { className: 'json-text', text: ` ${cell.text.slice(0, 120)}` }));
      node.title = 'Select to expand below; Enter opens it in an editor';
      break;
  }
  if (cell.cut) {
    node.append(el('span', { className: 'cut-mark', text: '✂', title: 'Cut by the dataset viewer: open the cell for the whole value' }));
  }
  return node;
}
