// The composition root. activate() builds every service, registers every view, command and provider, and wires every
// reaction to a change of settings or session, in this one function: each is one hop away from here.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { AccountStatus } from './auth/accountUi';
import { Session } from './auth/session';
import { accountKey, installationSalt } from './cards/account';
import { HubClients } from './clients';
import type { CommandContext } from './commands/context';
import { registerCommands } from './commands/index';
import { copyText, insertModelSnippet } from './commands/repo';
import { Downloads } from './downloads/downloads';
import { HfFileSystem } from './fs/hfFileSystem';
import type { HubClient } from './hub/client';
import { HF_SCHEME } from './hub/hfUri';
import { CodeInsightsHost } from './language/codeInsights';
import { machineOf } from './localApps/quants';
import { LocalCacheHost } from './localCache/host';
import { Log } from './log';
import { Settings } from './settings';
import { TokensHost } from './tokens/host';
import { ExploreTreeProvider } from './views/exploreTree';
import { HubViews } from './views/hubViews';
import type { RepoTreeProvider } from './views/repoTree';
import { CARD_VIEW_TYPE, CardPanels } from './webviews/cards';
import { OVERVIEW_VIEW_TYPE, overviewSerializer } from './webviews/overview';
import { VIEWER_VIEW_TYPE, ViewerPanels } from './webviews/viewer';
import { resolveViewer } from './viewer/endpoint';
import { InferenceHost, TRY_VIEW_TYPE } from './inference/host';
import { DISCUSSION_VIEW_TYPE, DiscussionsHost } from './discussions/host';

export type { OpenCardOutcome } from './commands/openCard';

/** What `activate()` returns: the views, for tests and for extensions that build on this one. Holds no token. */
export interface ExtensionApi {
  trees: Record<'models' | 'datasets' | 'spaces', RepoTreeProvider>;
  views: HubViews;
  /** The open card panels (tests read their HTML and send them messages). */
  cards: CardPanels;
  /** Downloads into the Hugging Face cache or a folder, and their queue. */
  downloads: Downloads;
  /** The open dataset viewers (tests read what they sent and send them messages). */
  viewers: ViewerPanels;
  /** The Local Cache (tests load its view and index, read the tree and run its deletions). */
  localCache: LocalCacheHost;
  /** Token counts with a model's tokenizer (tests load it and read the status bar). */
  tokens: TokensHost;
  /** Inference Providers: the Try it panels (tests read what they sent and send them messages) and inference code. */
  inference: InferenceHost;
  /** Discussions and pull requests: the picker and the thread panels (tests read what they were sent). */
  discussions: DiscussionsHost;
  /** The Explore view: daily papers, collections, likes (tests read its rows). */
  explore: ExploreTreeProvider;
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

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // Services. Nothing here touches the network until a view or command asks for it.
  const settings = new Settings();
  const log = new Log();
  const version = String((context.extension.packageJSON as { version?: unknown }).version);
  const clients = new HubClients({ settings, log, token: (): Promise<string | undefined> => session.token(), userAgent: `hf-hub-vscode/${version} vscode/${vscode.version}` });
  const client = (): HubClient => clients.get();
  const session: Session = new Session(context.secrets, { endpoint: () => client().endpoint, log });
  // The local Hugging Face cache: read when a view, a card, a hover or a diagnostic first asks, never here.
  const localCache = new LocalCacheHost({ override: () => settings.cacheDirectory, log });
  const views = new HubViews({
    client,
    log,
    settings,
    state: context.workspaceState,
    openRepo: (repo) => cards.open({ type: repo.type, id: repo.id }),
    loadTasks: async () => (await import('./hub/tasks.lazy')).hubTasks(),
    machine: async () => machineOf(os.totalmem(), settings.hardwareGpu, settings.hardwareGpuMemory, (await import('./hub/tasks.lazy')).hardwareList()),
    cached: (repo) => localCache.mark(repo.type, repo.id),
  });
  const downloads = new Downloads({
    client,
    log,
    hasToken: async () => (await session.token()) !== undefined,
    signIn: async () => {
      await session.signIn();
    },
    insertLoadCode: (id) => insertModelSnippet({ client, log }, 'transformers', id),
    cache: {
      get directory() {
        return settings.cacheDirectory;
      },
      refresh: () => localCache.refresh(),
    },
  });
  const account = async (): Promise<string> => accountKey(await session.token(), installationSalt(context.globalState));
  const cards: CardPanels = new CardPanels({
    extensionUri: context.extensionUri,
    client,
    log,
    images: () => settings.cardImages,
    insertSnippet: (library, id) => insertModelSnippet({ client, log }, library, id),
    copyText,
    signIn: async () => {
      await session.signIn();
    },
    hasToken: async () => (await session.token()) !== undefined,
    account,
    storageFolder: vscode.Uri.joinPath(context.globalStorageUri, 'cards').fsPath,
    storageBytes: () => settings.cardCacheBytes,
    download: (ref) => downloads.download(ref),
    cachedLine: async (type, id) => (await localCache.inCache(type, id)) || undefined,
    openCard: (ref) => cards.open(ref),
    userName: () => session.current.account?.name,
  });
  const viewers = new ViewerPanels({
    extensionUri: context.extensionUri,
    log,
    hubEndpoint: () => client().endpoint,
    viewer: () => resolveViewer(client().endpoint, settings.datasetViewerEndpoint, settings.datasetViewerAssetHost),
    token: () => session.token(),
    userAgent: `hf-hub-vscode/${version} vscode/${vscode.version}`,
    signIn: async () => {
      await session.signIn();
    },
    copyText,
  });
  const inference = new InferenceHost({
    extensionUri: context.extensionUri,
    client,
    log,
    routerSetting: () => settings.inferenceRouter,
    token: () => session.token(),
    signIn: async () => {
      await session.signIn();
    },
    copyText,
  });
  const discussions = new DiscussionsHost({ extensionUri: context.extensionUri, client, log, copyText });
  const insights = new CodeInsightsHost({
    client,
    signedIn: async () => (await session.token()) !== undefined,
    enabled: () => settings.codeInsightsEnabled,
    log,
    inCache: (type, id) => localCache.inCache(type, id),
  });
  // Token counts: the chosen model is remembered per workspace; the tokenizer loads after activation, never in it.
  const tokens = new TokensHost({ extensionUri: context.extensionUri, state: context.workspaceState, client, cacheOverride: () => settings.cacheDirectory, log });
  const explore = new ExploreTreeProvider({ client, account: () => session.current.account });
  const commands: CommandContext = { extensionUri: context.extensionUri, log, session, views, cards, viewers, client, downloads, localCache, tokens, inference, discussions, explore, account };

