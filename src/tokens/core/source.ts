// Where a model's tokenizer files come from: the shared Hugging Face cache when a snapshot holds them (as
// huggingface_hub's try_to_load_from_cache finds them: refs/main's snapshot first, then any snapshot), else the Hub,
// which is asked for those small files only, through the Hub client (deadlines, size caps, gated and private repos
// answered as everywhere else). Offline, only the cache is read. Pure apart from Node's fs.
import { promises as fs } from 'node:fs';
import { repoLayout, isCommitHash, joinPath } from '../../hfcache/layout';
import type { HubClient } from '../../hub/client';
import { HubError } from '../../hub/errors';
import { repoIdProblem } from '../../hub/repoId';
import { parseJsonObject, type JsonObject, type TokenizerFiles } from './files';

/** tokenizer.json of a large vocabulary is 10-20 MB (Qwen 3: 11 MB; Gemma 3: 33 MB). */
export const MAX_TOKENIZER_BYTES = 48 * 1024 * 1024;
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface SourceDeps {
  /** The cache folder (src/hfcache/layout.ts `hubCacheDir`). */
  cacheDir: string;
  client: Pick<HubClient, 'fileBytes' | 'offline'>;
  signal?: AbortSignal;
}

/** The tokenizer files of model `repoId`: from the cache when it has them, else from the Hub. */
export async function loadTokenizerFiles(repoId: string, deps: SourceDeps): Promise<TokenizerFiles> {
  const problem = repoIdProblem(repoId);
  if (problem) {
    throw new HubError('badRequest', problem);
  }
  const cached = await fromCache(repoId, deps.cacheDir);
  if (cached) {
    return cached;
  }
  if (deps.client.offline) {
    throw new HubError('offline', `${repoId}'s tokenizer is not in the Hugging Face cache, and the Hub is offline (HF_HUB_OFFLINE).`);
  }
  return fromHub(repoId, deps);
}

/** The snapshot folders that may hold the files: the one refs/main names first, then the others. */
async function snapshotCandidates(repoId: string, cacheDir: string): Promise<string[]> {
  const layout = repoLayout(cacheDir, 'model', repoId);
  const commits: string[] = [];
  const main = (await fs.readFile(layout.ref('main'), 'utf8').catch(() => '')).trim();
  if (isCommitHash(main)) {
    commits.push(main);
  }
  const all = await fs.readdir(joinPath(layout.root, 'snapshots')).catch(() => [] as string[]);
  commits.push(...all.filter((c) => isCommitHash(c) && c !== main).sort());
  return commits.map((c) => layout.snapshotDir(c));
}

async function fromCache(repoId: string, cacheDir: string): Promise<TokenizerFiles | undefined> {
  for (const dir of await snapshotCandidates(repoId, cacheDir)) {
    const tokenizerText = await readCapped(joinPath(dir, 'tokenizer.json'), MAX_TOKENIZER_BYTES);
    if (tokenizerText === undefined) {
      continue;
    }
    const configText = await readCapped(joinPath(dir, 'tokenizer_config.json'), MAX_CONFIG_BYTES);
    const modelConfigText = await readCapped(joinPath(dir, 'config.json'), MAX_CONFIG_BYTES);
    return {
      repoId,
      tokenizer: parseJsonObject(tokenizerText, `${repoId}'s cached tokenizer.json`),
      config: configText === undefined ? {} : parseJsonObject(configText, `${repoId}'s cached tokenizer_config.json`),
      maxPositions: modelConfigText === undefined ? undefined : maxPositionsOf(safeParse(modelConfigText)),
      source: 'cache',
    };
  }
  return undefined;
}

/** A file's text, or undefined when it is missing, not a file or larger than `max`. */
async function readCapped(path: string, max: number): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > max) {
      return undefined;
    }
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function fromHub(repoId: string, deps: SourceDeps): Promise<TokenizerFiles> {
  const opts = { signal: deps.signal };
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  let tokenizerBytes: Uint8Array;
  try {
    tokenizerBytes = await deps.client.fileBytes('model', repoId, 'tokenizer.json', 'main', { ...opts, maxBytes: MAX_TOKENIZER_BYTES });
  } catch (e) {
    if (e instanceof HubError && e.kind === 'notFound' && e.code === 'EntryNotFound') {
      throw new HubError('notFound', `${repoId} has no tokenizer.json (a fast tokenizer), so its tokens cannot be counted here.`, { status: e.status, code: e.code });
    }
    throw e;
  }
  const optional = async (path: string): Promise<string | undefined> => {
    try {
      return text(await deps.client.fileBytes('model', repoId, path, 'main', { ...opts, maxBytes: MAX_CONFIG_BYTES }));
    } catch (e) {
      if (e instanceof HubError && e.kind === 'notFound' && e.code === 'EntryNotFound') {
        return undefined;
      }
      throw e;
    }
  };
  const configText = await optional('tokenizer_config.json');
  const config = configText === undefined ? {} : parseJsonObject(configText, `${repoId}'s tokenizer_config.json`);
  // config.json only when tokenizer_config.json has no real context length.
  const needsPositions = !(typeof config.model_max_length === 'number' && config.model_max_length < 1e12);
  const modelConfigText = needsPositions ? await optional('config.json').catch(() => undefined) : undefined;
  return {
    repoId,
    tokenizer: parseJsonObject(text(tokenizerBytes), `${repoId}'s tokenizer.json`),
    config,
    maxPositions: modelConfigText === undefined ? undefined : maxPositionsOf(safeParse(modelConfigText)),
    source: 'hub',
  };
}

function safeParse(text: string): JsonObject {
  try {
    return parseJsonObject(text, 'config.json');
  } catch {
    return {};
  }
}

/** config.json's `max_position_embeddings` (or `text_config`'s, for multimodal models). */
function maxPositionsOf(config: JsonObject): number | undefined {
  const direct = config.max_position_embeddings;
  if (typeof direct === 'number') {
    return direct;
  }
  const nested = (config.text_config as JsonObject | undefined)?.max_position_embeddings;
  return typeof nested === 'number' ? nested : undefined;
}
