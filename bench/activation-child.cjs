// One cold activation of the production bundle, in a fresh Node process (run by bench/run.ts several times):
// `require('dist/extension.js')` and `activate(context)` are timed separately, with `vscode` resolved to the minimal
// stub (bench/vscode-stub.cjs), which is loaded first, as the Extension Host has the API ready before it loads an
// extension. Prints one JSON line: { requireMs, activateMs, loaded } where `loaded` lists the dist/ files in the
// module cache once activation has settled (only extension.js may be there).
'use strict';
/* global require, __dirname, process, performance, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, loading CommonJS as the Extension Host does */
const Module = require('node:module');
const path = require('node:path');
const { readFileSync } = require('node:fs');

const root = path.resolve(__dirname, '..');
const stub = require.resolve('./vscode-stub.cjs');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolveFilename.call(this, request, ...rest);
};
const vscode = require('vscode');
const packageJSON = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
vscode.__bench.settings['huggingface.endpoint'] = process.env.BENCH_ENDPOINT ?? '';
const context = vscode.__bench.createContext(root, packageJSON);
const main = path.join(root, packageJSON.main);

const started = performance.now();
const extension = require(main);
const required = performance.now();
extension.activate(context);
const activated = performance.now();

// Anything activation starts asynchronously has had its chance to load a chunk after a macrotask.
setTimeout(() => {
  const dist = path.join(root, 'dist') + path.sep;
  const loaded = Object.keys(require.cache).filter((file) => file.startsWith(dist)).map((file) => path.relative(root, file));
  process.stdout.write(`${JSON.stringify({ requireMs: required - started, activateMs: activated - required, loaded })}\n`);
  context.subscriptions.forEach((d) => d.dispose());
}, 50);
