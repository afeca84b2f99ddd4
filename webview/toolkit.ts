/**
 * The webview UI toolkit's components, in a bundle of their own (dist/webview/toolkit.js) that card pages load before
 * their script. `@vscode/webview-ui-toolkit` is no longer developed upstream: keeping it behind this one file makes
 * replacing it a local change. FAST creates the Trusted Types policy `fast-html` here (allowed by the card CSP).
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDivider, vsCodeTag } from '@vscode/webview-ui-toolkit';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeDivider(), vsCodeTag());
