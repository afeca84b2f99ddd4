// The embedded Hub's papers, collections and likes (test/hub-server/papers.mjs, collections.mjs, likes.mjs): shapes as
// a client reads them, errors, paging, visibility per token, like state, hostile records served verbatim, the request
// log and faults; and `@huggingface/hub`'s own listCollections and collectionInfo parsing what the server answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listCollections } from '@huggingface/hub';
import { COLLECTIONS, COLLECTION_KEYS, FILLER_COUNT } from '../hub-server/collections-data.mjs';
import { collectionSlug } from '../hub-server/collections.mjs';
import { HOSTILE_PAPER_ID, PAPERS } from '../hub-server/papers-data.mjs';
import { TEST_USERS, startHubServer } from '../hub-server/server.mjs';
import type { HubServer, RepoType } from '../hub-server/server.mjs';

type Json = Record<string, unknown>;
type ApiCollection = ReturnType<typeof listCollections> extends AsyncGenerator<infer T> ? T : never;

/**
 * `@huggingface/hub`'s own collectionInfo: in the package's sources (src/lib/collection-info.ts), but not exported by
 * its index in 2.17.5, so loaded from that file (tsx runs it) rather than rewritten here.
 */
async function hubCollectionInfo(params: { slug: string; hubUrl: string; accessToken?: string }): Promise<ApiCollection & { position: number; shareUrl: string }> {
  const source = new URL('../../node_modules/@huggingface/hub/src/lib/collection-info.ts', import.meta.url).href;
  const { collectionInfo } = (await import(source)) as { collectionInfo: typeof hubCollectionInfo };
  return collectionInfo(params);
}

const PAPER_KEYS = ['id', 'authors', 'publishedAt', 'title', 'summary', 'upvotes', 'discussionId'];
const LIST_ITEM_KEYS = ['paper', 'publishedAt', 'title', 'summary', 'thumbnail', 'numComments', 'upvoted', 'isAuthorParticipating'];
const COLLECTION_KEYS_LISTED = ['slug', 'title', 'description', 'gating', 'lastUpdated', 'owner', 'items', 'theme', 'private', 'upvotes', 'isUpvotedByUser'];
const HEX24 = /^[0-9a-f]{24}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PUBLIC_COLLECTIONS = COLLECTIONS.filter((c) => !c.private).length;
const hubTest = { Authorization: `Bearer ${TEST_USERS.hubTest.token}` };
const stranger = { Authorization: `Bearer ${TEST_USERS.stranger.token}` };

let hub: HubServer;

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await fetch(`${hub.url}${path}`, { headers });
  return { status: res.status, body: await res.json(), res };
}

async function json<T = Json>(path: string, headers: Record<string, string> = {}): Promise<T> {
  const { status, body } = await get(path, headers);
  assert.equal(status, 200, path);
  return body as T;
}

