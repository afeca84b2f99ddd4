import * as vscode from 'vscode';
import { AccountStatus, showAccountMenu } from './auth/accountUi';
import { parseRepoInput, repoRefFromArgument, type RepoRef } from './cards/repoRef';
import { Session } from './auth/session';
import { COMMANDS } from './commands';
import { HubClient } from './hub/client';
import { resolveEndpoint } from './hub/endpoint';
import { notificationText } from './hub/format';
import { encodePath, repoWebUrl, type RepoType } from './hub/repoId';
import { HF_SCHEME } from './hub/hfUri';
import { HfFileSystem, openRepoFile } from './fs/hfFileSystem';
import type { FileEntry, RepoSummary } from './hub/types';
import type { SnippetLibrary } from './snippets/plan';
import { Log } from './log';
import { Settings } from './settings';
import { registerCodeInsights } from './language/codeInsights';
import { HelpTreeProvider } from './views/helpTree';
import { HubViews } from './views/hubViews';
import type { RepoTreeProvider } from './views/repoTree';
import { insertSnippet, type SnippetArg, type SnippetOutcome } from './views/snippets';
import { CARD_VIEW_TYPE, CardPanels } from './webviews/cards';
import { OverviewPanel, OVERVIEW_VIEW_TYPE } from './webviews/overviewPanel';

/** What `activate()` returns: the views, for tests and for extensions that build on this one. Holds no token. */
export interface ExtensionApi {
  trees: Record<'models' | 'datasets' | 'spaces', RepoTreeProvider>;
  views: HubViews;
  /** The open card panels (tests read their HTML and send them messages). */
  cards: CardPanels;
  /** Counts of what the extension holds open, for leak checks (the soak test reads them). */
  diagnostics(): Diagnostics;
  /** The output channel's recent lines (redacted, as shown there), so tests can check that a failure's cause was logged. */
  recentLog(): { total: number; lines: readonly string[] };
}

/** Counts only: nothing from the Hub, no token. */
export interface Diagnostics {
  openCards: number;
  /** Hub requests sent and not yet answered (headers) or failed. */
  pendingRequests: number;
  /** Disposables registered with the extension context (commands, providers, listeners). */
  subscriptions: number;
}

/** What "Open Card…" returns (tests read it). */
export type OpenCardOutcome = { opened: true; type: RepoType; id: string } | { opened: false; reason: 'cancelled' | 'invalid'; message?: string };

/**
 * The composition root's state: settings, log, the Hub client (built on first use) and the views. Activation only wires
 * these together; nothing here touches the network until a view or command asks for it.
 */
export class Extension implements vscode.Disposable {
  readonly settings = new Settings();
  readonly log = new Log();
  readonly views: HubViews;
  readonly session: Session;
  readonly cards: CardPanels;
  private clientInstance: HubClient | undefined;
  private pendingRequests = 0;

  constructor(readonly context: vscode.ExtensionContext) {
    this.session = new Session(context.secrets, { endpoint: () => this.client.endpoint, log: this.log });
    this.views = new HubViews({
      client: () => this.client,
      log: this.log,
      settings: this.settings,
      state: context.workspaceState,
      openRepo: (repo) => this.openRepo(repo),
      loadTasks: async () => (await import('./hub/tasks.lazy')).hubTasks(),
    });
    this.cards = new CardPanels({
      extensionUri: context.extensionUri,
      client: () => this.client,
      log: this.log,
      images: () => this.settings.cardImages,
      insertSnippet: (library, id) => this.insertSnippet(library, id),
      copyText: (text) => this.copyText(text),
      signIn: () => this.signIn(),
      hasToken: async () => (await this.session.token()) !== undefined,
    });
    this.session.onDidChange(({ state, tokenChanged }) => {
      this.views.setAccount(state.account);
      if (tokenChanged) {
        this.views.refresh();
        // Private and gated cards read differently with another token (or none).
        this.cards.applySettings({ reload: true });
      }
    });
  }

  /** The Hub client for the current endpoint; rebuilt when the endpoint setting changes. */
  get client(): HubClient {
    if (!this.clientInstance) {
      const choice = resolveEndpoint(this.settings.endpoint, process.env);
      if (choice.problem) {
        this.log.warn(`Ignoring ${choice.problem} Using ${choice.endpoint}.`);
      }
      this.log.info(`Hub endpoint: ${choice.endpoint} (from ${choice.source})`);
      this.clientInstance = new HubClient({
        endpoint: choice.endpoint,
        token: this.session.token,
        userAgent: `hf-hub-vscode/${String((this.context.extension.packageJSON as { version?: unknown }).version)} vscode/${vscode.version}`,
        fetch: (input, init) => {
          this.pendingRequests++;
          return globalThis.fetch(input, init).finally(() => this.pendingRequests--);
        },
        onAttempt: ({ method, url, status, error, retryInMs, requestId }) => {
          const outcome = error ? `${error.kind}` : String(status);
          const retry = retryInMs !== undefined ? `, retrying in ${retryInMs} ms` : '';
          this.log.info(`${method} ${url} → ${outcome}${retry}${requestId ? ` [${requestId}]` : ''}`);
          if (error?.kind === 'unauthorized') {
            void this.session.tokenRefused();
          }
        },
      });
      // The first use of the Hub is also when the account is looked up (one whoami request, only if a token exists).
      void this.session.refreshAccount();
    }
    return this.clientInstance;
  }

