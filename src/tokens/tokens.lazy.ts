// Token counts, tokens and chat templates, loaded on first use (src/tokens/host.ts): the chosen model's tokenizer
// (from the Hugging Face cache, else the Hub), the status bar count, "Choose Tokenizer Model…", "Show Tokens" and
// "Preview Chat Template". `@huggingface/tokenizers` and `@huggingface/jinja` live in this chunk only.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { hubCacheDir } from '../hfcache/layout';
import { isCancellation } from '../hub/errors';
import { notificationText } from '../hub/format';
import { repoIdProblem } from '../hub/repoId';
import { cachedTokenizerModels, modelArgument, pickTokenizerModel } from './chooser';
import type { TokenizerModel } from './core/engine';
import { TokenizerModels } from './core/models';
import { TOKENIZER_MODEL_KEY, type TokensDeps } from './host';
import { createPanel, renderMessage, templateMessage, tokensMessage, type TokensPanel } from './panels';
import type { FromTokensPage } from './protocol';
import { TokenStatus, type StatusSnapshot } from './status';

export class TokensImpl implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly models: TokenizerModels;
  readonly status: TokenStatus;
  private tokensPanel: TokensPanel | undefined;
  private templatePanel: TokensPanel | undefined;

  constructor(private readonly deps: TokensDeps) {
    this.models = new TokenizerModels(() => ({ cacheDir: this.cacheDir(), client: deps.client() }));
    this.status = this.store.add(new TokenStatus({ model: () => this.model, load: (id) => this.models.get(id) }));
  }

  /** The workspace's chosen model id. */
  get model(): string | undefined {
    const value = this.deps.state.get(TOKENIZER_MODEL_KEY);
    return typeof value === 'string' && !repoIdProblem(value) ? value : undefined;
  }

  get statusState(): StatusSnapshot {
    return this.status.state;
  }

  get panels(): { tokens?: TokensPanel; template?: TokensPanel } {
    return { tokens: this.tokensPanel, template: this.templatePanel };
  }

  private cacheDir(): string {
    return hubCacheDir(process.env, homedir(), this.deps.cacheOverride());
  }

  /** "Choose Tokenizer Model…": returns the model now chosen ('' when counting stopped), undefined when cancelled. */
  async chooseTokenizer(arg?: unknown): Promise<string | undefined> {
    let id = modelArgument(arg);
    if (id === undefined) {
      id = await pickTokenizerModel(this.model, cachedTokenizerModels(this.cacheDir()));
      if (id === undefined) {
        return undefined;
      }
    }
    const problem = id ? repoIdProblem(id) : undefined;
    if (problem) {
      void vscode.window.showErrorMessage(notificationText(problem));
      return undefined;
    }
    if (id === this.model) {
      this.models.clear(); // chosen again (or "Try Again"): load afresh
    }
    await this.deps.state.update(TOKENIZER_MODEL_KEY, id || undefined);
    this.models.cancelLoads(id || undefined); // a tokenizer still loading for the model before is no longer wanted
    this.status.schedule(0);
    if (id) {
      this.deps.log.info(`Tokens are counted with ${id}'s tokenizer.`);
      this.refreshPanels();
    }
    return id;
  }

  /** The chosen model, asking for one first when there is none; undefined when the user cancels. */
  private async chosenModel(): Promise<string | undefined> {
    return this.model ?? ((await this.chooseTokenizer()) || undefined);
  }

  /** Loads the model with progress in the status bar (a second ask shares the same load). */
  private async loadWithProgress(repoId: string): Promise<TokenizerModel | undefined> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Loading ${repoId}'s tokenizer` }, () => this.models.get(repoId));
  }

  async showTokens(): Promise<void> {
    const repoId = await this.chosenModel();
    if (!repoId) {
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const selected = editor?.selections.filter((s) => !s.isEmpty) ?? [];
    const text = editor ? (selected.length ? selected.map((s) => editor.document.getText(s)).join('') : editor.document.getText()) : '';
    const shownFrom = !editor ? 'no editor' : selected.length ? 'the selection' : vscode.workspace.asRelativePath(editor.document.uri, false);
    const panel = (this.tokensPanel ??= this.newPanel('tokens', () => (this.tokensPanel = undefined)));
    panel.panel.title = `Tokens · ${repoId}`;
    panel.panel.reveal(undefined, true);
    this.lastTokens = { text, shownFrom };
    await this.fillTokens(panel, repoId);
  }

  private lastTokens = { text: '', shownFrom: '' };

  private async fillTokens(panel: TokensPanel, repoId: string): Promise<void> {
    try {
      const model = await this.loadWithProgress(repoId);
      if (model) {
        panel.post(tokensMessage(model, this.lastTokens.text, this.lastTokens.shownFrom));
      }
    } catch (e) {
      this.postError(panel, repoId, e);
    }
  }

  async previewChatTemplate(): Promise<void> {
    const repoId = await this.chosenModel();
    if (!repoId) {
      return;
    }
    const panel = (this.templatePanel ??= this.newPanel('template', () => (this.templatePanel = undefined)));
    panel.panel.title = `Chat Template · ${repoId}`;
    panel.panel.reveal(undefined, true);
    await this.fillTemplate(panel, repoId);
  }

  private async fillTemplate(panel: TokensPanel, repoId: string): Promise<void> {
    try {
      const model = await this.loadWithProgress(repoId);
      if (model) {
        panel.post(templateMessage(model));
      }
    } catch (e) {
      this.postError(panel, repoId, e);
    }
  }

  /** A failed load in the page, with Retry; a cancelled one (another model was chosen) shows nothing: that model's load follows. */
  private postError(panel: TokensPanel, repoId: string, e: unknown): void {
    if (!isCancellation(e)) {
      panel.post({ type: 'error', message: `${repoId}: ${e instanceof Error ? e.message : String(e)}`, retry: true });
    }
  }

  private newPanel(mode: 'tokens' | 'template', gone: () => void): TokensPanel {
    const panel = createPanel(mode, mode === 'tokens' ? 'Tokens' : 'Chat Template', this.deps.extensionUri, (m) => void this.onMessage(panel, m));
    this.store.add(panel);
    panel.onDidDispose(gone);
    return panel;
  }

  private async onMessage(panel: TokensPanel, message: FromTokensPage): Promise<void> {
    const repoId = this.model;
    if (!repoId || message.type === 'ready') {
      return;
    }
    if (message.type === 'retry') {
      this.models.clear();
      await (panel.mode === 'tokens' ? this.fillTokens(panel, repoId) : this.fillTemplate(panel, repoId));
      return;
    }
    try {
      panel.post(renderMessage(await this.models.get(repoId), message));
    } catch (e) {
      this.postError(panel, repoId, e);
    }
  }

  /** Another model was chosen: open pages show it. */
  private refreshPanels(): void {
    const repoId = this.model;
    if (!repoId) {
      return;
    }
    if (this.tokensPanel) {
      this.tokensPanel.panel.title = `Tokens · ${repoId}`;
      void this.fillTokens(this.tokensPanel, repoId);
    }
    if (this.templatePanel) {
      this.templatePanel.panel.title = `Chat Template · ${repoId}`;
      void this.fillTemplate(this.templatePanel, repoId);
    }
  }

  applySettings(): void {
    this.models.clear();
    this.status.schedule(0);
  }

  dispose(): void {
    this.store.dispose();
  }
}
