// The files of a repository, built on first use from its list of paths (`siblings`) and its metadata:
// real-looking small files (configs, tokenizers, app code) with their exact bytes, and LFS weights whose
// sizes follow the parameter count (safetensors files carry a valid header, so header-only readers work).
import { autoMap, classStem } from './derive.mjs';
import { DTYPE_BYTES, LfsFile, TextFile, isLfsPath, safetensorsHeader, splitTensors } from './files.mjs';
import { ggufFile, ggufQuantOf } from './gguf.mjs';
import { hashInt } from './util.mjs';
import { packagedTokenizerFile } from './tokenizers.mjs';

/**
 * @typedef {import('./files.mjs').TextFile | import('./files.mjs').LfsFile} RepoFile
 * @typedef {import('./catalog.mjs').Repo} Repo
 */

/**
 * @param {Repo} repo
 * @returns {RepoFile[]}
 */
export function buildFiles(repo) {
  const shardCounts = countShards(repo.siblings);
  /** @type {Map<string, RepoFile>} */
  const files = new Map();
  for (const path of repo.siblings) {
    if (!isIndexFile(path)) {
      files.set(path, makeFile(repo, path, shardCounts));
    }
  }
  // Shard indexes describe the shards, so they are built last.
  for (const path of repo.siblings.filter(isIndexFile)) {
    files.set(path, new TextFile(path, () => shardIndex(path, files)));
  }
  return repo.siblings.map((p) => /** @type {RepoFile} */ (files.get(p)));
}

/** @param {string} path */
function isIndexFile(path) {
  return /\.(safetensors|bin)\.index\.json$/.test(path);
}

const SHARD = /-(\d{5})-of-(\d{5})\./;

/** @param {string[]} paths */
function countShards(paths) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const p of paths) {
    const m = SHARD.exec(p);
    if (m) {
      counts.set(p, Number(m[2]));
    }
  }
  return counts;
}

/**
 * @param {Repo} repo
 * @param {string} path
 * @param {Map<string, number>} shardCounts
 * @returns {RepoFile}
 */
function makeFile(repo, path, shardCounts) {
  const seed = `${repo.type}/${repo.id}/${path}`;
  if (path === 'README.md') {
    return new TextFile(path, () => repo.readme());
  }
  if (isLfsPath(path)) {
    return lfsFile(repo, path, seed, shardCounts.get(path) ?? 1);
  }
  return new TextFile(path, () => textContent(repo, path));
}

/**
 * Parameters stored in a weights file: a diffusers component's, a share of a sharded checkpoint, or the total.
 * @param {Repo} repo
 * @param {string} path
 * @param {number} shards
 */
function paramsIn(repo, path, shards) {
  const meta = repo.meta;
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
  const components = meta.components ?? {};
  let params = meta.params ?? 100_000_000;
  if (folder && components[folder]) {
    params = components[folder];
  } else if (Object.keys(components).length && !folder) {
    params = Object.values(components).reduce((a, b) => a + b, 0);
  }
  if (/lora|adapter/.test(path)) {
    params = meta.adapterParams ?? 3_000_000;
  }
  return Math.ceil(params / shards);
}

/**
 * @param {Repo} repo
 * @param {string} path
 * @param {string} seed
 * @param {number} shards
 */
