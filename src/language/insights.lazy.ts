/**
 * Code insights, the implementation (a chunk of its own, loaded by ./codeInsights.ts): completions of repo ids from a
 * Hub search, a hover card, CodeLens above each call, and diagnostics with quick fixes for the visible Python documents
 * and notebook cells. Repo facts come from the resolver (src/code/resolver.ts): one lookup per id per session, so
 * re-opening a file costs no request; when the Hub cannot be reached there are no diagnostics at all.
 */
import * as vscode from 'vscode';
import { insertable, lensId, resolutionFix, snippetCommand, suggestionFixes, type IdFix } from '../code/fixes';
import { closestIds, findingsFor, firstParagraph, NOUN, plain, suggestionQueries, trustRemoteCodeEdit, type Finding, type FindingCode } from '../code/insights';
import { findRepoRefs, refAt, type RepoIdRef } from '../code/pyRefs';
import { RepoResolver, type Resolution } from '../code/resolver';
import { age, compactNumber } from '../hub/format';
import { isValidRepoId, webPrefix, type RepoType } from '../hub/repoId';
import { describeRepo } from '../lists/treeModel';
import type { RepoSummary } from '../hub/types';
import type { InsightDeps } from './codeInsights';

export const DIAGNOSTIC_SOURCE = 'Hugging Face';

/** Diagnostics wait this long after the last edit. */
const EDIT_DEBOUNCE_MS = 500;
/** A repo id being typed (the cursor in it, edited this recently) is not looked up yet: no "not found" mid-word. */
const TYPING_QUIET_MS = 1_500;
/**
 * Completions wait this long after a keystroke; VS Code cancels the request when another one follows. Results come most
 * downloaded first: the ids code names most often.
 */
const COMPLETION_DEBOUNCE_MS = 150;
const COMPLETION_RESULTS = 20;
const COMPLETION_CACHE_MS = 5 * 60_000;
/** Every keystroke is a search text: only the latest ones are kept. */
const COMPLETION_CACHE_ENTRIES = 100;
const README_BYTES = 64 * 1024;
const SUGGESTION_RESULTS = 100;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The only commands a hover's links may run. */
const HOVER_COMMANDS = ['huggingface.openCard', 'huggingface.openOnHub'];

