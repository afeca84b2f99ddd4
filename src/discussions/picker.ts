/**
 * The list of a repo's Discussions and pull requests in a QuickPick: a page of 50 at a time (the Hub's `p=`), "Load
 * more…" for the next one (one request per page), a busy indicator while a page loads, and a failure shown as a row
 * with "Retry" in the list itself, never as a notification. Choosing a thread opens it.
 */
import * as vscode from 'vscode';
import type { RepoRef } from '../cards/repoRef';
import { isCancellation } from '../hub/errors';
import { escapeIcons, withoutBidiControls } from '../hub/format';
import type { DiscussionsDeps } from './host';
import { MAX_PAGES, parseDiscussionPage, rowText, shownText, type DiscussionSummary } from './model';
import type { DiscussionPanel } from './panel';

export type PickerRow = vscode.QuickPickItem & ({ row: 'thread'; num: number } | { row: 'more' } | { row: 'retry' } | { row: 'note' });

export class DiscussionPicker implements vscode.Disposable {
  readonly quickPick: vscode.QuickPick<PickerRow>;
  readonly threads: DiscussionSummary[] = [];
  /** Pages asked for, in order (tests count them). */
  readonly pages: number[] = [];
  /** The load in progress, or the last one; tests wait on it. */
  loaded: Promise<void> = Promise.resolve();
  problem: string | undefined;
  private total = 0;
  private nextPage = 0;
  private done = false;
  private loading = false;
  private controller = new AbortController();
  private disposed = false;
  /** After "Load more…", the row to move to: the first thread of the new page. */
  private focusIndex: number | undefined;

  constructor(
    readonly ref: RepoRef,
    private readonly deps: DiscussionsDeps,
    private readonly openThread: (num: number) => DiscussionPanel,
    private readonly onDispose: () => void,
  ) {
    const qp = vscode.window.createQuickPick<PickerRow>();
    this.quickPick = qp;
    qp.title = `Discussions of ${ref.id}`;
    qp.placeholder = 'Loading discussions and pull requests…';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.onDidAccept(() => {
      const row = qp.selectedItems[0] ?? qp.activeItems[0];
      if (row) {
        this.accept(row);
      }
    });
    qp.onDidHide(() => this.dispose());
    qp.show();
    void this.loadMore();
  }

  /** The rows as shown: labels only (tests read them). */
  get labels(): string[] {
    return this.quickPick.items.map((i) => i.label);
  }

  /** What choosing a row does: a thread opens, "Load more…" and "Retry" load the next page. */
  accept(row: PickerRow): DiscussionPanel | undefined {
    if (row.row === 'thread') {
      const panel = this.openThread(row.num);
      this.quickPick.hide();
      return panel;
    }
    if (row.row === 'more' || row.row === 'retry') {
      void this.loadMore();
    }
    return undefined;
  }

  /** Chooses the thread `num` as if it were picked. */
  choose(num: number): DiscussionPanel | undefined {
    const row = this.quickPick.items.find((r) => r.row === 'thread' && r.num === num);
    return row ? this.accept(row) : undefined;
  }

  /** Loads the next page, unless one is loading or the list is complete. */
  loadMore(): Promise<void> {
    if (this.loading || this.done || this.disposed) {
      return this.loaded;
    }
    this.loading = true;
    this.problem = undefined;
    this.quickPick.busy = true;
    this.paint();
    this.loaded = this.fetchPage(this.nextPage).finally(() => {
      this.loading = false;
      if (!this.disposed) {
        this.quickPick.busy = false;
        this.paint();
      }
    });
    return this.loaded;
  }

  private async fetchPage(pageNo: number): Promise<void> {
    this.pages.push(pageNo);
    const client = this.deps.client();
    try {
      const body = await client.discussions(this.ref.type, this.ref.id, { page: pageNo }, { signal: this.controller.signal });
      const page = parseDiscussionPage(body, new URL(client.endpoint).host);
      const seen = new Set(this.threads.map((t) => t.num));
      const fresh = page.items.filter((t) => !seen.has(t.num));
      if (pageNo > 0 && fresh.length) {
        this.focusIndex = this.threads.length;
      }
      this.threads.push(...fresh);
      this.total = Math.max(page.count, this.threads.length);
      this.nextPage = pageNo + 1;
      // The list is complete when the Hub's count is reached, a page brings nothing new, or at the page limit.
      this.done = this.threads.length >= page.count || fresh.length === 0 || this.nextPage >= MAX_PAGES;
      if (page.skipped) {
        this.deps.log.warn(`Discussions of ${this.ref.id}: ${page.skipped} thread(s) of page ${pageNo} were not valid and are not shown.`);
      }
    } catch (e) {
      if (this.disposed || isCancellation(e)) {
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.problem = withoutBidiControls(message).slice(0, 300);
      this.deps.log.warn(`Discussions of ${this.ref.id} (page ${pageNo}) could not be listed: ${message}`);
    }
  }

  private paint(): void {
    const now = new Date();
    const rows: PickerRow[] = this.threads.map((t) => ({ row: 'thread', num: t.num, ...rowText(t, now) }));
    if (this.problem) {
      rows.push({ row: 'note', label: `$(error) ${escapeIcons(this.problem)}`, alwaysShow: true });
      rows.push({ row: 'retry', label: '$(refresh) Retry', alwaysShow: true });
    } else if (this.loading) {
      rows.push({ row: 'note', label: '$(loading~spin) Loading…', alwaysShow: true });
    } else if (!this.done) {
      rows.push({ row: 'more', label: '$(more) Load more…', description: shownText(this.threads.length, this.total), alwaysShow: true });
    } else if (this.threads.length === 0) {
      rows.push({ row: 'note', label: 'No discussions or pull requests yet', alwaysShow: true });
    }
    this.quickPick.items = rows;
    const focus = this.focusIndex === undefined ? undefined : rows[this.focusIndex];
    if (focus && !this.loading) {
      this.quickPick.activeItems = [focus];
      this.focusIndex = undefined;
    }
    this.quickPick.placeholder = this.problem
      ? 'The list could not be loaded'
      : this.loading && this.threads.length === 0
        ? 'Loading discussions and pull requests…'
        : `${shownText(this.threads.length, this.total)}: choose one to read it`;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.controller.abort();
    this.onDispose();
    this.quickPick.dispose();
  }
}
