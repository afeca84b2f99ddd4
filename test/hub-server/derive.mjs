// Derives Hub metadata from a README the way the Hub does: tags from the front matter (library, task,
// languages, datasets, license, base model) plus what the file list implies (frameworks), and a
// plausible model family (architecture, size, tokenizer) from the repo name when the card does not say.
import { hashInt } from './util.mjs';

/**
 * @typedef {object} Family
 * @property {string} modelType
 * @property {string} classPrefix
 * @property {'wordpiece' | 'bpe' | 'sentencepiece'} tokenizer
 * @property {number} hidden
 * @property {number} layers
 * @property {number} heads
 * @property {number} vocab
 * @property {string | null} mask
 */

/** @type {[RegExp, Family][]} */
const FAMILIES = [
  [/xlm-?r(oberta)?[-_]|xlm-roberta|xlmr/, fam('xlm-roberta', 'XLMRoberta', 'sentencepiece', 768, 12, 12, 250002, '<mask>')],
  [/distilbert/, fam('distilbert', 'DistilBert', 'wordpiece', 768, 6, 12, 30522, '[MASK]')],
  [/distilroberta/, fam('roberta', 'Roberta', 'bpe', 768, 6, 12, 50265, '<mask>')],
  [/gpt2|gpt-2|dialogpt|geppetto|magic-the-generating|chatbot/, fam('gpt2', 'GPT2', 'bpe', 768, 12, 12, 50257, null)],
  [/bart/, fam('bart', 'Bart', 'bpe', 1024, 12, 16, 50265, '<mask>')],
  [/camembert/, fam('camembert', 'Camembert', 'sentencepiece', 768, 12, 12, 32005, '<mask>')],
  [/2roberta/, fam('encoder-decoder', 'EncoderDecoder', 'bpe', 768, 12, 12, 50265, null)],
  [/longformer/, fam('longformer', 'Longformer', 'bpe', 768, 12, 12, 50265, '<mask>')],
  [/roberta|berto|phobert|codebert|sanberta/, fam('roberta', 'Roberta', 'bpe', 768, 12, 12, 50265, '<mask>')],
  [/albert/, fam('albert', 'Albert', 'sentencepiece', 768, 12, 12, 30000, '[MASK]')],
  [/electra/, fam('electra', 'Electra', 'wordpiece', 768, 12, 12, 30522, '[MASK]')],
  [/deberta/, fam('deberta', 'Deberta', 'bpe', 768, 12, 12, 50265, '[MASK]')],
  [/mobilebert/, fam('mobilebert', 'MobileBert', 'wordpiece', 512, 24, 4, 30522, '[MASK]')],
  [/squeezebert/, fam('squeezebert', 'SqueezeBert', 'wordpiece', 768, 12, 12, 30528, '[MASK]')],
  [/funnel/, fam('funnel', 'Funnel', 'wordpiece', 768, 12, 12, 30522, '<mask>')],
  [/layoutlm/, fam('layoutlm', 'LayoutLM', 'wordpiece', 768, 12, 12, 30522, '[MASK]')],
  [/lxmert/, fam('lxmert', 'Lxmert', 'wordpiece', 768, 9, 12, 30522, '[MASK]')],
  [/reformer/, fam('reformer', 'Reformer', 'sentencepiece', 1024, 12, 8, 258, null)],
  [/prophetnet/, fam('xlm-prophetnet', 'XLMProphetNet', 'sentencepiece', 1024, 12, 16, 250012, null)],
  [/^rag-/, fam('rag', 'Rag', 'wordpiece', 768, 12, 12, 30522, null)],
  [/pegasus/, fam('pegasus', 'Pegasus', 'sentencepiece', 1024, 16, 16, 96103, null)],
  [/mt5/, fam('mt5', 'MT5', 'sentencepiece', 512, 8, 6, 250112, null)],
  [/t5/, fam('t5', 'T5', 'sentencepiece', 768, 12, 12, 32128, null)],
  [/wmt1[69]/, fam('fsmt', 'FSMT', 'bpe', 1024, 6, 16, 42024, null)],
  [/hel-|opus-mt/, fam('marian', 'Marian', 'sentencepiece', 512, 6, 8, 58101, null)],
];
const BERT = fam('bert', 'Bert', 'wordpiece', 768, 12, 12, 30522, '[MASK]');

