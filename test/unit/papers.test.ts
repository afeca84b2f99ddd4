// Papers a card cites: arXiv ids from tags and from what a user types, the Hub's paper pages and daily list read
// defensively, one request per paper (kept for the session), the card page's message, and linear time on hostile text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPaper, readPapers } from '../../src/connections/paperReads';
import { arxivIdFrom, arxivIdsOf, authorsText, citingLabel, citingQuery, MAX_PAPERS, MAX_SUMMARY_CHARS, paperLine, parseDailyPapers, parsePaper } from '../../src/connections/papers';
import { cardHeader } from '../../src/cards/header';
import { HubError } from '../../src/hub/errors';
import type { RepoDetails } from '../../src/hub/types';
import { parseFromCard } from '../../src/webviews/protocol';
import { assertLinear, repeatTo } from './linear';

function fakeClient(answer: (path: string) => unknown, endpoint = 'https://hub.example') {
  const paths: string[] = [];
  return {
    paths,
    client: {
      endpoint,
      apiJson: async (path: string) => {
        paths.push(path);
        const a = answer(path);
        if (a instanceof Error) {
          throw a;
        }
        return a;
      },
    },
  };
}

describe('papers: arXiv ids', () => {
  it('reads the ids of arxiv: tags in order, once each, and caps them', () => {
    assert.deepEqual(arxivIdsOf(['arxiv:1810.04805', 'license:mit', 'arxiv:2305.18290', 'arxiv:1810.04805']), ['1810.04805', '2305.18290']);
    assert.deepEqual(arxivIdsOf(['arxiv:../x', 'arxiv:1810.048', 'arxiv:<b>1</b>', 'arxiv:1810.04805\u202e', 42, 'arxiv:']), []);
    const many = Array.from({ length: 50 }, (_, i) => `arxiv:2401.${String(10000 + i)}`);
    assert.equal(arxivIdsOf(many).length, MAX_PAPERS);
  });

  it('finds the id in what a user types or pastes: ids, versions, Hub and arXiv addresses', () => {
    const cases: [string, string | undefined][] = [
      ['2305.18290', '2305.18290'],
      ['  arXiv:2305.18290v2 ', '2305.18290'],
      ['https://huggingface.co/papers/2305.18290', '2305.18290'],
      ['https://arxiv.org/abs/1810.04805v3', '1810.04805'],
      ['https://arxiv.org/pdf/1810.04805.pdf', '1810.04805'],
      ['https://arxiv.org/list/cs.CL', undefined],
      ['https://huggingface.co/papers/2305.18290/extra', undefined],
      ['javascript:alert(1)', undefined],
      ['2305.18290; rm -rf ~', undefined],
      ['', undefined],
    ];
    for (const [input, id] of cases) {
      assert.equal(arxivIdFrom(input), id, input);
    }
    assert.equal(arxivIdFrom(42), undefined);
    assert.equal(arxivIdFrom(`${'1'.repeat(400)}`), undefined);
  });

  it('lists the repos citing a paper with the tag the Hub gives them', () => {
    assert.deepEqual(citingQuery('2305.18290', 30), { tags: ['arxiv:2305.18290'], sort: 'downloads', limit: 30 });
    assert.equal(citingLabel('dataset', '2305.18290'), 'Datasets citing arXiv:2305.18290');
  });

  it('puts the ids of a card in its header, for models, datasets and Spaces alike', () => {
    const details = { type: 'dataset', id: 'org/set', likes: 0, tags: ['arxiv:1810.04805', 'task_categories:text-classification'], gated: false, private: false, files: [] } as unknown as RepoDetails;
    assert.deepEqual(cardHeader(details, 'https://hub.example').papers, [{ id: '1810.04805', url: 'https://arxiv.org/abs/1810.04805', line: 'on arXiv' }]);
    assert.equal(cardHeader({ ...details, tags: [] }, 'https://hub.example').papers, undefined);
  });
});

