// Front matter ends where the Hub ends it, or text the Hub hides would show in the card (and the reverse). The oracle
// is huggingface_hub's REGEX_YAML_BLOCK itself, run on short inputs where its backtracking costs nothing; the card's
// splitter (src/cards/frontMatter.ts) and the embedded Hub's (test/hub-server/front-matter.mjs) must agree with it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitFrontMatter } from '../../src/cards/frontMatter';
import { prepareReadme } from '../../src/cards/prepare';
import { splitFrontMatter as hubSplit } from '../hub-server/front-matter.mjs';
import { parseFrontMatter } from '../hub-server/yaml.mjs';

const REGEX_YAML_BLOCK = /^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))/;

/** What the Hub reads: whether there is a block, its YAML (group 2) and the text after it. */
function hub(text: string): { yaml?: string; body: string } {
  const m = REGEX_YAML_BLOCK.exec(text);
  return m ? { yaml: m[2], body: text.slice(m[0].length) } : { body: text };
}

/** A splitter's answer in the oracle's terms: its YAML without the line breaks before the closing fence. */
function asHub(split: { yaml?: string; body: string }): { yaml?: string; body: string } {
  return split.yaml === undefined ? { body: split.body } : { yaml: split.yaml.replace(/[\r\n]+$/, ''), body: split.body };
}

const CASES: [string, string][] = [
  ['a `...` line ends nothing: the text after it is hidden on the Hub', '---\na: 1\n...\nhidden text\n---\nshown\n'],
  ['leading whitespace and blank lines before the opening fence', '  \n\n ---\na: 1\n---\nbody'],
  ['a space after the opening fence: not front matter', '--- \na: 1\n---\nbody'],
  ['a space after the closing fence: not a closer', '---\na: 1\n--- \nb: 2\n---\nbody'],
  ['a closer followed by more dashes is not one', '---\na: 1\n----\nb\n---\nbody'],
  ['a closer at the very end', '---\na: 1\n---'],
  ['a closer followed by CR alone is not one', '---\na: 1\n---\rx\n---\nbody'],
  ['CRLF throughout', '---\r\na: 1\r\n---\r\nbody\r\n'],
  ['a lone CR before the closer', '---\na: 1\r---\nbody'],
  ['an empty block needs two line breaks', '---\n---\nbody'],
  ['an empty block with two line breaks', '---\n\n---\nbody'],
  ['blank lines before the closer', '---\na: 1\n\n\n---\nbody'],
  ['no closer at all', '---\na: 1\nbody'],
  ['a BOM before the opening fence', '\uFEFF---\na: 1\n---\nbody'],
  ['an indented closer is not one', '---\na: 1\n ---\nb\n---\nbody'],
  ['text before the opening fence', 'x\n---\na: 1\n---\nbody'],
];

describe('card front matter, by the Hub rule', () => {
  it('matches REGEX_YAML_BLOCK on the edge cases', () => {
    for (const [name, text] of CASES) {
      assert.deepEqual(asHub(splitFrontMatter(text)), hub(text), `card: ${name}`);
      assert.deepEqual(asHub(hubSplit(text)), hub(text), `embedded Hub: ${name}`);
    }
  });

  it('never shows text between `...` and `---`, which the Hub hides', () => {
    const text = '---\nlicense: mit\n...\nThis line is hidden on the Hub.\n---\n# Visible\n';
    const { body } = prepareReadme(text);
    assert.equal(body, '# Visible\n');
    assert.equal(parseFrontMatter(text).body, '# Visible\n');
  });

  it('matches REGEX_YAML_BLOCK on 40,000 random short texts of fences, breaks and spaces', () => {
    const alphabet = ['-', '-', '-', '---', '\n', '\n', '\r', '\r\n', ' ', '\t', '.', '...', 'a'];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 40_000; n++) {
      let text = '';
      const parts = 1 + Math.floor(random() * 12);
      for (let p = 0; p < parts; p++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      const expected = hub(text);
      assert.deepEqual(asHub(splitFrontMatter(text)), expected, `card: ${JSON.stringify(text)}`);
      assert.deepEqual(asHub(hubSplit(text)), expected, `embedded Hub: ${JSON.stringify(text)}`);
    }
  });

  it('keeps the embedded Hub and the card in step on YAML and body', () => {
    for (const [, text] of CASES) {
      const card = splitFrontMatter(text);
      const served = parseFrontMatter(text);
      assert.equal(served.hasFrontMatter, card.yaml !== undefined, JSON.stringify(text));
      assert.equal(served.body, card.yaml === undefined ? text.replace(/^\uFEFF/, '') : card.body, JSON.stringify(text));
    }
  });
});
