/** Token shapes the Hub issues: user access tokens and organisation API tokens. */
const TOKEN_PATTERN = /\b(?:hf_[A-Za-z0-9]{30,}|api_org_[A-Za-z0-9]{30,})\b/g;
const AUTH_HEADER = /(authorization\s*[:=]\s*)(?:bearer\s+)?\S+/gi;

/** Replaces anything token-shaped with `<TOKEN>`, for logs and error messages. */
export function redact(text: string): string {
  return text.replace(AUTH_HEADER, '$1<TOKEN>').replace(TOKEN_PATTERN, '<TOKEN>');
}
