import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

/**
 * Budgets for what activation loads (README, "Figures"). The extension bundle holds only our own code: the Hugging Face
 * libraries and the webview toolkit live in chunks loaded on first use.
 */
const EXTENSION_BUDGET_BYTES = 80 * 1024;
const WEBVIEW_BUDGET_BYTES = 200 * 1024;
/**
 * A card page loads two bundles: the toolkit's components (shared, toolkit.js) and the card script with markdown-it and
 * DOMPurify (card.js). Together they are over one bundle's budget (markdown-it with its entity table and linkify about
 * 100 KB, DOMPurify 30 KB, the toolkit 77 KB with only its button), so the page has a budget of its own: 242 KB
 * with the chunker's cuts inside tables and lists (webview/chunks.ts, 2.4 KB) that keep a long card's tasks short.
 */
const CARD_PAGE_BUDGET_BYTES = 248 * 1024;
/**
 * KaTeX (the Hub's math renderer) is a chunk a card page loads only when its README has math: 262 KB minified, over
 * one bundle's budget, so it has its own; its stylesheet and 20 woff2 fonts come to about 290 KB.
 */
const MATH_BUDGET_BYTES = 280 * 1024;
const MATH_ASSETS_BUDGET_BYTES = 340 * 1024;

/**
 * Compressed budgets (gzip at its default level, about what the .vsix's deflate and a webview's load cost): a bundle can
 * grow in ways its minified size hides (repetitive tables, inlined data) or shows out of proportion, so both are held.
 */
const GZIP_BUDGETS: Record<string, number> = {
  // The 80 KB minified budget at the bundle's ~2.9:1 compression, rounded up: our own code only, read at every activation.
  'extension.js': 28 * 1024,
  // markdown-it (with its entity table and linkify), DOMPurify and the card script compress to ~58 KB; room for one more small library.
  'webview/card.js': 70 * 1024,
  // The toolkit's components compress to ~22 KB; the same per-bundle ceiling as card.js, so no page script may outgrow it.
  'webview/toolkit.js': 70 * 1024,
  // The overview page with the toolkit's components inlined, ~22 KB; same per-bundle ceiling.
  'webview/overview.js': 70 * 1024,
  // The dataset viewer page: our own code only (no library), ~5 KB; a tenth of the ceiling.
  'webview/viewer.js': 16 * 1024,
  // KaTeX, loaded only by a card with math: ~76 KB compressed, its own budget.
  'webview/math.js': 80 * 1024,
  // The tokens and chat-template pages: our own code only, ~1.5 KB.
  'webview/tokens.js': 8 * 1024,
  // Try it: the card's markdown pipeline and sanitiser (markdown-it, DOMPurify) and the chat page, ~62 KB; the card's ceiling.
  'webview/try.js': 70 * 1024,
  // A discussion page: the card's markdown-it and sanitiser, like Try it.
  'webview/discussion.js': 70 * 1024,
};
/** card.js + toolkit.js, ~80 KB compressed: what a card's first paint waits for, about a tenth of a second on a slow link. */
const CARD_PAGE_GZIP_BUDGET_BYTES = 90 * 1024;

const root = new URL('../../', import.meta.url);

interface Metafile {
  inputs: Record<string, unknown>;
}

