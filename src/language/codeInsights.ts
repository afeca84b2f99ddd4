/**
 * Code insights on repo ids in Python files and notebook cells: completions, hovers, CodeLens, diagnostics and quick
 * fixes. This part is in the activation bundle and only registers: the providers forward to the implementation in
 * ./insights.lazy.ts (a chunk of its own), which loads on the first request or when a Python document is shown.
 */
import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import type { RepoType } from '../hub/repoId';
import type { Log } from '../log';
import type * as InsightsLazy from './insights.lazy';

/** Python in files, untitled editors and notebook cells (local or remote). */
export const PYTHON_SELECTOR: vscode.DocumentSelector = ['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote', 'vscode-vfs'].map((scheme) => ({
  language: 'python',
  scheme,
}));

/** What the implementation needs from the extension; it holds no token. */
export interface InsightDeps {
  client: () => HubClient;
  /** Whether a token is in use (gated and private repos depend on it). */
  signedIn: () => Promise<boolean>;
  enabled: () => boolean;
  log: Log;
  /** What the local Hugging Face cache holds of a repo: "2.1 GB at main", `false` when it is not there, undefined when unknown. */
  inCache?: (type: RepoType, id: string) => Promise<string | false | undefined>;
}

type Impl = InstanceType<typeof InsightsLazy.CodeInsights>;

export class CodeInsightsHost implements vscode.Disposable {
  private impl: Promise<Impl> | undefined;
  private loaded: Impl | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: InsightDeps) {
    const when = <T>(run: (impl: Impl) => T | Thenable<T>): Promise<T | undefined> =>
      this.deps.enabled() ? this.load().then(run) : Promise.resolve(undefined);
    this.disposables = [
      vscode.languages.registerCompletionItemProvider(
        PYTHON_SELECTOR,
        { provideCompletionItems: (doc, pos, token, ctx) => when((impl) => impl.provideCompletionItems(doc, pos, token, ctx)) },
        '"',
        "'",
        '/',
      ),
      vscode.languages.registerHoverProvider(PYTHON_SELECTOR, { provideHover: (doc, pos, token) => when((impl) => impl.provideHover(doc, pos, token)) }),
      vscode.languages.registerCodeLensProvider(PYTHON_SELECTOR, { provideCodeLenses: (doc) => when((impl) => impl.provideCodeLenses(doc)) }),
      vscode.languages.registerCodeActionsProvider(
        PYTHON_SELECTOR,
        { provideCodeActions: (doc, range, ctx, token) => when((impl) => impl.provideCodeActions(doc, range, ctx, token)) },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
      vscode.window.onDidChangeVisibleTextEditors(() => this.startIfPython()),
      vscode.window.onDidChangeVisibleNotebookEditors(() => this.startIfPython()),
    ];
    this.startIfPython();
  }

  /** The token or the endpoint changed: what the Hub said no longer holds. */
  reset(): void {
    this.loaded?.reset();
  }

  /** The setting that turns insights on and off changed. */
  applySettings(): void {
    if (this.deps.enabled()) {
      this.startIfPython();
    }
    this.loaded?.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
    void this.impl?.then((impl) => impl.dispose());
  }

  private load(): Promise<Impl> {
    this.impl ??= import('./insights.lazy').then((lazy) => {
      this.loaded = new lazy.CodeInsights(this.deps);
      return this.loaded;
    });
    return this.impl;
  }

  /** Diagnostics need the implementation running as soon as Python code is on screen. */
  private startIfPython(): void {
    if (this.loaded || !this.deps.enabled()) {
      return;
    }
    const python = (doc: vscode.TextDocument) => doc.languageId === 'python';
    const shown =
      vscode.window.visibleTextEditors.some((e) => python(e.document)) ||
      vscode.window.visibleNotebookEditors.some((e) => e.notebook.getCells().some((cell) => python(cell.document)));
    if (shown) {
      void this.load();
    }
  }
}
