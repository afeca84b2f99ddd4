// The bundles' markdown-it (scripts/markdown-it-fields.mjs: class fields as plain assignments) against markdown-it as
// published: the same tokens and the same HTML for every fixture and hostile card, through the card's own markdown-it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { MARKDOWN_IT_MODULE, markdownItFields, rewriteFields } from '../../scripts/markdown-it-fields.mjs';
import type { createCardMarkdown } from '../../src/cards/markdown';
import { MARKDOWN_CATEGORIES, readVectors } from '../hub-server/hostile.mjs';
import { readmes } from './fixture-cards';

type CardMarkdown = ReturnType<typeof createCardMarkdown>;

const root = path.join(__dirname, '../..');
const vectors = readVectors();
const cards: [string, string][] = [
  ...readmes('generated-cards'),
  ...readmes('authored-cards'),
  ...readmes('xss'),
  ...MARKDOWN_CATEGORIES.map((category): [string, string] => [`xss vectors: ${category}`, (vectors.get(category) ?? []).join('\n\n')]),
];

/** src/cards/markdown.ts bundled as the webview bundles it, with or without the plugin, and loaded. */
async function cardMarkdown(dir: string, name: string, plugins: esbuild.Plugin[]): Promise<CardMarkdown> {
  const file = path.join(dir, `${name}.mjs`);
  await esbuild.build({ entryPoints: [path.join(root, 'src/cards/markdown.ts')], bundle: true, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], outfile: file, plugins, logLevel: 'silent' });
  const module = (await import(pathToFileURL(file).href)) as { createCardMarkdown: () => CardMarkdown };
  return module.createCardMarkdown();
}

/** A token stream as plain data, children included, to compare two builds' tokens field by field. */
function tokenData(md: CardMarkdown, text: string): string {
  return JSON.stringify(md.parse(text, {}));
}

describe('markdown-it with plain field assignments', () => {
  let dir: string;
  let published: CardMarkdown;
  let rewritten: CardMarkdown;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'md-fields-'));
    published = await cardMarkdown(dir, 'published', []);
    rewritten = await cardMarkdown(dir, 'rewritten', [markdownItFields()]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites every field markdown-it defines in a constructor, and nothing else', () => {
    const source = readFileSync(MARKDOWN_IT_MODULE, 'utf8');
    const sites = source.match(/_defineProperty\(\s*this\b/g) ?? [];
    const { source: out, fields } = rewriteFields(source);
    assert.ok(sites.length > 40, `${sites.length} field definitions in markdown-it`);
    assert.equal(fields, sites.length);
    assert.equal(out.match(/_defineProperty\(\s*this\b/g), null);
    // The class's static properties (set once, not per token) are left as they are.
    assert.equal((out.match(/_defineProperty\(/g) ?? []).length, (source.match(/_defineProperty\(/g) ?? []).length - sites.length);
  });

  it('refuses a markdown-it it was not written for', () => {
    assert.throws(() => rewriteFields('class A { constructor() { this.x = 1; } }'), /no longer defines its fields/);
    assert.throws(() => rewriteFields('class A { constructor() { _defineProperty(this, "x", 1); } set x(v) {} }'), /accessor named x/);
    assert.throws(() => rewriteFields('class A { constructor() { _defineProperty(this, name, 1); } }'), /no longer defines its fields/);
  });

  it('gives the same tokens and HTML as markdown-it as published, for every fixture and hostile card', () => {
    assert.ok(cards.length > 200, `${cards.length} cards`);
    for (const [name, body] of cards) {
      assert.equal(rewritten.render(body), published.render(body), name);
      assert.equal(tokenData(rewritten, body), tokenData(published, body), name);
    }
  });

  it('builds tokens whose own properties are the published ones, in the same order', () => {
    const [tokens, expected] = [rewritten, published].map((md) => md.parse('# A *b*\n\n| x |\n| - |\n| [y](z) |\n', {}));
    // Values are compared above (token JSON); here each property's kind: own, enumerable, writable, configurable.
    const shape = (token: object) => Object.entries(Object.getOwnPropertyDescriptors(token)).map(([key, d]) => [key, d.enumerable, d.writable, d.configurable, 'value' in d]);
    assert.equal(tokens.length, expected.length);
    for (const [i, token] of tokens.entries()) {
      assert.deepEqual(shape(token), shape(expected[i]));
    }
  });

});
