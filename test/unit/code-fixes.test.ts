// What quick fixes, completions and CodeLens may write into the user's code: only valid repo ids, checked where the
// Hub's text enters the facts (parseFacts) and again where a fix is built (src/code/fixes.ts). Hostile values are
// the ones a card's metadata or a redirect could carry: quotes that close the string, a call padded off screen,
// newlines, backslashes, over-long parts and bidi controls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertable, isPythonIdentifier, lensId, resolutionFix, suggestionFixes, useIdFix } from '../../src/code/fixes';
import { findRepoRefs, type RepoIdRef } from '../../src/code/pyRefs';
import { isStringToken, tokenize } from '../../src/code/pyTokens';
import { parseFacts, RepoResolver, type FactsSource, type RepoFacts, type Resolution } from '../../src/code/resolver';
import { isValidRepoId } from '../../src/hub/repoId';

const SOURCE = 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/m")\n';

/** The value the issue reports: valid Python once spliced into `from_pretrained("org/m")`, and it runs a command. */
const PADDED_IMPORT = `org/m-v2"${' '.repeat(200)}, __import__("os").system("touch /tmp/pwned") or "`;

const HOSTILE_IDS: readonly string[] = [
  PADDED_IMPORT,
  'org/m"); import os; os.system("id"); ("',
  "org/m'); __import__('os').system('id'); ('",
  'org/m"\nimport os\nos.system("id")\n"',
  'org/m\nimport os',
  'org/m\r\nx = 1',
  'org/m\\',
  'org/m\\x22',
  'org/m\u2028x',
  `org/${'m'.repeat(97)}`,
  `${'o'.repeat(97)}/m`,
  'org/m\u202Egp.txt',
  'org/\u2066m\u2069',
  'org/m\u200E',
  'org/m\u061C',
  'org/m{__import__("os")}',
  'org/m x',
  'org/m/../../etc',
  'org/m--v2',
  '.org/m',
  '',
  ' ',
];

function ref(source = SOURCE, id = 'org/m'): RepoIdRef {
  const found = findRepoRefs(source).find((r) => r.id === id);
  assert.ok(found, `${id} is a reference in the source`);
  return found;
}

function facts(extra: Partial<RepoFacts> = {}): RepoFacts {
  return { type: 'model', id: 'org/m', likes: 1, gated: false, private: false, customCode: false, ...extra };
}

function applyEdit(source: string, edit: { start: number; end: number; text: string }): string {
  return source.slice(0, edit.start) + edit.text + source.slice(edit.end);
}

/** The string literals of a Python source, by their contents. */
function literals(source: string): string[] {
  return tokenize(source)
    .filter(isStringToken)
    .map((t) => source.slice(t.contentStart, t.contentEnd));
}

describe('quick fixes: only valid repo ids are written into code', () => {
  it('refuses every hostile id, for each kind of fix', () => {
    const r = ref();
    for (const id of HOSTILE_IDS) {
      for (const reason of ['renamed', 'newVersion', 'suggestion'] as const) {
        assert.equal(useIdFix(SOURCE, r, id, reason), undefined, `${reason}: ${JSON.stringify(id)}`);
      }
    }
  });

  it('the padded __import__ value, as the issue shows it, is refused as a newer version and as a rename', () => {
    const r = ref();
    const newer: Resolution = { state: 'found', facts: facts({ newVersion: PADDED_IMPORT }), access: undefined };
    const renamed: Resolution = { state: 'renamed', to: PADDED_IMPORT, facts: facts({ id: PADDED_IMPORT }), access: undefined };
    assert.equal(resolutionFix(SOURCE, r, newer, 'new-version'), undefined);
    assert.equal(resolutionFix(SOURCE, r, renamed, 'repo-renamed'), undefined);
    // What the old fix produced, to show what is refused: a second and third string literal, and a call.
    const spliced = applyEdit(SOURCE, { start: r.start, end: r.end, text: PADDED_IMPORT });
    assert.ok(literals(spliced).length > 1, 'the raw value would break out of the string');
  });

  it('offers valid ids: the rename is the preferred fix, the newer version and suggestions are not', () => {
    const r = ref();
    const renamed = resolutionFix(SOURCE, r, { state: 'renamed', to: 'new-org/m', facts: facts({ id: 'new-org/m' }), access: undefined }, 'repo-renamed');
    assert.deepEqual(renamed, { title: 'Use "new-org/m"', edit: { start: r.start, end: r.end, text: 'new-org/m' }, preferred: true });
    const newer = resolutionFix(SOURCE, r, { state: 'found', facts: facts({ newVersion: 'org/m-v2' }), access: undefined }, 'new-version');
    assert.deepEqual(newer, { title: 'Use the newer version "org/m-v2"', edit: { start: r.start, end: r.end, text: 'org/m-v2' }, preferred: false });
    assert.equal(useIdFix(SOURCE, r, 'gpt2', 'suggestion')?.edit.text, 'gpt2', 'a name without owner is a valid id');
    assert.equal(useIdFix(SOURCE, r, 'DJSammy/bert-base-danish-uncased_BotXO,ai', 'suggestion')?.edit.text, 'DJSammy/bert-base-danish-uncased_BotXO,ai');
  });

  it('every fix it offers leaves exactly one string literal holding a valid repo id, in any quoting', () => {
    const sources = ['m = AutoModel.from_pretrained("org/m")\n', "m = AutoModel.from_pretrained('org/m')\n", 'm = AutoModel.from_pretrained(r"""org/m""")\n', "m = AutoModel.from_pretrained(f'org/m')\n"];
    for (const source of sources) {
      const refs = findRepoRefs(source);
      if (refs.length === 0) {
        continue;
      }
      const r = refs[0];
      for (const id of [...HOSTILE_IDS, 'new-org/m', 'org/m-v2', 'a', 'x.y_z-1/a,b']) {
        const fix = useIdFix(source, r, id, 'suggestion');
        if (!fix) {
          continue;
        }
        const after = literals(applyEdit(source, fix.edit));
        assert.equal(after.length, 1, `${source} with ${JSON.stringify(id)}`);
        assert.ok(isValidRepoId(after[0]));
      }
    }
  });

  it('refuses a fix when the document no longer holds the id where the reference said', () => {
    const r = ref();
    assert.equal(useIdFix(SOURCE.replace('org/m', 'org/x'), r, 'org/m-v2', 'newVersion'), undefined);
    assert.equal(useIdFix(SOURCE, r, 'org/m', 'renamed'), undefined, 'the id already written');
    assert.equal(useIdFix(SOURCE, r, 42, 'renamed'), undefined);
  });

  it('suggestions, completions and CodeLens arguments leave out the invalid ids', () => {
    const r = ref();
    const fixes = suggestionFixes(SOURCE, r, [...HOSTILE_IDS, 'org/mm', null, 'org/n']);
    assert.deepEqual(
      fixes.map((f) => f.edit.text),
      ['org/mm', 'org/n'],
    );
    const repos = [...HOSTILE_IDS, 'org/ok', 'gpt2'].map((id) => ({ id, likes: 0 }));
    assert.deepEqual(
      insertable(repos).map((x) => x.id),
      ['org/ok', 'gpt2'],
    );
    assert.equal(lensId(r, { state: 'renamed', to: PADDED_IMPORT, facts: facts(), access: undefined }), 'org/m');
    assert.equal(lensId(r, { state: 'renamed', to: 'new-org/m', facts: facts(), access: undefined }), 'new-org/m');
    assert.equal(lensId(r, undefined), 'org/m');
  });
});

