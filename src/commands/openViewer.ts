import * as vscode from 'vscode';
import { notificationText } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import type { CommandContext } from './context';

/** What "Open Dataset Viewer…" returns (tests read it). */
export type OpenViewerOutcome = { opened: true; id: string } | { opened: false; reason: 'cancelled' | 'invalid'; message?: string };

/** The dataset id of a tree row (`{repo: {type, id}}`), a `{type, id}` or a string; undefined for anything else. */
function datasetArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg.trim();
  }
  const o = arg as { repo?: { type?: unknown; id?: unknown }; type?: unknown; id?: unknown } | undefined;
  const repo = o?.repo ?? o;
  return repo && repo.type === 'dataset' && typeof repo.id === 'string' ? repo.id : undefined;
}

/** "Open Dataset Viewer…": the viewer of a dataset given by a row, a card, a CodeLens or typed in. */
export async function openDatasetViewer(ctx: Pick<CommandContext, 'viewers'>, arg?: unknown): Promise<OpenViewerOutcome> {
  let id = datasetArgument(arg);
  if (id === undefined) {
    const typed = await vscode.window.showInputBox({
      title: 'Open Dataset Viewer',
      prompt: 'A dataset id: "owner/name" (or a legacy name such as "imdb")',
      placeHolder: 'stanfordnlp/imdb',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? undefined : repoIdProblem(value.trim())),
    });
    if (typed === undefined || typed.trim() === '') {
      return { opened: false, reason: 'cancelled' };
    }
    id = typed.trim();
  }
  const problem = repoIdProblem(id);
  if (problem) {
    void vscode.window.showErrorMessage(notificationText(problem));
    return { opened: false, reason: 'invalid', message: problem };
  }
  await ctx.viewers.open(id);
  return { opened: true, id };
}
