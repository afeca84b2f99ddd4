// Token counts, the part in the activation bundle: the workspace's chosen tokenizer model (workspaceState) and a
// facade whose first use loads ./tokens.lazy.ts, which holds the status bar, the library and the pages. With a model
// remembered, the chunk loads once the workbench is up (never during activation itself).
import type * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import type { Log } from '../log';
import type * as TokensLazy from './tokens.lazy';

type Impl = TokensLazy.TokensImpl;

/** The workspaceState key of the chosen model id. */
export const TOKENIZER_MODEL_KEY = 'huggingface.tokenizerModel';

export interface TokensDeps {
  extensionUri: vscode.Uri;
  state: vscode.Memento;
  client: () => HubClient;
  /** `huggingface.cache.directory`, when set. */
  cacheOverride: () => string | undefined;
  log: Log;
}

export class TokensHost implements vscode.Disposable {
  private loading: Promise<Impl> | undefined;
  private loaded: Impl | undefined;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: TokensDeps) {
    if (typeof deps.state.get(TOKENIZER_MODEL_KEY) === 'string') {
      this.timer = setTimeout(() => void this.impl().catch(() => undefined), 1500);
    }
  }

  /** The implementation (status bar, commands, pages), loaded on first use. */
  impl(): Promise<Impl> {
    this.loading ??= import('./tokens.lazy').then((lazy) => (this.loaded = new lazy.TokensImpl(this.deps)));
    return this.loading;
  }

  /** `huggingface.cache.directory` changed: the next load reads the new folder. */
  applySettings(): void {
    this.loaded?.applySettings();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.loaded?.dispose();
  }
}
