/**
 * Item 4: cold `require` and `activate()` of the production bundle, each in a fresh Node process with a minimal
 * `vscode` stub (bench/activation-child.cjs), and the sizes of what ships. The Extension Host test suite
 * (test/exthost/activation.test.ts) gates activation in the real host; these are the figures.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './host';
import { atMost, type Figure } from './stats';

export async function activation(runs: number): Promise<Figure[]> {
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  const chunksLoaded = new Set<string>();
  for (let run = 0; run < runs; run++) {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'bench/activation-child.cjs')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, HF_HUB_DISABLE_IMPLICIT_TOKEN: '1', NODE_OPTIONS: '' },
    });
    const result = JSON.parse(out) as { requireMs: number; activateMs: number; loaded: string[] };
    requireMs.push(result.requireMs);
    activateMs.push(result.activateMs);
    result.loaded.filter((file) => file !== 'dist/extension.js').forEach((file) => chunksLoaded.add(file));
  }
  const loaded = [...chunksLoaded];
  return [
    atMost(4, 'require(dist/extension.js), cold, in Node with a vscode stub', 'ms', requireMs, 15),
    atMost(4, 'activate(), in Node with a vscode stub', 'ms', activateMs, 10),
    {
      item: 4,
      name: `Chunks loaded by activation${loaded.length ? `: ${loaded.join(', ')}` : ''}`,
      unit: '',
      median: loaded.length,
      min: loaded.length,
      max: loaded.length,
      q1: loaded.length,
      q3: loaded.length,
      runs,
      target: '= 0',
      pass: loaded.length === 0,
    },
  ];
}

const KB = 1024;

/** Size budgets, justified in the README ("Figures"); the test suite holds the same numbers (test/unit/bundle.test.ts, test/ui/vsix.mjs). */
export const SIZE_BUDGETS = {
  extension: { minified: 80 * KB, gzip: 28 * KB },
  webviewBundle: { minified: 200 * KB, gzip: 70 * KB },
  /** KaTeX, loaded only by a card with math, has a budget of its own. */
  math: { minified: 280 * KB, gzip: 80 * KB },
  cardPage: { minified: 248 * KB, gzip: 90 * KB },
  vsix: 1024 * KB,
};

function sized(name: string, bytes: number, budget: number): Figure {
  const kb = Math.round((bytes / KB) * 10) / 10;
  return { item: 4, name, unit: 'KB', median: kb, min: kb, max: kb, q1: kb, q3: kb, runs: 1, target: `≤ ${budget / KB} KB`, pass: bytes <= budget };
}

/** Bundle sizes from the production build in dist/, and the .vsix packaged from it. */
export function sizes(vsixFile: string): Figure[] {
  const file = (f: string) => readFileSync(path.join(repoRoot, 'dist', f));
  const gzip = (f: string) => gzipSync(file(f)).length;
  const figures = [
    sized('dist/extension.js, minified', file('extension.js').length, SIZE_BUDGETS.extension.minified),
    sized('dist/extension.js, gzip', gzip('extension.js'), SIZE_BUDGETS.extension.gzip),
  ];
  for (const bundle of readdirSync(path.join(repoRoot, 'dist/webview')).filter((f) => f.endsWith('.js')).sort()) {
    const budget = bundle === 'math.js' ? SIZE_BUDGETS.math : SIZE_BUDGETS.webviewBundle;
    figures.push(
      sized(`dist/webview/${bundle}, minified`, file(`webview/${bundle}`).length, budget.minified),
      sized(`dist/webview/${bundle}, gzip`, gzip(`webview/${bundle}`), budget.gzip),
    );
  }
  const page = ['webview/card.js', 'webview/toolkit.js'];
  figures.push(
    sized('Card page scripts (card.js + toolkit.js), minified', page.reduce((n, f) => n + file(f).length, 0), SIZE_BUDGETS.cardPage.minified),
    sized('Card page scripts (card.js + toolkit.js), gzip', page.reduce((n, f) => n + gzip(f), 0), SIZE_BUDGETS.cardPage.gzip),
    sized('.vsix', statSync(vsixFile).size, SIZE_BUDGETS.vsix),
  );
  return figures;
}
