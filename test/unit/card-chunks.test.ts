import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCardMarkdown } from '../../src/cards/markdown';
import { blockState, CardChunks, GROUP_CHARS, renderChunked } from '../../webview/chunks';
import { MARKDOWN_CATEGORIES, readVectors } from '../hub-server/hostile.mjs';
import { readmes } from './fixture-cards';

const cards = readmes('generated-cards');
const vectors = readVectors();
const hostile: [string, string][] = [
  ...readmes('xss'),
  ...MARKDOWN_CATEGORIES.map((category): [string, string] => [`xss vectors: ${category}`, (vectors.get(category) ?? []).join('\n\n')]),
];
/** Every fixture card one after another: hundreds of pieces, with tables, lists, code and HTML blocks cut between. */
const long = cards.map(([, body]) => body).join('\n\n');

function pieces(md: ReturnType<typeof createCardMarkdown>, text: string, groupChars?: number): string[] {
  const chunks = new CardChunks(md, text, groupChars);
  assert.equal(chunks.parse(), true);
  return Array.from({ length: chunks.length }, (_, i) => chunks.html(i));
}

describe('card render in pieces', () => {
  const md = createCardMarkdown();

  it('joins to the one-shot render for every fixture card and hostile card', () => {
    assert.ok(cards.length > 100 && hostile.length >= 10);
    for (const [name, body] of [...cards, ...hostile]) {
      for (const groupChars of [GROUP_CHARS, 1]) {
        assert.equal(pieces(md, body, groupChars).join(''), md.render(body), `${name}, pieces of ${groupChars} characters`);
      }
    }
  });

  it('joins to the one-shot render for all fixture cards together, cut into many pieces', () => {
    const html = pieces(md, long);
    assert.ok(html.length > 50, `${html.length} pieces`);
    assert.equal(html.join(''), md.render(long));
  });

  it('builds the line table markdown-it builds, for every card and for lines of spaces, tabs and nothing', () => {
    const edges = ['', '\n', 'a', '  ', '  \n', '\t\tx\n \t y', 'x\n   ', 'x\n\t', ' \t\n\n  \t  z  \n', '\n\n\n', '    code\n\t\tmore'];
    const texts = [...edges, ...cards.map(([, body]) => body), ...hostile.map(([, body]) => body)];
    for (const text of texts) {
      // markdown-it's normalize rule (line endings, NUL) is the first core rule: the block state sees its output.
      const core = new md.core.State(text, md, {});
      md.core.ruler.getRules('')[0](core);
      const expected = new md.block.State(core.src, md, {}, []);
      const actual = blockState(md, core.src, {}, []);
      for (const field of ['bMarks', 'eMarks', 'tShift', 'sCount', 'bsCount', 'lineMax', 'src'] as const) {
        assert.deepEqual(actual[field], expected[field], `${field} of ${JSON.stringify(text.slice(0, 40))}`);
      }
    }
  });

  it('keeps reference definitions working across pieces', () => {
    const text = `See [the paper][paper].\n\n${'Filler paragraph.\n\n'.repeat(2000)}[paper]: https://arxiv.org/abs/1810.04805\n`;
    const html = pieces(md, text);
    assert.ok(html.length > 2);
    assert.match(html[0], /<a href="https:\/\/arxiv.org\/abs\/1810.04805">the paper<\/a>/);
    assert.equal(html.join(''), md.render(text));
  });

  it('bounds each piece: about the group size of source, or one top-level block that is bigger', () => {
    const text = long;
    const chunks = new CardChunks(md, text);
    chunks.parse();
    const sizes = Array.from({ length: chunks.length }, (_, i) => chunks.html(i).length);
    // The source of a piece is at most the group size plus its last block; HTML is longer than its source, so bound
    // the HTML loosely and check that the pieces are many and mostly small.
    const small = sizes.filter((size) => size < 8 * GROUP_CHARS).length;
    assert.ok(small / sizes.length > 0.95, `${small} of ${sizes.length} pieces under ${8 * GROUP_CHARS} characters of HTML`);
    assert.ok(sizes.length >= Math.floor(text.length / (4 * GROUP_CHARS)), `${sizes.length} pieces for ${text.length} characters`);
  });

  it('gives a short README one piece', () => {
    const [, body] = cards.find(([, b]) => b.length > 2000 && b.length < GROUP_CHARS) ?? assert.fail('no short card');
    const chunks = new CardChunks(md, body);
    chunks.parse();
    assert.equal(chunks.length, 1);
  });

  it('cuts a long <details> block between the blocks inside it, which continue inside the <details>', () => {
    const inside = '\n\nInside paragraph.\n\n'.repeat(400);
    const text = `<details><summary>More</summary>\n${inside}</details>\n\nAfter.\n\n${'Tail paragraph.\n\n'.repeat(1000)}`;
    const chunks = new CardChunks(md, text);
    chunks.parse();
    const html = Array.from({ length: chunks.length }, (_, i) => chunks.html(i));
    assert.equal(html.join(''), md.render(text));
    assert.match(html[0], /^<details><summary>More<\/summary>\n<p>/);
    assert.ok(!html[0].includes('</details>'), 'the first piece ends inside the <details>');
    const continued = html.map((_, i) => chunks.continues(i).join(' '));
    assert.ok(continued.filter((c) => c === 'details').length >= 2, continued.join(' | '));
    const closing = html.findIndex((piece) => piece.includes('</details>'));
    assert.equal(continued[closing], 'details');
    assert.deepEqual(continued.slice(closing + 1).filter((c) => c !== ''), [], 'after the </details>, pieces start at the top level');
  });

  it('cuts a long table between its rows and a long list between its items', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `| row ${i} | **bold ${i}** | \`code ${i}\` |`).join('\n');
    const items = Array.from({ length: 1500 }, (_, i) => `${i + 1}. item ${i} with [a link](https://example.com/${i})`).join('\n');
    const text = `| a | b | c |\n|---|:-:|--:|\n${rows}\n\n${items}\n`;
    const chunks = new CardChunks(md, text);
    chunks.parse();
    const html = Array.from({ length: chunks.length }, (_, i) => chunks.html(i));
    assert.equal(html.join(''), md.render(text));
    const continued = html.map((_, i) => chunks.continues(i).join(' '));
    assert.ok(continued.filter((c) => c === 'table tbody').length >= 5, continued.join(' | '));
    assert.ok(continued.filter((c) => c === 'ol').length >= 5, continued.join(' | '));
    for (const [i, piece] of html.entries()) {
      if (continued[i] === 'table tbody') {
        assert.match(piece, /^<tr><td>/);
      }
      assert.ok(piece.length < 8 * GROUP_CHARS, `piece ${i} is ${piece.length} characters`);
    }
  });

  it('never continues inside what the parser treats in its own way: an HTML table, a summary, a formatting element', () => {
    const filler = 'A paragraph inside.\n\n'.repeat(600);
    for (const open of ['<table><tbody><tr><td>', '<table>', '<details><summary>', '<div><b>', '<ul><li><span>', '<dl><dd>']) {
      const text = `${open}\n\n${filler}`;
      const chunks = new CardChunks(md, text);
      chunks.parse();
      assert.equal(chunks.length, 1, `${open}: ${chunks.length} pieces`);
    }
  });

  it('renders through tasks, in order, and stops when cancelled', async () => {
    const appended: string[] = [];
    let tasks = 0;
    const done = await renderChunked(md, long, { append: (html) => appended.push(html), cancelled: () => false, budgetMs: 0, yieldTask: async () => void tasks++ });
    assert.equal(done, true);
    assert.equal(appended.join(''), md.render(long));
    // Every top-level block is a slice of the block phase of its own at a zero budget, then every piece is a task.
    assert.ok(tasks > 2 * appended.length, `${tasks} tasks for ${appended.length} pieces`);

    const partial: string[] = [];
    const stopped = await renderChunked(md, long, { append: (html) => partial.push(html), cancelled: () => partial.length >= 3, budgetMs: 0, yieldTask: async () => undefined });
    assert.equal(stopped, false);
    assert.equal(partial.length, 3);

    let slices = 0;
    const none: string[] = [];
    const early = await renderChunked(md, long, { append: (html) => none.push(html), cancelled: () => slices >= 5, budgetMs: 0, yieldTask: async () => void slices++ });
    assert.equal(early, false);
    assert.deepEqual(none, [], 'cancelled while the blocks were parsed');
  });

  it('renders a short README in one piece in the first task', async () => {
    const [, body] = cards.find(([, b]) => b.length > 2000 && b.length < GROUP_CHARS) ?? assert.fail('no short card');
    let tasks = 0;
    const appended: boolean[] = [];
    // A budget no short card can exceed, even on a loaded machine: this is about the order of work, not its speed.
    await renderChunked(md, body, { append: (_html, first) => appended.push(first), cancelled: () => false, budgetMs: 1000, yieldTask: async () => void tasks++ });
    assert.deepEqual(appended, [true]);
    assert.equal(tasks, 0);
  });
});
