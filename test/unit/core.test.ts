import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { resolveEndpoint, DEFAULT_ENDPOINT } from '../../src/hub/endpoint';
import { HubError, isCancellation } from '../../src/hub/errors';
import type * as Errors from '../../src/hub/errors';
import { age, compactNumber, fileSize, groupedNumber } from '../../src/hub/format';
import { listUrl, nextLink, parseListBody, toSummary } from '../../src/hub/list';
import { redact } from '../../src/hub/redact';
import { filePathProblem, isValidRepoId, repoIdProblem, revisionProblem } from '../../src/hub/repoId';
import { accessibleLabel, describeRepo, PagedList, repoContextValue } from '../../src/lists/treeModel';
import type { RepoSummary } from '../../src/hub/types';
import { isAllowedExternalLink, parseFromOverview } from '../../src/webviews/protocol';

describe('repo ids', () => {
  it('accepts the Hub’s ids, legacy ones included', () => {
    for (const id of ['openai-community/gpt2', 'gpt2', 'google-bert/bert-base-uncased', 'a/b', 'Org_1/model.v2-final', 'DJSammy/bert-base-danish-uncased_BotXO,ai', `x/${'a'.repeat(96)}`]) {
      assert.equal(repoIdProblem(id), undefined, id);
    }
  });

  it('refuses what the Hub refuses, with a reason', () => {
    for (const id of ['', 'a/b/c', '../etc', 'a/..b', 'a--b/c', '-a/b', 'a/b-', 'a/b.git', 'a b/c', 'a/<script>', `x/${'a'.repeat(97)}`, 'a/b?x=1', 'ünï/côde']) {
      assert.equal(isValidRepoId(id), false, id);
      assert.ok(repoIdProblem(id)!.length > 0);
    }
  });

  it('checks revisions and file paths', () => {
    assert.equal(revisionProblem('main'), undefined);
    assert.equal(revisionProblem('refs/pr/1'), undefined);
    assert.ok(revisionProblem('a..b'));
    assert.ok(revisionProblem('a b'));
    assert.equal(filePathProblem('onnx/model.onnx'), undefined);
    assert.ok(filePathProblem('../secret'));
    assert.ok(filePathProblem('a//b'));
    assert.ok(filePathProblem('/abs'));
  });
});

describe('list URLs', () => {
  const endpoint = 'https://hub.example';

  it('defaults to trending, a page size and the fields a row needs', () => {
    const url = new URL(listUrl(endpoint, 'model'));
    assert.equal(url.pathname, '/api/models');
    assert.equal(url.searchParams.get('sort'), 'trendingScore');
    assert.equal(url.searchParams.get('limit'), '50');
    assert.ok(url.searchParams.getAll('expand[]').includes('pipeline_tag'));
    assert.ok(url.searchParams.getAll('expand[]').includes('downloads'));
  });

  it('maps every filter and sort to the Hub’s parameters', () => {
    const url = new URL(
      listUrl(endpoint, 'model', { search: ' bert ', author: 'google', tags: ['license:mit', 'language:en'], task: 'fill-mask', library: 'transformers', sort: 'updated', limit: 500 }),
    );
    assert.equal(url.searchParams.get('search'), 'bert');
    assert.equal(url.searchParams.get('author'), 'google');
    assert.deepEqual(url.searchParams.getAll('filter'), ['license:mit', 'language:en', 'transformers']);
    assert.equal(url.searchParams.get('pipeline_tag'), 'fill-mask');
    assert.equal(url.searchParams.get('sort'), 'lastModified');
    assert.equal(url.searchParams.get('limit'), '100');
    for (const [sort, wire] of [['downloads', 'downloads'], ['likes', 'likes'], ['created', 'createdAt'], ['trending', 'trendingScore']] as const) {
      assert.equal(new URL(listUrl(endpoint, 'dataset', { sort })).searchParams.get('sort'), wire);
    }
  });

  it('leaves out model-only filters for datasets and Spaces', () => {
    const url = new URL(listUrl(endpoint, 'space', { task: 'fill-mask', library: 'transformers' }));
    assert.equal(url.pathname, '/api/spaces');
    assert.equal(url.searchParams.get('pipeline_tag'), null);
    assert.deepEqual(url.searchParams.getAll('filter'), []);
    assert.ok(url.searchParams.getAll('expand[]').includes('sdk'));
  });

  it('reads the next link as the Hub and huggingface.js write it', () => {
    assert.equal(nextLink('<https://hub.example/api/models?cursor=abc&limit=5>; rel="next"'), 'https://hub.example/api/models?cursor=abc&limit=5');
    assert.equal(nextLink('<https://a/prev>; rel="prev", <https://a/next>; rel="next"'), 'https://a/next');
    assert.equal(nextLink('<https://a/prev>; rel="prev"'), undefined);
    assert.equal(nextLink(null), undefined);
  });
});

