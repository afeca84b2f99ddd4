// A blank page in headless Chromium (the one the UI tier and the benchmark use) with a test page script bundled into
// it the way the webview bundles are, for the unit tests that need a real DOM. `.ci/run` installs Chromium.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Chromium and opens a page running `entry` (a file beside this one); close the browser when done. */
export async function openTestPage(entry: string): Promise<{ browser: Browser; page: Page }> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(__dirname, entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  return { browser, page };
}
