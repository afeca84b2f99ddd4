// Collections of the embedded Hub, written for the project: seven hand-written ones over catalog repos and the papers
// of papers-data.mjs (a nested one, a private one, a hostile one), and 30 generated fillers so that listings have
// several pages. Items name repos and papers by id; their fields are read from the catalog when served.
import { HOSTILE_PAPER_ID } from './papers-data.mjs';
import { prng, between, isoSeconds } from './util.mjs';

/**
 * @typedef {object} ItemSpec
 * @property {'model' | 'dataset' | 'space' | 'paper' | 'collection'} type
 * @property {string} id repo id, arXiv id, or the `key` of another collection
 * @property {string | { text: string, html: string }} [note] plain text (its HTML is `<p>text</p>`), or both forms
 */

/**
 * @typedef {object} CollectionSpec
 * @property {string} key stable name tests use (COLLECTION_KEYS)
 * @property {string} owner a test user or organisation
 * @property {string} title
 * @property {string} [description]
 * @property {'orange' | 'blue' | 'green' | 'purple' | 'pink' | 'indigo'} theme
 * @property {boolean} [private]
 * @property {number} upvotes
 * @property {number} trending trending score (the listing's default sort)
 * @property {string} createdAt its `_id` (and so its slug) is made from this date
 * @property {string} lastUpdated
 * @property {ItemSpec[]} items in position order
 */

/** Keys of the hand-written collections. */
export const COLLECTION_KEYS = Object.freeze({
  bert: 'bert',
  zephyr: 'zephyr',
  spaces: 'spaces',
  summarisation: 'summarisation',
  nested: 'reading-list',
  private: 'private-drafts',
  hostile: 'hostile',
});

const LONG_DESCRIPTION = `${'<b>bold</b> \u202Eevil\u202C '.repeat(4_000)}end`;

/** @type {CollectionSpec[]} */
const WRITTEN = [
  {
    key: COLLECTION_KEYS.bert, owner: 'hub-test-org', title: 'BERT and its descendants', theme: 'blue', upvotes: 48, trending: 30,
    description: 'The original bidirectional encoder, and the models that retrained, distilled or reworked it.',
    createdAt: '2024-02-12T10:15:00.000Z', lastUpdated: '2025-06-03T14:22:05.417Z',
    items: [
      { type: 'model', id: 'google-bert/bert-base-uncased', note: 'Where it started: 110M parameters, uncased English.' },
      { type: 'paper', id: '1810.04805' },
      { type: 'model', id: 'FacebookAI/roberta-base', note: 'Same architecture, trained longer on more data.' },
      { type: 'paper', id: '1907.11692' },
      { type: 'model', id: 'distilbert/distilbert-base-uncased' },
      { type: 'paper', id: '1910.01108' },
      { type: 'model', id: 'microsoft/DeBERTa-base' },
      { type: 'paper', id: '2006.03654' },
    ],
  },
  {
    key: COLLECTION_KEYS.zephyr, owner: 'hub-test', title: 'Zephyr recipe', theme: 'orange', upvotes: 31, trending: 44,
    description: 'A 7B chat model aligned by distillation: the model, the papers behind its two training data sets, and DPO.',
    createdAt: '2024-05-20T08:00:00.000Z', lastUpdated: '2025-09-14T08:30:12.004Z',
    items: [
      { type: 'model', id: 'HuggingFaceH4/zephyr-7b-beta' },
      { type: 'paper', id: '2310.16944', note: 'The technical report.' },
      { type: 'paper', id: '2305.14233', note: 'Where the fine-tuning dialogues come from (UltraChat).' },
      { type: 'paper', id: '2310.01377', note: 'Where the preference pairs come from (UltraFeedback).' },
      { type: 'paper', id: '2305.18290' },
    ],
  },
  {
    key: COLLECTION_KEYS.spaces, owner: 'stranger', title: 'Gradio demos by pngwn', theme: 'green', upvotes: 7, trending: 12,
    description: 'Small Gradio Spaces, some running and some not.',
    createdAt: '2024-08-01T12:00:00.000Z', lastUpdated: '2025-03-18T09:41:27.250Z',
    items: [
      { type: 'space', id: 'pngwn/altair-charts' },
      { type: 'space', id: 'pngwn/clear-inputs', note: 'Clears every input at once.' },
      { type: 'space', id: 'pngwn/music-visualizer' },
      { type: 'space', id: 'pngwn/AnimeGANv2_v3', note: 'Has no app file.' },
      { type: 'space', id: 'pngwn/test' },
    ],
  },
  {
    key: COLLECTION_KEYS.summarisation, owner: 'hub-test-org', title: 'Text-to-text and summarisation', theme: 'purple', upvotes: 19, trending: 9,
    description: 'Sequence-to-sequence models, the summarisation data sets they are evaluated on, and the papers of both.',
    createdAt: '2024-03-04T15:30:00.000Z', lastUpdated: '2025-01-27T17:02:48.903Z',
    items: [
      { type: 'model', id: 'google-t5/t5-base' },
      { type: 'model', id: 'facebook/bart-base' },
      { type: 'model', id: 'facebook/bart-large-cnn' },
      { type: 'dataset', id: 'xsum' },
      { type: 'dataset', id: 'samsum' },
      { type: 'dataset', id: 'cnn_dailymail' },
      { type: 'paper', id: '1910.10683' },
      { type: 'paper', id: '1910.13461' },
      { type: 'paper', id: '1808.08745' },
      { type: 'paper', id: '1911.12237' },
    ],
  },
  {
    key: COLLECTION_KEYS.nested, owner: 'hub-test', title: 'Reading list', theme: 'indigo', upvotes: 3, trending: 5,
    description: 'Collections and corpora to read next.',
    createdAt: '2025-01-10T09:00:00.000Z', lastUpdated: '2025-11-02T20:13:44.118Z',
    items: [
      { type: 'collection', id: COLLECTION_KEYS.bert, note: 'Start here.' },
      { type: 'collection', id: COLLECTION_KEYS.zephyr },
      { type: 'dataset', id: 'the_pile' },
      { type: 'paper', id: '2101.00027' },
      { type: 'dataset', id: 'wikitext' },
      { type: 'paper', id: '1609.07843' },
      { type: 'model', id: 'sentence-transformers/all-MiniLM-L6-v2' },
      { type: 'paper', id: '1908.10084' },
    ],
  },
  {
    key: COLLECTION_KEYS.private, owner: 'hub-test', title: 'Private drafts', theme: 'pink', private: true, upvotes: 0, trending: 0,
    description: 'Only hub-test sees this one.',
    createdAt: '2025-04-01T07:30:00.000Z', lastUpdated: '2025-12-01T07:45:09.662Z',
    items: [
      { type: 'model', id: 'hub-test/private-model' },
      { type: 'dataset', id: 'hub-test-org/private-dataset' },
      { type: 'model', id: 'hub-test/download-small' },
    ],
  },
  {
    key: COLLECTION_KEYS.hostile, owner: 'hub-test', title: `<img src=x onerror="window.__xss='collection-1'"> \u202Etcelloc\u202C [collection-2](command:workbench.action.terminal.new) $(warning)`,
    theme: 'pink', upvotes: 1, trending: 1, description: `<script>window.__xss='collection-3'</script> ${LONG_DESCRIPTION}`,
    createdAt: '2025-02-02T02:02:02.000Z', lastUpdated: '2025-02-02T02:02:02.000Z',
    items: [
      { type: 'paper', id: HOSTILE_PAPER_ID, note: { text: `<img src=x onerror="window.__xss='note-1'"> \u2067isolate\u2069`, html: `<p><img src=x onerror="window.__xss='note-2'"></p>` } },
      { type: 'model', id: 'hub-test/download-small', note: { text: `[note-3](command:workbench.action.terminal.new) ${'long note '.repeat(5_000)}`, html: '<a href="command:workbench.action.terminal.new">note-4</a>' } },
      { type: 'space', id: 'kestrel-labs/kestrel-chat', note: '\u202Eeton\u202C $(shield) note-5' },
      { type: 'collection', id: COLLECTION_KEYS.private },
    ],
  },
];

