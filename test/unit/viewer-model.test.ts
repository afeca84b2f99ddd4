// The dataset viewer's pure core: features → columns, cells as the table shows them, the paging window, the page's
// messages, the load_dataset code and the token rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CELL_TEXT_MAX, formatCell, mediaAllowed, plain } from '../../src/viewer/cells';
import { loadDatasetCode, plainName } from '../../src/viewer/code';
import { columnsFromFeatures } from '../../src/viewer/columns';
import { DEFAULT_VIEWER, resolveViewer } from '../../src/viewer/endpoint';
import { parseFromViewer, parseViewerState } from '../../src/viewer/protocol';
import { MAX_TRACK_PX, pageRange, pagesFor, PageStore, PAGE_ROWS, scrollTopFor, track, visibleRows } from '../../src/viewer/window';
import { parseRows, parseStatistics } from '../../src/viewer/wire';

const ASSETS = 'https://datasets-server.huggingface.co';

describe('viewer columns from features', () => {
  // Feature JSON in the shapes the viewer sends (Value, ClassLabel, Audio, Image, List, Sequence, old-style [feature], struct).
  const columns = columnsFromFeatures([
    { name: 'text', type: { dtype: 'string', _type: 'Value' } },
    { name: 'label', type: { names: ['neg', 'pos'], _type: 'ClassLabel' } },
    { name: 'audio', type: { sampling_rate: 16000, _type: 'Audio' } },
    { name: 'image', type: { _type: 'Image' } },
    { name: 'start', type: { dtype: 'timestamp[s]', _type: 'Value' } },
    { name: 'target', type: { feature: { feature: { dtype: 'float32', _type: 'Value' }, _type: 'List' }, _type: 'List' } },
    { name: 'tokens', type: [{ dtype: 'string', _type: 'Value' }] },
    { name: 'answers', type: { text: { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' }, answer_start: { feature: { dtype: 'int32', _type: 'Value' }, _type: 'Sequence' } } },
    { name: 'ok', type: { dtype: 'bool', _type: 'Value' } },
    { name: 'n', type: { dtype: 'uint64', _type: 'Value' } },
    { name: 'n', type: { dtype: 'string', _type: 'Value' } },
    { name: 'odd', type: 'not a feature' },
  ]);

  it('types each column as the Hub shows it', () => {
    assert.deepEqual(
      columns.map((c) => [c.name, c.kind, c.typeLabel]),
      [
        ['text', 'string', 'string'],
        ['label', 'classLabel', 'ClassLabel · 2'],
        ['audio', 'audio', 'Audio'],
        ['image', 'image', 'Image'],
        ['start', 'date', 'timestamp[s]'],
        ['target', 'list', 'List(List(float32))'],
        ['tokens', 'list', 'List(string)'],
        ['answers', 'struct', 'struct{text, answer_start}'],
        ['ok', 'bool', 'bool'],
        ['n', 'number', 'uint64'],
        ['odd', 'other', 'unknown'],
      ],
    );
    assert.deepEqual(columns[1].labels, ['neg', 'pos']);
  });

  it('cuts the label of a struct with many fields', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field_${i}`, { dtype: 'int8', _type: 'Value' }]));
    const [c] = columnsFromFeatures([{ name: 'wide', type: wide }]);
    assert.ok(c.typeLabel.length <= 60 && c.typeLabel.endsWith('…'));
  });
});

describe('viewer cells', () => {
  const [text, label, image, audio, nested, num] = columnsFromFeatures([
    { name: 'text', type: { dtype: 'string', _type: 'Value' } },
    { name: 'label', type: { names: ['neg', 'pos'], _type: 'ClassLabel' } },
    { name: 'image', type: { _type: 'Image' } },
    { name: 'audio', type: { _type: 'Audio' } },
    { name: 'nested', type: { a: { dtype: 'int8', _type: 'Value' } } },
    { name: 'num', type: { dtype: 'float64', _type: 'Value' } },
  ]);

  it('shows text without bidi controls, capped, with "show all"', () => {
    assert.deepEqual(formatCell(text, { text: 'a\u202Eb\u2066c' }, [], ASSETS), { k: 'text', text: 'abc' });
    const long = formatCell(text, { text: 'x'.repeat(10 * 1024 * 1024) }, [], ASSETS);
    assert.equal(long.k, 'text');
    assert.equal(long.k === 'text' && long.text.length, CELL_TEXT_MAX);
    assert.equal(long.k === 'text' && long.more, true);
    assert.deepEqual(plain('<b>hi</b>', 100), { text: '<b>hi</b>' });
  });

  it('shows a ClassLabel as its name and id, an unknown id as the number', () => {
    assert.deepEqual(formatCell(label, { label: 1 }, [], ASSETS), { k: 'label', name: 'pos', id: 1 });
    assert.deepEqual(formatCell(label, { label: -1 }, [], ASSETS), { k: 'num', text: '-1' });
  });

  it('loads images and audio only from the asset host', () => {
    const ok = `${ASSETS}/assets/beans/--/default/train/0/image/image.jpg?Expires=1&Signature=x`;
    assert.deepEqual(formatCell(image, { image: { src: ok, height: 48, width: 48 } }, [], ASSETS), { k: 'image', src: ok, width: 48, height: 48 });
    assert.deepEqual(formatCell(audio, { audio: [{ src: `${ASSETS}/a.wav`, type: 'audio/wav' }] }, [], ASSETS), { k: 'audio', src: `${ASSETS}/a.wav`, type: 'audio/wav' });
    for (const src of ['https://evil.example/x.png', 'javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'http://datasets-server.huggingface.co/x.png', 'https://u:p@datasets-server.huggingface.co/x.png', `${ASSETS}/${'a'.repeat(5000)}`]) {
      assert.equal(formatCell(image, { image: { src } }, [], ASSETS).k, 'blocked', src);
      assert.equal(mediaAllowed(src, ASSETS), false, src);
    }
    assert.equal(mediaAllowed('http://localhost:3000/a.png', 'http://localhost:3000'), true);
  });

  it('decides every address as a URL parse does, also where it skips the parse', () => {
    // The rule itself, by the parser: https (http on loopback) on the asset origin, no credentials.
    const byParser = (src: string, origin: string) => {
      try {
        const url = new URL(src);
        const secure = url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
        return src.length <= 4_096 && secure && !url.username && !url.password && url.origin === origin;
      } catch {
        return false;
      }
    };
    const origins = [ASSETS, 'http://localhost:3000', 'http://example.com', 'https://datasets-server.huggingface.co:443'];
    const pieces = ['/', 'a', '.', '..', '%2e', '%', '@', ':', '\\', ' ', '\t', '\n', '#', '?', '=', '&', 'é', 'evil.com', ':443', '.evil', '//', '\u0000', 'x.png'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const origin = origins[Math.floor(next() * origins.length)];
      let src = next() < 0.9 ? origin : origins[Math.floor(next() * origins.length)];
      for (let n = Math.floor(next() * 8); n >= 0; n--) {
        src += pieces[Math.floor(next() * pieces.length)];
      }
      const expected = byParser(src, origin);
      assert.equal(mediaAllowed(src, origin), expected, JSON.stringify([src, origin]));
      fast += expected ? 1 : 0;
    }
    assert.ok(fast > 1_000, `allowed addresses among the inputs: ${fast}`);
  });

  it('decides a longest address of plain path characters in linear time', () => {
    const long = `${ASSETS}/${'a/'.repeat(2_000)}\\`;
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) {
      assert.equal(mediaAllowed(long, ASSETS), true);
    }
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms for 1,000 calls`);
  });

  it('shows lists and structs as a summary with their JSON, marks cells the server cut, and nulls', () => {
    const cell = formatCell(nested, { nested: { a: 1, b: [1, 2] } }, ['nested'], ASSETS);
    assert.equal(cell.k, 'json');
    assert.equal(cell.k === 'json' && cell.summary, '{2 fields}');
    assert.equal(cell.cut, true);
    assert.deepEqual(formatCell(num, {}, [], ASSETS), { k: 'null' });
    assert.deepEqual(formatCell(num, { num: 0.1 + 0.2 }, [], ASSETS), { k: 'num', text: '0.3' });
  });
});

describe('viewer paging window', () => {
  it('names the pages a viewport needs', () => {
    assert.deepEqual(pagesFor(0, 30, 1_000_000), [0]);
    assert.deepEqual(pagesFor(95, 30, 1_000_000), [0, 1]);
    assert.deepEqual(pagesFor(999_990, 30, 1_000_000), [9_999]);
    assert.deepEqual(pagesFor(0, 30, 0), []);
    assert.deepEqual(pageRange(9_999, 1_000_000), { offset: 999_900, length: 100 });
    assert.deepEqual(pageRange(2, 250), { offset: 200, length: 50 });
  });

  it('maps 1,000,000 rows onto a bounded track whose end shows the last row', () => {
    const viewport = 600;
    const t = track(1_000_000, 32, viewport);
    assert.equal(t.height, MAX_TRACK_PX);
    const end = visibleRows(t.height - viewport, viewport, 32, 1_000_000, t);
    assert.ok(end.first + end.count >= 1_000_000 && end.first + end.count <= 1_000_000, JSON.stringify(end));
    const middle = visibleRows(scrollTopFor(500_000, 32, t), viewport, 32, 1_000_000, t);
    assert.ok(Math.abs(middle.first - 500_000) <= 1, String(middle.first));
    assert.ok(middle.count <= Math.ceil(viewport / 32) + 2);
    assert.deepEqual(track(100, 32, viewport), { height: 3200, scale: 1 });
  });

  it('asks for each page once and holds a bounded number', () => {
    const store = new PageStore<number>(3);
    assert.deepEqual(store.want([0, 1]), [0, 1]);
    assert.deepEqual(store.want([0, 1, 2]), [2]);
    [0, 1, 2, 3].forEach((p) => store.put(p, p));
    assert.equal(store.size, 3);
    assert.equal(store.get(0), undefined);
    assert.deepEqual(store.want([0, 3]), [0]);
    store.forget(0);
    assert.deepEqual(store.want([0]), [0]);
    assert.equal(PAGE_ROWS, 100);
  });
});

describe('viewer page messages', () => {
  it('accepts the page messages with bounded values', () => {
    assert.deepEqual(parseFromViewer({ type: 'page', key: '1:rows', page: 9_999 }), { type: 'page', key: '1:rows', page: 9_999 });
    assert.deepEqual(parseFromViewer({ type: 'filter', where: '"a"=1', orderby: '' }), { type: 'filter', where: '"a"=1', orderby: '' });
    assert.deepEqual(parseFromViewer({ type: 'action', action: 'insertCode' }), { type: 'action', action: 'insertCode' });
    assert.deepEqual(parseFromViewer({ type: 'ready', extra: '<script>' }), { type: 'ready' });
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'page', key: 'k', page: -1 },
      { type: 'page', key: 'k', page: 1.5 },
      { type: 'page', key: 'k'.repeat(5000), page: 1 },
      { type: 'choose', config: '', split: 'train' },
      { type: 'search', query: 'q'.repeat(5000) },
      { type: 'action', action: 'runCommand' },
      { type: 'openCell', key: 'k', row: 0, column: '0' },
      { type: 'rendered', ms: Number.NaN },
      { type: 'openExternal', url: 'https://evil.example' },
    ]) {
      assert.equal(parseFromViewer(bad), undefined, JSON.stringify(bad));
    }
  });

  it('restores only a state with a dataset', () => {
    assert.deepEqual(parseViewerState({ dataset: 'imdb', config: 'plain_text', split: 'train' }), { dataset: 'imdb', config: 'plain_text', split: 'train' });
    assert.deepEqual(parseViewerState({ dataset: 'imdb', config: 'plain_text' }), { dataset: 'imdb' });
    assert.equal(parseViewerState({ config: 'x' }), undefined);
  });
});

