// Where huggingface_hub keeps things (constants.py, file_download.py), as strings: the cache folder from the environment,
// the repo folder's name, and the blob, ref, snapshot, lock and `--local-dir` metadata paths inside it. Every path built
// from Hub text (file paths, revisions, etags) is checked to stay inside its folder before it is joined. No I/O here.
import { filePathProblem, repoIdProblem, revisionProblem, type RepoType } from '../hub/repoId';

const FOLDER_PREFIX: Record<RepoType, string> = { model: 'models', dataset: 'datasets', space: 'spaces' };

/** The cache folder as huggingface_hub resolves it: override, HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub. */
export function hubCacheDir(env: Record<string, string | undefined>, home: string, override?: string): string {
  const set = (value: string | undefined) => (value && value.trim() ? expandHome(value.trim(), home) : undefined);
  const direct = set(override) ?? set(env.HF_HUB_CACHE) ?? set(env.HUGGINGFACE_HUB_CACHE);
  if (direct) {
    return direct;
  }
  const hfHome = set(env.HF_HOME) ?? joinPath(set(env.XDG_CACHE_HOME) ?? joinPath(home, '.cache'), 'huggingface');
  return joinPath(hfHome, 'hub');
}

/** `models--owner--name`, `datasets--owner--name`, `spaces--owner--name` (huggingface_hub `repo_folder_name`). */
export function repoFolderName(type: RepoType, id: string): string {
  return [FOLDER_PREFIX[type], ...id.split('/')].join('--');
}

/** The repo type and id a cache folder name stands for, or undefined when the name is not in the layout. */
export function parseRepoFolderName(name: string): { type: RepoType; id: string } | undefined {
  const parts = name.split('--');
  const type = (Object.keys(FOLDER_PREFIX) as RepoType[]).find((t) => FOLDER_PREFIX[t] === parts[0]);
  if (!type || parts.length < 2 || parts.length > 3) {
    return undefined;
  }
  const id = parts.slice(1).join('/');
  return repoIdProblem(id) ? undefined : { type, id };
}

/** A full 40-character lowercase hex commit id (huggingface_hub `REGEX_COMMIT_HASH`), without a regular expression. */
export function isCommitHash(rev: string): boolean {
  return rev.length === 40 && isLowerHex(rev);
}

/** A blob name the Hub can send as an etag: a git sha1 (40 hex) or an LFS sha256 (64 hex). */
export function isBlobName(etag: string): boolean {
  return (etag.length === 40 || etag.length === 64) && isLowerHex(etag);
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) {
      return false;
    }
  }
  return true;
}

/** Why a repo-relative path must not be joined under a folder (`..`, absolute, backslash, NUL, drive letter), or undefined. */
export function repoPathProblem(path: string): string | undefined {
  const problem = filePathProblem(path);
  if (problem) {
    return problem;
  }
  const first = path.split('/')[0] ?? '';
  if (hasDriveLetter(first)) {
    return `"${path.slice(0, 60)}" looks like a Windows drive path, not a file in a repo.`;
  }
  return undefined;
}

/** Why a revision must not name a file under `refs/`, or undefined (branches, tags and `refs/pr/1` are fine). */
export function refProblem(revision: string): string | undefined {
  return revisionProblem(revision) ?? repoPathProblem(revision);
}

/** Joins path parts with the separator `base` uses (`\` for a Windows path such as `C:\Users\me`, else `/`). */
export function joinPath(base: string, ...parts: string[]): string {
  const sep = isWindowsPath(base) ? '\\' : '/';
  let out = base;
  for (const part of parts) {
    const piece = sep === '\\' ? part.split('/').join('\\') : part;
    out = out.endsWith(sep) || out.endsWith('/') ? out + piece : out + sep + piece;
  }
  return out;
}

function isWindowsPath(path: string): boolean {
  return hasDriveLetter(path) || path.startsWith('\\\\');
}

/** `C:` at the start: a Windows drive. */
function hasDriveLetter(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return text.length >= 2 && text[1] === ':' && c >= 0x61 && c <= 0x7a;
}

