// Discussions and pull requests: the list and thread bodies checked into typed values (good, malformed, hostile, huge),
// the picker's row text, the embedded Hub's answers through HubClient, and linear time on pathological text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HubClient } from '../../src/hub/client';
import { HubError } from '../../src/hub/errors';
import {
  authorName, discussionNum, lineText, MAX_COMMENT_CHARS, MAX_EVENTS, parseDiscussionPage, parseDiscussionThread, parseSummary, rowText, shownText,
} from '../../src/discussions/model';
import { parseFromDiscussion } from '../../src/discussions/protocol';
import { DISCUSSION_REPOS } from '../hub-server/discussions.mjs';
import { embeddedHub } from './embedded-hub';
import { assertLinear, repeatTo } from './linear';

const fx = embeddedHub();
const client = () => new HubClient({ endpoint: fx.hub.url, retries: 0, timeoutMs: 5_000 });

const summary = (over: Record<string, unknown> = {}) => ({
  num: 7, title: 'Question', status: 'open', isPullRequest: false, createdAt: '2025-01-06T09:00:00.000Z', author: { name: 'ada-l' }, numComments: 2, pinned: false, ...over,
});
const comment = (raw: string, data: Record<string, unknown> = {}) => ({ id: 'e1', type: 'comment', createdAt: '2025-01-06T09:00:00.000Z', author: { name: 'ada-l' }, data: { latest: { raw, html: '<script>x</script>' }, hidden: false, edited: false, ...data } });

describe('discussion list bodies', () => {
  it('reads a page: threads, count and start', () => {
    const page = parseDiscussionPage({ discussions: [summary(), summary({ num: 8, isPullRequest: true, status: 'merged', pinned: true })], count: 120, start: 50, numClosedDiscussions: 3 }, 'hub');
    assert.equal(page.items.length, 2);
    assert.deepEqual(page.items[0], { num: 7, title: 'Question', status: 'open', isPullRequest: false, author: 'ada-l', numComments: 2, pinned: false, createdAt: '2025-01-06T09:00:00.000Z' });
    assert.equal(page.items[1].status, 'merged');
    assert.equal(page.count, 120);
    assert.equal(page.start, 50);
    assert.equal(page.skipped, 0);
  });

  it('refuses a body that is not a list of discussions', () => {
    for (const body of [null, [], 'x', {}, { discussions: {} }]) {
      assert.throws(() => parseDiscussionPage(body, 'hub'), (e: unknown) => e instanceof HubError && e.kind === 'badResponse');
    }
  });

  it('skips threads with a bad number or status and counts them', () => {
    const bad = [summary({ num: 0 }), summary({ num: -1 }), summary({ num: 1.5 }), summary({ num: 2 ** 53 }), summary({ num: '3' }), summary({ status: 'weird' }), null, 'x', []];
    const page = parseDiscussionPage({ discussions: [...bad, summary()], count: 'many' }, 'hub');
    assert.equal(page.items.length, 1);
    assert.equal(page.skipped, bad.length);
    assert.equal(page.count, 0);
  });

  it('strips bidi and control characters from titles, bounds them, and names bad authors "deleted"', () => {
    const s = parseSummary(summary({ title: '\u202Eevil\u202C\n<b>x</b>\u0000', author: { name: '<script>' } }));
    assert.equal(s?.title, 'evil <b>x</b>');
    assert.equal(s?.author, 'deleted');
    assert.equal(parseSummary(summary({ title: '' }))?.title, '(no title)');
    assert.equal(parseSummary(summary({ title: 'x'.repeat(10_000) }))?.title.length, 300);
    assert.equal(parseSummary(summary({ author: undefined }))?.author, 'deleted');
    assert.equal(parseSummary(summary({ createdAt: 'yesterday' }))?.createdAt, undefined);
    assert.equal(authorName({ name: 'a'.repeat(97) }), 'deleted');
    assert.equal(authorName({ name: 'hub-test_1.x' }), 'hub-test_1.x');
    assert.equal(discussionNum(12), 12);
    assert.equal(discussionNum(Number.MAX_SAFE_INTEGER + 1), undefined);
  });

  it('reads at most 200 threads of a page, however many the body holds', () => {
    const page = parseDiscussionPage({ discussions: Array.from({ length: 100_000 }, (_, i) => summary({ num: i + 1 })), count: 100_000 }, 'hub');
    assert.equal(page.items.length, 200);
    assert.equal(page.skipped, 100_000 - 200);
  });
});