/** Every item of a paged list, following `Link: <…>; rel="next"` as `@huggingface/hub` does. */
async function followAll(first: string, headers: Record<string, string> = {}): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let pages = 0;
  for (let url: string | undefined = `${hub.url}${first}`; url; pages++) {
    const res = await fetch(url, { headers });
    assert.equal(res.status, 200, url);
    items.push(...((await res.json()) as Json[]));
    url = /<(https?:[/][/][^>]+)>;\s+rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return { items, pages };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

function like(type: RepoType, id: string, method: 'POST' | 'DELETE', headers: Record<string, string> = hubTest): Promise<Response> {
  return fetch(`${hub.url}/api/${type}s/${id}/like`, { method, headers });
}

function assertPaper(p: Json): void {
  assert.deepEqual(Object.keys(p), p.ai_keywords ? [...PAPER_KEYS, 'ai_keywords'] : PAPER_KEYS);
  assert.ok(/^\d{4}\.\d{4,5}$/.test(p.id as string) && ISO.test(p.publishedAt as string) && HEX24.test(p.discussionId as string), `${p.id} ids and date`);
  assert.ok(typeof p.title === 'string' && typeof p.summary === 'string' && Number.isInteger(p.upvotes), 'title, summary, upvotes');
  for (const a of p.authors as Json[]) {
    const claimed = 'user' in a;
    assert.deepEqual(Object.keys(a), claimed ? ['_id', 'user', 'name', 'status', 'statusLastChangedAt', 'hidden'] : ['_id', 'name', 'hidden']);
    assert.ok(HEX24.test(a._id as string) && typeof a.hidden === 'boolean', `${a.name as string}: _id, hidden`);
    assert.deepEqual(claimed && Object.keys(a.user as Json), claimed && ['_id', 'avatarUrl', 'isPro', 'fullname', 'user', 'type']);
  }
}

before(async () => {
  hub = await startHubServer();
});

after(async () => {
  await hub.close();
});

describe('papers', () => {
  it('answers a paper page in the Hub shape, claimed and hidden authors included', async () => {
    const [bert, zephyr] = [await json('/api/papers/1810.04805'), await json('/api/papers/2310.16944')];
    [bert, zephyr].forEach(assertPaper);
    assert.equal(bert.title, 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    assert.deepEqual((bert.authors as Json[]).map((a) => a.name), ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova']);
    const lewis = (zephyr.authors as Json[])[0];
    assert.deepEqual(lewis.user, { ...(lewis.user as Json), user: 'lewtun', type: 'user', isPro: false });
    const xlmr = await json('/api/papers/1911.02116');
    assert.deepEqual((xlmr.authors as Json[]).filter((a) => a.hidden).map((a) => a.name), ['Guillaume Wenzek']);
    assert.equal('ai_keywords' in (await json('/api/papers/2310.01377')), false);
  });

  it('has records for the catalog papers named in the brief, and leaves other cited ids unknown (404)', async () => {
    const cited = new Set((['model', 'dataset', 'space'] as const).flatMap((t) => hub.catalog.all(t).flatMap((r) => r.tags.filter((x) => x.startsWith('arxiv:')).map((x) => x.slice(6)))));
    const known = PAPERS.map((p) => p.id).filter((id) => id !== HOSTILE_PAPER_ID);
    assert.deepEqual(['1810.04805', '1907.11692', '2305.18290', '2310.16944'].filter((id) => !known.includes(id)), []);
    assert.ok(known.length >= 14 && known.every((id) => cited.has(id)), 'every record is cited by a catalog repo');
    const unknown = [...cited].filter((id) => !known.includes(id));
    assert.ok(unknown.length > 40, `${unknown.length} unknown`);
    for (const id of [...unknown.slice(0, 5), '1234.56789', 'not-an-id', '1810.04805v2']) {
      const { status, body, res } = await get(`/api/papers/${id}`);
      assert.deepEqual([status, body, res.headers.get('x-error-message')], [404, { error: 'Paper not found' }, 'Paper not found'], id);
    }
    assert.equal((await get('/api/papers/1810.04805/extra')).status, 404);
  });

  it('searches titles and abstracts case-insensitively, with highlights that rebuild the text', async () => {
    const items = await json<Json[]>('/api/papers/search?q=DISTILL');
    assert.ok(items.length >= 2, 'two papers at least');
    for (const item of items) {
      assert.deepEqual(Object.keys(item), [...LIST_ITEM_KEYS, 'highlightedTitle', 'highlightedSummary']);
      const paper = item.paper as Json;
      assertPaper(paper);
      assert.deepEqual([item.title, item.upvoted], [paper.title, false]);
      assert.ok(Date.parse(item.publishedAt as string) < Date.parse(paper.publishedAt as string), 'listed in New York wall time');
      assert.equal(item.thumbnail, `${hub.url}/social-thumbnails/papers/${paper.id}.png`);
      const pieces = item.highlightedSummary as { type: string; text: string }[];
      assert.equal(pieces.map((x) => x.text).join(''), item.summary);
      assert.equal((item.highlightedTitle as { text: string }[]).map((x) => x.text).join(''), item.title);
      assert.ok([...pieces, ...(item.highlightedTitle as typeof pieces)].some((x) => x.type === 'highlight' && x.text.toLowerCase() === 'distill'), 'highlighted');
    }
    const inTitle = items.map((i) => (i.title as string).toLowerCase().includes('distill'));
    assert.deepEqual(inTitle, [...inTitle].sort((a, b) => Number(b) - Number(a)), 'title matches first');
    assert.deepEqual((await json<Json[]>('/api/papers/search?q=preference%20reward')).map((i) => (i.paper as Json).id), ['2305.18290', '2310.01377']);
    assert.deepEqual([await json('/api/papers/search?q=zzzunmatched'), await json('/api/papers/search')], [[], []]);
  });
});

describe('daily papers', () => {
  it('lists the latest day by default, with submittedBy, newest paper first', async () => {
    const items = await json<Json[]>('/api/daily_papers');
    assert.deepEqual(items.map((i) => (i.paper as Json).id), ['2310.16944', '2310.01377', '2305.18290', '2305.14233']);
    for (const item of items) {
      assert.deepEqual(Object.keys(item), ['paper', 'publishedAt', 'title', 'summary', 'thumbnail', 'numComments', 'submittedBy', 'upvoted', 'isAuthorParticipating']);
      assertPaper(item.paper as Json);
      assert.deepEqual(Object.entries(item.submittedBy as Json).map(([k, v]) => (k === 'name' || k === 'type' ? `${k}=${v}` : k)), ['_id', 'avatarUrl', 'fullname', 'name=hub-test', 'type=user', 'isPro']);
    }
    const upvotes = (await json<Json[]>('/api/daily_papers?date=2026-12-02&sort=trending')).map((i) => (i.paper as Json).upvotes as number);
    assert.deepEqual(upvotes, [...upvotes].sort((a, b) => b - a));
    assert.deepEqual(await json('/api/daily_papers?date=2026-11-30'), []);
  });

  it('pages with limit and p, honestly: every paper once, then []', async () => {
    const seen: string[] = [];
    for (let p = 0; p < 4; p++) {
      seen.push(...(await json<Json[]>(`/api/daily_papers?date=2026-12-01&limit=1&p=${p}`)).map((i) => (i.paper as Json).id as string));
    }
    assert.deepEqual([...seen].sort(), ['1810.04805', '1907.11692', '1910.01108', HOSTILE_PAPER_ID].sort());
    assert.deepEqual(await json('/api/daily_papers?date=2026-12-01&limit=1&p=4'), []);
    assert.equal((await json<Json[]>('/api/daily_papers?date=2026-12-01&limit=3&p=1')).length, 1);
    assert.equal((await json<Json[]>('/api/daily_papers?date=2026-12-01&limit=5000')).length, 4);
  });

  it('refuses malformed dates, limits, pages and sorts with 400 and an error body', async () => {
    for (const query of ['date=2026-02-30', 'date=yesterday', 'date=2026-1-01', 'limit=0', 'limit=-3', 'limit=ten', 'p=-1', 'p=1.5', 'sort=upvotes']) {
      const { status, body } = await get(`/api/daily_papers?${query}`);
      assert.deepEqual([status, typeof (body as Json).error], [400, 'string'], query);
    }
  });
});

describe('collections', () => {
  it('lists collection bodies with their first 4 items, 10 to a page, every one reached once', async () => {
    const first = await get('/api/collections');
    const page = first.body as Json[];
    assert.equal(page.length, 10, 'a page of 10 without limit');
    assert.match(first.res.headers.get('link') ?? '', /^<http:\/\/127\.0\.0\.1:\d+\/api\/collections\?cursor=[\w-]+>; rel="next"$/);
    for (const c of page) {
      assert.deepEqual(Object.keys(c).filter((k) => k !== 'description'), COLLECTION_KEYS_LISTED.filter((k) => k !== 'description'));
      assert.match(c.slug as string, /^[\w-]+\/[a-z0-9-]+-[0-9a-f]{24}$/);
      assert.ok((c.items as Json[]).length <= 4, c.slug as string);
    }
    const all = await followAll('/api/collections?limit=10');
    assert.equal(all.items.length, PUBLIC_COLLECTIONS);
    assert.ok(all.pages > 3 && PUBLIC_COLLECTIONS > 3 * 10 && FILLER_COUNT === 30, `${all.pages} pages`);
    assert.equal(new Set(all.items.map((c) => c.slug)).size, PUBLIC_COLLECTIONS, 'no collection twice');
    assert.equal((await json<Json[]>('/api/collections?limit=500')).length, PUBLIC_COLLECTIONS, 'limit at most 100');
    const trending = all.items.map((c) => COLLECTIONS.find((s) => s.title === c.title)?.trending ?? -1);
    assert.deepEqual(trending, [...trending].sort((a, b) => b - a), 'trending first by default');
    const byUpvotes = (await followAll('/api/collections?sort=upvotes')).items.map((c) => c.upvotes as number);
    assert.deepEqual(byUpvotes, [...byUpvotes].sort((a, b) => b - a));
    const byDate = (await followAll('/api/collections?sort=lastModified')).items.map((c) => c.lastUpdated as string);
    assert.deepEqual(byDate, [...byDate].sort().reverse());
    for (const query of ['sort=likes', 'limit=0', 'limit=x', 'item=bogus', 'item=models/', 'cursor=%%%']) {
      assert.equal((await get(`/api/collections?${query}`)).status, 400, query);
    }
  });

  it('filters by item (any of several), owner and q', async () => {
    assert.deepEqual((await json<Json[]>('/api/collections?item=papers/1810.04805&limit=100')).map((c) => c.slug), [collectionSlug(COLLECTION_KEYS.bert)]);
    const either = await json<Json[]>('/api/collections?item=papers/1810.04805&item=models/HuggingFaceH4/zephyr-7b-beta&limit=100');
    assert.deepEqual(either.map((c) => c.slug).sort(), [collectionSlug(COLLECTION_KEYS.bert), collectionSlug(COLLECTION_KEYS.zephyr)].sort());
    assert.deepEqual((await json<Json[]>('/api/collections?item=spaces/pngwn/altair-charts')).map((c) => c.slug), [collectionSlug(COLLECTION_KEYS.spaces)]);
    assert.deepEqual(await json('/api/collections?item=models/no-such/model'), []);
    const org = (await followAll('/api/collections?owner=hub-test-org')).items;
    assert.ok(org.length > 10 && org.every((c) => (c.owner as Json).name === 'hub-test-org' && (c.owner as Json).type === 'org'), 'owner filter');
    const two = (await followAll('/api/collections?owner=hub-test-org&owner=stranger')).items;
    assert.equal(two.length, COLLECTIONS.filter((c) => c.owner !== 'hub-test').length);
    assert.deepEqual((await json<Json[]>('/api/collections?q=DESCENDANTS')).map((c) => c.title), ['BERT and its descendants']);
    assert.deepEqual((await json<Json[]>('/api/collections?q=training%20data%20sets')).map((c) => c.title), ['Zephyr recipe'], 'q reads descriptions');
  });

  it('answers a collection with every item, in the shapes of ApiCollectionInfo, fields agreeing with the catalog', async () => {
    const slug = collectionSlug(COLLECTION_KEYS.summarisation);
    const c = await json(`/api/collections/${slug}`);
    assert.deepEqual(Object.keys(c), ['slug', 'title', 'description', 'gating', 'lastUpdated', 'owner', 'items', 'theme', 'private', 'position', 'shareUrl', 'upvotes', 'isUpvotedByUser']);
    assert.equal(c.shareUrl, `${hub.url}/collections/${slug}`);
    const items = c.items as Json[];
    assert.deepEqual(items.map((i) => `${i.position}:${i.type}`), ['model', 'model', 'model', 'dataset', 'dataset', 'dataset', 'paper', 'paper', 'paper', 'paper'].map((t, i) => `${i}:${t}`));
    assert.ok(items.every((i) => Object.keys(i).slice(0, 3).join() === '_id,position,type' && HEX24.test(i._id as string)), 'item heads');
    const [t5, detail] = [items[0], await json('/api/models/google-t5/t5-base')];
    const keys = ['id', 'author', 'downloads', 'likes', 'lastModified', 'pipeline_tag', 'private', 'gated'];
    assert.deepEqual({ ...Object.fromEntries(keys.map((k) => [k, t5[k]])), repoType: t5.repoType, providers: t5.availableInferenceProviders }, { ...Object.fromEntries(keys.map((k) => [k, detail[k]])), repoType: 'model', providers: [] });
    const xsum = items[3];
    assert.equal('author' in xsum, false, 'legacy datasets have no author, as in their detail body');
    assert.equal(xsum.likes, (await json('/api/datasets/xsum')).likes);
    assert.deepEqual(Object.keys(xsum.datasetsServerInfo as Json), ['viewer', 'numRows', 'libraries', 'formats', 'modalities']);
    assert.deepEqual(items[6], { _id: items[6]._id, position: 6, type: 'paper', id: '1910.10683', title: 'Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer', upvotes: 19, publishedAt: '2019-10-23T17:37:36.000Z', thumbnailUrl: `${hub.url}/social-thumbnails/papers/1910.10683.png`, isUpvotedByUser: false });

    const spaces = (await json(`/api/collections/${collectionSlug(COLLECTION_KEYS.spaces)}`)).items as Json[];
    const altair = spaces[0];
    assert.deepEqual([altair.title, altair.sdk, altair.emoji], ['Altair Charts', 'gradio', '🚀']);
    assert.deepEqual(Object.keys(altair.runtime as Json).slice(0, 4), ['stage', 'hardware', 'storage', 'replicas']);
    assert.deepEqual((altair.runtime as Json).stage, ((await json('/api/spaces/pngwn/altair-charts')).runtime as Json).stage);
    assert.deepEqual(spaces[1].note, { html: '<p>Clears every input at once.</p>', text: 'Clears every input at once.' });
    assert.equal('trendingScore' in altair, false);
    const listedSpaces = (await json<Json[]>('/api/collections?item=spaces/pngwn/altair-charts'))[0].items as Json[];
    assert.equal(typeof listedSpaces[0].trendingScore, 'number', 'listed Spaces carry trendingScore');

    const nested = ((await json(`/api/collections/${collectionSlug(COLLECTION_KEYS.nested)}`)).items as Json[])[0];
    const bert = collectionSlug(COLLECTION_KEYS.bert);
    assert.deepEqual([nested.type, nested.slug, nested.numberItems, nested.shareUrl], ['collection', bert, 8, `${hub.url}/collections/${bert}`]);
    assert.ok(bert.endsWith(`-${nested.id as string}`), 'the nested id ends its slug');

    for (const path of ['hub-test/no-such-collection-0123456789abcdef01234567', 'hub-test', `${slug}/extra`]) {
      const { status, body } = await get(`/api/collections/${path}`);
      assert.deepEqual([status, body], [404, { error: 'Collection not found' }], path);
    }
  });

  it('names only catalog repos and known papers', () => {
    const known = (i: (typeof COLLECTIONS)[number]['items'][number]) =>
      i.type === 'paper' ? PAPERS.some((p) => p.id === i.id) : i.type === 'collection' ? COLLECTIONS.some((o) => o.key === i.id) : !!hub.catalog.get(i.type, i.id);
    assert.deepEqual(COLLECTIONS.flatMap((c) => c.items).filter((i) => !known(i)), []);
  });

  it('shows the private collection, and private items, to hub-test only', async () => {
    const slug = collectionSlug(COLLECTION_KEYS.private);
    assert.deepEqual([(await get(`/api/collections/${slug}`)).status, (await get(`/api/collections/${slug}`, stranger)).status], [404, 404]);
    const mine = await json(`/api/collections/${slug}`, hubTest);
    assert.deepEqual([mine.private, (mine.items as Json[]).map((i) => i.id)], [true, ['hub-test/private-model', 'hub-test-org/private-dataset', 'hub-test/download-small']]);
    const listed = async (headers: Record<string, string>) => (await followAll('/api/collections?owner=hub-test', headers)).items.map((c) => c.slug);
    assert.ok((await listed(hubTest)).includes(slug), 'listed to hub-test');
    assert.ok(!(await listed(stranger)).includes(slug), 'not listed to stranger');
    const hostile = collectionSlug(COLLECTION_KEYS.hostile);
    const types = async (headers: Record<string, string>) => ((await json(`/api/collections/${hostile}`, headers)).items as Json[]).map((i) => i.type);
    assert.deepEqual(await types(hubTest), ['paper', 'model', 'space', 'collection']);
    assert.deepEqual(await types(stranger), ['paper', 'model', 'space'], 'the private nested collection is hidden');
  });
});

describe('likes', () => {
  it('seeds hub-test with a model, a dataset and a Space, newest first; unknown users 404', async () => {
    const likes = await json<Json[]>('/api/users/hub-test/likes');
    assert.deepEqual(likes.map((l) => (l.repo as Json).type), ['space', 'dataset', 'model']);
    assert.ok(likes.every((l) => Object.keys(l).join() === 'createdAt,repo' && Object.keys(l.repo as Json).join() === 'name,type' && ISO.test(l.createdAt as string)), 'like shape');
    assert.deepEqual(await json('/api/users/stranger/likes'), []);
    for (const user of ['nobody-here', 'hub-test-org']) {
      assert.equal((await get(`/api/users/${user}/likes`)).status, 404, user);
    }
  });

  it('refuses likes without a token (401) and on unknown or hidden repos (404)', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const res = await like('model', 'FacebookAI/roberta-base', method, {});
      assert.deepEqual([res.status, await res.json()], [401, { error: 'Invalid username or password.' }], method);
    }
    assert.equal((await like('model', 'no-such/model', 'POST')).status, 404);
    assert.equal((await like('model', 'hub-test/private-model', 'POST', stranger)).status, 404);
    assert.equal((await fetch(`${hub.url}/api/models/FacebookAI/roberta-base/like`)).status, 404, 'GET is not a route');
  });

  it('like → listed first, counted, liked in collections → unlike → gone', async () => {
    const before = (await json('/api/models/FacebookAI/roberta-base')).likes as number;
    const res = await like('model', 'FacebookAI/roberta-base', 'POST');
    assert.deepEqual([res.status, await res.json()], [200, {}]);
    assert.equal((await like('model', 'FacebookAI/roberta-base', 'POST')).status, 200, 'twice is once');
    const likes = await json<Json[]>('/api/users/hub-test/likes');
    assert.deepEqual([likes.length, likes[0].repo], [4, { name: 'FacebookAI/roberta-base', type: 'model' }]);
    assert.equal((await json('/api/models/FacebookAI/roberta-base')).likes, before + 1);
    const listed = await json<Json[]>('/api/models?search=FacebookAI/roberta-base&expand=likes');
    assert.equal(listed.find((m) => m.id === 'FacebookAI/roberta-base')?.likes, before + 1);
    const bert = async (headers: Record<string, string>) => ((await json(`/api/collections/${collectionSlug(COLLECTION_KEYS.bert)}`, headers)).items as Json[]).find((i) => i.id === 'FacebookAI/roberta-base');
    assert.deepEqual([(await bert(hubTest))?.isLikedByUser, (await bert(stranger))?.isLikedByUser, (await bert(hubTest))?.likes], [true, false, before + 1]);
    assert.equal((await like('model', 'FacebookAI/roberta-base', 'DELETE')).status, 200);
    assert.ok(!(await json<Json[]>('/api/users/hub-test/likes')).some((l) => (l.repo as Json).name === 'FacebookAI/roberta-base'), 'unliked');
    assert.equal((await json('/api/models/FacebookAI/roberta-base')).likes, before);
    assert.equal((await like('model', 'FacebookAI/roberta-base', 'DELETE')).status, 200, 'unliking what is not liked changes nothing');
    assert.equal((await json('/api/models/FacebookAI/roberta-base')).likes, before);
  });

  it('lists a liked private repo to its owner only, and keeps state per server', async () => {
    assert.equal((await like('model', 'hub-test/private-model', 'POST')).status, 200);
    const names = async (headers: Record<string, string>) => (await json<Json[]>('/api/users/hub-test/likes', headers)).map((l) => (l.repo as Json).name);
    assert.ok((await names(hubTest)).includes('hub-test/private-model'), 'listed to its owner');
    assert.ok(!(await names(stranger)).includes('hub-test/private-model') && !(await names({})).includes('hub-test/private-model'), 'hidden from others');
    const other = await startHubServer();
    const fresh = (await (await fetch(`${other.url}/api/users/hub-test/likes`)).json()) as Json[];
    await other.close();
    assert.equal(fresh.length, 3, 'a new server starts from the seeded likes');
    assert.equal((await like('model', 'hub-test/private-model', 'DELETE')).status, 200);
  });
});

describe('hostile records', () => {
  it('serves the hostile paper verbatim: markup in the title, bidi controls in authors, a 200 KB abstract', async () => {
    const p = await json(`/api/papers/${HOSTILE_PAPER_ID}`);
    assertPaper(p);
    assert.ok((p.title as string).includes(`<script>window.__xss='paper-2'</script>`), 'script in the title');
    const names = (p.authors as Json[]).map((a) => a.name as string);
    assert.ok(names.some((n) => n.includes('\u202E')) && names.some((n) => n.includes('\u2067')), 'bidi controls');
    assert.ok((p.summary as string).length >= 200 * 1024 && (p.summary as string).includes('<script>'), 'a 200 KB abstract with markup');
    const claimed = (p.authors as Json[]).find((a) => a.name === 'Hub Test');
    assert.equal((claimed?.user as Json | undefined)?.user, 'hub-test');
    assert.equal((p.authors as Json[]).find((a) => a.name === 'Hidden Author')?.hidden, true);
    const found = await json<Json[]>('/api/papers/search?q=epacse');
    assert.deepEqual(found.map((i) => (i.paper as Json).id), [HOSTILE_PAPER_ID]);
  });

  it('serves the hostile collection verbatim: title, long description and notes', async () => {
    const c = await json(`/api/collections/${collectionSlug(COLLECTION_KEYS.hostile)}`);
    assert.ok((c.title as string).includes(`onerror="window.__xss='collection-1'"`) && (c.title as string).includes('\u202E'), 'markup and bidi in the title');
    assert.ok((c.description as string).startsWith(`<script>window.__xss='collection-3'</script>`) && (c.description as string).length > 40_000, 'a long description');
    const [paper, model] = c.items as Json[];
    assert.deepEqual(paper.note, { text: `<img src=x onerror="window.__xss='note-1'"> \u2067isolate\u2069`, html: `<p><img src=x onerror="window.__xss='note-2'"></p>` });
    assert.ok(((model.note as Json).text as string).length > 40_000, 'a long note');
    assert.equal(paper.title, PAPERS.find((x) => x.id === HOSTILE_PAPER_ID)?.title);
  });
});

describe('request log and faults', () => {
  it('records these routes like the others and lets faults replace their answers', async () => {
    hub.clearRequests();
    await get('/api/papers/1810.04805');
    await get('/api/collections?limit=2');
    assert.deepEqual(hub.requests.map((r) => [r.method, r.path, r.query, r.status]), [['GET', '/api/papers/1810.04805', '', 200], ['GET', '/api/collections', 'limit=2', 200]]);
    hub.inject({ match: '/api/collections', status: 503, times: 1 });
    hub.inject({ match: /\/api\/daily_papers/, status: 429, retryAfter: 3, times: 1 });
    assert.equal((await get('/api/collections')).status, 503);
    const limited = await fetch(`${hub.url}/api/daily_papers`);
    assert.deepEqual([limited.status, limited.headers.get('retry-after')], [429, '3']);
    assert.equal((await get('/api/collections')).status, 200, 'times counts down');
    assert.equal(hub.requests.at(-1)?.status, 200);
  });
});

describe('@huggingface/hub against the collections', () => {
  it('listCollections parses every collection, and follows the Link header across pages', async () => {
    const all = await collect(listCollections({ hubUrl: hub.url }));
    assert.equal(all.length, PUBLIC_COLLECTIONS);
    assert.ok(all.every((c) => c.items.length <= 4 && typeof c.owner.name === 'string'), 'listed bodies');
    // The library asks for pages of 100; this fetch asks for 10, so it has to follow `rel="next"` four times.
    const urls: string[] = [];
    const smallPages: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(String(input).replace('limit=100', 'limit=10'), init);
    };
    const paged = await collect(listCollections({ hubUrl: hub.url, fetch: smallPages }));
    assert.deepEqual([paged.length, new Set(paged.map((c) => c.slug)).size, urls.length], [PUBLIC_COLLECTIONS, PUBLIC_COLLECTIONS, Math.ceil(PUBLIC_COLLECTIONS / 10)]);
    assert.equal((await collect(listCollections({ hubUrl: hub.url, limit: 13, sort: 'upvotes', search: { owner: ['hub-test-org'] } }))).length, 13);
    const mine = await collect(listCollections({ hubUrl: hub.url, accessToken: TEST_USERS.hubTest.token, search: { owner: ['hub-test'], q: 'drafts' } }));
    assert.deepEqual(mine.map((c) => c.private), [true]);
    const byItem = await collect(listCollections({ hubUrl: hub.url, search: { item: ['papers/2305.18290'] } }));
    assert.deepEqual(byItem.map((c) => c.slug), [collectionSlug(COLLECTION_KEYS.zephyr)]);
  });

  it('collectionInfo reads a collection, and fails with HubApiError 404 on a hidden one', async () => {
    const info = await hubCollectionInfo({ hubUrl: hub.url, slug: collectionSlug(COLLECTION_KEYS.zephyr) });
    assert.deepEqual([info.title, info.owner.type, info.owner.name], ['Zephyr recipe', 'user', 'hub-test']);
    assert.deepEqual(info.items.map((i) => i.type), ['model', 'paper', 'paper', 'paper', 'paper']);
    assert.equal(info.shareUrl, `${hub.url}/collections/${info.slug}`);
    // The source's own HubApiError class, not the one the package index exports: checked by its fields.
    await assert.rejects(hubCollectionInfo({ hubUrl: hub.url, slug: collectionSlug(COLLECTION_KEYS.private) }), { statusCode: 404, message: /^Collection not found\. URL: / });
    const mine = await hubCollectionInfo({ hubUrl: hub.url, slug: collectionSlug(COLLECTION_KEYS.private), accessToken: TEST_USERS.hubTest.token });
    assert.equal(mine.items.length, 3);
  });
});
