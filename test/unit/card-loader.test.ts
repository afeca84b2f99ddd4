// The card loader against a scripted client: what it asks the Hub for on a first and a repeated load, what it shows
// offline or with the Hub unreachable, how a renamed repo and a README that fails are handled, and how the cards kept
// on disk serve a reload without mixing accounts.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cardCache, copyNotice, loadCard, type CardClient } from '../../src/cards/loader';
import { CardStore } from '../../src/cards/store';
import { HubError } from '../../src/hub/errors';
import type { AccessState, Readme, RepoDetails } from '../../src/hub/types';

const REF = { type: 'model' as const, id: 'owner/model' };

function details(over: Partial<RepoDetails> = {}): RepoDetails {
  return { type: 'model', id: REF.id, private: false, gated: false, likes: 3, tags: [], files: ['README.md'], sha: 'c1', ...over };
}

interface Script {
  details?: () => RepoDetails;
  readme?: (etag: string | undefined) => Readme | undefined;
  access?: () => AccessState;
  offline?: boolean;
}

function client(script: Script): CardClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    endpoint: 'https://hub.test',
    get offline() {
      return script.offline ?? false;
    },
    repoDetails: async (type, id) => {
      calls.push(`details ${type}/${id}`);
      return (script.details ?? (() => details()))();
    },
    readme: async (_type, _id, _revision, opts) => {
      calls.push(`readme${opts?.etag ? ` if-none-match ${opts.etag}` : ''}`);
      return (script.readme ?? (() => ({ text: '# Model', etag: '"e1"', commit: 'c1', notModified: false })))(opts?.etag);
    },
    accessState: async () => {
      calls.push('access');
      return (script.access ?? (() => 'granted'))();
    },
  };
}

function deps(c: CardClient, cache = cardCache(), warnings: string[] = [], more: { store?: CardStore; account?: string } = {}) {
  const account = more.account ?? 'anonymous';
  return { client: c, cache, store: more.store, account: async () => account, images: 'huggingface' as const, hasToken: async () => false, warn: (m: string) => warnings.push(m) };
}

const folders: string[] = [];
after(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true, maxRetries: 3 })));
});

async function folder(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'hf-card-loader-'));
  folders.push(made);
  return made;
}

const signal = () => new AbortController().signal;

