#!/usr/bin/env node
// Extension Host test tier: starts the embedded Hub, then runs the compiled mocha suite
// (out/test/exthost/, built by `node esbuild.mjs --tests`) inside a real VS Code through the official
// @vscode/test-electron runTests(), with ./bin/code-shim.mjs standing in for the VS Code executable.
// Writes test-results/exthost-report.json ({ passed, failed, failures }; exthost-report-min.json for --vscode min);
// exit code 0 = all passed.
//
//   node test/vscode/run-exthost.mjs [--vscode latest|min] [--grep <pattern>]
//     --vscode  VS Code 1.139 (latest, the default) or 1.96 (min, the oldest engines.vscode allows)
//     --grep    only the tests whose full title matches
import { runTests } from '@vscode/test-electron';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startHubServer } from '../hub-server/server.mjs';
import { makeRunDir } from './lib.mjs';
import { provision, repoRoot, TARGETS } from './provision.mjs';

const shim = path.join(repoRoot, 'test/vscode/bin/code-shim.mjs');
const testsIndex = path.join(repoRoot, 'out/test/exthost/index.js');
const workspace = path.join(repoRoot, 'test/fixtures/workspace');
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] ?? '' : undefined;
};
const grep = option('--grep') ?? '';
const target = option('--vscode') ?? 'latest';
if (!(target in TARGETS)) {
  console.error(`--vscode ${target}: expected one of ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const reportFile = path.join(repoRoot, `test-results/exthost-report${target === 'latest' ? '' : `-${target}`}.json`);

for (const [file, hint] of [
  [path.join(repoRoot, 'dist/extension.js'), 'node esbuild.mjs'],
  [testsIndex, 'node esbuild.mjs --tests'],
]) {
  if (!existsSync(file)) {
    console.error(`${path.relative(repoRoot, file)} is missing: build it first with \`${hint}\`.`);
    process.exit(2);
  }
}

await provision({ target: /** @type {import('./provision.mjs').Target} */ (target) });
// The shim, a child of runTests(), starts that target's code-server (lib.mjs reads this variable).
process.env.HF_HUB_TEST_VSCODE = target;
rmSync(reportFile, { force: true });
const profile = makeRunDir(); // fresh user data and extensions for every run
const hub = await startHubServer({ port: 0 });
console.log(`Embedded Hub at ${hub.url}; VS Code ${TARGETS[target].vscode} (code-server ${TARGETS[target].codeServer})`);
const started = Date.now();
// Ctrl+C: runTests() passes it on to the shim, which stops VS Code. Listening here as well keeps
// runTests() from exiting the process on its own, so the Hub and the profile folder are cleaned up below.
let interrupted = false;
const onInterrupt = () => (interrupted = true);
process.on('SIGINT', onInterrupt);
let code;
try {
  code = await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
    launchArgs: [workspace, `--user-data-dir=${path.join(profile, 'ud')}`, `--extensions-dir=${path.join(profile, 'ext')}`],
    extensionTestsEnv: { HF_ENDPOINT: hub.url, HF_HUB_TESTS_REPORT: reportFile, HF_HUB_TESTS_GREP: grep, HF_HUB_TESTS_USER_DATA: path.join(profile, 'ud'), HF_HUB_SOAK_MS: process.env.HF_HUB_SOAK_MS ?? '', HF_HUB_SOAK_SEED: process.env.HF_HUB_SOAK_SEED ?? '' },
  });
} catch (err) {
  code = err.code ?? 1; // TestRunFailedError carries the shim's exit code
} finally {
  await hub.close();
  rmSync(profile, { recursive: true, force: true });
  process.off('SIGINT', onInterrupt);
}
if (interrupted) code = 130;
console.log(`Extension Host tests: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
