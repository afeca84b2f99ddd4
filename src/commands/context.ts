import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { Downloads } from '../downloads/downloads';
import type { DiscussionsHost } from '../discussions/host';
import type { HubClient } from '../hub/client';
import type { InferenceHost } from '../inference/host';
import type { LocalCacheHost } from '../localCache/host';
import type { Log } from '../log';
import type { TokensHost } from '../tokens/host';
import type { ExploreTreeProvider } from '../views/exploreTree';
import type { HubViews } from '../views/hubViews';
import type { CardPanels } from '../webviews/cards';
import type { ViewerPanels } from '../webviews/viewer';

/** What commands may use: the services activate() built. Commands get this, never the extension's internals. */
export interface CommandContext {
  readonly extensionUri: vscode.Uri;
  readonly log: Log;
  readonly session: Session;
  readonly views: HubViews;
  readonly cards: CardPanels;
  readonly viewers: ViewerPanels;
  /** The Hub client for the current endpoint. */
  readonly client: () => HubClient;
  readonly downloads: Downloads;
  /** The Local Cache view and its index (loaded on first use). */
  readonly localCache: LocalCacheHost;
  /** Token counts, tokens and chat templates (loaded on first use). */
  readonly tokens: TokensHost;
  /** Inference Providers: Try it panels and inference code (loaded on first use). */
  readonly inference: InferenceHost;
  /** A repo's Discussions and pull requests, read-only (loaded on first use). */
  readonly discussions: DiscussionsHost;
  /** The Explore view: daily papers, collections, likes (lists loaded on first use). */
  readonly explore: ExploreTreeProvider;
  /** Who requests are made as, for session caches: `anonymous` or a salted fingerprint of the token (never the token). */
  readonly account: () => Promise<string>;
}
