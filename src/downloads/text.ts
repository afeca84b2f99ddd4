// The words of a download, as pure functions of its plan and progress: the confirmation shown before anything moves,
// the progress line, the rate and time left, and the final message. No `vscode` here, so the Extension Host suite can
// compare exact strings without driving a notification.
import { fileSize, groupedNumber, withoutBidiControls } from '../hub/format';
import type { DownloadPlan, DownloadProgress } from '../hfcache/types';

function files(n: number): string {
  return n === 1 ? '1 file' : `${groupedNumber(n)} files`;
}

/** "main" as asked, or "v1.0 (3f2a1b9)" when the commit is known and differs from what was typed. */
export function revisionLabel(plan: Pick<DownloadPlan, 'revision' | 'commit'>): string {
  const revision = withoutBidiControls(plan.revision);
  return plan.commit && plan.commit !== plan.revision ? `${revision} (${plan.commit.slice(0, 7)})` : revision;
}

/** Where the plan writes: the cache's repo folder or the chosen folder. */
export function destinationLabel(plan: DownloadPlan): string {
  return plan.destination.kind === 'cache' ? `the Hugging Face cache (${plan.destination.dir})` : plan.destination.dir;
}

/** The confirmation, before anything moves: what, how much, how much is already there, where, and the disk warning. */
export function confirmationLines(plan: DownloadPlan, diskWarning?: string): { title: string; summary: string; detail: string[] } {
  const what = `${files(plan.files.length)}, ${fileSize(plan.totalBytes)}`;
  const present = plan.files.filter((f) => f.cached).length;
  const detail = [
    present > 0 ? `${fileSize(plan.cachedBytes)} already there (${files(present)}); ${fileSize(plan.fetchBytes)} to download` : `${fileSize(plan.fetchBytes)} to download`,
    `To ${destinationLabel(plan)}`,
  ];
  if (diskWarning) {
    detail.push(`⚠ ${diskWarning}`);
  }
  return { title: `Download ${withoutBidiControls(plan.id)} at ${revisionLabel(plan)}`, summary: what, detail };
}

/** Bytes per second over the samples of the last `windowMs`, from `[time, bytes]` pairs oldest first. */
export function rate(samples: readonly (readonly [number, number])[]): number | undefined {
  if (samples.length < 2) {
    return undefined;
  }
  const [t0, b0] = samples[0];
  const [t1, b1] = samples[samples.length - 1];
  return t1 > t0 ? ((b1 - b0) * 1000) / (t1 - t0) : undefined;
}

/** "45 s", "3 min", "1 h 20 min". */
export function duration(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** The progress notification's line: "1.2 GB of 4.5 GB · 85 MB/s · 40 s left · model.safetensors (2 of 5)". */
export function progressLine(progress: DownloadProgress, bytesPerSecond: number | undefined): string {
  const parts = [`${fileSize(progress.bytes)} of ${fileSize(progress.total)}`];
  if (bytesPerSecond !== undefined && bytesPerSecond > 0) {
    parts.push(`${fileSize(bytesPerSecond)}/s`);
    const left = progress.total - progress.bytes;
    if (left > 0) {
      parts.push(`${duration(left / bytesPerSecond)} left`);
    }
  }
  if (progress.file) {
    // A report at a file's end already counts it as done.
    const index = progress.fileBytes >= progress.fileTotal ? progress.filesDone : progress.filesDone + 1;
    parts.push(`${withoutBidiControls(progress.file)} (${Math.max(1, Math.min(index, progress.filesTotal))} of ${progress.filesTotal})`);
  }
  return parts.join(' · ');
}

/** "Downloaded openai-community/gpt2 (2.1 GB) to /home/me/.cache/huggingface/hub/…". */
export function doneText(plan: DownloadPlan, path: string): string {
  return `Downloaded ${withoutBidiControls(plan.id)} (${fileSize(plan.totalBytes)}) to ${path}`;
}
