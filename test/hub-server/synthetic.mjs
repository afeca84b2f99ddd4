// Synthetic repositories: realistic but fictional models that fill the catalog beyond the real cards
// (chat LLMs and their GGUF/MLX/PEFT derivatives, diffusers pipelines and LoRAs, embeddings, speech,
// vision, classifiers), and the cheap "scale" models added with `syntheticModels: N`. Everything is derived
// from a seeded PRNG, so two runs serve identical catalogs. Every card says it is synthetic.
import { between, isoSeconds, pick, prng } from './util.mjs';
import { decoderTensors, tensorParams } from './gguf.mjs';
import { PROVIDER_MAPPINGS } from './synthetic-providers.mjs';

/**
 * A repository described by its card data, before the catalog turns it into a repo.
 * @typedef {object} Plan
 * @property {'model' | 'dataset' | 'space'} type
 * @property {string} id
 * @property {Record<string, unknown>} cardData
 * @property {() => string} body markdown after the front matter
 * @property {string[]} siblings
 * @property {Record<string, any>} meta architecture, sizes, … (see repo-files.mjs)
 * @property {string} createdAt
 * @property {Record<string, any>} [recordedExtra] keys served with `expand` that the catalog cannot derive (`inferenceProviderMapping`)
 */

const SYNTHETIC_NOTE =
  '> **Synthetic repository.** This card was generated for the local test Hub (`test/hub-server`); the repository does not exist on huggingface.co.';

const LLM_FAMILIES = [
  { name: 'Kestrel', org: 'kestrel-labs', modelType: 'llama', arch: 'LlamaForCausalLM', license: 'llama3.1', vocab: 128256 },
  { name: 'Tidewater', org: 'tidepool-ai', modelType: 'mistral', arch: 'MistralForCausalLM', license: 'apache-2.0', vocab: 32768 },
  { name: 'Aurora', org: 'aurora-ml', modelType: 'qwen2', arch: 'Qwen2ForCausalLM', license: 'apache-2.0', vocab: 151936 },
  { name: 'Quill', org: 'quillwork', modelType: 'phi3', arch: 'Phi3ForCausalLM', license: 'mit', vocab: 32064 },
  { name: 'Northwind', org: 'northwind-nlp', modelType: 'gemma2', arch: 'Gemma2ForCausalLM', license: 'gemma', vocab: 256000 },
];
const LLM_SIZES = [
  { label: '0.5B', params: 494_032_768, hidden: 896, layers: 24 },
  { label: '1.5B', params: 1_543_714_304, hidden: 1536, layers: 28 },
  { label: '3B', params: 3_085_938_688, hidden: 2048, layers: 36 },
  { label: '7B', params: 7_241_732_096, hidden: 4096, layers: 32 },
  { label: '14B', params: 14_770_033_664, hidden: 5120, layers: 48 },
  { label: '70B', params: 70_553_706_496, hidden: 8192, layers: 80 },
];
const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";
const LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'ja', 'zh', 'ko', 'ar', 'hi', 'ru'];

/**
 * @param {string} createdFrom ISO date
 * @param {() => number} rand
 */
function createdAfter(createdFrom, rand) {
  const start = Date.parse(createdFrom);
  return isoSeconds(start + rand() * (Date.parse('2025-09-30T00:00:00Z') - start));
}

/**
 * @param {string} title
 * @param {string} summary
 * @param {string} [usage] python code
 */
function cardBody(title, summary, usage) {
  const parts = [`# ${title}`, '', SYNTHETIC_NOTE, '', summary, ''];
  if (usage) {
    parts.push('## Usage', '', '```python', usage, '```', '');
  }
  return parts.join('\n');
}

/**
 * The synthetic models of the base catalog (about 60).
 * @returns {Plan[]}
 */
