/**
 * The text that code insights write into the user's code, built and checked here (pure, no `vscode`). Every id that
 * comes from the Hub (a rename's target, a card's `new_version`, a search result) is written only when it is a valid
 * repo id: such an id holds letters, digits, `-`, `_`, `.`, `,` and one `/`, so it can close no string literal, start
 * no escape and add no line, whatever quotes surround it. The resolver drops invalid ids where they enter the facts
 * (src/code/resolver.ts `parseFacts`); this is the second check, where they leave for the document.
 */
import { isValidRepoId } from '../hub/repoId';
import type { RepoIdRef } from './pyRefs';
import type { Resolution } from './resolver';
import { PYTHON_KEYWORDS } from './pyCalls';

/** Replace `start`–`end` of the source with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface IdFix {
  title: string;
  edit: TextEdit;
  /** Offered as the fix Auto Fix applies. */
  preferred: boolean;
}

/** Why an id is proposed: the repo was renamed, its card names a newer version, or it is close to a missing id. */
export type IdFixReason = 'renamed' | 'newVersion' | 'suggestion';

/** The Python string contents an id may replace: exactly the characters of `ref.id` in `source`. */
type Target = Pick<RepoIdRef, 'id' | 'start' | 'end'>;

/**
 * The fix that puts `id` in place of the string contents `ref` points at, or undefined when `id` is not a valid repo
 * id, is the id already written, or `ref` no longer matches the source (the document changed since it was read).
 */
export function useIdFix(source: string, ref: Target, id: unknown, reason: IdFixReason): IdFix | undefined {
  if (typeof id !== 'string' || id === ref.id || !isValidRepoId(id) || source.slice(ref.start, ref.end) !== ref.id) {
    return undefined;
  }
  return {
    title: reason === 'newVersion' ? `Use the newer version "${id}"` : `Use "${id}"`,
    edit: { start: ref.start, end: ref.end, text: id },
    preferred: reason === 'renamed',
  };
}

/** The fixes for a renamed repo or one whose card names a newer version, from what the resolver knows. */
export function resolutionFix(source: string, ref: Target, resolution: Resolution | undefined, code: string | undefined): IdFix | undefined {
  if (code === 'repo-renamed' && resolution?.state === 'renamed') {
    return useIdFix(source, ref, resolution.to, 'renamed');
  }
  if (code === 'new-version' && (resolution?.state === 'found' || resolution?.state === 'renamed')) {
    return useIdFix(source, ref, resolution.facts.newVersion, 'newVersion');
  }
  return undefined;
}

/** One fix per suggested id, the invalid ones left out. */
export function suggestionFixes(source: string, ref: Target, ids: readonly unknown[]): IdFix[] {
  return ids.map((id) => useIdFix(source, ref, id, 'suggestion')).filter((fix): fix is IdFix => fix !== undefined);
}

/** Search results whose id may be inserted (completions, suggestions): the others are left out, never repaired. */
export function insertable<T extends { id: unknown }>(repos: readonly T[]): (T & { id: string })[] {
  return repos.filter((repo): repo is T & { id: string } => typeof repo.id === 'string' && isValidRepoId(repo.id));
}

/**
 * The id a CodeLens passes to its command for `ref`: the rename's target when the resolver knows a valid one, else the
 * id as written (which the caller has already checked).
 */
export function lensId(ref: Pick<RepoIdRef, 'id'>, resolution: Resolution | undefined): string {
  return resolution?.state === 'renamed' && isValidRepoId(resolution.to) ? resolution.to : ref.id;
}

/** Calls that load a diffusers pipeline, by their callee as written (literals only: one linear pass over the name). */
const DIFFUSERS_CALL = /Pipeline\.from_pretrained$|^StableDiffusion|DiffusionPipeline/;

/**
 * The snippet command a model's CodeLens runs: the model's library when the Hub named it, else a guess from the call.
 * Its argument is the id from `lensId`.
 */
export function snippetCommand(library: string | undefined, callee: string): 'huggingface.insertDiffusersSnippet' | 'huggingface.insertTransformersSnippet' {
  const diffusers = library === 'diffusers' || (library === undefined && DIFFUSERS_CALL.test(callee));
  return diffusers ? 'huggingface.insertDiffusersSnippet' : 'huggingface.insertTransformersSnippet';
}

/**
 * A name Python code may use as a class or variable: ASCII letters, digits and `_`, not starting with a digit, at most
 * 100 characters, not a keyword. (Python allows more of Unicode; Hub class names never need it, and refusing it keeps
 * look-alike letters out of the user's code.)
 */
export function isPythonIdentifier(text: unknown): text is string {
  if (typeof text !== 'string' || text.length === 0 || text.length > 100 || PYTHON_KEYWORDS.has(text)) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) {
      return false;
    }
  }
  return true;
}
