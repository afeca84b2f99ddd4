/**
 * The benchmarks that run in Chromium, where the webviews run: a page script bundled the way the webview bundles are
 * (browser, es2022, minified, one IIFE), and the headless Chromium the UI tests use, without a profile.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './host';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The script of bench page `entry` (a path from the repository root), bundled. */
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
  });
  return bundle.outputFiles[0].text;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}
