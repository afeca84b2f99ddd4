/**
 * The discussions chunk: "Show Discussions…" asks for the repo when no row gave one, shows the picker (./picker.ts) and
 * opens a chosen thread in its panel (./panel.ts), one per repo and number, revealed when already open.
 */
import * as vscode from 'vscode';
import { repoRefFromArgument, type RepoRef } from '../cards/repoRef';
import { askRepo } from '../commands/askRepo';
import { notificationText } from '../hub/format';
import { CardLinkOpener } from '../webviews/cardLinks';
import type { DiscussionsDeps } from './host';
import { DiscussionPanel } from './panel';
import { DiscussionPicker } from './picker';
import { discussionNum } from './model';
import { parseDiscussionState } from './protocol';

export { DiscussionPanel } from './panel';
export { DiscussionPicker } from './picker';

export class DiscussionsImpl implements vscode.Disposable {
  private readonly panels = new Map<string, DiscussionPanel>();
  private readonly links: CardLinkOpener;
  picker: DiscussionPicker | undefined;

  constructor(private readonly deps: DiscussionsDeps) {
    this.links = new CardLinkOpener({ endpoint: () => deps.client().endpoint, log: deps.log, copyText: deps.copyText });
  }

  async show(arg: unknown, num?: unknown): Promise<DiscussionPicker | undefined> {
    const ref = await this.repoFor(arg);
    if (!ref) {
      return undefined;
    }
    const thread = discussionNum(num);
    if (thread !== undefined) {
      this.open(ref, thread);
      return undefined;
    }
    this.picker?.dispose();
    const picker = new DiscussionPicker(ref, this.deps, (num) => this.open(ref, num), () => {
      if (this.picker === picker) {
        this.picker = undefined;
      }
    });
    this.picker = picker;
    return picker;
  }

  /** The thread's panel: opened (or adopted from a reload), or revealed when it is open. */
  open(ref: RepoRef, num: number, restored?: vscode.WebviewPanel): DiscussionPanel {
    const key = `${ref.type}:${ref.id}#${num}`;
    const existing = this.panels.get(key);
    if (existing) {
      restored?.dispose();
      existing.panel.reveal();
      return existing;
    }
    const panel = new DiscussionPanel(
      ref,
      num,
      this.deps,
      this.links,
      () => {
        if (this.panels.get(key) === panel) {
          this.panels.delete(key);
        }
      },
      restored,
    );
    this.panels.set(key, panel);
    return panel;
  }

  get all(): DiscussionPanel[] {
    return [...this.panels.values()];
  }

  reload(): void {
    for (const panel of this.panels.values()) {
      void panel.load();
    }
  }

  /** A thread's tab after a window reload: read again from the `{type, id, num}` its page kept; anything else is closed. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    const kept = parseDiscussionState(state);
    if (!kept) {
      panel.dispose();
      return;
    }
    this.open({ type: kept.type, id: kept.id }, kept.num, panel);
  }

  private async repoFor(arg: unknown): Promise<RepoRef | undefined> {
    const parsed = repoRefFromArgument(arg);
    if (parsed?.ok) {
      return parsed.ref;
    }
    if (parsed) {
      void vscode.window.showErrorMessage(notificationText(parsed.problem));
      return undefined;
    }
    const endpoint = this.deps.client().endpoint;
    return askRepo(endpoint, {
      title: 'Show Discussions',
      prompt: 'A repo: "owner/name" (a model), "datasets/owner/name", "spaces/owner/name", or its address on the Hub',
      placeHolder: 'openai-community/gpt2',
    });
  }

  dispose(): void {
    this.picker?.dispose();
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }
}
