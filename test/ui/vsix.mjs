// Packages the extension as a .vsix and checks what ends up inside it.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../vscode/provision.mjs';

export const SIZE_BUDGET_BYTES = 1024 * 1024;

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

/** `npm run package` (production build), then `vsce package` into `outFile`. */
export async function packageVsix(outFile) {
  await run('npm', ['run', '--silent', 'package']);
  await run(path.join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', outFile]);
  return outFile;
}

/** File names in a zip archive, read from its central directory (a .vsix is a zip). */
export function zipEntries(file) {
  const zip = readFileSync(file);
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: corrupt central directory`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// What the package may hold, below its `extension/` folder (vsce renames README.md to readme.md and
// LICENSE to LICENSE.txt): the bundles without source maps, KaTeX's woff2 fonts, media and the docs. No tests, sources or node_modules.
const ALLOWED = [/^dist\/.+\.(js|css)$/, /^dist\/webview\/katex\/fonts\/KaTeX_[\w-]+\.woff2$/, /^media\//, /^package\.json$/, /^readme\.md$/i, /^license(\.(md|txt))?$/i, /^changelog\.md$/i];
const REQUIRED = [/^package\.json$/, /^readme\.md$/i, /^dist\/extension\.js$/];

/** Problems with a packaged .vsix (empty when it is fine). */
export function vsixProblems(file) {
  const problems = [];
  const size = statSync(file).size;
  if (size > SIZE_BUDGET_BYTES) problems.push(`${size} bytes is over the ${SIZE_BUDGET_BYTES}-byte budget`);
  const files = zipEntries(file)
    .filter((name) => name.startsWith('extension/'))
    .map((name) => name.slice('extension/'.length));
  for (const name of files) {
    if (!ALLOWED.some((pattern) => pattern.test(name))) problems.push(`unexpected file: ${name}`);
  }
  for (const pattern of REQUIRED) {
    if (!files.some((name) => pattern.test(name))) problems.push(`missing file: ${pattern.source}`);
  }
  return problems;
}
