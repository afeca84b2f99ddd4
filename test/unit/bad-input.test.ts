// Bad input, each handled within its budget with a clear message: malformed repo ids, paths with `..`, 10,000 tags,
// 10,000-file repos, a 5 MB README, deeply nested Markdown, and pathological strings (`*` runs and friends) for every
// regular expression in src/ and webview/ that reads text from the Hub, from a card or from the user.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { slug } from '../../src/cards/anchors';
import { splitFrontMatter } from '../../src/cards/frontMatter';
import { cardHeader, MAX_TAGS } from '../../src/cards/header';
import { createCardMarkdown } from '../../src/cards/markdown';
import { prepareReadme } from '../../src/cards/prepare';
import { parseRepoInput, repoRefFromArgument } from '../../src/cards/repoRef';
import { CARD_URI_PATTERN, isAllowedCardClass, isAllowedDimension } from '../../src/cards/sanitize';
import { CARD_RENDER_LIMIT_BYTES, truncateMarkdown } from '../../src/cards/truncate';
import { resolveCardImage, resolveCardLink } from '../../src/cards/urls';
import { tokenInputProblem } from '../../src/hub/auth';
import { HubClient } from '../../src/hub/client';
import { endpointProblem } from '../../src/hub/endpoint';
import { HubError } from '../../src/hub/errors';
import { rateLimitDelayMs } from '../../src/hub/headers';
import { nextLink, parseListBody } from '../../src/hub/list';
import { redact } from '../../src/hub/redact';
import { filePathProblem, repoIdProblem, revisionProblem } from '../../src/hub/repoId';
import { accessibleLabel, describeRepo } from '../../src/lists/treeModel';
import { variantTitle } from '../../src/snippets/plan';
import { dedupeImports, placeAtCursor } from '../../src/snippets/text';
import { parseFromCard } from '../../src/webviews/protocol';
import { HOSTILE_REPOS } from '../hub-server/hostile.mjs';
import { startHubServer, type HubServer } from '../hub-server/server.mjs';

const N = 50_000;
const HUB = 'https://huggingface.co';

/**
 * Runs `fn`, asserts it took less than `budgetMs`, and returns its result and the time it took. Budgets leave room for
 * a loaded machine: the failures they catch are quadratic, seconds long (`/\/+$/` takes 2 s on 50,000 slashes).
 */
function within<T>(what: string, budgetMs: number, fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  const ms = performance.now() - started;
  assert.ok(ms < budgetMs, `${what}: ${ms.toFixed(1)} ms (budget ${budgetMs} ms)`);
  return { value, ms };
}

const figures: string[] = [];
after(() => console.log(`      measured:\n        ${figures.join('\n        ')}`));

describe('malformed repo ids', () => {
  const bad = [
    '', ' ', '/', '//', 'a//b', '/gpt2', 'gpt2/', 'a/b/c', '../etc/passwd', 'owner/..', 'owner/na..me', 'owner/na--me', '-owner/x', 'owner/x-', '.hidden/x',
    'x.git', 'owner/<img src=x onerror=alert(1)>', 'owner/[a](command:x)', 'owner/$(warning)', 'owner/na me', 'owner/na\u202Eme', 'owner/na\u200Bme',
    'owner/na\u0000me', 'owner/na\nme', 'ow​ner/x', 'javascript:alert(1)', 'command:workbench.action.terminal.new', 'a'.repeat(97), `${'a'.repeat(96)}/${'b'.repeat(97)}`,
    'a'.repeat(N), '/'.repeat(N), `${'a/'.repeat(N)}b`, '.'.repeat(N), '-'.repeat(N),
  ];

  it('each gets a clear message from the id check, the "Open Card…" box and the command argument, fast', () => {
    for (const id of bad) {
      const label = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}… (${id.length} chars)` : id);
      const problem = within(`repoIdProblem ${label}`, 100, () => repoIdProblem(id)).value;
      assert.ok(problem && problem.length < 200, `${label}: ${problem}`);
      const typed = within(`parseRepoInput ${label}`, 100, () => parseRepoInput(id)).value;
      assert.equal(typed.ok, false, label);
      assert.ok(!typed.ok && typed.problem.length > 0 && typed.problem.length < 200, label);
      const arg = within(`repoRefFromArgument ${label}`, 100, () => repoRefFromArgument({ type: 'model', id })).value;
      assert.equal(arg?.ok, false, label);
    }
  });

  it('a Hub address with 50,000 slashes is read in linear time', () => {
    for (const input of [`https://huggingface.co/${'/'.repeat(N)}gpt2${'/'.repeat(N)}`, `https://huggingface.co/${'/'.repeat(N)}`, `https://hf.co/a/${'b/'.repeat(N)}`]) {
      const { value, ms } = within('parseRepoInput on a long address', 200, () => parseRepoInput(input));
      figures.push(`"Open Card…" with a ${input.length.toLocaleString('en-US')}-character address: ${ms.toFixed(1)} ms (${value.ok ? 'read' : 'refused'})`);
    }
    assert.deepEqual(parseRepoInput(`https://huggingface.co/${'/'.repeat(N)}gpt2${'/'.repeat(N)}`), { ok: true, ref: { type: 'model', id: 'gpt2' } });
  });

  it('wrong types as the command argument are refused with a message', () => {
    for (const arg of [42, true, [], ['gpt2'], { id: null }, { id: ['gpt2'] }, { repo: 'gpt2' }, { type: 'model', id: { toString: () => 'gpt2' } }, { type: '__proto__', id: 'gpt2' }, { type: 'constructor', id: 'gpt2' }]) {
      const parsed = repoRefFromArgument(arg);
      assert.equal(parsed?.ok, false, JSON.stringify(arg));
    }
    const polluted = JSON.parse('{"__proto__": {"type": "dataset"}, "id": "gpt2"}') as unknown;
    assert.deepEqual(repoRefFromArgument(polluted), { ok: true, ref: { type: 'model', id: 'gpt2' } }, 'a __proto__ key does not choose the type');
    assert.equal(({} as { type?: unknown }).type, undefined, 'nothing was polluted');
  });
});

