/**
 * The parts of a card that connect its repo to others and that the host asks for after the card is shown: how many
 * models derive from a model (one list request, ../connections/derived.ts), the papers it cites (one request each,
 * ../connections/paperReads.ts), and a building Space's runtime, asked again
 * every few seconds while its card is visible until it settles (at most MAX_POLLS times). Loaded with the card panel.
 */
import { countDerived } from '../connections/derived';
import { collectionsHolding } from '../connections/collectionReads';
import { likedBy, setLiked } from '../connections/likeReads';
import { readPapers } from '../connections/paperReads';
import { MAX_PAGES, parseDiscussionPage, rowText } from '../discussions/model';
import { isTransient, parseRuntime, runtimeView } from '../connections/runtime';
import * as vscode from 'vscode';
import type { CardHeader } from '../cards/model';
import type { RepoRef } from '../cards/repoRef';
import type { HubClient } from '../hub/client';
import { asHubError, isCancellation } from '../hub/errors';
import type { Log } from '../log';
import type { MessageOutcome } from './cards';
import type { FromCard, ToCard } from './protocol';

/** The page's requests to follow one of the card's connections. */
export type FollowMessage = Extract<FromCard, { type: 'openRepo' | 'showRelated' | 'showCiting' | 'openCollection' | 'openDiscussion' }>;


export const POLL_MS = 5_000;
/** Five minutes of a building Space; after that the card says the stage it last saw and stops asking. */
export const MAX_POLLS = 60;

export interface ConnectionDeps {
  client: () => HubClient;
  /** Who requests are made as (a fingerprint, never the token): counts may include that account's private models. */
  account: () => Promise<string>;
  log: Log;
  /** Posts to the page if it is ready; what the card message carries covers a page that reloads. */
  post: (message: ToCard) => void;
  /** Whether the panel is on screen: a hidden card does not poll. */
  visible: () => boolean;
  openCard: (ref: RepoRef) => unknown;
  /** The signed-in account's name, for its likes; undefined when signed out. */
  userName: () => string | undefined;
  signIn: () => Promise<void>;
}

export class CardConnections implements vscode.Disposable {
  private abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polls = 0;
  private header: CardHeader | undefined;
  private liking = false;
  /** Thread numbers the card listed: the only ones it may open. */
  private readonly listed = new Set<number>();

  constructor(private readonly deps: ConnectionDeps) {}

  /** A card was sent: count its derived models, or follow its Space's build. */
  start(header: CardHeader): Promise<void> {
    this.stop();
    this.header = header;
    this.polls = 0;
    this.listed.clear();
    const signal = this.abort.signal;
    const reads = [this.papers(header, signal), this.collections(header, signal), this.liked(header, signal)];
    // The Hub's own total says whether a model has anything to count; without it, one list request asks.
    if (header.type === 'model' && header.derivedTotal !== 0) {
      reads.push(this.count(header, signal));
    }
    if (header.type === 'space' && isTransient(header.runtime?.stage ?? header.stage)) {
      this.schedule();
    }
    return Promise.all(reads).then(() => undefined);
  }

  /** The collections that hold the repo (the first few, as the Hub ranks them; one request a session). */
  private async collections(header: CardHeader, signal: AbortSignal): Promise<void> {
    const client = this.deps.client();
    if (client.offline) {
      return;
    }
    try {
      const collections = await collectionsHolding(client, header.type, header.id, await this.deps.account(), signal);
      if (!signal.aborted && collections.length) {
        header.collections = collections;
        this.deps.post({ type: 'collections', collections });
      }
    } catch (e) {
      this.quietly(e, signal, `the collections holding ${header.id} could not be read`);
    }
  }