describe('list items', () => {
  it('maps wire items and tolerates missing or mistyped fields', () => {
    const item = toSummary('model', {
      _id: '1',
      id: 'openai-community/gpt2',
      pipeline_tag: 'text-generation',
      library_name: 'transformers',
      downloads: 17272637,
      likes: '2630',
      gated: 'manual',
      tags: ['a', 7, 'license:mit'],
      lastModified: 'not a date',
      unknownField: { deep: true },
    })!;
    assert.equal(item.id, 'openai-community/gpt2');
    assert.equal(item.author, 'openai-community');
    assert.equal(item.task, 'text-generation');
    assert.equal(item.likes, 0);
    assert.equal(item.gated, 'manual');
    assert.deepEqual(item.tags, ['a', 'license:mit']);
    assert.equal(item.lastModified, undefined);
  });

  it('fails with a bad response on a body that is not a list of repos', () => {
    assert.throws(() => parseListBody('model', { error: 'x' }, 'hub'), /unexpected shape/);
    assert.throws(() => parseListBody('model', [1, 2], 'hub'), /unexpected shape/);
    assert.deepEqual(parseListBody('model', [], 'hub'), []);
  });

  it('drops duplicate ids within a page', () => {
    assert.equal(parseListBody('dataset', [{ id: 'a/b' }, { id: 'a/b' }, { id: 'c/d' }], 'hub').length, 2);
  });
});

function repo(overrides: Partial<RepoSummary> = {}): RepoSummary {
  return { type: 'model', id: 'org/model', private: false, gated: false, likes: 3400, downloads: 1_234_567, tags: [], ...overrides };
}

describe('tree model', () => {
  const now = new Date('2026-01-10T00:00:00Z');

  it('describes a row like the Hub’s lists', () => {
    assert.equal(describeRepo(repo({ task: 'text-generation', lastModified: new Date('2026-01-08T00:00:00Z') }), now), 'text-generation · 1.2M ↓ · 3.4k ♥ · 2d');
    assert.equal(describeRepo(repo({ type: 'space', sdk: 'gradio', downloads: undefined, likes: 12 }), now), 'gradio · 12 ♥');
    assert.equal(describeRepo(repo({ type: 'dataset', tags: ['modality:text'], downloads: 999, likes: 0 }), now), 'text · 999 ↓ · 0 ♥');
  });

  it('gives screen readers words, not symbols', () => {
    assert.equal(accessibleLabel(repo({ task: 'fill-mask', gated: 'auto', private: true })), 'model org/model, fill-mask, 1,234,567 downloads, 3,400 likes, gated, private');
  });

  it('marks menus by type and state', () => {
    assert.equal(repoContextValue(repo()), 'repo model');
    assert.equal(repoContextValue(repo({ type: 'dataset', gated: 'manual', private: true })), 'repo dataset gated private');
  });

  it('appends pages without moving what is shown and skips repeats', () => {
    const list = new PagedList();
    assert.ok(list.pristine);
    list.begin();
    list.append({ items: [repo({ id: 'a/1' }), repo({ id: 'a/2' })], next: 'https://hub/next1' });
    const first = list.loaded.slice();
    list.begin();
    list.append({ items: [repo({ id: 'a/2' }), repo({ id: 'a/3' })] });
    assert.deepEqual(list.loaded.slice(0, 2), first);
    assert.deepEqual(list.loaded.map((r) => r.id), ['a/1', 'a/2', 'a/3']);
    assert.equal(list.hasMore, false);
    assert.equal(list.pages, 2);
    list.reset();
    assert.ok(list.pristine);
    assert.equal(list.loaded.length, 0);
  });

  it('formats figures and ages', () => {
    assert.equal(groupedNumber(1_234_567), '1,234,567');
    const digits = Array.from({ length: 16 }, (_, i) => [10 ** i - 1, 10 ** i, 10 ** i + 1, -(10 ** i)]).flat();
    for (const n of [0, -0, 7, 999, 1000, 72_376_843, 1.5, 1234.5678, -42_000, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), NaN, Infinity, ...digits]) {
      assert.equal(groupedNumber(n), n.toLocaleString('en-US'), String(n));
    }
    assert.equal(compactNumber(999), '999');
    assert.equal(compactNumber(1000), '1k');
    assert.equal(compactNumber(72_376_843), '72.4M');
    assert.equal(compactNumber(123_456), '123k');
    assert.equal(age(new Date('2026-01-09T23:59:30Z'), now), 'now');
    assert.equal(age(new Date('2025-01-01T00:00:00Z'), now), '1y');
    assert.equal(age(new Date('2025-11-01T00:00:00Z'), now), '2mo');
    assert.equal(fileSize(440_473_133), '440 MB');
    assert.equal(fileSize(313), '313 B');
  });
});

