/**
 * The webview UI toolkit's components, in a bundle of their own (dist/webview/toolkit.js) that card pages load before
 * their script. `@vscode/webview-ui-toolkit` is no longer developed upstream: keeping it behind this one file makes
 * replacing it a local change. FAST creates the Trusted Types policy `fast-html` here (allowed by the card CSP).
 */
import { provideVSCodeDesignSystem, vsCodeButton } from '@vscode/webview-ui-toolkit';

// Only the button: the card's tags and rule are plain elements styled in media/card.css, which keeps this bundle small.
provideVSCodeDesignSystem().register(vsCodeButton());
