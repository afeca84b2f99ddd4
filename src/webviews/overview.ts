/**
 * "What is Hugging Face?", the part that loads at activation: the command and the serializer load the panel and its
 * text (./overviewPanel.lazy.ts, a chunk of its own) when the overview first opens or is restored.
 */
import type * as vscode from 'vscode';
import type { Log } from '../log';
import type * as OverviewLazy from './overviewPanel.lazy';

export const OVERVIEW_VIEW_TYPE = 'huggingface.overview';

let loading: Promise<typeof OverviewLazy> | undefined;

function panelModule(): Promise<typeof OverviewLazy> {
  loading ??= import('./overviewPanel.lazy');
  return loading;
}

/** Shows the overview, revealing it when it is already open. */
export async function showOverview(extensionUri: vscode.Uri, log: Log): Promise<void> {
  (await panelModule()).OverviewPanel.show(extensionUri, log);
}

export function overviewSerializer(extensionUri: vscode.Uri, log: Log): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel) => {
      (await panelModule()).OverviewPanel.revive(panel, extensionUri, log);
    },
  };
}
