#!/usr/bin/env node
// The one "test everything" command (`npm test`): typecheck, lint, unit tests, provisioning of the
// test VS Codes, production build, Extension Host tests on the newest and on the oldest VS Code that
// engines.vscode allows (test/vscode/provision.mjs), and UI tests. It keeps going after a tier fails,
// prints a table with one row per tier and ends with one line "N passed, N failed" (typecheck, lint,
// provisioning and the build count as one test each). Exit code 1 when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../test/vscode/provision.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = path.join(root, 'test-results');
const unitTap = path.join(results, 'unit.tap');
const exthostReport = path.join(results, 'exthost-report.json');
const exthostMinReport = path.join(results, 'exthost-report-min.json');
const uiReport = path.join(results, 'ui-report.json');
const MINUTE = 60_000;

// Each step runs in its own process group, so a timeout can stop all of it. Ctrl+C is passed on to the
// running steps (their runners then stop code-server and Chromium) before this script exits.
const running = new Set();
const signalGroup = (child, signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group has exited meanwhile
  }
};
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
  for (const child of running) signalGroup(child, 'SIGINT');
});

/** Runs a command in the repo root; resolves { code, output }. `quiet` buffers the output instead of streaming it. */
function run(cmd, args, { timeoutMs = 10 * MINUTE, quiet = false } = {}) {
  if (interrupted) return Promise.resolve({ code: 130, output: '' });
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk;
      if (!quiet) stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / MINUTE} min)\n`;
      signalGroup(child, 'SIGINT'); // lets the test runners clean up; SIGKILL if that is not enough
      setTimeout(() => running.has(child) && signalGroup(child, 'SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code: code ?? 1, output });
    });
  });
}

// test/unit/**/*.test.ts, expanded here: Node 20's `--test` does not expand globs itself.
const unitTestFiles = () =>
  readdirSync(path.join(root, 'test/unit'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join('test/unit', file))
    .sort();

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

/** Counts from a TAP stream's final "# pass N" / "# fail N" / "# cancelled N" lines. */
function tapCounts(file) {
  const tap = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') };
}

const tiers = [];
const header = (name) => console.log(`\n━━━ ${name} ${'━'.repeat(Math.max(0, 60 - name.length))}`);

/**
 * Runs one tier. `counts(code)` turns its outcome into { passed, failed }; a tier that exits non-zero
 * always counts at least one failure, so a crash can never look green.
 */
async function tier(name, step, counts = (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 })) {
  header(name);
  const started = Date.now();
  const { code, output } = await step();
  let { passed, failed } = counts(code);
  if (!Number.isFinite(passed) || !Number.isFinite(failed)) ({ passed, failed } = { passed: 0, failed: 1 });
  if (code !== 0 && failed === 0) failed = 1;
  tiers.push({ name, ok: code === 0 && failed === 0, passed, failed, seconds: (Date.now() - started) / 1000 });
  return { code, output };
}

function skip(name, reason) {
  header(name);
  console.log(`skipped: ${reason}`);
  tiers.push({ name, ok: false, passed: 0, failed: 1, seconds: 0, note: `skipped: ${reason}` });
}

const started = Date.now();
mkdirSync(results, { recursive: true });
for (const file of [unitTap, exthostReport, exthostMinReport, uiReport]) rmSync(file, { force: true });

// Provisioning (minutes on a fresh machine, instant afterwards) runs in the background meanwhile.
const provisioning = run(process.execPath, ['test/vscode/provision.mjs', '--vscode', 'all'], { timeoutMs: 15 * MINUTE, quiet: true });

// package.json's scripts: `tsc --noEmit` for the extension and the webview projects; eslint --max-warnings=0.
await tier('typecheck', () => run('npm', ['run', '--silent', 'typecheck']));
await tier('lint', () => run('npm', ['run', '--silent', 'lint']));
await tier(
  'unit tests',
  () =>
    run(process.execPath, [
      // A young generation large enough for the growth checks' inputs (test/unit/linear.ts).
      '--max-semi-space-size=128',
      '--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${unitTap}`,
      ...unitTestFiles(),
    ]),
  () => tapCounts(unitTap),
);
const provisioned = await tier('provision VS Codes', async () => {
  const result = await provisioning;
  process.stdout.write(result.output);
  return result;
});
const built = await tier('build', () => run(process.execPath, ['esbuild.mjs', '--production', '--tests']));

const reportCounts = (file) => () => readJson(file) ?? { passed: 0, failed: 1 };
const vscodeTiers = [`Extension Host tests (VS Code ${TARGETS.latest.vscode})`, `Extension Host tests (VS Code ${TARGETS.min.vscode})`, 'UI tests'];
if (provisioned.code !== 0 || built.code !== 0) {
  for (const name of vscodeTiers) skip(name, provisioned.code !== 0 ? 'provisioning failed' : 'the build failed');
} else {
  const exthost = (target) => () => run(process.execPath, ['test/vscode/run-exthost.mjs', '--vscode', target]);
  await tier(vscodeTiers[0], exthost('latest'), reportCounts(exthostReport));
  await tier(vscodeTiers[1], exthost('min'), reportCounts(exthostMinReport));
  await tier(vscodeTiers[2], () => run(process.execPath, ['test/ui/run.mjs']), reportCounts(uiReport));
}

if (interrupted) {
  console.log('\ninterrupted');
  process.exit(130);
}

const passed = tiers.reduce((sum, t) => sum + t.passed, 0);
const failed = tiers.reduce((sum, t) => sum + t.failed, 0);
header('summary');
const rows = [['tier', 'result', 'passed', 'failed', 'time'], ...tiers.map((t) => [
  t.name, t.ok ? 'ok' : t.note ?? 'FAILED', String(t.passed), String(t.failed), `${t.seconds.toFixed(1)} s`,
])];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows) console.log(row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '));
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
