import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { HubClient } from './hub/client';
import { resolveEndpoint } from './hub/endpoint';
import type { RepoType } from './hub/repoId';
import { Log } from './log';
import { Settings } from './settings';
import { HelpTreeProvider } from './views/helpTree';
import { RepoTreeProvider } from './views/repoTree';
import { OverviewPanel, OVERVIEW_VIEW_TYPE } from './webviews/overviewPanel';

/** What `activate()` returns: the list providers, for tests and for extensions that build on this one. Holds no token. */
export interface ExtensionApi {
  trees: Record<'models' | 'datasets' | 'spaces', RepoTreeProvider>;
}

/**
 * The composition root's state: settings, log, the Hub client (built on first use) and the views. Activation only wires
 * these together; nothing here touches the network until a view or command asks for it.
 */
export class Extension implements vscode.Disposable {
  readonly settings = new Settings();
  readonly log = new Log();
  readonly trees: ExtensionApi['trees'];
  private clientInstance: HubClient | undefined;

  constructor(readonly context: vscode.ExtensionContext) {
    const deps = (type: RepoType) => ({ client: () => this.client, query: () => ({ limit: this.settings.pageSize }), log: this.log, type });
    this.trees = {
      models: new RepoTreeProvider('model', 'huggingface.models', deps('model')),
      datasets: new RepoTreeProvider('dataset', 'huggingface.datasets', deps('dataset')),
      spaces: new RepoTreeProvider('space', 'huggingface.spaces', deps('space')),
    };
  }

  /** The Hub client for the current endpoint; rebuilt when the endpoint setting changes. */
  get client(): HubClient {
    if (!this.clientInstance) {
      const choice = resolveEndpoint(this.settings.endpoint, process.env);
      if (choice.problem) {
        this.log.warn(`Ignoring ${choice.problem} Using ${choice.endpoint}.`);
      }
      this.log.info(`Hub endpoint: ${choice.endpoint} (from ${choice.source})`);
      this.clientInstance = new HubClient({
        endpoint: choice.endpoint,
        userAgent: `hf-hub-vscode/${this.context.extension.packageJSON.version} vscode/${vscode.version}`,
        onAttempt: ({ method, url, status, error, retryInMs, requestId }) => {
          const outcome = error ? `${error.kind}` : String(status);
          const retry = retryInMs !== undefined ? `, retrying in ${retryInMs} ms` : '';
          this.log.info(`${method} ${url} → ${outcome}${retry}${requestId ? ` [${requestId}]` : ''}`);
        },
      });
    }
    return this.clientInstance;
  }

  openOverview(): void {
    OverviewPanel.show(this.context.extensionUri, this.log);
  }

  refresh(type?: RepoType): void {
    for (const tree of Object.values(this.trees)) {
      if (!type || tree.type === type) {
        tree.refresh();
      }
    }
  }

  async openOnHub(type: RepoType, id: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(this.client.webUrl(type, id), true));
  }

  async copyRepoId(id: string): Promise<void> {
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(`Copied ${id}`, 2000);
  }

  onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (Settings.affectsClient(event)) {
      this.clientInstance = undefined;
      this.refresh();
    } else if (Settings.affectsLists(event)) {
      this.refresh();
    }
  }

  dispose(): void {
    Object.values(this.trees).forEach((tree) => tree.dispose());
    this.log.dispose();
  }
}

function registerCommands(ext: Extension): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ext) as (...args: unknown[]) => unknown));
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ext = new Extension(context);
  context.subscriptions.push(
    ext,
    ...registerCommands(ext),
    vscode.window.registerTreeDataProvider('huggingface.models', ext.trees.models),
    vscode.window.registerTreeDataProvider('huggingface.datasets', ext.trees.datasets),
    vscode.window.registerTreeDataProvider('huggingface.spaces', ext.trees.spaces),
    vscode.window.registerTreeDataProvider('huggingface.help', new HelpTreeProvider()),
    vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, OverviewPanel.serializer(context.extensionUri, ext.log)),
    vscode.workspace.onDidChangeConfiguration((e) => ext.onConfigurationChanged(e)),
  );
  return { trees: ext.trees };
}

export function deactivate(): void {}
