import * as vscode from 'vscode';
import { HubClient } from './hub/client';
import { resolveEndpoint } from './hub/endpoint';
import type { TokenProvider } from './hub/http';
import type { Log } from './log';
import type { Settings } from './settings';

/**
 * The Hub client for the current endpoint, built on first use and again after `reset()` (the endpoint setting changed).
 * Every attempt is logged (never the token) and counted while pending; what follows from the client (the first account
 * lookup, a refused token) is said as events, which activate() wires to the session.
 */
export class HubClients implements vscode.Disposable {
  private instance: HubClient | undefined;
  private pending = 0;
  private readonly created = new vscode.EventEmitter<HubClient>();
  private readonly refused = new vscode.EventEmitter<void>();
  /** A client was built: the first use of the Hub for this endpoint. */
  readonly onDidCreate = this.created.event;
  /** The Hub answered 401 to a request that carried the token. */
  readonly onDidRefuseToken = this.refused.event;

  constructor(private readonly deps: { settings: Settings; log: Log; token: TokenProvider; userAgent: string }) {}

  get(): HubClient {
    if (!this.instance) {
      this.instance = this.build();
      this.created.fire(this.instance);
    }
    return this.instance;
  }

  /** Drops the client; the next `get()` builds one for the endpoint then in the settings. */
  reset(): void {
    this.instance = undefined;
  }

  /** Hub requests sent and not yet answered (headers) or failed. */
  get pendingRequests(): number {
    return this.pending;
  }

  dispose(): void {
    this.created.dispose();
    this.refused.dispose();
  }

  private build(): HubClient {
    const { log } = this.deps;
    const choice = resolveEndpoint(this.deps.settings.endpoint, process.env);
    if (choice.problem) {
      log.warn(`Ignoring ${choice.problem} Using ${choice.endpoint}.`);
    }
    log.info(`Hub endpoint: ${choice.endpoint} (from ${choice.source})`);
    return new HubClient({
      endpoint: choice.endpoint,
      token: this.deps.token,
      userAgent: this.deps.userAgent,
      fetch: (input, init) => {
        this.pending++;
        return globalThis.fetch(input, init).finally(() => this.pending--);
      },
      onAttempt: ({ method, url, status, error, retryInMs, requestId }) => {
        const outcome = error ? error.kind : String(status);
        const retry = retryInMs !== undefined ? `, retrying in ${retryInMs} ms` : '';
        log.info(`${method} ${url} → ${outcome}${retry}${requestId ? ` [${requestId}]` : ''}`);
        if (error?.kind === 'unauthorized') {
          this.refused.fire();
        }
      },
    });
  }
}
