import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SlugCounter, slug } from '../../src/cards/anchors';
import { splitFrontMatter } from '../../src/cards/frontMatter';
import { createCardMarkdown, renderReadme } from '../../src/cards/markdown';
import { prepareReadme } from '../../src/cards/prepare';
import { CARD_RENDER_LIMIT_BYTES, truncateMarkdown, utf8Prefix } from '../../src/cards/truncate';
import { readmes } from './fixture-cards';
import { assertLinear, repeatTo } from './linear';

const md = createCardMarkdown();
const render = (text: string) => md.render(text);
const card = (path: string) => readFileSync(new URL(`../fixtures/generated-cards/${path}/README.md`, import.meta.url), 'utf8');

describe('card front matter', () => {
  it('splits YAML front matter from the body', () => {
    assert.deepEqual(splitFrontMatter('---\nlicense: mit\ntags:\n- a\n---\n# Title\n'), { yaml: 'license: mit\ntags:\n- a\n', body: '# Title\n' });
  });

  it('accepts CRLF and a BOM; like the Hub, no space after the fence and no `...` closer', () => {
    assert.deepEqual(splitFrontMatter('\uFEFF---\r\nx: 1\r\n---\r\nbody'), { yaml: 'x: 1\r\n', body: 'body' });
    assert.deepEqual(splitFrontMatter('\uFEFF---  \r\nx: 1\r\n---\r\nbody'), { body: '\uFEFF---  \r\nx: 1\r\n---\r\nbody' });
    assert.deepEqual(splitFrontMatter('---\r\nx: 1\r\n...\r\nbody'), { body: '---\r\nx: 1\r\n...\r\nbody' });
  });

  it('keeps text without front matter, or with an unclosed block, as it is', () => {
    assert.deepEqual(splitFrontMatter('# Title\n---\nx\n---\n'), { body: '# Title\n---\nx\n---\n' });
    assert.deepEqual(splitFrontMatter('---\nx: 1\nno closer'), { body: '---\nx: 1\nno closer' });
    assert.deepEqual(splitFrontMatter('----\nx\n---\n'), { body: '----\nx\n---\n' });
  });

  it('ends at the first closing line, so the body can use `---` rules', () => {
    assert.deepEqual(splitFrontMatter('---\na: 1\n---\ntext\n\n---\n\nmore'), { yaml: 'a: 1\n', body: 'text\n\n---\n\nmore' });
  });

  it('does not render the front matter of a real card', () => {
    const text = card('models/google-bert/bert-base-cased');
    const prepared = prepareReadme(text);
    assert.equal(prepared.hadFrontMatter, true);
    assert.ok(!prepared.body.includes('license: apache-2.0'));
    assert.ok(!render(prepared.body).includes('datasets:'));
  });

  it('splits an unclosed header in linear time', () => {
    assertLinear('splitFrontMatter on an unclosed header', (text) => splitFrontMatter(text), (bytes) => '---\n' + repeatTo('k: v\n', bytes - 4));
  });
});

