// Carries out a DeletionPlan, refusing the whole plan when any path is outside the cache folder (or is the folder itself).
import { isAbsolute, relative, resolve } from 'node:path';
import { HubError } from '../hub/errors';
import { diskError, nodeFs, type FsSeam } from './fsSeam';
import type { DeletionPlan } from './types';

/** Deletes every path of `plan`; nothing is deleted when one of them is not strictly inside `cacheDir`. */
export async function applyDeletion(cacheDir: string, plan: DeletionPlan, fs: FsSeam = nodeFs): Promise<void> {
  const root = resolve(cacheDir);
  for (const path of plan.paths) {
    const rel = relative(root, resolve(path));
    if (!rel || rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel)) {
      throw new HubError('badRequest', `Refused to delete ${path}: it is not inside the cache folder ${cacheDir}.`);
    }
  }
  for (const path of plan.paths) {
    await fs.rm(path, { recursive: true, force: true }).catch(async (e: unknown) => Promise.reject(await diskError(e, path, path, fs)));
  }
}
