/**
 * The "What is Hugging Face?" panel: a chunk of its own (dist/overviewPanel.lazy.js) with the page's text, loaded when
 * the overview first opens or is restored; ./overview.ts is the part that loads at activation.
 */
import * as vscode from 'vscode';
import type { Log } from '../log';
import { page } from './html';
import { OVERVIEW_BODY } from './overviewContent';
import { OVERVIEW_VIEW_TYPE } from './overview';
import { isAllowedExternalLink, parseFromOverview, type OverviewAction } from './protocol';
import { focusViewCommand, type CommandId } from '../commands/ids';
import { DisposableStore } from '../disposables';
import { panelOptions } from './panelOptions';

/** The fixed commands the overview's buttons may run. Webview strings are never passed to executeCommand. */
const ACTION_COMMANDS: Record<OverviewAction, CommandId | ReturnType<typeof focusViewCommand>> = {
  showModels: focusViewCommand('models'),
  showDatasets: focusViewCommand('datasets'),
  showSpaces: focusViewCommand('spaces'),
  refreshAll: 'huggingface.refresh',
  openCard: 'huggingface.openCard',
  insertTransformersSnippet: 'huggingface.insertTransformersSnippet',
};

const OVERVIEW_TITLE = 'What is Hugging Face?';

/** The single "What is Hugging Face?" panel: revealed when open, recreated after a window reload by its serializer. */
export class OverviewPanel implements vscode.Disposable {
  private static current: OverviewPanel | undefined;
  private readonly store = new DisposableStore();

  static show(extensionUri: vscode.Uri, log: Log): OverviewPanel {
    if (OverviewPanel.current) {
      OverviewPanel.current.panel.reveal();
      return OverviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, OVERVIEW_TITLE, vscode.ViewColumn.Active, panelOptions(extensionUri, { findWidget: false }));
    return new OverviewPanel(panel, extensionUri, log);
  }

  /** Recreates the panel after a window reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: Log): void {
    panel.webview.options = panelOptions(extensionUri, { findWidget: false });
    OverviewPanel.current?.dispose();
    new OverviewPanel(panel, extensionUri, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    OverviewPanel.current = this;
    panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, 'media', 'hub-light.svg'), dark: vscode.Uri.joinPath(extensionUri, 'media', 'hub-dark.svg') };
    panel.webview.html = page({
      webview: panel.webview,
      title: OVERVIEW_TITLE,
      script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'overview.js'),
      styles: [vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')],
      body: OVERVIEW_BODY,
    });
    this.store.add(panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)));
    this.store.add(panel.onDidDispose(() => this.dispose()));
  }

  private onMessage(raw: unknown): void {
    const message = parseFromOverview(raw);
    if (!message) {
      this.log.warn('Ignored an unexpected message from the overview page.');
      return;
    }
    if (message.type === 'action') {
      void vscode.commands.executeCommand(ACTION_COMMANDS[message.action]);
    } else if (message.type === 'openExternal') {
      if (isAllowedExternalLink(message.url)) {
        void vscode.env.openExternal(vscode.Uri.parse(message.url, true));
      } else {
        this.log.warn('Refused to open a link that is not an https Hugging Face page.');
      }
    }
  }

  dispose(): void {
    if (OverviewPanel.current === this) {
      OverviewPanel.current = undefined;
    }
    this.store.dispose();
    this.panel.dispose();
  }
}
