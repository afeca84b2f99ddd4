/**
 * A repo's Discussions and pull requests, read-only: the Hub's list and thread bodies checked into typed values, and the
 * text of a picker row. Every string is the Hub's (anyone's) text: titles and names lose bidi and control characters,
 * numbers must be safe positive integers, a comment is cut at 1 MB and a thread at 2,000 events. The Hub's own `html`
 * of a comment is never read; its `raw` markdown goes through the card pipeline in the page. Pure: no `vscode`.
 */
import { HubError } from '../hub/errors';
import { age, escapeIcons, withoutBidiControls } from '../hub/format';

import { DISCUSSION_STATUSES, kindText, statusText, type DiscussionStatus } from './labels';
import type { DiscussionEvent, DiscussionPage, DiscussionSummary, DiscussionThread, EventBase } from './types';

export { DISCUSSION_STATUSES, kindText, statusText, type DiscussionStatus } from './labels';
export type { DiscussionEvent, DiscussionPage, DiscussionSummary, DiscussionThread } from './types';

/** The Hub sends 50 threads a page. */
export const DISCUSSIONS_PAGE_SIZE = 50;
export const MAX_COMMENT_CHARS = 1_000_000;
export const MAX_EVENTS = 2_000;
export const MAX_TITLE_CHARS = 300;
/** Pages of a list the picker will load (50 × 200 = 10,000 threads). */
export const MAX_PAGES = 200;

