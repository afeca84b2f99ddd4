// Paper pages, paper search and daily papers in the Hub's shapes: `GET /api/papers/{arxivId}`,
// `GET /api/papers/search?q=` and `GET /api/daily_papers?date=&limit=&p=&sort=`, from the records of papers-data.mjs.
// Strings are served as written (the hostile paper's markup and bidi controls included): clients must escape them.
import { DAILY, PAPERS } from './papers-data.mjs';
import { errorReply, jsonReply } from './reply.mjs';
import { objectId } from './util.mjs';
import { TEST_USERS, whoAmIBody } from './users.mjs';

/** @typedef {import('./access.mjs').RequestContext} RequestContext */
/** @typedef {import('./papers-data.mjs').PaperRecord} PaperRecord */

/** A new-style arXiv id (YYMM.NNNN or YYMM.NNNNN), the only form paper pages use. */
const ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const DAILY_LIMIT = 50;
const DAILY_MAX_LIMIT = 100;
/** The `_id` epoch of accounts, as whoami-v2 makes them (users.mjs). */
const ACCOUNT_EPOCH = '2023-05-04T12:00:00.000Z';

const BY_ID = new Map(PAPERS.map((p) => [p.id, p]));

/**
 * @param {string} id
 * @returns {PaperRecord | undefined}
 */
export function paperRecord(id) {
  return BY_ID.get(id);
}

/**
 * Where the Hub's thumbnail of a paper would be, on this server's origin (it answers 404: no image is served).
 * @param {string} origin
 * @param {string} id
 */
export function thumbnailUrl(origin, id) {
  return `${origin}/social-thumbnails/papers/${id}.png`;
}

/**
 * The short account object the Hub embeds in papers (`user` of an author, `submittedBy`), with the ids whoami-v2 gives
 * test users; other accounts get ids made the same way.
 * @param {string} name
 * @param {string} fullname
 */
function account(name, fullname) {
  const test = Object.values(TEST_USERS).find((u) => u.name === name);
  if (test) {
    const me = whoAmIBody(test);
    return { _id: me.id, avatarUrl: me.avatarUrl, fullname: me.fullname, name };
  }
  return { _id: objectId(ACCOUNT_EPOCH, `user:${name}`), avatarUrl: `/avatars/${objectId(ACCOUNT_EPOCH, `avatar:${name}`)}.svg`, fullname, name };
}

/**
 * `submittedBy` of a daily paper.
 * @param {string} name
 */
function submitter(name) {
  const a = account(name, name);
  return { _id: a._id, avatarUrl: a.avatarUrl, fullname: a.fullname, name: a.name, type: 'user', isPro: false };
}

/**
 * The paper object: `GET /api/papers/{id}`, and `paper` of list items. Authors have the keys and order of the Hub's:
 * `_id`, `user` (claimed names only), `name`, `status` and `statusLastChangedAt` (claimed only), `hidden`.
 * @param {PaperRecord} p
 */
export function paperBody(p) {
  const authors = p.authors.map((name, i) => {
    const claim = p.claims?.[name];
    /** @type {Record<string, unknown>} */
    const author = { _id: objectId(p.publishedAt, `paper-author:${p.id}:${i}`) };
    if (claim) {
      const a = account(claim.user, name);
      author.user = { _id: a._id, avatarUrl: a.avatarUrl, isPro: false, fullname: a.fullname, user: claim.user, type: 'user' };
    }
    author.name = name;
    if (claim) {
      author.status = claim.status;
      author.statusLastChangedAt = claim.at;
    }
    author.hidden = !!p.hidden?.includes(name);
    return author;
  });
  /** @type {Record<string, unknown>} */
  const body = {
    id: p.id,
    authors,
    publishedAt: p.publishedAt,
    title: p.title,
    summary: p.summary,
    upvotes: p.upvotes,
    discussionId: objectId(p.publishedAt, `paper-discussion:${p.id}`),
  };
  if (p.keywords) {
    body.ai_keywords = [...p.keywords];
  }
  return body;
}

const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/**
 * The `publishedAt` of a list item: the Hub writes the paper's New York wall time as if it were UTC (4 or 5 hours
 * before the paper's own `publishedAt`), as every recorded search answer shows.
 * @param {string} iso
 */
