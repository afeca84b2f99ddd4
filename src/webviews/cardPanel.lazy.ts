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
 * activation. Errors from the Hub client come from the main bundle, whose HubError class is not this chunk's copy, so
 * they are recognised by name, not with instanceof.
 */
import * as vscode from 'vscode';
import { cardHeader } from '../cards/header';
import type { CardAccess, CardData, ReadmeState, SnippetKind } from '../cards/model';
import type { RepoRef } from '../cards/repoRef';
import { CARD_RENDER_LIMIT_BYTES } from '../cards/truncate';
import { imageCspSources, repoPageUrl } from '../cards/urls';
import { dataBytes, LruCache, stringBytes } from '../hub/cache';
import type { HubClient } from '../hub/client';
import { HubError } from '../hub/errors';
import { repoIdProblem } from '../hub/repoId';
import type { RepoDetails } from '../hub/types';
import { page, TOOLKIT_POLICY } from './html';
import { CardLinkOpener } from './cardLinks';
import type { CardDeps, MessageOutcome } from './cards';
import { CARD_VIEW_TYPE } from './cardViewType';
import { parseCardState, parseFromCard, type CardAction, type ToCard } from './protocol';

/** DOMPurify's Trusted Types policy: the only way card HTML reaches the page's DOM. */
const SANITIZER_POLICY = 'dompurify';

/** A HubError thrown by the main bundle's client (see the module comment). */
function asHubError(e: unknown): HubError | undefined {
  return e instanceof Error && e.name === 'HubError' && typeof (e as { kind?: unknown }).kind === 'string' ? (e as HubError) : undefined;
}

function isCancelled(e: unknown): boolean {
  return asHubError(e)?.kind === 'cancelled';
}

function key(ref: RepoRef): string {
  return `${ref.type}:${ref.id}`;
}

/** A README as the card got it: its state, and what revalidates it next time. */
interface FetchedReadme {
  state: ReadmeState;
  etag?: string;
  /** The commit it was read at (`X-Repo-Commit`). */
  commit?: string;
  /** The Hub answered 304 to a conditional request: the cached text is current. */
  notModified?: boolean;
  /** Why the state is `unavailable`. */
  error?: HubError;
}

/** What a card shows, kept after its panel closes so that opening it again costs one conditional request. */
interface CachedCard {
  details: RepoDetails;
  readme: FetchedReadme;
}

const OFFLINE_NOTICE = 'Offline (HF_HUB_OFFLINE): showing the cached copy.';

/** 200 cards and about 8 MB: a day of browsing, READMEs cut at 1 MiB each. */
function cardCache(): LruCache<CachedCard> {
  return new LruCache<CachedCard>({
    maxEntries: 200,
    maxBytes: 8 * 1024 * 1024,
    sizeOf: (card) => dataBytes(card.details) + (card.readme.state.kind === 'text' ? stringBytes(card.readme.state.markdown) : 0),
  });
}

/** The open card panels, one per repo. */
export class CardPanelsImpl implements vscode.Disposable {
  private readonly panels = new Map<string, CardPanel>();
  /** Cards and details by endpoint and repo, revalidated on every load (see CardPanel.detailsAndReadme). */
  private readonly cache = cardCache();