/** Hub user and organisation names: letters, digits, `-`, `_`, `.`, at most 96 (anchored, no nested repetition). */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A positive safe integer, else undefined. */
export function discussionNum(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** One line of text for a title or name: no bidi controls, no control characters or line breaks, bounded. */
export function lineText(value: unknown, max = MAX_TITLE_CHARS): string {
  if (typeof value !== 'string') {
    return '';
  }
  const flat = withoutBidiControls(value.length > max * 4 ? value.slice(0, max * 4) : value)
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The name of the Hub's `author` object (or string), when it is a valid user name; `deleted` when absent or not. */
export function authorName(value: unknown): string {
  const name = isObject(value) ? value.name : value;
  return typeof name === 'string' && USER_NAME.test(name) ? name : 'deleted';
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function status(value: unknown): DiscussionStatus | undefined {
  return typeof value === 'string' && (DISCUSSION_STATUSES as readonly string[]).includes(value) ? (value as DiscussionStatus) : undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** One thread of a list (or the head of a thread body); undefined when its number or status is not valid. */
export function parseSummary(value: unknown): DiscussionSummary | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const num = discussionNum(value.num);
  const st = status(value.status);
  if (num === undefined || st === undefined) {
    return undefined;
  }
  const summary: DiscussionSummary = {
    num,
    title: lineText(value.title) || '(no title)',
    status: st,
    isPullRequest: value.isPullRequest === true,
    author: authorName(value.author),
    numComments: count(value.numComments),
    pinned: value.pinned === true,
  };
  const createdAt = isoDate(value.createdAt);
  if (createdAt) {
    summary.createdAt = createdAt;
  }
  return summary;
}

function badShape(host: string, what: string): HubError {
  return new HubError('badResponse', `${host} sent ${what} in an unexpected shape.`);
}

/** `GET /api/{type}s/{id}/discussions?p=N`: `{ discussions, count, start }`. Invalid threads are skipped and counted. */
export function parseDiscussionPage(body: unknown, host: string): DiscussionPage {
  if (!isObject(body) || !Array.isArray(body.discussions)) {
    throw badShape(host, 'a list of discussions');
  }
  const items: DiscussionSummary[] = [];
  let skipped = 0;
  for (const raw of body.discussions.slice(0, DISCUSSIONS_PAGE_SIZE * 4)) {
    const item = parseSummary(raw);
    if (item) {
      items.push(item);
    } else {
      skipped++;
    }
  }
  skipped += Math.max(0, body.discussions.length - DISCUSSIONS_PAGE_SIZE * 4);
  return { items, count: count(body.count), start: count(body.start), skipped };
}

function parseEvent(value: unknown): DiscussionEvent | undefined {
  if (!isObject(value) || !isObject(value.data)) {
    return undefined;
  }
  const base: EventBase = { author: authorName(value.author) };
  const createdAt = isoDate(value.createdAt);
  if (createdAt) {
    base.createdAt = createdAt;
  }
  const data = value.data;
  switch (value.type) {
    case 'comment': {
      const hidden = data.hidden === true;
      const raw = isObject(data.latest) && typeof data.latest.raw === 'string' ? data.latest.raw : '';
      const cut = !hidden && raw.length > MAX_COMMENT_CHARS;
      // A hidden comment's text is never kept, whatever the Hub sent.
      return { ...base, kind: 'comment', text: hidden ? '' : cut ? raw.slice(0, MAX_COMMENT_CHARS) : raw, hidden, edited: data.edited === true, cut };
    }
    case 'status-change': {
      const st = status(data.status);
      return st ? { ...base, kind: 'status', status: st } : undefined;
    }
    case 'title-change':
      return { ...base, kind: 'title', from: lineText(data.from) || '(no title)', to: lineText(data.to) || '(no title)' };
    case 'commit':
      return typeof data.oid === 'string' && /^[0-9a-f]{7,64}$/.test(data.oid) ? { ...base, kind: 'commit', subject: lineText(data.subject) || '(no message)', oid: data.oid } : undefined;
    default:
      return undefined;
  }
}

/** `GET /api/{type}s/{id}/discussions/{num}`: the thread and its events (comments, status and title changes, commits). */
export function parseDiscussionThread(body: unknown, host: string, expectedNum?: number): DiscussionThread {
  const summary = parseSummary(body);
  if (!summary || !isObject(body) || !Array.isArray(body.events) || (expectedNum !== undefined && summary.num !== expectedNum)) {
    throw badShape(host, 'a discussion');
  }
  const events: DiscussionEvent[] = [];
  let skippedEvents = Math.max(0, body.events.length - MAX_EVENTS);
  for (const raw of body.events.slice(0, MAX_EVENTS)) {
    const event = parseEvent(raw);
    if (event) {
      events.push(event);
    } else {
      skippedEvents++;
    }
  }
  const thread: DiscussionThread = { ...summary, events, skippedEvents };
  if (summary.isPullRequest) {
    const target = lineText(body.targetBranch, 200);
    if (target) {
      thread.targetBranch = target;
    }
    if (typeof body.mergeCommitOid === 'string' && /^[0-9a-f]{7,64}$/.test(body.mergeCommitOid)) {
      thread.mergeCommitOid = body.mergeCommitOid;
    }
  }
  return thread;
}

/** A picker row: the title with its kind's icon, then `#num · author · status · kind`, then comments and age. */
export function rowText(d: DiscussionSummary, now = new Date()): { label: string; description: string; detail: string } {
  const icon = d.isPullRequest ? (d.status === 'merged' ? '$(git-merge)' : '$(git-pull-request)') : d.status === 'open' ? '$(comment-discussion)' : '$(pass)';
  const when = d.createdAt ? age(new Date(d.createdAt), now) : undefined;
  const comments = `${d.numComments} comment${d.numComments === 1 ? '' : 's'}`;
  return {
    label: `${icon} ${escapeIcons(d.title)}`,
    description: [`#${d.num}`, d.author, statusText(d.status), kindText(d.isPullRequest), ...(d.pinned ? ['Pinned'] : [])].join(' · '),
    detail: [comments, ...(when ? [when] : [])].join(' · '),
  };
}

/** What the list says after a page: "50 of 120 shown". */
export function shownText(shown: number, total: number): string {
  return total > shown ? `${shown} of ${total} shown` : `${shown} thread${shown === 1 ? '' : 's'}`;
}
