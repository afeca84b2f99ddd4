/**
 * The benchmarks that run in Chromium, where the webviews run: a page script bundled the way the webview bundles are
 * (browser, es2022, minified, one IIFE), and the headless Chromium the UI tests use, without a profile.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { markdownItFields } from '../scripts/markdown-it-fields.mjs';
import { repoRoot } from './host';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The script of bench page `entry` (a path from the repository root), bundled. The webview code in it gets the
 * markdown-it the webview bundles get (scripts/markdown-it-fields.mjs); the page's own `markdown-it` import, the
 * baseline, stays markdown-it as published.
 */
export async function bundlePage(entry: string): Promise<string> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(repoRoot, entry)],
    bundle: true,
    write: false,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
    plugins: [markdownItFields({ published: /[\\/]bench[\\/][\w-]+\.mjs$/ })],
  });
  return bundle.outputFiles[0].text;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
