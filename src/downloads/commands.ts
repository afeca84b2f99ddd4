// The download commands' arguments: a repo row, a file or folder row (anything with `repo` and `entry`), `{type, id}`
// (the card, a quick fix), a model id, or nothing (then the palette asks for a repo id, validated before anything is sent).
import * as vscode from 'vscode';
import { parseRepoInput, repoRefFromArgument } from '../cards/repoRef';
import { notificationText } from '../hub/format';
import { filePathProblem, revisionProblem } from '../hub/repoId';
import type { DownloadService, DownloadStart } from './downloads.lazy';
import type { DownloadTarget } from './wizard';

type Arg = { repo?: unknown; entry?: { path?: unknown; type?: unknown }; revision?: unknown } | string | undefined;

/** The target an argument names, an error message, or undefined when there is none (ask). */
export function targetFromArgument(arg: unknown): DownloadTarget | { problem: string } | undefined {
  const ref = repoRefFromArgument(arg);
  if (!ref) {
    return undefined;
  }
  if (!ref.ok) {
    return { problem: ref.problem.replace('Open Card expects', 'Download expects') };
  }
  const target: DownloadTarget = { ...ref.ref };
  const { entry, revision } = (typeof arg === 'object' && arg !== null ? arg : {}) as Exclude<Arg, string | undefined>;
  if (entry && typeof entry.path === 'string') {
    const problem = filePathProblem(entry.path);
    if (problem) {
      return { problem };
    }
    target.path = { path: entry.path, kind: entry.type === 'directory' ? 'directory' : 'file' };
  }
  if (typeof revision === 'string') {
    const problem = revisionProblem(revision);
    if (problem) {
      return { problem };
    }
    target.revision = revision;
  }
  return target;
}

async function askTarget(endpoint: string, toFolder: boolean): Promise<DownloadTarget | undefined> {
  const text = await vscode.window.showInputBox({
    title: toFolder ? 'Download to Folder' : 'Download',
    prompt: 'The repo to download: "owner/name" (a model), "datasets/owner/name", or a Hub address',
    placeHolder: 'openai-community/gpt2',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = value.trim() === '' ? undefined : parseRepoInput(value, endpoint);
      return parsed && !parsed.ok ? parsed.problem : undefined;
    },
  });
  const parsed = text === undefined || text.trim() === '' ? undefined : parseRepoInput(text, endpoint);
  return parsed?.ok ? parsed.ref : undefined;
}

/** "Download…" / "Download to Folder…" from anywhere. */
export async function downloadCommand(downloads: DownloadService, endpoint: string, arg: unknown, toFolder: boolean): Promise<DownloadStart> {
  let target = targetFromArgument(arg);
  if (target && 'problem' in target) {
    void vscode.window.showErrorMessage(notificationText(target.problem));
    return { started: false, reason: 'error', message: target.problem };
  }
  target ??= await askTarget(endpoint, toFolder);
  if (!target) {
    return { started: false, reason: 'cancelled' };
  }
  return downloads.download(target, { toFolder });
}
