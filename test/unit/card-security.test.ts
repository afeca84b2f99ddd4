import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardHeader, MAX_TAGS, snippetKinds } from '../../src/cards/header';
import { createCardMarkdown } from '../../src/cards/markdown';
import { prepareReadme } from '../../src/cards/prepare';
import { isOpenableCardLink } from '../../src/cards/links';
import { parseRepoInput, repoRefFromArgument } from '../../src/cards/repoRef';
import { CARD_ALLOWED_ATTRIBUTES, CARD_ALLOWED_TAGS, CARD_URI_PATTERN, isAllowedCardClass, isAllowedDimension } from '../../src/cards/sanitize';
import { imageCspSources, isImageAllowed, resolveCardImage, resolveCardLink, type CardLocation, type LinkTarget } from '../../src/cards/urls';
import { escapeIcons, notificationText, withoutBidiControls } from '../../src/hub/format';
import { parseListBody } from '../../src/hub/list';
import type { RepoDetails } from '../../src/hub/types';
import { contentSecurityPolicy } from '../../src/webviews/html';
import { CARD_ACTIONS, parseCardState, parseFromCard } from '../../src/webviews/protocol';
import { HOSTILE_REPOS, hostilePlans, MARKDOWN_CATEGORIES, readVectors } from '../hub-server/hostile.mjs';

/** A link target without the parsed URL it carries for the link policy, to compare with plain objects. */
const linkTarget = (target: LinkTarget) => (target.kind === 'external' ? { kind: target.kind, url: target.url } : target);

const HUB = 'https://huggingface.co';
const model: CardLocation = { endpoint: HUB, type: 'model', id: 'org/model', revision: 'abc123' };
const dataset: CardLocation = { endpoint: HUB, type: 'dataset', id: 'squad', revision: 'main' };
const local: CardLocation = { endpoint: 'http://127.0.0.1:5555', type: 'model', id: 'org/model', revision: 'abc123' };

describe('card links', () => {
  it('resolves relative links against the repo’s files at the card’s revision', () => {
    assert.deepEqual(linkTarget(resolveCardLink('LICENSE', model)), { kind: 'external', url: `${HUB}/org/model/blob/abc123/LICENSE` });
    assert.deepEqual(linkTarget(resolveCardLink('./docs/usage.md#setup', model)), { kind: 'external', url: `${HUB}/org/model/blob/abc123/docs/usage.md#setup` });
    assert.deepEqual(linkTarget(resolveCardLink('data/train.csv', dataset)), { kind: 'external', url: `${HUB}/datasets/squad/blob/main/data/train.csv` });
    assert.deepEqual(linkTarget(resolveCardLink('/datasets/glue', model)), { kind: 'external', url: `${HUB}/datasets/glue` });
    assert.deepEqual(linkTarget(resolveCardLink('//example.com/x', model)), { kind: 'external', url: 'https://example.com/x' });
  });

  it('keeps fragments in the page', () => {
    assert.deepEqual(resolveCardLink('#model-details', model), { kind: 'anchor', fragment: 'model-details' });
    assert.deepEqual(resolveCardLink('#%E6%A8%A1%E5%9E%8B', model), { kind: 'anchor', fragment: '模型' });
  });

  it('keeps http, https and mailto links', () => {
    for (const href of ['https://arxiv.org/abs/1810.04805', 'http://example.com/', 'mailto:someone@example.com']) {
      assert.deepEqual(linkTarget(resolveCardLink(href, model)), { kind: 'external', url: href });
    }
  });

  // One row per scheme, in the spellings that reach the DOM (entities are decoded by then).
  const blocked = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/png;base64,iVBORw0KGgo=',
    'file:///etc/passwd',
    'FILE:///C:/Windows/win.ini',
    'command:workbench.action.terminal.new',
    'command:_workbench.downloadResource?%5B%22x%22%5D',
    'vscode://vscode.git/clone?url=https://evil.example/x.git',
    'vscode-insiders://vscode.git/clone?url=x',
    'vscode-webview-resource://x/etc/passwd',
    'ftp://example.com/x',
    'blob:https://huggingface.co/1234',
    'https://user:pass@huggingface.co/',
  ];
  for (const href of blocked) {
    it(`blocks ${JSON.stringify(href)}`, () => {
      assert.equal(resolveCardLink(href, model).kind, 'blocked');
    });
  }
});

