#!/usr/bin/env node
// Provisions the pinned "real VS Code" used by the Extension Host and UI tests into the git-ignored
// .vscode-test/ folder: Node 24 (code-server's engines.node) and code-server (VS Code 1.139 for the
// web, with the same Node extension host as desktop). See /work/shared/docs/vscode-harness.md.
//
//   node test/vscode/provision.mjs        # or: import { provision } from './provision.mjs'
//
// Reuses an existing install when its stamp file matches the pinned versions.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const root = path.join(repoRoot, '.vscode-test');
const nodeDir = path.join(root, 'node24');
const csDir = path.join(root, 'code-server');
const stampFile = path.join(root, 'provision.json');

/** Paths of the provisioned tools (they exist once provision() has resolved). */
export const paths = {
  node: path.join(nodeDir, 'node_modules/.bin/node'),
  nodeBin: path.join(nodeDir, 'node_modules/.bin'),
  // The `node` npm package ships the matching headers, which node-gyp needs (npm_config_nodedir).
  nodeHeaders: path.join(nodeDir, `node_modules/node/node_modules/node-${process.platform}-${process.arch}`),
  codeServer: path.join(csDir, 'node_modules/code-server/out/node/entry.js'),
  chromium: CHROMIUM,
};

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

function readStamp() {
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
async function npmInstall(dir, spec, env) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "vscode-test-tool", "private": true }\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: dir, env: withoutOuterNpm(env) });
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

/** Makes sure Node 24 and code-server are in .vscode-test/; returns `paths`. */
export async function provision({ log = (line) => console.log(`[provision] ${line}`) } = {}) {
  const stamp = readStamp();
  const nodeReady = stamp.node === NODE_VERSION && existsSync(paths.node);
  // code-server's native modules are built for one Node version: a new Node means a new code-server.
  const codeServerReady = nodeReady && stamp.codeServer === CODE_SERVER_VERSION && existsSync(paths.codeServer);
  checkSystemPackages({ build: !codeServerReady });
  mkdirSync(root, { recursive: true });

  if (nodeReady) {
    log(`node ${NODE_VERSION}: present`);
  } else {
    const t0 = Date.now();
    log(`node ${NODE_VERSION}: installing into ${path.relative(repoRoot, nodeDir)}/ ...`);
    await npmInstall(nodeDir, `node@${NODE_VERSION}`, process.env);
    writeFileSync(stampFile, JSON.stringify({ node: NODE_VERSION }, null, 2) + '\n');
    log(`node ${NODE_VERSION}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  if (codeServerReady) {
    log(`code-server ${CODE_SERVER_VERSION}: present`);
  } else {
    const t0 = Date.now();
    log(`code-server ${CODE_SERVER_VERSION}: installing into ${path.relative(repoRoot, csDir)}/ (native builds, ~1-2 min) ...`);
    // npm (and so node-gyp) runs on Node 24 and builds native modules against Node 24's headers.
    const env = {
      ...process.env,
      PATH: `${paths.nodeBin}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: paths.nodeHeaders,
    };
    await npmInstall(csDir, `code-server@${CODE_SERVER_VERSION}`, env);
    writeFileSync(stampFile, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION }, null, 2) + '\n');
    log(`code-server ${CODE_SERVER_VERSION}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    await provision();
    console.log(`[provision] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`[provision] ${err.message}`);
    process.exit(1);
  }
}
