// The paging window: which pages of rows a viewport needs, and where rows sit on a scroll track that browsers can
// hold. Rows come in pages of PAGE_ROWS (the viewer's `/rows` gives at most 100 per request); a table of 1,000,000
// rows of 32 px would be 32,000,000 px tall, beyond what an element may be (about 33.5M px in Chromium, far less in
// others), so the track is at most MAX_TRACK_PX and scroll positions map onto rows proportionally. Pure: the page
// (webview/viewer/) and the host (src/webviews/viewerPanel.lazy.ts) both use it.

export const PAGE_ROWS = 100;
/** Height of the scroll track, in px, at most. */
export const MAX_TRACK_PX = 4_000_000;
/** Pages the page keeps (rows further away are dropped and fetched again when scrolled back to). */
export const PAGES_KEPT = 24;

/** The pages holding rows [first, first + count) of a split of `total` rows. */
export function pagesFor(first: number, count: number, total: number): number[] {
  if (total <= 0 || count <= 0) {
    return [];
  }
  const start = Math.max(0, Math.min(first, total - 1));
  const end = Math.min(total, start + count) - 1;
  const pages: number[] = [];
  for (let p = Math.floor(start / PAGE_ROWS); p <= Math.floor(end / PAGE_ROWS); p++) {
    pages.push(p);
  }
  return pages;
}

/** The `offset` and `length` of a page's `/rows` request. */
export function pageRange(page: number, total: number): { offset: number; length: number } {
  const offset = page * PAGE_ROWS;
  return { offset, length: Math.max(0, Math.min(PAGE_ROWS, total - offset)) };
}

export interface Track {
  /** Height of the scroll track in px. */
  height: number;
  /** Real px of rows per px of track (1 while the rows fit). */
  scale: number;
}

/** The scroll track for `total` rows of `rowPx` in a viewport of `viewportPx`. */
export function track(total: number, rowPx: number, viewportPx: number): Track {
  const real = total * rowPx;
  if (real <= MAX_TRACK_PX) {
    return { height: real, scale: 1 };
  }
  // The end of the track must show the last rows: the scrollable range maps onto the scrollable range.
  const scrollable = Math.max(1, MAX_TRACK_PX - viewportPx);
  return { height: MAX_TRACK_PX, scale: Math.max(1, (real - viewportPx) / scrollable) };
}

/** The rows a viewport scrolled to `scrollTop` shows, and the offset (px, in the viewport) of the first one. */
export function visibleRows(scrollTop: number, viewportPx: number, rowPx: number, total: number, t: Track): { first: number; count: number; offsetPx: number } {
  const realTop = Math.max(0, scrollTop) * t.scale;
  const first = Math.min(Math.max(0, total - 1), Math.floor(realTop / rowPx));
  const offsetPx = first * rowPx - realTop;
  const count = Math.max(0, Math.min(total - first, Math.ceil((viewportPx - offsetPx) / rowPx) + 1));
  return { first: total === 0 ? 0 : first, count: total === 0 ? 0 : count, offsetPx };
}

/** The scrollTop that puts row `index` at the top of the viewport. */
export function scrollTopFor(index: number, rowPx: number, t: Track): number {
  return Math.min(t.height, (index * rowPx) / t.scale);
}

/**
 * The pages the page holds, least recently used first, at most PAGES_KEPT of them. `want` says which pages a
 * viewport needs: those not held and not already asked for are returned (and marked asked), once each.
 */
export class PageStore<T> {
  private readonly pages = new Map<number, T>();
  private readonly asked = new Set<number>();

  constructor(private readonly max = PAGES_KEPT) {}

  get(page: number): T | undefined {
    const value = this.pages.get(page);
    if (value !== undefined) {
      this.pages.delete(page);
      this.pages.set(page, value);
    }
    return value;
  }

  /** Pages of `needed` to ask for now. */
  want(needed: readonly number[]): number[] {
    const ask = needed.filter((p) => !this.pages.has(p) && !this.asked.has(p));
    ask.forEach((p) => this.asked.add(p));
    return ask;
  }

  put(page: number, value: T): void {
    this.asked.delete(page);
    this.pages.delete(page);
    this.pages.set(page, value);
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.max) {
        break;
      }
      this.pages.delete(oldest);
    }
  }

  /** A page's request failed or was dropped: it may be asked for again. */
  forget(page: number): void {
    this.asked.delete(page);
  }

  clear(): void {
    this.pages.clear();
    this.asked.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}
