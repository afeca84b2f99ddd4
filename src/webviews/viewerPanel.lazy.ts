/**
 * Dataset viewers: one webview panel per dataset, revealed when that dataset is opened again, restored after a reload
 * from the only state the page keeps (`{dataset, config, split}`). The host talks to the viewer API (src/viewer/) and
 * sends the page formatted, capped cells as data; the page builds its table with DOM text only. Every message from the
 * page is validated (src/viewer/protocol.ts) and maps to a fixed method here.
 *
 * A chunk of its own (dist/viewerPanel.lazy.js), loaded when the first viewer opens; ./viewer.ts loads at activation.
 */
import * as vscode from 'vscode';
import { repoIdProblem, repoWebUrl } from '../hub/repoId';
import { insertAtCursor } from '../views/snippets';
import { ViewerClient } from '../viewer/client';
import { loadDatasetCode } from '../viewer/code';
import { parseFromViewer, parseViewerState, type ToViewer, type ViewerAction } from '../viewer/protocol';
import { ViewerSession } from '../viewer/session';
import { page } from './html';
import type { MessageOutcome } from './cards';
import { VIEWER_VIEW_TYPE, type ViewerDeps } from './viewer';
import { panelOptions } from './panelOptions';

const CELL_SCHEME = 'hf-dataset-cell';
const CELLS_KEPT = 20;

/** Read-only documents of opened cells, the most recent CELLS_KEPT. */
class CellDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  add(title: string, text: string, json: boolean): vscode.Uri {
    const safe = [...title].map((c) => (c === '/' || c === '\\' || c === '?' || c === '#' || c === '%' ? '_' : c)).join('');
    const uri = vscode.Uri.from({ scheme: CELL_SCHEME, path: `/${safe}${json ? '.json' : '.txt'}`, query: String(++this.seq) });
    this.texts.set(uri.toString(), text);
    for (const oldest of this.texts.keys()) {
      if (this.texts.size <= CELLS_KEPT) {
        break;
      }
      this.texts.delete(oldest);
    }
    return uri;
  }
}

export class ViewerPanelsImpl implements vscode.Disposable {
  private readonly panels = new Map<string, ViewerPanel>();
  private readonly cells = new CellDocuments();
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: ViewerDeps) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(CELL_SCHEME, this.cells);
  }

  open(dataset: string, split?: { config: string; split: string }): ViewerPanel {
    const existing = this.panels.get(dataset);
    if (existing) {
      existing.panel.reveal();
      if (split) {
        void existing.session.choose(split);
      }
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEWER_VIEW_TYPE, `${dataset} · Viewer`, vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri, { findWidget: true }));
    return this.adopt(panel, { dataset, ...split });
  }

  get(dataset: string): ViewerPanel | undefined {
    return this.panels.get(dataset);
  }

  get all(): ViewerPanel[] {
    return [...this.panels.values()];
  }

  revive(panel: vscode.WebviewPanel, raw: unknown): void {
    const state = parseViewerState(raw);
    if (!state || repoIdProblem(state.dataset) || this.panels.has(state.dataset)) {
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri, { findWidget: true });
    this.adopt(panel, state);
  }

  reload(): void {
    for (const viewer of this.panels.values()) {
      viewer.restart();
    }
  }

  private adopt(panel: vscode.WebviewPanel, state: { dataset: string; config?: string; split?: string }): ViewerPanel {
    const viewer = new ViewerPanel(panel, state, this.deps, this.cells, () => {
      if (this.panels.get(state.dataset) === viewer) {
        this.panels.delete(state.dataset);
      }
    });
    this.panels.set(state.dataset, viewer);
    return viewer;
  }

  dispose(): void {
    for (const viewer of [...this.panels.values()]) {
      viewer.dispose();
    }
    this.registration.dispose();
  }
}

