import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestIds, editDistance, findingsFor, firstParagraph, plain, suggestionQueries, trustRemoteCodeEdit } from '../../src/code/insights';
import { findRepoRefs, type RepoIdRef } from '../../src/code/pyRefs';
import type { RepoFacts, Resolution } from '../../src/code/resolver';

function ref(source: string, id: string): RepoIdRef {
  const found = findRepoRefs(source).find((r) => r.id === id);
  assert.ok(found, `${id} is a reference in the source`);
  return found;
}

function facts(extra: Partial<RepoFacts> = {}): RepoFacts {
  return { type: 'model', id: 'org/a', likes: 1, gated: false, private: false, customCode: false, ...extra };
}

const found = (extra: Partial<RepoFacts> = {}, access: 'granted' | 'denied' | undefined = undefined): Resolution => ({ state: 'found', facts: facts(extra), access });

/** Applies an insertion and returns the source after it. */
function apply(source: string, edit: { offset: number; text: string } | undefined): string {
  assert.ok(edit);
  return source.slice(0, edit.offset) + edit.text + source.slice(edit.offset);
}

describe('code insight findings', () => {
  const source = 'm = AutoModel.from_pretrained("org/a")\n';
  const r = ref(source, 'org/a');

  it('say nothing when the Hub could not be asked', () => {
    assert.deepEqual(findingsFor(r, { state: 'unknown', reason: 'offline' }, { signedIn: false }), []);
    assert.deepEqual(findingsFor(r, found(), { signedIn: false }), []);
  });

  it('warn about a missing repo, mentioning private repos when not signed in', () => {
    const [anonymous] = findingsFor(r, { state: 'notFound' }, { signedIn: false });
    assert.equal(anonymous.severity, 'warning');
    assert.equal(anonymous.code, 'repo-not-found');
    assert.deepEqual([anonymous.start, anonymous.end], [r.start, r.end]);
    assert.match(anonymous.message, /not found on the Hub, or it is private/);
    const [signedIn] = findingsFor(r, { state: 'notFound' }, { signedIn: true });
    assert.equal(signedIn.message, 'Model "org/a" was not found on the Hub.');
  });

  it('inform about a rename, a gated repo without access, custom code and a newer version', () => {
    const renamed: Resolution = { state: 'renamed', to: 'google-bert/a', facts: facts({ id: 'google-bert/a' }), access: undefined };
    assert.deepEqual(
      findingsFor(r, renamed, { signedIn: true }).map((f) => [f.code, f.severity]),
      [['repo-renamed', 'information']],
    );
    assert.deepEqual(findingsFor(r, found({ gated: 'manual' }, 'denied'), { signedIn: true }).map((f) => f.code), ['repo-gated']);
    assert.deepEqual(findingsFor(r, found({ gated: 'manual' }, 'granted'), { signedIn: true }), [], 'access granted: nothing to say');
    assert.match(findingsFor(r, found({ gated: 'auto' }, 'denied'), { signedIn: false })[0].message, /signed-in account/);
    const custom = findingsFor(r, found({ customCode: true }), { signedIn: true });
    assert.deepEqual(custom.map((f) => [f.code, f.severity]), [['custom-code', 'information']]);
    assert.match(custom[0].message, /runs that code on this machine/);
    assert.deepEqual(findingsFor(r, found({ newVersion: 'org/b' }), { signedIn: true }).map((f) => [f.code, f.severity]), [['new-version', 'hint']]);
  });

  it('leave custom code alone when the call trusts it, passes a variable, or does not load code', () => {
    const custom = found({ customCode: true });
    const trusted = 'AutoModel.from_pretrained("org/a", trust_remote_code=True)';
    assert.deepEqual(findingsFor(ref(trusted, 'org/a'), custom, { signedIn: true }), []);
    const variable = 'AutoModel.from_pretrained("org/a", trust_remote_code=trust)';
    assert.deepEqual(findingsFor(ref(variable, 'org/a'), custom, { signedIn: true }), []);
    const refused = 'AutoModel.from_pretrained("org/a", trust_remote_code=False)';
    assert.deepEqual(findingsFor(ref(refused, 'org/a'), custom, { signedIn: true }).map((f) => f.code), ['custom-code']);
    const download = 'snapshot_download("org/a")';
    assert.deepEqual(findingsFor(ref(download, 'org/a'), custom, { signedIn: true }), []);
    const pipe = 'pipeline("feature-extraction", model="org/a")';
    assert.deepEqual(findingsFor(ref(pipe, 'org/a'), custom, { signedIn: true }).map((f) => f.code), ['custom-code']);
  });
});

