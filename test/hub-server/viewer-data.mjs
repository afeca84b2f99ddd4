// The datasets the embedded dataset viewer knows, written here or generated row by row (nothing recorded is copied).
// Each split's rows are computed from their index, so the 1,000,000-row split costs nothing until a page is asked for.

/** @typedef {{ _type: string, [k: string]: unknown } | Record<string, unknown> | unknown[]} FeatureType */
/**
 * @typedef {object} ViewerConfig
 * @property {Record<string, number>} splits rows per split
 * @property {{ name: string, type: FeatureType }[]} features
 * @property {(i: number, split: string, assets: string) => Record<string, unknown>} row `assets`: asset URL prefix for this split
 */
/**
 * @typedef {object} ViewerDataset
 * @property {Record<string, ViewerConfig>} [configs]
 * @property {{ preview: boolean, viewer: boolean, search: boolean, filter: boolean, statistics: boolean }} capabilities
 * @property {'processing' | 'notValid'} [state]
 */

const value = (dtype) => ({ dtype, _type: 'Value' });
const list = (feature) => ({ feature, _type: 'List' });
const classLabel = (names) => ({ names, _type: 'ClassLabel' });
const ALL = { preview: true, viewer: true, search: true, filter: true, statistics: true };

const ADJECTIVES = ['quiet', 'brilliant', 'tedious', 'warm', 'clumsy', 'gripping', 'uneven', 'tender', 'loud', 'patient'];
const NOUNS = ['a lighthouse keeper', 'two sisters', 'a dog and its owner', 'a failing bakery', 'a chess club', 'a night train', 'an old map', 'a village choir'];
const VERDICTS = ['I would watch it again.', 'It lost me halfway.', 'The ending earns its tears.', 'Too long by an hour.', 'A small gem.'];

/** A review of about `words` words, deterministic in `i`. */
function review(i) {
  const a = ADJECTIVES[i % ADJECTIVES.length];
  const n = NOUNS[(i * 7) % NOUNS.length];
  const v = VERDICTS[(i * 3) % VERDICTS.length];
  const padding = i % 5 === 0 ? ` ${'The camera lingers on every face, and the score hums underneath. '.repeat(8)}` : '';
  return `Review ${i}: a ${a} film about ${n}.${padding} ${v}`;
}

const BEAN_LABELS = ['angular_leaf_spot', 'bean_rust', 'healthy'];
export const BEAN_COLOURS = /** @type {[number, number, number][]} */ ([
  [176, 132, 40],
  [168, 62, 38],
  [64, 150, 72],
]);

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=alert(1)>',
  'user\u202Egnp.exe\u202C name',
  'javascript:alert(1)',
  '<a href="https://evil.example/">click</a>',
  '{{constructor.constructor("alert(1)")()}}',
];

