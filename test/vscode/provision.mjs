#!/usr/bin/env node
// Provisions the pinned "real VS Code"s used by the Extension Host and UI tests into the git-ignored
// .vscode-test/ folder, each as a code-server (VS Code for the web, with the same Node extension host as
// desktop) plus the Node it requires. See /work/shared/docs/vscode-harness.md.
//   latest  VS Code 1.139 (code-server 4.139.1, Node 24), what the tests use by default;
//   min     VS Code 1.96 (code-server 4.96.4, Node 20.18), the oldest engines.vscode allows (npm has no
//           code-server with VS Code 1.95). Installing it offline takes three fixes: see installCodeServerMin().
//
//   node test/vscode/provision.mjs [--vscode latest|min|all]   # or: import { provision } from './provision.mjs'
//
// Reuses an existing install when its stamp file matches the pinned versions.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const root = path.join(repoRoot, '.vscode-test');

/**
 * @typedef {'latest' | 'min'} Target
 * @typedef {{ vscode: string, node: string, codeServer: string, nodeDir: string, csDir: string, stampFile: string,
 *   smokeTestDriverArgs: string[] }} TargetSpec
 */
/** @type {Record<Target, TargetSpec>} */
export const TARGETS = {
  latest: {
    vscode: '1.139.1',
    node: '24.21.0', // code-server's engines.node
    codeServer: '4.139.1',
    nodeDir: path.join(root, 'node24'),
    csDir: path.join(root, 'code-server'),
    stampFile: path.join(root, 'provision.json'),
    smokeTestDriverArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  },
  min: {
    vscode: '1.96.4',
    node: '20.18.1', // the Node that VS Code 1.96's server ships with
    codeServer: '4.96.4',
    nodeDir: path.join(root, 'code-server-4.96.4/node'),
    csDir: path.join(root, 'code-server-4.96.4/cs'),
    stampFile: path.join(root, 'code-server-4.96.4/provision.json'),
    // code-server 4.96 has no --vscode-option; installCodeServerMin() teaches its parser VS Code's own flag.
    smokeTestDriverArgs: ['--enable-smoke-test-driver'],
  },
};

/** Which target a process uses: $HF_HUB_TEST_VSCODE (set by run-exthost.mjs --vscode), else `latest`. */
export function currentTarget() {
  const target = process.env.HF_HUB_TEST_VSCODE || 'latest';
  if (!(target in TARGETS)) throw new Error(`HF_HUB_TEST_VSCODE=${target}: expected one of ${Object.keys(TARGETS).join(', ')}`);
  return /** @type {Target} */ (target);
}

/**
 * Paths of one target's tools (they exist once provision() has resolved for it).
 * @param {Target} target
 */
export function toolPaths(target) {
  const { nodeDir, csDir, smokeTestDriverArgs } = TARGETS[target];
  return {
    node: path.join(nodeDir, 'node_modules/.bin/node'),
    nodeBin: path.join(nodeDir, 'node_modules/.bin'),
    // The `node` npm package ships the matching headers, which node-gyp needs (npm_config_nodedir).
    nodeHeaders: path.join(nodeDir, `node_modules/node/node_modules/node-${process.platform}-${process.arch}`),
    codeServer: path.join(csDir, 'node_modules/code-server/out/node/entry.js'),
    chromium: CHROMIUM,
    smokeTestDriverArgs,
  };
}

/** The tools of this process's target (see currentTarget()). */
export const paths = toolPaths(currentTarget());

// Debian packages needed to build code-server's native modules, with the pkg-config module each provides.
const NATIVE_BUILD_PACKAGES = { 'libkrb5-dev': 'krb5', 'libx11-dev': 'x11', 'libxkbfile-dev': 'xkbfile', 'libsecret-1-dev': 'libsecret-1' };
const BUILD_TOOLS = { make: 'build-essential', 'g++': 'build-essential', python3: 'python3', 'pkg-config': 'pkg-config' };

const succeeds = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const onPath = (cmd) => succeeds('sh', ['-c', `command -v ${cmd}`]);
const libraryPresent = (pkg, pcModule) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ||
  succeeds('pkg-config', ['--exists', pcModule]);

