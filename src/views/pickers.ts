import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { isCancellation, isHubError } from '../hub/errors';
import { LatestOnly } from '../lists/latest';
import { ACCESS, APPS, LANGUAGES, LIBRARIES, LICENSES, SIZES, SORT_LABELS, sortsFor, type ViewFilters } from '../lists/query';
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

export async function pickSort(type: RepoType, current: ViewFilters): Promise<ViewFilters | undefined> {
  const items = sortsFor(type).map((key) => ({ label: SORT_LABELS[key], key, picked: key === current.sort, description: key === current.sort ? 'current' : undefined }));
  const chosen = await vscode.window.showQuickPick(items, { title: `Sort ${REPO_TYPE_PLURAL[type]}`, placeHolder: 'Order of the list' });
  return chosen ? { ...current, sort: chosen.key } : undefined;
}

type FilterKey = 'task' | 'library' | 'size' | 'app' | 'access' | 'author' | 'language' | 'license';

/** Lets the user set one filter at a time, or clear them; returns the new filters, or undefined if cancelled. */
export async function pickFilter(type: RepoType, current: ViewFilters, loadTasks: () => Promise<{ id: string; name: string; modality: string }[]>): Promise<ViewFilters | undefined> {
  const keys: FilterKey[] =
    type === 'model' ? ['task', 'library', 'size', 'app', 'access', 'author', 'language', 'license'] : type === 'dataset' ? ['access', 'author', 'language', 'license'] : ['author', 'language', 'license'];
  const names: Record<FilterKey, string> = { task: 'Task', library: 'Library', size: 'Parameters', app: 'Runs with', access: 'Gated', author: 'Author', language: 'Language', license: 'License' };
  const shown = (key: FilterKey): string | undefined =>
    key === 'size' ? current.size && SIZES[current.size].label : key === 'app' ? current.app && APPS[current.app] : key === 'access' ? current.access && ACCESS[current.access] : current[key];
  const items: (vscode.QuickPickItem & { key?: FilterKey; clear?: boolean })[] = keys.map((key) => ({
    label: names[key],
    key,
    description: shown(key) ?? 'any',
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(clear-all) Clear all filters', clear: true });
  const chosen = await vscode.window.showQuickPick(items, { title: `Filter ${REPO_TYPE_PLURAL[type]}`, placeHolder: 'Choose a filter to set' });
  if (!chosen) {
    return undefined;
  }
  if (chosen.clear) {
    return { sort: current.sort };
  }
  const key = chosen.key!;
  const value = await pickValue(key, type, current[key], loadTasks);
  return value === undefined ? undefined : { ...current, [key]: value || undefined };
}

async function pickValue(
  key: FilterKey,
  type: RepoType,
  current: string | undefined,
  loadTasks: () => Promise<{ id: string; name: string; modality: string }[]>,
): Promise<string | undefined> {
  const anyItem = { label: 'Any', value: '', description: current ? undefined : 'current' };
  const choose = async (options: { label: string; value: string; description?: string }[], title: string) =>
    (await vscode.window.showQuickPick([anyItem, ...options.map((o) => ({ ...o, description: o.value === current ? 'current' : o.description }))], { title, matchOnDescription: true }))?.value;
  switch (key) {
    case 'task':
      return choose(
        (await loadTasks()).map((t) => ({ label: t.name, value: t.id, description: t.id, detail: undefined })),
        'Filter models by task',
      );
    case 'library':
      return choose(LIBRARIES.map((l) => ({ label: l, value: l })), 'Filter models by library');
    case 'language':
      return choose(LANGUAGES.map(([code, name]) => ({ label: name, value: code, description: code })), `Filter ${REPO_TYPE_PLURAL[type]} by language`);
    case 'license':
      return choose(LICENSES.map((l) => ({ label: l, value: l })), `Filter ${REPO_TYPE_PLURAL[type]} by license`);
    case 'size':
      return choose(Object.entries(SIZES).map(([value, s]) => ({ label: s.label, value })), 'Filter models by parameter count');
    case 'app':
      return choose(Object.entries(APPS).map(([value, label]) => ({ label, value, description: value })), 'Filter models by the local app that runs them');
    case 'access':
      return choose(Object.entries(ACCESS).map(([value, label]) => ({ label, value })), `Filter ${REPO_TYPE_PLURAL[type]} by gating`);
    case 'author': {
      const value = await vscode.window.showInputBox({
        title: `Filter ${REPO_TYPE_PLURAL[type]} by author`,
        prompt: 'A user or organisation name; leave empty for any author',
        value: current ?? '',
        validateInput: (v) => (v.trim() === '' || /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/.test(v.trim()) ? undefined : 'Letters, digits, "-", "_" and "." only'),
      });
      return value === undefined ? undefined : value.trim();
    }
  }
}