describe('discussion thread bodies', () => {
  it('reads comments, status and title changes and commits; never the Hub html', () => {
    const t = parseDiscussionThread(
      {
        ...summary({ isPullRequest: true, status: 'merged' }),
        targetBranch: 'refs/heads/main',
        mergeCommitOid: 'c0ffee00c0ffee00',
        events: [
          comment('**hi**', { edited: true }),
          comment('secret', { hidden: true }),
          { id: 'e2', type: 'status-change', author: { name: 'grace-h' }, createdAt: '2025-01-07T00:00:00Z', data: { status: 'merged' } },
          { id: 'e3', type: 'title-change', author: { name: 'grace-h' }, data: { from: 'a\u202E', to: 'b' } },
          { id: 'e4', type: 'commit', author: { name: 'grace-h' }, data: { subject: 'Update', oid: '3f2c8a1d9e7b' } },
          { id: 'e5', type: 'reaction', data: {} },
          { id: 'e6', type: 'status-change', data: { status: 'exploded' } },
          { id: 'e7', type: 'commit', data: { subject: 'x', oid: 'not-hex' } },
        ],
      },
      'hub',
      7,
    );
    assert.deepEqual(
      t.events.map((e) => e.kind),
      ['comment', 'comment', 'status', 'title', 'commit'],
    );
    assert.deepEqual(t.events[0], { author: 'ada-l', createdAt: '2025-01-06T09:00:00.000Z', kind: 'comment', text: '**hi**', hidden: false, edited: true, cut: false });
    assert.equal(t.events[1].kind === 'comment' && t.events[1].text, '', 'a hidden comment keeps no text');
    assert.equal(t.events[3].kind === 'title' && t.events[3].from, 'a');
    assert.equal(t.skippedEvents, 3);
    assert.equal(t.targetBranch, 'refs/heads/main');
    assert.equal(t.mergeCommitOid, 'c0ffee00c0ffee00');
    assert.ok(!JSON.stringify(t).includes('<script>'), 'the html field is not kept');
  });

  it('refuses a thread without events, or of another number', () => {
    assert.throws(() => parseDiscussionThread(summary(), 'hub'), HubError);
    assert.throws(() => parseDiscussionThread({ ...summary(), events: [] }, 'hub', 8), HubError);
    assert.throws(() => parseDiscussionThread({ ...summary({ num: 'x' }), events: [] }, 'hub'), HubError);
  });

  it('cuts a comment at 1 MB and a thread at 2,000 events', () => {
    const t = parseDiscussionThread({ ...summary(), events: [comment('y'.repeat(MAX_COMMENT_CHARS + 10)), ...Array.from({ length: 3000 }, () => comment('z'))] }, 'hub');
    const first = t.events[0];
    assert.ok(first.kind === 'comment' && first.cut && first.text.length === MAX_COMMENT_CHARS);
    assert.equal(t.events.length, MAX_EVENTS);
    assert.equal(t.skippedEvents, 3001 - MAX_EVENTS);
  });
});

describe('picker rows', () => {
  const now = new Date('2025-01-08T09:00:00.000Z');
  it('shows title, number, author, status, kind, comments and age', () => {
    const row = rowText(parseSummary(summary({ isPullRequest: true, status: 'draft', numComments: 1 }))!, now);
    assert.equal(row.label, '$(git-pull-request) Question');
    assert.equal(row.description, '#7 · ada-l · Draft · Pull request');
    assert.equal(row.detail, '1 comment · 2d');
    const merged = rowText(parseSummary(summary({ isPullRequest: true, status: 'merged', pinned: true }))!, now);
    assert.ok(merged.label.startsWith('$(git-merge)'));
    assert.ok(merged.description.endsWith('Pinned'));
  });

  it('shows an icon syntax in a title as text', () => {
    assert.equal(rowText(parseSummary(summary({ title: '$(alert) hi' }))!, now).label, '$(comment-discussion) \\$(alert) hi');
  });

  it('says how many are shown', () => {
    assert.equal(shownText(50, 120), '50 of 120 shown');
    assert.equal(shownText(1, 1), '1 thread');
  });
});

