/**
 * Script of the "What is Hugging Face?" page. The page's text is static and comes from the extension; this script only
 * turns buttons and links into typed messages for the host, which decides what to do with them.
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider, vsCodeTag } from '@vscode/webview-ui-toolkit';
import type { FromOverview, OverviewAction } from '../src/webviews/protocol';
import { recordCspViolations } from './cspReport';
import { vsCodeApi } from './vscodeApi';

recordCspViolations();
provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider(), vsCodeTag());

const vscode = vsCodeApi<FromOverview>();

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  const action = target?.closest<HTMLElement>('[data-action]')?.dataset.action;
  if (action) {
    event.preventDefault();
    vscode.postMessage({ type: 'action', action: action as OverviewAction });
    return;
  }
  const link = target?.closest('a');
  if (link?.href) {
    event.preventDefault();
    vscode.postMessage({ type: 'openExternal', url: link.href });
  }
});

vscode.postMessage({ type: 'ready' });
