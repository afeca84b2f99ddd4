// Test data is written by the project: no file under test/ may be a copy of a file in ../shared/hub-fixtures/ (the
// recorded Hub responses and real cards the fixtures were written to match), byte for byte, re-indented (JSON compared
// as parsed values) or re-wrapped (text compared with its whitespace collapsed). Where that folder is absent, as in a
// fresh clone, the test says so and checks nothing else; nothing else in the repository reads it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `../shared/hub-fixtures` of the repository: next to this checkout, or next to the main checkout when this one is a
 * linked worktree (whose `.git` file points into the main checkout's `.git/worktrees/`).
 */
function referenceFolder(): string | undefined {
  const roots = [ROOT];
  const dotGit = path.join(ROOT, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    const gitdir = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
    if (gitdir) {
      roots.push(path.dirname(path.resolve(ROOT, gitdir.trim(), '..', '..')));
    }
  }
  return roots.map((root) => path.resolve(root, '../shared/hub-fixtures')).find((dir) => existsSync(dir));
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const digest = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A JSON value with its object keys sorted, so that re-indented or reordered copies compare equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** The three fingerprints of a file: its bytes, its JSON value (if it is JSON) and its text with whitespace collapsed. */
function fingerprints(file: string): string[] {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const words = text.replace(/\s+/g, ' ').trim();
  if (!words) {
    // An empty file is a copy of nothing.
    return [];
  }
  const out = [`bytes:${digest(bytes)}`, `text:${digest(words)}`];
  try {
    out.push(`json:${digest(JSON.stringify(canonical(JSON.parse(text))))}`);
  } catch {
    // Not JSON: bytes and text are enough.
  }
  return out;
}

/** Files under `checked` that are copies of files under `reference`, as `file is a copy of original` lines. */
function findCopies(checked: string, reference: string): string[] {
  const known = new Map<string, string>();
  for (const file of files(reference)) {
    for (const print of fingerprints(file)) {
      known.set(print, path.relative(reference, file));
    }
  }
  const copies: string[] = [];
  for (const file of files(checked)) {
    const match = fingerprints(file).map((print) => known.get(print)).find(Boolean);
    if (match) {
      copies.push(`${path.relative(checked, file)} is a copy of ${match}`);
    }
  }
  return copies;
}

describe('test data provenance', () => {
  it('holds no copy of a file from ../shared/hub-fixtures under test/', (t) => {
    const reference = referenceFolder();
    if (!reference) {
      t.diagnostic('../shared/hub-fixtures is not here: nothing to compare test/ with.');
      return;
    }
    assert.ok(files(reference).length > 100, `files in ${reference}`);
    assert.deepEqual(findCopies(path.join(ROOT, 'test'), reference), []);
  });

  it('finds copies: byte for byte, re-indented JSON and re-wrapped text, not empty files or other text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'provenance-'));
    try {
      const [reference, checked] = ['reference', 'checked'].map((name) => path.join(dir, name));
      mkdirSync(path.join(reference, 'api'), { recursive: true });
      mkdirSync(path.join(checked, 'fixtures'), { recursive: true });
      const body = { id: 'acme/rocket', tags: ['a', 'b'], downloads: 7 };
      const prose = 'A paragraph of someone else\'s card, long enough to be worth copying, with a line break\nin it.\n';
      writeFileSync(path.join(reference, 'api/body.json'), JSON.stringify(body));
      writeFileSync(path.join(reference, 'README.md'), prose);
      writeFileSync(path.join(reference, 'empty.txt'), '');
      writeFileSync(path.join(checked, 'fixtures/same.md'), prose);
      writeFileSync(path.join(checked, 'fixtures/reindented.json'), `${JSON.stringify({ downloads: 7, tags: ['a', 'b'], id: 'acme/rocket' }, null, 4)}\n`);
      writeFileSync(path.join(checked, 'fixtures/rewrapped.md'), prose.replace(/ /g, '\n  ').replace('\n', '   '));
      writeFileSync(path.join(checked, 'fixtures/own.md'), 'A paragraph written for the project.\n');
      writeFileSync(path.join(checked, 'fixtures/other.json'), JSON.stringify({ ...body, downloads: 8 }));
      writeFileSync(path.join(checked, 'fixtures/__init__.py'), '');
      assert.deepEqual(findCopies(checked, reference).sort(), [
        `${path.join('fixtures', 'reindented.json')} is a copy of ${path.join('api', 'body.json')}`,
        `${path.join('fixtures', 'rewrapped.md')} is a copy of README.md`,
        `${path.join('fixtures', 'same.md')} is a copy of README.md`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
