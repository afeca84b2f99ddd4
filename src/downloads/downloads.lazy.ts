// The downloads shell, loaded on first use (./downloads.ts is the part that loads at activation): from a request (a repo row, a file or folder row, the card, the palette) to a queued download.
// The repo's access is checked first (a gated repo offers Sign in / Request access instead of a 403 later), then the
// wizard asks what, at which revision, and confirms; the queue runs it. When it ends: the place it went with Reveal /
// Copy Path / Insert load code, or why it failed with Retry; and the Local Cache view is told to look again.
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { asHubError } from '../hub/errors';
import { notificationText } from '../hub/format';
import { repoWebUrl, type RepoType } from '../hub/repoId';
import { downloadCommand } from './commands';
import type { DownloadCore } from './core';
import type { DownloadsDeps } from './downloads';
import { hfcacheCore } from './hfcacheCore';
import { DownloadQueue, notificationProgress, showQueue, type DownloadJob, type JobOutcome, type ProgressHost } from './queue';
import { vscodePrompter, type Prompter } from './prompter';
import { doneText } from './text';
import { DownloadWizard, type DownloadTarget } from './wizard';

export type { DownloadTarget } from './wizard';

export interface ServiceDeps extends DownloadsDeps {
  core: DownloadCore;
  ui?: Prompter;
  progress?: ProgressHost;
  concurrency?: number;
}

/** What a download command returns (tests read it); the job's `done` says how it ended. */
export type DownloadStart =
  | { started: true; job: DownloadJob }
  | { started: false; reason: 'cancelled' | 'gated' | 'notFound' | 'error'; message?: string };

/** The service with the real cache core, as the facade builds it. */
export function createService(deps: DownloadsDeps): DownloadService {
  return new DownloadService({ ...deps, core: hfcacheCore({ client: deps.client }) });
}

/** Free bytes on the disk that holds `dir`, asked of its nearest existing parent. */
export async function freeBytes(dir: string): Promise<number | undefined> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      const stats = await statfs(at);
      return stats.bavail * stats.bsize;
    } catch {
      if (path.dirname(at) === at) {
        return undefined;
      }
    }
  }
}

export class DownloadService implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly ui: Prompter;
  readonly queue: DownloadQueue;

  constructor(private readonly deps: ServiceDeps) {
    this.ui = deps.ui ?? vscodePrompter;
    this.queue = this.store.add(
      new DownloadQueue({
        core: deps.core,
        progress: deps.progress ?? notificationProgress,
        concurrency: deps.concurrency,
        onFinished: (job, outcome) => this.finished(job, outcome),
      }),
    );
  }

  get cacheDir(): string {
    return this.deps.cache?.directory ?? this.deps.core.cacheDir();
  }

  /** "Download…" (to the cache) or "Download to Folder…" (`toFolder`: a folder picker first, like `--local-dir`). */
  async download(target: DownloadTarget, options: { toFolder?: boolean } = {}): Promise<DownloadStart> {
    const access = await this.checkAccess(target.type, target.id);
    if (access) {
      return access;
    }
    let dir = this.cacheDir;
    if (options.toFolder) {
      const folder = await this.ui.folder(`Download ${target.id} to a folder`);
      if (!folder) {
        return { started: false, reason: 'cancelled' };
      }
      dir = folder;
    }
    let chosen;
    try {
      chosen = await new DownloadWizard({ core: this.deps.core, ui: this.ui, freeBytes }, target, { kind: options.toFolder ? 'folder' : 'cache', dir }).run();
    } catch (e) {
      const message = notificationText(asHubError(e).message);
      this.deps.log.error(`Download of ${target.id} could not be planned`, e);
      void this.ui.notify('error', `Could not plan the download of ${target.id}: ${message}`, []);
      return { started: false, reason: 'error', message };
    }
    if (!chosen) {
      return { started: false, reason: 'cancelled' };
    }
    const job = this.queue.add(chosen.request, chosen.plan);
    this.deps.log.info(`Download of ${target.id} at ${chosen.plan.revision} queued: ${chosen.plan.files.length} files to ${dir}`);
    return { started: true, job };
  }

  /** The commands: a target from the argument, or a repo id the palette asks for. */
  command(arg: unknown, toFolder: boolean): Promise<DownloadStart> {
    return downloadCommand(this, this.deps.client().endpoint, arg, toFolder);
  }

  showQueue(): Promise<void> {
    return showQueue(this.queue);
  }

  dispose(): void {
    this.store.dispose();
  }

  /** Undefined when the files can be read; otherwise says why and offers what would help (one notification). */
  private async checkAccess(type: RepoType, id: string): Promise<DownloadStart | undefined> {
    let state;
    try {
      state = await this.deps.client().accessState(type, id);
    } catch (e) {
      const message = notificationText(asHubError(e).message);
      void this.ui.notify('error', `Could not check access to ${id}: ${message}`, []);
      return { started: false, reason: 'error', message };
    }
    if (state === 'granted') {
      return undefined;
    }
    if (state === 'notFound') {
      const signedIn = await this.deps.hasToken();
      const message = signedIn ? `${id} was not found on the Hub, or your account cannot see it.` : `${id} was not found on the Hub. If it is private, sign in first.`;
      void this.ui.notify('error', notificationText(message), signedIn ? [] : ['Sign In']).then(async (action) => {
        if (action === 'Sign In') {
          await this.deps.signIn();
        }
      });
      return { started: false, reason: 'notFound', message };
    }
    const signedIn = await this.deps.hasToken();
    const message = signedIn
      ? `${id} is gated: your account has not been granted access yet. Request access on the Hub, then download.`
      : `${id} is gated: sign in with an account that was granted access to download it.`;
    const actions = signedIn ? ['Request Access'] : ['Sign In', 'Request Access'];
    void this.ui.notify('warning', notificationText(message), actions).then(async (action) => {
      if (action === 'Sign In') {
        await this.deps.signIn();
      } else if (action === 'Request Access') {
        await vscode.env.openExternal(vscode.Uri.parse(repoWebUrl({ endpoint: this.deps.client().endpoint, type, id }), true));
      }
    });
    return { started: false, reason: 'gated', message };
  }

  private finished(job: DownloadJob, outcome: JobOutcome): void {
    this.deps.cache?.refresh();
    const { plan } = outcome;
    if (outcome.state === 'cancelled') {
      this.deps.log.info(`Download of ${plan.id} cancelled; what was written is kept to resume.`);
      vscode.window.setStatusBarMessage(`Download of ${job.label} cancelled; a later download resumes it.`, 5000);
      return;
    }
    if (outcome.state === 'failed') {
      this.deps.log.warn(`Download of ${plan.id} failed: ${outcome.message}`);
      void this.ui.notify('error', `Download of ${job.label} failed: ${outcome.message}`, ['Retry', 'Show Log']).then((action) => {
        if (action === 'Retry') {
          this.queue.add(job.request, plan);
        } else if (action === 'Show Log') {
          this.deps.log.show();
        }
      });
      return;
    }
    const where = outcome.result.path;
    this.deps.log.info(`${doneText(plan, where)} (${outcome.result.filesWritten} files written)`);
    const actions = plan.type === 'model' ? ['Reveal', 'Copy Path', 'Insert Load Code'] : ['Reveal', 'Copy Path'];
    void this.ui.notify('info', notificationText(doneText(plan, where)), actions).then(async (action) => {
      if (action === 'Reveal') {
        await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(where));
      } else if (action === 'Copy Path') {
        await vscode.env.clipboard.writeText(where);
      } else if (action === 'Insert Load Code') {
        await this.deps.insertLoadCode(plan.id);
      }
    });
  }
}
