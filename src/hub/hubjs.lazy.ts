/**
 * The calls served by `@huggingface/hub`, kept in a chunk of their own (dist/hubjs.lazy.js) that loads on first use, so
 * activation and the first tree page never pay for the library. The library gets our `fetch`, which adds the token,
 * the deadline and the retries; it is never given the token itself.
 */
import { datasetInfo, listFiles, modelInfo, spaceInfo, whoAmI } from '@huggingface/hub';
import { parseRuntime } from '../connections/runtime';
import { parseProviderMapping } from '../inference/providers';
import { hubGgufFacts } from './ggufFacts';
import { HubError } from './errors';
import { toSummary } from './list';
import { filePathProblem, type RepoType } from './repoId';
import type { Account, FileEntry, RepoDetails } from './types';
import type { ApiWhoAmI } from './wire';

export interface LibContext {
  hubUrl: string;
  fetch: typeof fetch;
}

export async function repoDetails(ctx: LibContext, type: RepoType, id: string, revision: string): Promise<RepoDetails> {
  const common = { name: id, revision, hubUrl: ctx.hubUrl, fetch: ctx.fetch };
  let raw: Record<string, unknown>;
  if (type === 'model') {
    const info = await modelInfo({
      ...common,
      // `gguf` (the Hub's summary of a GGUF repo's header) and `childrenModelCount` are expand keys the library's types
      // do not list yet.
      additionalFields: ['author', 'library_name', 'tags', 'createdAt', 'sha', 'cardData', 'filePaths', 'safetensors', 'gguf' as 'safetensors', 'inferenceProviderMapping', 'childrenModelCount' as 'safetensors'],
    });
    raw = { ...info, id: info.name, pipeline_tag: info.task, lastModified: info.updatedAt?.toISOString() };
  } else if (type === 'dataset') {
    const info = await datasetInfo({ ...common, additionalFields: ['author', 'tags', 'createdAt', 'sha', 'cardData'] });
    raw = { ...info, id: info.name, lastModified: info.updatedAt?.toISOString() };
  } else {
    const info = await spaceInfo({ ...common, additionalFields: ['author', 'tags', 'createdAt', 'sha', 'cardData', 'runtime', 'subdomain'] });
    raw = { ...info, id: info.name, lastModified: info.updatedAt?.toISOString() };
  }
  const summary = toSummary(type, raw);
  if (!summary) {
    throw new HubError('badResponse', `The Hub sent details for ${id} in an unexpected shape.`);
  }
  const cardData = isRecord(raw.cardData) ? raw.cardData : undefined;
  const filePaths = Array.isArray(raw.filePaths) ? raw.filePaths : [];
  const gguf = type === 'model' ? hubGgufFacts(raw.gguf) : undefined;
  const providers = type === 'model' ? parseProviderMapping(raw.inferenceProviderMapping) : [];
  const runtime = type === 'space' ? parseRuntime(raw.runtime, raw.subdomain) : undefined;
  const license = typeof cardData?.license === 'string' ? cardData.license : summary.tags.find((t) => t.startsWith('license:'))?.slice(8);
  return {
    ...summary,
    sha: typeof raw.sha === 'string' ? raw.sha : undefined,
    license,
    cardData,
    files: filePaths.filter((f): f is string => typeof f === 'string'),
    ...(gguf ? { gguf } : {}),
    ...(providers.length ? { providers } : {}),
    ...(runtime ? { runtime } : {}),
    ...(typeof raw.childrenModelCount === 'number' && Number.isSafeInteger(raw.childrenModelCount) && raw.childrenModelCount >= 0 ? { childrenModelCount: raw.childrenModelCount } : {}),
  };
}

export async function listRepoFiles(
  ctx: LibContext,
  type: RepoType,
  id: string,
  options: { revision: string; path?: string; recursive?: boolean; maxEntries: number },
): Promise<{ entries: FileEntry[]; truncated: boolean }> {
  const entries: FileEntry[] = [];
  for await (const entry of listFiles({
    repo: { type, name: id },
    revision: options.revision,
    path: options.path,
    recursive: options.recursive ?? false,
    hubUrl: ctx.hubUrl,
    fetch: ctx.fetch,
  })) {
    if (entries.length >= options.maxEntries) {
      return { entries, truncated: true };
    }
    // A path with `..`, `.`, empty segments or control characters is no file of the repo: it is left out.
    if ((entry.type === 'file' || entry.type === 'directory') && typeof entry.path === 'string' && !filePathProblem(entry.path)) {
      const size = typeof entry.size === 'number' ? entry.size : 0;
      const oid = typeof entry.oid === 'string' ? entry.oid : undefined;
      const lfsOid = typeof entry.lfs?.oid === 'string' ? entry.lfs.oid : undefined;
      entries.push({ path: entry.path, type: entry.type, size, lfs: Boolean(entry.lfs), ...(oid && { oid }), ...(lfsOid && { lfsOid }) });
    }
  }
  return { entries, truncated: false };
}

export async function account(ctx: LibContext): Promise<Account> {
  // The token comes from our fetch, so the library is told of a placeholder credential it only checks for shape.
  const info = (await whoAmI({ hubUrl: ctx.hubUrl, fetch: ctx.fetch, accessToken: PLACEHOLDER_TOKEN })) as ApiWhoAmI;
  if (!info || typeof info.name !== 'string') {
    throw new HubError('badResponse', 'The Hub sent account details in an unexpected shape.');
  }
  return {
    name: info.name,
    fullname: typeof info.fullname === 'string' ? info.fullname : undefined,
    type: info.type === 'org' || info.type === 'app' ? info.type : 'user',
    isPro: info.isPro === true,
    orgs: (info.orgs ?? []).map((o) => o.name).filter((n): n is string => typeof n === 'string'),
    tokenName: info.auth?.accessToken?.displayName,
    tokenRole: info.auth?.accessToken?.role,
  };
}

/**
 * `whoAmI` refuses to run without a token, but the real one is added by our fetch (which replaces any Authorization
 * header), so the library only ever sees this shape-valid stand-in.
 */
const PLACEHOLDER_TOKEN = 'hf_placeholderreplacedbytheclientfetch';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
