// Include / exclude as `hf download` applies them (fnmatch over the whole path), and the picker's presets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, matchesPatterns } from '../../src/hfcache/globs';
import { DOWNLOAD_PRESETS } from '../../src/hfcache/plan';
import { assertLinear, repeatTo } from './linear';

describe('fnmatch semantics', () => {
  const cases: [string, string, boolean][] = [
    ['*.safetensors', 'model.safetensors', true],
    ['*.safetensors', 'unet/diffusion_pytorch_model.safetensors', true], // `*` crosses `/`
    ['*.json', 'config.json.bak', false],
    ['config.json', 'text_encoder/config.json', false],
    ['*/config.json', 'text_encoder/config.json', true],
    ['model-?????-of-*.safetensors', 'model-00001-of-00002.safetensors', true],
    ['model-?????-of-*.safetensors', 'model-001-of-00002.safetensors', false],
    ['[abc].txt', 'b.txt', true],
    ['[!abc].txt', 'b.txt', false],
    ['[!abc].txt', 'd.txt', true],
    ['[a-c]x', 'cx', true],
    ['[a-c]x', 'dx', false],
    ['[]]', ']', true],
    ['[!]]', 'a', true],
    ['[z-a]', 'm', false],
    ['[abc', '[abc', true], // no closing bracket: a literal [
    ['onnx/', 'onnx/model.onnx', true], // a trailing / is the folder
    ['onnx/', 'onnx', false],
    ['onnx/', 'x/onnx/model.onnx', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['**/*.gguf', 'q4/model.gguf', true],
    ['**/*.gguf', 'model.gguf', false], // fnmatch has no globstar: `**/` needs a `/`
    ['*.GGUF', 'model.gguf', false], // case-sensitive, as on Linux and macOS
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(path)}`, () => {
      assert.equal(compileGlob(pattern).test(path), expected);
    });
  }
  it('includes then excludes, as filter_repo_objects does', () => {
    assert.ok(matchesPatterns('a.bin'));
    assert.ok(matchesPatterns('a.bin', []));
    assert.ok(matchesPatterns('a.bin', ['*.bin', '*.json']));
    assert.equal(matchesPatterns('a.txt', ['*.bin', '*.json']), false);
    assert.equal(matchesPatterns('a.bin', undefined, ['*.bin']), false);
    assert.equal(matchesPatterns('a.bin', ['*'], ['*.bin']), false);
  });
  it('grows linearly on hostile paths and patterns (no backtracking)', () => {
    const glob = compileGlob('*a*a*a*a*a*a*a*b');
    assertLinear('compileGlob(*a*a*a*a*a*a*a*b).test', (path) => glob.test(path), 'a');
    const classes = compileGlob('*[!/]*[!/]*[!/]*x');
    assertLinear('compileGlob(*[!/]*[!/]*[!/]*x).test', (path) => classes.test(path), 'ab/');
    assertLinear('compileGlob over a long pattern', (pattern) => compileGlob(pattern).test(repeatTo('ab', 64)), (n) => `${repeatTo('*a', n)}`);
  });
});

describe('presets', () => {
  const files = [
    'config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt',
    'merges.txt', 'tokenizer.model', 'model.safetensors', 'model-00001-of-00002.safetensors', 'model.safetensors.index.json',
    'pytorch_model.bin', 'tf_model.h5', 'flax_model.msgpack', 'onnx/model.onnx', 'model.Q4_K_M.gguf', 'README.md',
    'unet/config.json', 'unet/diffusion_pytorch_model.safetensors', 'unet/diffusion_pytorch_model.bin', 'tokenizer/vocab.json',
  ];
  const pick = (id: string) => {
    const preset = DOWNLOAD_PRESETS.find((p) => p.id === id);
    assert.ok(preset);
    return files.filter((f) => matchesPatterns(f, preset.include, preset.exclude));
  };
  it('weights as safetensors: safetensors, config and tokenizer files, no other weights', () => {
    assert.deepEqual(pick('safetensors'), [
      'config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt',
      'merges.txt', 'tokenizer.model', 'model.safetensors', 'model-00001-of-00002.safetensors', 'model.safetensors.index.json',
      'unet/config.json', 'unet/diffusion_pytorch_model.safetensors', 'tokenizer/vocab.json',
    ]);
  });
  it('config and tokenizer only: no weights at all', () => {
    assert.deepEqual(pick('config'), [
      'config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt',
      'merges.txt', 'tokenizer.model', 'unet/config.json', 'tokenizer/vocab.json',
    ]);
  });
  it('everything', () => {
    assert.deepEqual(pick('everything'), files);
  });
});
