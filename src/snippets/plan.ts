/**
 * What to insert for a model: the Hub's own "Use this model" code (`@huggingface/tasks`, passed in as a lookup so this
 * module stays free of it), split into install commands and code variants, with what the framing must mention (gated
 * access, remote code). Pure: no VS Code, no network.
 */
import { isPythonIdentifier } from '../code/fixes';
import { withoutTrailingSlashes } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';

/** The libraries the commands are named after. */
export type SnippetLibrary = 'transformers' | 'diffusers';

/** The part of `@huggingface/tasks`' `LibraryUiElement` used here. */
export interface LibraryElement {
  prettyLabel: string;
  // The model body goes in as the Hub sends it; `@huggingface/tasks` types it as `ModelData`.
  snippets?: (model: never) => string[];
}

export type LibraryLookup = (library: string) => LibraryElement | undefined;

export interface SnippetVariant {
  /** The variant's own first comment line ("Load model directly"), else "Snippet N". */
  title: string;
  /** Its first line of code, to tell variants apart in a picker. */
  detail: string;
  /** Exactly the string `@huggingface/tasks` produced. */
  code: string;
}

export interface SnippetPlan {
  /** The id the Hub answered with (a renamed repo answers with its new id). */
  id: string;
  /** The library whose snippet this is: the model's own `library_name`. */
  library: string;
  libraryLabel: string;
  variants: SnippetVariant[];
  /** `pip install …` commands the Hub gives next to the code; offered as comments, never run. */
  install: string[];
  gated: boolean;
  /** Tagged `custom_code`: `trust_remote_code=True` runs the repo's own Python. */
  customCode: boolean;
  /** The repo's page on the Hub website. */
  pageUrl: string;
  language: 'python' | 'javascript';
  /** Set when the model's library is not the one asked for: says which snippet is inserted instead. */
  notice?: string;
}

export type PlanResult = { ok: true; plan: SnippetPlan } | { ok: false; message: string };

/** Libraries whose Hub snippets are not Python. */
const JAVASCRIPT_LIBRARIES = new Set(['transformers.js']);

const INSTALL_LINE = /^\s*!?(?:uv\s+)?pip3?\s+install\b/;

/** One-line answers `@huggingface/tasks` gives instead of code when details lack a field ("# ⚠️ Type of model unknown"). */
const PROBLEM_LINE = /⚠️|\b(?:invalid|unknown|not found|not specified)\b/i;

/**
 * Plans the snippet for a model's full detail body (`GET /api/models/{id}`). `requested` is the library the user asked
 * for; the snippet always follows the model's own library, with a notice when that differs. `webBase` is the Hub's
 * web address (the configured endpoint).
 */
