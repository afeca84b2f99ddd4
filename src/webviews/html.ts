import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** A nonce with 128 bits of entropy, new for every render. */
export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The shell of every webview page: a strict CSP where scripts run only with this render's nonce, styles and fonts come
 * only from the extension's own assets, and nothing may be framed, posted or fetched.
 */
export function page(options: {
  webview: vscode.Webview;
  title: string;
  script: vscode.Uri;
  styles: vscode.Uri[];
  body: string;
  imgSrc?: string;
}): string {
  const n = nonce();
  const csp = [
    "default-src 'none'",
    `img-src ${options.webview.cspSource} ${options.imgSrc ?? ''}`.trim(),
    `style-src ${options.webview.cspSource}`,
    `font-src ${options.webview.cspSource}`,
    `script-src 'nonce-${n}'`,
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const styles = options.styles.map((s) => `<link rel="stylesheet" href="${options.webview.asWebviewUri(s)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    ${options.body}
    <script nonce="${n}" src="${options.webview.asWebviewUri(options.script)}"></script>
  </body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
