import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { resolveToken, SOURCE_LABELS, tokenInputProblem, type ResolvedToken } from '../hub/auth';
import { HubClient } from '../hub/client';
import { HubError } from '../hub/errors';
import { notificationText } from '../hub/format';
import type { Account } from '../hub/types';
import type { Log } from '../log';
import { DisposableStore } from '../disposables';

const SECRET_KEY = 'huggingface.token';

export interface SessionState {
  account?: Account;
  /** Where the token in use comes from, in words (never the token). */
  sourceLabel?: string;
  /** Set when the token in use was refused by the Hub. */
  rejected?: boolean;
}

export interface SessionChange {
  state: SessionState;
  /** The token in use changed (sign in, sign out, refused): lists should load again. False for the first lookup. */
  tokenChanged: boolean;
}

/**
 * The user's Hub identity. The token lives in SecretStorage only (Sign in) or is read, when a request needs it, from the
 * environment or the CLI's token file; it is never copied, logged, put in state or handed to a webview. A token the Hub
 * refuses is set aside, so the extension goes on anonymously and says so once.
 */
export class Session implements vscode.Disposable {
  private stored: string | undefined;
  private loaded: Promise<void> | undefined;
  private readonly rejectedTokens = new Set<string>();
  private state: SessionState = {};
  private readonly changed = new vscode.EventEmitter<SessionChange>();
  readonly onDidChange = this.changed.event;
  private readonly store = new DisposableStore();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly deps: { endpoint: () => string; log: Log; env?: Record<string, string | undefined> },
  ) {
    this.store.add(this.changed);
    this.store.add(
      secrets.onDidChange(async (e) => {
        if (e.key === SECRET_KEY) {
          this.loaded = undefined;
          await this.refreshAccount(true);
        }
      }),
    );
  }

  get current(): SessionState {
    return { ...this.state };
  }

  /** The token provider the Hub client calls per request. */
  readonly token = async (): Promise<string | undefined> => {
    const resolved = await this.resolve();
    return resolved && !this.rejectedTokens.has(resolved.token) ? resolved.token : undefined;
  };

  /** Asks for a token, checks it with whoami-v2, and stores it only if the Hub accepts it. */
  async signIn(): Promise<Account | undefined> {
    const value = await vscode.window.showInputBox({
      title: 'Sign in to Hugging Face',
      prompt: 'Paste an access token (a read token is enough for browsing). Create one at huggingface.co/settings/tokens.',
      placeHolder: 'hf_…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => tokenInputProblem(v),
    });
    if (value === undefined) {
      return undefined;
    }
    const token = value.trim();
    try {
      const account = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Checking the token with the Hub…', cancellable: true },
        (_progress, cancel) => {
          const abort = new AbortController();
          cancel.onCancellationRequested(() => abort.abort());
          return new HubClient({ endpoint: this.deps.endpoint(), token: () => token }).whoami({ signal: abort.signal });
        },
      );
      await this.secrets.store(SECRET_KEY, token);
      this.stored = token;
      this.loaded = Promise.resolve();
      this.rejectedTokens.delete(token);
      this.setState({ account, sourceLabel: SOURCE_LABELS.signIn }, true);
      this.deps.log.info(`Signed in as ${account.name}.`);
      void vscode.window.showInformationMessage(notificationText(`Signed in to Hugging Face as ${account.name}.`));
      return account;
    } catch (e) {
      const message = e instanceof HubError ? e.message : 'The token could not be checked.';
      if (!(e instanceof HubError && e.kind === 'cancelled')) {
        this.deps.log.warn(`Sign in failed: ${message}`);
        void vscode.window.showErrorMessage(notificationText(`Sign in failed: ${message}`));
      }
      return undefined;
    }
  }

  /** Removes the stored token; tokens from the environment or the CLI file still apply (the account menu says so). */
  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.stored = undefined;
    this.loaded = Promise.resolve();
    await this.refreshAccount(true);
    this.deps.log.info('Signed out.');
  }

  /** Looks up who the current token belongs to (one whoami-v2 request), or clears the account when there is none. */
  async refreshAccount(tokenChanged = false): Promise<SessionState> {
    const resolved = await this.resolve();
    if (!resolved) {
      this.setState({}, tokenChanged);
      return this.current;
    }
    try {
      const account = await new HubClient({ endpoint: this.deps.endpoint(), token: () => resolved.token }).whoami();
      this.rejectedTokens.delete(resolved.token);
      this.setState({ account, sourceLabel: describeSource(resolved) }, tokenChanged);
    } catch (e) {
      if (e instanceof HubError && e.kind === 'unauthorized') {
        this.reject(resolved);
      } else {
        this.setState({ sourceLabel: describeSource(resolved) }, tokenChanged);
      }
    }
    return this.current;
  }

  /** Called when the Hub refuses the token on any request: the extension continues anonymously, and says so once. */
  async tokenRefused(): Promise<void> {
    const resolved = await this.resolve();
    if (resolved && !this.rejectedTokens.has(resolved.token)) {
      this.reject(resolved);
    }
  }

  private reject(resolved: ResolvedToken): void {
    this.rejectedTokens.add(resolved.token);
    this.setState({ sourceLabel: describeSource(resolved), rejected: true }, true);
    this.deps.log.warn(`The Hub refused the token from the ${describeSource(resolved)}; continuing without it.`);
    void vscode.window
      .showWarningMessage(`Hugging Face refused your token (${describeSource(resolved)}): it is invalid or revoked. Browsing continues without it.`, 'Sign In')
      .then((choice) => (choice === 'Sign In' ? this.signIn() : undefined));
  }

  private async resolve(): Promise<ResolvedToken | undefined> {
    this.loaded ??= Promise.resolve(this.secrets.get(SECRET_KEY)).then((value) => {
      this.stored = value;
    });
    await this.loaded;
    return resolveToken(this.stored, {
      env: this.deps.env ?? process.env,
      homedir: homedir(),
      readFile: (path) => {
        try {
          return readFileSync(path, 'utf8');
        } catch {
          return undefined;
        }
      },
    });
  }

  private setState(state: SessionState, tokenChanged: boolean): void {
    // The same account from the same source is no change: listeners would rebuild the views' account lists and load
    // them again (the first use of the Hub, anonymous, would refresh every view and Explore for nothing).
    if (!tokenChanged && JSON.stringify(state) === JSON.stringify(this.state)) {
      return;
    }
    this.state = state;
    this.changed.fire({ state: this.current, tokenChanged });
  }

  dispose(): void {
    this.store.dispose();
  }
}

function describeSource(resolved: ResolvedToken): string {
  return resolved.source === 'tokenFile' && resolved.path ? `${SOURCE_LABELS.tokenFile} (${resolved.path})` : SOURCE_LABELS[resolved.source];
}
