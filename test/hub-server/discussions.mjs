// Discussions and pull requests of every repo, in the Hub's shapes (`GET /api/{type}s/{id}/discussions?p=` and
// `…/discussions/{num}`), from data written for the project: a few repos have hand-written threads (open, closed,
// merged and draft, hidden and edited comments, status and title changes, commits), one has 120 threads so the list
// has three pages of 50, one has threads made of the XSS corpus (hostile.mjs), and every other repo has 0–3 plain
// threads derived from its id. Access is the repo's (private repos 404 for others: lookupRepo runs first).
import { readVectors } from './hostile.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { hashInt, isoSeconds, prng } from './util.mjs';

/** @typedef {import('./catalog.mjs').Repo} Repo */
/** @typedef {import('./access.mjs').RequestContext} RequestContext */

/** The Hub's page size for discussion lists. */
export const DISCUSSIONS_PAGE_SIZE = 50;

/** Repos whose threads tests name. */
export const DISCUSSION_REPOS = Object.freeze({
  /** Hand-written threads of every kind. */
  rich: { type: 'model', id: 'kestrel-labs/Kestrel-2-7B-Instruct' },
  /** 120 threads: pages of 50, 50 and 20. */
  many: { type: 'model', id: 'openai-community/gpt2' },
  /** Threads whose titles, authors and comments are the XSS corpus. */
  hostile: { type: 'model', id: 'DeepPavlov/rubert-base-cased' },
  /** A dataset with hand-written threads. */
  dataset: { type: 'dataset', id: 'ag_news' },
});

const MANY = 120;
const BASE_TIME = Date.parse('2025-01-06T09:00:00.000Z');
const PEOPLE = ['ada-l', 'grace-h', 'linus-t', 'margaret-h', 'ken-t', 'barbara-l', 'hub-test'];

/** @param {string} name */
function author(name) {
  return { _id: `u${hashInt(name).toString(16).padStart(8, '0')}`, avatarUrl: `/avatars/${encodeURIComponent(name)}.svg`, fullname: name, name, type: 'user', isPro: false, isHf: false, isOwner: false, isMod: false };
}

/**
 * @typedef {object} Thread
 * @property {number} num
 * @property {string} title
 * @property {'open' | 'closed' | 'merged' | 'draft'} status
 * @property {boolean} isPullRequest
 * @property {string} author
 * @property {number} at ms
 * @property {boolean} [pinned]
 * @property {object[]} events
 */

let eventSeq = 0;

/**
 * @param {string} kind
 * @param {string} who
 * @param {number} at
 * @param {Record<string, unknown>} data
 */
function event(kind, who, at, data) {
  eventSeq += 1;
  return { id: `${Math.floor(at / 1000).toString(16)}${eventSeq.toString(16).padStart(16, '0')}`, author: author(who), createdAt: isoSeconds(at), type: kind, data };
}

/**
 * @param {string} who
 * @param {number} at
 * @param {string} raw
 * @param {{ hidden?: boolean, edited?: boolean }} [flags]
 */
function comment(who, at, raw, flags = {}) {
  const hidden = !!flags.hidden;
  return event('comment', who, at, {
    edited: !!flags.edited,
    hidden,
    // The Hub sends its own rendering too; clients must never show it (this one would run a script).
    latest: { raw: hidden ? '' : raw, html: hidden ? '' : `<p>${raw}</p><img src=x onerror="alert('hub html')">`, updatedAt: isoSeconds(at + (flags.edited ? 3_600_000 : 0)), author: author(who) },
    numEdits: flags.edited ? 1 : 0,
    editors: [who],
    reactions: [],
    isReport: false,
  });
}

