/**
 * Code insights, the implementation (a chunk of its own, loaded by ./codeInsights.ts): completions of repo ids from a
 * Hub search (./completions.ts), a hover card (./hover.ts), CodeLens above each call (./codeLens.ts), and diagnostics
 * (./diagnostics.ts) with quick fixes (./quickFixes.ts) for the visible Python documents and notebook cells. Repo facts
 * come from one resolver (src/code/resolver.ts): one lookup per id per session, so re-opening a file costs no request;
 * when the Hub cannot be reached there are no diagnostics at all.
 */
import type * as vscode from 'vscode';
import { RepoResolver } from '../code/resolver';
import { DisposableStore } from '../disposables';
import type { InsightDeps } from './codeInsights';
import { provideCodeLenses } from './codeLens';
import { RepoCompletions } from './completions';
import { RepoDiagnostics } from './diagnostics';
import { RepoHovers } from './hover';
import { RepoQuickFixes } from './quickFixes';

export { DIAGNOSTIC_SOURCE } from './documents';

export class CodeInsights implements vscode.Disposable {
  readonly resolver: RepoResolver;
  private readonly store = new DisposableStore();
  private readonly completions: RepoCompletions;
  private readonly hovers: RepoHovers;
  private readonly diagnostics: RepoDiagnostics;
  private readonly quickFixes: RepoQuickFixes;

  constructor(private readonly deps: InsightDeps) {
    this.resolver = this.store.add(new RepoResolver({ source: () => deps.client() }));
    this.completions = new RepoCompletions(deps);
    this.hovers = new RepoHovers(deps, this.resolver);
    this.quickFixes = new RepoQuickFixes(deps, this.resolver);
    this.diagnostics = this.store.add(new RepoDiagnostics(deps, this.resolver));
    this.store.add(this.resolver.onDidChange(() => this.diagnostics.analyzeVisible()));
    for (const listener of this.diagnostics.listen()) {
      this.store.add(listener);
    }
    this.diagnostics.analyzeVisible();
  }

  /** The endpoint or the token changed: forget what the Hub said and look again. */
  reset(): void {
    this.resolver.clear();
    this.completions.reset();
    this.hovers.reset();
    this.quickFixes.reset();
    this.diagnostics.analyzeVisible();
  }

  /** The setting changed: clear everything when off, look again when on. */
  refresh(): void {
    if (this.deps.enabled()) {
      this.diagnostics.analyzeVisible();
    } else {
      this.diagnostics.clear();
    }
  }

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken, _context?: vscode.CompletionContext): Promise<vscode.CompletionList | undefined> {
    return this.completions.provideCompletionItems(doc, pos, token);
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    return this.hovers.provideHover(doc, pos, token);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    return provideCodeLenses(doc, this.resolver);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    return this.quickFixes.provideCodeActions(doc, context, token);
  }

  dispose(): void {
    this.store.dispose();
  }
}
