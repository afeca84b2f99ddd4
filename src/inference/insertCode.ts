/**
 * "Insert inference code…": the Hub's Inference Providers snippet for a model — Python (`huggingface_hub`, `openai`),
 * JavaScript (`@huggingface/inference`, `openai`) or cURL — for a provider or a policy, into the editor, a notebook
 * cell or a new file. The token is never written: the code reads `HF_TOKEN`. Part of the inference chunk.
 */
import * as vscode from 'vscode';
import { repoRefFromArgument } from '../cards/repoRef';
import { isHubError } from '../hub/errors';
import { notificationText } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import { currentTarget, insertAtCursor, insertCell } from '../views/snippets';
import { inferenceSnippets, type CodeSnippet } from './calls';
import { CODE_FIELDS, editorLanguage, quoteShellBody, snippetLabel, snippetModel } from './code';
import { routerOf } from './endpoint';
import type { InferenceDeps } from './host';
import { callable, isChatTask, parseChoice, POLICIES, type ProviderChoice } from './providers';

/** Choices made in advance (the Try it panel, tests): each skips its picker. `snippet` is `language/client`. */
export interface CodePresets {
  provider?: ProviderChoice;
  snippet?: string;
}

export type CodeOutcome =
  | { inserted: true; id: string; provider: ProviderChoice; snippet: string; where: 'editor' | 'notebook' | 'untitled'; text: string }
  | { inserted: false; reason: 'cancelled' | 'error' | 'notServed'; message?: string };

function parsePresets(raw: unknown): CodePresets {
  const r = (raw && typeof raw === 'object' ? raw : {}) as { provider?: unknown; snippet?: unknown };
  const provider = parseChoice(r.provider);
  return { ...(provider ? { provider } : {}), ...(typeof r.snippet === 'string' && r.snippet.length < 100 ? { snippet: r.snippet } : {}) };
}

async function chooseId(arg: unknown): Promise<string | CodeOutcome> {
  const parsed = repoRefFromArgument(arg);
  if (parsed?.ok && parsed.ref.type === 'model') {
    return parsed.ref.id;
  }
  if (parsed) {
    return { inserted: false, reason: 'error', message: parsed.ok ? 'Inference code is written for models.' : parsed.problem };
  }
  const typed = await vscode.window.showInputBox({
    title: 'Insert Inference Code',
    prompt: 'A model id: "owner/name"',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : repoIdProblem(value.trim())),
  });
  return typed?.trim() || { inserted: false, reason: 'cancelled' };
}

export async function insertInferenceCode(deps: InferenceDeps, arg: unknown, rawPresets: unknown): Promise<CodeOutcome> {
  const presets = parsePresets(rawPresets);
  const target = currentTarget();
  const id = await chooseId(arg);
  if (typeof id !== 'string') {
    return fail(deps, id);
  }
  let body: Record<string, unknown>;
  try {
    body = await deps.client().repoFields('model', id, CODE_FIELDS);
  } catch (e) {
    return fail(deps, { inserted: false, reason: 'error', message: isHubError(e) ? e.message : `The model could not be read: ${String(e)}` });
  }
  const made = snippetModel(body, id);
  if ('problem' in made) {
    return fail(deps, { inserted: false, reason: 'notServed', message: made.problem });
  }
  const task = isChatTask(made.model.pipeline_tag) ? 'conversational' : made.model.pipeline_tag;
  const serving = callable(made.providers).filter((e) => e.task === task);
  if (serving.length === 0) {
    return fail(deps, { inserted: false, reason: 'notServed', message: `No Inference Provider serves ${id} for ${task.replace(/-/g, ' ')}.` });
  }
  const provider = presets.provider ?? (await chooseProvider(id, task, serving));
  if (!provider) {
    return { inserted: false, reason: 'cancelled' };
  }
  const entry = serving.find((e) => e.provider === provider);
  const snippets = inferenceSnippets(made.model, provider, entry, routerOf(deps));
  const snippet = presets.snippet ? snippets.find((s) => `${s.language}/${s.client}` === presets.snippet) : await chooseSnippet(id, snippets);
  if (!snippet) {
    return presets.snippet ? fail(deps, { inserted: false, reason: 'error', message: `No ${presets.snippet} snippet for ${id}.` }) : { inserted: false, reason: 'cancelled' };
  }
  const code = snippet.language === 'sh' ? quoteShellBody(snippet.content) : snippet.content;
  const placed = await place(target, snippet.language, code);
  deps.log.info(`Inserted the ${snippet.language}/${snippet.client} inference snippet for ${id} (${provider}, ${placed.where}).`);
  return { inserted: true, id, provider, snippet: `${snippet.language}/${snippet.client}`, ...placed };
}

async function chooseProvider(id: string, task: string, serving: ReturnType<typeof callable>): Promise<ProviderChoice | undefined> {
  const policies = (task === 'conversational' ? (Object.keys(POLICIES) as (keyof typeof POLICIES)[]) : (['auto'] as const)).map((p) => ({ label: POLICIES[p], value: p }));
  const items = [
    ...policies,
    { label: 'Providers', kind: vscode.QuickPickItemKind.Separator, value: undefined },
    ...serving.map((e) => ({ label: e.name, description: e.status === 'staging' ? 'staging' : undefined, detail: e.providerId, value: e.provider as ProviderChoice })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: `Inference code for ${id}`, placeHolder: 'Which provider serves the calls' });
  return chosen?.value;
}

async function chooseSnippet(id: string, snippets: CodeSnippet[]): Promise<CodeSnippet | undefined> {
  if (snippets.length <= 1) {
    return snippets[0];
  }
  const chosen = await vscode.window.showQuickPick(
    snippets.map((s) => ({ label: snippetLabel(s), snippet: s })),
    { title: `Inference code for ${id}`, placeHolder: 'Language and client (the code reads your token from HF_TOKEN)' },
  );
  return chosen?.snippet;
}

/** Into the editor when its language is the snippet's, a notebook cell for Python, else a new file. */
async function place(target: ReturnType<typeof currentTarget>, language: string, code: string): Promise<{ where: 'editor' | 'notebook' | 'untitled'; text: string }> {
  const editorLang = editorLanguage(language);
  if (target.kind === 'notebook' && language === 'python' && !target.editor.notebook.isClosed) {
    const text = await insertCell(target.editor, code);
    if (text !== undefined) {
      return { where: 'notebook', text };
    }
  }
  const active = vscode.window.activeTextEditor;
  const editor = target.kind === 'editor' ? target.editor : target.kind === 'untitled' ? active : undefined;
  const fits = (lang: string) => lang === editorLang || (editorLang === 'javascript' && (lang === 'typescript' || lang === 'javascriptreact' || lang === 'typescriptreact'));
  if (editor && !editor.document.isClosed && editor.document.uri.scheme !== 'output' && fits(editor.document.languageId)) {
    const text = await insertAtCursor(editor, code);
    if (text !== undefined) {
      return { where: 'editor', text };
    }
  }
  const document = await vscode.workspace.openTextDocument({ language: editorLang, content: code });
  await vscode.window.showTextDocument(document);
  return { where: 'untitled', text: code };
}

function fail(deps: InferenceDeps, outcome: CodeOutcome): CodeOutcome {
  if (!outcome.inserted && outcome.reason !== 'cancelled' && outcome.message) {
    deps.log.warn(outcome.message);
    void vscode.window.showErrorMessage(notificationText(outcome.message));
  }
  return outcome;
}