describe('adding trust_remote_code=True', () => {
  const cases: [string, string][] = [
    ['m = AutoModel.from_pretrained("org/a")\n', 'm = AutoModel.from_pretrained("org/a", trust_remote_code=True)\n'],
    ['p = pipeline("x", model="org/a", device=0)', 'p = pipeline("x", model="org/a", device=0, trust_remote_code=True)'],
    [
      'm = AutoModel.from_pretrained(\n    "org/a",\n    device_map="auto",\n)\n',
      'm = AutoModel.from_pretrained(\n    "org/a",\n    device_map="auto", trust_remote_code=True,\n)\n',
    ],
    ['m = AutoModel.from_pretrained(\n    "org/a"  # the base model\n)\n', 'm = AutoModel.from_pretrained(\n    "org/a", trust_remote_code=True  # the base model\n)\n'],
    ["m = AutoModel.from_pretrained('org/a', revision='main')", "m = AutoModel.from_pretrained('org/a', revision='main', trust_remote_code=True)"],
  ];
  for (const [before, after] of cases) {
    it(`edits ${JSON.stringify(before.split('\n')[0])}…`, () => {
      assert.equal(apply(before, trustRemoteCodeEdit(before, ref(before, 'org/a'))), after);
    });
  }

  it('offers no edit for a call that is not closed yet', () => {
    const source = 'm = AutoModel.from_pretrained("org/a", \n';
    assert.equal(trustRemoteCodeEdit(source, ref(source, 'org/a')), undefined);
  });
});

describe('closest ids', () => {
  it('rank candidates by edit distance and drop far ones', () => {
    const candidates = ['google-bert/bert-base-uncased', 'google-bert/bert-base-cased', 'distilbert/distilbert-base-uncased', 'openai-community/gpt2'];
    assert.deepEqual(closestIds('google-bert/bert-base-uncasd', candidates), ['google-bert/bert-base-uncased', 'google-bert/bert-base-cased']);
    assert.deepEqual(closestIds('googel-bert/bert-base-uncased', candidates, 1), ['google-bert/bert-base-uncased']);
    assert.deepEqual(closestIds('zzz/qqq', candidates), []);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('search by the name and by its first word', () => {
    assert.deepEqual(suggestionQueries('google-bert/bert-base-uncasd'), ['bert-base-uncasd', 'bert']);
    assert.deepEqual(suggestionQueries('gpt2'), ['gpt2']);
  });
});

describe('first paragraph of a README', () => {
  it('skips front matter, headings, badges, HTML and code, and strips inline marks', () => {
    const readme = [
      '---',
      'license: mit',
      '---',
      '',
      '# GPT-2',
      '',
      '[![badge](https://x/y.svg)](https://x)',
      '<p align="center"><img src="logo.png"></p>',
      '<!-- a comment',
      'spanning lines -->',
      '```python',
      'print("code")',
      '```',
      'Test the **whole** generation capabilities [here](https://transformer.huggingface.co/doc/gpt2-large),',
      'a `model` pretrained on English.',
      '',
      'Second paragraph.',
    ].join('\n');
    assert.equal(firstParagraph(readme), 'Test the whole generation capabilities here, a model pretrained on English.');
  });

  it('is cut at a word with an ellipsis, and undefined for a README without prose', () => {
    const long = `${'word '.repeat(100)}end`;
    const cut = firstParagraph(long, 40);
    assert.ok(cut && cut.length <= 40 && cut.endsWith('…'), cut);
    assert.equal(firstParagraph('# Title\n\n<div>html</div>\n'), undefined);
    assert.equal(firstParagraph('# Card\n\n- [Summary](#s)\n- [Usage](#u)\n  1. step\n\nThe dataset.'), 'The dataset.', 'a table of contents is not prose');
  });
});

describe('Hub text in a hover', () => {
  it('is escaped so nothing in it is Markdown, an icon, an entity, HTML or an autolink', () => {
    const hostile = '**x** [a](command:huggingface.signOut) <img src=x onerror=alert(1)> $(alert) &amp; https://evil.test';
    const escaped = plain(hostile);
    assert.equal(escaped.replace(/\\(.)/g, '$1'), hostile, 'read without the escapes, it is the text');
    assert.ok(!/(^|[^\\])[*[\]()<>$&:]/.test(escaped), escaped);
    assert.equal(plain('two  spaces\nand a line'), 'two spaces and a line');
  });
});