describe('card truncation', () => {
  it('leaves a card under the limit alone', () => {
    assert.deepEqual(truncateMarkdown('# Small\n', 1000), { text: '# Small\n', truncated: false });
  });

  it('counts UTF-8 bytes, never splitting a character', () => {
    assert.equal(utf8Prefix('aé€😀', 1), 1);
    assert.equal(utf8Prefix('aé€😀', 3), 2);
    assert.equal(utf8Prefix('aé€😀', 5), 2);
    assert.equal(utf8Prefix('aé€😀', 6), 3);
    assert.equal(utf8Prefix('aé€😀', 9), 3, 'a surrogate pair is four bytes, kept whole');
    assert.equal(utf8Prefix('aé€😀', 10), 5);
  });

  it('cuts at the end of a line, within the byte limit', () => {
    const text = 'line one\nline two\nline three\n';
    const cut = truncateMarkdown(text, 20);
    assert.deepEqual(cut, { text: 'line one\nline two\n', truncated: true });
    const japanese = '日本語の文章です。\n'.repeat(1000);
    const jcut = truncateMarkdown(japanese, 1000);
    assert.ok(Buffer.byteLength(jcut.text) <= 1000);
    assert.ok(jcut.text.endsWith('です。\n'));
  });

  it('closes a code fence the cut leaves open, with the opener’s own fence', () => {
    const text = 'intro\n\n````python\nprint(1)\n```\nstill code\n````\nafter\n'.repeat(3);
    const cut = truncateMarkdown(text, 40);
    assert.ok(cut.truncated);
    assert.ok(cut.text.endsWith('````\n'), JSON.stringify(cut.text));
    assert.ok(!render(cut.text).includes('<p>after'), 'nothing after the cut');
    const tilde = truncateMarkdown('~~~\ncode\ncode\ncode\n', 10);
    assert.equal(tilde.text, '~~~\ncode\n~~~\n');
  });

  it('drops the partial last line of a text the host stopped reading', () => {
    assert.deepEqual(truncateMarkdown('complete\nparti', 1000, true), { text: 'complete\n', truncated: true });
  });

  it('cuts a 5 MB README to the render limit', () => {
    const big = `---\nlicense: mit\n---\n${'| a | b |\n|---|---|\n| 1 | 2 |\n\n'.repeat(200_000)}`;
    const prepared = prepareReadme(big);
    assert.equal(prepared.truncated, true);
    assert.ok(Buffer.byteLength(prepared.body) <= CARD_RENDER_LIMIT_BYTES);
  });
});

