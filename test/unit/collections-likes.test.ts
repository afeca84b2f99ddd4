// Collections and likes: what the Hub's answers become (ids checked for what they claim to be, text without bidi
// controls), the requests they make, the card page's message, the likes list read once a session, and linear time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionPath, collectionSlugFrom, collectionsPath, isCollectionSlug, parseCollection, parseCollections, parseItem } from '../../src/connections/collections';
import { likedBy, setLiked } from '../../src/connections/likeReads';
import { isLiked, likePath, likesPath, parseLikes } from '../../src/connections/likes';
import { parseFromCard } from '../../src/webviews/protocol';
import { assertLinear, repeatTo } from './linear';

const SLUG = 'hub-test/bert-family-0123456789abcdef01234567';

describe('collections: slugs and requests', () => {
  it('accepts owner/slug and refuses paths, traversal and markup', () => {
    assert.ok(isCollectionSlug(SLUG));
    for (const bad of ['owner', 'a/b/c', '../x/y', 'a/..', 'a/<b>', 'a/b c', '', `a/${'x'.repeat(300)}`, 42]) {
      assert.equal(isCollectionSlug(bad), false, String(bad));
    }
    assert.equal(collectionPath('a/../../etc'), undefined);
    assert.equal(collectionPath(SLUG), `collections/${SLUG}`);
  });

  it('reads the slug from what a user pastes', () => {
    assert.equal(collectionSlugFrom(` ${SLUG} `), SLUG);
    assert.equal(collectionSlugFrom(`https://huggingface.co/collections/${SLUG}`), SLUG);
    assert.equal(collectionSlugFrom('https://huggingface.co/models'), undefined);
    assert.equal(collectionSlugFrom('javascript:alert(1)'), undefined);
  });

  it('builds the list request: search, owner, item, sort and limit', () => {
    assert.equal(collectionsPath({ q: 'bert & co' }), 'collections?q=bert+%26+co&sort=trending&limit=20');
    assert.equal(collectionsPath({ item: { type: 'model', id: 'google-bert/bert-base-uncased' }, limit: 5 }), 'collections?item=models%2Fgoogle-bert%2Fbert-base-uncased&sort=trending&limit=5');
    assert.equal(collectionsPath({ owner: 'hub-test', sort: 'upvotes' }), 'collections?owner=hub-test&sort=upvotes&limit=20');
  });
});

describe('collections: what the Hub sends', () => {
  it('reads a collection and its items of every kind, in order', () => {
    const c = parseCollection({
      slug: SLUG,
      title: 'BERT \u202efamily',
      owner: { name: 'hub-test' },
      description: 'Encoders\n\nand more',
      upvotes: 3,
      lastUpdated: '2026-11-30T10:00:00.000Z',
      private: false,
      items: [
        { type: 'model', id: 'google-bert/bert-base-uncased', pipeline_tag: 'fill-mask', downloads: 1234, likes: 5, note: { text: 'the original', html: '<b>the original</b>' } },
        { type: 'dataset', id: 'org/set', likes: 1 },
        { type: 'space', id: 'org/app', title: 'Demo' },
        { type: 'paper', id: '1810.04805', title: 'BERT', upvotes: 9 },
        { type: 'collection', slug: 'org/more-0123456789abcdef01234567', title: 'More', numberItems: 1 },
        { type: 'model', id: '../../etc/passwd' },
        { type: 'paper', id: 'x', title: 'bad' },
        { type: 'collection', slug: 'a/../b', title: 'bad' },
        { type: 'video', id: 'a/b' },
        null,
      ],
    });
    assert.ok(c);
    assert.equal(c.title, 'BERT family');
    assert.equal(c.owner, 'hub-test');
    assert.equal(c.description, 'Encoders and more');
    assert.deepEqual(
      c.items.map((i) => (i.kind === 'repo' ? `${i.type}:${i.id}` : i.kind === 'paper' ? `paper:${i.id}` : `collection:${i.slug}`)),
      ['model:google-bert/bert-base-uncased', 'dataset:org/set', 'space:org/app', 'paper:1810.04805', 'collection:org/more-0123456789abcdef01234567'],
    );
    assert.deepEqual(c.items[0], { kind: 'repo', type: 'model', id: 'google-bert/bert-base-uncased', note: 'the original', description: 'fill-mask · ↓ 1,234 · ♥ 5' });
    assert.equal(c.items[4].description, '1 item');
  });

  it('drops collections without a valid slug or title, and lists in another shape', () => {
    assert.deepEqual(parseCollections([{ slug: 'bad', title: 'x' }, { slug: SLUG }, { slug: SLUG, title: 'ok' }]).map((c) => c.title), ['ok']);
    assert.deepEqual(parseCollections({ collections: [] }), []);
    assert.equal(parseItem({ type: 'model', id: 'a/b' })?.kind, 'repo');
  });
});