/** @returns {Thread[]} */
function richThreads() {
  const t = BASE_TIME;
  const h = 3_600_000;
  return [
    {
      num: 1, title: 'Which chat template does the 7B use?', status: 'open', isPullRequest: false, author: 'ada-l', at: t, pinned: true,
      events: [
        comment('ada-l', t, 'The README shows **ChatML**, but `tokenizer_config.json` has a Llama-style template.\n\n```python\ntok.apply_chat_template(messages)\n```'),
        comment('grace-h', t + h, 'It is ChatML; the config was fixed in [#2](https://huggingface.co/kestrel-labs/Kestrel-2-7B-Instruct/discussions/2).', { edited: true }),
        comment('linus-t', t + 2 * h, 'spam', { hidden: true }),
        comment('ada-l', t + 3 * h, 'Thanks, that works.\n\n- one\n- two'),
      ],
    },
    {
      num: 2, title: 'Fix the chat template in tokenizer_config.json', status: 'merged', isPullRequest: true, author: 'grace-h', at: t + 4 * h,
      events: [
        comment('grace-h', t + 4 * h, 'This replaces the template with ChatML, as the README says.'),
        event('commit', 'grace-h', t + 4 * h + 60_000, { subject: 'Update tokenizer_config.json', oid: '3f2c8a1d9e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a' }),
        comment('margaret-h', t + 5 * h, 'Looks good to me.'),
        event('status-change', 'margaret-h', t + 6 * h, { status: 'merged' }),
      ],
    },
    {
      num: 3, title: 'Licence of the training data?', status: 'closed', isPullRequest: false, author: 'ken-t', at: t + 8 * h,
      events: [
        comment('ken-t', t + 8 * h, 'Is the data licence the same as the model\u2019s?'),
        event('title-change', 'ken-t', t + 9 * h, { from: 'licence?', to: 'Licence of the training data?' }),
        comment('grace-h', t + 10 * h, 'Yes: Apache-2.0 for both.'),
        event('status-change', 'grace-h', t + 11 * h, { status: 'closed' }),
      ],
    },
    {
      num: 4, title: 'Add GGUF quants', status: 'draft', isPullRequest: true, author: 'barbara-l', at: t + 24 * h,
      events: [comment('barbara-l', t + 24 * h, 'Work in progress: Q4_K_M and Q8_0 so far.'), event('commit', 'barbara-l', t + 25 * h, { subject: 'Add Q4_K_M', oid: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' })],
    },
    {
      num: 5, title: 'Reopened: long context degrades after 16k', status: 'open', isPullRequest: false, author: 'linus-t', at: t + 48 * h,
      events: [
        comment('linus-t', t + 48 * h, 'Past 16k tokens the answers repeat.'),
        event('status-change', 'grace-h', t + 49 * h, { status: 'closed' }),
        event('status-change', 'linus-t', t + 50 * h, { status: 'open' }),
      ],
    },
  ];
}

/** @returns {Thread[]} */
function manyThreads() {
  const rand = prng('discussions:many');
  return Array.from({ length: MANY }, (_, i) => {
    const num = i + 1;
    const isPullRequest = num % 3 === 0;
    const status = isPullRequest ? (num % 9 === 0 ? 'merged' : num % 2 ? 'open' : 'closed') : num % 4 === 0 ? 'closed' : 'open';
    const who = PEOPLE[Math.floor(rand() * PEOPLE.length)];
    const at = BASE_TIME + num * 86_400_000;
    const replies = Math.floor(rand() * 4);
    return {
      num, title: `${isPullRequest ? 'Update' : 'Question'} ${num}: ${isPullRequest ? 'config.json' : 'generation settings'}`, status, isPullRequest, author: who, at,
      events: [comment(who, at, `Thread ${num}, first comment.`), ...Array.from({ length: replies }, (_, r) => comment(PEOPLE[(num + r) % PEOPLE.length], at + (r + 1) * 60_000, `Reply ${r + 1}.`))],
    };
  });
}

/** @returns {Thread[]} */
function hostileThreads() {
  const vectors = readVectors();
  const markdown = ['html', 'markdown', 'svg', 'mathml', 'mxss', 'clobbering', 'css', 'schemes', 'links-images'].flatMap((c) => vectors.get(c) ?? []);
  const short = [...(vectors.get('listing') ?? []), ...(vectors.get('tags') ?? [])];
  const at = BASE_TIME;
  return [
    // Every vector in one thread's comments, one per comment.
    { num: 1, title: short[0] ?? '<script>alert(1)</script>', status: 'open', isPullRequest: false, author: 'hostile-test', at, events: markdown.map((v, i) => comment('hostile-test', at + i * 1000, v)) },
    // Titles and title changes made of the short vectors, and a bidi-controlled title.
    {
      num: 2, title: '\u202Eevil\u202C <img src=x onerror=alert(2)> title', status: 'open', isPullRequest: true, author: 'hostile-test', at: at + 1000,
      events: [comment('hostile-test', at + 1000, 'A pull request.'), ...short.map((v, i) => event('title-change', 'hostile-test', at + 2000 + i, { from: v, to: short[(i + 1) % short.length] }))],
    },
    // All vectors in one comment, then a comment of 1.5 MB.
    { num: 3, title: 'Big', status: 'closed', isPullRequest: false, author: 'hostile-test', at: at + 2000, events: [comment('hostile-test', at + 2000, markdown.join('\n\n')), comment('hostile-test', at + 3000, 'x'.repeat(1_500_000))] },
  ];
}

/** @param {Repo} repo @returns {Thread[]} */
function plainThreads(repo) {
  const count = hashInt(`discussions:${repo.type}:${repo.id}`) % 4;
  return Array.from({ length: count }, (_, i) => {
    const at = BASE_TIME + i * 86_400_000;
    const who = PEOPLE[(hashInt(repo.id) + i) % PEOPLE.length];
    return { num: i + 1, title: i % 2 ? `Update README.md` : `Question about ${repo.id.split('/').pop()}`, status: i === 2 ? 'closed' : 'open', isPullRequest: i % 2 === 1, author: who, at, events: [comment(who, at, `A question about **${repo.id}**.`)] };
  });
}

/** @type {Map<string, Thread[]>} */
const cache = new Map();

/** @param {Repo} repo */
function threadsOf(repo) {
  const key = `${repo.type}:${repo.id}`;
  let threads = cache.get(key);
  if (!threads) {
    const is = (/** @type {{type: string, id: string}} */ r) => r.type === repo.type && r.id === repo.id;
    threads = is(DISCUSSION_REPOS.rich) || is(DISCUSSION_REPOS.dataset) ? richThreads() : is(DISCUSSION_REPOS.many) ? manyThreads() : is(DISCUSSION_REPOS.hostile) ? hostileThreads() : plainThreads(repo);
    cache.set(key, threads);
  }
  return threads;
}

/** @param {Repo} repo */
function repoOf(repo) {
  return { name: repo.id, type: repo.type };
}

/** @param {Thread} t @param {Repo} repo */
function summary(t, repo) {
  return {
    num: t.num,
    author: author(t.author),
    repo: repoOf(repo),
    title: t.title,
    status: t.status,
    createdAt: isoSeconds(t.at),
    isPullRequest: t.isPullRequest,
    numComments: t.events.filter((e) => /** @type {{type: string}} */ (e).type === 'comment').length,
    numReactionUsers: 0,
    pinned: !!t.pinned,
    topReactions: [],
  };
}

/**
 * `GET /api/{type}s/{id}/discussions[/{num}]`.
 * @param {RequestContext} ctx
 * @param {Repo} repo
 * @param {string[]} rest segments after `discussions`
 */
export function discussionsRoute(ctx, repo, rest) {
  const threads = threadsOf(repo);
  if (rest.length === 0) {
    const page = Number(ctx.query.get('p') ?? '0');
    if (!Number.isSafeInteger(page) || page < 0) {
      return errorReply(400, 'Invalid page');
    }
    const type = ctx.query.get('type');
    const status = ctx.query.get('status');
    const who = ctx.query.get('author');
    const chosen = threads
      .filter((t) => (type === 'pull_request' ? t.isPullRequest : type === 'discussion' ? !t.isPullRequest : true))
      .filter((t) => (status === 'open' ? t.status === 'open' || t.status === 'draft' : status === 'closed' ? t.status === 'closed' || t.status === 'merged' : true))
      .filter((t) => !who || t.author === who)
      .sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned) || b.num - a.num);
    const start = page * DISCUSSIONS_PAGE_SIZE;
    return jsonReply(200, {
      discussions: chosen.slice(start, start + DISCUSSIONS_PAGE_SIZE).map((t) => summary(t, repo)),
      count: chosen.length,
      start,
      numClosedDiscussions: chosen.filter((t) => t.status === 'closed' || t.status === 'merged').length,
    });
  }
  const num = rest.length === 1 && /^[1-9][0-9]{0,8}$/.test(rest[0]) ? Number(rest[0]) : NaN;
  const thread = threads.find((t) => t.num === num);
  if (!thread) {
    return errorReply(404, 'Discussion not found', { code: 'EntryNotFound' });
  }
  /** @type {Record<string, unknown>} */
  const body = { ...summary(thread, repo), events: thread.events };
  if (thread.isPullRequest) {
    Object.assign(body, {
      conflictingFiles: [],
      targetBranch: 'refs/heads/main',
      mergeCommitOid: thread.status === 'merged' ? 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' : null,
      changes: { base: 'refs/heads/main' },
      filesWithConflicts: [],
      diffUrl: `/${repo.type === 'model' ? '' : `${repo.type}s/`}${repo.id}/discussions/${thread.num}/files`,
    });
  }
  return jsonReply(200, body);
}
