/**
 * The dataset viewer, the part that loads at activation: the serializer registration and a facade that loads the panel
 * code (./viewerPanel.lazy.ts, a chunk of its own) when the first viewer opens or is restored.
 */
import type * as vscode from 'vscode';
import type { TokenProvider } from '../hub/http';
import type { Log } from '../log';
import type { ViewerEndpoint } from '../viewer/endpoint';
import type * as ViewerPanelLazy from './viewerPanel.lazy';
import { LazyPanels } from './lazyPanels';

export const VIEWER_VIEW_TYPE = 'huggingface.datasetViewer';

export interface ViewerDeps {
  extensionUri: vscode.Uri;
  log: Log;
  /** The configured Hub endpoint. */
  hubEndpoint: () => string;
  /** The viewer for it (src/viewer/endpoint.ts: where, assets, whether the token may go). */
  viewer: () => ViewerEndpoint;
  token: TokenProvider;
  userAgent: string;
  signIn: () => Promise<void>;
  copyText: (text: string) => Promise<void>;
}

export type ViewerPanel = ViewerPanelLazy.ViewerPanel;

export class ViewerPanels extends LazyPanels<ViewerPanelLazy.ViewerPanelsImpl> {
  constructor(deps: ViewerDeps) {
    super(async () => new (await import('./viewerPanel.lazy')).ViewerPanelsImpl(deps));
  }

  /** Shows the viewer of `dataset` (a valid id), revealing its panel when it is already open. */
  async open(dataset: string, split?: { config: string; split: string }): Promise<ViewerPanel> {
    return (await this.panels()).open(dataset, split);
  }

  get(dataset: string): ViewerPanel | undefined {
    return this.impl?.get(dataset);
  }

  get all(): ViewerPanel[] {
    return this.impl?.all ?? [];
  }

  /** The endpoint, viewer or token changed: every viewer is shown again from the start. */
  reload(): void {
    this.impl?.reload();
  }
}
