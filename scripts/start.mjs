#!/usr/bin/env node
// Runs the extension for trying it out (`npm start`):
//   1. builds it (node esbuild.mjs);
//   2. starts the embedded test Hub, or uses --hub <url> (e.g. --hub https://huggingface.co);
//   3. opens desktop VS Code (`code` on PATH) with the extension as a development extension and
//      HF_ENDPOINT set; without `code` (or with --web) it starts code-server (VS Code in the browser) on
//      127.0.0.1 with the extension loaded, and prints the URL to open.
// Ctrl+C stops everything it started.
//
//   node scripts/start.mjs [--hub <url>] [--web] [--port <n>] [--folder <path>]
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({
  options: {
    hub: { type: 'string' },
    web: { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    folder: { type: 'string', default: path.join(root, 'test/fixtures/workspace') },
  },
});
const folder = path.resolve(options.folder);

const stops = []; // run in reverse order on exit
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  while (stops.length) await stops.pop()().catch((err) => console.error(err));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

console.log('Building the extension ...');
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

let endpoint = options.hub;
if (!endpoint) {
  const { startHubServer } = await import('../test/hub-server/server.mjs');
  const hub = await startHubServer({ port: 0 });
  stops.push(() => hub.close());
  endpoint = hub.url;
  console.log(`Embedded Hub: ${endpoint}`);
}
const env = { HF_ENDPOINT: endpoint };

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode && !options.web) {
  // --wait keeps `code` running until the window closes, so the embedded Hub lives as long as the window.
  console.log(`Opening VS Code with the extension (HF_ENDPOINT=${endpoint}); close the window or press Ctrl+C to stop.`);
  const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, folder], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  stops.push(async () => code.kill());
  code.on('exit', (status) => void stopAll(status ?? 0));
} else {
  const { provision } = await import('../test/vscode/provision.mjs');
  const { startCodeServer, workbenchUrl } = await import('../test/vscode/lib.mjs');
  await provision();
  const server = await startCodeServer({ env, folder, port: Number(options.port) });
  stops.push(() => server.stop());
  const url = workbenchUrl(server.url, { folder, extensionDevelopmentPath: root });
  console.log(`\nVS Code (code-server) with the extension, talking to ${endpoint}. Open:\n\n  ${url}\n`);
  console.log('After `npm run build` (or with `npm run watch`), reload the browser tab to load changes. Ctrl+C stops.');
}
