import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { before, describe, it } from 'node:test';

/**
 * Budgets for what activation loads (README, "Figures"). The extension bundle holds only our own code: the Hugging Face
 * libraries and the webview toolkit live in chunks loaded on first use.
 */
const EXTENSION_BUDGET_BYTES = 80 * 1024;
const WEBVIEW_BUDGET_BYTES = 200 * 1024;

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
  });

  it(`keeps each webview bundle under ${WEBVIEW_BUDGET_BYTES / 1024} KB`, () => {
    const size = statSync(new URL('dist/webview/overview.js', root)).size;
    assert.ok(size <= WEBVIEW_BUDGET_BYTES, `dist/webview/overview.js is ${size} bytes`);
  });
});
