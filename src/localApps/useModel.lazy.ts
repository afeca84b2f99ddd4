/**
 * "Use this model…": the VS Code side, a chunk of its own (loaded on first use). One picker grouped as the Hub groups
 * it — Libraries (the Hub's code snippet, inserted as "Insert … snippet" does), Local apps (every app of
 * `@huggingface/tasks` that shows for the model) and Notebooks (Colab, Kaggle). A GGUF repo first asks which quant,
 * with sizes and fit marks for this machine. A snippet goes to the editor, a new file, the clipboard or a terminal
 * (typed, never run: the user presses Enter); a link opens only through `openExternal` and its confirmation.
 * The rules are in ./apps.ts and ./quants.ts (pure).
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { repoRefFromArgument } from '../cards/repoRef';
import type { CommandContext } from '../commands/context';
import { openOnHub } from '../commands/repo';
import type { HubClient } from '../hub/client';
import { isHubError } from '../hub/errors';
import { notificationText } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import type * as TasksLazy from '../hub/tasks.lazy';
import type { Log } from '../log';
import { Settings } from '../settings';
import type { SnippetPlan } from '../snippets/plan';
import { currentTarget, insertAtCursor, insertPlan, type Target } from '../views/snippets';
import { appLink, appModel, appsForModel, appSteps, appTakesFile, MODEL_FIELDS, notebookLinks, terminalLine, type AppModel } from './apps';
import { chooseDestination, chooseStep, chooseQuant, type Destination } from './pickers';
import { downloadArg, ggufQuants, machineOf, type Quant } from './quants';

export interface UseModelDeps {
  client: () => HubClient;
  log: Log;
  loadTasks: () => Promise<typeof TasksLazy>;
  /** Starts a download (the downloads service's command). */
  download: (arg: unknown) => Promise<unknown>;
  openOnHub: (id: string) => Promise<void>;
  /** The hardware setting: the GPU's name in the Hub's list and its memory in GB (0: the smallest it comes in). */
  hardware: () => { gpu?: string; gpuMemoryGb?: number };
}

/**
 * Choices given in advance (a card button, tests): each one skips its picker. `app` is a library name, an app key of
 * `LOCAL_APPS` or `colab` / `kaggle`; `quant` a quant label; `step` the index of a snippet block; `to` the destination.
 */
export interface UsePresets {
  app?: string;
  quant?: string;
  step?: number;
  to?: Destination;
}

export type UseOutcome =
  | { done: true; id: string; choice: string; kind: 'library' | 'snippet' | 'link'; to: Destination | 'editor' | 'notebook' | 'untitled' | 'browser'; text: string; quant?: string }
  | { done: false; reason: 'cancelled' | 'error'; message?: string };

type Pick = { kind: 'library'; plan: SnippetPlan } | { kind: 'app'; key: string } | { kind: 'notebook'; label: string; url: string };

/** The command: the services of the extension as "Use this model…" needs them. */
export function useModelFor(ctx: CommandContext, loadTasks: UseModelDeps['loadTasks'], target: unknown, presets: unknown): Promise<UseOutcome> {
  const settings = new Settings();
  return useModel(
    {
      client: ctx.client,
      log: ctx.log,
      loadTasks,
      download: (arg) => ctx.downloads.command(arg, false),
      openOnHub: (id) => openOnHub(ctx.client, 'model', id),
      hardware: () => ({ gpu: settings.hardwareGpu, gpuMemoryGb: settings.hardwareGpuMemory }),
    },
    target,
    presets && typeof presets === 'object' ? (presets) : {},
  );
}