/**
 * @param {string} modelType
 * @param {string} classPrefix
 * @param {Family['tokenizer']} tokenizer
 * @param {number} hidden
 * @param {number} layers
 * @param {number} heads
 * @param {number} vocab
 * @param {string | null} mask
 * @returns {Family}
 */
function fam(modelType, classPrefix, tokenizer, hidden, layers, heads, vocab, mask) {
  return { modelType, classPrefix, tokenizer, hidden, layers, heads, vocab, mask };
}

/**
 * Guesses the architecture family from a repo name.
 * @param {string} id
 */
export function familyFor(id) {
  const name = id.slice(id.indexOf('/') + 1).toLowerCase();
  return FAMILIES.find(([re]) => re.test(name))?.[1] ?? BERT;
}

/** Task guessed from a 2020 model's name when its card does not declare `pipeline_tag`. */
const TASK_HINTS = /** @type {[RegExp, string][]} */ ([
  [/ner\b|ner[-_]|[-_]ner|tagging|[-_]pos\b/, 'token-classification'],
  [/squad|xquad|tydiqa|[-_]qa\b|quartz/, 'question-answering'],
  [/nli|sentiment|sst-2|intimacy|reranking|detect|emotion|classif/, 'text-classification'],
  [/cnn|summar|xsum|bbc/, 'summarization'],
  [/wmt1|translat|hel-|en-de|en-ru/, 'translation'],
  [/eli5|paraphrase|doctor|prophetnet|pegasus|t5/, 'text2text-generation'],
  [/gpt|dialogpt|chatbot|generating|geppetto|reformer/, 'text-generation'],
  [/lxmert|layoutlm|^rag-|longformer-base|scibert|clinical|bluebert|legal-bert/, 'feature-extraction'],
]);

/**
 * @param {string} id
 * @param {Family} family
 */
export function guessPipeline(id, family) {
  if (id.startsWith('sentence-transformers/') || /sentence-transformer/.test(id.toLowerCase())) {
    return 'sentence-similarity';
  }
  const name = id.slice(id.indexOf('/') + 1).toLowerCase();
  const hit = TASK_HINTS.find(([re]) => re.test(name));
  if (hit) {
    return hit[1];
  }
  return family.mask ? 'fill-mask' : 'feature-extraction';
}

/** Parameter counts by size word, for models whose card gives none. */
const SIZE_WORDS = /** @type {[RegExp, number][]} */ ([
  [/(\d+(?:\.\d+)?)b\b/, -1],
  [/(\d+)m\b/, -2],
  [/tiny|l-2_h-128/, 4_385_920],
  [/mini|xsmall|dummy/, 11_170_000],
  [/small/, 60_506_624],
  [/medium/, 354_823_168],
  [/xl\b|-xl/, 1_557_611_200],
  [/large/, 335_141_888],
]);

/**
 * @param {string} id
 * @param {Family} family
 */
export function guessParams(id, family) {
  const name = id.slice(id.indexOf('/') + 1).toLowerCase();
  for (const [re, n] of SIZE_WORDS) {
    const m = re.exec(name);
    if (m) {
      const base = n === -1 ? Number(m[1]) * 1e9 : n === -2 ? Number(m[1]) * 1e6 : n;
      return Math.round(base * (1 + ((hashInt(id) % 60) - 30) / 1000));
    }
  }
  const base = family.modelType === 'gpt2' ? 124_439_808 : family.modelType === 't5' ? 222_903_552 : 109_482_240;
  return Math.round(base * (1 + ((hashInt(id) % 60) - 30) / 1000));
}

