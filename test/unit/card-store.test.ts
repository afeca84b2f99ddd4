// The cards kept on disk: a round trip, the size bound with least-recently-used eviction, and a folder that holds
// corrupt, foreign and half-written files, or a disk that fails, which must never make a card fail or leave a file behind.
import assert from 'node:assert/strict';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { accountKey, installationSalt } from '../../src/cards/account';
import { CardStore, fileName, type StoredCard } from '../../src/cards/store';
import type { RepoDetails } from '../../src/hub/types';

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((f) => fsp.rm(f, { recursive: true, force: true, maxRetries: 3 })));
});

async function folder(): Promise<string> {
  const made = await fsp.mkdtemp(join(tmpdir(), 'hf-card-store-'));
  folders.push(made);
  return made;
}

function card(id: string, markdown = '# Card'): StoredCard {
  const details: RepoDetails = {
    type: 'model',
    id,
    author: id.split('/')[0],
    private: false,
    gated: 'manual',
    likes: 7,
    downloads: 1200,
    tags: ['text-generation', 'license:mit'],
    lastModified: new Date('2026-10-01T12:00:00.000Z'),
    createdAt: new Date('2025-03-04T05:06:07.000Z'),
    task: 'text-generation',
    library: 'transformers',
    params: 8_030_261_248,
    gguf: { architecture: 'llama', parameters: 8_030_261_248, contextLength: 131_072 },
    sha: 'abc123',
    license: 'mit',
    cardData: { license: 'mit', language: ['en'] },
    files: ['README.md', 'config.json'],
  };
  return { details, readme: { state: { kind: 'text', markdown, cut: false }, etag: '"e1"', commit: 'abc123' }, fetchedAt: Date.UTC(2026, 10, 1) };
}

async function cardFiles(dir: string): Promise<string[]> {
  return (await fsp.readdir(dir)).filter((f) => f.endsWith('.card.json')).sort();
}

