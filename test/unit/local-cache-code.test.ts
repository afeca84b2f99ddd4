// "Cached" in code: the hover's "In your cache" line, and the offline diagnostic on a repo id the cache lacks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverMarkdown } from '../../src/code/hover';
import { offlineFinding } from '../../src/code/insights';
import { findRepoRefs } from '../../src/code/pyRefs';

const [MODEL] = findRepoRefs('AutoModel.from_pretrained("owner/model")');
const [DATASET] = findRepoRefs('load_dataset("owner/rows")');

describe('cached in code', () => {
  it('the hover says what the cache holds, as text, before the links', () => {
    const md = hoverMarkdown(MODEL, { state: 'unknown', reason: 'offline' }, undefined, false, '2.1 GB at main');
    assert.match(md, /\$\(database\) In your cache: 2\\\.1 GB at main\n\n---\n\n\[\$\(book\) Open card\]/);
    assert.ok(!hoverMarkdown(MODEL, { state: 'unknown', reason: 'offline' }, undefined, false).includes('In your cache'));
  });

  it('a revision name in the line cannot add a link or a theme icon', () => {
    const md = hoverMarkdown(MODEL, { state: 'unknown', reason: 'offline' }, undefined, false, '1 kB at [x](command:huggingface.signOut) $(alert)');
    assert.equal([...md.matchAll(/\]\(command:/g)].length, 2, 'only the hover’s own two links');
    assert.ok(!md.includes('$(alert)'));
  });

  it('offline and not cached: a warning on the id itself, saying the line will fail', () => {
    const finding = offlineFinding(MODEL);
    assert.deepEqual({ start: finding.start, end: finding.end }, { start: MODEL.start, end: MODEL.end });
    assert.equal(finding.code, 'offline-not-cached');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.message, 'Model "owner/model" is not in your Hugging Face cache: with HF_HUB_OFFLINE set, this line will fail. Download it first.');
    assert.match(offlineFinding(DATASET).message, /^Dataset "owner\/rows"/);
  });
});
