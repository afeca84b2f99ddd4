// The "Show Tokens" and "Preview Chat Template" pages: one panel each (revealed again when open), drawn by
// webview/tokens/main.ts from typed messages into text nodes, under the strict CSP of src/webviews/html.ts.
import * as vscode from 'vscode';
import { DisposableStore } from '../disposables';
import { page } from '../webviews/html';
import { panelOptions } from '../webviews/panelOptions';
import type { TokenizerModel } from './core/engine';
import { chatTemplates, templateTokens } from './core/files';
import { renderChatTemplate, type ChatMessage } from './core/template';
import { parseFromTokensPage, TOKENS_VIEW_TYPE, type FromTokensPage, type ToTokensPage } from './protocol';

/** Tokens shown at most; the count still covers the whole text. */
export const MAX_SHOWN_CHARS = 50_000;

export const SAMPLE_MESSAGES: readonly ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'What is the capital of France?' },
  { role: 'assistant', content: 'The capital of France is Paris.' },
];

export type PanelMode = 'tokens' | 'template';

/** One page: its panel, the messages it was sent (tests read them), and what the host does with its requests. */
export class TokensPanel implements vscode.Disposable {
  readonly sent: ToTokensPage[] = [];
  private readonly store = new DisposableStore();
  private ready = false;
  private queued: ToTokensPage[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly mode: PanelMode,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly onMessage: (message: FromTokensPage) => void,
  ) {
    const media = (...p: string[]) => vscode.Uri.joinPath(extensionUri, ...p);
    panel.iconPath = { light: media('media', 'hub-light.svg'), dark: media('media', 'hub-dark.svg') };
    panel.webview.html = page({
      webview: panel.webview,
      title: panel.title,
      script: media('dist', 'webview', 'tokens.js'),
      styles: [media('media', 'webview.css'), media('media', 'tokens.css')],
      body: `<main id="tokens" data-mode="${mode}" aria-busy="true"><p class="status" role="status" aria-live="polite">Loading…</p></main>`,
      trustedTypes: [],
    });
    this.store.add(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseFromTokensPage(raw);
        if (!message) {
          return;
        }
        if (message.type === 'ready') {
          this.ready = true;
          this.queued.splice(0).forEach((m) => void panel.webview.postMessage(m));
        }
        this.onMessage(message);
      }),
    );
    this.store.add(panel.onDidDispose(() => this.dispose()));
  }

  post(message: ToTokensPage): void {
    this.sent.push(message);
    if (this.sent.length > 50) {
      this.sent.splice(0, this.sent.length - 50);
    }
    if (this.ready) {
      void this.panel.webview.postMessage(message);
    } else {
      this.queued = [...this.queued.filter((m) => m.type !== message.type), message];
    }
  }

  dispose(): void {
    if (this.store.isDisposed) {
      return;
    }
    this.store.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}

export function createPanel(mode: PanelMode, title: string, extensionUri: vscode.Uri, onMessage: (m: FromTokensPage) => void): TokensPanel {
  const panel = vscode.window.createWebviewPanel(TOKENS_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(extensionUri, { findWidget: true }));
  return new TokensPanel(mode, panel, extensionUri, onMessage);
}

/** The tokens message for `text` (cut at MAX_SHOWN_CHARS for display; the count is of the whole text). */
export function tokensMessage(model: TokenizerModel, text: string, shownFrom: string): ToTokensPage {
  const truncated = text.length > MAX_SHOWN_CHARS;
  const pieces = model.pieces(truncated ? text.slice(0, MAX_SHOWN_CHARS) : text);
  return { type: 'tokens', model: model.repoId, pieces, count: truncated ? model.count(text) : pieces.length, shownFrom, truncated, contextLength: model.contextLength };
}

/** The template page's first message, or an error when the model has no chat template. */
export function templateMessage(model: TokenizerModel): ToTokensPage {
  const templates = chatTemplates(model.files.config);
  if (!templates.length) {
    return { type: 'error', message: `${model.repoId}'s tokenizer_config.json has no chat_template.`, retry: false };
  }
  const selected = templates.find((t) => t.name === 'default')?.name ?? templates[0].name;
  return { type: 'template', model: model.repoId, templates: templates.map((t) => t.name), selected, messages: [...SAMPLE_MESSAGES], addGenerationPrompt: true };
}

/** Renders what the page asked for: the prompt and its token count, or the template's error with its line. */
export function renderMessage(model: TokenizerModel, request: Extract<FromTokensPage, { type: 'render' }>): ToTokensPage {
  const template = chatTemplates(model.files.config).find((t) => t.name === request.template);
  if (!template) {
    return { type: 'renderError', message: `${model.repoId} has no chat template named "${request.template}".` };
  }
  const result = renderChatTemplate({ template: template.template, messages: request.messages, addGenerationPrompt: request.addGenerationPrompt, tokens: templateTokens(model.files.config) });
  if (!result.ok) {
    return { type: 'renderError', message: result.message, line: result.line };
  }
  const pieces = model.pieces(result.prompt.slice(0, MAX_SHOWN_CHARS));
  return { type: 'rendered', prompt: result.prompt, count: model.count(result.prompt), contextLength: model.contextLength, pieces };
}