function lfsFile(repo, path, seed, shards) {
  const hashed = repo.meta.downloadable === true;
  const lower = path.toLowerCase();
  const jitter = 1000 + (hashInt(seed) % 90_000);
  if (lower.endsWith('.parquet')) {
    const parquetFiles = repo.siblings.filter((p) => p.endsWith('.parquet')).length;
    const size = Math.max(2_048, Math.round(((repo.meta.numRows ?? 10_000) * (repo.meta.rowBytes ?? 180)) / parquetFiles));
    return new LfsFile(path, { seed, size: size + jitter, header: Buffer.from('PAR1'), hashed });
  }
  const params = paramsIn(repo, path, shards);
  const dtype = /fp16|f16/.test(lower) ? 'F16' : (repo.meta.dtype ?? 'F32');
  const bytes = DTYPE_BYTES[dtype];
  if (lower.endsWith('.safetensors')) {
    const shard = SHARD.exec(path);
    const prefix = shard ? `model.layers.${Number(shard[1]) - 1}` : path.includes('/') ? path.slice(0, path.indexOf('/')) : 'model';
    const { header, dataBytes } = safetensorsHeader(splitTensors(params, dtype, prefix));
    return new LfsFile(path, { seed, size: header.length + dataBytes, header, hashed });
  }
  if (lower.endsWith('.gguf')) {
    const meta = repo.meta;
    const model = {
      architecture: meta.gguf?.architecture ?? meta.modelType ?? 'llama',
      name: repo.id.slice(repo.id.indexOf('/') + 1),
      params,
      hidden: meta.hidden ?? 2048,
      layers: meta.layers ?? 16,
      heads: meta.heads ?? 16,
      vocab: meta.vocab ?? 32000,
      contextLength: meta.gguf?.context_length ?? meta.maxPositions ?? 4096,
      chatTemplate: meta.gguf?.chat_template,
    };
    const { header, dataBytes } = ggufFile(model, ggufQuantOf(path));
    return new LfsFile(path, { seed, size: header.length + dataBytes, header, hashed });
  }
  /** @type {[RegExp, number][]} */
  const perParam = [
    [/(qint8|quint8|8bits?|int8)/, 1],
    [/\.tflite$/, 4],
    [/\.ckpt$/, 6],
    [/\.pth$/, 2],
    [/\.(bin|h5|msgpack|ot|onnx|pt)$/, bytes === 2 ? 2 : 4],
  ];
  const hit = perParam.find(([re]) => re.test(lower));
  if (hit) {
    return new LfsFile(path, { seed, size: params * (/fp16/.test(lower) ? 2 : hit[1]) + jitter, hashed });
  }
  if (/(^|\/)(tokenizer|spiece|sentencepiece\.bpe)\.model$/.test(lower)) {
    return new LfsFile(path, { seed, size: 499_723 + (hashInt(seed) % 4_000_000), hashed });
  }
  return new LfsFile(path, { seed, size: 50_000 + (hashInt(seed) % 5_000_000), hashed });
}

/**
 * @param {string} path
 * @param {Map<string, RepoFile>} files
 */
function shardIndex(path, files) {
  const stem = path.replace(/\.index\.json$/, '');
  const ext = stem.slice(stem.lastIndexOf('.'));
  const base = stem.slice(0, stem.lastIndexOf('.'));
  /** @type {Record<string, string>} */
  const weightMap = {};
  let total = 0;
  for (const [p, f] of files) {
    if (p.startsWith(`${base}-`) && p.endsWith(ext) && SHARD.test(p)) {
      const name = p.slice(p.lastIndexOf('/') + 1);
      const layer = Number(SHARD.exec(p)?.[1]) - 1;
      for (const part of ['embed_tokens.weight', 'self_attn.qkv.weight', 'mlp.up_proj.weight', 'mlp.down_proj.weight']) {
        weightMap[`model.layers.${layer}.${part}`] = name;
      }
      total += f.size - (f instanceof LfsFile ? f.header.length : 0);
    }
  }
  return json({ metadata: { total_size: total }, weight_map: weightMap });
}

/**
 * @param {unknown} value
 */
