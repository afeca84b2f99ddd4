/**
 * The part of a kind of panel that loads at activation: its serializer and the one way to load the panels' chunk on
 * first use (a card, a dataset viewer, Try it). The chunk is loaded once; after dispose() nothing new is created.
 */
import type * as vscode from 'vscode';
import { DisposableStore } from '../disposables';

export interface PanelsImpl extends vscode.Disposable {
  /** A panel VS Code restored after a reload, with the state its page kept (validated by the implementation). */
  revive(panel: vscode.WebviewPanel, state: unknown): void;
}

export class LazyPanels<Impl extends PanelsImpl> implements vscode.Disposable {
  /** The loaded panels, once a first one was opened or restored. */
  protected impl: Impl | undefined;
  private loading: Promise<Impl> | undefined;
  private readonly store = new DisposableStore();

  constructor(private readonly create: () => Promise<Impl>) {}

  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel, state) => {
        (await this.panels()).revive(panel, state);
      },
    };
  }

  protected panels(): Promise<Impl> {
    this.loading ??= this.create().then((impl) => {
      if (this.store.isDisposed) {
        impl.dispose();
        throw new Error('The extension is shutting down.');
      }
      this.impl = this.store.add(impl);
      return impl;
    });
    return this.loading;
  }

  dispose(): void {
    this.store.dispose();
  }
}