describe('card Markdown', () => {
  it('renders GitHub tables, with alignment as an attribute the sanitiser keeps', () => {
    const html = render('| left | right | centre |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n');
    assert.match(html, /<th align="left">left<\/th>/);
    assert.match(html, /<td align="right">2<\/td>/);
    assert.match(html, /<td align="center">3<\/td>/);
    assert.ok(!html.includes('style='));
  });

  it('renders fenced code with its language class, strikethrough and bare URLs', () => {
    assert.match(render('```python\nx = 1\n```'), /<pre><code class="language-python">x = 1\n<\/code><\/pre>/);
    assert.match(render('~~gone~~'), /<s>gone<\/s>/);
    assert.match(render('see https://huggingface.co/docs'), /<a href="https:\/\/huggingface.co\/docs">/);
  });

  it('asks linkify-it about a text only when it has a character every link has', () => {
    const linkify = md.linkify;
    const publishedTest = (Object.getPrototypeOf(linkify) as typeof linkify).test;
    const original = (text: string) => publishedTest.call(linkify, text);
    // Random texts of everything but `.`, `:`, `/` and `@`: words that look like hosts, schemes and addresses, full-width
    // and ideographic stops and colons, IPv4-like digits, brackets, controls and astral characters.
    const pieces = ['www', 'localhost', 'http', 'https', 'mailto', 'ftp', 'xn--80ak6aa92e', 'com', 'org', 'co', 'uk', '127', '0', '1',
      'example', 'user', ' ', '\t', '\n', '-', '_', '~', '#', '?', '&', '=', '%', '(', ')', '[', ']', '<', '>', '|', '＠', '．', '。', '：', '／', '\u00a0', '😀', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      assert.equal(original(text), false, JSON.stringify(text));
      assert.equal(linkify.test(text), false);
    }
    for (const text of ['see http://a.b', 'HTTPS://HF.CO', 'ftp://a.org', 'me@host.org', 'mailto:me@host.org']) {
      assert.equal(linkify.test(text), original(text), text);
      assert.equal(linkify.test(text), true, text);
    }
    const asPublished = createCardMarkdown();
    asPublished.linkify.test = (text: string) => publishedTest.call(asPublished.linkify, text);
    for (const [name, body] of readmes('generated-cards')) {
      assert.equal(md.render(body), asPublished.render(body), name);
    }
  });

  it('keeps inline and display math as TeX in code, in every delimiter the Hub accepts', () => {
    const inline = render('Loss $L = -\\sum_i y_i \\log p_i$ and \\(a_1 * b_2\\) and \\\\(\\beta_{1} = 0.9\\\\).');
    assert.match(inline, /<code class="math math-inline" title="Math \(TeX\)">L = -\\sum_i y_i \\log p_i<\/code>/);
    assert.match(inline, /<code class="math math-inline"[^>]*>a_1 \* b_2<\/code>/, 'no emphasis inside math');
    assert.match(inline, /<code class="math math-inline"[^>]*>\\beta_\{1\} = 0.9<\/code>/);
    const display = render('$$\n\\frac{a}{b}\n$$\n\n\\[\nx^2\n\\]\n\ntext $$e^x$$ text');
    assert.match(display, /<pre class="math math-display"[^>]*><code>\\frac\{a\}\{b\}<\/code><\/pre>/);
    assert.match(display, /<pre class="math math-display"[^>]*><code>x\^2<\/code><\/pre>/);
    assert.match(display, /<code class="math math-display"[^>]*>e\^x<\/code>/);
  });

  it('escapes HTML inside math', () => {
    assert.match(render('$a<b$ and $$<script>$$'), /a&lt;b<\/code>.*&lt;script&gt;<\/code>/s);
  });

  it('leaves dollar amounts and escaped dollars as text', () => {
    assert.equal(render('It costs $5 and $10.'), '<p>It costs $5 and $10.</p>');
    assert.equal(render('Price: $ 20 $'), '<p>Price: $ 20 $</p>');
    assert.equal(render('\\$x\\$'), '<p>$x$</p>');
    assert.equal(render('`$x$` code'), '<p><code>$x$</code> code</p>');
  });

  it('renders the math of a real card, and leaves math in code blocks alone', () => {
    assert.match(renderReadme(md, card('models/google-bert/bert-base-cased')).html, /<code class="math math-inline"[^>]*>\\beta_\{1\} = 0.9<\/code>/);
    const html = renderReadme(md, card('datasets/competition_math')).html;
    assert.ok(html.includes('labeled $A$, $B$'), 'the dataset example is a code block');
  });

  it('renders non-Latin cards', () => {
    const html = renderReadme(md, card('datasets/bsd_ja_en')).html;
    assert.match(html, /[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('does not make javascript:, vbscript:, file: or data:text links (markdown-it validateLink)', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'file:///etc/passwd', 'data:text/html;base64,PHNjcmlwdD4=']) {
      const html = render(`[x](${href})`);
      assert.ok(!/<a /.test(html), `${href} → ${html}`);
    }
  });

  it('passes raw HTML through to the sanitiser, which the webview always runs', () => {
    // markdown-it is configured with html:true; W3 (DOMPurify in the webview) removes what follows.
    assert.match(render('<img src=x onerror=alert(1)>'), /onerror/);
  });

  it('grows linearly on pathological input', () => {
    // Emphasis runs, unclosed math, nested quotes and lists, unclosed link openers: each timed from 256 KB to 2 MB.
    for (const pattern of ['*', '$', '$a ', '\\(', '> ', '- ', '[](']) {
      assertLinear(`card Markdown on ${JSON.stringify(pattern)}…`, (text) => render(text + 'a'), pattern);
    }
    assertLinear('unclosed display math', (text) => render(text), (bytes) => '$$\n' + repeatTo('x\n', bytes - 3));
  });

  it('renders a long real card', () => {
    const html = renderReadme(md, card('datasets/oscar')).html;
    assert.ok(html.length > 100_000);
    assert.match(html, /<table>/);
  });
});

describe('card heading anchors', () => {
  it('makes GitHub-style slugs', () => {
    assert.equal(slug('Model Details'), 'model-details');
    assert.equal(slug('How to use: `pipeline()`!'), 'how-to-use-pipeline');
    assert.equal(slug('Überblick & Nutzung'), 'überblick--nutzung');
    assert.equal(slug('模型介绍'), '模型介绍');
  });

  it('numbers repeated headings', () => {
    const slugs = new SlugCounter();
    assert.deepEqual(['Usage', 'Usage', 'Usage'].map((t) => slugs.next(t)), ['usage', 'usage-1', 'usage-2']);
  });
});
