/**
 * Cards, the part that loads at activation: the serializer registration and a facade that loads the panel code
 * (./cardPanel.lazy.ts, a chunk of its own) when the first card opens or is restored.
 */
import type * as vscode from 'vscode';
import type { SnippetKind } from '../cards/model';
import type { RepoRef } from '../cards/repoRef';
import type { CardImagePolicy } from '../cards/urls';
import type { HubClient } from '../hub/client';
import type { Log } from '../log';
import type * as CardPanelLazy from './cardPanel.lazy';
import { LazyPanels } from './lazyPanels';

export { CARD_VIEW_TYPE } from './cardViewType';

export interface CardDeps {
  extensionUri: vscode.Uri;
  client: () => HubClient;
  log: Log;
  images: () => CardImagePolicy;
  insertSnippet: (library: SnippetKind, id: string) => Promise<unknown>;
  copyText: (text: string) => Promise<void>;
  signIn: () => Promise<void>;
  /** Who requests are made as, for the card cache's keys: `anonymous` or a salted fingerprint of the token (never the token). */
  account: () => Promise<string>;
  /** The folder cards are kept in across reloads (the extension's global storage), and its size bound in bytes (0: none kept). */
  storageFolder?: string;
  storageBytes: () => number;
  /** Whether requests carry a token (a gated card then says "request access" rather than "sign in"). */
  hasToken: () => Promise<boolean>;
  /** Starts "Download…" for the card's repo (the downloads wizard asks the rest). */
  download: (ref: RepoRef) => Promise<unknown>;
  /** The header's "In your cache" line ("2.1 GB at main"), or undefined when the repo is not cached. */
  cachedLine?: (type: RepoRef['type'], id: string) => Promise<string | undefined>;
  /** Opens another repo's card (a base model named in the model tree). */
  openCard: (ref: RepoRef) => Promise<unknown>;
  /** The signed-in account's name (its likes), or undefined when signed out. */
  userName: () => string | undefined;
}

/** What the host did with a message from a card page; tests read it. */
export type MessageOutcome = { accepted: true; did: string } | { accepted: false; reason: string };

export type CardPanel = CardPanelLazy.CardPanel;

export class CardPanels extends LazyPanels<CardPanelLazy.CardPanelsImpl> {
  constructor(deps: CardDeps) {
    super(async () => new (await import('./cardPanel.lazy')).CardPanelsImpl(deps));
  }

  /** Shows the card of `ref` (validated by the caller), revealing its panel when it is already open. */
  async open(ref: RepoRef, options: { preserveFocus?: boolean } = {}): Promise<CardPanel> {
    return (await this.panels()).open(ref, options);
  }

  /** The open panel of a repo, if any. */
  get(ref: RepoRef): CardPanel | undefined {
    return this.impl?.get(ref);
  }

  get all(): CardPanel[] {
    return this.impl?.all ?? [];
  }

  /** Settings changed: card pages get a new CSP, and load again when the endpoint changed. */
  applySettings(options: { reload?: boolean } = {}): void {
    this.impl?.applySettings(options);
  }
}