  constructor(private readonly deps: CardDeps) {}

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
      cardPanelOptions(this.deps.extensionUri),
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
    panel.webview.options = cardPanelOptions(this.deps.extensionUri);
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
      disposed: (c) => {
        if (this.panels.get(key(c.ref)) === c) {
          this.panels.delete(key(c.ref));
        }
      },
      renamed: (c, from) => {
        if (this.panels.get(key(from)) === c) {
          this.panels.delete(key(from));
        }
        if (!this.panels.has(key(c.ref))) {
          this.panels.set(key(c.ref), c);
        }
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

/** Webview options of a card panel (security-reliability.md W1). */
export function cardPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
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

  constructor(
    readonly panel: vscode.WebviewPanel,
    public ref: RepoRef,
    private readonly deps: CardDeps,
    private readonly owner: { cache: LruCache<CachedCard>; disposed: (card: CardPanel) => void; renamed: (card: CardPanel, from: RepoRef) => void },
  ) {
    this.current = { type: 'loading', repo: ref };
    this.links = new CardLinkOpener({ endpoint: () => deps.client().endpoint, log: deps.log, copyText: deps.copyText });
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'hub-dark.svg'),
    };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw)),
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
    this.ready = false;
    this.renderedMs = undefined;
    this.panel.webview.html = page({
      webview: this.panel.webview,
      title: this.ref.id,
      script: [media('dist', 'webview', 'toolkit.js'), media('dist', 'webview', 'card.js')],
      styles: [media('media', 'webview.css'), media('media', 'card.css')],
      body: '<main id="card" aria-busy="true"><p class="status" role="status" aria-live="polite">Loading…</p></main>',
      imgSources: imageCspSources(this.deps.images(), this.deps.client().endpoint),
      trustedTypes: [TOOLKIT_POLICY, SANITIZER_POLICY],
    });
  }

  /** Fetches the details and the README again and sends them to the page. */
  load(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.renderedMs = undefined;
    this.post({ type: 'loading', repo: this.ref });
    this.loaded = this.fetchCard(abort.signal).then(
      (card) => {
        if (!abort.signal.aborted && !this.disposed) {
          this.post({ type: 'card', card });
        }
      },
      (e: unknown) => {
        if (abort.signal.aborted || this.disposed || isCancelled(e)) {
          return;
        }
        const error = asHubError(e) ?? new HubError('badResponse', 'The card could not be loaded.', { cause: e });
        this.deps.log.warn(`Card ${this.ref.type} ${this.ref.id}: ${error.message}`);
        this.post({
          type: 'error',
          repo: this.ref,
          message: error.message,
          retryable: error.retryable,
          signIn: error.kind === 'unauthorized' || (error.kind === 'notFound' && error.status === 401),
        });
      },
    );
    return this.loaded;
  }

  private async fetchCard(signal: AbortSignal): Promise<CardData> {
    const client = this.deps.client();
    const { type, id } = this.ref;
    const { details, readme, notice } = await this.detailsAndReadme(client, signal);
    if (details.id !== id && !repoIdProblem(details.id)) {
      // A renamed repo answers with its new id: the card, its title and its saved state follow it.
      const from = this.ref;
      this.ref = { type, id: details.id };
      this.panel.title = details.id;
      this.owner.renamed(this, from);
    }
    // An id the Hub answered with that is not a valid repo id is not shown, linked or resolved against: the id asked for is.
    const shownId = this.ref.id;
    const header = cardHeader({ ...details, id: shownId }, client.endpoint);
    if (details.gated && !client.offline) {
      header.access = await this.access(client, signal);
    }
    return {
      header,
      readme: readme.state,
      location: { endpoint: client.endpoint, type, id: shownId, revision: readme.commit ?? details.sha ?? 'main' },
      images: this.deps.images(),
      notice,
    };
  }

  /**
   * The details and the README, from the cache while the Hub says they are current: a cached card costs one conditional
   * README request, whose 304 (README unchanged) carries the repo's commit, which tells whether the cached details are
   * still those of the repo's head. In offline mode (`HF_HUB_OFFLINE`) a cached card is shown as it is, saying so.
   */
  private async detailsAndReadme(client: HubClient, signal: AbortSignal): Promise<{ details: RepoDetails; readme: FetchedReadme; notice?: string }> {
    const { type, id } = this.ref;
    const cacheKey = `${client.endpoint} ${type}/${id}`;
    const cached = this.owner.cache.get(cacheKey);
    if (cached && client.offline) {
      return { ...cached, notice: OFFLINE_NOTICE };
    }
    let details: RepoDetails;
    let readme: FetchedReadme;
    if (cached?.readme.etag) {
      const fresh = await this.fetchReadme(client, signal, cached.readme.etag);
      if (fresh.error) {
        // The Hub is failing: asking it for the details as well would only double the wait for the same error.
        throw fresh.error;
      }
      readme = fresh.notModified ? { ...cached.readme, commit: fresh.commit ?? cached.readme.commit } : fresh;
      const detailsCurrent = fresh.notModified === true && (fresh.commit === undefined || fresh.commit === cached.details.sha);
      details = detailsCurrent ? cached.details : await client.repoDetails(type, id, undefined, { signal });
    } else {
      [details, readme] = await Promise.all([client.repoDetails(type, id, undefined, { signal }), this.fetchReadme(client, signal)]);
    }
    if (readme.state.kind === 'text' || readme.state.kind === 'missing') {
      this.owner.cache.set(cacheKey, { details, readme: { state: readme.state, etag: readme.etag, commit: readme.commit } });
    } else {
      this.owner.cache.delete(cacheKey);
    }
    return { details, readme };
  }

  /** The caller's access to a gated repo (one auth-check request); undefined when the Hub did not say. */
  private async access(client: HubClient, signal: AbortSignal): Promise<CardAccess | undefined> {
    try {
      const state = await client.accessState(this.ref.type, this.ref.id, { signal });
      if (state === 'granted') {
        return 'granted';
      }
      if (state === 'gated') {
        return (await this.deps.hasToken()) ? 'request' : 'signIn';
      }
      return undefined;
    } catch (thrown) {
      if (isCancelled(thrown)) {
        throw thrown;
      }
      this.deps.log.warn(`Access check for ${this.ref.id}: ${asHubError(thrown)?.message ?? String(thrown)}`);
      return undefined;
    }
  }

  /** The README; with `etag`, a conditional request that answers `notModified` (and no text) when it is unchanged. */
  private async fetchReadme(client: HubClient, signal: AbortSignal, etag?: string): Promise<FetchedReadme> {
    try {
      const readme = await client.readme(this.ref.type, this.ref.id, 'main', { signal, truncateAt: CARD_RENDER_LIMIT_BYTES, etag });
      if (!readme) {
        return { state: { kind: 'missing' } };
      }
      return {
        state: { kind: 'text', markdown: readme.text, cut: readme.truncated === true },
        etag: readme.etag,
        commit: readme.commit,
        notModified: readme.notModified,
      };
    } catch (thrown) {
      const e = asHubError(thrown);
      if (!e || e.kind === 'cancelled') {
        throw thrown;
      }
      if (e.kind === 'gated') {
        return { state: { kind: 'gated', message: e.message } };
      }
      if (e.kind === 'notFound' && e.code !== 'RepoNotFound' && e.status !== 401) {
        return { state: { kind: 'missing' } };
      }
      // The details decide whether the card fails as a whole; without them this error is shown in place of the text.
      return { state: { kind: 'unavailable', message: e.message }, error: e };
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
      case 'action':
        return this.runAction(message.action);
    }
  }

  private runAction(action: CardAction): MessageOutcome {
    const header = this.current.type === 'card' ? this.current.card.header : undefined;
    const pageUrl = repoPageUrl({ endpoint: this.deps.client().endpoint, ...this.ref });
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
