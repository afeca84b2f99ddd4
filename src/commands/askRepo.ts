import * as vscode from 'vscode';
import { parseRepoInput, type RepoRef } from '../cards/repoRef';

/** From the palette: a repo typed as an id or a Hub address, checked as it is typed; undefined when cancelled. */
export async function askRepo(endpoint: string, box: { title: string; prompt: string; placeHolder: string }): Promise<RepoRef | undefined> {
  const typed = await vscode.window.showInputBox({
    ...box,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const result = value.trim() === '' ? undefined : parseRepoInput(value, endpoint);
      return result && !result.ok ? result.problem : undefined;
    },
  });
  const result = typed?.trim() ? parseRepoInput(typed, endpoint) : undefined;
  return result?.ok ? result.ref : undefined;
}
