/**
 * Messages between the extension host and its webviews. Both sides import these types; the host still validates every
 * message it receives, because a webview renders untrusted content.
 */

/** Actions the overview page may ask for; each maps to one fixed command on the host side. */
export const OVERVIEW_ACTIONS = ['showModels', 'showDatasets', 'showSpaces', 'refreshAll'] as const;
export type OverviewAction = (typeof OVERVIEW_ACTIONS)[number];

export type FromOverview =
  | { type: 'ready' }
  | { type: 'action'; action: OverviewAction }
  | { type: 'openExternal'; url: string };

/** Parses a message from the overview webview; anything else is dropped. */
export function parseFromOverview(message: unknown): FromOverview | undefined {
  if (!message || typeof message !== 'object') {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') {
    return { type: 'ready' };
  }
  if (m.type === 'action' && typeof m.action === 'string' && (OVERVIEW_ACTIONS as readonly string[]).includes(m.action)) {
    return { type: 'action', action: m.action as OverviewAction };
  }
  if (m.type === 'openExternal' && typeof m.url === 'string' && m.url.length < 2048) {
    return { type: 'openExternal', url: m.url };
  }
  return undefined;
}

/** Links a webview may open: https pages of Hugging Face sites only. */
export function isAllowedExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      !parsed.username &&
      !parsed.password &&
      (parsed.hostname === 'huggingface.co' || parsed.hostname.endsWith('.huggingface.co') || parsed.hostname === 'hf.co')
    );
  } catch {
    return false;
  }
}
