/**
 * "Insert transformers/diffusers snippet": the VS Code side. Picks the model (a tree row, an id, or a search as you
 * type), loads its full details and the Hub's snippet code (lazily), lets the user pick a variant, and inserts the text
 * literally: at the cursor of a Python editor, as a cell after the active one in a notebook, or into a new file.
 * The snippet logic itself is in src/snippets (pure).
 */
import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { isHubError } from '../hub/errors';
import { notificationText, withoutBidiControls } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import type * as TasksLazy from '../hub/tasks.lazy';
import type { Log } from '../log';
import type { SnippetLibrary, SnippetPlan, SnippetVariant } from '../snippets/plan';
import { placeAtCursor, snippetText } from '../snippets/text';
import { searchRepos } from './pickers';

export interface SnippetDeps {
  client: () => HubClient;
  log: Log;
  loadTasks: () => Promise<typeof TasksLazy>;
  openOnHub: (id: string) => Promise<void>;
}

/** Where the text went, or why nothing was inserted; the command returns it (tests read it). */
export type SnippetOutcome =
  | { inserted: true; id: string; library: string; where: 'editor' | 'notebook' | 'untitled'; text: string }
  | { inserted: false; reason: 'cancelled' | 'error'; message?: string };

/** Where the snippet will go, decided when the command starts (the picker and the download do not change it). */
export type Target =
  | { kind: 'editor'; editor: vscode.TextEditor }
  | { kind: 'notebook'; editor: vscode.NotebookEditor }
  | { kind: 'untitled' };

/** What the commands accept: nothing (then a picker), a repo id, or a tree row (anything with `repo.id`). */
export type SnippetArg = string | { repo?: { id?: unknown; type?: unknown } } | undefined;

export async function insertSnippet(deps: SnippetDeps, requested: SnippetLibrary, arg?: SnippetArg): Promise<SnippetOutcome> {
  const target = currentTarget();
  const id = await chooseModel(deps, requested, arg);
  if (id === undefined) {
    return { inserted: false, reason: 'cancelled' };
  }
  const problem = repoIdProblem(id);
  if (problem) {
    return failure(deps, problem);
  }

  let plan: SnippetPlan;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Loading the ${requested} snippet for ${id}…` },
      async () => {
        const [body, tasks] = await Promise.all([deps.client().modelData(id), deps.loadTasks()]);
        return tasks.hubSnippets(body, requested, deps.client().endpoint);
      },
    );
    if (!result.ok) {
      return failure(deps, result.message);
    }
    plan = result.plan;
  } catch (e) {
    return failure(deps, `No snippet for ${id}: ${isHubError(e) ? e.message : 'the model details could not be loaded.'}`);
  }

  return insertPlan(deps, target, plan);
}

/**
 * Inserts a planned library snippet: says so when it is another library's, lets the user pick a variant, warns about
 * remote code, and writes it to `target`. Also used by "Use this model…" (src/localApps).
 */
export async function insertPlan(deps: Pick<SnippetDeps, 'log' | 'openOnHub'>, target: Target, plan: SnippetPlan): Promise<SnippetOutcome> {
  if (plan.notice) {
    void vscode.window.showInformationMessage(notificationText(plan.notice));
  }
  const variant = await chooseVariant(plan);
  if (!variant) {
    return { inserted: false, reason: 'cancelled' };
  }
  if (plan.customCode) {
    void vscode.window
      .showWarningMessage(
        `${plan.id} runs its own Python code (trust_remote_code=True). Review the repo's files before running the snippet.`,
        'Open on Hugging Face',
      )
      .then((choice) => choice && deps.openOnHub(plan.id));
  }
  const placed = await insertInto(target, plan, variant);
  deps.log.info(`Inserted the ${plan.library} snippet "${variant.title}" for ${plan.id} (${placed.where}).`);
  return { inserted: true, id: plan.id, library: plan.library, ...placed };
}

export function currentTarget(): Target {
  const notebook = vscode.window.activeNotebookEditor;
  const editor = vscode.window.activeTextEditor;
  if (notebook && (!editor || editor.document.uri.scheme === 'vscode-notebook-cell')) {
    return { kind: 'notebook', editor: notebook };
  }
  const isPython = (e: vscode.TextEditor) => e.document.languageId === 'python' && e.document.uri.scheme !== 'output';
  if (editor && isPython(editor)) {
    return { kind: 'editor', editor };
  }
  // A card or another panel has the focus (its snippet buttons): a Python editor still visible beside it is where the
  // user is working.
  const visible = editor ? undefined : vscode.window.visibleTextEditors.find(isPython);
  return visible ? { kind: 'editor', editor: visible } : { kind: 'untitled' };
}

