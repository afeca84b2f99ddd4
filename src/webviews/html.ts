import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** A nonce with 128 bits of entropy, new for every render. */
export function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Trusted Types policy `@vscode/webview-ui-toolkit` (FAST) creates when it loads. */
export const TOOLKIT_POLICY = 'fast-html';

/** The Trusted Types policy DOMPurify creates on pages that sanitise Hub markdown (cards, Try it answers). */
export const SANITIZER_POLICY = 'dompurify';

/**
 * The Content Security Policy of every webview page (security-reliability.md W2): scripts only with this render's
 * nonce, styles, fonts and images only from the extension's own assets (plus `imgSources`), nothing fetched, framed,
 * posted or played, no `<base>`, and DOM HTML sinks only through the named Trusted Types policies.
 */
export function contentSecurityPolicy(options: { cspSource: string; nonce: string; imgSources?: readonly string[]; trustedTypes?: readonly string[] }): string {
  const policies = options.trustedTypes ?? [TOOLKIT_POLICY];
  return [
    "default-src 'none'",
    `script-src 'nonce-${options.nonce}'`,
    `style-src ${options.cspSource}`,
    [`img-src ${options.cspSource}`, ...(options.imgSources ?? [])].join(' '),
    `font-src ${options.cspSource}`,
    "media-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${policies.length ? policies.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * The shell of every webview page: the CSP first in `<head>`, then styles, the body, and the scripts, each carrying
 * this render's nonce.
 */
export function page(options: {
  webview: vscode.Webview;
  title: string;
  /** One script, or several loaded in order. */
  script: vscode.Uri | readonly vscode.Uri[];
  styles: vscode.Uri[];
  body: string;
  /** Extra `img-src` sources (cards: the image policy's hosts). */
  imgSources?: readonly string[];
  /** Trusted Types policies the page's scripts create; default the toolkit's. */
  trustedTypes?: readonly string[];
}): string {
  const n = nonce();
  const csp = contentSecurityPolicy({ cspSource: options.webview.cspSource, nonce: n, imgSources: options.imgSources, trustedTypes: options.trustedTypes });
  if (/["<>&]/.test(csp)) {
    throw new Error('A webview CSP source has a character that cannot go in an attribute.');
  }
  const styles = options.styles.map((s) => `<link rel="stylesheet" href="${options.webview.asWebviewUri(s).toString()}">`).join('\n    ');
  const scripts = (Array.isArray(options.script) ? options.script : [options.script])
    .map((s: vscode.Uri) => `<script nonce="${n}" src="${options.webview.asWebviewUri(s).toString()}"></script>`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    ${options.body}
    ${scripts}
  </body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