export class CodeInsights implements vscode.Disposable {
  readonly resolver: RepoResolver;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('huggingface');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastEdit = new Map<string, number>();
  private readonly searches = new Map<string, { at: number; repos: Promise<RepoSummary[]> }>();
  private readonly readmes = new Map<string, Promise<string | undefined>>();
  private readonly suggestions = new Map<string, Promise<string[]>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: InsightDeps) {
    this.resolver = new RepoResolver({ source: () => deps.client() });
    this.disposables = [
      this.diagnostics,
      this.resolver.onDidChange(() => this.analyzeVisible()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.analyzeVisible()),
      vscode.window.onDidChangeVisibleNotebookEditors(() => this.analyzeVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
    ];
    this.analyzeVisible();
  }

  /** The endpoint or the token changed: forget what the Hub said and look again. */
  reset(): void {
    this.resolver.clear();
    this.searches.clear();
    this.readmes.clear();
    this.suggestions.clear();
    this.analyzeVisible();
  }

  /** The setting changed: clear everything when off, look again when on. */
  refresh(): void {
    if (this.deps.enabled()) {
      this.analyzeVisible();
    } else {
      this.timers.forEach((t) => clearTimeout(t));
      this.timers.clear();
      this.diagnostics.clear();
    }
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.resolver.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  // Completions ----------------------------------------------------------------------------------------------------

  async provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    token: vscode.CancellationToken,
    _context?: vscode.CompletionContext,
  ): Promise<vscode.CompletionList | undefined> {
    const at = refAt(doc.getText(), doc.offsetAt(pos));
    if (!at || at.prefix.length > 200 || /\s/.test(at.prefix)) {
      return undefined;
    }
    const range = new vscode.Range(doc.positionAt(at.start), doc.positionAt(at.end));
    if (!range.isSingleLine || !range.contains(pos)) {
      return undefined;
    }
    if (!(await pause(COMPLETION_DEBOUNCE_MS, token))) {
      return undefined;
    }
    let repos: RepoSummary[];
    try {
      repos = await this.search(at.kind, at.prefix.trim(), token);
    } catch (e) {
      if (!token.isCancellationRequested) {
        this.deps.log.warn(`Repo id completion failed: ${(e as Error).message}`);
      }
      return new vscode.CompletionList([], true);
    }
    const items = insertable(repos).map((repo, index) => {
      const detail = describeRepo(repo);
      const item = new vscode.CompletionItem({ label: repo.id, description: detail }, vscode.CompletionItemKind.Reference);
      item.detail = `${NOUN[repo.type]} · ${detail}`;
      item.range = range;
      item.insertText = repo.id;
      // The Hub matches the text anywhere in the id while VS Code's filter favours word starts: putting the typed text
      // first keeps every result the Hub found, in the Hub's order.
      item.filterText = `${at.prefix}${repo.id}`;
      item.sortText = String(index).padStart(3, '0');
      return item;
    });
    return new vscode.CompletionList(items, true);
  }

  private search(type: RepoType, text: string, token: vscode.CancellationToken): Promise<RepoSummary[]> {
    const client = this.deps.client();
    const key = `${client.endpoint}\n${type}\n${text}`;
    const cached = this.searches.get(key);
    if (cached && Date.now() - cached.at < COMPLETION_CACHE_MS) {
      return cached.repos;
    }
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    const repos = client
      .listRepos(type, { search: text || undefined, sort: 'downloads', limit: COMPLETION_RESULTS }, { signal: controller.signal })
      .then((page) => page.items)
      .finally(() => {
        listener.dispose();
      });
    this.searches.set(key, { at: Date.now(), repos });
    if (this.searches.size > COMPLETION_CACHE_ENTRIES) {
      this.searches.delete(this.searches.keys().next().value!);
    }
    repos.catch(() => this.searches.get(key)?.repos === repos && this.searches.delete(key));
    return repos;
  }

  // Hover ----------------------------------------------------------------------------------------------------------

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const offset = doc.offsetAt(pos);
    const ref = refsOf(doc).find((r) => offset >= r.start && offset <= r.end);
    if (!ref) {
      return undefined;
    }
    const resolution = await this.resolver.resolve(ref.kind, ref.id);
    if (token.isCancellationRequested) {
      return undefined;
    }
    const facts = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.facts : undefined;
    const readme = facts ? await this.readmeParagraph(facts.type, facts.id, token) : undefined;
    if (token.isCancellationRequested) {
      return undefined;
    }
    const signedIn = await this.deps.signedIn();
    return new vscode.Hover(hoverCard(ref, resolution, readme, signedIn), new vscode.Range(doc.positionAt(ref.start), doc.positionAt(ref.end)));
  }

  private readmeParagraph(type: RepoType, id: string, token: vscode.CancellationToken): Promise<string | undefined> {
    const client = this.deps.client();
    const key = `${client.endpoint}\n${type}\n${id}`;
    let paragraph = this.readmes.get(key);
    if (!paragraph) {
      paragraph = client.readme(type, id, 'main', { truncateAt: README_BYTES }).then(
        (readme) => (readme ? firstParagraph(readme.text) : undefined),
        () => {
          this.readmes.delete(key);
          return undefined;
        },
      );
      this.readmes.set(key, paragraph);
    }
    // The hover shows without the paragraph if the user moves on first; the README is kept for next time.
    return Promise.race([paragraph, new Promise<undefined>((resolve) => token.onCancellationRequested(() => resolve(undefined)))]);
  }

  // CodeLens -------------------------------------------------------------------------------------------------------

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    const calls = new Map<number, RepoIdRef[]>();
    for (const ref of refsOf(doc)) {
      const refs = calls.get(ref.callStart) ?? [];
      if (!refs.some((r) => r.kind === ref.kind && r.id === ref.id)) {
        refs.push(ref);
      }
      calls.set(ref.callStart, refs);
    }
    for (const [callStart, refs] of calls) {
      const line = doc.positionAt(callStart).line;
      const range = new vscode.Range(line, 0, line, 0);
      for (const ref of refs) {
        const known = this.resolver.peek(ref.kind, ref.id);
        const id = lensId(ref, known);
        const suffix = refs.length > 1 ? `: ${ref.id}` : '';
        lenses.push(
          new vscode.CodeLens(range, { title: `$(book) Open card${suffix}`, command: 'huggingface.openCard', arguments: [{ type: ref.kind, id }], tooltip: `Open the card of ${id}` }),
        );
        if (ref.kind === 'model') {
          const library = known && known.state !== 'notFound' && known.state !== 'unknown' ? known.facts.library : undefined;
          lenses.push(
            new vscode.CodeLens(range, {
              title: `$(code) Insert snippet${suffix}`,
              command: snippetCommand(library, ref.callee),
              arguments: [id],
              tooltip: `Insert the Hub's code for ${id} at the cursor`,
            }),
          );
        }
      }
    }
    return lenses;
  }

  // Diagnostics ----------------------------------------------------------------------------------------------------

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0 || e.document.languageId !== 'python') {
      return;
    }
    const key = e.document.uri.toString();
    if (!visibleDocuments().includes(e.document)) {
      return;
    }
    this.lastEdit.set(key, Date.now());
    this.schedule(e.document, EDIT_DEBOUNCE_MS);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.lastEdit.delete(key);
    this.diagnostics.delete(doc.uri);
  }

  private analyzeVisible(delayMs = 0): void {
    for (const doc of visibleDocuments()) {
      this.schedule(doc, delayMs);
    }
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
    const diagnostics: vscode.Diagnostic[] = [];
    for (const [i, ref] of checked.entries()) {
      const resolution = resolutions[i];
      if (resolution.state === 'notFound' && (await this.isLocalFolder(doc, ref.id))) {
        continue;
      }
      for (const finding of findingsFor(ref, resolution, { signedIn })) {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(doc.positionAt(finding.start), doc.positionAt(finding.end)), finding.message, SEVERITY[finding.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.code;
        diagnostics.push(diagnostic);
      }
    }
    if (doc.isClosed || doc.version !== version) {
      return;
    }
    this.diagnostics.set(doc.uri, diagnostics);
    if (checked.length < refs.length) {
      this.schedule(doc, TYPING_QUIET_MS - editedAgo);
    }
  }

  /** `from_pretrained("checkpoints/run-3")` may name a folder next to the file or in the workspace, not a Hub repo. */
  private async isLocalFolder(doc: vscode.TextDocument, id: string): Promise<boolean> {
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

  // Quick fixes ----------------------------------------------------------------------------------------------------

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) {
      return [];
    }
    const source = doc.getText();
    const refs = refsOf(doc, source);
    const signedIn = await this.deps.signedIn();
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
          actions.push(commandAction('Sign in to Hugging Face', { command: 'huggingface.signIn', title: 'Sign in' }, diagnostic));
        }
      } else if (code === 'repo-gated' && facts) {
        const page = vscode.Uri.parse(this.webUrl(ref.kind, facts.id), true);
        actions.push(commandAction(`Request access to ${facts.id} on the Hub`, { command: 'vscode.open', title: 'Request access', arguments: [page] }, diagnostic));
        if (!signedIn) {
          actions.push(commandAction('Sign in to Hugging Face', { command: 'huggingface.signIn', title: 'Sign in' }, diagnostic));
        }
      } else if (code === 'custom-code' && facts) {
        const edit = trustRemoteCodeEdit(source, ref);
        if (edit) {
          const action = new vscode.CodeAction(
            `Add trust_remote_code=True: your decision — it runs ${facts.id}'s code on this machine`,
            vscode.CodeActionKind.QuickFix,
          );
          action.diagnostics = [diagnostic];
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(doc.uri, doc.positionAt(edit.offset), edit.text);
          actions.push(action);
        }
        const files = vscode.Uri.parse(`${this.webUrl(ref.kind, facts.id)}/tree/main`, true);
        actions.push(commandAction(`Review the code of ${facts.id} on the Hub`, { command: 'vscode.open', title: 'Review the code', arguments: [files] }, diagnostic));
      }
    }
    return actions;
  }

  /** The ids a search finds closest to a missing one (two searches per id at most, kept for the session). */
  private closest(type: RepoType, id: string, token: vscode.CancellationToken): Promise<string[]> {
    const client = this.deps.client();
    const key = `${client.endpoint}\n${type}\n${id}`;
    let found = this.suggestions.get(key);
    if (!found) {
      found = Promise.all(
        suggestionQueries(id).map((search) =>
          client.listRepos(type, { search, sort: 'downloads', limit: SUGGESTION_RESULTS }).then(
            (page) => insertable(page.items).map((r) => r.id),
            () => [] as string[],
          ),
        ),
      ).then((lists) => closestIds(id, lists.flat()));
      this.suggestions.set(key, found);
    }
    return Promise.race([found, new Promise<string[]>((resolve) => token.onCancellationRequested(() => resolve([])))]);
  }

  private webUrl(type: RepoType, id: string): string {
    return `${this.deps.client().endpoint}/${webPrefix(type)}${id}`;
  }
}

