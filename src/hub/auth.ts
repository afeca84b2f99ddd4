/**
 * Where the access token comes from, in the order `huggingface_hub` uses (`get_token()`): the token stored by Sign in
 * wins; then `HF_TOKEN`, then the legacy `HUGGING_FACE_HUB_TOKEN`; then the token file (`HF_TOKEN_PATH`, else
 * `$HF_HOME/token`, else `$XDG_CACHE_HOME/huggingface/token`, else `~/.cache/huggingface/token`, which `hf auth login`
 * writes). `HF_HUB_DISABLE_IMPLICIT_TOKEN` turns off everything but the stored token. Sources are read when a request
 * needs them and never copied anywhere.
 */
import { withoutTrailingSlashes } from './format';

export type TokenSource = 'signIn' | 'HF_TOKEN' | 'HUGGING_FACE_HUB_TOKEN' | 'tokenFile';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
  /** For `tokenFile`: the file it was read from. */
  path?: string;
}

export interface TokenEnvironment {
  env: Record<string, string | undefined>;
  homedir: string;
  /** Reads a file as text, or returns undefined when it does not exist or cannot be read. */
  readFile: (path: string) => string | undefined;
}

export const SOURCE_LABELS: Record<TokenSource, string> = {
  signIn: 'signed in with VS Code',
  HF_TOKEN: 'HF_TOKEN environment variable',
  HUGGING_FACE_HUB_TOKEN: 'HUGGING_FACE_HUB_TOKEN environment variable',
  tokenFile: 'token file of the Hugging Face CLI',
};

const TRUE_VALUES = new Set(['1', 'on', 'yes', 'true']);

export function isTruthyEnv(value: string | undefined): boolean {
  return value !== undefined && TRUE_VALUES.has(value.trim().toLowerCase());
}

/** As `huggingface_hub`'s `_clean_token`: line breaks removed, spaces trimmed, empty means none. */
export function cleanToken(value: string | undefined): string | undefined {
  const token = value?.replace(/[\r\n]/g, '').trim();
  return token ? token : undefined;
}

/** The token file's path from the environment. */
export function tokenFilePath(env: Record<string, string | undefined>, homedir: string): string {
  if (env.HF_TOKEN_PATH) {
    return env.HF_TOKEN_PATH;
  }
  if (env.HF_HOME) {
    return joinPath(env.HF_HOME, 'token');
  }
  const cache = env.XDG_CACHE_HOME || joinPath(homedir, '.cache');
  return joinPath(cache, 'huggingface', 'token');
}

export function resolveToken(stored: string | undefined, environment: TokenEnvironment): ResolvedToken | undefined {
  const signIn = cleanToken(stored);
  if (signIn) {
    return { token: signIn, source: 'signIn' };
  }
  const { env } = environment;
  if (isTruthyEnv(env.HF_HUB_DISABLE_IMPLICIT_TOKEN)) {
    return undefined;
  }
  for (const name of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const) {
    const token = cleanToken(env[name]);
    if (token) {
      return { token, source: name };
    }
  }
  const path = tokenFilePath(env, environment.homedir);
  const fromFile = cleanToken(environment.readFile(path));
  return fromFile ? { token: fromFile, source: 'tokenFile', path } : undefined;
}

/** What Sign in accepts: the Hub's token shape (`@huggingface/hub` refuses anything else before sending). */
export function tokenInputProblem(value: string): string | undefined {
  const token = value.trim();
  if (!token) {
    return 'Paste an access token from huggingface.co/settings/tokens.';
  }
  if (!token.startsWith('hf_')) {
    return 'Hugging Face access tokens start with "hf_".';
  }
  if (!/^hf_[A-Za-z0-9]{20}[A-Za-z0-9]*$/.test(token)) {
    return 'This does not look like a complete access token.';
  }
  return undefined;
}

function joinPath(...parts: string[]): string {
  return parts.map((p, i) => withoutTrailingSlashes(p, i > 0)).join('/');
}