/** AutoModel class and processor per task, for `transformersInfo`. */
const AUTO_MODELS = /** @type {Record<string, [string, string]>} */ ({
  'fill-mask': ['AutoModelForMaskedLM', 'AutoTokenizer'],
  'text-generation': ['AutoModelForCausalLM', 'AutoTokenizer'],
  'text2text-generation': ['AutoModelForSeq2SeqLM', 'AutoTokenizer'],
  summarization: ['AutoModelForSeq2SeqLM', 'AutoTokenizer'],
  translation: ['AutoModelForSeq2SeqLM', 'AutoTokenizer'],
  'token-classification': ['AutoModelForTokenClassification', 'AutoTokenizer'],
  'question-answering': ['AutoModelForQuestionAnswering', 'AutoTokenizer'],
  'text-classification': ['AutoModelForSequenceClassification', 'AutoTokenizer'],
  'zero-shot-classification': ['AutoModelForSequenceClassification', 'AutoTokenizer'],
  'feature-extraction': ['AutoModel', 'AutoTokenizer'],
  'sentence-similarity': ['AutoModel', 'AutoTokenizer'],
  'image-classification': ['AutoModelForImageClassification', 'AutoImageProcessor'],
  'automatic-speech-recognition': ['AutoModelForSpeechSeq2Seq', 'AutoProcessor'],
  'image-text-to-text': ['AutoModelForImageTextToText', 'AutoProcessor'],
});

/**
 * @param {string} pipeline
 * @returns {{ auto_model: string, pipeline_tag: string, processor: string }}
 */
export function transformersInfo(pipeline) {
  const [auto, processor] = AUTO_MODELS[pipeline] ?? ['AutoModel', 'AutoTokenizer'];
  const tag = pipeline === 'sentence-similarity' ? 'feature-extraction' : pipeline;
  return { auto_model: auto, pipeline_tag: tag, processor };
}

/**
 * Architecture class name (`BertForMaskedLM`, `GPT2LMHeadModel`, …).
 * @param {Family} family
 * @param {string} pipeline
 */
export function architectureFor(family, pipeline) {
  const p = family.classPrefix;
  if (family.modelType === 'marian') {
    return 'MarianMTModel';
  }
  if (family.modelType === 'encoder-decoder') {
    return 'EncoderDecoderModel';
  }
  switch (pipeline) {
    case 'fill-mask':
      return `${p}ForMaskedLM`;
    case 'text-generation':
      return family.modelType === 'gpt2' ? 'GPT2LMHeadModel' : `${p}ForCausalLM`;
    case 'text2text-generation':
    case 'summarization':
    case 'translation':
      return `${p}ForConditionalGeneration`;
    case 'token-classification':
      return `${p}ForTokenClassification`;
    case 'question-answering':
      return `${p}ForQuestionAnswering`;
    case 'text-classification':
    case 'zero-shot-classification':
      return `${p}ForSequenceClassification`;
    default:
      return `${p}Model`;
  }
}

/** Default widget inputs by task, in the shapes the Hub uses for each (example texts written for the project). */
const DEFAULT_WIDGETS = /** @type {Record<string, (mask: string) => unknown[]>} */ ({
  'fill-mask': (mask) => [{ text: `The test Hub listens on ${mask} only.` }, { text: `A good fixture is small and ${mask}.` }],
  'text-generation': () => [
    { text: 'The embedded test Hub starts by' },
    { text: 'Every card in the fixtures says' },
    { text: 'On a quiet morning the trains' },
    { text: 'The recipe begins with' },
  ],
  'question-answering': () => [
    { text: 'Where does the test Hub listen?', context: 'The test Hub binds to 127.0.0.1 and picks a free port when it starts.' },
    { text: 'How many files has the big dataset?', context: 'The many-files dataset holds 2,400 files in nested folders.' },
  ],
  'token-classification': () => [{ text: 'Ada Lovelace visited the Science Museum in London in June.' }, { text: 'The train from Lyon reached Geneva at noon.' }],
  'text-classification': () => [{ text: 'The fixtures load quickly and the tests are green.' }],
  translation: () => [{ text: 'The train to the airport leaves every ten minutes.' }],
  summarization: () => [
    {
      text: 'The embedded Hub is a small server written for the tests. It answers the API calls the extension makes, serves cards and files, and can be told to fail in many ways so that error handling can be checked without the network.',
    },
  ],
  'text2text-generation': () => [{ text: 'Paraphrase: The fixture server is quick to start.' }],
  'zero-shot-classification': () => [
    { text: 'The build failed again after the last dependency update.', candidate_labels: 'urgent, not urgent, software, weather', multi_class: true },
  ],
  'sentence-similarity': () => [
    { source_sentence: 'The test Hub starts quickly', sentences: ['The fixture server is fast to start', 'Trains leave every hour', 'Startup of the local Hub takes a moment'] },
  ],
});

