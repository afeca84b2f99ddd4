// "Choose Tokenizer Model…": a model row or id given, or a QuickPick of the models whose tokenizer is in the
// Hugging Face cache (offline-ready), the current one, and any id typed in. Typed ids are checked before use.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { joinPath, parseRepoFolderName } from '../hfcache/layout';
import { repoIdProblem } from '../hub/repoId';

/** The model id of a tree row (`{repo: {type, id}}`), a `{type, id}` or a string; undefined for anything else. */
export function modelArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg.trim();
  }
  const o = arg as { repo?: { type?: unknown; id?: unknown }; type?: unknown; id?: unknown } | undefined;
  const repo = o?.repo ?? o;
  return repo && repo.type === 'model' && typeof repo.id === 'string' ? repo.id : undefined;
}

/** Models in the cache folder with a tokenizer.json in some snapshot (at most `max`). */
export async function cachedTokenizerModels(cacheDir: string, max = 200): Promise<string[]> {
  const names = await fs.readdir(cacheDir).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names.filter((n) => n.startsWith('models--')).sort()) {
    const repo = parseRepoFolderName(name);
    if (!repo || found.length >= max) {
      continue;
    }
    const snapshots = await fs.readdir(joinPath(cacheDir, name, 'snapshots')).catch(() => [] as string[]);
    for (const snap of snapshots.slice(0, 20)) {
      if (await fs.stat(joinPath(cacheDir, name, 'snapshots', snap, 'tokenizer.json')).then((s) => s.isFile(), () => false)) {
        found.push(repo.id);
        break;
      }
    }
  }
  return found;
}

const CLEAR = 'Stop Counting Tokens';

/** The QuickPick: undefined when cancelled, '' to stop counting, else a valid model id. */
export async function pickTokenizerModel(current: string | undefined, cached: Promise<string[]>): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id?: string }>();
  pick.title = 'Choose Tokenizer Model';
  pick.placeholder = 'A model id ("owner/name"): its tokenizer counts the tokens in the status bar';
  pick.matchOnDescription = true;
  const base = (ids: string[]): (vscode.QuickPickItem & { id?: string })[] => [
    ...(current ? [{ label: current, id: current, description: 'current', iconPath: new vscode.ThemeIcon('check') }] : []),
    ...ids.filter((id) => id !== current).map((id) => ({ label: id, id, description: 'tokenizer in the Hugging Face cache', iconPath: new vscode.ThemeIcon('database') })),
    ...(current ? [{ label: CLEAR, id: '', iconPath: new vscode.ThemeIcon('close') }] : []),
  ];
  let known: (vscode.QuickPickItem & { id?: string })[] = base([]);
  pick.items = known;
  pick.busy = true;
  void cached.then((ids) => {
    known = base(ids);
    pick.busy = false;
    refresh();
  });
  const refresh = () => {
    const typed = pick.value.trim();
    const exact = known.some((k) => k.id === typed);
    if (!typed || exact) {
      pick.items = known;
      return;
    }
    const problem = repoIdProblem(typed);
    pick.items = [problem ? { label: typed, description: problem, iconPath: new vscode.ThemeIcon('error'), alwaysShow: true } : { label: typed, id: typed, description: 'use this model', iconPath: new vscode.ThemeIcon('symbol-numeric'), alwaysShow: true }, ...known];
  };
  pick.onDidChangeValue(refresh);
  pick.show();
  return new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen?.id === undefined) {
        return; // an invalid id: the description says why
      }
      resolve(chosen.id);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
  });
}
