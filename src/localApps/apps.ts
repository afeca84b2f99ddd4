/**
 * "Use this model" → Local apps and Notebooks, as the Hub shows them: which of `@huggingface/tasks`' `LOCAL_APPS` a
 * model gets (each app's own `displayOnModelPage`), what each gives (its `snippet` text or `deeplink` URL, exactly as
 * the library builds them), and where that text may go. The library is passed in (see src/hub/tasks.lazy.ts), so this
 * module stays pure: no VS Code, no network.
 *
 * Everything from the Hub that ends up in a snippet is checked first: the repo id (src/hub/repoId.ts), the GGUF file
 * path and its quant label. A snippet that still holds a control character, or a `{{…}}` placeholder the library left,
 * is refused rather than written.
 */
import { withoutTrailingSlashes } from '../hub/format';
import { filePathProblem, repoIdProblem } from '../hub/repoId';

/** The part of `@huggingface/tasks`' `LocalAppSnippet` used here. */
export interface LocalAppSnippetLike {
  title: string;
  setup?: string;
  content: string | string[];
}

/** The part of `@huggingface/tasks`' `LocalApp` used here (the model goes in as `ModelData`). */
export interface LocalAppLike {
  prettyLabel: string;
  docsUrl: string;
  mainTask: string;
  macOSOnly?: boolean;
  comingSoon?: boolean;
  displayOnModelPage: (model: never) => boolean;
  deeplink?: (model: never, filepath?: string) => URL;
  snippet?: (model: never, filepath?: string) => string | string[] | LocalAppSnippetLike | LocalAppSnippetLike[];
}

/** The `expand[]` fields the local apps and the library snippets read (`@huggingface/tasks` local-apps.ts, model-libraries-snippets.ts). */
export const MODEL_FIELDS = [
  'pipeline_tag',
  'library_name',
  'tags',
  'gated',
  'config',
  'cardData',
  'transformersInfo',
  'mask_token',
  'widgetData',
  'inference',
  'safetensors',
  'gguf',
  'siblings',
] as const;

/** A model's details as the apps read them (`ModelData`), checked: a valid id and string tags. */
export interface AppModel {
  id: string;
  tags: string[];
  pipeline_tag?: string;
  library_name?: string;
  [field: string]: unknown;
}

export type ModelResult = { ok: true; model: AppModel; files: string[] } | { ok: false; message: string };

/** The checked model of an `expand[]` detail body, with its file names (`siblings`). */
export function appModel(body: unknown): ModelResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, message: 'The Hub sent model details in an unexpected shape.' };
  }
  const record = body as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string') {
    return { ok: false, message: 'The model details have no id.' };
  }
  const problem = repoIdProblem(id);
  if (problem) {
    return { ok: false, message: `The Hub answered with an invalid model id: ${problem}` };
  }
  const tags = Array.isArray(record.tags) ? record.tags.filter((t): t is string => typeof t === 'string') : [];
  const files = Array.isArray(record.siblings)
    ? record.siblings.map((s) => (s && typeof s === 'object' ? (s as { rfilename?: unknown }).rfilename : undefined)).filter((p): p is string => typeof p === 'string')
    : [];
  const model: AppModel = { ...record, id, tags };
  for (const key of ['pipeline_tag', 'library_name'] as const) {
    if (typeof record[key] !== 'string') {
      delete model[key];
    }
  }
  return { ok: true, model, files };
}

export interface AppChoice {
  key: string;
  label: string;
  kind: 'snippet' | 'deeplink';
  macOSOnly: boolean;
  docsUrl: string;
}

/** The apps the Hub offers for `model`, in the library's order: each app's own `displayOnModelPage` decides. */
export function appsForModel(model: AppModel, apps: Readonly<Record<string, LocalAppLike>>): AppChoice[] {
  const out: AppChoice[] = [];
  for (const [key, app] of Object.entries(apps)) {
    if (app.comingSoon || (!app.snippet && !app.deeplink)) {
      continue;
    }
    let shown: boolean;
    try {
      shown = app.displayOnModelPage(model as never) === true;
    } catch {
      shown = false;
    }
    if (shown) {
      out.push({ key, label: app.prettyLabel, kind: app.deeplink ? 'deeplink' : 'snippet', macOSOnly: app.macOSOnly === true, docsUrl: app.docsUrl });
    }
  }
  return out;
}

/** One block of an app's snippet, as the Hub shows it: the install ("setup") or a command to run. */
export interface AppStep {
  /** The library's snippet title ("Install from pip and serve model"). */
  title: string;
  kind: 'setup' | 'run';
  text: string;
}

export type StepsResult = { ok: true; steps: AppStep[] } | { ok: false; message: string };
export type LinkResult = { ok: true; url: string } | { ok: false; message: string };

/** Quant labels as `parseGGUFQuantLabel` gives them (`Q4_K_M`, `UD-Q4_K_XL`, `IQ2_XXS`, `F16`, `MXFP4_MOE`). */
const QUANT_LABEL = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
/** File paths written into shell lines: plain names only (no spaces, quotes or `$`), checked before the library sees them. */
const SHELL_SAFE_PATH = /^[A-Za-z0-9._/-]{1,512}$/;
/** C0/C1 controls (but tab and newline), and the bidi and zero-width marks that make text read other than it runs. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const PLACEHOLDER = /\{\{[A-Z_]{1,32}\}\}/;

/** Why a quant label may not go into a snippet, or undefined when it may. */
export function quantLabelProblem(label: string): string | undefined {
  return QUANT_LABEL.test(label) ? undefined : `"${label.slice(0, 40)}" is not a GGUF quant label.`;
}

