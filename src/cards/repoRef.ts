/**
 * Which repo a user or a caller means: what "Open Card…" accepts as typed text, and the arguments the command takes
 * from the tree, from search and from other commands.
 */
import { isRepoType, repoIdProblem, type RepoType } from '../hub/repoId';

export interface RepoRef {
  type: RepoType;
  id: string;
}

export type ParsedRepo = { ok: true; ref: RepoRef } | { ok: false; problem: string };

/** Path segments after a repo id on Hub pages (`/owner/name/tree/main`), which end the id. */
const PAGE_SEGMENTS = new Set(['tree', 'blob', 'resolve', 'raw', 'commits', 'commit', 'discussions', 'settings', 'edit']);

/**
 * What the user typed: `owner/name` or `name` (a model), `datasets/owner/name`, `spaces/owner/name`, or the address
 * of a repo page on the Hub (`https://huggingface.co/datasets/squad`, `https://hf.co/owner/name/tree/main`).
 */
export function parseRepoInput(input: string, endpoint?: string): ParsedRepo {
  let text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, problem: 'That address could not be read.' };
    }
    const hosts = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
    if (endpoint) {
      try {
        hosts.add(new URL(endpoint).host);
      } catch {
        // an endpoint that is not a URL adds nothing
      }
    }
    if (!hosts.has(url.host.toLowerCase())) {
      return { ok: false, problem: `${url.host} is not a Hugging Face Hub address.` };
    }
    text = trimSlashes(url.pathname);
    try {
      text = decodeURIComponent(text);
    } catch {
      return { ok: false, problem: 'That address could not be read.' };
    }
  }
  let type: RepoType = 'model';
  const prefixed = /^(datasets|spaces|models)\/(.+)$/.exec(text);
  if (prefixed) {
    type = prefixed[1] === 'datasets' ? 'dataset' : prefixed[1] === 'spaces' ? 'space' : 'model';
    text = prefixed[2];
  }
  const parts = text.split('/');
  const id = parts.length > 1 && !PAGE_SEGMENTS.has(parts[1]) ? parts.slice(0, 2).join('/') : parts[0];
  if (parts.length > 2 && !PAGE_SEGMENTS.has(parts[2]) && !PAGE_SEGMENTS.has(parts[1])) {
    const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    return { ok: false, problem: `"${shown}" has more than one "/": a repo id is "name" or "owner/name".` };
  }
  const problem = repoIdProblem(id);
  return problem ? { ok: false, problem } : { ok: true, ref: { type, id } };
}

/**
 * The text without its leading and trailing `/`s. A loop, not `/^\/+|\/+$/`: that regex takes quadratic time on a long
 * run of slashes (two seconds for 50,000), and this runs on every keystroke of "Open Card…".
 */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') {
    start++;
  }
  while (end > start && text[end - 1] === '/') {
    end--;
  }
  return text.slice(start, end);
}

/**
 * A command argument: `{ type, id }`, a tree row (`{ repo: { type, id } }`) or a model id. Returns undefined when
 * there is no argument (the command then asks), or the problem with one that is there but not valid.
 */
export function repoRefFromArgument(arg: unknown): ParsedRepo | undefined {
  if (arg === undefined || arg === null) {
    return undefined;
  }
  if (typeof arg === 'string') {
    const problem = repoIdProblem(arg.trim());
    return problem ? { ok: false, problem } : { ok: true, ref: { type: 'model', id: arg.trim() } };
  }
  if (typeof arg !== 'object') {
    return { ok: false, problem: 'Open Card expects a repo.' };
  }
  const candidate = 'repo' in arg && typeof arg.repo === 'object' ? arg.repo : arg;
  const { type, id } = (candidate ?? {}) as { type?: unknown; id?: unknown };
  if (typeof id !== 'string') {
    return { ok: false, problem: 'Open Card expects a repo id.' };
  }
  if (type !== undefined && !isRepoType(type)) {
    return { ok: false, problem: 'Open Card expects a model, dataset or Space.' };
  }
  const problem = repoIdProblem(id);
  return problem ? { ok: false, problem } : { ok: true, ref: { type: type ?? 'model', id } };
}
