import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { before, describe, it } from 'node:test';

/**
 * Budgets for what activation loads (README, "Figures"). The extension bundle holds only our own code: the Hugging Face
 * libraries and the webview toolkit live in chunks loaded on first use.
 */
const EXTENSION_BUDGET_BYTES = 80 * 1024;
const WEBVIEW_BUDGET_BYTES = 200 * 1024;
/**
 * A card page loads two bundles: the toolkit's components (shared, toolkit.js) and the card script with markdown-it and
 * DOMPurify (card.js). Together they are over one bundle's budget (markdown-it with its entity table and linkify about
 * 100 KB, DOMPurify 30 KB, the toolkit 78 KB), so the page has a budget of its own.
 */
const CARD_PAGE_BUDGET_BYTES = 240 * 1024;

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
  });

  it(`keeps each webview bundle under ${WEBVIEW_BUDGET_BYTES / 1024} KB`, () => {
    const bundles = readdirSync(new URL('dist/webview/', root)).filter((f) => f.endsWith('.js'));
    assert.deepEqual(bundles.sort(), ['card.js', 'overview.js', 'toolkit.js']);
    for (const bundle of bundles) {
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
});