describe('the host’s own link check', () => {
  it('opens http, https and mailto', () => {
    for (const href of ['https://huggingface.co/gpt2', 'http://example.com/a?b=c#d', 'mailto:a@b.c']) {
      assert.equal(isOpenableCardLink(href), true, href);
    }
  });

  it('refuses everything else, and anything that needs repairing', () => {
    for (const href of [...['javascript:alert(1)', 'command:workbench.action.terminal.new', 'vscode://file/etc/passwd', 'vscode-insiders://x', 'file:///etc/passwd', 'data:text/html,x', 'blob:x'],
      ' https://huggingface.co', 'https://huggingface.co\n', 'java\tscript:alert(1)', 'https://a:b@huggingface.co', 'https://', 'relative/path', '#frag', '', 'x'.repeat(3000), 42, null, undefined, {}]) {
      assert.equal(isOpenableCardLink(href), false, JSON.stringify(href));
    }
  });
});

describe('card images', () => {
  it('resolves relative images to raw files at the revision', () => {
    assert.deepEqual(resolveCardImage('assets/diagram.png', model, 'huggingface'), { kind: 'image', url: `${HUB}/org/model/resolve/abc123/assets/diagram.png` });
    assert.deepEqual(resolveCardImage('/front/assets/logo.svg', model, 'huggingface'), { kind: 'image', url: `${HUB}/front/assets/logo.svg` });
    assert.deepEqual(resolveCardImage('img.png', local, 'huggingface'), { kind: 'image', url: 'http://127.0.0.1:5555/org/model/resolve/abc123/img.png' });
  });

  it('loads only Hugging Face hosts by default', () => {
    for (const src of ['https://cdn-uploads.huggingface.co/x.png', 'https://huggingface.co/x.png', 'https://cdn-lfs-us-1.hf.co/x', 'https://hf.co/x.png']) {
      assert.equal(resolveCardImage(src, model, 'huggingface').kind, 'image', src);
    }
    for (const src of ['https://camo.githubusercontent.com/x', 'https://huggingface.co.evil.com/x.png', 'https://evilhuggingface.co/x', 'http://huggingface.co/x.png', 'https://huggingface.co:8443/x.png', 'http://127.0.0.1:9999/pixel.gif', 'data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)']) {
      assert.equal(resolveCardImage(src, model, 'huggingface').kind, 'blocked', src);
    }
  });

  it('loads any https image with "all", and none with "none"', () => {
    assert.equal(resolveCardImage('https://camo.githubusercontent.com/x', model, 'all').kind, 'image');
    assert.equal(resolveCardImage('http://example.com/x.png', model, 'all').kind, 'blocked', 'never http:');
    assert.equal(resolveCardImage('https://huggingface.co/x.png', model, 'none').kind, 'blocked');
    assert.equal(resolveCardImage('x.png', model, 'none').kind, 'blocked');
  });

  it('gives the CSP the same hosts, never plain http:', () => {
    assert.deepEqual(imageCspSources('huggingface', HUB), [HUB, 'https://*.huggingface.co', 'https://hf.co', 'https://*.hf.co']);
    assert.deepEqual(imageCspSources('huggingface', 'http://127.0.0.1:5555'), ['http://127.0.0.1:5555', HUB, 'https://*.huggingface.co', 'https://hf.co', 'https://*.hf.co']);
    assert.deepEqual(imageCspSources('all', HUB), [HUB, 'https:']);
    assert.deepEqual(imageCspSources('none', HUB), []);
    for (const policy of ['huggingface', 'all', 'none'] as const) {
      assert.ok(!imageCspSources(policy, HUB).includes('http:'));
    }
    assert.equal(isImageAllowed('https://cdn-uploads.huggingface.co/a.png', 'huggingface', HUB), true);
  });
});

describe('card sanitiser allowlists', () => {
  it('allow no active, framing, form, style or foreign-content elements', () => {
    for (const tag of ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'meta', 'base', 'link', 'template', 'video', 'audio', 'source', 'picture', 'noscript', 'dialog']) {
      assert.ok(!CARD_ALLOWED_TAGS.includes(tag), tag);
    }
  });

  it('allow no handler, style, target, srcset, tabindex or data attributes', () => {
    for (const attribute of CARD_ALLOWED_ATTRIBUTES) {
      assert.doesNotMatch(attribute, /^(on|data-|style$|target$|srcset$|tabindex$|formaction$|xlink)/, attribute);
    }
  });

  it('let only http, https, mailto, fragments and relative URLs reach the hooks', () => {
    for (const url of ['https://x', 'http://x', 'mailto:a@b', '#a', 'a/b.png', './a', '/a', '?q']) {
      assert.match(url, CARD_URI_PATTERN, url);
    }
    for (const url of ['javascript:x', 'command:x', 'vscode:x', 'file:x', 'data:x', 'vbscript:x', 'blob:x']) {
      assert.doesNotMatch(url, CARD_URI_PATTERN, url);
    }
  });

  it('keep code-language and math classes only, and plain sizes', () => {
    assert.ok(isAllowedCardClass('language-python') && isAllowedCardClass('math-inline'));
    assert.ok(!isAllowedCardClass('status') && !isAllowedCardClass('card-header') && !isAllowedCardClass('note'));
    assert.ok(isAllowedDimension('200') && isAllowedDimension('50%') && isAllowedDimension('120px'));
    assert.ok(!isAllowedDimension('expression(alert(1))') && !isAllowedDimension('100vh'));
  });
});

