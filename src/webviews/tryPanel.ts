/**
 * Try it: one panel per model, beside its card, where the model answers through Inference Providers — a streamed chat
 * for conversational models, an image for text-to-image ones. The host owns the conversation and talks to the router
 * (src/inference/calls.ts); the page (webview/try/main.ts) shows it, rendering answers with the card's markdown
 * pipeline and sanitiser. A hidden page is discarded and shown again from the host's state; a reloaded window gets the
 * conversation back from the page's own saved state. Part of the inference chunk.
 */
import * as vscode from 'vscode';
import { repoRefFromArgument } from '../cards/repoRef';
import { notificationText } from '../hub/format';
import { repoIdProblem, repoWebUrl } from '../hub/repoId';
import { DEFAULT_SETTINGS, type ChatSettings, type ChatTurn } from '../inference/chat';
import { CODE_FIELDS, snippetModel } from '../inference/code';
import { problemFromException, type InferenceProblem } from '../inference/errors';
import { TRY_VIEW_TYPE, type InferenceDeps } from '../inference/host';
import { parseFromTry, parseTryState, type FromTry, type ImageAnswer, type ToTry, type TryMode, type TryProblem, type TryState } from '../inference/protocol';
import { callable, isChatTask, POLICIES, type ProviderChoice, type ProviderEntry } from '../inference/providers';
import { CardLinkOpener } from './cardLinks';
import type { MessageOutcome } from './cards';
import { page, SANITIZER_POLICY, TOOLKIT_POLICY } from './html';
import { panelOptions } from './panelOptions';
import { Conversation } from './tryConversation';

export class TryPanelsImpl implements vscode.Disposable {
  private readonly panels = new Map<string, TryPanel>();
  private readonly links: CardLinkOpener;

  constructor(private readonly deps: InferenceDeps) {
    this.links = new CardLinkOpener({ endpoint: () => deps.client().endpoint, log: deps.log, copyText: deps.copyText });
  }

  /** The model of a row, a card, an id, or one typed in; undefined when cancelled or refused. */
  async openFor(arg: unknown): Promise<TryPanel | undefined> {
    const parsed = repoRefFromArgument(arg);
    let id: string | undefined;
    if (parsed === undefined) {
      id = (
        await vscode.window.showInputBox({
          title: 'Try a Model with Inference Providers',
          prompt: 'A model id: "owner/name"',
          placeHolder: 'meta-llama/Llama-3.1-8B-Instruct',
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() === '' ? undefined : repoIdProblem(value.trim())),
        })
      )?.trim();
    } else if (parsed.ok && parsed.ref.type === 'model') {
      id = parsed.ref.id;
    } else {
      void vscode.window.showErrorMessage(notificationText(parsed.ok ? 'Try it works with models.' : parsed.problem));
      return undefined;
    }
    return id && !repoIdProblem(id) ? this.open(id) : undefined;
  }

  open(model: string): TryPanel {
    const existing = this.panels.get(model);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(TRY_VIEW_TYPE, `${model} · Try it`, { viewColumn: vscode.ViewColumn.Beside }, panelOptions(this.deps.extensionUri, { findWidget: true }));
    return this.adopt(panel, { model, turns: [] });
  }

  revive(panel: vscode.WebviewPanel, raw: unknown): void {
    const state = parseTryState(raw);
    if (!state || repoIdProblem(state.model) || this.panels.has(state.model)) {
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri, { findWidget: true });
    this.adopt(panel, state);
  }

  get all(): TryPanel[] {
    return [...this.panels.values()];
  }

  reload(): void {
    for (const panel of this.panels.values()) {
      panel.loaded = panel.load();
    }
  }

  private adopt(panel: vscode.WebviewPanel, restored: { model: string; turns: ChatTurn[]; settings?: ChatSettings; provider?: ProviderChoice }): TryPanel {
    const tryPanel = new TryPanel(panel, restored, this.deps, this.links, () => {
      if (this.panels.get(restored.model) === tryPanel) {
        this.panels.delete(restored.model);
      }
    });
    this.panels.set(restored.model, tryPanel);
    return tryPanel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }
}

/** Images kept per panel (the oldest go first), so a long session does not hold every picture it made. */
const IMAGES_KEPT = 8;