describe('papers: what the Hub says of them', () => {
  it('keeps title, named authors, date, upvotes and the abstract, as plain text without bidi controls', () => {
    const paper = parsePaper('2305.18290', {
      id: '2305.18290',
      title: ' Direct \u202ePreference Optimization ',
      authors: [{ name: 'A' }, { name: 'B' }, { name: 'Hidden', hidden: true }, { name: 'C' }, { name: 'D' }, { name: 'E' }, { name: 42 }],
      publishedAt: '2023-05-29T17:57:46.000Z',
      upvotes: 12,
      summary: 'x'.repeat(MAX_SUMMARY_CHARS + 10),
    });
    assert.equal(paper.title, 'Direct Preference Optimization');
    assert.equal(paper.authors, 'A, B, C and 2 more');
    assert.equal(paper.date, '2023-05-29T17:57:46.000Z');
    assert.equal(paper.upvotes, 12);
    assert.equal(paper.summary?.length, MAX_SUMMARY_CHARS + 1, 'cut with an ellipsis');
    assert.equal(authorsText([{ name: 'A' }, { name: 'B' }]), 'A and B');
    assert.equal(paperLine(paper), `arXiv:2305.18290 · A, B, C and 2 more · 2023-05-29 · ▲ 12`);
    assert.equal(authorsText('A'), undefined);
  });

  it('keeps only the id of an answer in another shape', () => {
    for (const body of [null, [], 'text', { title: 42 }, { title: '   ' }]) {
      assert.deepEqual(parsePaper('2305.18290', body), { id: '2305.18290', missing: true });
    }
    assert.equal(parsePaper('2305.18290', { title: 'T', publishedAt: 'soon', upvotes: -1 }).date, undefined);
    assert.equal(parsePaper('2305.18290', { title: 'T', upvotes: 1.5 }).upvotes, undefined);
  });

  it('reads the daily list, skipping items without a valid id or title', () => {
    const list = parseDailyPapers([
      { paper: { id: '2412.00001', title: 'One', upvotes: 3 }, numComments: 2 },
      { paper: { id: 'nope', title: 'Two' } },
      { paper: { id: '2412.00003' } },
      null,
      { title: 'no paper' },
    ]);
    assert.deepEqual(list, [{ id: '2412.00001', title: 'One', upvotes: 3, authors: undefined, date: undefined, summary: undefined, comments: 2 }]);
    assert.deepEqual(parseDailyPapers({ papers: [] }), []);
  });

  it('asks once per paper and endpoint; a paper without a page is remembered as missing', async () => {
    const hub = fakeClient((path) => (path === 'papers/1810.04805' ? { title: 'BERT' } : new HubError('notFound', 'no page')), 'https://one.example');
    const first = await readPapers(hub.client, ['1810.04805', '2401.00001']);
    assert.deepEqual(first.papers, [
      { id: '1810.04805', title: 'BERT', authors: undefined, date: undefined, upvotes: undefined, summary: undefined, url: 'https://one.example/papers/1810.04805', line: 'arXiv:1810.04805' },
      { id: '2401.00001', missing: true, url: 'https://arxiv.org/abs/2401.00001', line: 'no paper page on the Hub: opens on arXiv' },
    ]);
    assert.equal(first.failed, 0);
    await readPapers(hub.client, ['1810.04805', '2401.00001']);
    assert.deepEqual(hub.paths, ['papers/1810.04805', 'papers/2401.00001'], 'nothing asked twice');
    const other = fakeClient(() => ({ title: 'BERT elsewhere' }), 'https://two.example');
    assert.equal((await readPaper(other.client, '1810.04805')).title, 'BERT elsewhere', 'another endpoint is asked');
  });

  it('a failed read keeps the id, is counted, and is asked again next time', async () => {
    let fail = true;
    const hub = fakeClient(() => (fail ? new HubError('server', 'down') : { title: 'Back' }), 'https://three.example');
    const { papers, failed } = await readPapers(hub.client, ['2305.18290']);
    assert.deepEqual(papers, [{ id: '2305.18290', url: 'https://arxiv.org/abs/2305.18290', line: 'on arXiv' }]);
    assert.equal(failed, 1);
    fail = false;
    assert.equal((await readPaper(hub.client, '2305.18290')).title, 'Back');
    assert.equal(hub.paths.length, 2);
    assert.deepEqual(await readPaper(hub.client, '../etc'), { id: '../etc', missing: true }, 'an invalid id is never sent');
    assert.equal(hub.paths.length, 2);
  });
});

describe('papers: card page messages and hostile text', () => {
  it('accepts reading and opening the repo’s discussions, exactly', () => {
    assert.deepEqual(parseFromCard({ type: 'discussions', page: 2 }), { type: 'discussions', page: 2 });
    assert.deepEqual(parseFromCard({ type: 'openDiscussion', num: 7 }), { type: 'openDiscussion', num: 7 });
    for (const bad of [{ type: 'discussions', page: -1 }, { type: 'discussions', page: 1.5 }, { type: 'discussions', page: 5000 }, { type: 'openDiscussion', num: 0 }, { type: 'openDiscussion', num: '7' }, { type: 'openDiscussion', num: 7, repo: 'x/y' }]) {
      assert.equal(parseFromCard(bad), undefined, JSON.stringify(bad));
    }
  });

  it('accepts listing what cites a paper, exactly', () => {
    assert.deepEqual(parseFromCard({ type: 'showCiting', paper: '2305.18290', repoType: 'model' }), { type: 'showCiting', paper: '2305.18290', repoType: 'model' });
    for (const bad of [
      { type: 'showCiting', paper: '../x', repoType: 'model' },
      { type: 'showCiting', paper: '2305.18290', repoType: 'collection' },
      { type: 'showCiting', paper: '2305.18290', repoType: 'model', extra: 1 },
      { type: 'showCiting', paper: '2305.18290' },
    ]) {
      assert.equal(parseFromCard(bad), undefined, JSON.stringify(bad));
    }
  });

  it('reads pathological titles, authors and tags in linear time', () => {
    assertLinear('parsePaper(long bidi text)', (text) => parsePaper('2305.18290', { title: text, summary: text, authors: [{ name: text }] }), (bytes) => repeatTo('\u202e a', bytes));
    assertLinear('arxivIdsOf(long digit tags)', (text) => arxivIdsOf([`arxiv:${text}`, `arxiv:1234.${text}`]), (bytes) => repeatTo('1234.', bytes));
  });
});
