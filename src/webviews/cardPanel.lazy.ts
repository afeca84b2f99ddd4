/**
 * Model, dataset and Space cards: one webview panel per repo, revealed when that repo is opened again (like VS Code's
 * extension details), restored after a window reload by a serializer from the only state the page keeps, `{type, id}`.
 *
 * The host fetches the details and the README (at most 1 MiB of it; the rest is never downloaded) and sends them as
 * data; the page parses the Markdown, sanitises it and renders it. The host never parses the README, so a huge or
 * pathological card can only slow its own webview. Every message from the page is validated; actions map to fixed
 * methods here, and links open through ./cardLinks.ts (http, https and mailto only; other sites after asking).
 *
 * A chunk of its own (dist/cardPanel.lazy.js), loaded when the first card opens; ./cards.ts is the part that loads at
 * activation. What a card shows is loaded by src/cards/loader.ts.
 */
import * as vscode from 'vscode';
import { cardCache, loadCard, type CachedCard } from '../cards/loader';
import type { CardData, SnippetKind } from '../cards/model';
import type { RepoRef } from '../cards/repoRef';
import { imageCspSources } from '../cards/urls';
import type { LruCache } from '../hub/cache';
import { CardStore } from '../cards/store';
import { asHubError, isCancellation } from '../hub/errors';
import { ggufLine } from '../hub/ggufFacts';
import { repoIdProblem, repoWebUrl } from '../hub/repoId';
import { escapeHtml, page, SANITIZER_POLICY, TOOLKIT_POLICY } from './html';
import { CardLinkOpener } from './cardLinks';
import { CardConnections } from './cardConnections';
import type { CardDeps, MessageOutcome } from './cards';
import { CARD_VIEW_TYPE } from './cardViewType';
import { parseCardState, parseFromCard, type CardAction, type ToCard } from './protocol';
import { panelOptions } from './panelOptions';

/** DOMPurify's Trusted Types policy: the only way card HTML reaches the page's DOM. */
/** The card page's policy for the one script address it loads itself, the math chunk's (webview/math/loader.ts). */
const MATH_LOADER_POLICY = 'hf-math-loader';

function key(ref: RepoRef): string {
  return `${ref.type}:${ref.id}`;
}

/** The open card panels, one per repo. */
const CARD_COMMAND_DID = { useModel: 'opened Use this model', chooseTokenizer: 'counting tokens with this model', tryModel: 'opened Try it', inferenceCode: 'inserting inference code' } as const;

export class CardPanelsImpl implements vscode.Disposable {
  private readonly panels = new Map<string, CardPanel>();
  /** Cards and details by endpoint and repo, revalidated on every load (see CardPanel.detailsAndReadme). */
  private readonly cache = cardCache();
  /** The same cards on disk, so that they survive a window reload (and open offline). */
  private readonly store: CardStore | undefined;

  constructor(private readonly deps: CardDeps) {
    this.store = deps.storageFolder ? new CardStore(deps.storageFolder, deps.storageBytes) : undefined;
  }

  /** Shows the card of `ref` (validated by the caller), revealing its panel when it is already open. */
  open(ref: RepoRef, options: { preserveFocus?: boolean } = {}): CardPanel {
    const existing = this.panels.get(key(ref));
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      CARD_VIEW_TYPE,
      ref.id,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      panelOptions(this.deps.extensionUri, { findWidget: true }),
    );
    return this.adopt(panel, ref);
  }

  get(ref: RepoRef): CardPanel | undefined {
    return this.panels.get(key(ref));
  }

  get all(): CardPanel[] {
    return [...this.panels.values()];
  }

  /** Recreates a card panel after a window reload from the `{type, id}` its page saved. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    const ref = parseCardState(state);
    if (!ref || repoIdProblem(ref.id) || this.panels.has(key(ref))) {
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri, { findWidget: true });
    this.adopt(panel, ref);
  }

  /** The image setting changed: every card page is rendered again with the new CSP (and loaded again for a new endpoint). */
  applySettings(options: { reload?: boolean } = {}): void {
    for (const card of this.panels.values()) {
      card.render();
      if (options.reload) {
        void card.load();
      }
    }
  }

  private adopt(panel: vscode.WebviewPanel, ref: RepoRef): CardPanel {
    const card = new CardPanel(panel, ref, this.deps, {
      cache: this.cache,
      store: this.store,
      disposed: (c) => {
        if (this.panels.get(key(c.ref)) === c) {
          this.panels.delete(key(c.ref));
        }
      },
      renamed: (c, from) => {
        if (this.panels.get(key(from)) === c) {
          this.panels.delete(key(from));
        }
        const open = this.panels.get(key(c.ref));
        if (open && open !== c) {
          // The repo's card is already open under its new id: that one stays, this one gives way to it.
          open.panel.reveal();
          c.dispose();
          return false;
        }
        this.panels.set(key(c.ref), c);
        return true;
      },
    });
    this.panels.set(key(ref), card);
    void card.load();
    return card;
  }

  dispose(): void {
    for (const card of [...this.panels.values()]) {
      card.dispose();
    }
    this.panels.clear();
  }
}

