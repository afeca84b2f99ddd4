/**
 * Inference code for a model: the fields of the model the Hub's snippet generator may see (each checked, since they end
 * up in code), how each snippet is labelled and which editor language it opens in, and the one repair the generated
 * shell code needs. Pure.
 */
import { isValidRepoId } from '../hub/repoId';
import { parseProviderMapping, type ProviderEntry } from './providers';

/** The fields asked for with `expand[]` to write a model's inference code and offer its providers. */
export const CODE_FIELDS = ['pipeline_tag', 'library_name', 'tags', 'inferenceProviderMapping'] as const;

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface SnippetModel {
  id: string;
  pipeline_tag: string;
  library_name?: string;
  tags: string[];
}

/**
 * The model as the snippet generator gets it: only its id, task, library and simple tags, each checked. Nothing the
 * library would write into code as text (widget examples, card data) is passed: its own example inputs are used.
 */
export function snippetModel(body: Record<string, unknown>, id: string): { model: SnippetModel; providers: ProviderEntry[] } | { problem: string } {
  if (!isValidRepoId(id)) {
    return { problem: `"${id}" is not a model id.` };
  }
  const task = body.pipeline_tag;
  if (typeof task !== 'string' || !IDENTIFIER.test(task)) {
    return { problem: `${id} has no task on the Hub, so there is no inference code for it.` };
  }
  const library = typeof body.library_name === 'string' && IDENTIFIER.test(body.library_name) ? body.library_name : undefined;
  const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(t)).slice(0, 100) : [];
  return { model: { id, pipeline_tag: task, ...(library ? { library_name: library } : {}), tags }, providers: parseProviderMapping(body.inferenceProviderMapping) };
}

export const CLIENT_LABELS: Record<string, string> = {
  huggingface_hub: 'huggingface_hub',
  openai: 'openai',
  requests: 'requests',
  fal_client: 'fal_client',
  'huggingface.js': '@huggingface/inference',
  fetch: 'fetch',
  curl: 'cURL',
};
export const LANGUAGE_LABELS: Record<string, string> = { python: 'Python', js: 'JavaScript', sh: 'Shell' };
const EDITOR_LANGUAGES: Record<string, string> = { python: 'python', js: 'javascript', sh: 'shellscript' };

export function snippetLabel(s: { language: string; client: string }): string {
  return `${LANGUAGE_LABELS[s.language] ?? s.language} · ${CLIENT_LABELS[s.client] ?? s.client}`;
}

export function editorLanguage(language: string): string {
  return EDITOR_LANGUAGES[language] ?? 'plaintext';
}

/**
 * Shell snippets send their JSON body in single quotes (`-d '{…}'`); a conversation's text may hold a `'`, which would
 * end the quoting. Each one inside the quoted body becomes `'\''` (close, escaped quote, reopen), so the shell passes
 * the text through as it was.
 */
export function quoteShellBody(code: string): string {
  const start = code.indexOf("-d '");
  const end = code.lastIndexOf("'");
  if (start < 0 || end <= start + 3) {
    return code;
  }
  const open = start + 4;
  return code.slice(0, open) + code.slice(open, end).split("'").join("'\\''") + code.slice(end);
}
