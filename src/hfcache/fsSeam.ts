// The few file-system calls downloads and deletions make, as one injectable object: tests swap single calls to inject
// ENOSPC, EACCES or a crash at a chosen point; the extension passes Node's own.
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';
import { HubError } from '../hub/errors';
import { fileSize } from '../hub/format';

export type FsSeam = Pick<
  typeof fsp,
  'open' | 'stat' | 'lstat' | 'mkdir' | 'rename' | 'rm' | 'symlink' | 'copyFile' | 'writeFile' | 'readFile' | 'statfs' | 'utimes' | 'readdir'
>;

/** Node's `fs/promises`. */
export const nodeFs: FsSeam = fsp;

/** The error code of a Node file-system error (`ENOSPC`, `EACCES`…), or undefined. */
export function fsCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A local write failure as a HubError of kind `disk` whose message says what, where and (when full) how much is free. */
export async function diskError(e: unknown, what: string, path: string, fs: FsSeam): Promise<HubError> {
  const code = fsCode(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const free = await fs.statfs(dirname(path)).then((s) => s.bavail * s.bsize, () => undefined);
    const left = free === undefined ? '' : `: ${fileSize(free)} free`;
    return new HubError('disk', `Disk full while writing ${what}${left}. Free some space and retry.`, { cause: e });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new HubError('disk', `Permission denied while writing ${what} in ${path}.`, { cause: e });
  }
  if (code === 'EROFS') {
    return new HubError('disk', `Cannot write ${what}: ${path} is on a read-only file system.`, { cause: e });
  }
  return new HubError('disk', `Cannot write ${what} (${code ?? String(e)}).`, { cause: e });
}