describe('file paths and revisions', () => {
  it('paths with `..`, `.`, empty segments, backslashes or control characters are refused', () => {
    for (const p of ['..', '../x', 'a/../b', 'a/..', './a', 'a/./b', 'a//b', '/a', 'a/', 'a\\b', '..\\..\\x', 'a\u0000b', 'a\nb', '', `${'../'.repeat(N)}etc/passwd`]) {
      const problem = within(`filePathProblem ${JSON.stringify(p.slice(0, 30))}`, 250, () => filePathProblem(p)).value;
      assert.ok(problem, JSON.stringify(p.slice(0, 40)));
    }
    for (const p of ['README.md', 'a/b/c.json', '.gitattributes', 'a..b/c', '...', 'dir.with.dots/x']) {
      assert.equal(filePathProblem(p), undefined, p);
    }
    for (const rev of ['..', 'main..dev', 'a b', 'a:b', 'a\\b', 'x'.repeat(256), `${'.'.repeat(N)}`]) {
      assert.ok(within('revisionProblem', 250, () => revisionProblem(rev)).value, rev.slice(0, 30));
    }
  });

  it('the client refuses them before any request', async () => {
    const requests: string[] = [];
    const client = new HubClient({ endpoint: 'http://127.0.0.1:9', fetchImpl: ((url: string) => {
      requests.push(url);
      return Promise.reject(new Error('no request expected'));
    }) as typeof fetch } as ConstructorParameters<typeof HubClient>[0]);
    for (const [what, call] of [
      ['a path with ..', () => client.files('model', 'gpt2', { path: '../secrets' })],
      ['a revision with ..', () => client.files('model', 'gpt2', { revision: 'main/../x' })],
      ['a bad repo id', () => client.files('model', '../../etc', {})],
      ['a bad repo id', () => client.repoDetails('model', 'a/b/c')],
    ] as const) {
      await assert.rejects(call(), (e: unknown) => e instanceof HubError && e.kind === 'badRequest' && e.message.length > 0, what);
    }
    assert.deepEqual(requests, []);
  });
});