export function planSnippets(body: unknown, requested: string, webBase: string, lookup: LibraryLookup): PlanResult {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return fail('The Hub sent model details in an unexpected shape.');
  }
  const model = withCheckedClassNames(body as Record<string, unknown>);
  const id = model.id;
  if (typeof id !== 'string') {
    return fail('The model details have no id.');
  }
  const idProblem = repoIdProblem(id);
  if (idProblem) {
    return fail(`The Hub answered with an invalid model id: ${idProblem}`);
  }
  if (!Array.isArray(model.tags) || model.tags.some((t) => typeof t !== 'string')) {
    return fail(`The details of ${id} have no tags, which the Hub's snippet code needs.`);
  }
  const tags = model.tags as string[];
  const library = model.library_name;
  if (typeof library !== 'string' || library === '') {
    return fail(`${id} names no library, so the Hub has no ${requested} code for it.`);
  }
  const element = lookup(library);
  const label = element?.prettyLabel ?? library;
  if (!element?.snippets) {
    return fail(`${id} uses the ${library} library, for which the Hub has no code snippet.`);
  }
  if (library === 'transformers' && !hasTransformersInfo(model.transformersInfo)) {
    return fail(
      hasTransformersInfo((body as Record<string, unknown>).transformersInfo)
        ? `The details of ${id} name a transformers class that is not a Python name, so no code is written for it.`
        : `The details of ${id} have no transformersInfo, so the Hub cannot tell which transformers class loads it.`,
    );
  }

  let output: unknown;
  try {
    output = element.snippets(model as never);
  } catch (e) {
    return fail(`The Hub's ${library} snippet could not be built from the details of ${id} (${oneLine(e instanceof Error ? e.message : String(e))}).`);
  }
  const strings = Array.isArray(output) ? output.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
  const install = strings.filter(isInstallOnly);
  const code = strings.filter((s) => !isInstallOnly(s));
  const usable = code.filter((s) => !isProblemLine(s));
  if (usable.length === 0) {
    const reason = code.find(isProblemLine);
    const why = reason ? `: ${stripComment(reason).replace(/\.$/, '')}` : '';
    return fail(`The Hub's ${library} snippet could not be built from the details of ${id}${why}.`);
  }

  const customCode = tags.includes('custom_code');
  return {
    ok: true,
    plan: {
      id,
      library,
      libraryLabel: label,
      variants: usable.map((c, i) => ({ title: variantTitle(c, i), detail: firstCodeLine(c), code: c })),
      install,
      gated: Boolean(model.gated),
      customCode,
      pageUrl: `${withoutTrailingSlashes(webBase)}/${id}`,
      language: JAVASCRIPT_LIBRARIES.has(library) ? 'javascript' : 'python',
      notice: library === requested ? undefined : `${id} is a ${library} model, not a ${requested} one: inserting the Hub's ${label} snippet.`,
    },
  };
}

/** A variant's title: its first comment line ("Load model directly"), else "Snippet N". */
export function variantTitle(code: string, index: number): string {
  const comment = code
    .split('\n')
    .map((l) => l.trim())
    .find((l) => isComment(l) && stripComment(l) !== '');
  return comment ? stripComment(comment) : `Snippet ${index + 1}`;
}

/** True when every non-blank line is a `pip install` command. */
export function isInstallOnly(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => INSTALL_LINE.test(l));
}

function isProblemLine(text: string): boolean {
  return !text.trim().includes('\n') && !text.includes('(') && PROBLEM_LINE.test(text);
}

/** `transformersInfo` fields the transformers snippet writes into code as class names (unescaped: they must be names). */
const CLASS_NAME_FIELDS = ['auto_model', 'processor'] as const;

/**
 * The body with the `transformersInfo` class names that are not Python identifiers left out, so the library never
 * writes them into code: a `processor` of `AutoTokenizer; import os` would otherwise become an import line. Without
 * `auto_model` the snippet is refused (see `hasTransformersInfo`); without `processor` it loads the model alone.
 */
function withCheckedClassNames(model: Record<string, unknown>): Record<string, unknown> {
  const info = model.transformersInfo;
  if (!info || typeof info !== 'object' || Array.isArray(info)) {
    return model;
  }
  const checked: Record<string, unknown> = { ...info };
  for (const field of CLASS_NAME_FIELDS) {
    if (field in checked && !isPythonIdentifier(checked[field])) {
      delete checked[field];
    }
  }
  return { ...model, transformersInfo: checked };
}

function hasTransformersInfo(info: unknown): boolean {
  return !!info && typeof info === 'object' && typeof (info as { auto_model?: unknown }).auto_model === 'string';
}

function firstCodeLine(code: string): string {
  return (
    code
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !isComment(l)) ?? ''
  );
}

function isComment(line: string): boolean {
  return line.startsWith('#') || line.startsWith('//');
}

/** The text of a comment line without its `#` / `//` marks and a leading ⚠️ (a scan: a repeated group would run out of stack on a long run of marks). */
function stripComment(line: string): string {
  const text = line.trim();
  let start = 0;
  while (text.startsWith('#', start) || text.startsWith('//', start)) {
    start += text[start] === '#' ? 1 : 2;
  }
  return text.slice(start).trimStart().replace(/^⚠️\s*/, '').trim();
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function fail(message: string): PlanResult {
  return { ok: false, message };
}
