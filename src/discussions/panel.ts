/**
 * One thread in an editor tab: the host reads it (`…/discussions/{num}`, never the diff), checks it
 * (./model.ts) and sends it to the page (webview/discussion.ts), which renders each comment's markdown with the card
 * pipeline and sanitiser under a strict CSP. The page asks for fixed actions (open on the Hub to reply, retry) and for
 * links, which open through the card's link opener. One panel per repo and number.
 */
import * as vscode from 'vscode';
import type { RepoRef } from '../cards/repoRef';
import { isCancellation, isHubError } from '../hub/errors';
import { notificationText } from '../hub/format';
import { repoWebUrl } from '../hub/repoId';
import type { CardLinkOpener } from '../webviews/cardLinks';
import type { MessageOutcome } from '../webviews/cards';
import { page, SANITIZER_POLICY, TOOLKIT_POLICY } from '../webviews/html';
import { panelOptions } from '../webviews/panelOptions';
import { DISCUSSION_VIEW_TYPE, type DiscussionsDeps } from './host';
import { kindText, parseDiscussionThread } from './model';
import { parseFromDiscussion, type ToDiscussion } from './protocol';

export class DiscussionPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** Messages sent to the page, in order (tests read them). */
  readonly sent: ToDiscussion[] = [];
  /** The load in progress, or the last one; tests wait on it. */
  loaded: Promise<void>;
  private current: ToDiscussion;
  private controller = new AbortController();
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly ref: RepoRef,
    readonly num: number,
    private readonly deps: DiscussionsDeps,
    private readonly links: CardLinkOpener,
    private readonly onDispose: () => void,
    /** A panel VS Code restored after a reload, adopted instead of a new one. */
    restored?: vscode.WebviewPanel,
  ) {
    this.current = { type: 'loading', repo: ref, num };
    this.panel = restored ?? vscode.window.createWebviewPanel(DISCUSSION_VIEW_TYPE, `#${num} · ${ref.id}`, { viewColumn: vscode.ViewColumn.Active }, panelOptions(deps.extensionUri, { findWidget: true }));
    if (restored) {
      restored.webview.options = panelOptions(deps.extensionUri, { findWidget: true });
    }
    this.panel.iconPath = { light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-light.svg'), dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-dark.svg') };
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    this.loaded = this.load();
  }

  /** The page's HTML as last set (tests check its CSP). */
  get html(): string {
    return this.panel.webview.html;
  }

  /** What the page was last sent. */
  get state(): ToDiscussion {
    return this.current;
  }

  /** Reads the thread again and sends it; a failure is sent as the page's error state. */
  load(): Promise<void> {
    this.controller.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.post({ type: 'loading', repo: this.ref, num: this.num });
    this.loaded = this.fetchThread(controller.signal);
    return this.loaded;
  }

  private async fetchThread(signal: AbortSignal): Promise<void> {
    const client = this.deps.client();
    try {
      const body = await client.discussions(this.ref.type, this.ref.id, { num: this.num }, { signal });
      const thread = parseDiscussionThread(body, new URL(client.endpoint).host, this.num);
      if (signal.aborted || this.disposed) {
        return;
      }
      this.panel.title = `#${thread.num} ${thread.title}`.slice(0, 80);
      this.post({ type: 'thread', repo: this.ref, endpoint: client.endpoint, thread, now: new Date().toISOString() });
      if (thread.skippedEvents) {
        this.deps.log.warn(`${kindText(thread.isPullRequest)} #${thread.num} of ${this.ref.id}: ${thread.skippedEvents} event(s) not shown.`);
      }
    } catch (e) {
      if (signal.aborted || this.disposed || isCancellation(e)) {
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.deps.log.warn(`Discussion #${this.num} of ${this.ref.id} could not be read: ${message}`);
      const retryable = !isHubError(e) || !['notFound', 'badRequest'].includes(e.kind);
      this.post({ type: 'error', repo: this.ref, num: this.num, message: notificationText(message).slice(0, 500), retryable });
    }
  }

  private post(message: ToDiscussion): void {
    this.current = message;
    this.sent.push(message);
    if (this.sent.length > 50) {
      this.sent.splice(0, this.sent.length - 50);
    }
    void this.panel.webview.postMessage(message);
  }

  handleMessage(raw: unknown): MessageOutcome {
    const message = parseFromDiscussion(raw);
    if (!message) {
      this.deps.log.warn('Ignored an unexpected message from a discussion page.');
      return { accepted: false, reason: 'not a discussion message' };
    }
    switch (message.type) {
      case 'ready':
        void this.panel.webview.postMessage(this.current);
        return { accepted: true, did: 'sent the thread' };
      case 'openLink':
        return this.links.open(message.href);
      case 'action':
        if (message.action === 'retry') {
          void this.load();
          return { accepted: true, did: 'loading again' };
        }
        void vscode.env.openExternal(vscode.Uri.parse(this.hubUrl, true));
        return { accepted: true, did: `opened ${this.hubUrl}` };
    }
  }

  /** The thread's page on the Hub, where a reply is written. */
  get hubUrl(): string {
    return `${repoWebUrl({ endpoint: this.deps.client().endpoint, ...this.ref })}/discussions/${this.num}`;
  }

  render(): void {
    const media = (...p: string[]) => vscode.Uri.joinPath(this.deps.extensionUri, ...p);
    this.panel.webview.html = page({
      webview: this.panel.webview,
      title: `#${this.num} · ${this.ref.id}`,
      script: [media('dist', 'webview', 'toolkit.js'), media('dist', 'webview', 'discussion.js')],
      styles: [media('media', 'webview.css'), media('media', 'card.css'), media('media', 'discussion.css')],
      body: '<main id="discussion" aria-busy="true"><p class="status" role="status" aria-live="polite">Loading…</p></main>',
      // No image of a comment is loaded (anyone can post one that reports who read the thread).
      trustedTypes: [TOOLKIT_POLICY, SANITIZER_POLICY],
    });
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.controller.abort();
    this.onDispose();
    this.panel.dispose();
    while (this.disposables.length) {
      this.disposables.pop()?.dispose();
    }
  }
}