/** Why a repo file path may not go into a snippet (a terminal line is code), or undefined when it may. */
export function snippetPathProblem(path: string): string | undefined {
  const problem = filePathProblem(path);
  if (problem) {
    return problem;
  }
  return SHELL_SAFE_PATH.test(path) ? undefined : `The file name "${path.slice(0, 80)}" has characters a shell would read as code, so no command is written for it.`;
}

/** The app's snippet blocks for `model` (and the chosen GGUF file), exactly as the library writes them. */
export function appSteps(app: LocalAppLike, model: AppModel, filepath?: string): StepsResult {
  if (!app.snippet) {
    return { ok: false, message: `${app.prettyLabel} opens as an app; it has no snippet.` };
  }
  const checked = checkInputs(model, filepath);
  if (checked) {
    return { ok: false, message: checked };
  }
  let output: unknown;
  try {
    output = app.snippet(model as never, filepath);
  } catch (e) {
    return { ok: false, message: `The Hub's ${app.prettyLabel} snippet could not be built for ${model.id} (${e instanceof Error ? e.message : String(e)}).` };
  }
  const steps: AppStep[] = [];
  for (const block of Array.isArray(output) ? output : [output]) {
    if (typeof block === 'string') {
      steps.push({ title: app.prettyLabel, kind: 'run', text: block });
    } else if (block && typeof block === 'object' && typeof (block as LocalAppSnippetLike).title === 'string') {
      const snippet = block as LocalAppSnippetLike;
      if (typeof snippet.setup === 'string' && snippet.setup.trim() !== '') {
        steps.push({ title: snippet.title, kind: 'setup', text: snippet.setup });
      }
      for (const content of Array.isArray(snippet.content) ? snippet.content : [snippet.content]) {
        if (typeof content === 'string' && content.trim() !== '') {
          steps.push({ title: snippet.title, kind: 'run', text: content });
        }
      }
    }
  }
  // No quant to name (a repo with one GGUF file, or no parsable label): the Hub drops the tag.
  const filled = steps.map((s) => ({ ...s, text: s.text.replaceAll(':{{QUANT_TAG}}', '') }));
  if (filled.length === 0) {
    return { ok: false, message: `The Hub's ${app.prettyLabel} snippet is empty for ${model.id}.` };
  }
  const bad = filled.find((s) => UNSAFE_CHARS.test(s.text) || PLACEHOLDER.test(s.text));
  if (bad) {
    return {
      ok: false,
      message: PLACEHOLDER.test(bad.text)
        ? `The ${app.prettyLabel} snippet for ${model.id} needs a GGUF file to be chosen first.`
        : `The ${app.prettyLabel} snippet for ${model.id} holds control characters, so it is not written.`,
    };
  }
  return { ok: true, steps: filled };
}

/** The app's deep link for `model` (and the chosen GGUF file), exactly as the library builds it. */
export function appLink(app: LocalAppLike, model: AppModel, filepath?: string): LinkResult {
  if (!app.deeplink) {
    return { ok: false, message: `${app.prettyLabel} has no link; it gives a snippet.` };
  }
  const checked = checkInputs(model, filepath);
  if (checked) {
    return { ok: false, message: checked };
  }
  try {
    const url = app.deeplink(model as never, filepath);
    const text = url instanceof URL ? url.href : undefined;
    if (!text || UNSAFE_CHARS.test(text) || /^(?:javascript|data|file|vbscript|command):/i.test(text)) {
      return { ok: false, message: `The ${app.prettyLabel} link for ${model.id} is not one that may be opened.` };
    }
    return { ok: true, url: text };
  } catch (e) {
    return { ok: false, message: `The ${app.prettyLabel} link could not be built for ${model.id} (${e instanceof Error ? e.message : String(e)}).` };
  }
}

/** Whether an app's output names the GGUF file or its quant (then a GGUF repo asks which quant first): it changes with one. */
export function appTakesFile(app: LocalAppLike, model: AppModel): boolean {
  const probe = 'model-Q4_K_M.gguf';
  try {
    if (app.deeplink) {
      return app.deeplink(model as never).href !== app.deeplink(model as never, probe).href;
    }
    return JSON.stringify(app.snippet?.(model as never) ?? '') !== JSON.stringify(app.snippet?.(model as never, probe) ?? '');
  } catch {
    return false;
  }
}

function checkInputs(model: AppModel, filepath: string | undefined): string | undefined {
  const idProblem = repoIdProblem(model.id);
  if (idProblem) {
    return idProblem;
  }
  return filepath === undefined ? undefined : snippetPathProblem(filepath);
}

/**
 * The one line to type into a terminal, or undefined when the block is not a single command: comments and blank lines
 * are left out; several commands, or a command continued with `\`, would run line by line as they are typed.
 */
export function terminalLine(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length !== 1) {
    return undefined;
  }
  const line = lines[0].trim();
  return line.endsWith('\\') || line.includes('\r') ? undefined : line;
}

/** "Open in Colab" / "Open in Kaggle" as the Hub links them: the notebook the Hub writes for a model at `/{id}.ipynb`. */
export function notebookLinks(id: string, webBase: string): { label: string; url: string }[] {
  if (repoIdProblem(id)) {
    return [];
  }
  const notebook = `${withoutTrailingSlashes(webBase)}/${id}.ipynb`;
  return [
    { label: 'Google Colab', url: `https://colab.research.google.com/#fileId=${notebook.replace(':', '%3A')}` },
    { label: 'Kaggle', url: `https://kaggle.com/kernels/welcome?src=${notebook}` },
  ];
}
