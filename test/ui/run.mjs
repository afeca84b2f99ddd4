#!/usr/bin/env node
// UI test tier: packages the extension as a .vsix, installs it into a fresh code-server (a real VS Code
// 1.139), points it at the embedded Hub and walks through the journeys in ./journeys.mjs with headless
// Chromium. Screenshots go to test-results/screenshots/, counts to test-results/ui-report.json.
// Exit code 0 = all passed.
//
//   node test/ui/run.mjs [--grep <pattern>]   (only the journeys whose name matches; setup always runs)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHubServer } from '../hub-server/server.mjs';
import { installVsix, launchChromium, makeRunDir, startCodeServer, workbenchUrl } from '../vscode/lib.mjs';
import { provision, repoRoot } from '../vscode/provision.mjs';
import { journeys } from './journeys.mjs';
import { sidebarJourneys } from './sidebar-journeys.mjs';
import { snippetJourneys } from './snippet-journeys.mjs';
import { authJourneys } from './auth-journeys.mjs';
import { blockExternalRequests, cardJourneys, prepareCardFixtures } from './card-journeys.mjs';
import { fsJourneys } from './fs-journeys.mjs';
import { hostileJourneys } from './hostile-journeys.mjs';
import { codeJourneys } from './code-journeys.mjs';
import { downloadJourneys } from './download-journeys.mjs';
import { linkJourneys } from './link-journeys.mjs';
import { viewerJourneys } from './viewer-journeys.mjs';
import { localCacheJourneys } from './local-cache-journeys.mjs';
import { mathJourneys } from './math-journeys.mjs';
import { tokensJourneys } from './tokens-journeys.mjs';
import { useModelJourneys } from './use-model-journeys.mjs';
import { inferenceJourneys } from './inference-journeys.mjs';
import { connectionsJourneys } from './connections-journeys.mjs';
import { papersJourneys } from './papers-journeys.mjs';
import { packageVsix, SIZE_BUDGET_BYTES, vsixProblems } from './vsix.mjs';
import { activityBarItem, waitForWorkbench } from './workbench.mjs';

const JOURNEY_TIMEOUT_MS = 60_000;
const resultsDir = path.join(repoRoot, 'test-results');
const shotsDir = path.join(resultsDir, 'screenshots');
const reportFile = path.join(resultsDir, 'ui-report.json');
const workspace = path.join(repoRoot, 'test/fixtures/workspace');

const grepAt = process.argv.indexOf('--grep');
const only = grepAt > 0 ? new RegExp(process.argv[grepAt + 1] ?? '', 'i') : undefined;
const results = []; // { name, ok, ms, error? }
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

let interrupted = false;