describe('card loader', () => {
  it('a first load asks for the details and the README; reopening costs one conditional request', async () => {
    const cache = cardCache();
    const first = client({});
    const loaded = await loadCard(deps(first, cache), REF, signal());
    assert.deepEqual(first.calls.sort(), ['details model/owner/model', 'readme']);
    assert.equal(loaded.card.readme.kind, 'text');
    assert.equal(loaded.card.location.revision, 'c1');
    assert.equal(loaded.renamedTo, undefined);

    const again = client({ readme: (etag) => ({ text: '', etag, commit: 'c1', notModified: true }) });
    const reopened = await loadCard(deps(again, cache), REF, signal());
    assert.deepEqual(again.calls, ['readme if-none-match "e1"'], 'the README is unchanged at the same commit: no details request');
    assert.deepEqual(reopened.card.readme, loaded.card.readme);
  });

  it('a 304 at another commit fetches the details again, keeping the cached README', async () => {
    const cache = cardCache();
    await loadCard(deps(client({}), cache), REF, signal());
    const moved = client({ readme: (etag) => ({ text: '', etag, commit: 'c2', notModified: true }), details: () => details({ sha: 'c2', likes: 9 }) });
    const loaded = await loadCard(deps(moved, cache), REF, signal());
    assert.deepEqual(moved.calls, ['readme if-none-match "e1"', 'details model/owner/model']);
    assert.equal(loaded.card.location.revision, 'c2');
    assert.equal(loaded.card.readme.kind === 'text' && loaded.card.readme.markdown, '# Model');
  });

  it('offline, a cached card shows as it is and says so; nothing is requested', async () => {
    const cache = cardCache();
    await loadCard(deps(client({}), cache), REF, signal());
    const offline = client({ offline: true });
    const loaded = await loadCard(deps(offline, cache), REF, signal());
    assert.deepEqual(offline.calls, []);
    assert.match(loaded.card.notice ?? '', /^Offline \(HF_HUB_OFFLINE\): showing the copy fetched just now\.$/);
    assert.equal(loaded.card.noticeRetry, undefined, 'offline mode is chosen: retrying would not help');
  });

  it('follows a rename to a valid id, and ignores an answered id that is not a repo id', async () => {
    const renamed = await loadCard(deps(client({ details: () => details({ id: 'owner/model-v2' }) })), REF, signal());
    assert.deepEqual(renamed.renamedTo, { type: 'model', id: 'owner/model-v2' });
    assert.equal(renamed.card.location.id, 'owner/model-v2');
    const hostile = await loadCard(deps(client({ details: () => details({ id: 'owner/model"); import os' }) })), REF, signal());
    assert.equal(hostile.renamedTo, undefined);
    assert.equal(hostile.card.location.id, REF.id);
  });

  it('a README that fails is shown in place, gated and missing ones say so', async () => {
    const fail = (error: HubError) => () => {
      throw error;
    };
    const cases: [HubError, string][] = [
      [new HubError('gated', 'Gated.'), 'gated'],
      [new HubError('notFound', 'No README.', { status: 404, code: 'EntryNotFound' }), 'missing'],
      [new HubError('server', 'Down.', { status: 500 }), 'unavailable'],
    ];
    for (const [error, kind] of cases) {
      const loaded = await loadCard(deps(client({ readme: fail(error) })), REF, signal());
      assert.equal(loaded.card.readme.kind, kind, error.message);
    }
  });

  it('a cached card with the Hub unreachable or failing shows its copy, saying from when, with Retry; a refusal fails whole and forgets it', async () => {
    const fail = (error: HubError) => () => {
      throw error;
    };
    const cache = cardCache();
    await loadCard(deps(client({}), cache), REF, signal());
    const down = client({ readme: fail(new HubError('server', 'Down.', { status: 503 })) });
    const shown = await loadCard(deps(down, cache), REF, signal());
    assert.deepEqual(down.calls, ['readme if-none-match "e1"'], 'no details request after the README failed');
    assert.equal(shown.card.readme.kind === 'text' && shown.card.readme.markdown, '# Model');
    assert.equal(shown.card.notice, 'The Hub could not be reached, so this is the copy fetched just now. Down.');
    assert.equal(shown.card.noticeRetry, true);
    const gone = client({ readme: fail(new HubError('notFound', 'Repository not found.', { status: 404, code: 'RepoNotFound' })) });
    await assert.rejects(loadCard(deps(gone, cache), REF, signal()), /Repository not found/);
    assert.equal(cache.size, 0, 'a repo the Hub no longer shows is not kept');
  });

  it('says how old a copy is', () => {
    const now = Date.UTC(2026, 0, 2);
    assert.equal(copyNotice(now - 3 * 3600_000, undefined, now), 'Offline (HF_HUB_OFFLINE): showing the copy fetched 3h ago.');
    assert.equal(copyNotice(now - 2 * 86400_000, new HubError('offline', 'Cannot reach hub.test.'), now), 'The Hub could not be reached, so this is the copy fetched 2d ago. Cannot reach hub.test.');
  });

  it('after a reload the card on disk costs one conditional request, and opens offline', async () => {
    const dir = await folder();
    const disk = new CardStore(dir, () => 1024 * 1024);
    await loadCard(deps(client({}), cardCache(), [], { store: disk }), REF, signal());
    await disk.idle();
    assert.equal((await readdir(dir)).filter((f) => f.endsWith('.card.json')).length, 1);

    const reloaded = new CardStore(dir, () => 1024 * 1024);
    const again = client({ readme: (etag) => ({ text: '', etag, commit: 'c1', notModified: true }) });
    const loaded = await loadCard(deps(again, cardCache(), [], { store: reloaded }), REF, signal());
    assert.deepEqual(again.calls, ['readme if-none-match "e1"']);
    assert.equal(loaded.card.readme.kind === 'text' && loaded.card.readme.markdown, '# Model');
    assert.equal(loaded.card.header.likes, 3, 'the details came from disk');

    const offline = client({ offline: true });
    const shown = await loadCard(deps(offline, cardCache(), [], { store: new CardStore(dir, () => 1024 * 1024) }), REF, signal());
    assert.deepEqual(offline.calls, []);
    assert.match(shown.card.notice ?? '', /showing the copy fetched just now/);
    await disk.idle();
  });

  it("one account's card is never another's: the key holds the account", async () => {
    const dir = await folder();
    const disk = new CardStore(dir, () => 1024 * 1024);
    const cache = cardCache();
    await loadCard(deps(client({ details: () => details({ private: true }) }), cache, [], { store: disk, account: 'fingerprint-a' }), REF, signal());
    const other = client({});
    await loadCard(deps(other, cache, [], { store: disk, account: 'fingerprint-b' }), REF, signal());
    assert.deepEqual(other.calls.sort(), ['details model/owner/model', 'readme'], 'no conditional request with the other account\'s ETag');
    await disk.idle();
    const signedOut = client({});
    const reloaded = new CardStore(dir, () => 1024 * 1024);
    await loadCard(deps(signedOut, cardCache(), [], { store: reloaded, account: 'anonymous' }), REF, signal());
    await reloaded.idle();
    assert.deepEqual(signedOut.calls.sort(), ['details model/owner/model', 'readme'], 'signed out, neither account\'s copy is used');
  });

  it('a gated repo gets its access state; a failed check is logged and leaves it unsaid', async () => {
    const gated = () => details({ gated: 'manual' });
    assert.equal((await loadCard(deps(client({ details: gated, access: () => 'gated' })), REF, signal())).card.header.access, 'signIn');
    const warnings: string[] = [];
    const failing = client({
      details: gated,
      access: () => {
        throw new HubError('server', 'Check failed.');
      },
    });
    const loaded = await loadCard(deps(failing, cardCache(), warnings), REF, signal());
    assert.equal(loaded.card.header.access, undefined);
    assert.match(warnings.join('\n'), /Access check for owner\/model: Check failed/);
  });
});
