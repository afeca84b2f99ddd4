/**
 * Token shapes the Hub issues: user access tokens and organisation API tokens. "30 or more" is written as 30 then a
 * plain repeat: a counted `{30,}` keeps a backtrack entry per character and runs out of stack on a long run.
 */
const TOKEN_PATTERN = /\b(?:hf_|api_org_)[A-Za-z0-9]{30}[A-Za-z0-9]*\b/g;
const AUTH_HEADER = /(authorization\s*[:=]\s*)(?:bearer\s+)?\S+/gi;

/** Replaces anything token-shaped with `<TOKEN>`, for logs and error messages. */
export function redact(text: string): string {
  return text.replace(AUTH_HEADER, '$1<TOKEN>').replace(TOKEN_PATTERN, '<TOKEN>');
}