describe('parseFacts: ids from the Hub are checked as they enter', () => {
  it('drops a new_version that is not a valid repo id, keeps a valid one (trimmed)', () => {
    for (const value of HOSTILE_IDS) {
      assert.equal(parseFacts('model', { id: 'org/m', cardData: { new_version: value } }, 'org/m').newVersion, undefined, JSON.stringify(value));
    }
    assert.equal(parseFacts('model', { id: 'org/m', cardData: { new_version: '  org/m-v2 \n' } }, 'org/m').newVersion, 'org/m-v2');
    assert.equal(parseFacts('model', { id: 'org/m', cardData: { new_version: ['org/m-v2'] } }, 'org/m').newVersion, undefined);
  });

  it('a body id that is not a valid repo id is no rename: the facts keep the id asked for', () => {
    for (const value of HOSTILE_IDS) {
      assert.equal(parseFacts('model', { id: value }, 'org/m').id, 'org/m', JSON.stringify(value));
    }
    assert.equal(parseFacts('model', { id: 'new-org/m' }, 'org/m').id, 'new-org/m', 'a valid rename is kept');
  });

  it('the resolver answers "found", not "renamed", when the Hub answers with a hostile id', async () => {
    const source: FactsSource = {
      endpoint: 'https://hub.test',
      repoFields: async (_type, id) => (id === 'org/m' ? { id: PADDED_IMPORT, tags: [], cardData: { new_version: PADDED_IMPORT } } : { id: 'new-org/n', tags: [] }),
      accessState: async () => 'granted',
    };
    const resolver = new RepoResolver({ source: () => source, batchDelayMs: 0 });
    const hostile = await resolver.resolve('model', 'org/m');
    assert.equal(hostile.state, 'found');
    assert.equal(hostile.state === 'found' && hostile.facts.id, 'org/m');
    assert.equal(hostile.state === 'found' && hostile.facts.newVersion, undefined);
    const renamed = await resolver.resolve('model', 'org/n');
    assert.deepEqual(renamed.state === 'renamed' && renamed.to, 'new-org/n');
    resolver.dispose();
  });
});

describe('Python identifiers (class names from the Hub)', () => {
  it('accepts class names, refuses code, keywords, non-ASCII and over-long names', () => {
    for (const name of ['AutoModel', 'AutoModelForCausalLM', '_Private', 'X1']) {
      assert.ok(isPythonIdentifier(name), name);
    }
    for (const name of ['', '1Auto', 'Auto Model', 'AutoModel; import os', 'AutoModel\n', 'import', 'None', 'Auto\u202EModel', 'Аuto', 'a'.repeat(101), 'os.system', undefined, 3]) {
      assert.ok(!isPythonIdentifier(name), JSON.stringify(name));
    }
  });
});