/** @type {Record<string, ViewerDataset>} */
export const VIEWER_DATASETS = {
  imdb: {
    capabilities: ALL,
    configs: {
      plain_text: {
        splits: { train: 2500, test: 2500, unsupervised: 500 },
        features: [
          { name: 'text', type: value('string') },
          { name: 'label', type: classLabel(['neg', 'pos']) },
        ],
        row: (i, split) => ({ text: review(split === 'test' ? i + 10_000 : i), label: split === 'unsupervised' ? -1 : (i * 5) % 2 }),
      },
    },
  },
  beans: {
    capabilities: ALL,
    configs: {
      default: {
        splits: { train: 60, validation: 18 },
        features: [
          { name: 'image_file_path', type: value('string') },
          { name: 'image', type: { _type: 'Image' } },
          { name: 'labels', type: classLabel(BEAN_LABELS) },
        ],
        row: (i, split, assets) => ({
          image_file_path: `/data/${split}/${BEAN_LABELS[i % 3]}/${split}.${i}.jpg`,
          image: { src: `${assets}/${i}/image/image.png`, height: 48, width: 48 },
          labels: i % 3,
        }),
      },
    },
  },
  librispeech_asr: {
    capabilities: { ...ALL, statistics: false },
    configs: {
      clean: {
        splits: { validation: 12 },
        features: [
          { name: 'file', type: value('string') },
          { name: 'audio', type: { sampling_rate: 8000, _type: 'Audio' } },
          { name: 'text', type: value('string') },
          { name: 'speaker_id', type: value('int64') },
        ],
        row: (i, _split, assets) => ({
          file: `${1272 + i}-128104-${String(i).padStart(4, '0')}.flac`,
          audio: [{ src: `${assets}/${i}/audio/audio.wav`, type: 'audio/wav' }],
          text: `A TONE OF ${220 + i * 40} HERTZ FOR HALF A SECOND`,
          speaker_id: 1272 + i,
        }),
      },
    },
  },
  squad: {
    capabilities: ALL,
    configs: {
      plain_text: {
        splits: { train: 300, validation: 40 },
        features: [
          { name: 'id', type: value('string') },
          { name: 'title', type: value('string') },
          { name: 'question', type: value('string') },
          { name: 'answers', type: { text: list(value('string')), answer_start: list(value('int32')) } },
          { name: 'is_impossible', type: value('bool') },
        ],
        row: (i) => ({
          id: `q${String(i).padStart(5, '0')}`,
          title: ['Lighthouses', 'Bakeries', 'Night_trains'][i % 3],
          question: `Which year is named in paragraph ${i}?`,
          answers: { text: [`${1800 + (i % 200)}`, `the year ${1800 + (i % 200)}`], answer_start: [i % 90, (i % 90) + 4] },
          is_impossible: i % 11 === 0,
        }),
      },
    },
  },
  c4: {
    capabilities: { ...ALL, search: false },
    configs: {
      en: {
        splits: { train: 1_000_000, validation: 10_000 },
        features: [
          { name: 'text', type: value('string') },
          { name: 'timestamp', type: value('timestamp[s]') },
          { name: 'url', type: value('string') },
          { name: 'tokens', type: value('int32') },
        ],
        row: (i) => ({
          text: `Row ${i} of the generated corpus: ${ADJECTIVES[i % 10]} words about ${NOUNS[i % 8]}.`,
          timestamp: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString().slice(0, 19),
          url: `https://example.org/page/${i}`,
          tokens: 10 + (i % 500),
        }),
      },
    },
  },
  tweet_eval: {
    capabilities: { ...ALL, statistics: false },
    configs: {
      hostile: {
        splits: { train: 12 },
        features: [
          { name: 'text', type: value('string') },
          { name: 'image', type: { _type: 'Image' } },
          { name: 'label', type: classLabel(['<b>bold</b>', 'neutral\u202Edesrever']) },
        ],
        row: (i, _split, assets) => ({
          text: i === HOSTILE.length ? `${'<b>10 MB</b> '.repeat(10 * 1024 * 1024 / 12)}` : (HOSTILE[i] ?? `plain ${i}`),
          image: {
            src: [
              'https://evil.example/track.png',
              'javascript:alert(1)',
              `data:image/svg+xml,<svg onload="alert(1)"/>`,
              `${assets.replace('http://', 'http://user:pw@')}/0/image/image.png`,
              `${assets}/${i}/image/image.png`,
            ][i % 5],
            height: 48,
            width: 48,
          },
          label: i % 2,
        }),
      },
    },
  },
  the_pile: { capabilities: { preview: false, viewer: false, search: false, filter: false, statistics: false }, state: 'notValid' },
  oscar: { capabilities: { preview: false, viewer: false, search: false, filter: false, statistics: false }, state: 'processing' },
  'imagenet-1k': {
    capabilities: ALL,
    configs: {
      default: {
        splits: { validation: 30 },
        features: [
          { name: 'image', type: { _type: 'Image' } },
          { name: 'label', type: classLabel(['tench', 'goldfish', 'great white shark']) },
        ],
        row: (i, _split, assets) => ({ image: { src: `${assets}/${i}/image/image.png`, height: 48, width: 48 }, label: i % 3 }),
      },
    },
  },
  'hub-test-org/private-dataset': {
    capabilities: ALL,
    configs: {
      default: {
        splits: { train: 5 },
        features: [{ name: 'secret', type: value('string') }],
        row: (i) => ({ secret: `private row ${i}` }),
      },
    },
  },
};