describe('production bundles', () => {
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'pipe' });
  });

  it(`keeps the extension bundle under ${EXTENSION_BUDGET_BYTES / 1024} KB`, () => {
    const size = statSync(new URL('dist/extension.js', root)).size;
    assert.ok(size <= EXTENSION_BUDGET_BYTES, `dist/extension.js is ${size} bytes`);
  });

  it('loads no library code at activation: @huggingface/* and the toolkit stay in their chunks', () => {
    const meta = JSON.parse(readFileSync(new URL('out/meta-extension.json', root), 'utf8')) as Metafile;
    const libraries = Object.keys(meta.inputs).filter((input) => input.includes('node_modules/'));
    assert.deepEqual(libraries, []);
    const main = readFileSync(new URL('dist/extension.js', root), 'utf8');
    assert.match(main, /require\("\.\/hubjs\.lazy\.js"\)/, 'the @huggingface/hub chunk is required lazily');
    assert.match(main, /require\("\.\/tasks\.lazy\.js"\)/, 'the @huggingface/tasks chunk is required lazily');
    assert.match(main, /require\("\.\/cardPanel\.lazy\.js"\)/, 'the card panel chunk is required lazily');
    assert.match(main, /require\("\.\/tokens\.lazy\.js"\)/, 'the tokenizer chunk is required lazily');
    assert.match(main, /require\("\.\/inference\.lazy\.js"\)/, 'the @huggingface/inference chunk is required lazily');
  });

  it(`keeps each webview bundle under ${WEBVIEW_BUDGET_BYTES / 1024} KB, and the math chunk under ${MATH_BUDGET_BYTES / 1024} KB with its fonts`, () => {
    const bundles = readdirSync(new URL('dist/webview/', root)).filter((f) => f.endsWith('.js'));
    assert.deepEqual(bundles.sort(), ['card.js', 'discussion.js', 'math.js', 'overview.js', 'tokens.js', 'toolkit.js', 'try.js', 'viewer.js']);
    const math = statSync(new URL('dist/webview/math.js', root)).size;
    assert.ok(math <= MATH_BUDGET_BYTES, `dist/webview/math.js is ${math} bytes`);
    const katex = new URL('dist/webview/katex/', root);
    const assets = readdirSync(katex, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(assets.every((e) => e.name === 'katex.min.css' || e.name.endsWith('.woff2')), 'only the stylesheet and woff2 fonts ship');
    const assetBytes = assets.reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
    assert.ok(assetBytes <= MATH_ASSETS_BUDGET_BYTES, `KaTeX's stylesheet and fonts are ${assetBytes} bytes`);
    const meta = JSON.parse(readFileSync(new URL('out/meta-webview.json', root), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    assert.ok(!Object.keys(meta.outputs['dist/webview/card.js'].inputs).some((input) => input.includes('node_modules/katex/')), 'card.js does not bundle KaTeX');
    for (const bundle of bundles.filter((b) => b !== 'math.js')) {
      const size = statSync(new URL(`dist/webview/${bundle}`, root)).size;
      assert.ok(size <= WEBVIEW_BUDGET_BYTES, `dist/webview/${bundle} is ${size} bytes`);
    }
  });

  it(`keeps a card page's scripts under ${CARD_PAGE_BUDGET_BYTES / 1024} KB, with the toolkit only in its own bundle`, () => {
    const size = (f: string) => statSync(new URL(`dist/webview/${f}`, root)).size;
    assert.ok(size('toolkit.js') + size('card.js') <= CARD_PAGE_BUDGET_BYTES, `toolkit.js + card.js are ${size('toolkit.js') + size('card.js')} bytes`);
    const meta = JSON.parse(readFileSync(new URL('out/meta-webview.json', root), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const cardInputs = Object.keys(meta.outputs['dist/webview/card.js'].inputs);
    assert.ok(!cardInputs.some((input) => input.includes('webview-ui-toolkit') || input.includes('@microsoft/fast')), 'card.js does not bundle the toolkit');
    assert.ok(cardInputs.some((input) => input.includes('node_modules/markdown-it/')) && cardInputs.some((input) => input.includes('node_modules/dompurify/')));
  });

  it('ships markdown-it with its token fields set by assignment (scripts/markdown-it-fields.mjs)', () => {
    for (const bundle of ['card.js', 'try.js', 'discussion.js']) {
      const code = readFileSync(new URL(`dist/webview/${bundle}`, root), 'utf8');
      assert.match(code, /this\.map=null/, `${bundle}: Token's fields are plain assignments`);
      assert.doesNotMatch(code, /\(this,"map",null\)/, `${bundle}: no field goes through Babel's _defineProperty`);
    }
  });

  it('keeps each bundle and the card page within their gzip budgets', () => {
    const gzipped = (f: string) => gzipSync(readFileSync(new URL(`dist/${f}`, root))).length;
    const over = Object.entries(GZIP_BUDGETS)
      .map(([file, budget]) => ({ file, size: gzipped(file), budget }))
      .filter(({ size, budget }) => size > budget)
      .map(({ file, size, budget }) => `dist/${file} is ${size} bytes gzipped (budget ${budget})`);
    assert.deepEqual(over, []);
    const page = gzipped('webview/card.js') + gzipped('webview/toolkit.js');
    assert.ok(page <= CARD_PAGE_GZIP_BUDGET_BYTES, `card.js + toolkit.js are ${page} bytes gzipped (budget ${CARD_PAGE_GZIP_BUDGET_BYTES})`);
  });

  it('has a gzip budget for every bundle it ships', () => {
    const shipped = ['extension.js', ...readdirSync(new URL('dist/webview/', root)).filter((f) => f.endsWith('.js')).map((f) => `webview/${f}`)];
    assert.deepEqual(shipped.filter((f) => !(f in GZIP_BUDGETS)), []);
  });
});
