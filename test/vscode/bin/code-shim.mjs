#!/usr/bin/env node
// A fake "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) (and the
// vscode-test CLI's useInstallation.fromPath). It maps the `code` test flags onto code-server + headless
// Chromium (../lib.mjs) and exits with the tests' exit code. Its environment (process.env plus
// extensionTestsEnv) is passed to code-server, and so to the extension host.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExtensionTests } from '../lib.mjs';
import { repoRoot } from '../provision.mjs';

const args = process.argv.slice(2);
// test-electron always uses the --flag=value form.
const values = (flag) => args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));
const [extensionTestsPath] = values('extensionTestsPath');
const extensionDevelopmentPath = values('extensionDevelopmentPath');
const [userDataDir] = values('user-data-dir');
const [extensionsDir] = values('extensions-dir');
const folder = args.find((a) => !a.startsWith('--')); // launchArgs: the workspace folder
// Other flags (--no-sandbox, --disable-updates, --skip-welcome, ...) are Electron-only or already the default.

if (!extensionTestsPath || extensionDevelopmentPath.length === 0) {
  console.error(`${fileURLToPath(import.meta.url)}: need --extensionDevelopmentPath= and --extensionTestsPath=`);
  process.exit(2);
}

try {
  const code = await runExtensionTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    folder,
    userDataDir,
    extensionsDir,
    screenshotOnTimeout: path.join(repoRoot, 'test-results/screenshots/exthost-timeout.png'),
    // The other suites need about a minute; the soak suite (test/exthost/soak.test.ts) adds its length and a margin.
    timeoutMs: 180_000 + (Number(process.env.HF_HUB_SOAK_MS) || 120_000) + 240_000,
  });
  process.exit(code);
} catch (err) {
  console.error(err);
  process.exit(2);
}
