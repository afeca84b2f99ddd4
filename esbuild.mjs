// Builds the extension host bundle, its lazily loaded chunks and the webview bundles.
//   node esbuild.mjs               development build (source maps)
//   node esbuild.mjs --production  minified, no source maps, writes out/meta*.json for size analysis
//   node esbuild.mjs --watch       rebuilds on change, prints esbuild-problem-matcher lines for VS Code tasks
//   node esbuild.mjs --tests       also builds the Extension Host test suite into out/test/exthost/
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { markdownItFields } from './scripts/markdown-it-fields.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/**
 * Modules named `*.lazy.ts` become their own file in dist/ and are loaded with `import()` at the moment they are
 * needed, so activation never pays for them. Inside the main bundle the import stays a runtime `require`.
 */
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /\.lazy$/ }, (args) => {
      if (args.importer.endsWith('.lazy.ts')) {
        return undefined;
      }
      return { path: `./${path.basename(args.path)}.js`, external: true };
    });
  },
};

/**
 * `@huggingface/inference` imports `@huggingface/tasks` whole (about 240 KB minified), which the tasks chunk already
 * holds: the inference chunk takes it from there at run time (`library` of dist/tasks.lazy.js) instead of a second copy.
 */
const sharedTasks = {
  name: 'shared-tasks',
  setup(build) {
    build.onResolve({ filter: /^@huggingface\/tasks$/ }, (args) =>
      args.importer.includes(`${path.sep}@huggingface${path.sep}inference${path.sep}`) ? { path: 'tasks', namespace: 'shared-tasks' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'shared-tasks' }, () => ({ contents: "module.exports = require('./tasks.lazy.js').library;", loader: 'js' }));
    build.onResolve({ filter: /^\.\/tasks\.lazy\.js$/, namespace: 'shared-tasks' }, (args) => ({ path: args.path, external: true }));
  },
};

/** Prints the lines the `$esbuild-watch` problem matcher understands. */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

function findFiles(dir, suffix) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: production,
  logLevel: watch ? 'silent' : 'warning',
  // markdown-it with its class fields as plain assignments: twice as fast to render a card (the file says why).
  plugins: [markdownItFields(), ...(watch ? [problemMatcher] : [])],
  legalComments: 'none',
};

/** What runs in the extension host: CommonJS for Node, `vscode` provided by the host, ESM builds of libraries preferred. */
/** @type {import('esbuild').BuildOptions} */
const extensionHost = {
  ...common,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
};

/** @type {(import('esbuild').BuildOptions & { name: string })[]} */
const builds = [
  {
    name: 'extension',
    ...extensionHost,
    entryPoints: { extension: 'src/extension.ts' },
    // Lazy chunks are loaded with require(), which the extension host supports everywhere.
    supported: { 'dynamic-import': false },
    plugins: [...common.plugins, lazyChunks],
  },
  {
    name: 'chunks',
    ...extensionHost,
    entryPoints: Object.fromEntries(findFiles('src', '.lazy.ts').map((f) => [path.basename(f, '.ts'), f])),
    plugins: [...common.plugins, sharedTasks],
  },
  {
    name: 'webview',
    ...common,
    entryPoints: { overview: 'webview/overview.ts', card: 'webview/card.ts', toolkit: 'webview/toolkit.ts', viewer: 'webview/viewer/main.ts', math: 'webview/math/katex.ts', tokens: 'webview/tokens/main.ts', try: 'webview/try/main.ts', discussion: 'webview/discussion.ts' },
    outdir: 'dist/webview',
    // markdown-it's punycode calls, done by the browser's URL parser (webview/punycode.ts).
    alias: { 'punycode.js': './webview/punycode.ts' },
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (tests) {
  builds.push({
    name: 'exthost-tests',
    ...common,
    minify: false,
    sourcemap: true,
    metafile: false,
    entryPoints: ['test/exthost/index.ts', ...findFiles('test/exthost', '.test.ts')],
    outdir: 'out/test/exthost',
    outbase: 'test/exthost',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // mocha is bundled: mocha 12's CommonJS entry require()s its ES modules, which Node supports only from 20.19,
    // and VS Code 1.96, the oldest the tests run on, has Node 20.18. The bundle is CommonJS throughout.
    external: ['vscode'],
    // mocha's parallel mode (unused here) resolves its worker and reporter files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

/**
 * KaTeX's stylesheet and its woff2 fonts, beside the math chunk (dist/webview/katex/). Every webview that KaTeX runs in
 * reads woff2, so the stylesheet's woff and ttf fallbacks are dropped and those files are not shipped.
 */
function copyKatexAssets() {
  const from = 'node_modules/katex/dist';
  const to = 'dist/webview/katex';
  mkdirSync(`${to}/fonts`, { recursive: true });
  const css = readFileSync(`${from}/katex.min.css`, 'utf8').replace(/,url\(fonts\/[\w-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  writeFileSync(`${to}/katex.min.css`, css);
  for (const font of readdirSync(`${from}/fonts`).filter((f) => f.endsWith('.woff2'))) {
    copyFileSync(`${from}/fonts/${font}`, `${to}/fonts/${font}`);
  }
}

function withoutName(build) {
  const options = { ...build };
  delete options.name;
  return options;
}

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
  if (tests) {
    rmSync('out/test/exthost', { recursive: true, force: true });
  }
}
copyKatexAssets();
const contexts = await Promise.all(builds.map((build) => esbuild.context(withoutName(build))));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (production) {
    mkdirSync('out', { recursive: true });
    results.forEach((result, i) => result.metafile && writeFileSync(`out/meta-${builds[i].name}.json`, JSON.stringify(result.metafile)));
  }
}
