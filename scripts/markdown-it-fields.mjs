// markdown-it 15 is compiled from TypeScript with Babel's `_defineProperty` helper for every class field: each field of
// every Token, and of the parser states, is set through one shared function whose key changes from call to call. V8
// cannot keep those stores fast (one megamorphic keyed store for all of them), and a card builds thousands of tokens:
// rendering took twice as long as the same code with plain assignments (191 fixture cards in Chromium: 160 ms against
// 85 ms). The bundles therefore get markdown-it with each `_defineProperty(this, "name", value)` written as
// `this.name = value`, which is the same thing for a new object whose prototype has no such property (checked below).
// test/unit/markdown-it-fields.test.ts renders every card with both and compares.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A field set in a constructor: `_defineProperty(this, /** doc *\/ "name", value);` */
const FIELD = /_defineProperty\(\s*this,\s*(?:\/\*\*[^*]*\*+(?:[^/*][^*]*\*+)*\/\s*)?"([A-Za-z_$][\w$]*)",\s*([^;]*?)\s*\);/g;

/** The ES module build esbuild takes for `markdown-it` (its `exports` "import" condition). */
export const MARKDOWN_IT_MODULE = createRequire(import.meta.url).resolve('markdown-it').replace(/markdown-it\.cjs\.js$/, 'markdown-it.mjs');

/**
 * markdown-it's module source with its constructors' field definitions as plain assignments, and how many there were.
 * Throws when the source is not the shape this was written for (a new markdown-it release): a field left behind, an
 * accessor that a plain assignment would call where a definition does not, or nothing to rewrite at all.
 */
export function rewriteFields(source) {
  let fields = 0;
  const names = new Set();
  const rewritten = source.replace(FIELD, (_match, name, value) => {
    fields++;
    names.add(name);
    return `this.${name} = ${value};`;
  });
  if (fields === 0 || /_defineProperty\(\s*this\b/.test(rewritten)) {
    throw new Error('markdown-it-fields: markdown-it no longer defines its fields as this plugin expects; update scripts/markdown-it-fields.mjs');
  }
  for (const name of names) {
    if (new RegExp(`\\b(?:get|set)\\s+${name.replace(/\$/g, '\\$')}\\s*\\(`).test(rewritten)) {
      throw new Error(`markdown-it-fields: markdown-it has an accessor named ${name}; an assignment would call it`);
    }
  }
  return { source: rewritten, fields };
}

/**
 * The esbuild plugin. `published` names importers that get markdown-it exactly as published instead (the benchmark's
 * baseline), in a namespace of its own so that both copies can be in one bundle.
 * @param {{ published?: RegExp }} [options]
 * @returns {import('esbuild').Plugin}
 */
export function markdownItFields({ published } = {}) {
  return {
    name: 'markdown-it-fields',
    setup(build) {
      if (published) {
        build.onResolve({ filter: /^markdown-it$/ }, (args) => (published.test(args.importer) ? { path: MARKDOWN_IT_MODULE, namespace: 'markdown-it-published' } : undefined));
        build.onLoad({ filter: /.*/, namespace: 'markdown-it-published' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'js', resolveDir: path.dirname(args.path) }));
      }
      build.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, (args) => ({ contents: rewriteFields(readFileSync(args.path, 'utf8')).source, loader: 'js' }));
    },
  };
}