describe('hostile repos of the embedded Hub', () => {
  let hub: HubServer;
  let client: HubClient;
  before(async () => {
    hub = await startHubServer({ port: 0, hostile: true });
    client = new HubClient({ endpoint: hub.url });
  });
  after(() => hub.close());

  it('a 10,050-file folder is listed in pages and capped at 10,000 entries, saying so', async () => {
    hub.clearRequests();
    const started = performance.now();
    const { entries, truncated } = await client.files('dataset', HOSTILE_REPOS.manyFiles);
    const ms = performance.now() - started;
    const pages = hub.requests.filter((r) => r.path.includes('/tree/')).length;
    figures.push(`10,050-file folder: ${entries.length.toLocaleString('en-US')} entries in ${pages} pages, ${ms.toFixed(0)} ms, truncated=${truncated}`);
    assert.equal(entries.length, 10_000);
    assert.equal(truncated, true);
    assert.ok(pages <= 11, `${pages} pages`);
    assert.ok(ms < 10_000, `${ms} ms`);
  });

  it('file names with `..`, `.` or backslashes are left out of a listing; odd but valid names stay, as text', async () => {
    const { entries } = await client.files('model', HOSTILE_REPOS.files);
    const paths = entries.map((e) => e.path);
    for (const p of paths) {
      assert.equal(filePathProblem(p), undefined, p);
    }
    assert.ok(!paths.includes('..') && !paths.includes('.') && !paths.some((p) => p.includes('\\')), JSON.stringify(paths));
    assert.ok(paths.includes("<img src=x onerror=window.__xss='file-1'>.md"));
    assert.ok(paths.includes('[file-2](command:workbench.action.terminal.new).txt'));
    const nested = await client.files('model', HOSTILE_REPOS.files, { path: 'folder' });
    assert.deepEqual(nested.entries.map((e) => e.path), [], 'folder/.. is not an entry');
  });

  it('a list page with hostile ids keeps only the valid ones', async () => {
    const page = await client.listRepos('model', { search: 'hostile-test', limit: 100 });
    const ids = page.items.map((r) => r.id);
    assert.ok(ids.includes(HOSTILE_REPOS.tags));
    for (const id of ids) {
      assert.equal(repoIdProblem(id), undefined, id);
    }
    for (const bad of HOSTILE_REPOS.invalidIds) {
      assert.ok(!ids.includes(bad), bad);
    }
  });

  it('a model with 10,000 tags: its row, tooltip text and card header are built quickly', async () => {
    const started = performance.now();
    const details = await client.repoDetails('model', HOSTILE_REPOS.manyTags);
    const fetched = performance.now() - started;
    assert.ok(details.tags.length >= 10_000, `${details.tags.length} tags`);
    const header = within('cardHeader with 10,000 tags', 200, () => cardHeader(details, HUB)).value;
    assert.equal(header.tags.length, MAX_TAGS);
    assert.ok(header.moreTags >= 10_000 - MAX_TAGS);
    within('describeRepo and accessibleLabel with 10,000 tags', 100, () => `${describeRepo(details)} ${accessibleLabel(details)}`);
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `org/m${i}`, tags: details.tags }));
    const { ms } = within('a list page of 100 repos with 10,000 tags each', 1_500, () => parseListBody('model', items, 'hub'));
    figures.push(`10,000 tags: details fetched in ${fetched.toFixed(0)} ms; header built, 40 shown, +${header.moreTags.toLocaleString('en-US')} more; 100 such list items parsed in ${ms.toFixed(0)} ms`);
  });
});

