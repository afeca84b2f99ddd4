// The real cache core (src/hfcache) behind the shell's DownloadCore: the listing with blob ids and the commit, the
// presence check and the plan, the transfer through the client's download fetch (the token to the Hub only, never to
// the CDN it redirects to), the presets and the free-disk rule.
import { homedir } from 'node:os';
import { diskWarning, DOWNLOAD_PRESETS, planDownload } from '../hfcache/plan';
import { downloadPlan } from '../hfcache/download';
import { matchesPatterns } from '../hfcache/globs';
import { hubCacheDir } from '../hfcache/layout';
import { inspectDestination } from '../hfcache/scan';
import type { RemoteFile } from '../hfcache/types';
import type { HubClient } from '../hub/client';
import { HubError } from '../hub/errors';
import type { DownloadCore } from './core';

export function hfcacheCore(deps: { client: () => HubClient; cacheDir?: () => string }): DownloadCore {
  return {
    presets: DOWNLOAD_PRESETS.map((p) => ({ label: p.label, detail: p.detail, include: p.include ?? [], exclude: p.exclude ?? [] })),
    matches: (path, include, exclude) => matchesPatterns(path, [...include], [...exclude]),
    cacheDir: deps.cacheDir ?? (() => hubCacheDir(process.env, homedir())),
    async listFiles(type, id, revision, signal) {
      const client = deps.client();
      const [listing, details] = await Promise.all([client.files(type, id, { revision, recursive: true, signal }), client.repoDetails(type, id, revision, { signal })]);
      if (listing.truncated) {
        throw new HubError('badResponse', `${id} has more files than can be listed here; download it with hf download.`);
      }
      const files: RemoteFile[] = [];
      for (const entry of listing.entries) {
        if (entry.type !== 'file') {
          continue;
        }
        if (!entry.oid) {
          throw new HubError('badResponse', `The Hub listed ${entry.path} without its blob id; it cannot be stored in the cache.`);
        }
        files.push({ path: entry.path, size: entry.size, oid: entry.oid, lfs: entry.lfsOid ? { oid: entry.lfsOid, size: entry.size } : undefined });
      }
      return { commit: details.sha, files };
    },
    async plan(request) {
      const presence = await inspectDestination(request.destination, request.type, request.id, request.files);
      return planDownload({ ...request, commit: request.commit ?? '', presence });
    },
    run(plan, options) {
      const client = deps.client();
      return downloadPlan(plan, { endpoint: client.endpoint, fetch: client.downloadFetch, signal: options.signal, onProgress: options.onProgress });
    },
    diskWarning,
  };
}
