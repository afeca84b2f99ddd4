// The token count in the status bar: the selection's (or the whole document's) tokens with the chosen model's own
// tokenizer, and its context length beside it when known ("1,234 / 8,192 tokens"). Counted after a pause in typing
// (debounced) and off the typing path: the extension host is its own process, and a count runs in a later task.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { HubError, isCancellation } from '../hub/errors';
import { countLabel } from './core/files';
import { MAX_COUNT_CHARS, type TokenizerModel } from './core/engine';
import { groupedNumber } from '../hub/format';

export const DEBOUNCE_MS = 150;

/** What the status bar shows, for tests. */
export interface StatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  count?: number;
  /** Increases with every count shown. */
  updates: number;
}

export class TokenStatus implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private snapshot: StatusSnapshot = { visible: false, text: '', tooltip: '', updates: 0 };
  private generation = 0;

  constructor(
    private readonly deps: {
      /** The chosen model id, if any. */
      model: () => string | undefined;
      load: (repoId: string) => Promise<TokenizerModel>;
    },
  ) {
    this.item = this.store.add(vscode.window.createStatusBarItem('huggingface.tokens', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'Hugging Face Token Count';
    this.store.add(vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)));
    this.store.add(vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.schedule()));
    this.store.add(vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.schedule()));
    this.schedule(0);
  }

  get state(): StatusSnapshot {
    return { ...this.snapshot };
  }

  /** Counts again after the pause (0: at once, in the next task). */
  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const repoId = this.deps.model();
    const editor = vscode.window.activeTextEditor;
    if (!repoId || !editor) {
      this.item.hide();
      this.snapshot = { ...this.snapshot, visible: false };
      return;
    }
    const selected = editor.selections.filter((s) => !s.isEmpty);
    const where = selected.length ? 'the selection' : 'the document';
    let model: TokenizerModel;
    try {
      const loading = this.deps.load(repoId);
      this.show(`$(loading~spin) Tokens`, `Loading ${repoId}'s tokenizer…\nClick to choose another model or stop counting (the load is cancelled).`, { command: 'huggingface.chooseTokenizer', title: 'Choose Tokenizer Model' }, undefined, false);
      model = await loading;
    } catch (e) {
      if (generation === this.generation && !isCancellation(e)) {
        const message = e instanceof Error ? e.message : String(e);
        const signIn = e instanceof HubError && (e.kind === 'gated' || e.signInMayHelp) ? ' Sign in with an account that has access, or choose another model.' : '';
        this.show('$(warning) Tokens', `${repoId}: ${message}${signIn}\nClick to try again.`, { command: 'huggingface.chooseTokenizer', title: 'Try Again', arguments: [repoId] }, undefined, true);
      }
      return;
    }
    if (generation !== this.generation) {
      return; // a newer update is on its way
    }
    const text = selected.length ? selected.map((s) => editor.document.getText(s)).join('') : editor.document.getText();
    const tooltipHead = `${model.repoId} · tokens of ${where}${model.files.source === 'cache' ? ' (tokenizer from the Hugging Face cache)' : ''}`;
    if (text.length > MAX_COUNT_CHARS) {
      this.show('$(symbol-numeric) Select text to count', `${tooltipHead}: longer than ${groupedNumber(MAX_COUNT_CHARS)} characters; select a part to count it.`, undefined, undefined, true);
      return;
    }
    const count = model.count(text);
    this.show(`$(symbol-numeric) ${countLabel(count, model.contextLength)}`, `${tooltipHead}\nClick to show the tokens.`, { command: 'huggingface.showTokens', title: 'Show Tokens' }, count, true);
  }

  private show(text: string, tooltip: string, command: vscode.Command | undefined, count: number | undefined, counted: boolean): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.show();
    this.snapshot = { visible: true, text, tooltip, count, updates: this.snapshot.updates + (counted ? 1 : 0) };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.store.dispose();
  }
}