describe('endpoint', () => {
  it('prefers the setting, then HF_ENDPOINT, then huggingface.co', () => {
    assert.deepEqual(resolveEndpoint('https://hub.corp/', { HF_ENDPOINT: 'https://mirror' }), { endpoint: 'https://hub.corp', source: 'setting' });
    assert.deepEqual(resolveEndpoint('', { HF_ENDPOINT: 'http://127.0.0.1:4000/' }), { endpoint: 'http://127.0.0.1:4000', source: 'HF_ENDPOINT' });
    assert.deepEqual(resolveEndpoint(undefined, {}), { endpoint: DEFAULT_ENDPOINT, source: 'default' });
  });

  it('refuses plain http except on loopback, and URLs with credentials', () => {
    for (const bad of ['http://evil.example', 'https://user:pw@hub.example', 'ftp://x', 'not a url', 'https://hub.example/?x=1']) {
      const choice = resolveEndpoint(bad, {});
      assert.equal(choice.endpoint, DEFAULT_ENDPOINT, bad);
      assert.ok(choice.problem, bad);
    }
  });
});

describe('redaction', () => {
  it('hides tokens and Authorization headers', () => {
    const token = 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH';
    assert.equal(redact(`failed with ${token}.`), 'failed with <TOKEN>.');
    assert.equal(redact(`Authorization: Bearer ${token}`), 'Authorization: <TOKEN>');
    assert.equal(redact('api_org_abcdefghijklmnopqrstuvwxyzABCDEFGH'), '<TOKEN>');
    assert.equal(redact('hf_short is fine'), 'hf_short is fine');
  });
});

describe('overview messages', () => {
  it('accepts only the typed messages', () => {
    assert.deepEqual(parseFromOverview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromOverview({ type: 'action', action: 'showModels' }), { type: 'action', action: 'showModels' });
    assert.equal(parseFromOverview({ type: 'action', action: 'workbench.action.terminal.new' }), undefined);
    assert.equal(parseFromOverview({ type: 'command', command: 'x' }), undefined);
    assert.equal(parseFromOverview('ready'), undefined);
    assert.equal(parseFromOverview(null), undefined);
  });

  it('opens only https Hugging Face links', () => {
    assert.ok(isAllowedExternalLink('https://huggingface.co/models'));
    assert.ok(isAllowedExternalLink('https://hf.co/x'));
    for (const url of ['http://huggingface.co', 'https://huggingface.co.evil.com', 'command:workbench.action.quit', 'javascript:alert(1)', 'file:///etc/passwd', 'vscode://x', 'data:text/html,x', 'https://a@huggingface.co']) {
      assert.equal(isAllowedExternalLink(url), false, url);
    }
  });
});

describe('errors', () => {
  it('a HubError thrown by another bundled copy of the class (a lazy chunk has its own) is still a HubError', async () => {
    const bundled = await build({ entryPoints: ['src/hub/errors.ts'], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' });
    const chunk = { exports: {} as typeof Errors };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- loads the separate copy as the host loads a chunk
    new Function('module', 'exports', bundled.outputFiles[0].text)(chunk, chunk.exports);
    assert.notEqual(chunk.exports.HubError, HubError, 'a separate copy of the class');
    const fromChunk = new chunk.exports.HubError('cancelled', 'Cancelled.');
    assert.ok(fromChunk instanceof HubError);
    assert.equal(isCancellation(fromChunk), true);
    assert.ok(new HubError('gated', 'Gated.') instanceof chunk.exports.HubError);
    assert.ok(!(new Error('plain') instanceof HubError));
    assert.ok(!(Object.assign(new Error('look-alike'), { name: 'HubError', kind: 'gated' }) instanceof HubError));
  });
});
