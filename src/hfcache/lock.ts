// One writer per blob across windows and processes: `<cache>/.locks/<repo folder>/<etag>.lock`, created exclusively,
// holding its owner's pid and host and touched while the owner works. A lock whose owner process is gone (same host) or
// that nobody touched for STALE_MS is taken over. Python's huggingface_hub locks the same file with flock(2) and leaves
// it behind when done; an empty lock file is therefore free once it is older than a moment.
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { HubError } from '../hub/errors';
import { fsCode, type FsSeam } from './fsSeam';

export const STALE_MS = 60_000;
const TOUCH_MS = 10_000;
const POLL_MS = 200;
/** A lock file without an owner (being written, or Python's): taken over after this long. */
const ORPHAN_MS = 2_000;

export interface HeldLock {
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
}

/** Waits until `path` is ours (polling, cancellable by `signal`), then holds it until `release()`. */
export async function acquireLock(path: string, fs: FsSeam, signal?: AbortSignal, now: () => number = Date.now): Promise<HeldLock> {
  await fs.mkdir(dirname(path), { recursive: true });
  const me: Owner = { pid: process.pid, host: hostname() };
  for (;;) {
    if (signal?.aborted) {
      throw new HubError('cancelled', 'The download was cancelled.');
    }
    try {
      await fs.writeFile(path, JSON.stringify(me), { flag: 'wx' });
      return held(path, fs);
    } catch (e) {
      if (fsCode(e) !== 'EEXIST') {
        throw e;
      }
    }
    if (await isStale(path, fs, me, now())) {
      await fs.rm(path, { force: true });
      continue;
    }
    await sleep(POLL_MS, signal);
  }
}

function held(path: string, fs: FsSeam): HeldLock {
  const timer = setInterval(() => {
    const t = new Date();
    fs.utimes(path, t, t).catch(() => undefined);
  }, TOUCH_MS);
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await fs.rm(path, { force: true });
    },
  };
}

async function isStale(path: string, fs: FsSeam, me: Owner, at: number): Promise<boolean> {
  const [info, text] = await Promise.all([fs.stat(path).catch(() => undefined), fs.readFile(path, 'utf8').catch(() => undefined)]);
  if (!info || text === undefined) {
    // Gone between our create and our look: the next create decides.
    return false;
  }
  const age = at - info.mtimeMs;
  const owner = parseOwner(text);
  if (!owner) {
    return age > ORPHAN_MS;
  }
  if (age > STALE_MS) {
    return true;
  }
  return owner.host === me.host && owner.pid !== me.pid && !processAlive(owner.pid);
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return fsCode(e) === 'EPERM';
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new HubError('cancelled', 'The download was cancelled.'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
