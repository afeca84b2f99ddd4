// Downloads, the part that loads at activation: a facade that loads the shell (./downloads.lazy.ts, a chunk of its own
// with the cache core) when the first download starts, so activation never pays for it.
import type * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import type { HubClient } from '../hub/client';
import type { Log } from '../log';
import type * as DownloadsLazy from './downloads.lazy';

/** What the downloads need of the Local Cache (src/localCache): the folder the user set, if any, and "look again". */
export interface CacheIndex {
  /** `huggingface.cache.directory`; undefined leaves the folder to the environment, as huggingface_hub resolves it. */
  readonly directory: string | undefined;
  refresh(): void;
}

export interface DownloadsDeps {
  client: () => HubClient;
  log: Pick<Log, 'info' | 'warn' | 'error' | 'show'>;
  /** The Local Cache, when there is one; without it, the cache folder huggingface_hub would use. */
  cache?: CacheIndex;
  hasToken: () => Promise<boolean>;
  signIn: () => Promise<void>;
  /** Inserts the code that loads the model (the snippet commands). */
  insertLoadCode: (id: string) => Promise<unknown>;
}

export type DownloadStart = DownloadsLazy.DownloadStart;
export type DownloadTarget = DownloadsLazy.DownloadTarget;

export class Downloads implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private loading: Promise<DownloadsLazy.DownloadService> | undefined;

  constructor(private readonly deps: DownloadsDeps) {}

  /** The shell, loaded once; tests read its queue. */
  service(): Promise<DownloadsLazy.DownloadService> {
    this.loading ??= import('./downloads.lazy').then((lazy) => this.store.add(lazy.createService(this.deps)));
    return this.loading;
  }

  /** "Download…" (`toFolder`: "Download to Folder…") for a tree row, `{type, id}`, a model id, or nothing (ask). */
  async command(arg: unknown, toFolder: boolean): Promise<DownloadStart> {
    return (await this.service()).command(arg, toFolder);
  }

  async download(target: DownloadTarget, options: { toFolder?: boolean } = {}): Promise<DownloadStart> {
    return (await this.service()).download(target, options);
  }

  async showQueue(): Promise<void> {
    return (await this.service()).showQueue();
  }

  dispose(): void {
    this.store.dispose();
  }
}
