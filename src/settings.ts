import * as vscode from 'vscode';
import type { CardImagePolicy } from './cards/urls';

/**
 * The one typed facade over `huggingface.*` settings. `endpoint` is application-scoped in package.json, so a workspace's
 * `.vscode/settings.json` cannot send requests (or the token) elsewhere.
 */
export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('huggingface');
  }

  /** The Hub endpoint set by the user, if any; the environment's `HF_ENDPOINT` and the default apply otherwise. */
  get endpoint(): string | undefined {
    return this.config.inspect<string>('endpoint')?.globalValue || undefined;
  }

  /** Repos per page in the sidebar lists. */
  get pageSize(): number {
    const value = this.config.get<number>('pageSize', 50);
    return Number.isInteger(value) && value >= 10 && value <= 100 ? value : 50;
  }

  /** Searches kept as nodes in the views; validated where they are used. */
  get savedSearches(): unknown {
    return this.config.get<unknown>('savedSearches', []);
  }

  /**
   * Which remote images card pages load: `huggingface` (the Hub's hosts), `all` (any https host) or `none`.
   * Application-scoped in package.json and read from the user's settings only, so a workspace cannot widen it.
   */
  get cardImages(): CardImagePolicy {
    const value = this.config.inspect<string>('cards.images')?.globalValue;
    return value === 'all' || value === 'none' ? value : 'huggingface';
  }

  /** Bytes of cards kept on disk across reloads (`cards.cacheSize`, in megabytes); 0 keeps none. */
  get cardCacheBytes(): number {
    const megabytes = this.config.get<number>('cards.cacheSize', 32);
    const valid = typeof megabytes === 'number' && Number.isFinite(megabytes) && megabytes >= 0;
    return Math.round(Math.min(valid ? megabytes : 32, 1024) * 1024 * 1024);
  }

  /** The dataset viewer API's base URL set by the user (application scope, user settings only), if any. */
  get datasetViewerEndpoint(): string | undefined {
    return this.config.inspect<string>('datasetViewer.endpoint')?.globalValue || undefined;
  }

  /** The origin the dataset viewer's images and audio come from, if set by the user (default: the viewer's own). */
  get datasetViewerAssetHost(): string | undefined {
    return this.config.inspect<string>('datasetViewer.assetHost')?.globalValue || undefined;
  }

  /** The Inference Providers router set by the user (application scope, user settings only), if any. */
  get inferenceRouter(): string | undefined {
    return this.config.inspect<string>('inference.router')?.globalValue || undefined;
  }

  /** Completions, hovers, CodeLens and diagnostics on repo ids in Python code. */
  get codeInsightsEnabled(): boolean {
    return this.config.get<boolean>('codeInsights.enabled', true) !== false;
  }

  /**
   * The Hugging Face cache folder set by the user, if any; huggingface_hub's own rule (HF_HUB_CACHE, HF_HOME, …)
   * applies otherwise. Application-scoped and read from the user's settings only: a workspace cannot point deletions elsewhere.
   */
  get cacheDirectory(): string | undefined {
    return this.config.inspect<string>('cache.directory')?.globalValue?.trim() || undefined;
  }

  /** The GPU (or Apple Silicon chip) in the Hub's hardware list that quant fit marks use; application scope, user settings only. */
  get hardwareGpu(): string | undefined {
    return this.config.inspect<string>('hardware.gpu')?.globalValue?.trim() || undefined;
  }

  /** That GPU's memory in GB when it comes in several sizes (0 or unset: the smallest listed). */
  get hardwareGpuMemory(): number | undefined {
    const value = this.config.inspect<number>('hardware.gpuMemory')?.globalValue;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  }

  /** Calls `listener` with which of the extension's settings changed, once per change that touches any of them. */
  onDidChange(listener: (change: SettingsChange) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      const affects = (key: string) => event.affectsConfiguration(`huggingface.${key}`);
      const change: SettingsChange = {
        endpoint: affects('endpoint'),
        pageSize: affects('pageSize'),
        savedSearches: affects('savedSearches'),
        cardImages: affects('cards.images'),
        codeInsights: affects('codeInsights.enabled'),
        datasetViewer: affects('datasetViewer'),
        inferenceRouter: affects('inference.router'),
        cacheDirectory: affects('cache.directory'),
      };
      if (Object.values(change).some(Boolean)) {
        listener(change);
      }
    });
  }
}

/** Which settings a change touched. `endpoint` means the Hub client (and all it cached) must be rebuilt. */
export interface SettingsChange {
  readonly endpoint: boolean;
  readonly pageSize: boolean;
  readonly savedSearches: boolean;
  readonly cardImages: boolean;
  readonly codeInsights: boolean;
  /** The dataset viewer's endpoint or asset host. */
  readonly datasetViewer: boolean;
  /** Where Inference Providers calls go. */
  readonly inferenceRouter: boolean;
  /** The Local Cache view, the cached marks and the offline diagnostic read another folder. */
  readonly cacheDirectory: boolean;
}
