/**
 * The parts of a card that connect its repo to others and that the host asks for after the card is shown: how many
 * models derive from a model (one list request, ../connections/derived.ts), and a building Space's runtime, asked again
 * every few seconds while its card is visible until it settles (at most MAX_POLLS times). Loaded with the card panel.
 */
import type * as vscode from 'vscode';
import { countDerived } from '../connections/derived';
import { isTransient, parseRuntime, runtimeView } from '../connections/runtime';
import type { CardHeader } from '../cards/model';
import type { HubClient } from '../hub/client';
import { asHubError, isCancellation } from '../hub/errors';
import type { Log } from '../log';
import type { ToCard } from './protocol';

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
}

export class CardConnections implements vscode.Disposable {
  private abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polls = 0;
  private header: CardHeader | undefined;

  constructor(private readonly deps: ConnectionDeps) {}

  /** A card was sent: count its derived models, or follow its Space's build. */
  start(header: CardHeader): Promise<void> {
    this.stop();
    this.header = header;
    this.polls = 0;
    const signal = this.abort.signal;
    // The Hub's own total says whether a model has anything to count; without it, one list request asks.
    if (header.type === 'model' && header.derivedTotal !== 0) {
      return this.count(header, signal);
    }
    if (header.type === 'space' && isTransient(header.runtime?.stage ?? header.stage)) {
      this.schedule();
    }
    return Promise.resolve();
  }

  /** The panel was shown again: a Space still building is asked about again. */
  resume(): void {
    if (!this.timer && this.header?.type === 'space' && isTransient(this.header.runtime?.stage) && this.polls < MAX_POLLS) {
      this.schedule();
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