describe('card store', () => {
  it('gives back what it was given, Dates included, for the same key only', async () => {
    const dir = await folder();
    const store = new CardStore(dir, () => 1 << 20);
    const kept = card('owner/model');
    await store.set('https://hub.test anonymous model/owner/model', kept);
    const reloaded = new CardStore(dir, () => 1 << 20);
    assert.deepEqual(await reloaded.get('https://hub.test anonymous model/owner/model', 'model'), kept);
    assert.equal(await reloaded.get('https://hub.test someone model/owner/model', 'model'), undefined);
    assert.equal(await reloaded.get('https://other.test anonymous model/owner/model', 'model'), undefined);
  });

  it('keeps the summed size under its bound, evicting the least recently read first', async () => {
    const dir = await folder();
    let now = 1_000_000;
    const big = 'x'.repeat(3000);
    const oneCard = Buffer.byteLength(JSON.stringify({ format: 'hf-card/1', key: 'k0', ...card('o/m0', big) }));
    const store = new CardStore(dir, () => oneCard * 3 + 100, fsp, () => now++);
    for (const i of [0, 1, 2]) {
      await store.set(`k${i}`, card(`o/m${i}`, big));
    }
    assert.ok(await store.get('k0', 'model'), 'k0 read: now the most recently used');
    await store.set('k3', card('o/m3', big));
    assert.equal(await store.get('k1', 'model'), undefined, 'k1 was the least recently used');
    assert.ok(await store.get('k0', 'model'));
    assert.ok(await store.get('k3', 'model'));
    assert.ok((await store.bytes()) <= oneCard * 3 + 100);
    assert.equal((await cardFiles(dir)).length, 3);

    const reloaded = new CardStore(dir, () => oneCard * 3 + 100);
    assert.ok(await reloaded.get('k2', 'model'), 'the sizes are read back from the folder after a reload');
    assert.equal(await reloaded.bytes(), await store.bytes());
  });

  it('a card larger than the whole bound is not kept; a bound of 0 keeps none and removes those kept', async () => {
    const dir = await folder();
    let max = 200;
    const store = new CardStore(dir, () => max);
    await store.set('big', card('o/big', 'x'.repeat(500)));
    assert.deepEqual(await cardFiles(dir), []);
    max = 1 << 20;
    await store.set('small', card('o/small'));
    assert.equal((await cardFiles(dir)).length, 1);
    max = 0;
    assert.equal(await store.get('small', 'model'), undefined);
    assert.deepEqual(await cardFiles(dir), []);
  });

  it('a corrupt, truncated, foreign or mistyped file is ignored and removed, then replaced; other files are left alone', async () => {
    const dir = await folder();
    const store = new CardStore(dir, () => 1 << 20);
    const key = 'https://hub.test anonymous model/owner/model';
    const path = join(dir, fileName(key));
    const good = JSON.stringify({ format: 'hf-card/1', key, ...card('owner/model') });
    const bad = [
      '',
      'not json',
      good.slice(0, good.length / 2),
      JSON.stringify({ format: 'hf-card/1', key: 'another key', ...card('owner/model') }),
      JSON.stringify({ format: 'hf-card/9', key, ...card('owner/model') }),
      JSON.stringify({ format: 'hf-card/1', key, ...card('owner/model'), fetchedAt: 'yesterday' }),
      JSON.stringify({ format: 'hf-card/1', key, ...card('owner/model'), details: { id: 42 } }),
      JSON.stringify({ format: 'hf-card/1', key, ...card('owner/model'), readme: { state: { kind: 'text', markdown: ['<script>'] } } }),
      JSON.stringify({ format: 'hf-card/1', key, ...card('owner/model'), readme: { state: { kind: 'unavailable', message: 'stale error' } } }),
      JSON.stringify([1, 2, 3]),
      'null',
    ];
    await fsp.writeFile(join(dir, 'notes.txt'), 'kept');
    for (const text of bad) {
      await fsp.writeFile(path, text);
      assert.equal(await store.get(key, 'model'), undefined, text.slice(0, 60));
      await assert.rejects(fsp.stat(path), 'the unusable file is removed');
    }
    await store.set(key, card('owner/model'));
    assert.ok(await store.get(key, 'model'), 'a new copy replaces it');
    assert.equal(await fsp.readFile(join(dir, 'notes.txt'), 'utf8'), 'kept');
  });

  it('a temporary file a stopped window left is removed once stale; a failed write leaves none and does not throw', async () => {
    const dir = await folder();
    await fsp.writeFile(join(dir, `${fileName('k')}.old.tmp`), '{"half');
    const old = new Date(Date.now() - 3600_000);
    await fsp.utimes(join(dir, `${fileName('k')}.old.tmp`), old, old);
    await fsp.writeFile(join(dir, `${fileName('k')}.fresh.tmp`), '{"another window is writing');
    const failing = { ...fsp, rename: async () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) } as typeof fsp;
    const store = new CardStore(dir, () => 1 << 20, failing);
    await store.set('k', card('o/m'));
    const left = (await fsp.readdir(dir)).sort();
    assert.deepEqual(left, [`${fileName('k')}.fresh.tmp`], 'the stale one and the failed write are gone, the fresh one stays');
    assert.equal(await store.get('k', 'model'), undefined);
  });

  it('writes from one window are serialised, and a concurrent reader never sees half a card', async () => {
    const dir = await folder();
    const writer = new CardStore(dir, () => 1 << 22);
    const reader = new CardStore(dir, () => 1 << 22);
    const writes = Array.from({ length: 20 }, (_, i) => writer.set('k', card('o/m', `# Card ${i}\n${'y'.repeat(20_000)}`)));
    const reads: (StoredCard | undefined)[] = [];
    for (let i = 0; i < 20; i++) {
      reads.push(await reader.get('k', 'model'));
    }
    await Promise.all(writes);
    for (const read of reads.filter((r) => r !== undefined)) {
      assert.match(read.readme.state.kind === 'text' ? read.readme.state.markdown : '', /^# Card \d+\ny{20000}$/);
    }
    assert.match(JSON.stringify(await reader.get('k', 'model')), /# Card 19/);
  });

  it('file names are hashes: no part of a key reaches a path', () => {
    for (const key of ['https://hub.test anonymous model/../../etc/passwd', 'x'.repeat(100_000), 'é/\u0000/\u202e']) {
      assert.match(fileName(key), /^[0-9a-f]{40}\.card\.json$/);
    }
  });
});

describe('account key', () => {
  it('is anonymous without a token, and a salted fingerprint that never holds the token', () => {
    const token = 'hf_abcdefghijklmnopqrstuvwxyz0123456789';
    assert.equal(accountKey(undefined, 'salt'), 'anonymous');
    const key = accountKey(token, 'salt-one');
    assert.match(key, /^[0-9a-f]{32}$/);
    assert.ok(!key.includes(token.slice(3, 10)));
    assert.notEqual(key, accountKey(token, 'salt-two'), 'another installation fingerprints the same token differently');
    assert.notEqual(key, accountKey(`${token}x`, 'salt-one'));
    assert.equal(key, accountKey(token, 'salt-one'));
  });

  it("the installation's salt is made once and kept", () => {
    const state = new Map<string, unknown>();
    const memento = { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) };
    const salt = installationSalt(memento);
    assert.match(salt, /^[0-9a-f]{48}$/);
    assert.equal(installationSalt(memento), salt);
  });
});
