// What a download will do, before anything moves: the selected files, their bytes, what the destination already has
// and what a resumable partial file saves; a free-disk check; and the picker's quick choices. No I/O here.
import { fileSize } from '../hub/format';
import type { RepoType } from '../hub/repoId';
import { compileFilter } from './globs';
import type { Destination, DownloadPlan, PlannedFile, Presence, RemoteFile } from './types';

export interface DownloadPreset {
  id: string;
  label: string;
  detail: string;
  include?: string[];
  exclude?: string[];
}

/** Config, generation and tokenizer files of transformers and diffusers repos (top level and sub-folders). */
const CONFIG_AND_TOKENIZER = [
  '*config.json',
  '*tokenizer*',
  '*special_tokens_map.json',
  '*added_tokens.json',
  '*vocab.json',
  '*vocab.txt',
  '*merges.txt',
  '*.tiktoken',
  '*spiece.model',
  '*sentencepiece*.model',
  '*chat_template.jinja',
];

/** Weights in formats other than safetensors. */
const OTHER_WEIGHTS = ['*.bin', '*.pt', '*.pth', '*.ckpt', '*.h5', '*.msgpack', '*.ot', '*.onnx', '*.onnx_data', '*.gguf', '*.tflite', '*.mlmodel'];

/** The picker's quick choices; each is an include / exclude pair as `hf download` takes them. */
export const DOWNLOAD_PRESETS: readonly DownloadPreset[] = [
  {
    id: 'safetensors',
    label: 'Weights as safetensors',
    detail: 'safetensors weights with their config, tokenizer and generation files; no .bin, .h5, .msgpack, .onnx or .gguf',
    include: ['*.safetensors', '*.safetensors.index.json', ...CONFIG_AND_TOKENIZER],
    exclude: OTHER_WEIGHTS,
  },
  {
    id: 'config',
    label: 'Config and tokenizer only',
    detail: 'config, generation and tokenizer files: enough to inspect a model, no weights',
    include: CONFIG_AND_TOKENIZER,
    exclude: ['*.safetensors', ...OTHER_WEIGHTS],
  },
  { id: 'everything', label: 'Everything', detail: 'every file of the repo at this revision' },
];

export interface PlanInput {
  type: RepoType;
  id: string;
  revision: string;
  commit: string;
  files: RemoteFile[];
  include?: string[];
  exclude?: string[];
  destination: Destination;
  presence: Presence;
}

/** The blob name of a remote file: its LFS sha256, else its git blob id. */
export function etagOf(file: RemoteFile): string {
  return file.lfs?.oid ?? file.oid;
}

/** Bytes of the file's content (the LFS object's, not the pointer's). */
export function contentSize(file: RemoteFile): number {
  return file.lfs?.size ?? file.size;
}

/** The plan for downloading the files of `input` that the patterns select, given what the destination already has. */
export function planDownload(input: PlanInput): DownloadPlan {
  const selected = compileFilter(input.include, input.exclude);
  const files: PlannedFile[] = [];
  // In the cache, two paths with one content share a blob: it is fetched once.
  const fetchedBlobs = new Set<string>();
  let totalBytes = 0;
  let cachedBytes = 0;
  let fetchBytes = 0;
  for (const file of input.files) {
    if (!selected(file.path)) {
      continue;
    }
    const etag = etagOf(file);
    const size = contentSize(file);
    const cached = input.presence.complete.has(file.path);
    const partialBytes = cached ? 0 : Math.min(Math.max(0, input.presence.partialBytes.get(file.path) ?? 0), size);
    files.push({ ...file, etag, cached, partialBytes });
    totalBytes += size;
    if (cached) {
      cachedBytes += size;
    } else if (input.destination.kind === 'folder' || !fetchedBlobs.has(etag)) {
      fetchBytes += size - partialBytes;
    }
    if (input.destination.kind === 'cache') {
      fetchedBlobs.add(etag);
    }
  }
  return {
    type: input.type,
    id: input.id,
    revision: input.revision,
    commit: input.commit,
    destination: input.destination,
    files,
    totalBytes,
    cachedBytes,
    fetchBytes,
  };
}

/** Space kept free beyond the download itself: 5% of it, at least 256 MB. */
export function diskMargin(fetchBytes: number): number {
  return Math.max(256e6, Math.round(fetchBytes * 0.05));
}

/** A warning when the plan's bytes to fetch exceed the free space less a margin, else undefined. */
export function diskWarning(plan: DownloadPlan, freeBytes: number): string | undefined {
  if (plan.fetchBytes === 0 || plan.fetchBytes <= freeBytes - diskMargin(plan.fetchBytes)) {
    return undefined;
  }
  const where = plan.destination.dir;
  return plan.fetchBytes > freeBytes
    ? `This download needs ${fileSize(plan.fetchBytes)} but only ${fileSize(freeBytes)} are free on the disk of ${where}.`
    : `This download needs ${fileSize(plan.fetchBytes)}: it would leave less than ${fileSize(diskMargin(plan.fetchBytes))} free on the disk of ${where} (${fileSize(freeBytes)} free now).`;
}