describe('large and deeply nested Markdown', () => {
  const md = createCardMarkdown();
  const render = (text: string) => md.render(prepareReadme(text).body);

  it('a 5 MB README is cut to 1 MiB before it is parsed', () => {
    const block = '## Section\n\n| a | b |\n|---|---|\n| 1 | **2** |\n\n' + 'Lorem ipsum dolor sit amet. '.repeat(30) + '\n\n```python\nprint(1)\n```\n\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const cut = within('cutting a 5 MB README', 500, () => prepareReadme(text));
    assert.equal(cut.value.truncated, true);
    assert.ok(Buffer.byteLength(cut.value.body) <= CARD_RENDER_LIMIT_BYTES);
    const rendered = within('rendering the first 1 MiB', 5_000, () => md.render(cut.value.body));
    figures.push(`5 MB README: cut in ${cut.ms.toFixed(0)} ms, the 1 MiB kept rendered in ${rendered.ms.toFixed(0)} ms (markdown-it, as in the webview)`);
  });

  const nested: [string, string][] = [
    ['10,000 nested blockquotes', `${'>'.repeat(10_000)} deep`],
    ['10,000 nested blockquotes, one per line', Array.from({ length: 10_000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n')],
    ['10,000 nested lists', Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['10,000 nested lists on one line', `${'- '.repeat(10_000)}x`],
    ['10,000 nested ordered lists', `${'1. '.repeat(10_000)}x`],
    ['10,000 nested emphasis', `${'*'.repeat(5_000)}a${'*'.repeat(5_000)}`],
    ['10,000 nested links', `${'['.repeat(10_000)}a${'](x)'.repeat(10_000)}`],
    ['10,000 nested HTML elements', `${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`],
  ];
  for (const [name, text] of nested) {
    it(`${name} renders within 1.5 s (markdown-it stops nesting at ${md.options.maxNesting})`, () => {
      const { ms } = within(name, 1_500, () => render(text));
      figures.push(`${name}: ${ms.toFixed(0)} ms`);
    });
  }

  // The `*`-run ReDoS of linkify-it < 5.0.2 (CVE-2026-2327) and its relatives: 50,000-character runs of every
  // character markdown-it, linkify or the math plugin scans for.
  const runs: [string, string][] = [
    ['`*` run', `${'*'.repeat(N)}a`],
    ['`_` run', `${'_'.repeat(N)}a`],
    ['`*a` run', '*a'.repeat(N / 2)],
    ['`a_` run', 'a_'.repeat(N / 2)],
    ['`**a ` run', '**a '.repeat(N / 4)],
    ['`~~a` run', '~~a'.repeat(N / 3)],
    ['linkify `www.` with a `*` run', `www.a${'*'.repeat(N)}.com`],
    ['linkify URL with a `*` run', `https://a.com/${'*'.repeat(N)}`],
    ['linkify `_` run in a URL', `http://a.com/${'_'.repeat(N)}(`],
    ['`` ` `` run', `${'`'.repeat(N)}a`],
    ['`` `a `` run', '`a'.repeat(N / 2)],
    ['`[` run', `${'['.repeat(N)}a`],
    ['`![` run', '!['.repeat(N / 2)],
    ['`[](` run', '[]('.repeat(N / 3)],
    ['`<` run', `${'<'.repeat(N)}a`],
    ['`<a ` run', '<a '.repeat(N / 3)],
    ['`<http://a` run', '<http://a'.repeat(N / 9)],
    ['`<!--` run', '<!--'.repeat(N / 4)],
    ['`&` run', `${'&'.repeat(N)}amp;`],
    ['`$` run', `${'$'.repeat(N)}a`],
    ['`$a` run', '$a'.repeat(N / 2)],
    ['`\\(` run', '\\('.repeat(N / 2)],
    ['`$$` lines', '$$\n'.repeat(N / 3)],
    ['`|` table', `|${'a|'.repeat(2_000)}\n|${'-|'.repeat(2_000)}\n${`|${'b|'.repeat(2_000)}\n`.repeat(10)}`],
    ['reference definitions', `${Array.from({ length: 5_000 }, (_, i) => `[r${i}]: https://a/${i}`).join('\n')}\n${'[r1] '.repeat(5_000)}`],
    ['spaces then a line', `${' '.repeat(N)}\na`],
    ['tabs', `${'\t'.repeat(N)}a`],
    ['setext underline', `a\n${'='.repeat(N)}`],
    ['fences', '```\n'.repeat(N / 4)],
    ['front matter fences', `---\n${'---x\n'.repeat(N / 5)}`],
  ];
  for (const [name, text] of runs) {
    it(`a 50,000-character ${name} renders within 1.5 s`, () => {
      const { ms } = within(name, 1_500, () => render(text));
      figures.push(`${name}: ${ms.toFixed(0)} ms`);
    });
  }
});

describe('every regular expression that reads untrusted text, on pathological input', () => {
  // One row per expression (file: what it reads), with inputs built to make a backtracking engine work hardest.
  const rows: [string, () => unknown][] = [
    ['cards/frontMatter.ts: README front matter, unclosed', () => splitFrontMatter(`---\n${'-- \n'.repeat(N)}`)],
    ['cards/frontMatter.ts: README front matter, long fence lines', () => splitFrontMatter(`---${' '.repeat(N)}\n${'.'.repeat(N)}`)],
    ['cards/truncate.ts: code fences of a long README', () => truncateMarkdown(`${'```'.repeat(N)}\n${'~~~ '.repeat(N)}\n`.repeat(20), 1024)],
    ['cards/anchors.ts: heading slugs', () => slug(`${'-'.repeat(N)}${' '.repeat(N)}${'\u0301'.repeat(N)}`)],
    ['cards/sanitize.ts: URI pattern (href and src)', () => CARD_URI_PATTERN.test(`${'a'.repeat(N)}:`) || CARD_URI_PATTERN.test(`${'a+'.repeat(N)}!`)],
    ['cards/sanitize.ts: class names', () => isAllowedCardClass(`language-${'a'.repeat(N)}`)],
    ['cards/sanitize.ts: width and height', () => isAllowedDimension(`${'1'.repeat(N)}.${'1'.repeat(N)}x`)],
    ['cards/urls.ts: card links', () => resolveCardLink(`${'a:'.repeat(N)}`, { endpoint: HUB, type: 'model', id: 'a/b', revision: 'main' })],
    ['cards/urls.ts: card images', () => resolveCardImage(`https://${'a.'.repeat(N)}huggingface.co/x.png`, { endpoint: HUB, type: 'model', id: 'a/b', revision: 'main' }, 'huggingface')],
    ['cards/markdown.ts: table alignment', () => createCardMarkdown().render(`| a |\n|${':'.repeat(N)}|\n| b |`)],
    ['cards/repoRef.ts: "Open Card…" input', () => parseRepoInput(`https://huggingface.co/datasets/${'/'.repeat(N)}`)],
    ['cards/repoRef.ts: prefixed input', () => parseRepoInput(`datasets/${'datasets/'.repeat(N / 9)}`)],
    ['hub/repoId.ts: repo ids', () => repoIdProblem(`${'-.'.repeat(N)}`)],
    ['hub/repoId.ts: file paths', () => filePathProblem(`${'a/'.repeat(N)}\\`)],
    ['hub/list.ts: Link header of a list page', () => nextLink(`${', <'.repeat(N)}${' '.repeat(N)}`)],
    ['hub/list.ts: Link header rel', () => nextLink(`<https://x>; ${'rel = '.repeat(N)};`)],
    ['hub/http.ts: RateLimit header', () => rateLimitDelayMs(new Headers({ ratelimit: `${'; '.repeat(N)}r=${'1'.repeat(N)}x`, 'retry-after': '9'.repeat(N) }))],
    ['hub/redact.ts: log lines', () => redact(`${'authorization: '.repeat(N / 10)}${' '.repeat(N)}`)],
    ['hub/auth.ts: a pasted token', () => tokenInputProblem(`hf_${'a'.repeat(N)}!`)],
    ['hub/endpoint.ts: endpoint check', () => endpointProblem(`https://${'a.'.repeat(N)}`)],
    ['snippets/text.ts: imports of a Hub snippet', () => dedupeImports(`${'from a import ('.repeat(N / 20)}\n`, `${'import '.repeat(N / 10)}x\nfrom ${'a.'.repeat(N)} import b`)],
    ['snippets/text.ts: indentation at the cursor', () => placeAtCursor('x\ny\n', `${' \t'.repeat(N)}x`)],
    ['webviews/protocol.ts: messages from a page', () => parseFromCard({ type: 'openLink', href: `https://${'a'.repeat(N)}` })],
  ];
  for (const [name, fn] of rows) {
    it(`${name}: within 250 ms`, () => {
      within(name, 250, fn);
    });
  }
});

describe('runs long enough to exhaust a backtracking stack', () => {
  // A counted repeat (`{30,}`) or a repeated group (`(#|//)+`) keeps one backtrack entry per character; on runs of
  // a few million characters V8 throws "Maximum call stack size exceeded" instead of answering. A plain character
  // class repeat (`[a-z]+`) does not, so the expressions over Hub text and input are written that way.
  const RUN = 8 * 1024 * 1024;
  const token = `hf_${'a'.repeat(34)}`;
  it('redact answers on an 8 MB token-shaped run and still hides tokens beside it', () => {
    assert.equal(redact(`hf_${'a'.repeat(RUN)}`), '<TOKEN>');
    assert.equal(redact(`api_org_${'a'.repeat(RUN)}_`), `api_org_${'a'.repeat(RUN)}_`);
    assert.equal(redact(`${token} ${'x'.repeat(RUN)}`), `<TOKEN> ${'x'.repeat(RUN)}`);
  });
  it('a pasted 8 MB token-shaped string gets an answer, not an exception', () => {
    assert.equal(tokenInputProblem(`hf_${'a'.repeat(RUN)}`), undefined);
    assert.equal(tokenInputProblem(`hf_${'a'.repeat(RUN)}!`), 'This does not look like a complete access token.');
  });
  it('a snippet comment of 8 MB of "#" and "//" is no title', () => {
    assert.equal(variantTitle('#'.repeat(RUN), 0), 'Snippet 1');
    assert.equal(variantTitle(`${'//'.repeat(RUN / 2)} Load model`, 1), 'Load model');
    assert.equal(variantTitle('#/# ⚠️ Gated model', 2), '/# ⚠️ Gated model');
  });
});