/**
 * @param {string} pipeline
 * @param {string | null} mask
 */
export function defaultWidget(pipeline, mask) {
  return DEFAULT_WIDGETS[pipeline]?.(mask ?? '[MASK]');
}

/**
 * Class name stem of an architecture (`TidalModel` → `Tidal`, `GPT2LMHeadModel` → `GPT2`).
 * @param {string} architecture
 */
export function classStem(architecture) {
  return architecture.replace(/For[A-Z]\w*$|LMHeadModel$|Model$/, '');
}

/**
 * `auto_map` of a model whose code lives in the repo (`custom_code`).
 * @param {string} modelType
 * @param {string} architecture
 */
export function autoMap(modelType, architecture) {
  const stem = classStem(architecture);
  return { AutoConfig: `configuration_${modelType}.${stem}Config`, AutoModel: `modeling_${modelType}.${stem}Model` };
}

/**
 * @param {unknown} value
 * @returns {string[]}
 */
export function asList(value) {
  if (value === null || value === undefined || value === '') {
    return [];
  }
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined).map(String);
}

/**
 * `arxiv:` tags from links in the card body, in order of appearance.
 * @param {string} body
 */
export function arxivIds(body) {
  const ids = new Set();
  for (const m of body.matchAll(/arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/gi)) {
    ids.add(m[1]);
  }
  return [...ids];
}