  /**
   * Refresh of one view lists it again; Refresh of everything also checks who is signed in, so a token set by
   * `hf auth login` or in the environment is picked up without a reload.
   */
  async refresh(type?: RepoType): Promise<void> {
    if (type) {
      this.views.refresh(type);
    } else {
      await this.session.refreshAccount(true);
    }
  }

  async signIn(): Promise<void> {
    await this.session.signIn();
  }

  async signOut(): Promise<void> {
    await this.session.signOut();
  }

  showAccount(): Promise<void> {
    return showAccountMenu(this.session, this.client.endpoint);
  }

  openOverview(): void {
    OverviewPanel.show(this.context.extensionUri, this.log);
  }

  /** Opens a repo the user chose (a tree row, a search result): its card. */
  async openRepo(repo: RepoSummary): Promise<void> {
    await this.cards.open({ type: repo.type, id: repo.id });
  }

  /**
   * "Open Card…": the card of the repo given as `{type, id}`, a tree row or a model id, or else of the repo id (or
   * Hub address) the user types. An invalid id shows a message and opens nothing.
   */
  async openCard(arg?: unknown): Promise<OpenCardOutcome> {
    let ref: RepoRef;
    const given = repoRefFromArgument(arg);
    if (given) {
      if (!given.ok) {
        void vscode.window.showErrorMessage(notificationText(given.problem));
        return { opened: false, reason: 'invalid', message: given.problem };
      }
      ref = given.ref;
    } else {
      const endpoint = this.client.endpoint;
      const text = await vscode.window.showInputBox({
        title: 'Open Card',
        prompt: 'A repo id or Hub address: "owner/name" (a model), "datasets/owner/name", "spaces/owner/name"',
        placeHolder: 'openai-community/gpt2',
        ignoreFocusOut: true,
        validateInput: (value) => {
          const parsed = value.trim() === '' ? undefined : parseRepoInput(value, endpoint);
          return parsed && !parsed.ok ? parsed.problem : undefined;
        },
      });
      if (text === undefined || text.trim() === '') {
        return { opened: false, reason: 'cancelled' };
      }
      const parsed = parseRepoInput(text, endpoint);
      if (!parsed.ok) {
        void vscode.window.showErrorMessage(notificationText(parsed.problem));
        return { opened: false, reason: 'invalid', message: parsed.problem };
      }
      ref = parsed.ref;
    }
    await this.cards.open(ref);
    return { opened: true, ...ref };
  }

  async openOnHub(type: RepoType, id: string, path?: string): Promise<void> {
    const base = repoWebUrl({ endpoint: this.client.endpoint, type, id });
    const url = path ? `${base}/blob/main/${encodePath(path)}` : base;
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** Opens a repo file in a read-only editor; weights and other big files offer the Hub page instead. */
  openFile(repo: { type: RepoType; id: string }, entry: FileEntry): Promise<'opened' | 'refused'> {
    return openRepoFile(repo, entry, () => this.openOnHub(repo.type, repo.id, entry.path));
  }

  /** Inserts the Hub's snippet for a model (a tree row, a repo id, or picked from a search) into the editor. */
  insertSnippet(library: SnippetLibrary, target?: SnippetArg): Promise<SnippetOutcome> {
    return insertSnippet(
      {
        client: () => this.client,
        log: this.log,
        loadTasks: () => import('./hub/tasks.lazy'),
        openOnHub: (id) => this.openOnHub('model', id),
      },
      library,
      target,
    );
  }

  diagnostics(): Diagnostics {
    return { openCards: this.cards.all.length, pendingRequests: this.pendingRequests, subscriptions: this.context.subscriptions.length };
  }

  async copyText(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${text}`, 2500);
  }

  onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (Settings.affectsClient(event)) {
      this.clientInstance = undefined;
      this.views.refresh();
    } else if (Settings.affectsLists(event)) {
      this.views.refresh();
    }
    if (Settings.affectsSavedSearches(event)) {
      this.views.applySavedSearches();
    }
    if (Settings.affectsCards(event) || Settings.affectsClient(event)) {
      this.cards.applySettings({ reload: Settings.affectsClient(event) });
    }
  }

  dispose(): void {
    this.cards.dispose();
    this.session.dispose();
    this.views.dispose();
    this.log.dispose();
  }
}

function registerCommands(ext: Extension): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ext) as (...args: unknown[]) => unknown));
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ext = new Extension(context);
  context.subscriptions.push(
    ext,
    ...registerCommands(ext),
    new AccountStatus(ext.session),
    vscode.window.registerTreeDataProvider('huggingface.help', new HelpTreeProvider()),
    vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, OverviewPanel.serializer(context.extensionUri, ext.log)),
    vscode.window.registerWebviewPanelSerializer(CARD_VIEW_TYPE, ext.cards.serializer()),
    vscode.workspace.onDidChangeConfiguration((e) => ext.onConfigurationChanged(e)),
    registerCodeInsights(ext),
    vscode.workspace.registerFileSystemProvider(HF_SCHEME, new HfFileSystem({ client: () => ext.client, log: ext.log }), {
      isCaseSensitive: true,
      isReadonly: new vscode.MarkdownString('Files on the Hugging Face Hub open read-only.'),
    }),
  );
  return { trees: ext.views.trees, views: ext.views, cards: ext.cards, diagnostics: () => ext.diagnostics(), recentLog: () => ext.log.recent() };
}

export function deactivate(): void {}
