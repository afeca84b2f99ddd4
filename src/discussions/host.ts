/**
 * Discussions and pull requests as activation sees them: a facade that loads the discussions chunk
 * (./discussions.lazy.ts: the picker and the thread panels) the first time "Show Discussions…" runs.
 */
import type * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import type { Log } from '../log';
import { LazyPanels } from '../webviews/lazyPanels';
import type * as DiscussionsLazy from './discussions.lazy';

export const DISCUSSION_VIEW_TYPE = 'huggingface.discussion';

export interface DiscussionsDeps {
  extensionUri: vscode.Uri;
  client: () => HubClient;
  log: Log;
  copyText: (text: string) => Promise<void>;
}

export type DiscussionPicker = DiscussionsLazy.DiscussionPicker;
export type DiscussionPanel = DiscussionsLazy.DiscussionPanel;

export class DiscussionsHost extends LazyPanels<DiscussionsLazy.DiscussionsImpl> {
  constructor(deps: DiscussionsDeps) {
    super(async () => new (await import('./discussions.lazy')).DiscussionsImpl(deps));
  }

  /** "Show Discussions…" for a row, a `{type, id}` or a typed repo: the picker, already loading its first page; with a thread number, that thread's tab. */
  async show(arg?: unknown, num?: unknown): Promise<DiscussionPicker | undefined> {
    return (await this.panels()).show(arg, num);
  }

  /** The open thread panels (tests read what they were sent). */
  get all(): DiscussionPanel[] {
    return this.impl?.all ?? [];
  }

  /** The last picker shown, while it is open. */
  get picker(): DiscussionPicker | undefined {
    return this.impl?.picker;
  }

  /** The endpoint or the token changed: open threads load again. */
  reload(): void {
    this.impl?.reload();
  }
}
