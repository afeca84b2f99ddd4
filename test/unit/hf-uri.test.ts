import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentRefusal, formatHfUri, hfUriString, MAX_DOCUMENT_BYTES, parseHfUri, tabLabel, type HfRef } from '../../src/hub/hfUri';

const CONFIG: HfRef = { type: 'model', id: 'google-bert/bert-base-uncased', path: 'config.json', revision: 'main' };

function parsed(path: string, query = ''): HfRef {
  const result = parseHfUri({ path, query });
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.ref;
}

function problem(path: string, query = ''): string {
  const result = parseHfUri({ path, query });
  assert.ok(!result.ok, `${path}?${query} was accepted`);
  return result.problem;
}

describe('hf: URIs', () => {
  it('formats a model file as /models/owner/name/path with the revision and tab label in a JSON query', () => {
    assert.deepEqual(formatHfUri(CONFIG), {
      path: '/models/google-bert/bert-base-uncased/config.json',
      query: '{"rev":"main","label":"bert-base-uncased"}',
    });
  });

  it('puts datasets and Spaces under their own collections, and the root folder has no file path', () => {
    assert.equal(formatHfUri({ type: 'dataset', id: 'nyu-mll/glue', path: 'cola/train.parquet', revision: 'main' }).path, '/datasets/nyu-mll/glue/cola/train.parquet');
    assert.equal(formatHfUri({ type: 'space', id: 'gradio/hello_world', path: '', revision: 'main' }).path, '/spaces/gradio/hello_world');
  });

  it('writes an id without owner with "-" as owner, so ids and paths never mix', () => {
    const gpt2: HfRef = { type: 'model', id: 'gpt2', path: 'config.json', revision: 'main' };
    assert.equal(formatHfUri(gpt2).path, '/models/-/gpt2/config.json');
    assert.deepEqual(parsed('/models/-/gpt2/config.json'), gpt2);
    // Without the placeholder the same path is the file "config.json" of nothing: owner "gpt2", name "config.json".
    assert.deepEqual(parsed('/models/gpt2/config.json'), { type: 'model', id: 'gpt2/config.json', path: '', revision: 'main' });
  });

  it('round-trips files, folders, revisions and odd characters', () => {
    const refs: HfRef[] = [
      CONFIG,
      { type: 'model', id: 'gpt2', path: '', revision: 'main' },
      { type: 'dataset', id: 'hub-test/many-files', path: 'data/part 0001 #1?.csv', revision: 'main' },
      { type: 'space', id: 'gradio/hello_world', path: 'app.py', revision: 'refs/pr/1' },
      { type: 'model', id: 'DJSammy/bert-base-danish-uncased_BotXO,ai', path: 'ünïcödé/日本語 100%.md', revision: 'v1.0' },
      { type: 'model', id: 'openai-community/gpt2', path: 'onnx/decoder_model.onnx', revision: '607a30d783dfa663caf39e06633721c8d4cfcd7e' },
    ];
    for (const ref of refs) {
      const parts = formatHfUri(ref);
      assert.deepEqual(parsed(parts.path, parts.query), ref);
      assert.deepEqual(formatHfUri(parsed(parts.path, parts.query)), parts);
    }
  });

  it('percent-encodes the text form so "#", "?", "%" and spaces stay in the path', () => {
    const ref: HfRef = { type: 'dataset', id: 'hub-test/many-files', path: 'a b/#1?%.txt', revision: 'main' };
    const text = hfUriString(ref);
    assert.equal(text, 'hf:/datasets/hub-test/many-files/a%20b/%231%3F%25.txt?%7B%22rev%22%3A%22main%22%2C%22label%22%3A%22many-files%22%7D');
    const url = new URL(text);
    assert.deepEqual(parsed(decodeURIComponent(url.pathname), decodeURIComponent(url.search.slice(1))), ref);
  });

  it('reads a URI without query at main', () => {
    assert.deepEqual(parsed('/models/google-bert/bert-base-uncased/config.json'), CONFIG);
    assert.deepEqual(parsed('/models/google-bert/bert-base-uncased/config.json', '{"rev":"main"}'), CONFIG);
  });

  it('refuses "..", ".", empty segments and backslashes in the file path', () => {
    for (const path of [
      '/models/google-bert/bert-base-uncased/../secrets',
      '/models/google-bert/bert-base-uncased/a/../../b',
      '/models/google-bert/bert-base-uncased/./config.json',
      '/models/google-bert/bert-base-uncased//config.json',
      '/models/google-bert/bert-base-uncased/config.json/',
      '/models/google-bert/bert-base-uncased/a\\b',
      '/models/google-bert/bert-base-uncased/a\u0000b',
    ]) {
      assert.match(problem(path), /not a valid file path/, path);
    }
  });

  it('refuses other collections, missing or invalid ids and relative paths', () => {
    assert.match(problem('/collections/a/b/c'), /not models, datasets or spaces/);
    assert.match(problem('/Models/a/b/c'), /not models, datasets or spaces/);
    assert.match(problem('/models/gpt2'), /starts with \/models/);
    assert.match(problem('models/a/b/c'), /starts with \/models/);
    assert.match(problem('/models/../b/c'), /not a repo id/);
    assert.match(problem('/models/-/-/c'), /not a repo id/);
    assert.match(problem('/models/a--b/c/d'), /not a repo id/);
    assert.match(problem('/__proto__/a/b/c'), /not models, datasets or spaces/);
    assert.match(problem('/constructor/a/b/c'), /not models, datasets or spaces/);
  });

  it('refuses queries that are not the canonical JSON: bad revisions, unknown keys, labels naming another repo', () => {
    const path = '/models/google-bert/bert-base-uncased/config.json';
    assert.match(problem(path, 'main'), /JSON object/);
    assert.match(problem(path, '["main"]'), /JSON object/);
    assert.match(problem(path, '{"rev":"../../main"}'), /not a valid revision/);
    assert.match(problem(path, '{"rev":"a b"}'), /not a valid revision/);
    assert.match(problem(path, '{"rev":5}'), /not a valid revision/);
    assert.match(problem(path, '{"rev":"main","token":"x"}'), /Unknown key "token"/);
    assert.match(problem(path, '{"rev":"main","label":"gpt2"}'), /does not match google-bert\/bert-base-uncased/);
    assert.match(problem(path, '{"rev":"v1","label":"bert-base-uncased"}'), /does not match/);
  });

  it('labels tabs with the repo name, and the revision unless it is main', () => {
    assert.equal(tabLabel(CONFIG), 'bert-base-uncased');
    assert.equal(tabLabel({ id: 'gpt2', revision: 'main' }), 'gpt2');
    assert.equal(tabLabel({ id: 'gradio/hello_world', revision: 'refs/pr/1' }), 'hello_world@refs/pr/1');
  });
});