function json(value) {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Content of a small (non-LFS) file, chosen by its name.
 * @param {Repo} repo
 * @param {string} path
 * @returns {string | Buffer}
 */
function textContent(repo, path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const meta = repo.meta;
  const packaged = meta.tokenizerPackage && !folder ? packagedTokenizerFile(meta.tokenizerPackage, name) : undefined;
  if (packaged !== undefined) {
    return packaged;
  }
  switch (name) {
    case '.gitattributes':
      return GITATTRIBUTES;
    case 'config.json':
      if (folder === '1_Pooling') {
        return json({ word_embedding_dimension: meta.hidden ?? 384, pooling_mode_cls_token: false, pooling_mode_mean_tokens: true, pooling_mode_max_tokens: false, pooling_mode_mean_sqrt_len_tokens: false });
      }
      if (meta.components?.[folder]) {
        return json({ _class_name: componentClass(folder)[1], _diffusers_version: '0.27.2' });
      }
      return json(modelConfig(repo));
    case 'adapter_config.json':
      return json({ base_model_name_or_path: meta.baseModel ?? null, peft_type: 'LORA', task_type: 'CAUSAL_LM', r: 16, lora_alpha: 32, lora_dropout: 0.05, target_modules: ['q_proj', 'v_proj'] });
    case 'model_index.json':
      return json(modelIndex(repo));
    case 'scheduler_config.json':
      return json({ _class_name: 'EulerDiscreteScheduler', _diffusers_version: '0.27.2', beta_end: 0.012, beta_schedule: 'scaled_linear', beta_start: 0.00085, num_train_timesteps: 1000, prediction_type: 'epsilon' });
    case 'preprocessor_config.json':
      return json({ crop_size: 224, do_center_crop: true, do_normalize: true, do_resize: true, image_mean: [0.48145466, 0.4578275, 0.40821073], image_std: [0.26862954, 0.26130258, 0.27577711], resample: 3, size: 224 });
    case 'generation_config.json':
      return json({ _from_model_config: true, bos_token_id: 1, eos_token_id: 2, transformers_version: meta.transformersVersion ?? '4.44.0' });
    case 'tokenizer_config.json':
      return json(tokenizerConfig(repo));
    case 'special_tokens_map.json':
      return json(specialTokens(meta.tokenizer));
    case 'added_tokens.json':
      return json({});
    case 'dataset_info.json':
      return json({ dataset_name: repo.id.slice(repo.id.indexOf('/') + 1), splits: Object.fromEntries(['train', 'test'].map((split, k) => [split, { name: split, num_examples: Math.round((meta.numRows ?? 10_000) * (k ? 0.2 : 0.8)) }])) });
    case 'vocab.txt':
      return wordpieceVocab(meta.vocab ?? 30522);
    case 'vocab.json':
      return JSON.stringify(Object.fromEntries(bpeVocab(meta.vocab ?? 50257).map((t, i) => [t, i])));
    case 'merges.txt':
      return bpeMerges(Math.min(50_000, (meta.vocab ?? 50257) - 257));
    case 'tokenizer.json':
      return tokenizerJson(meta);
    case 'modules.json':
      return json([
        { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
        { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
        { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
      ]);
    case 'sentence_bert_config.json':
      return json({ max_seq_length: 256, do_lower_case: false });
    case 'config_sentence_transformers.json':
      return json({ __version__: { sentence_transformers: '3.0.1', transformers: '4.41.2', pytorch: '2.3.0' }, prompts: {}, default_prompt_name: null, similarity_fn_name: 'cosine' });
    case 'requirements.txt':
      return requirements(repo);
    case 'Dockerfile':
      return DOCKERFILE;
    case 'index.html':
      return staticPage(repo);
    case 'style.css':
      return 'body {\n  font-family: system-ui, sans-serif;\n  margin: 2rem auto;\n  max-width: 48rem;\n}\n';
    case 'LICENSE':
    case 'LICENSE.md':
    case 'LICENSE.txt':
    case 'USE_POLICY.md':
      return `${name} of ${repo.id}\n\nPlaceholder written by the local test Hub: the real text is not redistributed here.\n`;
    default:
      break;
  }
  if (name.endsWith('.py')) {
    return pythonFile(repo, path);
  }
  if (name.endsWith('.json')) {
    return json({ epoch: 3.0, train_loss: 0.41 + (hashInt(path) % 100) / 1000, train_runtime: 1800 + (hashInt(repo.id) % 9000) });
  }
  if (name.endsWith('.xml')) {
    return `<?xml version="1.0"?>\n<net name="${repo.id}" version="11">\n  <layers />\n</net>\n`;
  }
  return `${path}\n`;
}

/** @param {Repo} repo */
function modelConfig(repo) {
  const m = repo.meta;
  return {
    _name_or_path: repo.id,
    architectures: m.architectures ?? [],
    ...(m.customCode ? { auto_map: autoMap(m.modelType, m.architectures[0]) } : {}),
    model_type: m.modelType,
    hidden_size: m.hidden ?? 768,
    num_attention_heads: m.heads ?? 12,
    num_hidden_layers: m.layers ?? 12,
    max_position_embeddings: m.maxPositions ?? 512,
    vocab_size: m.vocab ?? 30522,
    torch_dtype: m.dtype === 'BF16' ? 'bfloat16' : m.dtype === 'F16' ? 'float16' : 'float32',
    transformers_version: m.transformersVersion ?? '4.44.0',
  };
}

/** @param {Repo} repo */
function tokenizerConfig(repo) {
  const m = repo.meta;
  /** @type {Record<string, unknown>} */
  const config = { ...specialTokens(m.tokenizer), model_max_length: m.maxPositions ?? 512, tokenizer_class: tokenizerClass(m) };
  if (m.tokenizer === 'wordpiece') {
    config.do_lower_case = /uncased/.test(repo.id);
  }
  if (m.chatTemplate) {
    config.chat_template = m.chatTemplate;
  }
  return config;
}

/** @param {Record<string, any>} m */
function tokenizerClass(m) {
  if (m.tokenizer === 'wordpiece') {
    return 'BertTokenizer';
  }
  if (m.tokenizer === 'bpe') {
    return m.modelType === 'gpt2' ? 'GPT2Tokenizer' : 'RobertaTokenizer';
  }
  return m.modelType === 'llama' || m.modelType === 'mistral' ? 'LlamaTokenizer' : 'T5Tokenizer';
}

/** @param {string | undefined} kind */
function specialTokens(kind) {
  if (kind === 'wordpiece') {
    return { cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' };
  }
  if (kind === 'bpe') {
    return { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', pad_token: '<pad>', mask_token: '<mask>' };
  }
  return { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', pad_token: '</s>' };
}

const SYLLABLES = ['ka', 're', 'mi', 'to', 'su', 'na', 'lo', 'pe', 'di', 'vu', 'sa', 'no', 'ri', 'ta', 'me', 'zo', 'el', 'an', 'or', 'is'];

/** @param {number} i */
function word(i) {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    n -= 1;
    out = SYLLABLES[n % SYLLABLES.length] + out;
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

/** @param {number} size */
function wordpieceVocab(size) {
  const head = ['[PAD]', ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`), '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const words = Array.from({ length: Math.max(0, size - head.length) }, (_, i) => (i % 5 === 4 ? `##${word(i)}` : word(i)));
  return [...head, ...words].join('\n') + '\n';
}

/** @param {number} size */
function bpeVocab(size) {
  return ['<s>', '<pad>', '</s>', '<unk>', ...Array.from({ length: Math.max(0, size - 4) }, (_, i) => (i % 2 ? `Ġ${word(i)}` : word(i)))];
}

/** @param {number} count */
function bpeMerges(count) {
  const lines = ['#version: 0.2'];
  for (let i = 0; i < count; i++) {
    lines.push(`${i % 2 ? 'Ġ' : ''}${word(i % 400)} ${word((i * 7) % 400)}`);
  }
  return lines.join('\n') + '\n';
}

/** @param {Record<string, any>} m */
function tokenizerJson(m) {
  const size = Math.min(m.vocab ?? 30522, 60_000);
  const vocab = m.tokenizer === 'wordpiece' ? wordpieceVocab(size).trimEnd().split('\n') : bpeVocab(size);
  const model =
    m.tokenizer === 'wordpiece'
      ? { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100 }
      : { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: { ...model, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  });
}

/** @param {string} folder */
function componentClass(folder) {
  const classes = /** @type {Record<string, [string, string]>} */ ({
    unet: ['diffusers', 'UNet2DConditionModel'],
    transformer: ['diffusers', 'FluxTransformer2DModel'],
    vae: ['diffusers', 'AutoencoderKL'],
    text_encoder: ['transformers', 'CLIPTextModel'],
    text_encoder_2: ['transformers', 'CLIPTextModelWithProjection'],
    tokenizer: ['transformers', 'CLIPTokenizer'],
    tokenizer_2: ['transformers', 'CLIPTokenizer'],
    scheduler: ['diffusers', 'EulerDiscreteScheduler'],
    feature_extractor: ['transformers', 'CLIPImageProcessor'],
  });
  return classes[folder] ?? ['diffusers', 'ModelMixin'];
}

/** @param {Repo} repo */
function modelIndex(repo) {
  const folders = new Set(repo.siblings.filter((p) => p.includes('/')).map((p) => p.slice(0, p.indexOf('/'))));
  /** @type {Record<string, unknown>} */
  const index = { _class_name: repo.meta.diffusersClass ?? 'StableDiffusionPipeline', _diffusers_version: '0.27.2' };
  for (const folder of [...folders].sort()) {
    index[folder] = componentClass(folder);
  }
  return index;
}

/** @param {Repo} repo */
function requirements(repo) {
  const sdk = repo.meta.sdk;
  if (sdk === 'streamlit') {
    return 'streamlit\npandas\n';
  }
  if (sdk === 'docker') {
    return 'fastapi\nuvicorn[standard]\n';
  }
  return 'gradio\ntransformers\ntorch\n';
}

const DOCKERFILE = `FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 7860
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "7860"]
`;

/** @param {Repo} repo */
function staticPage(repo) {
  const title = String(repo.cardData?.title ?? repo.id);
  return `<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8" />\n    <title>${title}</title>\n    <link rel="stylesheet" href="style.css" />\n  </head>\n  <body>\n    <h1>${title}</h1>\n    <p>A static Space served by the local test Hub.</p>\n  </body>\n</html>\n`;
}

/**
 * @param {Repo} repo
 * @param {string} path
 */
function pythonFile(repo, path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '__init__.py') {
    return '';
  }
  if (repo.type === 'space') {
    const title = String(repo.cardData?.title ?? repo.id);
    if (repo.meta.sdk === 'streamlit') {
      return `import streamlit as st\n\nst.title(${JSON.stringify(title)})\ntext = st.text_input("Your text")\nif text:\n    st.write(text[::-1])\n`;
    }
    if (repo.meta.sdk === 'docker') {
      return `from fastapi import FastAPI\n\napp = FastAPI(title=${JSON.stringify(title)})\n\n\n@app.get("/")\ndef greet():\n    return {"message": "Hello from ${repo.id}"}\n`;
    }
    return `import gradio as gr\n\n\ndef predict(text):\n    return text[::-1]\n\n\ndemo = gr.Interface(fn=predict, inputs="text", outputs="text", title=${JSON.stringify(title)})\ndemo.launch()\n`;
  }
  const cls = classStem(repo.meta.architectures?.[0] ?? 'CustomModel');
  if (name.startsWith('configuration_')) {
    return `from transformers import PretrainedConfig\n\n\nclass ${cls}Config(PretrainedConfig):\n    model_type = "${repo.meta.modelType}"\n\n    def __init__(self, hidden_size=${repo.meta.hidden ?? 768}, **kwargs):\n        self.hidden_size = hidden_size\n        super().__init__(**kwargs)\n`;
  }
  if (name.startsWith('modeling_')) {
    return `import torch\nfrom transformers import PreTrainedModel\n\nfrom .configuration_${repo.meta.modelType} import ${cls}Config\n\n\nclass ${cls}Model(PreTrainedModel):\n    config_class = ${cls}Config\n\n    def __init__(self, config):\n        super().__init__(config)\n        self.proj = torch.nn.Linear(config.hidden_size, config.hidden_size)\n\n    def forward(self, hidden_states):\n        return self.proj(hidden_states)\n`;
  }
  return `# ${path} (${repo.id})\n\n\ndef main():\n    print("hello from ${repo.id}")\n\n\nif __name__ == "__main__":\n    main()\n`;
}

const GITATTRIBUTES = [
  '*.7z', '*.arrow', '*.bin', '*.bz2', '*.ckpt', '*.ftz', '*.gguf', '*.gz', '*.h5', '*.joblib', '*.lfs.*', '*.mlmodel', '*.model',
  '*.msgpack', '*.npy', '*.npz', '*.onnx', '*.ot', '*.parquet', '*.pb', '*.pickle', '*.pkl', '*.pt', '*.pth', '*.rar',
  '*.safetensors', 'saved_model/**/*', '*.tar.*', '*.tar', '*.tflite', '*.tgz', '*.wasm', '*.xz', '*.zip', '*.zst', '*tfevents*',
]
  .map((p) => `${p} filter=lfs diff=lfs merge=lfs -text`)
  .join('\n')
  .concat('\n');