/**
 * Throws one error listing every missing system package, with the apt-get command that installs them.
 * Chromium is always needed; the build tools and libraries only to install code-server.
 */
export function checkSystemPackages({ build = true } = {}) {
  const missing = new Set();
  if (!existsSync(CHROMIUM)) missing.add('chromium');
  if (build) {
    for (const [cmd, pkg] of Object.entries(BUILD_TOOLS)) if (!onPath(cmd)) missing.add(pkg);
    for (const [pkg, pcModule] of Object.entries(NATIVE_BUILD_PACKAGES)) if (!libraryPresent(pkg, pcModule)) missing.add(pkg);
  }
  if (missing.size) {
    const list = [...missing].join(' ');
    throw new Error(
      `Missing system packages needed to run VS Code tests: ${list}\n` +
        `Install them (as root) with:\n  apt-get update && apt-get install -y ${list}`,
    );
  }
}

function readStamp(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

function run(cmd, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}) in ${cwd}:\n${output.slice(-4000)}`)),
    );
  });
}

// npm install into a fresh folder with its own package.json, so it never touches the repo's node_modules.
async function npmInstall(dir, spec, env, extraArgs = []) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "vscode-test-tool", "private": true }\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...extraArgs, spec], { cwd: dir, env: withoutOuterNpm(env) });
}

/**
 * Under `npm test`, the outer npm's settings arrive as `npm_*` variables, and npm reads `npm_config_*` as its own
 * configuration: its user agent would say Node 20, and code-server's install script checks that. The inner npm gets
 * a clean environment (keeping only the headers folder chosen here).
 */
function withoutOuterNpm(env) {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'));
  if (env.npm_config_nodedir) {
    clean.npm_config_nodedir = env.npm_config_nodedir;
  }
  return clean;
}

// What code-server 4.96.4's lib/vscode/npm-shrinkwrap.json pins (@vscode/ripgrep) and the ripgrep release its
// postinstall downloads from GitHub.
const RIPGREP = { package: '1.15.9', release: 'v13.0.0-10', universal: '@vscode/ripgrep-universal@1.18.0' };
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

/**
 * Dependencies the lockfile takes from GitHub (git+ssh://...) come from the registry instead: the same package and
 * version, and npm still checks the lockfile's integrity, so the content is the same.
 */
function useRegistryTarballs(lockfile) {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!/^git/.test(entry.resolved ?? '')) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
  }
  writeFileSync(lockfile, JSON.stringify(lock, null, 2) + '\n');
}

/**
 * code-server 4.96 rejects options it does not list, and passes the ones it lists on to VS Code's server, which
 * knows --enable-smoke-test-driver (it makes the workbench honour the `payload` URL parameter the harness uses).
 */
function teachSmokeTestDriverFlag(cliJs) {
  const anchor = '    "disable-proxy": {';
  const source = readFileSync(cliJs, 'utf8');
  if (!source.includes(anchor)) throw new Error(`${cliJs}: no "disable-proxy" option to add enable-smoke-test-driver beside`);
  const option = '    "enable-smoke-test-driver": {\n        type: "boolean",\n        description: "Added by the test harness.",\n    },\n';
  writeFileSync(cliJs, source.replace(anchor, option + anchor));
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless its download cache in $TMPDIR has the archive. The
 * cache gets the same binary from the registry's @vscode/ripgrep-universal.
 */
async function seedRipgrepCache(tmpDir, env) {
  const triple = RIPGREP_TARGETS[process.arch];
  if (process.platform !== 'linux' || !triple) throw new Error(`VS Code ${TARGETS.min.vscode}: only Linux x64 and arm64 are provisioned`);
  const universal = path.join(tmpDir, 'ripgrep-universal');
  await npmInstall(universal, RIPGREP.universal, env);
  const binDir = path.join(universal, `node_modules/@vscode/ripgrep-universal/bin/linux-${process.arch}`);
  const cache = path.join(tmpDir, `vscode-ripgrep-cache-${RIPGREP.package}`);
  mkdirSync(cache, { recursive: true });
  await run('tar', ['czf', path.join(cache, `ripgrep-${RIPGREP.release}-${triple}.tar.gz`), '-C', binDir, 'rg'], { cwd: tmpDir, env });
}

/**
 * code-server 4.96.4 installed offline. Its install script runs a nested `npm install` in lib/vscode, so the fixes go
 * in between: install without scripts, fix lib/vscode's lockfile, the CLI and ripgrep's cache, then run the scripts.
 */
async function installCodeServerMin(csDir, env) {
  await npmInstall(csDir, `code-server@${TARGETS.min.codeServer}`, env, ['--ignore-scripts']);
  const pkg = path.join(csDir, 'node_modules/code-server');
  useRegistryTarballs(path.join(pkg, 'lib/vscode/npm-shrinkwrap.json'));
  teachSmokeTestDriverFlag(path.join(pkg, 'out/node/cli.js'));
  const tmpDir = path.join(path.dirname(csDir), 'tmp');
  try {
    await seedRipgrepCache(tmpDir, env);
    // As root, code-server's install script insists on npm's old unsafe-perm setting.
    const scriptsEnv = { ...withoutOuterNpm(env), TMPDIR: tmpDir, npm_config_unsafe_perm: 'true' };
    await run('npm', ['rebuild', '--no-audit', '--no-fund'], { cwd: csDir, env: scriptsEnv });
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure one target's Node and code-server are in .vscode-test/; returns their paths.
 * @param {{ target?: Target, log?: (line: string) => void }} [options]
 */
export async function provision({ target = currentTarget(), log = (line) => console.log(`[provision] ${line}`) } = {}) {
  const spec = TARGETS[target];
  const tools = toolPaths(target);
  const stamp = readStamp(spec.stampFile);
  const nodeReady = stamp.node === spec.node && existsSync(tools.node);
  // code-server's native modules are built for one Node version: a new Node means a new code-server.
  const codeServerReady = nodeReady && stamp.codeServer === spec.codeServer && existsSync(tools.codeServer);
  checkSystemPackages({ build: !codeServerReady });
  mkdirSync(path.dirname(spec.stampFile), { recursive: true });

  if (nodeReady) {
    log(`node ${spec.node}: present`);
  } else {
    const t0 = Date.now();
    log(`node ${spec.node}: installing into ${path.relative(repoRoot, spec.nodeDir)}/ ...`);
    await npmInstall(spec.nodeDir, `node@${spec.node}`, process.env);
    writeFileSync(spec.stampFile, JSON.stringify({ node: spec.node }, null, 2) + '\n');
    log(`node ${spec.node}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  if (codeServerReady) {
    log(`code-server ${spec.codeServer} (VS Code ${spec.vscode}): present`);
  } else {
    const t0 = Date.now();
    log(`code-server ${spec.codeServer} (VS Code ${spec.vscode}): installing into ${path.relative(repoRoot, spec.csDir)}/ (native builds, ~1-3 min) ...`);
    // npm (and so node-gyp) runs on the target's Node and builds native modules against its headers.
    const env = {
      ...process.env,
      PATH: `${tools.nodeBin}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: tools.nodeHeaders,
    };
    if (target === 'min') {
      await installCodeServerMin(spec.csDir, env);
    } else {
      await npmInstall(spec.csDir, `code-server@${spec.codeServer}`, env);
    }
    writeFileSync(spec.stampFile, JSON.stringify({ node: spec.node, codeServer: spec.codeServer }, null, 2) + '\n');
    log(`code-server ${spec.codeServer}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return tools;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const at = process.argv.indexOf('--vscode');
  const choice = at > 0 ? process.argv[at + 1] : currentTarget();
  try {
    if (choice !== 'all' && !(choice in TARGETS)) throw new Error(`--vscode ${choice}: expected all, ${Object.keys(TARGETS).join(', ')}`);
    for (const target of choice === 'all' ? Object.keys(TARGETS) : [choice]) {
      await provision({ target: /** @type {Target} */ (target) });
    }
    console.log(`[provision] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`[provision] ${err.message}`);
    process.exit(1);
  }
}
