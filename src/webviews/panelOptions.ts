import * as vscode from 'vscode';

/**
 * Webview options of every panel (security-reliability.md W1): scripts only from the extension's own `dist/webview/`
 * and `media/`, no command links, no forms, no hidden pages kept alive.
 */
export function panelOptions(extensionUri: vscode.Uri, options: { findWidget: boolean }): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    enableFindWidget: options.findWidget,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
