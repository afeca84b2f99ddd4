import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataBytes, LruCache, stringBytes } from '../../src/hub/cache';

const bySize = (maxEntries: number, maxBytes: number) => new LruCache<string>({ maxEntries, maxBytes, sizeOf: stringBytes });

describe('LruCache', () => {
  it('returns what was stored, and undefined for what was not', () => {
    const cache = bySize(10, 1000);
    cache.set('a', 'alpha');
    assert.equal(cache.get('a'), 'alpha');
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.has('a'), true);
    assert.equal(cache.size, 1);
    assert.equal(cache.bytes, 10);
  });

  it('evicts the least recently used entry past the entry bound; a read counts as a use', () => {
    const cache = bySize(3, 1000);
    cache.set('a', 'a');
    cache.set('b', 'b');
    cache.set('c', 'c');
    assert.equal(cache.get('a'), 'a');
    cache.set('d', 'd');
    assert.deepEqual(cache.keys(), ['c', 'a', 'd'], 'b was the least recently used');
    assert.equal(cache.get('b'), undefined);
  });

  it('evicts oldest entries until the byte bound holds, and keeps the count of bytes exact', () => {
    const cache = bySize(100, 100);
    cache.set('a', 'x'.repeat(20)); // 40 bytes
    cache.set('b', 'x'.repeat(20)); // 80
    cache.set('c', 'x'.repeat(20)); // 120 → a goes
    assert.deepEqual(cache.keys(), ['b', 'c']);
    assert.equal(cache.bytes, 80);
    cache.set('d', 'x'.repeat(45)); // 90 → b and c go
    assert.deepEqual(cache.keys(), ['d']);
    assert.equal(cache.bytes, 90);
  });

  it('replacing a key updates its size and makes it the most recent', () => {
    const cache = bySize(10, 1000);
    cache.set('a', 'one');
    cache.set('b', 'two');
    cache.set('a', 'three');
    assert.deepEqual(cache.keys(), ['b', 'a']);
    assert.equal(cache.bytes, stringBytes('two') + stringBytes('three'));
  });

  it('does not keep a value larger than the whole budget, and drops the old value of that key', () => {
    const cache = bySize(10, 10);
    cache.set('a', 'ok');
    cache.set('a', 'far too long for the budget');
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.bytes, 0);
  });

  it('delete and clear free their bytes', () => {
    const cache = bySize(10, 1000);
    cache.set('a', 'aa');
    cache.set('b', 'bb');
    assert.equal(cache.delete('a'), true);
    assert.equal(cache.delete('a'), false);
    assert.equal(cache.bytes, 4);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.bytes, 0);
  });

  it('stays within both bounds under a long random workload', () => {
    const cache = new LruCache<string>({ maxEntries: 200, maxBytes: 64 * 1024, sizeOf: stringBytes });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const key = `k${Math.floor(random() * 1000)}`;
      if (random() < 0.5) {
        cache.set(key, 'x'.repeat(Math.floor(random() * 2000)));
      } else {
        cache.get(key);
      }
      assert.ok(cache.size <= 200 && cache.bytes <= 64 * 1024, `bounds hold at step ${i}`);
    }
    const recount = cache.keys().reduce((sum, k) => sum + stringBytes(cache.get(k) ?? ''), 0);
    assert.equal(cache.bytes, recount, 'the byte count matches the values held');
  });
});

describe('size estimates', () => {
  it('count strings as UTF-16 and data as its JSON', () => {
    assert.equal(stringBytes('abc'), 6);
    assert.equal(dataBytes({ id: 'a/b' }), stringBytes('{"id":"a/b"}'));
    assert.equal(dataBytes(undefined), 0);
  });
});
