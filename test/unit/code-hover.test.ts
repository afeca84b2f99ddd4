// The hover card's Markdown text, written from untrusted Hub facts, and the session cache the providers share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverCommands, hoverMarkdown } from '../../src/code/hover';
import { findRepoRefs } from '../../src/code/pyRefs';
import type { RepoFacts, Resolution } from '../../src/code/resolver';
import { cachedPromise, SessionCache, sessionKey } from '../../src/code/sessionCache';

const [REF] = findRepoRefs('AutoModel.from_pretrained("owner/model")');

function facts(over: Partial<RepoFacts> = {}): RepoFacts {
  return { type: 'model', id: 'owner/model', task: 'text-generation', library: 'transformers', likes: 1200, downloads: 34_000, gated: false, private: false, customCode: false, ...over };
}

/** The targets of the Markdown links in `md`. */
function links(md: string): string[] {
  return [...md.matchAll(/\]\(([^ )]+)/g)].map((m) => m[1]);
}

describe('hover card text', () => {
  it('shows the facts and the README paragraph, with the two command links only', () => {
    const md = hoverMarkdown(REF, { state: 'found', facts: facts(), access: undefined }, 'A small model.', false);
    assert.match(md, /^\$\(hubot\) \*\*owner\/model\*\* · Model/);
    assert.match(md, /text\\-generation · transformers/);
    assert.match(md, /34k downloads · 1\\\.2k likes/);
    assert.match(md, /A small model\\\./);
    const targets = links(md);
    assert.equal(targets.length, 2);
    assert.deepEqual(targets.map((t) => t.slice('command:'.length, t.indexOf('?'))), hoverCommands('model'), 'a model hover links, and may run, only the card and the Hub page');
    assert.deepEqual(JSON.parse(decodeURIComponent(targets[0].slice(targets[0].indexOf('?') + 1))), [{ type: 'model', id: 'owner/model' }]);
  });

  it('says how big a model is and, for a GGUF model, what its header says', () => {
    const gguf = hoverMarkdown(REF, { state: 'found', facts: facts({ params: 8_030_261_248, gguf: { architecture: 'llama', parameters: 8_030_261_248, contextLength: 131_072 } }), access: undefined }, undefined, false);
    assert.match(gguf, /8B parameters · 34k downloads/);
    assert.match(gguf, /\$\(chip\) GGUF\\: llama · 131,072\\-token context/);
    const plainModel = hoverMarkdown(REF, { state: 'found', facts: facts(), access: undefined }, undefined, false);
    assert.doesNotMatch(plainModel, /parameters|GGUF/);
  });

  it('says which Inference Providers serve a model, with Try it as its one more link', () => {
    const md = hoverMarkdown(REF, { state: 'found', facts: facts({ served: 'Served by 3 Inference Providers (Fireworks, Together AI, Novita)' }), access: undefined }, undefined, false);
    assert.match(md, /\$\(cloud\) Served by 3 Inference Providers \\\(Fireworks, Together AI, Novita\\\)/);
    const targets = links(md).map((t) => t.slice('command:'.length, t.indexOf('?')));
    assert.deepEqual(targets.sort(), hoverCommands('model', true).sort());
    assert.ok(targets.includes('huggingface.tryModel'));
    assert.ok(!hoverCommands('model').includes('huggingface.tryModel'), 'a model no provider serves may not run Try it');
  });

  it('links a dataset to its viewer as well', () => {
    const md = hoverMarkdown({ ...REF, kind: 'dataset', id: 'owner/data' }, { state: 'found', facts: facts({ id: 'owner/data' }), access: undefined }, undefined, false);
    assert.deepEqual(links(md).map((t) => t.slice('command:'.length, t.indexOf('?'))), hoverCommands('dataset'));
    assert.deepEqual(hoverCommands('dataset'), ['huggingface.openCard', 'huggingface.openOnHub', 'huggingface.openDatasetViewer']);
  });

  it('escapes what the Hub wrote: no link, HTML, command or theme icon of its own gets through', () => {
    const hostile = facts({ task: '[x](command:huggingface.signOut) <img src=x> $(alert)', license: '**bold**' });
    const md = hoverMarkdown(REF, { state: 'found', facts: hostile, access: undefined }, '[click](https://evil.example) `code` \u202Egnp.exe', false);
    assert.equal(links(md).length, 2, 'only the hover’s own links');
    assert.ok(!/(^|[^\\])<img/.test(md), 'no raw HTML: the `<` is escaped');
    assert.ok(!md.includes('$(alert)'), 'no theme icon from the Hub');
    assert.ok(!md.includes('\u202E'), 'no bidi control');
  });

  it('says renamed, gated, private, missing and unknown plainly', () => {
    const renamed: Resolution = { state: 'renamed', to: 'owner/model-v2', facts: facts({ id: 'owner/model-v2', gated: 'manual', private: true }), access: 'denied' };
    const md = hoverMarkdown(REF, renamed, undefined, true);
    assert.match(md, /\*\*owner\/model\\-v2\*\*/);
    assert.match(md, /Renamed from owner\/model\\\./);
    assert.match(md, /\$\(lock\) Private/);
    assert.match(md, /Gated: request access on its Hub page/);
    assert.match(hoverMarkdown(REF, { state: 'notFound' }, undefined, false), /Not found on the Hub, or private \(sign in/);
    assert.match(hoverMarkdown(REF, { state: 'unknown', reason: 'offline' }, undefined, true), /Details unavailable right now/);
  });
});

describe('session cache', () => {
  it('keys by endpoint, type and text; expires after its time to live; keeps at most its size', () => {
    let now = 0;
    const cache = new SessionCache<string>({ ttlMs: 1000, maxEntries: 2, now: () => now });
    const a = sessionKey('https://hub.test', 'model', 'bert');
    assert.notEqual(a, sessionKey('https://other.test', 'model', 'bert'));
    assert.notEqual(a, sessionKey('https://hub.test', 'dataset', 'bert'));
    cache.set(a, 'A');
    now = 999;
    assert.equal(cache.get(a), 'A');
    now = 1000;
    assert.equal(cache.get(a), undefined, 'expired');
    cache.set('1', 'one');
    cache.set('2', 'two');
    cache.set('3', 'three');
    assert.equal(cache.size, 2);
    assert.equal(cache.get('1'), undefined, 'the oldest went');
  });

  it('shares one request per key and forgets a failed one, not the answer that replaced it', async () => {
    const cache = new SessionCache<Promise<number>>();
    let calls = 0;
    const load = () => Promise.resolve(++calls);
    assert.equal(await cachedPromise(cache, 'k', load), 1);
    assert.equal(await cachedPromise(cache, 'k', load), 1);
    const failing = cachedPromise(cache, 'f', () => Promise.reject(new Error('down')));
    await assert.rejects(failing);
    await Promise.resolve();
    assert.equal(cache.get('f'), undefined, 'a failure is not kept');
    const replaced = Promise.resolve(7);
    cache.set('k', replaced);
    cache.deleteIf('k', Promise.resolve(1));
    assert.equal(cache.get('k'), replaced);
  });
});
