/**
 * Inference Providers as activation sees them: the Try it serializer and a facade that loads the inference chunk
 * (./inference.lazy.ts: `@huggingface/inference`, the Try it panels and "Insert inference code…") on first use.
 */
import type * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import type { Log } from '../log';
import type * as InferenceLazy from './inference.lazy';
import { LazyPanels } from '../webviews/lazyPanels';

export const TRY_VIEW_TYPE = 'huggingface.tryModel';

export interface InferenceDeps {
  extensionUri: vscode.Uri;
  client: () => HubClient;
  log: Log;
  /** The `huggingface.inference.router` setting; the chunk resolves the router from it and the Hub (./endpoint.ts). */
  routerSetting: () => string | undefined;
  token: () => Promise<string | undefined>;
  signIn: () => Promise<void>;
  copyText: (text: string) => Promise<void>;
}

export type TryPanel = InferenceLazy.TryPanel;
export type CodeOutcome = InferenceLazy.CodeOutcome;
export type CodePresets = InferenceLazy.CodePresets;

export class InferenceHost extends LazyPanels<InferenceLazy.TryPanelsImpl> {
  constructor(private readonly deps: InferenceDeps) {
    super(async () => new (await import('./inference.lazy')).TryPanelsImpl(deps));
  }

  /** "Try it": the model's panel (opened, or revealed when open); undefined when cancelled or not a model id. */
  async tryModel(arg?: unknown): Promise<TryPanel | undefined> {
    return (await this.panels()).openFor(arg);
  }

  /** "Insert inference code…" for a model given by a row, a card or typed in. */
  async insertCode(arg?: unknown, presets?: unknown): Promise<CodeOutcome> {
    const lazy = await import('./inference.lazy');
    return lazy.insertInferenceCode(this.deps, arg, presets);
  }

  get all(): TryPanel[] {
    return this.impl?.all ?? [];
  }

  /** The endpoint, router or token changed: every panel reads its providers again (conversations stay). */
  reload(): void {
    this.impl?.reload();
  }
}
