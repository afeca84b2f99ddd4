/**
 * The host side of a card's links (the policy is ../cards/linkPolicy.ts). VS Code opens an external link without a
 * word in a trusted workspace, so for any site but the Hub the user sees the exact address in our own dialog first and
 * chooses to open it or copy it. One dialog at a time: a page that sends link after link gets them refused meanwhile.
 */
import * as vscode from 'vscode';
import { checkCardLink, type CardLinkVerdict } from '../cards/linkPolicy';
import type { Log } from '../log';
import type { MessageOutcome } from './cards';

export interface CardLinkDeps {
  /** The configured Hub endpoint. */
  endpoint: () => string;
  log: Log;
  copyText: (text: string) => Promise<void>;
}

export class CardLinkOpener {
  private asking = false;

  constructor(private readonly deps: CardLinkDeps) {}

  /** Opens `href` from a card page, asks first, or refuses it; what it did, for the page's message handler. */
  open(href: string): MessageOutcome {
    const verdict = checkCardLink(href, { endpoint: this.deps.endpoint() });
    if (verdict.kind === 'refuse') {
      this.deps.log.warn(`Refused to open a link from a card: ${verdict.reason}.`);
      return { accepted: false, reason: 'link refused' };
    }
    const uri = vscode.Uri.parse(verdict.url, true);
    if (!['http', 'https', 'mailto'].includes(uri.scheme)) {
      return { accepted: false, reason: 'link refused' };
    }
    if (verdict.known) {
      void vscode.env.openExternal(uri);
      return { accepted: true, did: `opened ${uri.scheme} link` };
    }
    if (this.asking) {
      return { accepted: false, reason: 'another link from a card is waiting for an answer' };
    }
    this.asking = true;
    void this.confirm(verdict, uri)
      .catch((e: unknown) => this.deps.log.warn(`A card link was not opened: the question could not be shown (${e instanceof Error ? e.message : String(e)}).`))
      .finally(() => {
        this.asking = false;
      });
    return { accepted: true, did: `asked before opening ${verdict.host}` };
  }

  private async confirm(verdict: Extract<CardLinkVerdict, { kind: 'open' }>, uri: vscode.Uri): Promise<void> {
    const mail = uri.scheme === 'mailto';
    const message = mail ? `This card links to an email address: ${verdict.host}` : `This card links to another site: ${verdict.host}`;
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: verdict.url }, 'Open Link', 'Copy Link');
    if (choice === 'Open Link') {
      await vscode.env.openExternal(uri);
    } else if (choice === 'Copy Link') {
      await this.deps.copyText(verdict.url);
    }
  }
}