describe('which repo files open in an editor', () => {
  it('opens text files, small files stored with LFS that are not binary, and images', () => {
    assert.equal(documentRefusal({ path: 'config.json', size: 326, lfs: false }), undefined);
    assert.equal(documentRefusal({ path: 'tokenizer.json', size: 9_000_000, lfs: true }), undefined);
    assert.equal(documentRefusal({ path: 'images/diagram.png', size: 80_000, lfs: true }), undefined);
    assert.equal(documentRefusal({ path: 'small.bin', size: 40, lfs: false }), undefined, 'a small binary outside LFS is left to VS Code');
  });

  it('refuses weights and other binaries stored with LFS, whatever their size', () => {
    for (const path of ['model.safetensors', 'pytorch_model.bin', 'model.Q4_K_M.gguf', 'onnx/model.onnx', 'tf_model.h5', 'flax_model.msgpack', 'rust_model.ot', 'spiece.model', 'runs/events.out.tfevents.1.host']) {
      assert.match(documentRefusal({ path, size: 1_000, lfs: true }) ?? '', /binary file stored with Git LFS/, path);
    }
  });

  it(`refuses anything over ${MAX_DOCUMENT_BYTES / 1_000_000} MB`, () => {
    assert.equal(documentRefusal({ path: 'data.jsonl', size: MAX_DOCUMENT_BYTES, lfs: false }), undefined);
    assert.equal(documentRefusal({ path: 'data.jsonl', size: MAX_DOCUMENT_BYTES + 1, lfs: false }), 'data.jsonl is larger than 10 MB; it is not opened in the editor.');
  });
});