export async function useModel(deps: UseModelDeps, arg?: unknown, presets: UsePresets = {}): Promise<UseOutcome> {
  const target = currentTarget();
  // Commands go into whatever editor has the focus (a shell script, a README), not only Python.
  const editor = vscode.window.activeTextEditor;
  const appTarget: Target = editor && editor.document.uri.scheme !== 'output' ? { kind: 'editor', editor } : { kind: 'untitled' };
  const id = await chooseId(arg, deps.client().endpoint);
  if (typeof id !== 'string') {
    return id ?? { done: false, reason: 'cancelled' };
  }
  let loaded: { model: AppModel; files: string[]; tasks: typeof TasksLazy; plan?: SnippetPlan };
  try {
    loaded = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Loading how to use ${id}…` }, async () => {
      const [body, tasks] = await Promise.all([deps.client().repoFields('model', id, MODEL_FIELDS), deps.loadTasks()]);
      const checked = appModel(body);
      if (!checked.ok) {
        throw new Error(checked.message);
      }
      const library = checked.model.library_name;
      const planned = library ? tasks.hubSnippets(body, library, deps.client().endpoint) : undefined;
      return { model: checked.model, files: checked.files, tasks, plan: planned?.ok ? planned.plan : undefined };
    });
  } catch (e) {
    return failure(deps, `Nothing to show for ${id}: ${isHubError(e) || e instanceof Error ? e.message : 'the model details could not be loaded.'}`);
  }
  const { model, tasks, plan } = loaded;
  const apps = appsForModel(model, tasks.localApps);
  const notebooks = plan ? notebookLinks(model.id, deps.client().endpoint) : [];
  if (!plan && apps.length === 0) {
    return failure(deps, `The Hub offers no library code, local app or notebook for ${model.id}.`);
  }

  const picked = presets.app !== undefined ? presetPick(presets.app, plan, apps, notebooks) : await choosePick(model.id, plan, apps, notebooks);
  if (!picked) {
    return presets.app !== undefined ? failure(deps, `"${presets.app}" is not offered for ${model.id}.`) : { done: false, reason: 'cancelled' };
  }
  if (picked.kind === 'library') {
    const outcome = await insertPlan(deps, target, picked.plan);
    return outcome.inserted ? { done: true, id: model.id, choice: picked.plan.library, kind: 'library', to: outcome.where, text: outcome.text } : { done: false, reason: outcome.reason, message: outcome.message };
  }
  if (picked.kind === 'notebook') {
    await vscode.env.openExternal(vscode.Uri.parse(picked.url, true));
    return { done: true, id: model.id, choice: picked.label, kind: 'link', to: 'browser', text: picked.url };
  }
  return runApp(deps, appTarget, model, loaded.files, tasks, picked.key, presets);
}

async function runApp(deps: UseModelDeps, target: Target, model: AppModel, files: string[], tasks: typeof TasksLazy, key: string, presets: UsePresets): Promise<UseOutcome> {
  const app = tasks.localApps[key];
  let quant: Quant | undefined;
  if (files.some((f) => f.toLowerCase().endsWith('.gguf')) && appTakesFile(app, model)) {
    const chosen = await pickQuant(deps, model, tasks, app.prettyLabel, presets.quant);
    if (!chosen.ok) {
      return chosen.outcome;
    }
    quant = chosen.quant;
  }
  if (app.deeplink) {
    const link = appLink(app, model, quant?.first);
    if (!link.ok) {
      return failure(deps, link.message);
    }
    await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
    deps.log.info(`Opened ${app.prettyLabel} for ${model.id}.`);
    return { done: true, id: model.id, choice: key, kind: 'link', to: 'browser', text: link.url, quant: quant?.label };
  }
  const steps = appSteps(app, model, quant?.first);
  if (!steps.ok) {
    return failure(deps, steps.message);
  }
  const step = presets.step !== undefined ? steps.steps[presets.step] : await chooseStep(app.prettyLabel, model.id, steps.steps);
  if (!step) {
    return presets.step !== undefined ? failure(deps, `${app.prettyLabel} has no step ${presets.step} for ${model.id}.`) : { done: false, reason: 'cancelled' };
  }
  const destination = presets.to ?? (await chooseDestination(app.prettyLabel, step, target, quant));
  if (!destination) {
    return { done: false, reason: 'cancelled' };
  }
  const placed = await place(deps, target, step.text, destination, model.id, quant);
  if (!placed.ok) {
    return failure(deps, placed.message);
  }
  deps.log.info(`${app.prettyLabel} for ${model.id}${quant?.label ? ` (${quant.label})` : ''}: "${step.title}" → ${destination}.`);
  return { done: true, id: model.id, choice: key, kind: 'snippet', to: destination, text: placed.text, quant: quant?.label };
}

async function pickQuant(
  deps: UseModelDeps,
  model: AppModel,
  tasks: typeof TasksLazy,
  appLabel: string,
  preset: string | undefined,
): Promise<{ ok: true; quant: Quant } | { ok: false; outcome: UseOutcome }> {
  let quants: Quant[];
  try {
    const listing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Listing the GGUF files of ${model.id}…` }, () =>
      deps.client().files('model', model.id, { recursive: true }),
    );
    quants = ggufQuants(
      listing.entries.filter((e) => e.type === 'file').map((e) => ({ path: e.path, size: e.size })),
      tasks.quantLabel,
    );
  } catch (e) {
    return { ok: false, outcome: failure(deps, `The files of ${model.id} could not be listed: ${isHubError(e) ? e.message : String(e)}`) };
  }
  if (quants.length === 0) {
    return { ok: false, outcome: failure(deps, `${model.id} has no GGUF file to run.`) };
  }
  const hardware = deps.hardware();
  const machine = machineOf(os.totalmem(), hardware.gpu, hardware.gpuMemoryGb, tasks.hardwareList());
  const quant = preset !== undefined ? quants.find((q) => q.label === preset) : quants.length === 1 ? quants[0] : await chooseQuant(appLabel, model.id, quants, machine);
  if (!quant) {
    return { ok: false, outcome: preset !== undefined ? failure(deps, `${model.id} has no ${preset} quant.`) : { done: false, reason: 'cancelled' } };
  }
  return { ok: true, quant };
}