  /** Whether the signed-in account likes the repo (its likes list: one request a session). */
  private async liked(header: CardHeader, signal: AbortSignal): Promise<void> {
    const user = this.deps.userName();
    const client = this.deps.client();
    if (!user || client.offline) {
      return;
    }
    try {
      const liked = await likedBy(client, user, header.type, header.id, signal);
      if (!signal.aborted) {
        header.liked = liked;
        this.deps.post({ type: 'liked', liked, likes: header.likes });
      }
    } catch (e) {
      this.quietly(e, signal, 'your likes could not be read');
    }
  }

  /** Like or Unlike on the card: signs in first when signed out; the count follows what the Hub accepted. */
  async toggleLike(): Promise<MessageOutcome> {
    const header = this.header;
    if (!header) {
      return { accepted: false, reason: 'no card shown' };
    }
    if (!this.deps.userName()) {
      await this.deps.signIn();
      if (!this.deps.userName()) {
        return { accepted: false, reason: 'not signed in' };
      }
    }
    const user = this.deps.userName() as string;
    const liked = !header.liked;
    if (this.liking) {
      return { accepted: false, reason: 'a like is being sent' };
    }
    this.liking = true;
    try {
      await setLiked(this.deps.client(), user, header.type, header.id, liked);
    } catch (e) {
      const message = asHubError(e, 'unknown error').message;
      this.deps.post({ type: 'liked', liked: header.liked === true, likes: header.likes, error: `The like was not changed: ${message}` });
      return { accepted: false, reason: message };
    } finally {
      this.liking = false;
    }
    header.liked = liked;
    header.likes = Math.max(0, header.likes + (liked ? 1 : -1));
    this.deps.post({ type: 'liked', liked, likes: header.likes });
    return { accepted: true, did: liked ? 'liked' : 'unliked' };
  }

  /** One page of the repo's Discussions, read when the card's section is opened or asks for more; a failure is said there. */
  async discussionsPage(page: number): Promise<MessageOutcome> {
    const header = this.header;
    if (!header) {
      return { accepted: false, reason: 'no card shown' };
    }
    const client = this.deps.client();
    try {
      const read = parseDiscussionPage(await client.discussions(header.type, header.id, { page }), new URL(client.endpoint).host);
      const rows = read.items.map((d) => {
        const text = rowText(d);
        this.listed.add(d.num);
        return { num: d.num, title: d.title, line: `${text.description} · ${text.detail}` };
      });
      const none = page === 0 && rows.length === 0;
      this.deps.post({ type: 'discussions', page, rows, more: read.start + read.items.length + read.skipped < read.count && page + 1 < MAX_PAGES, ...(none ? { note: 'No discussions or pull requests yet.' } : {}) });
      return { accepted: true, did: `listed ${rows.length} threads` };
    } catch (e) {
      const message = asHubError(e, 'unknown error').message;
      this.deps.post({ type: 'discussions', page, rows: [], more: false, error: true, note: `The discussions could not be read: ${message}` });
      return { accepted: false, reason: message };
    }
  }

  private quietly(e: unknown, signal: AbortSignal, what: string): void {
    if (!signal.aborted && !isCancellation(e)) {
      this.deps.log.warn(`Card ${this.header?.id ?? ''}: ${what}: ${asHubError(e, 'unknown error').message}`);
    }
  }

  /** What the Hub's paper pages say of the papers the card cites; a paper that could not be read keeps its id. */
  private async papers(header: CardHeader, signal: AbortSignal): Promise<void> {
    const client = this.deps.client();
    const ids = header.papers?.map((p) => p.id) ?? [];
    if (ids.length === 0 || client.offline) {
      return;
    }
    const { papers, failed } = await readPapers(client, ids, signal);
    if (signal.aborted) {
      return;
    }
    if (failed) {
      this.deps.log.warn(`Card ${header.id}: ${failed} of ${ids.length} papers could not be read.`);
    }
    header.papers = papers;
    this.deps.post({ type: 'papers', papers });
  }

  /** The panel was shown again: a Space still building is asked about again. */
  resume(): void {
    if (!this.timer && this.header?.type === 'space' && isTransient(this.header.runtime?.stage) && this.polls < MAX_POLLS) {
      this.schedule();
    }
  }

