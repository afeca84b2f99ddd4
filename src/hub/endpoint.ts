import { withoutTrailingSlashes } from './format';
import { isLoopback } from './redirects';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';

export interface EndpointChoice {
  endpoint: string;
  source: 'setting' | 'HF_ENDPOINT' | 'default';
  /** Set when a configured value was refused and the default used instead. */
  problem?: string;
}

/**
 * Picks the Hub endpoint: the `huggingface.endpoint` setting, else `HF_ENDPOINT`, else huggingface.co.
 * Only https URLs are accepted (plain http only for loopback, for a local Hub); a trailing `/` is dropped.
 */
export function resolveEndpoint(setting: string | undefined, env: Record<string, string | undefined>): EndpointChoice {
  for (const [value, source] of [
    [setting, 'setting'],
    [env.HF_ENDPOINT, 'HF_ENDPOINT'],
  ] as const) {
    if (value && value.trim()) {
      const problem = endpointProblem(value.trim());
      if (problem) {
        return { endpoint: DEFAULT_ENDPOINT, source: 'default', problem: `${source === 'setting' ? 'huggingface.endpoint' : 'HF_ENDPOINT'}: ${problem}` };
      }
      return { endpoint: normalizeEndpoint(value.trim()), source };
    }
  }
  return { endpoint: DEFAULT_ENDPOINT, source: 'default' };
}

export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL.`;
  }
  if (url.username || url.password) {
    return 'the endpoint URL must not contain credentials.';
  }
  if (url.search || url.hash) {
    return 'the endpoint URL must not have a query or fragment.';
  }
  if (url.protocol === 'https:') {
    return undefined;
  }
  if (url.protocol === 'http:' && isLoopback(url.hostname)) {
    return undefined;
  }
  return 'the endpoint must use https (plain http is allowed only for localhost).';
}

export function normalizeEndpoint(value: string): string {
  return withoutTrailingSlashes(value);
}