export function syntheticModels() {
  const rand = prng('synthetic-models-v1');
  /** @type {Plan[]} */
  const plans = [];
  /** @type {Plan[]} */
  const chats = [];
  for (const [f, family] of LLM_FAMILIES.entries()) {
    const sizes = [LLM_SIZES[f % 3], LLM_SIZES[3 + (f % 3)]];
    for (const size of sizes) {
      const base = llmPlan(family, size, null, rand);
      const chat = llmPlan(family, size, base, rand);
      plans.push(base, chat);
      chats.push(chat);
    }
  }
  for (const chat of chats.slice(0, 6)) {
    plans.push(ggufPlan(chat, rand));
  }
  for (const chat of chats.slice(6, 9)) {
    plans.push(mlxPlan(chat, rand));
  }
  for (const chat of chats.slice(1, 5)) {
    plans.push(peftPlan(chat, rand));
  }
  plans.push(...diffusionPlans(rand));
  plans.push(...embeddingPlans(rand));
  plans.push(...speechPlans(rand));
  plans.push(...visionPlans(rand));
  plans.push(...classifierPlans(rand));
  for (const plan of plans) {
    const mapping = PROVIDER_MAPPINGS[plan.id];
    if (mapping) {
      plan.recordedExtra = { inferenceProviderMapping: mapping };
    }
  }
  return plans;
}

/**
 * @param {typeof LLM_FAMILIES[number]} family
 * @param {typeof LLM_SIZES[number]} size
 * @param {Plan | null} base the base model, when this is its instruct version
 * @param {() => number} rand
 * @returns {Plan}
 */
function llmPlan(family, size, base, rand) {
  const name = `${family.name}-2-${size.label}${base ? '-Instruct' : ''}`;
  const id = `${family.org}/${name}`;
  const shards = Math.max(1, Math.ceil((size.params * 2) / 4.9e9));
  const pad = (/** @type {number} */ n) => String(n).padStart(5, '0');
  const weights =
    shards === 1
      ? ['model.safetensors']
      : [...Array.from({ length: shards }, (_, k) => `model-${pad(k + 1)}-of-${pad(shards)}.safetensors`), 'model.safetensors.index.json'];
  const tokenizerFiles = family.modelType === 'llama' || family.modelType === 'mistral' ? ['tokenizer.model'] : [];
  /** @type {Record<string, unknown>} */
  const cardData = {
    license: family.license,
    language: LANGS.slice(0, 1 + Math.floor(rand() * 6)),
    library_name: 'transformers',
    pipeline_tag: 'text-generation',
    tags: base ? ['chat', family.name.toLowerCase()] : [family.name.toLowerCase()],
  };
  if (base) {
    cardData.base_model = base.id;
  }
  return {
    type: 'model',
    id,
    cardData,
    body: () =>
      cardBody(
        name,
        base
          ? `${name} is the instruction-tuned version of [${base.id}](/${base.id}), trained for multi-turn chat.`
          : `${name} is a ${size.label}-parameter decoder-only language model pretrained on a mix of web text and code.`,
        `from transformers import pipeline\n\npipe = pipeline("text-generation", model="${id}")\nprint(pipe("Hello, my name is")[0]["generated_text"])`,
      ),
    siblings: [
      '.gitattributes', 'LICENSE', 'README.md', 'config.json', 'generation_config.json', ...weights, 'special_tokens_map.json',
      'tokenizer.json', ...tokenizerFiles, 'tokenizer_config.json',
    ].sort(),
    meta: {
      modelType: family.modelType,
      architectures: [family.arch],
      params: size.params,
      dtype: 'BF16',
      hidden: size.hidden,
      layers: size.layers,
      heads: size.hidden / 128,
      vocab: family.vocab,
      maxPositions: 32768,
      tokenizer: tokenizerFiles.length ? 'sentencepiece' : 'bpe',
      chatTemplate: base ? CHAT_TEMPLATE : undefined,
      inference: base && size.params < 10e9 ? 'warm' : undefined,
    },
    createdAt: createdAfter(base ? base.createdAt : '2024-01-10T00:00:00Z', rand),
  };
}

/**
 * @param {Plan} chat
 * @param {() => number} rand
 * @returns {Plan}
 */
