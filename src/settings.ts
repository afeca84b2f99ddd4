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

  /** Completions, hovers, CodeLens and diagnostics on repo ids in Python code. */
  get codeInsightsEnabled(): boolean {
    return this.config.get<boolean>('codeInsights.enabled', true) !== false;
  }

  static affectsCodeInsights(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('huggingface.codeInsights.enabled');
  }

  static affectsCards(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('huggingface.cards.images');
  }

  /** Whether a change event touches a setting that needs the Hub client rebuilt. */
  static affectsClient(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('huggingface.endpoint');
  }

  static affectsLists(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('huggingface.pageSize');
  }

  static affectsSavedSearches(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration('huggingface.savedSearches');
  }
}
