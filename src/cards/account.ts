import { createHash, randomBytes } from 'node:crypto';

/**
 * Who the Hub is asked as, for the card cache's keys: `anonymous` without a token, else a fingerprint of the token salted
 * with a random value of this installation, so that one account's cards are never shown to another and what is stored
 * cannot be matched against a known token. The token itself is never stored.
 */
export function accountKey(token: string | undefined, salt: string): string {
  return token ? createHash('sha256').update(salt).update('\0').update(token).digest('hex').slice(0, 32) : 'anonymous';
}

interface KeyValueState {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

const SALT_KEY = 'huggingface.cardCacheSalt';

/** This installation's salt for account fingerprints, made once and kept in the extension's (unsynced) global state. */
export function installationSalt(state: KeyValueState): string {
  const kept = state.get(SALT_KEY);
  if (typeof kept === 'string' && kept.length >= 32) {
    return kept;
  }
  const salt = randomBytes(24).toString('hex');
  void state.update(SALT_KEY, salt);
  return salt;
}