function ggufPlan(chat, rand) {
  const name = chat.id.slice(chat.id.indexOf('/') + 1);
  const id = `saltmarsh/${name}-GGUF`;
  const quants = ['Q2_K', 'Q4_K_M', 'Q5_K_M', 'Q8_0'];
  return {
    type: 'model',
    id,
    cardData: {
      base_model: chat.id,
      license: chat.cardData.license,
      language: chat.cardData.language,
      pipeline_tag: 'text-generation',
      tags: ['gguf', 'llama-cpp', 'quantized'],
    },
    body: () =>
      cardBody(
        `${name} GGUF`,
        `GGUF quantizations of [${chat.id}](/${chat.id}) for llama.cpp and compatible runtimes.\n\n| file | quant |\n|---|---|\n${quants.map((q) => `| ${name}-${q}.gguf | ${q} |`).join('\n')}`,
      ),
    siblings: ['.gitattributes', 'README.md', ...quants.map((q) => `${name}-${q}.gguf`)],
    meta: {
      ...chat.meta,
      inference: undefined,
      gguf: {
        total: tensorParams(decoderTensors(/** @type {{ params: number, hidden: number, layers: number, vocab: number }} */ (chat.meta))),
        architecture: chat.meta.modelType,
        context_length: chat.meta.maxPositions,
        chat_template: CHAT_TEMPLATE,
        bos_token: '<s>',
        eos_token: '</s>',
      },
    },
    createdAt: createdAfter(chat.createdAt, rand),
  };
}

/**
 * @param {Plan} chat
 * @param {() => number} rand
 * @returns {Plan}
 */
function mlxPlan(chat, rand) {
  const name = chat.id.slice(chat.id.indexOf('/') + 1);
  const id = `saltmarsh/${name}-mlx-4bit`;
  return {
    type: 'model',
    id,
    cardData: { base_model: chat.id, license: chat.cardData.license, library_name: 'mlx', pipeline_tag: 'text-generation', tags: ['mlx'] },
    body: () =>
      cardBody(`${name} (MLX, 4-bit)`, `[${chat.id}](/${chat.id}) converted to MLX format with 4-bit weights.`, `from mlx_lm import load, generate\n\nmodel, tokenizer = load("${id}")\nprint(generate(model, tokenizer, prompt="hello"))`),
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json'],
    meta: { ...chat.meta, params: Math.round(chat.meta.params / 4), dtype: 'U8', inference: undefined },
    createdAt: createdAfter(chat.createdAt, rand),
  };
}

/**
 * @param {Plan} chat
 * @param {() => number} rand
 * @returns {Plan}
 */
function peftPlan(chat, rand) {
  const name = chat.id.slice(chat.id.indexOf('/') + 1);
  const topic = pick(rand, ['sql', 'legal', 'medical-qa', 'support', 'poetry']);
  const id = `cobalt-bio/${name}-${topic}-lora`;
  return {
    type: 'model',
    id,
    cardData: { base_model: chat.id, library_name: 'peft', license: chat.cardData.license, pipeline_tag: 'text-generation', tags: ['lora', 'sft', 'generated_from_trainer'] },
    body: () =>
      cardBody(`${name} ${topic} adapter`, `A LoRA adapter for [${chat.id}](/${chat.id}) fine-tuned on ${topic} conversations.`, `from peft import PeftModel\nfrom transformers import AutoModelForCausalLM\n\nbase = AutoModelForCausalLM.from_pretrained("${chat.id}")\nmodel = PeftModel.from_pretrained(base, "${id}")`),
    siblings: ['.gitattributes', 'README.md', 'adapter_config.json', 'adapter_model.safetensors', 'training_args.bin'],
    meta: { ...chat.meta, baseModel: chat.id, adapterParams: 20_971_520, inference: undefined },
    createdAt: createdAfter(chat.createdAt, rand),
  };
}

