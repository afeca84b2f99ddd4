// Shared by the hfcache-* tests: the embedded Hub's files of a repo as a plan's input, temporary cache folders, and a
// download fetch that counts requests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDownloadFetch } from '../../src/hub/downloadFetch';
import type { HubFetch } from '../../src/hub/http';
import type { RepoType } from '../../src/hub/repoId';
import { planDownload } from '../../src/hfcache/plan';
import { inspectDestination } from '../../src/hfcache/scan';
import type { Destination, DownloadPlan, RemoteFile } from '../../src/hfcache/types';
import { SPECIAL_REPOS } from '../hub-server/server.mjs';

/** The embedded Hub's repos to download whole (their LFS oids are the sha256 of the bytes served). */
export const DOWNLOADS = SPECIAL_REPOS.downloads;

/** The repo's commit at `revision` and its files (tree, recursive) as RemoteFiles. */
export async function remoteFiles(hubUrl: string, type: RepoType, id: string, revision = 'main'): Promise<{ commit: string; files: RemoteFile[] }> {
  const api = `${hubUrl}/api/${type}s/${id}`;
  const info = (await (await fetch(`${api}/revision/${encodeURIComponent(revision)}`)).json()) as { sha: string };
  const tree = (await (await fetch(`${api}/tree/${info.sha}?recursive=true`)).json()) as {
    type: string;
    path: string;
    size: number;
    oid: string;
    lfs?: { oid: string; size: number };
  }[];
  const files = tree.filter((e) => e.type === 'file').map((e) => ({ path: e.path, size: e.size, oid: e.oid, ...(e.lfs && { lfs: { oid: e.lfs.oid, size: e.lfs.size } }) }));
  return { commit: info.sha, files };
}

/** A plan for `id` at `revision` into `destination`, as the shell makes one. */
export async function makePlan(
  hubUrl: string,
  destination: Destination,
  id: string,
  options: { type?: RepoType; revision?: string; include?: string[]; exclude?: string[] } = {},
): Promise<DownloadPlan> {
  const type = options.type ?? 'model';
  const revision = options.revision ?? 'main';
  const { commit, files } = await remoteFiles(hubUrl, type, id, revision);
  const presence = await inspectDestination(destination, type, id, files);
  return planDownload({ type, id, revision, commit, files, include: options.include, exclude: options.exclude, destination, presence });
}

/** A fresh temporary folder; `cleanup()` removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `hfcache-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** HubClient.downloadFetch's construction against the embedded Hub, with quick retries for tests. */
export function testDownloadFetch(hubUrl: string, extra: { token?: string; idleTimeoutMs?: number } = {}): HubFetch {
  return createDownloadFetch({
    endpoint: hubUrl,
    token: () => extra.token,
    idleTimeoutMs: extra.idleTimeoutMs,
    retries: 1,
    baseDelayMs: 10,
    maxDelayMs: 20,
    offline: () => false,
  });
}