describe('viewer load_dataset code and token rule', () => {
  it('writes load_dataset code only with plain names', () => {
    assert.equal(loadDatasetCode('stanfordnlp/imdb', 'plain_text', 'train'), 'from datasets import load_dataset\n\nds = load_dataset("stanfordnlp/imdb", "plain_text", split="train")\n');
    assert.equal(loadDatasetCode('beans', 'default', 'test', { streaming: true, withImport: false }), 'ds = load_dataset("beans", split="test", streaming=True)\n');
    for (const name of ['a"b', "a'b", 'a\\b', 'a\nb', 'a\u202Eb', '']) {
      assert.equal(plainName(name), false, JSON.stringify(name));
      assert.equal(loadDatasetCode('beans', name, 'train'), undefined);
    }
  });

  it('sends the token only to the viewer of the same deployment', () => {
    assert.deepEqual(resolveViewer('https://huggingface.co', undefined, undefined), { endpoint: DEFAULT_VIEWER, assetOrigin: DEFAULT_VIEWER, tokenAllowed: true });
    assert.equal(resolveViewer('https://huggingface.co', 'https://viewer-mirror.example', undefined).tokenAllowed, false);
    assert.equal(resolveViewer('https://hub.corp.example', undefined, undefined).tokenAllowed, false);
    const corp = resolveViewer('https://hub.corp.example', 'https://viewer.corp.example/api/', 'https://assets.corp.example/x');
    assert.deepEqual(corp, { endpoint: 'https://viewer.corp.example/api', assetOrigin: 'https://assets.corp.example', tokenAllowed: true });
    const refused = resolveViewer('https://hub.corp.example', 'http://viewer.corp.example', undefined);
    assert.equal(refused.endpoint, DEFAULT_VIEWER);
    assert.equal(refused.tokenAllowed, false);
    assert.match(refused.problem ?? '', /https/);
  });
});

describe('viewer answers read defensively', () => {
  it('drops rows and statistics of the wrong shape', () => {
    const page = parseRows({ features: [{ name: 'a', type: {} }, { nope: 1 }], rows: [{ row_idx: 0, row: { a: 1 }, truncated_cells: ['a', 3] }, { row_idx: -1, row: {} }, { row: {} }, 'x'], num_rows_total: 'many' }, '/rows');
    assert.deepEqual(page, { features: [{ name: 'a', type: {} }], rows: [{ rowIdx: 0, row: { a: 1 }, truncated: ['a'] }], total: undefined, partial: false });
    assert.throws(() => parseRows([], '/rows'));
    const stats = parseStatistics({ statistics: [{ column_name: 'x', column_type: 'int', column_statistics: { histogram: { hist: [1, 2], bin_edges: [0, 1] } } }, { column_name: 'y', column_statistics: { frequencies: { a: 1, b: 5, c: 'x' } } }] });
    assert.equal(stats.columns[0].histogram, undefined);
    assert.deepEqual(stats.columns[1].frequencies, [{ name: 'b', count: 5 }, { name: 'a', count: 1 }]);
  });
});