const SDXL_COMPONENTS = { unet: 2_567_463_684, vae: 83_653_863, text_encoder: 123_060_480, text_encoder_2: 694_659_840 };
const SD_FILES = [
  '.gitattributes', 'README.md', 'model_index.json', 'scheduler/scheduler_config.json', 'text_encoder/config.json',
  'text_encoder/model.safetensors', 'text_encoder_2/config.json', 'text_encoder_2/model.safetensors', 'tokenizer/merges.txt',
  'tokenizer/special_tokens_map.json', 'tokenizer/tokenizer_config.json', 'tokenizer/vocab.json', 'unet/config.json',
  'unet/diffusion_pytorch_model.fp16.safetensors', 'unet/diffusion_pytorch_model.safetensors', 'vae/config.json',
  'vae/diffusion_pytorch_model.safetensors',
];

/**
 * @param {() => number} rand
 * @returns {Plan[]}
 */
function diffusionPlans(rand) {
  /** @type {Plan[]} */
  const plans = [];
  for (const name of ['ember-xl-base-1.0', 'ember-xl-turbo', 'ember-anime-xl']) {
    const id = `ember-diffusion/${name}`;
    plans.push({
      type: 'model',
      id,
      cardData: { license: 'openrail++', library_name: 'diffusers', pipeline_tag: 'text-to-image', tags: ['text-to-image', 'stable-diffusion-xl'] },
      body: () =>
        cardBody(name, `${name} is a latent text-to-image diffusion model.`, `import torch\nfrom diffusers import DiffusionPipeline\n\npipe = DiffusionPipeline.from_pretrained("${id}", torch_dtype=torch.float16)\nimage = pipe("an astronaut riding a horse").images[0]`),
      siblings: SD_FILES,
      meta: { components: SDXL_COMPONENTS, dtype: 'F32', diffusersClass: 'StableDiffusionXLPipeline', tokenizer: 'bpe', vocab: 49408 },
      createdAt: createdAfter('2023-08-01T00:00:00Z', rand),
    });
  }
  for (const style of ['watercolor', 'pixel-art', 'isometric', 'ink-sketch', 'claymation']) {
    const id = `ember-diffusion/sdxl-${style}-lora`;
    const prompt = `a lighthouse at dusk, ${style.replace('-', ' ')} style`;
    plans.push({
      type: 'model',
      id,
      cardData: {
        tags: ['text-to-image', 'stable-diffusion-xl', 'lora', 'diffusers', 'template:sd-lora'],
        base_model: 'stabilityai/stable-diffusion-xl-base-1.0',
        instance_prompt: `${style.replace('-', ' ')} style`,
        license: 'openrail++',
        widget: [{ text: prompt, output: { url: 'images/example.png' } }],
      },
      body: () =>
        cardBody(`SDXL ${style} LoRA`, `A LoRA for Stable Diffusion XL that renders images in a ${style.replace('-', ' ')} style.`, `from diffusers import DiffusionPipeline\n\npipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0")\npipe.load_lora_weights("${id}")\nimage = pipe("${prompt}").images[0]`),
      siblings: ['.gitattributes', 'README.md', 'images/example.png', 'pytorch_lora_weights.safetensors'],
      meta: { adapterParams: 23_000_000 + between(rand, 0, 2_000_000), dtype: 'F32', diffusersClass: 'StableDiffusionXLPipeline', pipeline: 'text-to-image', library: 'diffusers' },
      createdAt: createdAfter('2023-09-01T00:00:00Z', rand),
    });
  }
  return plans;
}

/**
 * @param {() => number} rand
 * @returns {Plan[]}
 */