describe('card CSP', () => {
  const csp = contentSecurityPolicy({ cspSource: 'https://x.vscode-cdn.net', nonce: 'N0nce', imgSources: imageCspSources('huggingface', HUB), trustedTypes: ['fast-html', 'dompurify'] });
  const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

  it('has the directive set of security-reliability.md W2', () => {
    assert.deepEqual(directives, {
      'default-src': "'none'",
      'script-src': "'nonce-N0nce'",
      'style-src': 'https://x.vscode-cdn.net',
      'img-src': `https://x.vscode-cdn.net ${HUB} https://*.huggingface.co https://hf.co https://*.hf.co`,
      'font-src': 'https://x.vscode-cdn.net',
      'media-src': "'none'",
      'connect-src': "'none'",
      'frame-src': "'none'",
      'worker-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'require-trusted-types-for': "'script'",
      'trusted-types': 'fast-html dompurify',
    });
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\bhttp:(?!\/\/)/);
  });
});

describe('card messages', () => {
  it('accepts exactly the card protocol', () => {
    assert.deepEqual(parseFromCard({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromCard({ type: 'rendered', ms: 12.5 }), { type: 'rendered', ms: 12.5 });
    assert.deepEqual(parseFromCard({ type: 'openLink', href: 'https://huggingface.co' }), { type: 'openLink', href: 'https://huggingface.co' });
    for (const action of CARD_ACTIONS) {
      assert.deepEqual(parseFromCard({ type: 'action', action }), { type: 'action', action });
    }
  });

  it('drops everything else', () => {
    const bad: unknown[] = [
      undefined, null, 'ready', 42, [], [{ type: 'ready' }],
      { type: 'ready', extra: 1 },
      { command: 'workbench.action.terminal.new' },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'action', action: 'workbench.action.terminal.new' },
      { type: 'action', action: 'copyId', args: ['x'] },
      { type: 'action', action: { toString: () => 'copyId' } },
      { type: 'openLink' },
      { type: 'openLink', href: 42 },
      { type: 'openLink', href: '' },
      { type: 'openLink', href: `https://x/${'a'.repeat(3000)}` },
      { type: 'rendered', ms: -1 },
      { type: 'rendered', ms: Infinity },
      { type: 'insertSnippet', snippetId: 'x' },
      { type: '__proto__' },
    ];
    for (const message of bad) {
      assert.equal(parseFromCard(message), undefined, JSON.stringify(message));
    }
  });

  it('restores only {type, id} from webview state', () => {
    assert.deepEqual(parseCardState({ type: 'dataset', id: 'squad', token: 'x' }), { type: 'dataset', id: 'squad' });
    for (const state of [undefined, null, 'model', { type: 'repo', id: 'x' }, { type: 'model' }, { type: 'model', id: 'x'.repeat(300) }]) {
      assert.equal(parseCardState(state), undefined);
    }
  });
});

describe('"Open Card…" input and arguments', () => {
  it('reads ids, prefixed ids and Hub addresses', () => {
    const cases: [string, { type: string; id: string }][] = [
      ['openai-community/gpt2', { type: 'model', id: 'openai-community/gpt2' }],
      ['  gpt2 ', { type: 'model', id: 'gpt2' }],
      ['datasets/squad', { type: 'dataset', id: 'squad' }],
      ['datasets/nyu-mll/glue', { type: 'dataset', id: 'nyu-mll/glue' }],
      ['spaces/owner/demo', { type: 'space', id: 'owner/demo' }],
      ['https://huggingface.co/google-bert/bert-base-uncased', { type: 'model', id: 'google-bert/bert-base-uncased' }],
      ['https://huggingface.co/datasets/squad/tree/main', { type: 'dataset', id: 'squad' }],
      ['https://hf.co/owner/model/blob/main/README.md', { type: 'model', id: 'owner/model' }],
      ['https://huggingface.co/gpt2/tree/main', { type: 'model', id: 'gpt2' }],
      ['http://127.0.0.1:5555/spaces/a/b', { type: 'space', id: 'a/b' }],
    ];
    for (const [input, ref] of cases) {
      assert.deepEqual(parseRepoInput(input, 'http://127.0.0.1:5555'), { ok: true, ref }, input);
    }
  });

  it('explains what is wrong with other input', () => {
    for (const input of ['', 'a/b/c', 'bad id!', 'owner/na..me', '../etc/passwd', 'https://evil.example/owner/model', 'javascript:alert(1)', 'command:x']) {
      const parsed = parseRepoInput(input);
      assert.equal(parsed.ok, false, input);
      assert.ok(!parsed.ok && parsed.problem.length > 0);
    }
  });

  it('takes {type, id}, a tree row or a model id as the command argument', () => {
    assert.equal(repoRefFromArgument(undefined), undefined);
    assert.deepEqual(repoRefFromArgument({ type: 'dataset', id: 'squad' }), { ok: true, ref: { type: 'dataset', id: 'squad' } });
    assert.deepEqual(repoRefFromArgument({ repo: { type: 'space', id: 'a/b', likes: 3 } }), { ok: true, ref: { type: 'space', id: 'a/b' } });
    assert.deepEqual(repoRefFromArgument('gpt2'), { ok: true, ref: { type: 'model', id: 'gpt2' } });
    for (const arg of [{ type: 'model', id: 'bad id' }, { type: 'repo', id: 'gpt2' }, { id: 42 }, 'a/b/c', 7]) {
      assert.equal(repoRefFromArgument(arg)?.ok, false, JSON.stringify(arg));
    }
  });
});

describe('card header', () => {
  const details: RepoDetails = {
    type: 'model',
    id: 'org/model',
    author: 'org',
    private: false,
    gated: 'manual',
    downloads: 1234,
    likes: 5,
    tags: ['transformers', 'text-classification', 'license:mit', 'region:us', 'en', ...Array.from({ length: 50 }, (_, i) => `tag-${i}`)],
    lastModified: new Date('2024-05-01T00:00:00Z'),
    task: 'text-classification',
    library: 'transformers',
    license: 'mit',
    files: [],
  };

  it('takes its fields from the details and drops tags it already shows', () => {
    const header = cardHeader(details, HUB);
    assert.equal(header.pageUrl, `${HUB}/org/model`);
    assert.equal(header.lastModified, '2024-05-01T00:00:00.000Z');
    assert.equal(header.gated, 'manual');
    assert.deepEqual(header.tags.slice(0, 2), ['en', 'tag-0']);
    assert.equal(header.tags.length, MAX_TAGS);
    assert.equal(header.moreTags, 51 - MAX_TAGS);
    assert.deepEqual(header.snippets, ['transformers']);
  });

  it('offers a snippet only for models of the libraries that have one', () => {
    assert.deepEqual(snippetKinds({ type: 'model', library: 'diffusers' }), ['diffusers']);
    assert.deepEqual(snippetKinds({ type: 'model', library: 'gguf' }), []);
    assert.deepEqual(snippetKinds({ type: 'dataset', library: 'transformers' }), []);
  });
});

describe('the XSS corpus (test/fixtures/xss/vectors.txt)', () => {
  const vectors = readVectors();
  const all = [...vectors.values()].flat();

  it('has over 100 vectors, one per line, in every category the security requirements name', () => {
    const counts = Object.fromEntries([...vectors].map(([category, list]) => [category, list.length]));
    assert.deepEqual(Object.keys(counts).sort(), [...MARKDOWN_CATEGORIES, 'front-matter', 'repo-ids', 'tags', 'file-names', 'listing'].sort());
    for (const [category, count] of Object.entries(counts)) {
      assert.ok(count >= 6, `${category}: ${count} vectors`);
    }
    assert.ok(all.length >= 100, `${all.length} vectors`);
    assert.equal(new Set(all).size, all.length, 'no vector twice');
    console.log(`      XSS corpus: ${all.length} vectors (${Object.entries(counts).map(([c, n]) => `${c} ${n}`).join(', ')})`);
  });

  it('names every front-matter field a card shows or the Hub derives tags from', () => {
    const fields = new Set((vectors.get('front-matter') ?? []).map((line) => line.slice(0, line.indexOf(':'))));
    for (const field of ['license', 'tags', 'base_model', 'datasets', 'pipeline_tag', 'widget', 'model-index', 'language', 'library_name']) {
      assert.ok(fields.has(field), field);
    }
  });

  it('is served whole by the hostile repos of the embedded Hub', () => {
    const served = hostilePlans().map((plan) => JSON.stringify([plan.id, plan.body(), plan.cardData, plan.siblings, plan.override])).join('\n');
    for (const [category, list] of vectors) {
      for (const vector of list) {
        const value = category === 'front-matter' || category === 'listing' ? vector.slice(vector.indexOf(':') + 1).trim().replace(/^"|"$/g, '') : vector;
        assert.ok(served.includes(JSON.stringify(value).slice(1, -1)), `${category}: ${vector}`);
      }
    }
  });

  it('leaves no link from Markdown syntax that the host would open, except http, https and mailto', () => {
    const md = createCardMarkdown();
    const location: CardLocation = { endpoint: HUB, type: 'model', id: HOSTILE_REPOS.cards.schemes, revision: 'abc123' };
    let links = 0;
    for (const category of MARKDOWN_CATEGORIES) {
      for (const vector of vectors.get(category) ?? []) {
        const inline = md.parse(vector, {}).flatMap((token) => token.children ?? []);
        for (const token of inline.filter((t) => t.type === 'link_open' || t.type === 'image')) {
          const url = String(token.attrGet(token.type === 'image' ? 'src' : 'href') ?? '');
          links++;
          const target = token.type === 'image' ? resolveCardImage(url, location, 'huggingface') : resolveCardLink(url, location);
          if (target.kind === 'external') {
            assert.match(target.url, /^(https?:\/\/|mailto:)/, `${category}: ${vector}`);
          }
          if (target.kind === 'image') {
            assert.ok(isImageAllowed(target.url, 'huggingface', HUB), `${category}: an outside image loads: ${vector}`);
          }
          if (/^\s*(javascript|vbscript|command|vscode|vscode-insiders|file|data|blob):/i.test(decodeURIComponent(url))) {
            assert.equal(target.kind, 'blocked', `${category}: ${vector} → ${url}`);
          }
        }
      }
    }
    assert.ok(links >= 8, `${links} Markdown links and images checked (markdown-it itself turns javascript:, vbscript:, file: and data: links into text)`);
  });

  it('keeps the front matter out of the rendered text of every hostile card', () => {
    for (const plan of hostilePlans().filter((p) => HOSTILE_REPOS.frontMatter.includes(p.id))) {
      const readme = `---\nlicense: ${JSON.stringify(plan.cardData.license ?? 'mit')}\ntags:\n- x\n---\n${plan.body()}`;
      const prepared = prepareReadme(readme);
      assert.equal(prepared.hadFrontMatter, true);
      assert.doesNotMatch(prepared.body, /^license:/m);
    }
  });

  it('lists only valid repo ids: hostile ids never become tree rows or quick pick labels', () => {
    const body = hostilePlans().filter((p) => p.type === 'model').map((p) => ({ id: p.id, tags: ['x'] }));
    const ids = parseListBody('model', body, 'hub').map((r) => r.id);
    for (const bad of HOSTILE_REPOS.invalidIds) {
      assert.ok(!ids.includes(bad), bad);
    }
    assert.ok(ids.includes(HOSTILE_REPOS.tags) && ids.includes(HOSTILE_REPOS.files));
    assert.throws(() => parseListBody('model', HOSTILE_REPOS.invalidIds.map((id) => ({ id })), 'hub'), /unexpected shape/);
  });

  it('cannot form a notification link or a quick pick icon from any vector', () => {
    for (const vector of all) {
      assert.doesNotMatch(notificationText(`Could not open ${vector}`), /\[[^\]]+\]\((?:https?:\/\/|command:|file:)/i, vector);
      assert.doesNotMatch(escapeIcons(vector), /(?<!\\)\$\(/, vector);
    }
    assert.equal(notificationText('[Retry](command:workbench.action.terminal.new)'), '[Retry] (command:workbench.action.terminal.new)');
    assert.equal(escapeIcons('$(verified) official'), '\\$(verified) official');
  });

  it('cannot reorder a row, tooltip or card header with a bidi control', () => {
    const bidi = /[\u202A-\u202E\u2066-\u2069]/;
    assert.ok(all.some((v) => bidi.test(v)), 'the corpus has bidi controls');
    for (const vector of all) {
      assert.doesNotMatch(withoutBidiControls(vector), bidi, vector);
    }
    assert.equal(withoutBidiControls('report\u202Efdp.exe'), 'reportfdp.exe');
    const header = cardHeader({ type: 'model', id: 'a/b', private: false, gated: false, likes: 0, tags: ['tag\u202Egnp.exe'], license: 'mit\u2067x', author: 'a\u202Db', files: [] }, HUB);
    assert.deepEqual([header.tags, header.license, header.author], [['taggnp.exe'], 'mitx', 'ab']);
  });
});
