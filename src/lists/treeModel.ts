import { age, compactNumber, groupedNumber, withoutBidiControls } from '../hub/format';
import type { HubError } from '../hub/errors';
import type { RepoSummary, Page } from '../hub/types';

/**
 * The pure model behind a repo list view: the pages loaded so far, the cursor of the next one, and whether a request
 * is in flight or failed. Appending a page never moves or reloads what is already shown.
 */
export class PagedList {
  private readonly items: RepoSummary[] = [];
  private readonly ids = new Set<string>();
  private nextUrl: string | undefined;
  private started = false;
  error: HubError | undefined;
  loading = false;
  /** Pages fetched so far. */
  pages = 0;

  get loaded(): readonly RepoSummary[] {
    return this.items;
  }

  /** The first page has not been asked for yet. */
  get pristine(): boolean {
    return !this.started;
  }

  get hasMore(): boolean {
    return this.nextUrl !== undefined;
  }

  get next(): string | undefined {
    return this.nextUrl;
  }

  begin(): void {
    this.started = true;
    this.loading = true;
    this.error = undefined;
  }

  /** Adds a page; repos already listed (the Hub's order can shift between pages) are skipped. */
  append(page: Page<RepoSummary>): void {
    for (const item of page.items) {
      if (!this.ids.has(item.id)) {
        this.ids.add(item.id);
        this.items.push(item);
      }
    }
    this.nextUrl = page.next;
    this.pages++;
    this.loading = false;
  }

  fail(error: HubError): void {
    this.error = error;
    this.loading = false;
  }

  reset(): void {
    this.items.length = 0;
    this.ids.clear();
    this.nextUrl = undefined;
    this.started = false;
    this.error = undefined;
    this.loading = false;
    this.pages = 0;
  }
}

/** The row text after the id: "text-generation · 1.2M ↓ · 3.4k ♥ · 2d" (Hub text without bidi controls). */
export function describeRepo(repo: RepoSummary, now: Date = new Date()): string {
  const parts: string[] = [];
  const kind = repo.type === 'model' ? repo.task : repo.type === 'space' ? repo.sdk : datasetModality(repo);
  if (kind) {
    parts.push(kind);
  }
  if (repo.params) {
    parts.push(`${compactNumber(repo.params)} params`);
  }
  if (repo.downloads !== undefined && repo.type !== 'space') {
    parts.push(`${compactNumber(repo.downloads)} ↓`);
  }
  parts.push(`${compactNumber(repo.likes)} ♥`);
  const updated = age(repo.lastModified, now);
  if (updated) {
    parts.push(updated);
  }
  return withoutBidiControls(parts.join(' · '));
}

/** What a screen reader says for a row: type, id, task, downloads, likes, and access state in words. */
export function accessibleLabel(repo: RepoSummary): string {
  const parts = [`${repo.type} ${repo.id}`];
  if (repo.task) {
    parts.push(repo.task);
  }
  if (repo.sdk) {
    parts.push(`${repo.sdk} Space`);
  }
  if (repo.params) {
    parts.push(`${compactNumber(repo.params)} parameters`);
  }
  if (repo.downloads !== undefined && repo.type !== 'space') {
    parts.push(`${groupedNumber(repo.downloads)} downloads`);
  }
  parts.push(`${groupedNumber(repo.likes)} likes`);
  if (repo.gated) {
    parts.push('gated');
  }
  if (repo.private) {
    parts.push('private');
  }
  return withoutBidiControls(parts.join(', '));
}

/** `contextValue` tokens that menus match with `viewItem =~ /…/`. */
export function repoContextValue(repo: RepoSummary): string {
  const tokens = ['repo', repo.type];
  if (repo.gated) {
    tokens.push('gated');
  }
  if (repo.private) {
    tokens.push('private');
  }
  return tokens.join(' ');
}

/** The main modality of a dataset, from its `modality:` tags. */
export function datasetModality(repo: RepoSummary): string | undefined {
  return repo.tags.find((t) => t.startsWith('modality:'))?.slice('modality:'.length);
}