  /** Follows a connection the shown card names (a page cannot open any repo or list it likes). */
  follow(message: FollowMessage): MessageOutcome {
    const header = this.header;
    switch (message.type) {
      case 'openRepo':
        if (message.repo.type !== 'model' || !header?.baseModels?.some((b) => b.id === message.repo.id)) {
          return { accepted: false, reason: 'not a base model of this card' };
        }
        void this.deps.openCard(message.repo);
        return { accepted: true, did: `opened the card of ${message.repo.id}` };
      case 'showRelated':
        if (header?.type !== 'model') {
          return { accepted: false, reason: 'not a model' };
        }
        void vscode.commands.executeCommand('huggingface.showModelTree', { type: 'model', id: header.id }, message.relation);
        return { accepted: true, did: `listed the ${message.relation} models` };
      case 'openDiscussion':
        if (!header || !this.listed.has(message.num)) {
          return { accepted: false, reason: 'not a thread the card listed' };
        }
        void vscode.commands.executeCommand('huggingface.showDiscussions', { type: header.type, id: header.id }, message.num);
        return { accepted: true, did: `opened thread #${message.num}` };
      case 'openCollection':
        if (!header?.collections?.some((c) => c.slug === message.slug)) {
          return { accepted: false, reason: 'not a collection of this card' };
        }
        void vscode.commands.executeCommand('huggingface.showCollection', message.slug);
        return { accepted: true, did: `opened the collection ${message.slug}` };
      case 'showCiting':
        if (!header?.papers?.some((p) => p.id === message.paper)) {
          return { accepted: false, reason: 'not a paper of this card' };
        }
        void vscode.commands.executeCommand('huggingface.showPaper', message.paper, message.repoType);
        return { accepted: true, did: `listed the ${message.repoType}s citing ${message.paper}` };
    }
  }

  /** The app's address, once the Space runs. */
  get appUrl(): string | undefined {
    const runtime = this.header?.runtime;
    return runtime?.appUrl;
  }

  private async count(header: CardHeader, signal: AbortSignal): Promise<void> {
    const client = this.deps.client();
    if (client.offline) {
      return;
    }
    try {
      const counts = await countDerived(client, header.id, await this.deps.account(), signal);
      if (!signal.aborted && Object.keys(counts).length > 0) {
        header.derived = counts;
        this.deps.post({ type: 'modelTree', counts });
      }
    } catch (e) {
      if (!signal.aborted && !isCancellation(e)) {
        this.deps.log.warn(`Card ${header.id}: the models derived from it could not be counted: ${asHubError(e, 'unknown error').message}`);
      }
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, POLL_MS);
  }

  private async poll(): Promise<void> {
    const header = this.header;
    const signal = this.abort.signal;
    if (!header || signal.aborted || !this.deps.visible()) {
      return; // resume() starts again when the panel is shown
    }
    this.polls++;
    try {
      const fields = await this.deps.client().repoFields('space', header.id, ['runtime', 'subdomain'], { signal });
      const info = parseRuntime(fields.runtime, fields.subdomain);
      if (signal.aborted || !info) {
        return;
      }
      const runtime = runtimeView(info);
      header.runtime = runtime;
      header.stage = runtime.stage;
      this.deps.post({ type: 'runtime', runtime });
    } catch (e) {
      if (signal.aborted || isCancellation(e)) {
        return;
      }
      this.deps.log.warn(`Space ${header.id}: its runtime could not be read: ${asHubError(e, 'unknown error').message}`);
    }
    if (isTransient(header.runtime?.stage) && this.polls < MAX_POLLS) {
      this.schedule();
    }
  }

  /** How many times the runtime was asked for since the card was shown (tests read it). */
  get pollCount(): number {
    return this.polls;
  }

  stop(): void {
    this.abort.abort();
    this.abort = new AbortController();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.stop();
    this.header = undefined;
  }
}