type Placed = { ok: true; text: string } | { ok: false; message: string };

async function place(deps: UseModelDeps, target: Target, text: string, destination: Destination, id: string, quant: Quant | undefined): Promise<Placed> {
  switch (destination) {
    case 'terminal': {
      const line = terminalLine(text);
      if (line === undefined) {
        return { ok: false, message: 'This step is more than one command line, so it is not typed into a terminal (each line would run as it is typed): insert it into an editor instead.' };
      }
      const terminal = vscode.window.activeTerminal ?? vscode.window.createTerminal({ name: 'Hugging Face' });
      terminal.show();
      // Typed, not run: the user reads it and presses Enter.
      terminal.sendText(line, false);
      return { ok: true, text: line };
    }
    case 'editor': {
      if (target.kind === 'editor' && !target.editor.document.isClosed) {
        const inserted = await insertAtCursor(target.editor, text.endsWith('\n') ? text : `${text}\n`);
        if (inserted !== undefined) {
          return { ok: true, text: inserted };
        }
      }
      return place(deps, target, text, 'untitled', id, quant);
    }
    case 'untitled': {
      const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: text.endsWith('\n') ? text : `${text}\n` });
      await vscode.window.showTextDocument(document);
      return { ok: true, text: document.getText() };
    }
    case 'clipboard':
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage('$(copy) Copied the command', 2500);
      return { ok: true, text };
    case 'download': {
      if (!quant) {
        return { ok: false, message: 'There is no quant to download.' };
      }
      await deps.download(downloadArg(id, quant));
      return { ok: true, text: quant.files.map((f) => f.path).join('\n') };
    }
  }
}

async function chooseId(arg: unknown, endpoint: string): Promise<string | UseOutcome | undefined> {
  const ref = repoRefFromArgument(arg);
  if (ref && !ref.ok) {
    return { done: false, reason: 'error', message: ref.problem.replace('Open Card expects', 'Use this model expects') };
  }
  if (ref?.ok) {
    return ref.ref.type === 'model' ? ref.ref.id : { done: false, reason: 'error', message: 'Use this model works on models.' };
  }
  const text = await vscode.window.showInputBox({
    title: 'Use this model',
    prompt: `The model's id on ${new URL(endpoint).host}: "owner/name"`,
    placeHolder: 'openai-community/gpt2',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : repoIdProblem(value.trim())),
  });
  return text === undefined || text.trim() === '' || repoIdProblem(text.trim()) ? undefined : text.trim();
}

function presetPick(name: string, plan: SnippetPlan | undefined, apps: { key: string }[], notebooks: { label: string; url: string }[]): Pick | undefined {
  if (plan && name === plan.library) {
    return { kind: 'library', plan };
  }
  if (apps.some((a) => a.key === name)) {
    return { kind: 'app', key: name };
  }
  const notebook = notebooks.find((n) => n.label.toLowerCase().includes(name.toLowerCase()));
  return notebook ? { kind: 'notebook', ...notebook } : undefined;
}

async function choosePick(id: string, plan: SnippetPlan | undefined, apps: ReturnType<typeof appsForModel>, notebooks: { label: string; url: string }[]): Promise<Pick | undefined> {
  type Item = vscode.QuickPickItem & { pick?: Pick };
  const items: Item[] = [];
  const separator = (label: string): Item => ({ label, kind: vscode.QuickPickItemKind.Separator });
  if (plan) {
    items.push(separator('Libraries'), { label: `$(code) ${plan.libraryLabel}`, description: `insert the Hub's ${plan.libraryLabel} code`, pick: { kind: 'library', plan } });
  }
  if (apps.length > 0) {
    items.push(separator('Local apps'));
    for (const app of apps) {
      const description = [app.kind === 'deeplink' ? 'opens the app' : 'commands to run', app.macOSOnly ? 'macOS only' : ''].filter(Boolean).join(' · ');
      items.push({ label: `${app.kind === 'deeplink' ? '$(link-external)' : '$(terminal)'} ${app.label}`, description, detail: app.docsUrl, pick: { kind: 'app', key: app.key } });
    }
  }
  if (notebooks.length > 0) {
    items.push(separator('Notebooks'), ...notebooks.map((n): Item => ({ label: `$(notebook) ${n.label}`, description: 'opens the Hub’s notebook for this model', pick: { kind: 'notebook', ...n } })));
  }
  const chosen = await vscode.window.showQuickPick(items, { title: `Use ${id}`, placeHolder: 'Use this model with a library, a local app or a notebook', matchOnDescription: true });
  return chosen?.pick;
}

function failure(deps: UseModelDeps, message: string): UseOutcome {
  deps.log.warn(message);
  void vscode.window.showErrorMessage(notificationText(message));
  return { done: false, reason: 'error', message };
}
