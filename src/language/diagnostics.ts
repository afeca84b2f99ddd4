// Diagnostics on the repo ids of the visible Python documents: missing, renamed, gated, custom code, superseded, and
// (with HF_HUB_OFFLINE set) not in the local cache. Each document is analysed again shortly after an edit; an id being
// typed is left alone until the typing pauses.
import * as vscode from 'vscode';
import { findingsFor, offlineFinding, type Finding } from '../code/insights';
import type { RepoIdRef } from '../code/pyRefs';
import type { RepoResolver } from '../code/resolver';
import type { InsightDeps } from './codeInsights';
import { DIAGNOSTIC_SOURCE, refsOf, visibleDocuments } from './documents';

/** Diagnostics wait this long after the last edit. */
const EDIT_DEBOUNCE_MS = 500;
/** A repo id being typed (the cursor in it, edited this recently) is not looked up yet: no "not found" mid-word. */
const TYPING_QUIET_MS = 1_500;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class RepoDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('huggingface');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastEdit = new Map<string, number>();

  constructor(
    private readonly deps: InsightDeps,
    private readonly resolver: RepoResolver,
  ) {}

  /** Listens for what makes diagnostics change: a document shown, edited or closed. */
  listen(): vscode.Disposable[] {
    return [
      vscode.window.onDidChangeVisibleTextEditors(() => this.analyzeVisible()),
      vscode.window.onDidChangeVisibleNotebookEditors(() => this.analyzeVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
    ];
  }

  analyzeVisible(delayMs = 0): void {
    for (const doc of visibleDocuments()) {
      this.schedule(doc, delayMs);
    }
  }

  /** Insights were turned off: nothing pending, nothing shown. */
  clear(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.collection.clear();
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.collection.dispose();
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0 || e.document.languageId !== 'python') {
      return;
    }
    if (!visibleDocuments().includes(e.document)) {
      return;
    }
    this.lastEdit.set(e.document.uri.toString(), Date.now());
    this.schedule(e.document, EDIT_DEBOUNCE_MS);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lastEdit.delete(key);
    this.collection.delete(doc.uri);
  }

  private schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!this.deps.enabled()) {
      return;
    }
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.analyze(doc).catch((e: unknown) => this.deps.log.error(`Code insights failed for ${doc.uri.toString(true)}`, e));
      }, delayMs),
    );
  }

  private async analyze(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed || !this.deps.enabled()) {
      return;
    }
    const version = doc.version;
    const refs = refsOf(doc);
    const editedAgo = Date.now() - (this.lastEdit.get(doc.uri.toString()) ?? 0);
    const cursors =
      editedAgo < TYPING_QUIET_MS
        ? vscode.window.visibleTextEditors.filter((e) => e.document === doc).flatMap((e) => e.selections.map((s) => doc.offsetAt(s.active)))
        : [];
    const typing = (ref: RepoIdRef) => cursors.some((offset) => offset >= ref.start && offset <= ref.end);
    const checked = refs.filter((ref) => !typing(ref));
    const [signedIn, resolutions] = await Promise.all([this.deps.signedIn(), Promise.all(checked.map((ref) => this.resolver.resolve(ref.kind, ref.id)))]);
    if (doc.isClosed || doc.version !== version || !this.deps.enabled()) {
      return;
    }
    const offline = this.deps.client().offline;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const [i, ref] of checked.entries()) {
      const resolution = resolutions[i];
      if (resolution.state === 'notFound' && (await isLocalFolder(doc, ref.id))) {
        continue;
      }
      const findings = findingsFor(ref, resolution, { signedIn });
      if (offline && (await this.deps.inCache?.(ref.kind, ref.id)) === false && !(await isLocalFolder(doc, ref.id))) {
        findings.push(offlineFinding(ref));
      }
      for (const finding of findings) {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(doc.positionAt(finding.start), doc.positionAt(finding.end)), finding.message, SEVERITY[finding.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.code;
        diagnostics.push(diagnostic);
      }
    }
    if (doc.isClosed || doc.version !== version) {
      return;
    }
    this.collection.set(doc.uri, diagnostics);
    if (checked.length < refs.length) {
      this.schedule(doc, TYPING_QUIET_MS - editedAgo);
    }
  }
}

/** `from_pretrained("checkpoints/run-3")` may name a folder next to the file or in the workspace, not a Hub repo. */
async function isLocalFolder(doc: vscode.TextDocument, id: string): Promise<boolean> {
  const bases: vscode.Uri[] = [];
  const owner = doc.uri.scheme === 'vscode-notebook-cell' ? vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === doc))?.uri : doc.uri;
  if (owner && owner.scheme !== 'untitled') {
    bases.push(vscode.Uri.joinPath(owner, '..'));
  }
  bases.push(...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri));
  for (const base of bases) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(base, id));
      return true;
    } catch {
      // Not there: try the next place.
    }
  }
  return false;
}
