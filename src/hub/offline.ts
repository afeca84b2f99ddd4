import { HubError } from './errors';

/** `HubError.code` of a request refused because offline mode is on. */
export const OFFLINE_MODE_CODE = 'HF_HUB_OFFLINE';

/** `HF_HUB_OFFLINE` as huggingface_hub reads it: `1`, `ON`, `YES` or `TRUE`, in any case, mean offline. */
export function offlineFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return ['1', 'ON', 'YES', 'TRUE'].includes((env.HF_HUB_OFFLINE ?? '').trim().toUpperCase());
}

export function offlineModeError(): HubError {
  return new HubError('offline', 'Offline: HF_HUB_OFFLINE is set, so nothing is requested from the Hub.', { code: OFFLINE_MODE_CODE });
}

export function isOfflineMode(e: unknown): boolean {
  return e instanceof HubError && e.kind === 'offline' && e.code === OFFLINE_MODE_CODE;
}
