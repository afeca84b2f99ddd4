import * as vscode from 'vscode';
import { escapeIcons, withoutBidiControls } from '../hub/format';
import type { Session, SessionState } from './session';
import type { CommandId } from '../commands/ids';

/** The status-bar entry: who is signed in (or "Sign in"); a click opens the account menu. */
export class AccountStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('huggingface.account', vscode.StatusBarAlignment.Right, 90);
  private readonly subscription: vscode.Disposable;

  constructor(session: Session) {
    this.item.name = 'Hugging Face Account';
    this.item.command = 'huggingface.account' satisfies CommandId;
    this.show(session.current);
    this.subscription = session.onDidChange(({ state }) => this.show(state));
    this.item.show();
  }

  private show(state: SessionState): void {
    if (state.account) {
      // The name comes from the Hub (whoami): shown without bidi controls or theme icons, like any Hub text.
      const name = withoutBidiControls(state.account.name);
      this.item.text = `$(account) ${escapeIcons(name)}`;
      this.item.tooltip = `Hugging Face: signed in as ${name} (${state.sourceLabel ?? 'token'})`;
      this.item.accessibilityInformation = { label: `Hugging Face account ${name}` };
      this.item.backgroundColor = undefined;
    } else if (state.rejected) {
      this.item.text = '$(warning) Hugging Face';
      this.item.tooltip = `Hugging Face refused the token from the ${state.sourceLabel}; browsing anonymously. Click to sign in.`;
      this.item.accessibilityInformation = { label: 'Hugging Face token refused; click to sign in' };
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = '$(sign-in) Hugging Face';
      this.item.tooltip = 'Sign in to Hugging Face for private and gated repos and higher rate limits';
      this.item.accessibilityInformation = { label: 'Sign in to Hugging Face' };
      this.item.backgroundColor = undefined;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

type MenuAction = 'signIn' | 'signOut' | 'openAccount' | 'openTokens';

/** The account menu: account and token source, switch token, sign out. */
export async function showAccountMenu(session: Session, endpoint: string): Promise<void> {
  const state = session.current;
  const items: (vscode.QuickPickItem & { action?: MenuAction })[] = [];
  if (state.account) {
    const { name, fullname, tokenRole, orgs } = state.account;
    items.push({
      label: `$(account) ${escapeIcons(withoutBidiControls(name))}`,
      description: fullname === undefined ? undefined : escapeIcons(withoutBidiControls(fullname)),
      detail: escapeIcons(withoutBidiControls(`Token from the ${state.sourceLabel}${tokenRole ? ` · ${tokenRole} access` : ''}${orgs.length ? ` · organisations: ${orgs.join(', ')}` : ''}`)),
      action: 'openAccount',
    });
    items.push({ label: '$(key) Switch token…', action: 'signIn' });
    items.push({ label: '$(sign-out) Sign out', action: 'signOut', description: state.sourceLabel?.includes('VS Code') ? undefined : 'removes only a token stored by VS Code' });
  } else {
    if (state.rejected) {
      items.push({ label: '$(warning) Your token was refused', detail: `The token from the ${state.sourceLabel} is invalid or revoked.` });
    }
    items.push({ label: '$(sign-in) Sign in with an access token…', action: 'signIn' });
  }
  items.push({ label: '$(link-external) Manage access tokens on huggingface.co', action: 'openTokens' });
  const chosen = await vscode.window.showQuickPick(items, { title: 'Hugging Face Account' });
  switch (chosen?.action) {
    case 'signIn':
      await session.signIn();
      break;
    case 'signOut':
      await session.signOut();
      break;
    case 'openAccount':
      if (state.account) {
        await vscode.env.openExternal(vscode.Uri.parse(`${endpoint}/${encodeURIComponent(state.account.name)}`));
      }
      break;
    case 'openTokens':
      await vscode.env.openExternal(vscode.Uri.parse(`${endpoint}/settings/tokens`));
      break;
  }
}