function embeddingPlans(rand) {
  return ['lumen-embed-small-en', 'lumen-embed-base-en', 'lumen-embed-large-en', 'lumen-embed-m3', 'glasswing-retriever-v2', 'glasswing-reranker-base'].map((name, k) => {
    const org = name.startsWith('lumen') ? 'lumen-vision' : 'glasswing-research';
    const id = `${org}/${name}`;
    const hidden = [384, 768, 1024, 1024, 768, 768][k];
    const multilingual = name.includes('m3');
    return {
      type: 'model',
      id,
      cardData: {
        language: multilingual ? LANGS : ['en'],
        license: 'apache-2.0',
        library_name: 'sentence-transformers',
        pipeline_tag: 'sentence-similarity',
        tags: ['sentence-transformers', 'feature-extraction', 'sentence-similarity', 'mteb'],
        datasets: ['squad', 'natural_questions'],
      },
      body: () =>
        cardBody(name, `${name} maps sentences and paragraphs to a ${hidden}-dimensional dense vector space for semantic search and clustering.`, `from sentence_transformers import SentenceTransformer\n\nmodel = SentenceTransformer("${id}")\nembeddings = model.encode(["The test Hub starts quickly", "The fixture server is fast to start"])`),
      siblings: [
        '.gitattributes', '1_Pooling/config.json', 'README.md', 'config.json', 'config_sentence_transformers.json', 'model.safetensors',
        'modules.json', 'sentence_bert_config.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt',
      ],
      meta: {
        modelType: multilingual ? 'xlm-roberta' : 'bert',
        architectures: [multilingual ? 'XLMRobertaModel' : 'BertModel'],
        params: Math.round(hidden * hidden * (hidden > 700 ? 190 : 150)),
        dtype: 'F32',
        hidden,
        tokenizer: 'wordpiece',
        vocab: 30522,
        inference: k < 2 ? 'warm' : undefined,
      },
      createdAt: createdAfter('2024-02-01T00:00:00Z', rand),
    };
  });
}

/**
 * @param {() => number} rand
 * @returns {Plan[]}
 */
function speechPlans(rand) {
  return ['mosaic-asr-tiny', 'mosaic-asr-base', 'mosaic-asr-large-v2', 'mosaic-asr-large-v2-de'].map((name) => {
    const id = `mosaic-speech/${name}`;
    const size = /tiny/.test(name) ? 37_760_640 : /base/.test(name) ? 72_593_920 : 1_543_490_560;
    return {
      type: 'model',
      id,
      cardData: {
        language: name.endsWith('-de') ? ['de'] : ['en', 'fr', 'de', 'es'],
        license: 'apache-2.0',
        library_name: 'transformers',
        pipeline_tag: 'automatic-speech-recognition',
        tags: ['audio', 'speech', 'whisper'],
        datasets: ['librispeech_asr', 'common_voice'],
      },
      body: () =>
        cardBody(name, `${name} is an encoder-decoder speech recognition model.`, `from transformers import pipeline\n\nasr = pipeline("automatic-speech-recognition", model="${id}")\nprint(asr("sample.flac")["text"])`),
      siblings: [
        '.gitattributes', 'README.md', 'added_tokens.json', 'config.json', 'generation_config.json', 'merges.txt', 'model.safetensors',
        'preprocessor_config.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.json',
      ],
      meta: { modelType: 'whisper', architectures: ['WhisperForConditionalGeneration'], params: size, dtype: 'F32', tokenizer: 'bpe', vocab: 51865 },
      createdAt: createdAfter('2023-11-01T00:00:00Z', rand),
    };
  });
}

/**
 * @param {() => number} rand
 * @returns {Plan[]}
 */
function visionPlans(rand) {
  return [
    ['lumen-vision/convnext-tiny-lumen', 'timm'],
    ['lumen-vision/vit-base-patch16-lumen', 'transformers'],
    ['lumen-vision/efficientnet-b3-lumen', 'timm'],
    ['ferrovia-ai/rail-defect-detector', 'transformers'],
    ['ferrovia-ai/track-sign-classifier', 'transformers'],
  ].map(([id, library]) => {
    const transformers = library === 'transformers';
    return {
      type: 'model',
      id,
      cardData: { license: 'apache-2.0', library_name: library, pipeline_tag: 'image-classification', tags: ['image-classification', 'vision'], datasets: ['imagenet-1k'] },
      body: () =>
        cardBody(id.slice(id.indexOf('/') + 1), 'An image classification model trained on ImageNet-1k at 224x224.', transformers ? `from transformers import pipeline\n\nclf = pipeline("image-classification", model="${id}")` : `import timm\n\nmodel = timm.create_model("hf_hub:${id}", pretrained=True)`),
      siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', ...(transformers ? ['preprocessor_config.json'] : ['pytorch_model.bin'])],
      meta: { modelType: transformers ? 'vit' : 'timm', architectures: transformers ? ['ViTForImageClassification'] : [], params: 28_589_128 + between(rand, 0, 60_000_000), dtype: 'F32' },
      createdAt: createdAfter('2023-06-01T00:00:00Z', rand),
    };
  });
}

