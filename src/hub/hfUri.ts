/**
 * The `hf:` URIs under which repo files open as read-only documents. Pure: works on the decoded `path` and `query`
 * components (what `vscode.Uri` holds), so it is tested without VS Code.
 *
 *   hf:/models/google-bert/bert-base-uncased/config.json?{"rev":"main","label":"bert-base-uncased"}
 *   hf:/datasets/-/imagenet-1k/README.md?{"rev":"main","label":"imagenet-1k"}
 *   hf:/spaces/gradio/hello_world/app.py?{"rev":"refs/pr/1","label":"hello_world@refs/pr/1"}
 *
 * - The path is always `/<models|datasets|spaces>/<owner>/<name>` and then the file's path in the repo (nothing for
 *   the repo's root folder). Ids without an owner (`gpt2`, `imagenet-1k`) use `-` as owner: no owner can be called
 *   that, so a repo's id and a file's path can never be confused.
 * - The query is a JSON object: `rev`, the revision (branch, tag, commit or `refs/...`), and `label`, the repo's name
 *   (with `@rev` when it is not `main`), which the label formatter in package.json shows in editor tabs
 *   ("config.json — bert-base-uncased"). A URI without a query reads `main`. A `label` that does not match the path
 *   and revision is refused, so a crafted link cannot make a tab name another repo.
 * - The host is not part of the URI: files are read from the configured endpoint.
 */
import { fileSize } from './format';
import { filePathProblem, repoIdProblem, revisionProblem, type RepoType } from './repoId';

export const HF_SCHEME = 'hf';
export const DEFAULT_REVISION = 'main';
/** Stands in for the owner of ids that have none. */
export const NO_OWNER = '-';

const COLLECTIONS: Record<string, RepoType> = { models: 'model', datasets: 'dataset', spaces: 'space' };

/** A file or folder of a repo at a revision; `path` is '' for the repo's root. */
export interface HfRef {
  type: RepoType;
  id: string;
  path: string;
  revision: string;
}

/** The decoded components of an `hf:` URI, as `vscode.Uri` holds them. */
export interface HfUriParts {
  path: string;
  query: string;
}

export type HfParse = { ok: true; ref: HfRef } | { ok: false; problem: string };

export function formatHfUri(ref: HfRef): HfUriParts {
  const [owner, name] = ref.id.includes('/') ? ref.id.split('/') : [NO_OWNER, ref.id];
  return {
    path: `/${ref.type}s/${owner}/${name}${ref.path ? `/${ref.path}` : ''}`,
    query: JSON.stringify({ rev: ref.revision, label: tabLabel(ref) }),
  };
}

/** Reads an `hf:` URI's components; anything but the canonical shape (see above) is refused with a reason. */
export function parseHfUri(parts: HfUriParts): HfParse {
  const segments = parts.path.split('/');
  if (segments[0] !== '' || segments.length < 4) {
    return fail(`"${short(parts.path)}" is not a Hugging Face file path: it starts with /models, /datasets or /spaces, then owner/name.`);
  }
  const type = Object.hasOwn(COLLECTIONS, segments[1]) ? COLLECTIONS[segments[1]] : undefined;
  if (!type) {
    return fail(`"${short(segments[1])}" is not models, datasets or spaces.`);
  }
  const [owner, name] = [segments[2], segments[3]];
  const id = owner === NO_OWNER ? name : `${owner}/${name}`;
  const idProblem = repoIdProblem(id);
  if (idProblem) {
    return fail(idProblem);
  }
  const path = segments.slice(4).join('/');
  const pathProblem = path ? filePathProblem(path) : undefined;
  if (pathProblem) {
    return fail(pathProblem);
  }
  const query = parseQuery(parts.query);
  if ('problem' in query) {
    return fail(query.problem);
  }
  const ref: HfRef = { type, id, path, revision: query.rev ?? DEFAULT_REVISION };
  if (query.label !== undefined && query.label !== tabLabel(ref)) {
    return fail(`The label "${short(query.label)}" does not match ${id}.`);
  }
  return { ok: true, ref };
}

/** The URI as text (`hf:` + percent-encoded path and query), as `vscode.Uri.toString()` would read back. */
export function hfUriString(ref: HfRef): string {
  const { path, query } = formatHfUri(ref);
  return `${HF_SCHEME}:${path.split('/').map(encodeURIComponent).join('/')}?${encodeURIComponent(query)}`;
}

/** What tabs show after the file name: the repo's name, and the revision unless it is the default. */
export function tabLabel(ref: Pick<HfRef, 'id' | 'revision'>): string {
  const name = ref.id.slice(ref.id.indexOf('/') + 1);
  return ref.revision === DEFAULT_REVISION ? name : `${name}@${ref.revision}`;
}

/** Files bigger than this are not opened in the editor (the Hub page shows them instead). */
export const MAX_DOCUMENT_BYTES = 10_000_000;

/**
 * Extensions of weights, archives, serialised arrays and media: such files stored with LFS (or Xet) are binary and
 * usually large, so they are never downloaded into an editor. Small binary files outside LFS are left to VS Code's own
 * binary-file notice. Images are not listed: VS Code previews them.
 */
const BINARY_EXTENSIONS = new Set([
  'safetensors', 'bin', 'gguf', 'ggml', 'pt', 'pth', 'ckpt', 'onnx', 'h5', 'hdf5', 'keras', 'msgpack', 'ot', 'tflite',
  'pb', 'mlmodel', 'model', 'nemo', 'npy', 'npz', 'pkl', 'pickle', 'joblib', 'arrow', 'parquet', 'wasm', 'ftz',
  'zip', 'tar', 'tgz', 'gz', 'bz2', 'xz', 'zst', '7z', 'rar',
  'mp3', 'wav', 'flac', 'ogg', 'opus', 'm4a', 'mp4', 'webm', 'avi', 'mov', 'mkv',
]);

/**
 * Why a file is not opened in an editor (too big, or an LFS binary), or undefined when it can be. `size` as the repo's
 * file tree reports it.
 */
export function documentRefusal(file: { path: string; size: number; lfs: boolean }): string | undefined {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (file.lfs && (BINARY_EXTENSIONS.has(extension) || name.includes('tfevents'))) {
    return `${name} is a binary file stored with Git LFS; it is not opened in the editor.`;
  }
  if (file.size > MAX_DOCUMENT_BYTES) {
    return `${name} is larger than ${fileSize(MAX_DOCUMENT_BYTES)}; it is not opened in the editor.`;
  }
  return undefined;
}

function parseQuery(query: string): { rev?: string; label?: string } | { problem: string } {
  if (query === '') {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(query);
  } catch {
    return { problem: 'The query of a Hugging Face file URI is a JSON object like {"rev":"main"}.' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'The query of a Hugging Face file URI is a JSON object like {"rev":"main"}.' };
  }
  const { rev, label, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) {
    return { problem: `Unknown key "${short(unknown[0])}" in the query of a Hugging Face file URI.` };
  }
  if (rev !== undefined && (typeof rev !== 'string' || revisionProblem(rev))) {
    return { problem: `"${short(typeof rev === 'string' ? rev : JSON.stringify(rev))}" is not a valid revision.` };
  }
  if (label !== undefined && typeof label !== 'string') {
    return { problem: 'The label of a Hugging Face file URI is text.' };
  }
  return { rev, label };
}

function fail(problem: string): HfParse {
  return { ok: false, problem };
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
