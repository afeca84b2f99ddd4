// Completions of repo ids inside from_pretrained("…") and friends, from a Hub search, most downloaded first.
import * as vscode from 'vscode';
import { insertable } from '../code/fixes';
import { NOUN } from '../code/insights';
import { refAt } from '../code/pyRefs';
import { cachedPromise, SessionCache, sessionKey } from '../code/sessionCache';
import type { RepoType } from '../hub/repoId';
import type { RepoSummary } from '../hub/types';
import { describeRepo } from '../lists/treeModel';
import type { InsightDeps } from './codeInsights';
import { pause } from './documents';

/**
 * Completions wait this long after a keystroke; VS Code cancels the request when another one follows. Results come most
 * downloaded first: the ids code names most often.
 */
const COMPLETION_DEBOUNCE_MS = 150;
const COMPLETION_RESULTS = 20;

export class RepoCompletions {
  /** Every keystroke is a search text: only the latest 100 are kept, for 5 minutes. */
  private readonly searches = new SessionCache<Promise<RepoSummary[]>>({ ttlMs: 5 * 60_000, maxEntries: 100 });

  constructor(private readonly deps: InsightDeps) {}

  reset(): void {
    this.searches.clear();
  }

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const at = refAt(doc.getText(), doc.offsetAt(pos));
    if (!at || at.prefix.length > 200 || /\s/.test(at.prefix)) {
      return undefined;
    }
    const range = new vscode.Range(doc.positionAt(at.start), doc.positionAt(at.end));
    if (!range.isSingleLine || !range.contains(pos)) {
      return undefined;
    }
    if (!(await pause(COMPLETION_DEBOUNCE_MS, token))) {
      return undefined;
    }
    let repos: RepoSummary[];
    try {
      repos = await this.search(at.kind, at.prefix.trim(), token);
    } catch (e) {
      if (!token.isCancellationRequested) {
        this.deps.log.warn(`Repo id completion failed: ${(e as Error).message}`);
      }
      return new vscode.CompletionList([], true);
    }
    const items = insertable(repos).map((repo, index) => {
      const detail = describeRepo(repo);
      const item = new vscode.CompletionItem({ label: repo.id, description: detail }, vscode.CompletionItemKind.Reference);
      item.detail = `${NOUN[repo.type]} · ${detail}`;
      item.range = range;
      item.insertText = repo.id;
      // The Hub matches the text anywhere in the id while VS Code's filter favours word starts: putting the typed text
      // first keeps every result the Hub found, in the Hub's order.
      item.filterText = `${at.prefix}${repo.id}`;
      item.sortText = String(index).padStart(3, '0');
      return item;
    });
    return new vscode.CompletionList(items, true);
  }

  private search(type: RepoType, text: string, token: vscode.CancellationToken): Promise<RepoSummary[]> {
    const client = this.deps.client();
    return cachedPromise(this.searches, sessionKey(client.endpoint, type, text), () => {
      const controller = new AbortController();
      const listener = token.onCancellationRequested(() => controller.abort());
      return client
        .listRepos(type, { search: text || undefined, sort: 'downloads', limit: COMPLETION_RESULTS }, { signal: controller.signal })
        .then((page) => page.items)
        .finally(() => {
          listener.dispose();
        });
    });
  }
}