export class TryPanel implements vscode.Disposable {
  readonly model: string;
  /** Messages sent to the page but deltas (counted only: an endless stream must not fill memory), for tests. */
  readonly sent: ToTry[] = [];
  deltasSent = 0;
  /** URLs the panel's calls went to (router and Hub), for tests and the log; never the token. */
  readonly requests: string[] = [];
  /** The providers' load; tests wait on it. */
  loaded: Promise<void>;
  private entries: ProviderEntry[] = [];
  private mode: TryMode = 'chat';
  private loadProblem: TryProblem | undefined;
  private images: ImageAnswer[] = [];
  private imageSeq = 0;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  readonly conversation: Conversation;

  constructor(
    readonly panel: vscode.WebviewPanel,
    restored: { model: string; turns: ChatTurn[]; settings?: ChatSettings; provider?: ProviderChoice },
    private readonly deps: InferenceDeps,
    private readonly links: CardLinkOpener,
    private readonly onDispose: () => void,
  ) {
    this.model = restored.model;
    panel.iconPath = { light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-light.svg'), dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-dark.svg') };
    this.conversation = new Conversation(
      {
        model: restored.model,
        deps,
        onRequest: (url) => {
          this.requests.push(url);
          deps.log.info(`Inference Providers: POST ${url}`);
        },
        post: (m) => this.post(m),
        state: () => this.state(),
      },
      { turns: restored.turns, settings: restored.settings ?? DEFAULT_SETTINGS, provider: restored.provider ?? 'auto' },
    );
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.handleMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    this.loaded = this.load();
  }

  /** Reads who serves the model (one small request for its task, tags and provider mapping) and shows the panel for it. */
  async load(): Promise<void> {
    try {
      const body = await this.deps.client().repoFields('model', this.model, CODE_FIELDS);
      const made = snippetModel(body, this.model);
      if ('problem' in made) {
        this.entries = [];
        this.loadProblem = { kind: 'notServed', message: made.problem, retryable: false };
      } else {
        this.entries = made.providers;
        const chat = callable(this.entries).filter((e) => e.task === 'conversational');
        const images = callable(this.entries).filter((e) => e.task === 'text-to-image');
        this.mode = chat.length || (!images.length && isChatTask(made.model.pipeline_tag)) ? 'chat' : 'textToImage';
        const served = this.mode === 'chat' ? chat : images;
        this.loadProblem = served.length
          ? undefined
          : { kind: 'notServed', message: `No Inference Provider serves ${this.model} for chat or text-to-image. Its card lists who serves it, if anyone.`, retryable: false };
        if (!this.offered().some((o) => o.value === this.conversation.provider)) {
          this.conversation.provider = 'auto';
        }
      }
    } catch (error) {
      const problem: InferenceProblem = problemFromException(error);
      this.loadProblem = { kind: problem.kind, message: `Who serves ${this.model} could not be read: ${problem.message}`, retryable: true };
    }
    this.postState();
  }

  /** Policies (chat only: the router takes them on its OpenAI-compatible API) and the providers that serve this task. */
  private offered(): TryState['providers'] {
    const task = this.mode === 'chat' ? 'conversational' : 'text-to-image';
    const policies = (this.mode === 'chat' ? (Object.keys(POLICIES) as (keyof typeof POLICIES)[]) : (['auto'] as const)).map((p) => ({ value: p, label: POLICIES[p] }));
    const providers = callable(this.entries)
      .filter((e) => e.task === task)
      .map((e) => ({ value: e.provider as ProviderChoice, label: e.name, ...(e.status === 'staging' ? { detail: 'staging' } : {}) }));
    return [...policies, ...providers];
  }

  state(): TryState {
    return {
      model: this.model,
      mode: this.mode,
      providers: this.offered(),
      provider: this.conversation.provider,
      turns: this.conversation.turnsNow(),
      settings: this.conversation.settings,
      images: this.images,
      busy: this.conversation.busy,
      ...(this.conversation.problem ?? this.loadProblem ? { problem: this.conversation.problem ?? this.loadProblem } : {}),
      signedIn: this.conversation.signedIn,
      endpoint: this.deps.client().endpoint,
    };
  }

  private postState(): void {
    this.post({ type: 'state', state: this.state() });
  }

  private post(message: ToTry): void {
    if (this.disposed) {
      return;
    }
    if (message.type === 'delta') {
      this.deltasSent++;
    } else {
      this.sent.push(message);
    }
    // A page that is not ready (hidden, reloading) gets the whole state when it says it is; deltas meanwhile are dropped.
    if (this.ready || message.type === 'state') {
      void this.panel.webview.postMessage(message);
    }
  }

  /** What the host did with a message from the page (tests read it). */
  async handleMessage(raw: unknown): Promise<MessageOutcome> {
    const message: FromTry | undefined = parseFromTry(raw);
    if (!message) {
      this.deps.log.warn('Ignored a malformed message from a Try it page.');
      return { accepted: false, reason: 'malformed message' };
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.conversation.dropPending();
        this.postState();
        return { accepted: true, did: 'sent the state' };
      case 'send':
        if (this.loadProblem) {
          return { accepted: false, reason: 'no provider serves this model' };
        }
        if (!this.offered().some((o) => o.value === message.provider)) {
          return { accepted: false, reason: 'provider not offered' };
        }
        this.conversation.settings = message.settings;
        this.conversation.provider = message.provider;
        void (this.mode === 'chat' ? this.conversation.send(message.text) : this.makeImage(message.text));
        return { accepted: true, did: this.mode === 'chat' ? 'asking the model' : 'making an image' };
      case 'saveImage':
        return this.saveImage(message.id);
      case 'openLink':
        return this.links.open(message.href);
      case 'action':
        return this.runAction(message.action);
    }
  }

  private runAction(action: Extract<FromTry, { type: 'action' }>['action']): MessageOutcome {
    switch (action) {
      case 'stop':
        return this.conversation.stop() ? { accepted: true, did: 'stopped the answer' } : { accepted: false, reason: 'nothing to stop' };
      case 'regenerate':
        void this.conversation.regenerate();
        return { accepted: true, did: 'asking again' };
      case 'clear':
        this.conversation.clear();
        this.images = [];
        this.postState();
        return { accepted: true, did: 'cleared the conversation' };
      case 'retry':
        if (this.loadProblem?.retryable) {
          this.loaded = this.load();
          return { accepted: true, did: 'reading the providers again' };
        }
        void this.conversation.retry();
        return { accepted: true, did: 'retrying' };
      case 'signIn':
        void this.deps.signIn().then(() => {
          this.conversation.problem = undefined;
          this.loaded = this.load();
        });
        return { accepted: true, did: 'signing in' };
      case 'copyCode':
        void this.conversation.copyAsCode(this.entries);
        return { accepted: true, did: 'copying the conversation as code' };
      case 'insertCode':
        void vscode.commands.executeCommand('huggingface.insertInferenceCode', { type: 'model', id: this.model }, { provider: this.conversation.provider });
        return { accepted: true, did: 'inserting inference code' };
    }
  }

  private async makeImage(prompt: string): Promise<void> {
    const result = await this.conversation.image(prompt);
    if (result) {
      const image: ImageAnswer = { id: ++this.imageSeq, prompt, mime: result.mime, base64: Buffer.from(result.bytes).toString('base64') };
      this.images = [...this.images, image].slice(-IMAGES_KEPT);
    }
    this.postState();
  }

  private async saveImage(id: number): Promise<MessageOutcome> {
    const image = this.images.find((i) => i.id === id);
    if (!image) {
      return { accepted: false, reason: 'no such image' };
    }
    const extension = image.mime === 'image/jpeg' ? 'jpg' : image.mime === 'image/webp' ? 'webp' : 'png';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.model.split('/').pop() ?? 'image'}-${image.id}.${extension}`;
    const target = await vscode.window.showSaveDialog({ title: 'Save Image', defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { Images: [extension] } });
    if (!target) {
      return { accepted: false, reason: 'cancelled' };
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(image.base64, 'base64'));
    return { accepted: true, did: `saved ${target.fsPath}` };
  }

  render(): void {
    const media = (...p: string[]) => vscode.Uri.joinPath(this.deps.extensionUri, ...p);
    this.ready = false;
    const hub = repoWebUrl({ endpoint: this.deps.client().endpoint, type: 'model', id: this.model });
    this.panel.webview.html = page({
      webview: this.panel.webview,
      title: `${this.model} · Try it`,
      script: [media('dist', 'webview', 'toolkit.js'), media('dist', 'webview', 'try.js')],
      styles: [media('media', 'webview.css'), media('media', 'card.css'), media('media', 'try.css')],
      body: `<main id="try" aria-busy="true" data-hub="${hub.replace(/[^A-Za-z0-9:/._~%-]/g, '')}"><p class="status" role="status" aria-live="polite">Loading…</p></main>`,
      // Answer images are shown from blob: URLs the page makes from the bytes the host sent; no remote image ever loads.
      imgSources: ['blob:'],
      trustedTypes: [TOOLKIT_POLICY, SANITIZER_POLICY],
    });
  }

  get html(): string {
    return this.panel.webview.html;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.conversation.dispose();
    this.onDispose();
    this.panel.dispose();
    while (this.disposables.length) {
      this.disposables.pop()?.dispose();
    }
  }
}