describe('messages from a discussion page', () => {
  it('accepts exactly the closed union', () => {
    assert.deepEqual(parseFromDiscussion({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromDiscussion({ type: 'action', action: 'openOnHub' }), { type: 'action', action: 'openOnHub' });
    assert.deepEqual(parseFromDiscussion({ type: 'openLink', href: 'https://huggingface.co' }), { type: 'openLink', href: 'https://huggingface.co' });
    for (const bad of [null, [], 'ready', { type: 'ready', extra: 1 }, { type: 'action', action: 'runCommand' }, { type: 'action', action: 'retry', x: 1 }, { type: 'openLink', href: '' }, { type: 'openLink', href: 'h'.repeat(2049) }, { type: 'command', id: 'x' }]) {
      assert.equal(parseFromDiscussion(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});

describe('the embedded Hub’s discussions', () => {
  it('pages a list of 120 threads in 50s, one request per page', async () => {
    const c = client();
    const { type, id } = DISCUSSION_REPOS.many as { type: 'model'; id: string };
    const pages = [];
    for (let p = 0; p < 3; p++) {
      pages.push(parseDiscussionPage(await c.discussions(type, id, { page: p }), 'hub'));
    }
    assert.deepEqual(
      pages.map((p) => [p.items.length, p.start, p.count]),
      [
        [50, 0, 120],
        [50, 50, 120],
        [20, 100, 120],
      ],
    );
    assert.equal(new Set(pages.flatMap((p) => p.items.map((i) => i.num))).size, 120);
    assert.equal(fx.hub.requests.filter((r) => r.path.includes('/discussions')).length, 3);
  });

  it('serves a thread with every kind of event', async () => {
    const { type, id } = DISCUSSION_REPOS.rich as { type: 'model'; id: string };
    const pr = parseDiscussionThread(await client().discussions(type, id, { num: 2 }), 'hub', 2);
    assert.equal(pr.status, 'merged');
    assert.ok(pr.isPullRequest);
    assert.deepEqual(
      pr.events.map((e) => e.kind),
      ['comment', 'commit', 'comment', 'status'],
    );
    const first = parseDiscussionThread(await client().discussions(type, id, { num: 1 }), 'hub', 1);
    assert.ok(first.events.some((e) => e.kind === 'comment' && e.hidden));
    assert.ok(first.events.some((e) => e.kind === 'comment' && e.edited));
    const third = parseDiscussionThread(await client().discussions(type, id, { num: 3 }), 'hub', 3);
    assert.ok(third.events.some((e) => e.kind === 'title'));
  });

  it('serves hostile threads that parse to text without bidi controls', async () => {
    const { type, id } = DISCUSSION_REPOS.hostile as { type: 'model'; id: string };
    const list = parseDiscussionPage(await client().discussions(type, id, { page: 0 }), 'hub');
    assert.ok(list.items.length >= 3);
    assert.ok(list.items.every((i) => !/[\u202A-\u202E\u2066-\u2069]/.test(i.title)));
    const big = parseDiscussionThread(await client().discussions(type, id, { num: 3 }), 'hub', 3);
    assert.ok(big.events.some((e) => e.kind === 'comment' && e.cut));
    const all = parseDiscussionThread(await client().discussions(type, id, { num: 1 }), 'hub', 1);
    assert.ok(all.events.length > 50, `${all.events.length} hostile comments`);
  });

  it('answers 404 for a missing thread or repo, and hides a private repo’s threads', async () => {
    const c = client();
    await assert.rejects(c.discussions('model', DISCUSSION_REPOS.rich.id, { num: 999 }), (e: unknown) => e instanceof HubError && e.kind === 'notFound');
    await assert.rejects(c.discussions('model', 'nobody/nothing-here', { page: 0 }), (e: unknown) => e instanceof HubError && (e.kind === 'notFound' || e.kind === 'unauthorized'));
    await assert.rejects(c.discussions('model', 'hub-test/private-model', { page: 0 }), (e: unknown) => e instanceof HubError && (e.kind === 'notFound' || e.kind === 'unauthorized'));
    await assert.rejects(c.discussions('model', DISCUSSION_REPOS.rich.id, { num: 0 }), (e: unknown) => e instanceof HubError && e.kind === 'badRequest');
    await assert.rejects(c.discussions('model', DISCUSSION_REPOS.rich.id, { page: -1 }), (e: unknown) => e instanceof HubError && e.kind === 'badRequest');
  });

  it('gives every catalog repo a list (a dataset and a Space too)', async () => {
    const c = client();
    const ds = parseDiscussionPage(await c.discussions('dataset', DISCUSSION_REPOS.dataset.id, { page: 0 }), 'hub');
    assert.equal(ds.count, 5);
    const space = parseDiscussionPage(await c.discussions('space', 'ember-diffusion/ember-studio', { page: 0 }), 'hub');
    assert.ok(space.count >= 0 && space.count <= 3);
  });
});

describe('linear time on pathological Hub text', () => {
  it('lineText on runs of control and bidi characters', () => {
    assertLinear('lineText on control characters', (t) => lineText(t, t.length), '\u0001 \u202E\n');
  });
  it('authorName on a long almost-valid name', () => {
    assertLinear('authorName on a long name', (t) => authorName({ name: t }), (bytes) => repeatTo('a-', bytes) + '!');
  });
  it('a thread whose comment is a long run of one character', () => {
    assertLinear('parseDiscussionThread on a long comment', (t) => parseDiscussionThread({ ...summary(), events: [comment(t)] }, 'hub'), 'x');
  });
});