/** Catalog repos the fillers draw from (public, each in the catalog). */
const FILLER_REPOS = /** @type {const} */ ([
  ['model', 'openai-community/gpt2'], ['model', 'distilbert/distilgpt2'], ['model', 'FacebookAI/xlm-roberta-base'], ['model', 'google-t5/t5-11b'],
  ['model', 'allenai/longformer-base-4096'], ['model', 'almanach/camembert-base'], ['model', 'dslim/bert-base-NER'], ['model', 'microsoft/codebert-base'],
  ['model', 'sentence-transformers/paraphrase-albert-small-v2'], ['model', 'stabilityai/stable-diffusion-2-1'], ['model', 'kestrel-labs/Kestrel-2-7B-Instruct'],
  ['model', 'aurora-ml/Aurora-2-3B-Instruct'], ['model', 'lumen-vision/lumen-embed-base-en'], ['model', 'mosaic-speech/mosaic-asr-base'],
  ['dataset', 'squad'], ['dataset', 'imdb'], ['dataset', 'ag_news'], ['dataset', 'wikipedia'], ['dataset', 'mnist'], ['dataset', 'conll2003'],
  ['space', 'kestrel-labs/arena'], ['space', 'lumen-vision/embedding-explorer'], ['space', 'tidepool-ai/tide-tables'],
  ['paper', '2004.05150'], ['paper', '1911.02116'], ['paper', '2112.10752'],
]);

const TOPICS = ['tokenizers', 'small encoders', 'chat models', 'speech', 'vision', 'embeddings', 'classic data sets', 'long context', 'diffusion', 'multilingual'];
const THEMES = /** @type {const} */ (['orange', 'blue', 'green', 'purple', 'pink', 'indigo']);
export const FILLER_COUNT = 30;

/** @returns {CollectionSpec[]} */
function fillers() {
  return Array.from({ length: FILLER_COUNT }, (_, i) => {
    const n = i + 1;
    const rand = prng(`collection-filler:${n}`);
    const created = Date.parse('2024-01-01T00:00:00.000Z') + n * 9 * 86_400_000;
    const picked = new Set();
    const size = between(rand, 1, 6);
    while (picked.size < size) {
      picked.add(FILLER_REPOS[Math.floor(rand() * FILLER_REPOS.length)]);
    }
    return {
      key: `filler-${n}`,
      owner: n % 3 === 0 ? 'stranger' : 'hub-test-org',
      title: `Shelf ${String(n).padStart(2, '0')}: ${TOPICS[i % TOPICS.length]}`,
      ...(n % 5 === 0 ? {} : { description: `Generated collection number ${n}, about ${TOPICS[i % TOPICS.length]}.` }),
      theme: THEMES[i % THEMES.length],
      upvotes: between(rand, 0, 40, 2),
      trending: between(rand, 0, 20, 2),
      createdAt: isoSeconds(created),
      lastUpdated: new Date(created + between(rand, 1, 400) * 86_400_000 + between(rand, 0, 86_399_999)).toISOString(),
      items: [...picked].map(([type, id]) => ({ type, id })),
    };
  });
}

/** Every collection: the hand-written ones, then the fillers. */
export const COLLECTIONS = Object.freeze([...WRITTEN, ...fillers()]);
