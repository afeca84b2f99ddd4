#!/usr/bin/env node
// The one "test everything" command (`npm test`): typecheck, lint, unit tests, provisioning of the
// test VS Codes, production build, Extension Host tests on the newest and on the oldest VS Code that
// engines.vscode allows (test/vscode/provision.mjs), and UI tests. It keeps going after a tier fails,
// prints a table with one row per tier and ends with one line "N passed, N failed" (typecheck, lint,
// provisioning and the build count as one test each). Exit code 1 when anything failed.
//
// A VS Code tier's failed tests (at most MAX_RETRIED of them) are run once more, on their own, in a fresh VS Code: tests
// there time real work on a shared machine, and one slow moment should not hide a green run, nor a real failure be
// retried away. A test counts as passed only when its second run passes, and the summary names it as flaky; every
// test that failed is listed by name with its first line of error, right above the final line.
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
/** Tests that failed (tier, title, first line of the error) and tests that passed only when run again. */
const failures = [];
const flaky = [];
const MAX_RETRIED = 3;
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim())?.trim().slice(0, 300) ?? '';
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

/**
 * A VS Code tier (`args` of its runner, which takes `--grep` and writes `file`): run, then its failed tests once more
 * on their own. `failedOf(report)` gives the failed tests' { title, error }; `exact(title)` the runner's pattern for one.
 */
async function vscodeTier(name, args, file, failedOf, exact) {
  let counts;
  await tier(
    name,
    async () => {
      const first = await run(process.execPath, args);
      const report = readJson(file);
      const failed = report ? failedOf(report) : [];
      counts = report ? { passed: report.passed, failed: report.failed } : { passed: 0, failed: 1 };
      if (!report || !failed.length || failed.length > MAX_RETRIED || failed.length !== report.failed) {
        failures.push(...failed.map((f) => ({ tier: name, ...f })));
        return first;
      }
      console.log(`\nRunning the ${failed.length} failed test(s) once more, on their own:`);
      const again = await run(process.execPath, [...args, '--grep', `^(?:${failed.map((f) => exact(f.title)).join('|')})$`]);
      const second = readJson(file);
      const stillFailing = failed.filter((f) => !second || failedOf(second).some((s) => s.title === f.title) || !passedIn(second, f.title));
      for (const f of failed) {
        if (stillFailing.includes(f)) failures.push({ tier: name, ...f });
        else flaky.push({ tier: name, ...f });
      }
      counts = { passed: report.passed + failed.length - stillFailing.length, failed: stillFailing.length };
      return { code: stillFailing.length ? again.code || 1 : 0, output: first.output + again.output };
    },
    () => counts,
  );
}

/** Whether a report lists `title` as passed (the Extension Host report counts passes only; the UI report names them). */
function passedIn(report, title) {
  return Array.isArray(report.tests) ? report.tests.some((t) => t.name === title && t.ok) : report.failed === 0 && report.passed > 0;
}
const vscodeTiers = [`Extension Host tests (VS Code ${TARGETS.latest.vscode})`, `Extension Host tests (VS Code ${TARGETS.min.vscode})`, 'UI tests'];
if (provisioned.code !== 0 || built.code !== 0) {
  for (const name of vscodeTiers) skip(name, provisioned.code !== 0 ? 'provisioning failed' : 'the build failed');
} else {
  // Mocha matches --grep against a test's full title; the UI runner against a journey's name, ignoring case.
  const mochaFailures = (report) => (report.failures ?? []).map((f) => ({ title: f.title, error: firstLine(f.error) }));
  const uiFailures = (report) => (report.tests ?? []).filter((t) => !t.ok).map((t) => ({ title: t.name, error: firstLine(t.error) }));
  await vscodeTier(vscodeTiers[0], ['test/vscode/run-exthost.mjs', '--vscode', 'latest'], exthostReport, mochaFailures, escapeRegExp);
  await vscodeTier(vscodeTiers[1], ['test/vscode/run-exthost.mjs', '--vscode', 'min'], exthostMinReport, mochaFailures, escapeRegExp);
  await vscodeTier(vscodeTiers[2], ['test/ui/run.mjs'], uiReport, uiFailures, escapeRegExp);
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
if (flaky.length) {
  console.log(`\nFlaky: failed, then passed when run again on its own (${flaky.length}):`);
  for (const f of flaky) console.log(`  ${f.tier}: ${f.title}\n      first run: ${f.error}`);
}
for (const t of tiers.filter((t) => !t.ok && !['Extension Host', 'UI tests'].some((n) => t.name.startsWith(n)))) {
  // The unit tier's failed tests by name (TAP's "not ok" lines, suites included); the others as the tier.
  const notOk = t.name === 'unit tests' && existsSync(unitTap) ? [...readFileSync(unitTap, 'utf8').matchAll(/^\s*not ok \d+ - ([^\n]*)$/gm)].map((m) => m[1]) : [];
  if (notOk.length) failures.push(...notOk.slice(0, 20).map((title) => ({ tier: t.name, title, error: '' })));
  else failures.push({ tier: t.name, title: t.note ?? 'failed', error: '' });
}
if (failures.length) {
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures) console.log(`  ${f.tier}: ${f.title}${f.error ? `\n      ${f.error}` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
