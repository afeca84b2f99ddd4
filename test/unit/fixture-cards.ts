// The README cards under test/fixtures/<dir>, as the card pipeline sees them (front matter removed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareReadme } from '../../src/cards/prepare';

const fixtures = path.join(__dirname, '../fixtures');

/** `[name, body]` of every README.md under test/fixtures/`dir`, in name order. */
export function readmes(dir: string): [string, string][] {
  return readdirSync(path.join(fixtures, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('README.md'))
    .sort()
    .map((f) => [`${dir}/${f}`, prepareReadme(readFileSync(path.join(fixtures, dir, f), 'utf8')).body]);
}
