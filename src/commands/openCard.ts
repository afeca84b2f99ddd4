import * as vscode from 'vscode';
import { parseRepoInput, repoRefFromArgument, type RepoRef } from '../cards/repoRef';
import { notificationText } from '../hub/format';
import type { RepoType } from '../hub/repoId';
import type { CommandContext } from './context';

/** What "Open Card…" returns (tests read it). */
export type OpenCardOutcome = { opened: true; type: RepoType; id: string } | { opened: false; reason: 'cancelled' | 'invalid'; message?: string };

/**
 * "Open Card…": the card of the repo given as `{type, id}`, a tree row or a model id, or else of the repo id (or Hub
 * address) the user types. An invalid id shows a message and opens nothing.
 */
export async function openCard(ctx: Pick<CommandContext, 'cards' | 'client'>, arg?: unknown): Promise<OpenCardOutcome> {
  let ref: RepoRef;
  const given = repoRefFromArgument(arg);
  if (given) {
    if (!given.ok) {
      void vscode.window.showErrorMessage(notificationText(given.problem));
      return { opened: false, reason: 'invalid', message: given.problem };
    }
    ref = given.ref;
  } else {
    const endpoint = ctx.client().endpoint;
    const text = await vscode.window.showInputBox({
      title: 'Open Card',
      prompt: 'A repo id or Hub address: "owner/name" (a model), "datasets/owner/name", "spaces/owner/name"',
      placeHolder: 'openai-community/gpt2',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = value.trim() === '' ? undefined : parseRepoInput(value, endpoint);
        return parsed && !parsed.ok ? parsed.problem : undefined;
      },
    });
    if (text === undefined || text.trim() === '') {
      return { opened: false, reason: 'cancelled' };
    }
    const parsed = parseRepoInput(text, endpoint);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(notificationText(parsed.problem));
      return { opened: false, reason: 'invalid', message: parsed.problem };
    }
    ref = parsed.ref;
  }
  await ctx.cards.open(ref);
  return { opened: true, ...ref };
}