export class ViewerPanel implements vscode.Disposable {
  session: ViewerSession;
  private client: ViewerClient;
  private assetOrigin = '';
  private ready = false;
  /** Messages for the page while it is not ready: the last of each kind that matters. */
  private backlog: ToViewer[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** What was last sent, by type (tests read it). */
  readonly sent: ToViewer[] = [];
  /** Resolves when the current load has finished (tests wait on it). */
  loaded: Promise<void> = Promise.resolve();

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: { dataset: string; config?: string; split?: string },
    private readonly deps: ViewerDeps,
    private readonly cells: CellDocuments,
    private readonly onDispose: () => void,
  ) {
    panel.iconPath = { light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-light.svg'), dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-dark.svg') };
    this.client = this.buildClient();
    this.session = this.buildSession(state);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.handleMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    this.loaded = this.session.load();
  }

  get dataset(): string {
    return this.session.dataset;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** Viewer requests this panel sent, for tests: the client's log of URLs. */
  readonly requests: string[] = [];

  private buildClient(): ViewerClient {
    const viewer = this.deps.viewer();
    this.assetOrigin = viewer.assetOrigin;
    return new ViewerClient({
      viewer,
      token: this.deps.token,
      userAgent: this.deps.userAgent,
      onAttempt: ({ method, url, status, error, retryInMs }) => {
        this.requests.push(url);
        const retry = retryInMs !== undefined ? `, retrying in ${retryInMs} ms` : '';
        this.deps.log.info(`${method} ${url} → ${error ? error.kind : String(status)}${retry}`);
      },
    });
  }

  private buildSession(state: { dataset: string; config?: string; split?: string }): ViewerSession {
    return new ViewerSession({ client: this.client, assetOrigin: this.assetOrigin, post: (m) => this.post(m), warn: (line) => this.deps.log.warn(line) }, state);
  }

  /** Settings or the session changed: a new client (endpoint, token rule), the page rendered and loaded again. */
  restart(): void {
    const state = this.session.state;
    this.session.dispose();
    this.client = this.buildClient();
    this.session = this.buildSession(state);
    this.render();
    this.loaded = this.session.load();
  }

  render(): void {
    const media = (...p: string[]) => vscode.Uri.joinPath(this.deps.extensionUri, ...p);
    this.ready = false;
    const html = page({
      webview: this.panel.webview,
      title: `${this.dataset} · Viewer`,
      script: media('dist', 'webview', 'viewer.js'),
      styles: [media('media', 'webview.css'), media('media', 'viewer.css')],
      body: '<main id="viewer" aria-busy="true"><p class="status" role="status" aria-live="polite">Loading…</p></main>',
      imgSources: [this.assetOrigin],
      trustedTypes: [],
    });
    // Audio cells play from the asset host only; page() allows no media at all.
    this.panel.webview.html = html.replace("media-src 'none'", `media-src ${this.assetOrigin}`);
  }

  private post(message: ToViewer): void {
    this.sent.push(message);
    if (this.sent.length > 200) {
      this.sent.splice(0, this.sent.length - 200);
    }
    if (this.disposed) {
      return;
    }
    if (!this.ready) {
      // Pages of a table not yet shown are dropped; the page asks again for what it shows.
      if (message.type === 'loading' || message.type === 'dataset' || message.type === 'table' || message.type === 'problem') {
        this.backlog = this.backlog.filter((m) => m.type !== message.type && !(message.type === 'table' && m.type === 'page'));
      }
      this.backlog.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  /** Validates and handles one message from the page. Public so tests can send what a compromised page might. */
  async handleMessage(raw: unknown): Promise<MessageOutcome> {
    const message = parseFromViewer(raw);
    if (!message) {
      this.deps.log.warn('Ignored an unexpected message from a dataset viewer page.');
      return { accepted: false, reason: 'not a viewer message' };
    }
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const backlog = this.backlog;
        this.backlog = [];
        for (const m of backlog) {
          void this.panel.webview.postMessage(m);
        }
        return { accepted: true, did: 'sent the viewer' };
      }
      case 'choose':
        await this.session.choose(message);
        return { accepted: true, did: 'chose a split' };
      case 'page':
        await this.session.page(message.key, message.page);
        return { accepted: true, did: 'sent a page' };
      case 'search':
        await this.session.search(message.query);
        return { accepted: true, did: 'searched' };
      case 'filter':
        await this.session.filter(message.where, message.orderby);
        return { accepted: true, did: 'filtered' };
      case 'clearQuery':
        await this.session.openTable('rows');
        return { accepted: true, did: 'cleared the query' };
      case 'statistics':
        await this.session.statistics();
        return { accepted: true, did: 'sent statistics' };
      case 'openCell':
        return this.openCell(message.key, message.row, message.column);
      case 'copyRow': {
        const values = await this.session.rowValues(message.key, message.row);
        if (!values) {
          return { accepted: false, reason: 'no such row' };
        }
        await this.deps.copyText(JSON.stringify(values));
        return { accepted: true, did: 'copied the row' };
      }
      case 'rendered':
        this.deps.log.info(`Dataset viewer ${this.dataset}: first rows shown in ${Math.round(message.ms)} ms.`);
        return { accepted: true, did: 'logged' };
      case 'action':
        return this.runAction(message.action);
    }
  }

  private async openCell(key: string, row: number, column: number): Promise<MessageOutcome> {
    const cell = await this.session.cell(key, row, column);
    if (!cell) {
      return { accepted: false, reason: 'no such cell' };
    }
    const uri = this.cells.add(cell.title, cell.text, cell.json);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return { accepted: true, did: 'opened the cell' };
  }

  private async runAction(action: ViewerAction): Promise<MessageOutcome> {
    const pageUrl = repoWebUrl({ endpoint: this.deps.hubEndpoint(), type: 'dataset', id: this.dataset });
    switch (action) {
      case 'insertCode':
      case 'insertStreamingCode':
        return this.insertCode(action === 'insertStreamingCode');
      case 'openOnHub':
        await vscode.env.openExternal(vscode.Uri.parse(`${pageUrl}/viewer`, true));
        return { accepted: true, did: 'opened the Hub page' };
      case 'requestAccess':
        await vscode.env.openExternal(vscode.Uri.parse(pageUrl, true));
        return { accepted: true, did: 'opened the access request page' };
      case 'signIn':
        await this.deps.signIn();
        return { accepted: true, did: 'signing in' };
      case 'retry':
        this.loaded = this.session.retryLast();
        await this.loaded;
        return { accepted: true, did: 'retried' };
    }
  }

  private async insertCode(streaming: boolean): Promise<MessageOutcome> {
    const { config, split } = this.session.state;
    if (!config || !split || repoIdProblem(this.dataset)) {
      return { accepted: false, reason: 'no split chosen' };
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'python' && !e.document.isClosed);
    const hasImport = editor?.document.getText().includes('from datasets import load_dataset') ?? false;
    const code = loadDatasetCode(this.dataset, config, split, { streaming, withImport: !hasImport });
    if (!code) {
      return { accepted: false, reason: 'the config or split name cannot be written into code' };
    }
    if (editor && (await insertAtCursor(editor, code)) !== undefined) {
      return { accepted: true, did: 'inserted the code' };
    }
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: code });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
    return { accepted: true, did: 'inserted the code in a new file' };
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.session.dispose();
    this.onDispose();
    this.panel.dispose();
    while (this.disposables.length) {
      this.disposables.pop()?.dispose();
    }
  }
}