/**
 * @param {() => number} rand
 * @returns {Plan[]}
 */
function classifierPlans(rand) {
  return [
    ['northwind-nlp/distilbert-imdb-sentiment', 'imdb'],
    ['northwind-nlp/distilbert-emotion', 'emotion'],
    ['northwind-nlp/roberta-ag-news', 'ag_news'],
    ['quillwork/tweet-eval-irony', 'tweet_eval'],
    ['quillwork/xsum-summary-judge', 'xsum'],
    ['glasswing-research/code-docstring-quality', 'code_x_glue_ct_code_to_text'],
  ].map(([id, dataset]) => {
    const roberta = /roberta/.test(id);
    const accuracy = 0.85 + rand() * 0.12;
    const name = id.slice(id.indexOf('/') + 1);
    return {
      type: 'model',
      id,
      cardData: {
        license: 'apache-2.0',
        base_model: roberta ? 'FacebookAI/roberta-base' : 'distilbert/distilbert-base-uncased',
        tags: ['generated_from_trainer'],
        datasets: [dataset],
        metrics: ['accuracy'],
        'model-index': [
          {
            name,
            results: [
              {
                task: { type: 'text-classification', name: 'Text Classification' },
                dataset: { name: dataset, type: dataset, split: 'test' },
                metrics: [{ type: 'accuracy', value: Math.round(accuracy * 10000) / 10000, name: 'Accuracy' }],
              },
            ],
          },
        ],
      },
      body: () =>
        cardBody(name, `This model is a fine-tuned version of the base model on the ${dataset} dataset. It reaches an accuracy of ${accuracy.toFixed(4)} on the evaluation set.`, `from transformers import pipeline\n\nclf = pipeline("text-classification", model="${id}")\nprint(clf("I like you. I love you"))`),
      siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'training_args.bin', roberta ? 'vocab.json' : 'vocab.txt', ...(roberta ? ['merges.txt'] : [])],
      meta: {
        modelType: roberta ? 'roberta' : 'distilbert',
        architectures: [roberta ? 'RobertaForSequenceClassification' : 'DistilBertForSequenceClassification'],
        params: roberta ? 124_647_170 : 66_955_010,
        dtype: 'F32',
        tokenizer: roberta ? 'bpe' : 'wordpiece',
        vocab: roberta ? 50265 : 30522,
        pipeline: 'text-classification',
        library: 'transformers',
      },
      createdAt: createdAfter('2023-03-01T00:00:00Z', rand),
    };
  });
}

const SCALE_TASKS = ['text-classification', 'token-classification', 'text-generation', 'fill-mask', 'question-answering', 'summarization', 'translation', 'feature-extraction'];
const SCALE_LICENSES = ['apache-2.0', 'mit', 'cc-by-4.0', 'other'];

/**
 * Scale-test model number `i` (for `syntheticModels: N`): cheap to create, its card is only written
 * when someone reads it.
 * @param {number} i
 * @returns {Plan}
 */
export function scaleModel(i) {
  const rand = prng(`scale:${i}`);
  const id = `scale-org-${String(i % 100).padStart(3, '0')}/scale-model-${String(i).padStart(5, '0')}`;
  const task = pick(rand, SCALE_TASKS);
  const license = pick(rand, SCALE_LICENSES);
  return {
    type: 'model',
    id,
    cardData: { license, library_name: 'transformers', pipeline_tag: task, tags: ['scale-test'], language: [pick(rand, LANGS)] },
    body: () => cardBody(id.slice(id.indexOf('/') + 1), `Scale-test model number ${i} (${task}).`),
    siblings: ['.gitattributes', 'README.md', 'config.json', 'model.safetensors'],
    meta: { modelType: 'bert', architectures: ['BertModel'], params: 4_385_920 + between(rand, 0, 100_000_000, 2), dtype: 'F32' },
    createdAt: createdAfter('2022-06-01T00:00:00Z', rand),
  };
}