/** Framework tags implied by weight files, in the Hub's order. */
const FRAMEWORK_FILES = /** @type {[string, RegExp][]} */ ([
  ['pytorch', /(^|\/)(pytorch_model[^/]*\.bin|[^/]*\.pth?)$|diffusion_pytorch_model\.bin$/],
  ['tf', /(^|\/)tf_model\.h5$/],
  ['jax', /(^|\/)flax_model\.msgpack$/],
  ['tflite', /\.tflite$/],
  ['rust', /(^|\/)rust_model\.ot$/],
  ['coreml', /(^|\/)coreml\//],
  ['onnx', /\.onnx$/],
  ['safetensors', /\.safetensors$/],
  ['openvino', /(^|\/)openvino\//],
  ['gguf', /\.gguf$/],
]);

/**
 * @param {string[]} paths
 */
function frameworkTags(paths) {
  return FRAMEWORK_FILES.filter(([, re]) => paths.some((p) => re.test(p))).map(([tag]) => tag);
}

/**
 * Builds a model's tag list in the Hub's order: library, frameworks, model type, task, card tags,
 * languages, datasets, arxiv, base model, license, then compatibility and region tags.
 * @param {object} m
 * @param {string | undefined} m.library
 * @param {string[]} m.paths
 * @param {string | undefined} m.modelType
 * @param {string | undefined} m.pipeline
 * @param {Record<string, unknown> | null} m.cardData
 * @param {string[]} m.extraTags tags that come from elsewhere (`conversational`, `custom_code`, …)
 * @param {string[]} m.arxiv
 */
export function modelTags({ library, paths, modelType, pipeline, cardData, extraTags, arxiv }) {
  const card = cardData ?? {};
  const tags = [];
  if (library) {
    tags.push(library);
  }
  tags.push(...frameworkTags(paths));
  if (modelType) {
    tags.push(modelType);
  }
  if (pipeline) {
    tags.push(pipeline);
    if (pipeline === 'sentence-similarity') {
      tags.splice(tags.length - 1, 0, 'feature-extraction');
    }
  }
  if (library === 'sentence-transformers') {
    tags.push('transformers');
  }
  tags.push(...asList(card.tags), ...extraTags);
  if (card['model-index']) {
    tags.push('model-index');
  }
  tags.push(...asList(card.language));
  tags.push(...asList(card.datasets).map((d) => `dataset:${d}`));
  tags.push(...arxiv.map((a) => `arxiv:${a}`));
  for (const base of asList(card.base_model)) {
    const relation = asList(card.tags).includes('lora') ? 'adapter' : /gguf/i.test(paths.join(' ')) ? 'quantized' : 'finetune';
    tags.push(`base_model:${base}`, `base_model:${relation}:${base}`);
  }
  tags.push(...asList(card.license).map((l) => `license:${l}`));
  if (library === 'transformers' && pipeline && pipeline !== 'feature-extraction') {
    tags.push('autotrain_compatible');
  }
  if (library === 'transformers' && (pipeline === 'text-generation' || pipeline === 'text2text-generation')) {
    tags.push('text-generation-inference');
  }
  if (library === 'sentence-transformers') {
    tags.push('text-embeddings-inference');
  }
  if (library === 'transformers' || library === 'sentence-transformers' || library === 'diffusers') {
    tags.push('endpoints_compatible');
  }
  tags.push('region:us');
  return [...new Set(tags)];
}

/** Dataset tag prefixes taken from the card, in the Hub's order. */
const DATASET_TAG_KEYS = [
  'task_categories', 'task_ids', 'annotations_creators', 'language_creators', 'multilinguality', 'size_categories',
  'source_datasets', 'language', 'license',
];

/**
 * @param {Record<string, unknown> | null} cardData
 * @param {string[]} arxiv
 * @param {string} modality
 */
export function datasetTags(cardData, arxiv, modality) {
  const card = cardData ?? {};
  const tags = [];
  for (const key of DATASET_TAG_KEYS) {
    tags.push(...asList(card[key]).map((v) => `${key}:${v}`));
  }
  tags.push(...asList(card.tags));
  tags.push('format:parquet', `modality:${modality}`, 'library:datasets', 'library:pandas');
  tags.push(...arxiv.map((a) => `arxiv:${a}`));
  tags.push('region:us');
  return [...new Set(tags)];
}

/**
 * Main modality of a dataset, from its task categories.
 * @param {Record<string, unknown> | null} cardData
 */
export function datasetModality(cardData) {
  const tasks = asList(cardData?.task_categories).join(' ');
  if (/speech|audio/.test(tasks)) {
    return 'audio';
  }
  if (/image|vision|object-detection/.test(tasks)) {
    return 'image';
  }
  return 'text';
}

/** Rows per `size_categories` bucket (geometric middle), for sizes and `numRows`. */
const SIZE_ROWS = /** @type {Record<string, number>} */ ({
  'n<1K': 500,
  '1K<n<10K': 3_000,
  '10K<n<100K': 30_000,
  '100K<n<1M': 300_000,
  '1M<n<10M': 3_000_000,
  '10M<n<100M': 30_000_000,
  '100M<n<1B': 300_000_000,
  'n>1T': 1_000_000_000,
});

/**
 * @param {Record<string, unknown> | null} cardData
 * @param {string} id
 */
export function datasetRows(cardData, id) {
  const buckets = asList(cardData?.size_categories).map((s) => SIZE_ROWS[s] ?? 0);
  const rows = buckets.length ? Math.max(...buckets) : 1_000 + (hashInt(id) % 50_000);
  return Math.round(rows * (0.7 + (hashInt(`rows:${id}`) % 600) / 1000));
}

/**
 * The text of a `### Heading` section of a card (up to the next heading).
 * @param {string} body
 * @param {RegExp} heading
 */
function cardSection(body, heading) {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => /^#{1,4}\s/.test(l) && heading.test(l));
  if (start < 0) {
    return '';
  }
  const out = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,4}\s/.test(line)) {
      break;
    }
    out.push(line);
  }
  return out.join('\n').trim();
}

/**
 * A dataset's `description`: the card's summary section, or its first paragraph of prose.
 * @param {string} body
 */
export function datasetDescription(body) {
  const summary = cardSection(body, /Dataset Summary/i);
  const text =
    summary ||
    body
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .find((p) => p && !p.startsWith('#') && !p.startsWith('-') && !p.startsWith('|')) ||
    '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

/**
 * A dataset's `citation`: the first code block of the card's citation section.
 * @param {string} body
 */
export function datasetCitation(body) {
  const section = cardSection(body, /Citation Information/i);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(section);
  return m ? m[1].trim() : '';
}

/**
 * A Space's subdomain as the Hub builds it (`pngwn/music-visualizer` → `pngwn-music-visualizer`).
 * @param {string} id
 */
export function spaceSubdomain(id) {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