describe('likes', () => {
  it('builds its requests from checked names only', () => {
    assert.equal(likesPath('hub-test'), 'users/hub-test/likes');
    assert.throws(() => likesPath('../admin'));
    assert.equal(likePath('dataset', 'org/set'), 'datasets/org/set/like');
    assert.throws(() => likePath('model', 'a/../b'));
  });

  it('reads the list in the Hub order, keeping valid repos only', () => {
    const likes = parseLikes([
      { createdAt: '2026-12-01T00:00:00.000Z', repo: { name: 'org/model', type: 'model' } },
      { createdAt: 'soon', repo: { name: 'org/set', type: 'dataset' } },
      { repo: { name: '../x', type: 'model' } },
      { repo: { name: 'org/x', type: 'bucket' } },
      { repo: null },
    ]);
    assert.deepEqual(likes, [
      { type: 'model', id: 'org/model', date: '2026-12-01T00:00:00.000Z' },
      { type: 'dataset', id: 'org/set' },
    ]);
    assert.ok(isLiked(likes, 'dataset', 'org/set'));
    assert.ok(!isLiked(likes, 'model', 'org/set'));
    assert.deepEqual(parseLikes('nope'), []);
  });

  it('reads the account likes once a session, and keeps them in step with Like and Unlike', async () => {
    const calls: string[] = [];
    const client = {
      endpoint: 'https://likes.example',
      apiJson: async (path: string, opts: { method?: string } = {}) => {
        calls.push(`${opts.method ?? 'GET'} ${path}`);
        return path.endsWith('/likes') ? [{ repo: { name: 'org/a', type: 'model' } }] : {};
      },
    };
    assert.equal(await likedBy(client, 'me', 'model', 'org/a'), true);
    assert.equal(await likedBy(client, 'me', 'model', 'org/b'), false);
    await setLiked(client, 'me', 'model', 'org/b', true);
    assert.equal(await likedBy(client, 'me', 'model', 'org/b'), true);
    await setLiked(client, 'me', 'model', 'org/a', false);
    assert.equal(await likedBy(client, 'me', 'model', 'org/a'), false);
    assert.deepEqual(calls, ['GET users/me/likes', 'POST models/org/b/like', 'DELETE models/org/a/like']);
  });

  it('forgets a failed read, so the next card asks again', async () => {
    let fail = true;
    const client = {
      endpoint: 'https://likes-fail.example',
      apiJson: async () => {
        if (fail) {
          throw new Error('down');
        }
        return [{ repo: { name: 'org/a', type: 'model' } }];
      },
    };
    await assert.rejects(likedBy(client, 'me', 'model', 'org/a'));
    fail = false;
    assert.equal(await likedBy(client, 'me', 'model', 'org/a'), true);
  });
});

describe('collections and likes on the card page', () => {
  it('accepts opening a collection and a Like, exactly', () => {
    assert.deepEqual(parseFromCard({ type: 'openCollection', slug: SLUG }), { type: 'openCollection', slug: SLUG });
    assert.deepEqual(parseFromCard({ type: 'action', action: 'like' }), { type: 'action', action: 'like' });
    for (const bad of [{ type: 'openCollection', slug: '../x' }, { type: 'openCollection', slug: SLUG, x: 1 }, { type: 'openCollection' }]) {
      assert.equal(parseFromCard(bad), undefined, JSON.stringify(bad));
    }
  });

  it('reads pathological collection text in linear time', () => {
    assertLinear('parseCollection(long whitespace and bidi)', (text) => parseCollection({ slug: SLUG, title: text, description: text, items: [{ type: 'model', id: 'a/b', note: { text } }] }), (bytes) => repeatTo(' \u202e\t', bytes));
    assertLinear('isCollectionSlug(long slug)', (text) => isCollectionSlug(`a/${text}`), (bytes) => repeatTo('a-', bytes));
  });
});