async function chooseModel(deps: SnippetDeps, library: SnippetLibrary, arg: SnippetArg): Promise<string | undefined> {
  if (typeof arg === 'string') {
    return arg.trim();
  }
  const repo = arg?.repo;
  if (repo && typeof repo.id === 'string' && (repo.type === undefined || repo.type === 'model')) {
    return repo.id;
  }
  const choice = await searchRepos(
    'model',
    deps.client,
    { library },
    {
      title: `Insert ${library} snippet`,
      placeholder: `Type at least 2 characters of a ${library} model id`,
      offerSearch: false,
    },
  );
  return choice?.action === 'repo' ? choice.repo.id : undefined;
}

async function chooseVariant(plan: SnippetPlan): Promise<SnippetVariant | undefined> {
  if (plan.variants.length === 1) {
    return plan.variants[0];
  }
  const chosen = await vscode.window.showQuickPick(
    plan.variants.map((variant) => ({ label: withoutBidiControls(variant.title), detail: withoutBidiControls(variant.detail), variant })),
    { title: withoutBidiControls(`${plan.libraryLabel} snippet for ${plan.id}`), placeHolder: 'The Hub shows several ways to use this model: pick one' },
  );
  return chosen?.variant;
}

async function insertInto(target: Target, plan: SnippetPlan, variant: SnippetVariant): Promise<{ where: 'editor' | 'notebook' | 'untitled'; text: string }> {
  if (target.kind === 'editor' && !target.editor.document.isClosed && plan.language === 'python') {
    const text = await insertAtCursor(target.editor, snippetText(plan, variant.code, target.editor.document.getText()));
    if (text !== undefined) {
      return { where: 'editor', text };
    }
  }
  if (target.kind === 'notebook' && !target.editor.notebook.isClosed && plan.language === 'python') {
    const text = await insertCell(target.editor, snippetText(plan, variant.code, notebookCode(target.editor.notebook)));
    if (text !== undefined) {
      return { where: 'notebook', text };
    }
  }
  const text = snippetText(plan, variant.code, '');
  const document = await vscode.workspace.openTextDocument({ language: plan.language, content: text });
  await vscode.window.showTextDocument(document);
  return { where: 'untitled', text };
}

/**
 * Inserts `text` at the editor's cursor as plain text (an edit, not a SnippetString, so `$` stays `$`), starting on a
 * line of its own. Returns what was inserted, or undefined when the editor refused the edit.
 */
export async function insertAtCursor(target: vscode.TextEditor, text: string): Promise<string | undefined> {
  const editor = await vscode.window.showTextDocument(target.document, target.viewColumn);
  const position = editor.selection.active;
  const placed = placeAtCursor(text, editor.document.lineAt(position.line).text.slice(0, position.character));
  const done = await editor.edit((builder) => builder.insert(position, placed));
  if (!done) {
    return undefined;
  }
  const end = editor.document.positionAt(editor.document.offsetAt(position) + placed.length);
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(position, end));
  return placed;
}

/** Inserts `text` as a new Python code cell after the active cell (or at the end). Returns the cell's text. */
export async function insertCell(editor: vscode.NotebookEditor, text: string): Promise<string | undefined> {
  const notebook = editor.notebook;
  const index = Math.min(editor.selection.isEmpty ? notebook.cellCount : editor.selection.end, notebook.cellCount);
  const cellText = text.replace(/\n$/, '');
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(index, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, cellText, 'python')])]);
  if (!(await vscode.workspace.applyEdit(edit))) {
    return undefined;
  }
  const range = new vscode.NotebookRange(index, index + 1);
  editor.selection = range;
  editor.revealRange(range);
  return cellText;
}

/** The code cells of a notebook, as one text, to find the imports it already has. */
function notebookCode(notebook: vscode.NotebookDocument): string {
  return notebook
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code)
    .map((cell) => cell.document.getText())
    .join('\n');
}

function failure(deps: SnippetDeps, message: string): SnippetOutcome {
  deps.log.warn(message);
  void vscode.window.showErrorMessage(notificationText(message));
  return { inserted: false, reason: 'error', message };
}
