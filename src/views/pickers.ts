import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { isCancellation, isHubError } from '../hub/errors';
import { LatestOnly } from '../lists/latest';
import { REPO_TYPE_PLURAL, type RepoType } from '../hub/repoId';
import { escapeIcons, withoutBidiControls } from '../hub/format';
import { describeRepo } from '../lists/treeModel';
import type { ListQuery, RepoSummary } from '../hub/types';


/** Search-as-you-type waits this long after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = 300;
const SEARCH_MIN_CHARS = 2;
const SEARCH_RESULTS = 20;

type SearchItem = vscode.QuickPickItem & ({ action: 'all'; text: string } | { action: 'repo'; repo: RepoSummary });

export type SearchChoice = { action: 'all'; text: string } | { action: 'repo'; repo: RepoSummary } | undefined;

export interface SearchOptions {
  title?: string;
  placeholder?: string;
  /** False for a picker of one repo: no "Show all … in the view" entry, and Enter without a result picks nothing. */
  offerSearch?: boolean;
}

/**
 * A QuickPick that searches the Hub as the user types: debounced, the previous request aborted, and a result shown only
 * if it answers the latest text. Picking a repo returns it; accepting the text returns it as a search to add.
 */
export function searchRepos(type: RepoType, client: () => HubClient, baseQuery: ListQuery, options: SearchOptions = {}): Promise<SearchChoice> {
  const offerSearch = options.offerSearch ?? true;
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<SearchItem>();
    pick.title = options.title ?? `Search ${REPO_TYPE_PLURAL[type]} on the Hub`;
    pick.placeholder = options.placeholder ?? `Type at least ${SEARCH_MIN_CHARS} characters of a ${type} id; Enter adds the search to the view`;
    pick.matchOnDescription = false;
    let settled = false;
    const finish = (choice: SearchChoice) => {
      if (!settled) {
        settled = true;
        resolve(choice);
      }
      pick.hide();
    };
    const allItems = (text: string): SearchItem[] =>
      offerSearch ? [{ action: 'all', text, label: `$(search) Show all ${REPO_TYPE_PLURAL[type]} matching "${text}" in the view`, alwaysShow: true }] : [];
    const latest = new LatestOnly<string, RepoSummary[]>(
      SEARCH_DEBOUNCE_MS,
      async (text, signal) => (await client().listRepos(type, { ...baseQuery, search: text, limit: SEARCH_RESULTS }, { signal })).items,
      (repos, text) => {
        pick.busy = false;
        pick.items = [
          ...allItems(text),
          ...repos.map((repo): SearchItem => ({ action: 'repo', repo, label: repo.id, description: escapeIcons(withoutBidiControls(describeRepo(repo))), alwaysShow: true })),
        ];
        if (!repos.length) {
          pick.items = [...allItems(text), { action: 'all', text, label: `No ${REPO_TYPE_PLURAL[type]} match "${text}"`, alwaysShow: true }];
        }
        // The quick pick orders rows by how well their label matches the text, so the first row shown may be a repo:
        // keep the focus on the row that adds the search, so Enter does what the placeholder says.
        pick.activeItems = pick.items.slice(0, 1);
      },
      (error, text) => {
        pick.busy = false;
        if (!isCancellation(error)) {
          const message = isHubError(error) ? error.message : 'The search failed.';
          pick.items = [...allItems(text), { action: 'all', text, label: `$(error) ${escapeIcons(withoutBidiControls(message))}`, alwaysShow: true }];
        }
      },
    );
    pick.onDidChangeValue((value) => {
      const text = value.trim();
      if (text.length < SEARCH_MIN_CHARS) {
        latest.dispose();
        pick.busy = false;
        pick.items = [];
        return;
      }
      pick.busy = true;
      pick.items = allItems(text);
      latest.push(text);
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      const text = pick.value.trim();
      if (chosen?.action === 'repo') {
        finish({ action: 'repo', repo: chosen.repo });
      } else if (text.length > 0 && offerSearch) {
        finish({ action: 'all', text });
      }
    });
    pick.onDidHide(() => {
      latest.dispose();
      pick.dispose();
      finish(undefined);
    });
    pick.show();
  });
}