/** Python documents on screen: text editors and the code cells of visible notebooks. */
function visibleDocuments(): vscode.TextDocument[] {
  const docs = new Set<vscode.TextDocument>();
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.languageId === 'python') {
      docs.add(editor.document);
    }
  }
  for (const editor of vscode.window.visibleNotebookEditors) {
    for (const cell of editor.notebook.getCells()) {
      if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python') {
        docs.add(cell.document);
      }
    }
  }
  return [...docs];
}

/** The repo ids the document names that are well-formed (anything else is a path or a variable, not a Hub repo). */
function refsOf(doc: vscode.TextDocument, source = doc.getText()): RepoIdRef[] {
  return findRepoRefs(source).filter((ref) => isValidRepoId(ref.id));
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

/** Waits `ms`, or less if the request is cancelled; false when it was. */
function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      listener.dispose();
      resolve(false);
    });
  });
}

/**
 * The hover card. Everything the Hub wrote (ids, task, license, README text) is escaped (see `plain`); the only trusted
 * parts are the two command links, and no HTML is allowed.
 */
export function hoverCard(ref: RepoIdRef, resolution: Resolution, readme: string | undefined, signedIn: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportHtml = false;
  const facts = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.facts : undefined;
  const id = facts?.id ?? ref.id;
  md.appendMarkdown(`$(${ref.kind === 'dataset' ? 'database' : ref.kind === 'space' ? 'rocket' : 'hubot'}) **`);
  md.appendMarkdown(plain(id));
  md.appendMarkdown(`** · ${NOUN[ref.kind]}\n\n`);
  if (resolution.state === 'renamed') {
    md.appendMarkdown(plain(`Renamed from ${ref.id}.`));
    md.appendMarkdown('\n\n');
  }
  if (facts) {
    const kind = [facts.task ?? facts.sdk, facts.library, facts.license && `License: ${facts.license}`].filter(Boolean).join(' · ');
    if (kind) {
      md.appendMarkdown(plain(kind));
      md.appendMarkdown('\n\n');
    }
    const figures = [
      facts.downloads !== undefined ? `${compactNumber(facts.downloads)} downloads` : undefined,
      `${compactNumber(facts.likes)} likes`,
      facts.lastModified ? `updated ${age(facts.lastModified)} ago` : undefined,
    ].filter(Boolean);
    md.appendMarkdown(plain(figures.join(' · ')));
    md.appendMarkdown('\n\n');
    if (facts.private) {
      md.appendMarkdown('$(lock) Private\n\n');
    }
    const granted = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.access : undefined;
    if (facts.gated) {
      const access =
        granted === 'granted'
          ? 'you have access'
          : granted === 'denied' && signedIn
            ? 'request access on its Hub page'
            : signedIn
              ? 'access not checked'
              : 'sign in with an account that has access';
      md.appendMarkdown(`$(lock) Gated: ${access}\n\n`);
    }
    if (readme) {
      md.appendMarkdown('---\n\n');
      md.appendMarkdown(plain(readme));
      md.appendMarkdown('\n\n');
    }
  } else if (resolution.state === 'notFound') {
    md.appendMarkdown(`$(warning) Not found on the Hub${signedIn ? '' : ', or private (sign in to see private repos)'}\n\n`);
  } else {
    md.appendMarkdown('$(info) Details unavailable right now\n\n');
  }
  md.appendMarkdown('---\n\n');
  const card = commandUri('huggingface.openCard', { type: ref.kind, id });
  const hub = commandUri('huggingface.openOnHub', { repo: { type: ref.kind, id } });
  md.appendMarkdown(`[$(book) Open card](${card} "Open the card in VS Code") · [$(link-external) Open on Hub](${hub} "Open the repo on the Hub")`);
  return md;
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}
