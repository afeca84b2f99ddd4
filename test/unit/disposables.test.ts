import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisposableStore } from '../../src/disposables';

describe('DisposableStore', () => {
  it('disposes what it holds once, later ones first, and says it is disposed', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => order.push('first') });
    const second = store.add({ dispose: () => order.push('second') });
    assert.equal(typeof second.dispose, 'function', 'add returns what it was given');
    assert.equal(store.isDisposed, false);
    store.dispose();
    store.dispose();
    assert.deepEqual(order, ['second', 'first']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = 0;
    store.add({ dispose: () => disposed++ });
    assert.equal(disposed, 1);
  });
});