export class CardPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** What the page shows; sent again whenever the page (re)loads and says it is ready. */
  private current: ToCard;
  private ready = false;
  private abort: AbortController | undefined;
  private disposed = false;
  /** Resolves when the current load has finished (tests wait on it). */
  loaded: Promise<void> = Promise.resolve();
  /** How long the page took to render the card it was last sent, as it reported; undefined until it has. */
  renderedMs: number | undefined;
  private readonly links: CardLinkOpener;
  /** Derived-model counts and a building Space's runtime, asked for after the card is shown (./cardConnections.ts). */
  readonly connections: CardConnections;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public ref: RepoRef,
    private readonly deps: CardDeps,
    private readonly owner: { cache: LruCache<CachedCard>; store?: CardStore; disposed: (card: CardPanel) => void; renamed: (card: CardPanel, from: RepoRef) => boolean },
  ) {
    this.current = { type: 'loading', repo: ref };
    this.links = new CardLinkOpener({ endpoint: () => deps.client().endpoint, log: deps.log, copyText: deps.copyText });
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-dark.svg'),
    };
    this.connections = new CardConnections({ client: deps.client, account: deps.account, log: deps.log, post: (m) => this.ready && !this.disposed && void panel.webview.postMessage(m), visible: () => panel.visible, openCard: deps.openCard, userName: deps.userName, signIn: deps.signIn });
    this.disposables.push(
      this.connections,
      panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw)),
      panel.onDidChangeViewState(() => panel.visible && this.connections.resume()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
  }

  /** The page's HTML as last set (tests check its CSP). */
  get html(): string {
    return this.panel.webview.html;
  }

  /** What the page was last sent. */
  get state(): ToCard {
    return this.current;
  }

  /** Sets the page's HTML: a fresh nonce and the CSP for the current image setting. The page then says it is ready. */
  render(): void {
    const media = (...p: string[]) => vscode.Uri.joinPath(this.deps.extensionUri, ...p);
    const uri = (...p: string[]) => escapeHtml(this.panel.webview.asWebviewUri(media(...p)).toString());
    this.ready = false;
    this.renderedMs = undefined;
    this.panel.webview.html = page({
      webview: this.panel.webview,
      title: this.ref.id,
      script: [media('dist', 'webview', 'toolkit.js'), media('dist', 'webview', 'card.js')],
      styles: [media('media', 'webview.css'), media('media', 'card.css')],
      // The math chunk's addresses: the page loads it only for a card with math.
      body: `<main id="card" aria-busy="true" data-math-script="${uri('dist', 'webview', 'math.js')}" data-math-style="${uri('dist', 'webview', 'katex', 'katex.min.css')}"><p class="status" role="status" aria-live="polite">Loading…</p></main>`,
      imgSources: imageCspSources(this.deps.images(), this.deps.client().endpoint),
      trustedTypes: [TOOLKIT_POLICY, SANITIZER_POLICY, MATH_LOADER_POLICY],
    });
  }

  /** Fetches the details and the README again and sends them to the page. */
  load(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.renderedMs = undefined;
    this.post({ type: 'loading', repo: this.ref });
    const deps = {
      client: this.deps.client(),
      cache: this.owner.cache,
      store: this.owner.store,
      account: this.deps.account,
      images: this.deps.images(),
      hasToken: this.deps.hasToken,
      warn: (m: string) => this.deps.log.warn(m),
    };
    this.loaded = loadCard(deps, this.ref, abort.signal).then(
      async ({ card, renamedTo }) => {
        card.header.cached = await this.deps.cachedLine?.(card.header.type, card.header.id).catch(() => undefined);
        if (abort.signal.aborted || this.disposed) {
          return;
        }
        if (renamedTo) {
          // The card, its title and its saved state follow the repo's new id.
          const from = this.ref;
          this.ref = renamedTo;
          if (!this.owner.renamed(this, from)) {
            return;
          }
          this.panel.title = renamedTo.id;
        }
        this.post({ type: 'card', card });
        await Promise.all([this.connections.start(card.header), this.readGgufHeader(card, abort.signal)]);
      },
      (e: unknown) => {
        if (abort.signal.aborted || this.disposed || isCancellation(e)) {
          return;
        }
        const error = asHubError(e, 'The card could not be loaded.');
        this.deps.log.warn(`Card ${this.ref.type} ${this.ref.id}: ${error.message}`);
        this.post({ type: 'error', repo: this.ref, message: error.message, retryable: error.retryable, signIn: error.signInMayHelp });
      },
    );
    return this.loaded;
  }

  /**
   * A GGUF model's card shows the Hub's summary first, then what one file's own header says (its quant type), read with
   * a few MB of range requests. The card message kept for a page reload carries it too. A failure leaves the summary.
   */
  private async readGgufHeader(card: CardData, signal: AbortSignal): Promise<void> {
    const { header } = card;
    if (!header.ggufFile || header.ggufHeader) {
      return;
    }
    try {
      const read = await this.deps.client().ggufHeader(header.id, header.ggufFile, 'main', { signal });
      const line = ggufLine(read.facts);
      if (signal.aborted || this.disposed || !line) {
        return;
      }
      header.ggufHeader = { file: header.ggufFile, line };
      if (this.ready) {
        void this.panel.webview.postMessage({ type: 'ggufHeader', file: header.ggufFile, line } satisfies ToCard);
      }
    } catch (e) {
      if (!isCancellation(e) && !signal.aborted) {
        this.deps.log.warn(`Card ${header.id}: the header of ${header.ggufFile} could not be read: ${asHubError(e, 'unknown error').message}`);
      }
    }
  }

  private post(message: ToCard): void {
    this.current = message;
    if (this.ready && !this.disposed) {
      void this.panel.webview.postMessage(message);
    }
  }

  /** Validates and handles one message from the page. Public so tests can send what a compromised page might. */
  handleMessage(raw: unknown): MessageOutcome {
    const message = parseFromCard(raw);
    if (!message) {
      this.deps.log.warn('Ignored an unexpected message from a card page.');
      return { accepted: false, reason: 'not a card message' };
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        void this.panel.webview.postMessage(this.current);
        return { accepted: true, did: 'sent the card' };
      case 'rendered':
        this.renderedMs = message.ms;
        this.deps.log.info(`Card ${this.ref.id} rendered in ${Math.round(message.ms)} ms.`);
        return { accepted: true, did: 'logged' };
      case 'openLink':
        return this.links.open(message.href);
      case 'openRepo':
      case 'showRelated':
      case 'showCiting':
      case 'openCollection':
      case 'openDiscussion':
        return this.connections.follow(message);
      case 'discussions':
        void this.connections.discussionsPage(message.page);
        return { accepted: true, did: `reading page ${message.page} of the discussions` };
      case 'action':
        return this.runAction(message.action);
    }
  }

  private runAction(action: CardAction): MessageOutcome {
    const header = this.current.type === 'card' ? this.current.card.header : undefined;
    const pageUrl = repoWebUrl({ endpoint: this.deps.client().endpoint, ...this.ref });
    switch (action) {
      case 'insertTransformers':
      case 'insertDiffusers': {
        const library: SnippetKind = action === 'insertTransformers' ? 'transformers' : 'diffusers';
        if (!header?.snippets.includes(library)) {
          return { accepted: false, reason: `no ${library} snippet for this repo` };
        }
        void this.deps.insertSnippet(library, header.id);
        return { accepted: true, did: `inserting the ${library} snippet` };
      }
      case 'copyId':
        void this.deps.copyText(this.ref.id);
        return { accepted: true, did: 'copied the id' };
      case 'openOnHub':
        void vscode.env.openExternal(vscode.Uri.parse(pageUrl, true));
        return { accepted: true, did: 'opened the Hub page' };
      case 'requestAccess':
        // The access form is on the repo's Hub page; the extension never submits it on the user's behalf.
        if (!header?.gated) {
          return { accepted: false, reason: 'this repo is not gated' };
        }
        void vscode.env.openExternal(vscode.Uri.parse(pageUrl, true));
        return { accepted: true, did: 'opened the access request page' };
      case 'showFiles':
        void vscode.env.openExternal(vscode.Uri.parse(`${pageUrl}/tree/main`, true));
        return { accepted: true, did: 'opened the files page' };
      case 'download':
        void this.deps.download(this.ref);
        return { accepted: true, did: 'starting a download' };
      case 'like':
        void this.connections.toggleLike();
        return { accepted: true, did: 'toggling the like' };
      case 'useModel':
      case 'chooseTokenizer':
      case 'tryModel':
      case 'inferenceCode': {
        // Each command takes the card's repo and asks the rest in its own pickers or panel.
        if (this.ref.type !== 'model') {
          return { accepted: false, reason: 'not a model' };
        }
        const command = action === 'inferenceCode' ? 'insertInferenceCode' : action;
        void vscode.commands.executeCommand(`huggingface.${command}`, this.ref);
        return { accepted: true, did: CARD_COMMAND_DID[action] };
      }
      case 'openDatasetViewer':
        if (this.ref.type !== 'dataset') {
          return { accepted: false, reason: 'not a dataset' };
        }
        void vscode.commands.executeCommand('huggingface.openDatasetViewer', this.ref);
        return { accepted: true, did: 'opened the dataset viewer' };
      case 'openApp':
      case 'openAppInEditor': {
        const url = this.connections.appUrl;
        if (!url) {
          return { accepted: false, reason: 'the Space is not running' };
        }
        void (action === 'openApp' ? vscode.env.openExternal(vscode.Uri.parse(url, true)) : vscode.commands.executeCommand('simpleBrowser.show', url));
        return { accepted: true, did: `opened ${url}` };
      }
      case 'retry':
        void this.load();
        return { accepted: true, did: 'reloading' };
      case 'signIn':
        void this.deps.signIn().then(() => this.load());
        return { accepted: true, did: 'signing in' };
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.abort?.abort();
    this.owner.disposed(this);
    this.panel.dispose();
    while (this.disposables.length) {
      this.disposables.pop()?.dispose();
    }
  }
}