function listedAt(iso) {
  const parts = Object.fromEntries(NEW_YORK.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.000Z`;
}

/**
 * A list item of search and daily papers (without highlights or submitter).
 * @param {PaperRecord} p
 * @param {string} origin
 */
function listItem(p, origin) {
  return {
    paper: paperBody(p),
    publishedAt: listedAt(p.publishedAt),
    title: p.title,
    summary: p.summary,
    thumbnail: thumbnailUrl(origin, p.id),
    numComments: p.numComments,
    upvoted: false,
    isAuthorParticipating: false,
  };
}

/**
 * `text`/`highlight` pieces that put `text` back together, the words found (case-insensitively) highlighted.
 * @param {string} text
 * @param {string[]} words lower-case, non-empty
 */
function highlighted(text, words) {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) {
    return [{ type: 'text', text }];
  }
  /** @type {{ type: string, text: string }[]} */
  const pieces = [];
  let at = 0;
  for (;;) {
    let found = -1;
    let size = 0;
    for (const w of words) {
      const i = lower.indexOf(w, at);
      if (i >= 0 && (found < 0 || i < found || (i === found && w.length > size))) {
        found = i;
        size = w.length;
      }
    }
    if (found < 0) {
      break;
    }
    if (found > at) {
      pieces.push({ type: 'text', text: text.slice(at, found) });
    }
    pieces.push({ type: 'highlight', text: text.slice(found, found + size) });
    at = found + size;
  }
  if (at < text.length) {
    pieces.push({ type: 'text', text: text.slice(at) });
  }
  return pieces;
}

/**
 * `GET /api/papers/search?q=`: papers whose title or abstract holds every word of `q` (case-insensitive), those with
 * a word in the title first, then by upvotes; each with `highlightedTitle` and `highlightedSummary`, as the Hub adds.
 * No `q` (or only spaces) answers `[]`.
 * @param {RequestContext} ctx
 */
function search(ctx) {
  const words = [...new Set((ctx.query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 16);
  if (words.length === 0) {
    return jsonReply(200, []);
  }
  const found = PAPERS.map((p) => ({ p, title: p.title.toLowerCase(), summary: p.summary.toLowerCase() }))
    .filter((x) => words.every((w) => x.title.includes(w) || x.summary.includes(w)))
    .map((x) => ({ p: x.p, inTitle: words.some((w) => x.title.includes(w)) }))
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.p.upvotes - a.p.upvotes || (a.p.id < b.p.id ? -1 : 1));
  return jsonReply(
    200,
    found.map(({ p }) => ({ ...listItem(p, ctx.origin), highlightedTitle: highlighted(p.title, words), highlightedSummary: highlighted(p.summary, words) })),
  );
}

/**
 * `/api/papers/…`: `search`, or one paper by arXiv id. Unknown and malformed ids: 404 `{"error": "Paper not found"}`.
 * @param {RequestContext} ctx
 * @param {string[]} rest raw segments after `/api/papers/`
 */
export function papersRoute(ctx, rest) {
  if (rest.length === 1 && rest[0] === 'search') {
    return search(ctx);
  }
  const paper = rest.length === 1 && ARXIV_ID.test(rest[0]) ? BY_ID.get(rest[0]) : undefined;
  return paper ? jsonReply(200, paperBody(paper)) : errorReply(404, 'Paper not found');
}

/**
 * A non-negative integer parameter, its default when absent; undefined when malformed.
 * @param {string | null} value
 * @param {number} fallback
 */
function count(value, fallback) {
  if (value === null) {
    return fallback;
  }
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** @param {string} date */
function isDate(date) {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00.000Z`).toISOString().slice(0, 10) === date;
}

/**
 * `GET /api/daily_papers`: the papers submitted on `date` (default: the latest day that has some), sorted by
 * `publishedAt` (the paper's, newest first; the default) or `trending` (upvotes), `limit` per page (default 50, at
 * most 100), page `p` (0-based; past the end: `[]`). A malformed date, limit, page or sort: 400.
 * @param {RequestContext} ctx
 */
export function dailyPapersRoute(ctx) {
  const q = ctx.query;
  const date = q.get('date');
  if (date !== null && !isDate(date)) {
    return errorReply(400, `Invalid date "${date}", expected YYYY-MM-DD`);
  }
  const limit = count(q.get('limit'), DAILY_LIMIT);
  if (limit === undefined || limit < 1) {
    return errorReply(400, `Invalid limit "${q.get('limit')}"`);
  }
  const page = count(q.get('p'), 0);
  if (page === undefined) {
    return errorReply(400, `Invalid page "${q.get('p')}"`);
  }
  const sort = q.get('sort') ?? 'publishedAt';
  if (sort !== 'publishedAt' && sort !== 'trending') {
    return errorReply(400, `Invalid sort "${sort}", must be one of publishedAt, trending`);
  }
  const day = date ?? DAILY.reduce((latest, d) => (d.date > latest ? d.date : latest), '');
  const entries = DAILY.filter((d) => d.date === day).flatMap((d) => d.papers.map((id) => ({ paper: BY_ID.get(id), by: d.submittedBy })));
  const items = /** @type {{ paper: PaperRecord, by: string }[]} */ (entries.filter((e) => e.paper));
  items.sort((a, b) => (sort === 'trending' ? b.paper.upvotes - a.paper.upvotes : 0) || (a.paper.publishedAt < b.paper.publishedAt ? 1 : a.paper.publishedAt > b.paper.publishedAt ? -1 : 0));
  const size = Math.min(limit, DAILY_MAX_LIMIT);
  return jsonReply(
    200,
    items.slice(page * size, page * size + size).map(({ paper, by }) => {
      const { upvoted, isAuthorParticipating, ...rest } = listItem(paper, ctx.origin);
      return { ...rest, submittedBy: submitter(by), upvoted, isAuthorParticipating };
    }),
  );
}
