/** The three kinds of repository the Hub hosts. */
export type RepoType = 'model' | 'dataset' | 'space';

export const REPO_TYPES: readonly RepoType[] = ['model', 'dataset', 'space'];

export function isRepoType(value: unknown): value is RepoType {
  return value === 'model' || value === 'dataset' || value === 'space';
}

/** A repo type as a noun in a sentence, singular ("Model") and plural ("models", as in "Search models"). */
export const REPO_TYPE_NAME: Record<RepoType, string> = { model: 'Model', dataset: 'Dataset', space: 'Space' };
export const REPO_TYPE_PLURAL: Record<RepoType, string> = { model: 'models', dataset: 'datasets', space: 'Spaces' };
/** The codicon that stands for a repo type wherever no task or SDK says more (hovers, the Local Cache, Explore, pickers). */
export const REPO_TYPE_ICON: Record<RepoType, string> = { model: 'hubot', dataset: 'database', space: 'rocket' };

/** Path segment the API uses for a repo type: `/api/models`, `/api/datasets`, `/api/spaces`. */
export function apiCollection(type: RepoType): string {
  return `${type}s`;
}

/** Prefix of web and file URLs: models have none, datasets and Spaces are under `datasets/` and `spaces/`. */
export function webPrefix(type: RepoType): string {
  return type === 'model' ? '' : `${type}s/`;
}

/** A repo's page on the Hub website; `endpoint` is the Hub's base URL without a trailing slash. */
export function repoWebUrl(repo: { endpoint: string; type: RepoType; id: string }): string {
  return `${repo.endpoint}/${webPrefix(repo.type)}${repo.id}`;
}

const PART = /^[A-Za-z0-9_.,-]{1,96}$/;

/**
 * Why a repo id is not valid, following the Hub's own rules (`huggingface_hub.utils.validate_repo_id`):
 * `name` or `namespace/name`, each part 1–96 of letters, digits, `-`, `_` and `.`, not starting or ending with `-` or `.`,
 * without `--` or `..`, and not ending in `.git`. Commas are also accepted: a few older repos the Hub still serves have
 * one (`DJSammy/bert-base-danish-uncased_BotXO,ai`). Returns undefined when the id is valid.
 */
export function repoIdProblem(id: string): string | undefined {
  if (typeof id !== 'string' || id.length === 0) {
    return 'A repo id is required, like "openai-community/gpt2".';
  }
  const parts = id.split('/');
  if (parts.length > 2) {
    return `"${truncate(id)}" has more than one "/": a repo id is "name" or "owner/name".`;
  }
  for (const part of parts) {
    if (!PART.test(part)) {
      return `"${truncate(id)}" is not a repo id: use letters, digits, "-", "_" and "." (at most 96 per part).`;
    }
    if (/^[-.]|[-.]$/.test(part)) {
      return `"${truncate(id)}" is not a repo id: a part cannot start or end with "-" or ".".`;
    }
  }
  if (id.includes('--') || id.includes('..')) {
    return `"${truncate(id)}" is not a repo id: "--" and ".." are not allowed.`;
  }
  if (id.endsWith('.git')) {
    return `"${truncate(id)}" is not a repo id: it cannot end with ".git".`;
  }
  return undefined;
}

export function isValidRepoId(id: string): boolean {
  return repoIdProblem(id) === undefined;
}

/** Git revisions as the Hub accepts them: branch, tag, sha or `refs/...`; never `..` or control characters. */
export function revisionProblem(rev: string): string | undefined {
  if (!rev || rev.length > 255 || rev.includes('..') || hasControlOrSpecial(rev, /[\s\\~^:?*[\]]/)) {
    return `"${truncate(rev)}" is not a valid revision.`;
  }
  return undefined;
}

/** Repo-relative file path: no empty, `.` or `..` segments, no backslashes or control characters. */
export function filePathProblem(p: string): string | undefined {
  if (!p || p.startsWith('/') || hasControlOrSpecial(p, /\\/) || p.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    return `"${truncate(p)}" is not a valid file path in a repo.`;
  }
  return undefined;
}

/** True when `text` has a control character or matches `special` (a loop over code units: no array of characters). */
function hasControlOrSpecial(text: string, special: RegExp): boolean {
  if (special.test(text)) {
    return true;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}

/** Encodes each segment of a repo path for a URL, keeping the `/` separators. */
export function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function truncate(s: string): string {
  const text = String(s);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