  context.subscriptions.push(
    clients,
    session,
    views,
    cards,
    downloads,
    viewers,
    inference,
    discussions,
    insights,
    localCache,
    tokens,
    explore,
    // Commands (src/commands/), the status bar, the Explore view, restored panels and hf: files.
    ...registerCommands(commands),
    new AccountStatus(session),
    vscode.window.registerTreeDataProvider('huggingface.help', explore),
    vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, overviewSerializer(context.extensionUri, log)),
    vscode.window.registerWebviewPanelSerializer(CARD_VIEW_TYPE, cards.serializer()),
    vscode.window.registerWebviewPanelSerializer(VIEWER_VIEW_TYPE, viewers.serializer()),
    vscode.window.registerWebviewPanelSerializer(TRY_VIEW_TYPE, inference.serializer()),
    vscode.window.registerWebviewPanelSerializer(DISCUSSION_VIEW_TYPE, discussions.serializer()),
    vscode.workspace.registerFileSystemProvider(HF_SCHEME, new HfFileSystem({ client, log }), {
      isCaseSensitive: true,
      isReadonly: new vscode.MarkdownString('Files on the Hugging Face Hub open read-only.'),
    }),
    // Reactions, each in one place.
    clients.onDidCreate(() => void session.refreshAccount()), // the first use of the Hub looks up the account (one whoami, only with a token)
    clients.onDidRefuseToken(() => void session.tokenRefused()),
    localCache.onDidChange(() => {
      Object.values(views.trees).forEach((tree) => tree.repaintCachedMarks());
      insights.applySettings(); // diagnostics look again: the offline one depends on what is cached
    }),
    settings.onDidChange((change) => {
      if (change.endpoint) {
        clients.reset();
        insights.reset();
      }
      if (change.endpoint || change.pageSize) {
        views.refresh();
      }
      if (change.savedSearches) {
        views.applySavedSearches();
      }
      if (change.endpoint || change.cardImages) {
        cards.applySettings({ reload: change.endpoint });
      }
      if (change.endpoint || change.datasetViewer) {
        viewers.reload();
      }
      if (change.endpoint || change.inferenceRouter) {
        inference.reload();
      }
      if (change.endpoint) {
        discussions.reload();
        explore.refresh();
      }
      if (change.codeInsights) {
        insights.applySettings();
      }
      if (change.cacheDirectory) {
        localCache.applySettings();
        tokens.applySettings();
      }
    }),
    session.onDidChange(({ state, tokenChanged }) => {
      views.setAccount(state.account);
      explore.refresh(); // "My likes" follows the account
      if (tokenChanged) {
        // What the Hub showed with the other token (or none) no longer holds: lists, private and gated cards, insights.
        views.refresh();
        cards.applySettings({ reload: true });
        viewers.reload();
        inference.reload();
        discussions.reload();
        insights.reset();
      }
    }),
    log, // last, so what the others log while they close still has somewhere to go
  );
  return {
    trees: views.trees,
    views,
    cards,
    downloads,
    viewers,
    localCache,
    tokens,
    inference,
    discussions,
    explore,
    diagnostics: () => ({ openCards: cards.all.length, pendingRequests: clients.pendingRequests, subscriptions: context.subscriptions.length }),
    recentLog: () => log.recent(),
  };
}

export function deactivate(): void {}
