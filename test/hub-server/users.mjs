// Test accounts and tokens. Tokens look like real user access tokens: `hf_` followed by 34 letters
// (`@huggingface/hub` refuses anything that does not start with `hf_` before sending it).
import { objectId } from './util.mjs';

/**
 * @typedef {object} TestUser
 * @property {string} name
 * @property {string} fullname
 * @property {string} token
 * @property {'read' | 'write' | 'fineGrained'} role token role reported by whoami-v2
 * @property {string[]} orgs organisations the user belongs to
 * @property {'noCredits'} [inference] why the Inference Providers router refuses the account's calls (402), if it does;
 *   a `fineGrained` token never has the "Make calls to Inference Providers" permission here (403)
 */

/** Accounts known to the test Hub. */
export const TEST_USERS = Object.freeze({
  /** Owner of `hub-test/private-model`, member of `hub-test-org`, approved for every gated repo. */
  hubTest: Object.freeze(
    /** @type {TestUser} */ ({
      name: 'hub-test',
      fullname: 'Hub Test',
      token: 'hf_HubTestUserWriteTokenForLocalTests',
      role: 'write',
      orgs: ['hub-test-org'],
    }),
  ),
  /** A valid account that was never approved for gated repos and owns nothing. */
  stranger: Object.freeze(
    /** @type {TestUser} */ ({
      name: 'stranger',
      fullname: 'Stranger',
      token: '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',
      role: 'read',
      orgs: [],
    }),
  ),
  /** A valid account whose included Inference Providers credits are used up: the router answers its calls 402. */
  noCredits: Object.freeze(
    /** @type {TestUser} */ ({
      name: 'no-credits',
      fullname: 'No Credits Left',
      token: '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',
      role: 'read',
      orgs: [],
      inference: 'noCredits',
    }),
  ),
  /** A fine-grained token without the "Make calls to Inference Providers" permission: the router answers 403. */
  noInference: Object.freeze(
    /** @type {TestUser} */ ({
      name: 'no-inference',
      fullname: 'No Inference Permission',
      token: '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',
      role: 'fineGrained',
      orgs: [],
    }),
  ),
});

/** Well-formed, but revoked: every request carrying it gets 401 "Invalid credentials in Authorization header". */
export const REVOKED_TOKEN = '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';

/** Tokens by role, for tests. */
export const TEST_TOKENS = Object.freeze({
  hubTest: TEST_USERS.hubTest.token,
  stranger: TEST_USERS.stranger.token,
  noCredits: TEST_USERS.noCredits.token,
  noInference: TEST_USERS.noInference.token,
  revoked: REVOKED_TOKEN,
});

const ORGS = /** @type {Record<string, string>} */ ({ 'hub-test-org': 'Hub Test Org' });

/** @type {Map<string, TestUser>} */
const BY_TOKEN = new Map(Object.values(TEST_USERS).map((u) => [u.token, u]));

/**
 * Result of reading the Authorization header.
 * @typedef {{ kind: 'anonymous' } | { kind: 'user', user: TestUser } | { kind: 'invalid' }} Auth
 */

/**
 * @param {string | undefined} header value of the Authorization header
 * @returns {Auth}
 */
export function authenticate(header) {
  if (!header) {
    return { kind: 'anonymous' };
  }
  const m = /^Bearer\s+(hf_[A-Za-z]{34})$/.exec(header.trim());
  const user = m ? BY_TOKEN.get(m[1]) : undefined;
  return user ? { kind: 'user', user } : { kind: 'invalid' };
}

/**
 * Whether `user` may act as `owner` (the user itself or one of its organisations).
 * @param {TestUser | null} user
 * @param {string | undefined} owner
 */
export function actsAs(user, owner) {
  return !!user && !!owner && (user.name === owner || user.orgs.includes(owner));
}

/**
 * `GET /api/whoami-v2` body, with the keys and order of the Hub's answer.
 * @param {TestUser} user
 */
export function whoAmIBody(user) {
  return {
    type: 'user',
    id: objectId('2023-05-04T12:00:00.000Z', `user:${user.name}`),
    name: user.name,
    fullname: user.fullname,
    email: `${user.name}@example.com`,
    emailVerified: true,
    canPay: false,
    isPro: false,
    periodEnd: null,
    avatarUrl: `/avatars/${objectId('2023-05-04T12:00:00.000Z', `avatar:${user.name}`)}.svg`,
    billingMode: 'postpaid',
    orgs: user.orgs.map((name) => ({
      type: 'org',
      id: objectId('2023-06-01T08:00:00.000Z', `org:${name}`),
      name,
      fullname: ORGS[name] ?? name,
      email: null,
      canPay: false,
      avatarUrl: `/avatars/${objectId('2023-06-01T08:00:00.000Z', `avatar:${name}`)}.svg`,
      periodEnd: null,
    })),
    auth: {
      type: 'access_token',
      accessToken: {
        displayName: `${user.name}-${user.role}`,
        role: user.role,
        createdAt: '2025-01-15T10:00:00.000Z',
        ...(user.role === 'fineGrained' ? { fineGrained: { canReadGatedRepos: false, global: [], scoped: [{ entity: { type: 'user', name: user.name }, permissions: ['repo.content.read'] }] } } : {}),
      },
    },
  };
}
