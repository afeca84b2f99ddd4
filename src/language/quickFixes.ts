// Quick fixes on the diagnostics: use the new id, the newer version or the closest ids (every id checked again by
// src/code/fixes.ts before it is written), sign in, request access, review custom code, add trust_remote_code=True, download
// what offline mode would miss.
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import { insertable, resolutionFix, suggestionFixes, type IdFix } from '../code/fixes';
import { closestIds, suggestionQueries, trustRemoteCodeEdit, type FindingCode } from '../code/insights';
import type { RepoResolver } from '../code/resolver';
import { cachedPromise, SessionCache, sessionKey } from '../code/sessionCache';
import { repoWebUrl, type RepoType } from '../hub/repoId';
import type { InsightDeps } from './codeInsights';
import { DIAGNOSTIC_SOURCE, refsOf, unlessCancelled } from './documents';

const SUGGESTION_RESULTS = 100;
const SIGN_IN: vscode.Command = { command: 'huggingface.signIn' satisfies CommandId, title: 'Sign in' };

export class RepoQuickFixes {
  /** The closest ids to a missing one, kept for the session. */
  private readonly suggestions = new SessionCache<Promise<string[]>>();

  constructor(
    private readonly deps: InsightDeps,
    private readonly resolver: RepoResolver,
  ) {}

  reset(): void {
    this.suggestions.clear();
  }

  async provideCodeActions(doc: vscode.TextDocument, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) {
      return [];
    }
    const source = doc.getText();
    const refs = refsOf(doc, source);
    const signedIn = await this.deps.signedIn();
    const webUrl = (type: RepoType, id: string) => repoWebUrl({ endpoint: this.deps.client().endpoint, type, id });
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const start = doc.offsetAt(diagnostic.range.start);
      const ref = refs.find((r) => r.start === start);
      if (!ref) {
        continue;
      }
      const known = this.resolver.peek(ref.kind, ref.id);
      const facts = known?.state === 'found' || known?.state === 'renamed' ? known.facts : undefined;
      const code = codeOf(diagnostic);
      const fix = resolutionFix(source, ref, known, code);
      if (fix) {
        actions.push(useId(doc, fix, diagnostic));
      } else if (code === 'repo-not-found') {
        actions.push(...suggestionFixes(source, ref, await this.closest(ref.kind, ref.id, token)).map((f) => useId(doc, f, diagnostic)));
        if (!signedIn) {
          actions.push(commandAction('Sign in to Hugging Face', SIGN_IN, diagnostic));
        }
      } else if (code === 'repo-gated' && facts) {
        const page = vscode.Uri.parse(webUrl(ref.kind, facts.id), true);
        actions.push(commandAction(`Request access to ${facts.id} on the Hub`, { command: 'vscode.open', title: 'Request access', arguments: [page] }, diagnostic));
        if (!signedIn) {
          actions.push(commandAction('Sign in to Hugging Face', SIGN_IN, diagnostic));
        }
      } else if (code === 'offline-not-cached') {
        // `huggingface.download` is the downloads part's command (declared on its branch), run with { type, id }.
        const download: vscode.Command = { command: 'huggingface.download', title: 'Download now', arguments: [{ type: ref.kind, id: ref.id }] };
        const action = commandAction('Download now', download, diagnostic);
        action.isPreferred = true;
        actions.push(action);
      } else if (code === 'custom-code' && facts) {
        const edit = trustRemoteCodeEdit(source, ref);
        if (edit) {
          const action = new vscode.CodeAction(`Add trust_remote_code=True: your decision — it runs ${facts.id}'s code on this machine`, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(doc.uri, doc.positionAt(edit.offset), edit.text);
          actions.push(action);
        }
        const files = vscode.Uri.parse(`${webUrl(ref.kind, facts.id)}/tree/main`, true);
        actions.push(commandAction(`Review the code of ${facts.id} on the Hub`, { command: 'vscode.open', title: 'Review the code', arguments: [files] }, diagnostic));
      }
    }
    return actions;
  }

  /** The ids a search finds closest to a missing one (two searches per id at most, kept for the session). */
  private closest(type: RepoType, id: string, token: vscode.CancellationToken): Promise<string[]> {
    const client = this.deps.client();
    const found = cachedPromise(this.suggestions, sessionKey(client.endpoint, type, id), () =>
      Promise.all(
        suggestionQueries(id).map((search) =>
          client.listRepos(type, { search, sort: 'downloads', limit: SUGGESTION_RESULTS }).then(
            (page) => insertable(page.items).map((r) => r.id),
            () => [] as string[],
          ),
        ),
      ).then((lists) => closestIds(id, lists.flat())),
    );
    return unlessCancelled(found, token, []);
  }
}

function codeOf(diagnostic: vscode.Diagnostic): FindingCode | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' ? (code as FindingCode) : undefined;
}

/** A fix built and checked by src/code/fixes.ts, as a code action. */
function useId(doc: vscode.TextDocument, fix: IdFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = commandAction(fix.title, undefined, diagnostic);
  action.isPreferred = fix.preferred;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(fix.edit.start), doc.positionAt(fix.edit.end)), fix.edit.text);
  return action;
}

function commandAction(title: string, command: vscode.Command | undefined, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = command;
  return action;
}
