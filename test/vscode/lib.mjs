// Harness library: run a pinned code-server (a real VS Code with a Node extension host; 1.139, or 1.96 with
// HF_HUB_TEST_VSCODE=min, see ./provision.mjs) headless, drive it with playwright-core + Debian Chromium,
// and run mocha suites inside its extension host.
// The recipe and its pitfalls are in /work/shared/docs/vscode-harness.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { paths } from './provision.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A quiet, deterministic workbench: no welcome page, no chat, no update or telemetry traffic.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

/** A fresh folder under the system temp dir. Kept short: Unix socket paths are limited to ~107 chars. */
export function makeRunDir(prefix = 'hfvs-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Variables that make code-server act as a child of, or a client for, another VS Code / code-server
// (for example when the tests are started from a VS Code terminal).
const INHERITED_VARS_TO_DROP = ['VSCODE_IPC_HOOK_CLI', 'CODE_SERVER_PARENT_PID', 'ELECTRON_RUN_AS_NODE', 'PORT'];

function codeServerEnv(extra, tmpDir) {
  const env = { ...process.env, ...extra, EXTENSIONS_GALLERY: '{}', TMPDIR: tmpDir };
  for (const name of INHERITED_VARS_TO_DROP) delete env[name];
  return env;
}

function codeServerArgs({ runDir, userDataDir, extensionsDir }) {
  return [
    paths.codeServer,
    '--config', path.join(runDir, 'config.yaml'), // otherwise code-server writes one into $HOME
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
}

function prepareDirs({ runDir, userDataDir, extensionsDir }) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(path.join(runDir, 'tmp'), { recursive: true });
  writeFileSync(path.join(runDir, 'config.yaml'), 'auth: none\n');
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
}

/**
 * Starts code-server on 127.0.0.1 with a free port, in its own process group.
 * `env` is added to the server's environment, which the extension host inherits (e.g. HF_ENDPOINT).
 * Without userDataDir / extensionsDir, fresh ones are made in the run folder (removed by stop()).
 * @param {{ env?: Record<string, string>, folder?: string, userDataDir?: string, extensionsDir?: string, port?: number, devMode?: boolean }} [options]
 * @returns {Promise<{ url: string, runDir: string, userDataDir: string, extensionsDir: string, output: () => string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ env = {}, folder, userDataDir, extensionsDir, port = 0, devMode = true } = {}) {
  const runDir = makeRunDir();
  const dirs = {
    runDir,
    userDataDir: userDataDir ? path.resolve(userDataDir) : path.join(runDir, 'ud'),
    extensionsDir: extensionsDir ? path.resolve(extensionsDir) : path.join(runDir, 'ext'),
  };
  prepareDirs(dirs);
  const args = [
    ...codeServerArgs(dirs),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    // Lets the workbench honour the `payload` URL parameter (development extensions and extension tests).
    ...(devMode ? paths.smokeTestDriverArgs : []),
    ...(folder ? [path.resolve(folder)] : []),
  ];
  const child = spawn(paths.node, args, {
    env: codeServerEnv(env, path.join(runDir, 'tmp')),
    detached: true, // own process group: stop() kills the server, extension host, pty host and watchers together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = ''; // the server's log, for error messages (the last 64 KB)
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // the whole group is gone already
    }
    await waitForGroupExit(child.pid);
    rmSync(runDir, { recursive: true, force: true });
  };
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output = (output + chunk).slice(-65_536);
      const match = output.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`code-server did not start within 30 s:\n${output}`)), 30_000).unref();
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { url, ...dirs, output: () => output, stop };
}

/** Sends SIGKILL to whatever is left of a process group after ~5 s, then waits until the group is empty. */
async function waitForGroupExit(pgid) {
  for (let i = 0; ; i++) {
    try {
      process.kill(-pgid, i === 50 ? 'SIGKILL' : 0);
    } catch {
      return; // ESRCH: no process left in the group
    }
    await sleep(100);
  }
}

/** Installs a packaged extension into the given extensions dir (offline; ~0.5 s). */
export async function installVsix({ vsix, userDataDir, extensionsDir }) {
  const runDir = makeRunDir();
  const dirs = { runDir, userDataDir: path.resolve(userDataDir), extensionsDir: path.resolve(extensionsDir) };
  prepareDirs(dirs);
  try {
    const child = spawn(paths.node, [...codeServerArgs(dirs), '--install-extension', path.resolve(vsix)], {
      env: codeServerEnv({}, path.join(runDir, 'tmp')),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve, reject) => child.on('error', reject).on('exit', resolve));
    if (code !== 0 || !/was successfully installed/.test(output)) {
      throw new Error(`installing ${vsix} failed (${code}):\n${output}`);
    }
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/**
 * Launches headless Chromium with a fresh profile.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function launchChromium({ viewport = { width: 1400, height: 900 } } = {}) {
  const profileDir = makeRunDir('hfvs-chromium-');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: paths.chromium,
    headless: true,
    viewport,
    // Our callers stop code-server and remove their folders on Ctrl+C; Playwright must not exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox', // needed when running as root
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  return { context, page: context.pages()[0] ?? (await context.newPage()), close };
}

/**
 * The workbench URL for `folder`. Development extensions and the tests module go into the `payload`
 * parameter as vscode-remote://host:port URIs, so the server's Node extension host loads them
 * (plain paths are silently ignored). Requires the server to run with enable-smoke-test-driver.
 * @param {string} base
 * @param {{ folder?: string, extensionDevelopmentPath?: string | string[], extensionTestsPath?: string }} [options]
 */
export function workbenchUrl(base, { folder, extensionDevelopmentPath = [], extensionTestsPath } = {}) {
  const host = new URL(base).host;
  const remote = (p) => `vscode-remote://${host}${encodeURI(path.resolve(p))}`;
  const payload = [
    ...[extensionDevelopmentPath].flat().map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
  ];
  const params = new URLSearchParams();
  if (folder) params.set('folder', path.resolve(folder));
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${base}/?${params}`;
}

// Workbench chatter forwarded through codeAutomationLog alongside the tests' own output.
const CHATTER =
  /^(\[.*?\]|Resolving connection|Resolved connection token|Creating a socket|Updating additional builtin|Ignoring fetching additional builtin|Started local extension host|ComputeTargetPlatform)/;

/**
 * Runs an extensionTestsPath module (exports `run()`) inside code-server's extension host, printing
 * its output. Resolves with the exit code: 0 passed, 1 failed, 2 harness error or timeout.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  folder,
  env = {},
  userDataDir,
  extensionsDir,
  timeoutMs = 180_000,
  screenshotOnTimeout,
}) {
  // Ctrl+C (or test-electron's SIGINT) ends the run early; `finally` still stops code-server and Chromium.
  let onInterrupt;
  const interrupted = new Promise((resolve) => (onInterrupt = resolve));
  const onSignal = (signal) => onInterrupt(signal === 'SIGINT' ? 130 : 143);
  // `on`, not `once`: Ctrl+C in a terminal and test-electron both send SIGINT, and a second one must not kill us.
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const beforeInterrupt = (promise) => Promise.race([promise, interrupted]);
  let server;
  let browser;
  let timer;
  try {
    server = await startCodeServer({ env, folder, userDataDir, extensionsDir });
    browser = await launchChromium();
    let finished = false; // after the exit call, only the workbench's shutdown noise follows
    const exit = new Promise((resolve) =>
      browser.context.exposeFunction('codeAutomationExit', (code) => {
        finished = true;
        resolve(code);
      }),
    );
    await browser.context.exposeFunction('codeAutomationLog', (type, args) => {
      if (finished) return;
      const line = format(...args);
      if (type === 'error') console.error(line);
      else if (type === 'info' && !CHATTER.test(line)) console.log(line);
    });
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const url = workbenchUrl(server.url, { folder, extensionDevelopmentPath, extensionTestsPath });
    const code = await beforeInterrupt(browser.page.goto(url).then(() => Promise.race([exit, timeout])));
    if (code === 'timeout') {
      console.error(`Extension tests did not finish within ${timeoutMs / 1000} s (is the payload right?)`);
      if (screenshotOnTimeout) {
        mkdirSync(path.dirname(screenshotOnTimeout), { recursive: true });
        await browser.page.screenshot({ path: screenshotOnTimeout }).catch(() => {});
        console.error(`Screenshot: ${screenshotOnTimeout}`);
      }
      return 2;
    }
    return code;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