function record(name, ok, ms, error) {
  if (interrupted) return;
  results.push({ name, ok, ms, error: error?.message });
  console.log(`  ${ok ? '✔' : '✘'} ${name} (${ms} ms)`);
  if (error) {
    // The message, and where in the UI tests it was thrown.
    const where = String(error.stack ?? '').split('\n').filter((line) => line.includes('/test/ui/')).slice(0, 2);
    console.log(`      ${[error.message, ...where.map((line) => line.trim())].join('\n      ')}`);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one test, then saves a screenshot of the page, if there is one yet (marked FAILED on failure). */
async function runTest(index, name, fn, pageOf = () => undefined, timeoutMs = JOURNEY_TIMEOUT_MS) {
  const started = Date.now();
  let error;
  let shots = 0;
  // For screenshots along the way (of the workbench, or of another tab): NN.K-label.png, next to NN-name.png.
  const shot = async (label, page = pageOf()) => {
    const file = path.join(shotsDir, `${String(index).padStart(2, '0')}.${++shots}-${slug(label)}.png`);
    await page?.screenshot({ path: file });
  };
  try {
    await withTimeout(fn(shot), timeoutMs, name);
  } catch (err) {
    error = err;
  }
  const page = pageOf();
  if (page) {
    const file = path.join(shotsDir, `${String(index).padStart(2, '0')}-${slug(name)}${error ? '-FAILED' : ''}.png`);
    await page.screenshot({ path: file }).catch((err) => interrupted || console.log(`      (no screenshot: ${err.message})`));
  }
  record(name, !error, Date.now() - started, error);
  return !error;
}

const started = Date.now();
rmSync(shotsDir, { recursive: true, force: true });
mkdirSync(shotsDir, { recursive: true });
rmSync(reportFile, { force: true });
const runDir = makeRunDir();
// Undo steps (stop code-server, close the browser, ...) run in reverse order at the end. After Ctrl+C the
// run winds down by itself (every later step fails fast), and what is set up after it is undone at once.
const cleanups = [];
let cleaning = Promise.resolve(); // one cleanup at a time; awaiting cleanup() waits for any earlier one
const cleanup = () =>
  (cleaning = cleaning.then(async () => {
    while (cleanups.length) await cleanups.pop()().catch((err) => console.error(err));
  }));
const onCleanup = async (undo) => {
  cleanups.push(undo);
  if (interrupted) await cleanup();
};
process.on('SIGINT', () => {
  if (interrupted) process.exit(130); // a second Ctrl+C: leave at once
  interrupted = true;
  console.log('\nInterrupted: stopping VS Code and the Hub ...');
  void cleanup();
});
await onCleanup(async () => rmSync(runDir, { recursive: true, force: true }));

console.log('UI tests');
try {
  await provision();
  const vsix = path.join(runDir, 'extension.vsix');
  const packaged = await runTest(0, `the packaged .vsix holds only dist, media and docs, within ${SIZE_BUDGET_BYTES / 1024} KB`, async () => {
    await packageVsix(vsix);
    const problems = vsixProblems(vsix);
    if (problems.length) throw new Error(problems.join('\n'));
  });

  let page;
  let hub;
  const setUp = async () => {
    if (!packaged) throw new Error('no .vsix to install');
    hub = await startHubServer({ port: 0, cardsDir: await prepareCardFixtures(runDir), hostile: true });
    await onCleanup(() => hub.close());
    const profile = { userDataDir: path.join(runDir, 'ud'), extensionsDir: path.join(runDir, 'ext') };
    await installVsix({ vsix, ...profile });
    // The run's own Hugging Face cache, empty at the start (never the user's): the Local Cache journey writes into it.
    process.env.HF_HUB_CACHE = path.join(runDir, 'hf-cache');
    mkdirSync(process.env.HF_HUB_CACHE, { recursive: true });
    const server = await startCodeServer({ env: { HF_ENDPOINT: hub.url, HF_HUB_CACHE: process.env.HF_HUB_CACHE }, folder: workspace, ...profile });
    await onCleanup(() => server.stop());
    const browser = await launchChromium();
    await onCleanup(() => browser.close());
    await blockExternalRequests(browser.context);
    page = browser.page;
    page.setDefaultTimeout(10_000);
    await page.goto(workbenchUrl(server.url, { folder: workspace }));
    await waitForWorkbench(page);
    // The installed extension's contributions are in, and it is not loaded as a development extension.
    await activityBarItem(page, 'Hugging Face').waitFor({ timeout: 30_000 });
    const title = await page.title();
    if (title.includes('Extension Development Host')) throw new Error(`unexpected window title: ${title}`);
  };
  const ready = await runTest(1, 'VS Code starts with the extension installed from the .vsix', setUp, () => page);
  /** @type {{ name: string, timeout?: number, run: (context: { page: any, hub: any, shot: any }) => Promise<void> }[]} */
  const all = [...journeys, ...sidebarJourneys, ...snippetJourneys, ...authJourneys, ...cardJourneys, ...mathJourneys, ...fsJourneys, ...hostileJourneys, ...linkJourneys, ...codeJourneys, ...localCacheJourneys, ...downloadJourneys, ...viewerJourneys, ...tokensJourneys, ...useModelJourneys, ...inferenceJourneys, ...connectionsJourneys, ...papersJourneys];
  for (const [i, journey] of all.entries()) {
    if (only && !only.test(journey.name)) continue;
    if (ready) await runTest(i + 2, journey.name, (shot) => journey.run({ page, hub, shot }), () => page, journey.timeout);
    else record(journey.name, false, 0, new Error('skipped: VS Code did not start'));
  }
} catch (err) {
  record('UI test run', false, Date.now() - started, err);
} finally {
  await cleanup();
}
if (interrupted) process.exit(130);

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
writeFileSync(reportFile, JSON.stringify({ passed, failed, tests: results }, null, 2) + '\n');
console.log(`\nUI tests: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`Screenshots: ${path.relative(process.cwd(), shotsDir)}/`);
process.exit(failed ? 1 : 0);