function expandHome(value: string, home: string): string {
  if (value === '~') {
    return home;
  }
  return value.startsWith('~/') || value.startsWith('~\\') ? joinPath(home, value.slice(2)) : value;
}

/** The paths of one repo in one cache folder; each method checks the Hub text it is given and throws on a bad one. */
export interface RepoLayout {
  /** `<cache>/models--owner--name`. */
  root: string;
  blob(etag: string): string;
  incomplete(etag: string): string;
  ref(revision: string): string;
  snapshotDir(commit: string): string;
  snapshotFile(commit: string, path: string): string;
  /** The relative symlink target from `snapshots/<commit>/<path>` to `blobs/<etag>`, as huggingface_hub writes it. */
  linkTarget(path: string, etag: string): string;
  lock(etag: string): string;
}

/** The layout of repo `type`/`id` under cache folder `cacheDir`. */
export function repoLayout(cacheDir: string, type: RepoType, id: string): RepoLayout {
  const idProblem = repoIdProblem(id);
  if (idProblem) {
    throw new Error(idProblem);
  }
  const folder = repoFolderName(type, id);
  const root = joinPath(cacheDir, folder);
  const blobName = (etag: string) => {
    if (!isBlobName(etag)) {
      throw new Error(`"${etag.slice(0, 70)}" is not a blob id.`);
    }
    return etag;
  };
  const commitName = (commit: string) => {
    if (!isCommitHash(commit)) {
      throw new Error(`"${commit.slice(0, 60)}" is not a commit id.`);
    }
    return commit;
  };
  return {
    root,
    blob: (etag) => joinPath(root, 'blobs', blobName(etag)),
    incomplete: (etag) => joinPath(root, 'blobs', `${blobName(etag)}.incomplete`),
    ref: (revision) => joinPath(root, 'refs', checked(revision, refProblem)),
    snapshotDir: (commit) => joinPath(root, 'snapshots', commitName(commit)),
    snapshotFile: (commit, path) => joinPath(root, 'snapshots', commitName(commit), checked(path, repoPathProblem)),
    linkTarget: (path, etag) => {
      const depth = checked(path, repoPathProblem).split('/').length;
      return [...Array<string>(depth + 1).fill('..'), 'blobs', blobName(etag)].join(isWindowsPath(cacheDir) ? '\\' : '/');
    },
    lock: (etag) => joinPath(cacheDir, '.locks', folder, `${blobName(etag)}.lock`),
  };
}

/** The paths `hf download --local-dir` uses: the file, and `.cache/huggingface/download/<path>.{metadata,incomplete,lock}`. */
export function folderLayout(dir: string) {
  const meta = (path: string, suffix: string) => joinPath(dir, '.cache', 'huggingface', 'download', `${checked(path, repoPathProblem)}${suffix}`);
  return {
    file: (path: string) => joinPath(dir, checked(path, repoPathProblem)),
    metadata: (path: string) => meta(path, '.metadata'),
    incomplete: (path: string, etag: string) => meta(path, `.${isBlobName(etag) ? etag : 'x'}.incomplete`),
    lock: (path: string) => meta(path, '.lock'),
  };
}

function checked(text: string, problem: (t: string) => string | undefined): string {
  const found = problem(text);
  if (found) {
    throw new Error(found);
  }
  return text;
}

/** The `.metadata` file of `--local-dir` (huggingface_hub `_local_folder.py`): commit, etag, timestamp, one per line. */
export function formatFolderMetadata(commit: string, etag: string, timestamp: number): string {
  return `${commit}\n${etag}\n${timestamp / 1000}\n`;
}

/** Reads a `.metadata` file's commit, etag and timestamp (ms), or undefined when it is not one. */
export function parseFolderMetadata(text: string): { commit: string; etag: string; timestamp: number } | undefined {
  const [commit, etag, time] = text.split('\n').map((line) => line.trim());
  const seconds = Number(time);
  if (!commit || !etag || !Number.isFinite(seconds)) {
    return undefined;
  }
  return { commit, etag, timestamp: seconds * 1000 };
}
