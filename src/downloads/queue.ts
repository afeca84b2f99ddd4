// Downloads run from a queue, at most `concurrency` at a time, each in its own cancellable progress notification (bytes,
// rate, time left, current file). A status-bar item shows while any is queued or running; clicking it lists them, with
// Cancel. A cancelled download keeps its `.incomplete` files (the core resumes them); a failed one says why, once, with Retry.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { asHubError, isCancellation } from '../hub/errors';
import { fileSize, notificationText, withoutBidiControls } from '../hub/format';
import type { DownloadPlan, DownloadProgress, DownloadResult } from '../hfcache/types';
import type { DownloadCore, PlanRequest } from './core';
import { progressLine, rate } from './text';

export type JobState = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export type JobOutcome =
  | { state: 'done'; result: DownloadResult; plan: DownloadPlan }
  | { state: 'cancelled'; plan: DownloadPlan }
  | { state: 'failed'; plan: DownloadPlan; message: string };

/** Shows a job's progress; the real one is a cancellable notification (tests pass their own). */
export type ProgressHost = (title: string, task: (report: (message: string, increment: number) => void, cancel: vscode.CancellationToken) => Promise<void>) => Thenable<void>;

export const notificationProgress: ProgressHost = (title, task) =>
  vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
    task((message, increment) => progress.report({ message, increment }), token),
  );

export class DownloadJob {
  state: JobState = 'queued';
  progress: DownloadProgress | undefined;
  readonly controller = new AbortController();
  readonly done: Promise<JobOutcome>;
  private settle!: (outcome: JobOutcome) => void;

  constructor(
    readonly request: PlanRequest,
    public plan: DownloadPlan,
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  get label(): string {
    return withoutBidiControls(this.plan.id);
  }

  cancel(): void {
    this.controller.abort();
  }

  finish(outcome: JobOutcome): void {
    this.state = outcome.state;
    this.settle(outcome);
  }
}

export interface QueueDeps {
  core: Pick<DownloadCore, 'plan' | 'run'>;
  progress: ProgressHost;
  /** Called once per job that ends (done, cancelled or failed): the notification, the cache refresh. */
  onFinished: (job: DownloadJob, outcome: JobOutcome) => void;
  concurrency?: number;
}

const RATE_WINDOW_MS = 5_000;
const REPORT_EVERY_MS = 250;

export class DownloadQueue implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly jobs: DownloadJob[] = [];
  private readonly status = this.store.add(vscode.window.createStatusBarItem('huggingface.downloads', vscode.StatusBarAlignment.Left, 10));
  private readonly changed = this.store.add(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: QueueDeps) {
    this.status.name = 'Hugging Face Downloads';
    this.status.command = 'huggingface.showDownloads';
  }

  /** Queued and running downloads, oldest first. */
  get active(): readonly DownloadJob[] {
    return this.jobs.filter((job) => job.state === 'queued' || job.state === 'running');
  }

  add(request: PlanRequest, plan: DownloadPlan): DownloadJob {
    const job = new DownloadJob(request, plan);
    this.jobs.push(job);
    this.pump();
    return job;
  }

  /** Cancels a download: a queued one ends at once, a running one stops and keeps what it wrote to resume. */
  cancel(job: DownloadJob): void {
    job.cancel();
    if (job.state === 'queued') {
      const outcome: JobOutcome = { state: 'cancelled', plan: job.plan };
      job.finish(outcome);
      this.deps.onFinished(job, outcome);
      this.pump();
    }
  }

  dispose(): void {
    for (const job of this.active) {
      job.cancel();
    }
    this.store.dispose();
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 2;
    for (const job of this.jobs.filter((j) => j.state === 'queued')) {
      if (this.jobs.filter((j) => j.state === 'running').length >= limit) {
        break;
      }
      job.state = 'running';
      void this.runJob(job);
    }
    this.showStatus();
    this.changed.fire();
  }

  private async runJob(job: DownloadJob): Promise<void> {
    let outcome: JobOutcome;
    try {
      // Planned again when it starts: it may have waited, and a retry counts what an earlier attempt kept as done.
      job.plan = await this.deps.core.plan(job.request);
      let result: DownloadResult | undefined;
      await this.deps.progress(`Downloading ${job.label}`, async (report, token) => {
        const subscription = token.onCancellationRequested(() => job.cancel());
        const samples: [number, number][] = [];
        let reported = 0;
        let lastReport = 0;
        try {
          result = await this.deps.core.run(job.plan, {
            signal: job.controller.signal,
            onProgress: (p) => {
              job.progress = p;
              const now = Date.now();
              samples.push([now, p.bytes]);
              while (samples.length > 2 && now - samples[0][0] > RATE_WINDOW_MS) {
                samples.shift();
              }
              if (now - lastReport >= REPORT_EVERY_MS || p.bytes >= p.total) {
                lastReport = now;
                const percent = p.total > 0 ? (p.bytes * 100) / p.total : 0;
                report(progressLine(p, rate(samples)), Math.max(0, percent - reported));
                reported = Math.max(reported, percent);
                this.showStatus();
              }
            },
          });
        } finally {
          subscription.dispose();
        }
      });
      outcome = result ? { state: 'done', result, plan: job.plan } : { state: 'cancelled', plan: job.plan };
    } catch (e) {
      outcome =
        job.controller.signal.aborted || isCancellation(e)
          ? { state: 'cancelled', plan: job.plan }
          : { state: 'failed', plan: job.plan, message: notificationText(asHubError(e, 'The download failed.').message) };
    }
    job.finish(outcome);
    this.deps.onFinished(job, outcome);
    this.pump();
  }

  private showStatus(): void {
    const active = this.active;
    if (active.length === 0) {
      this.status.hide();
      return;
    }
    const running = active.filter((job) => job.state === 'running');
    const bytes = running.reduce((sum, job) => sum + (job.progress?.bytes ?? 0), 0);
    const total = running.reduce((sum, job) => sum + (job.progress?.total ?? job.plan.totalBytes), 0);
    const queued = active.length - running.length;
    this.status.text = `$(cloud-download) ${running.length === 1 ? running[0].label : `${running.length} downloads`} ${fileSize(bytes)} / ${fileSize(total)}${queued > 0 ? ` (+${queued} queued)` : ''}`;
    this.status.tooltip = 'Hugging Face downloads: click to see them or cancel one';
    this.status.accessibilityInformation = { label: `${active.length} Hugging Face downloads: ${running.length} running, ${queued} queued` };
    this.status.show();
  }
}

/** The status-bar item's list: every queued or running download, with what it is doing; picking one offers Cancel. */
export async function showQueue(queue: DownloadQueue): Promise<void> {
  const active = queue.active;
  if (active.length === 0) {
    vscode.window.setStatusBarMessage('No Hugging Face download is running.', 3000);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    active.map((job) => ({
      label: job.label,
      description: job.state === 'queued' ? 'queued' : job.progress ? progressLine(job.progress, undefined) : 'starting…',
      detail: `$(close) Enter cancels this download`,
      job,
    })),
    { title: 'Hugging Face downloads', placeHolder: 'Pick a download to cancel it' },
  );
  if (picked) {
    queue.cancel(picked.job);
  }
}
