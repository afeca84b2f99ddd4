// Paper records of the embedded Hub, written for the project: arXiv ids, titles, author names and submission dates are
// those of the real papers (facts); the abstracts, keywords, upvotes and comment counts are our own words and numbers.
// Not every arXiv id the catalog's tags name has a record: the others are unknown to this Hub (404), as on the real
// one. One paper (HOSTILE_PAPER_ID) is hostile: markup in its title, bidi controls in its authors, a 200 KB abstract.
import { readVectors } from './hostile.mjs';

/**
 * @typedef {object} PaperRecord
 * @property {string} id arXiv id
 * @property {string} title
 * @property {string} publishedAt ISO 8601, when arXiv published it
 * @property {string[]} authors names, in the paper's order
 * @property {Record<string, { user: string, status: string, at: string }>} [claims] authors (by name) who claimed their name
 *   with a Hub account: its user name, the claim's status and when it last changed
 * @property {string[]} [hidden] authors (by name) hidden from the page
 * @property {number} upvotes
 * @property {number} numComments
 * @property {string[]} [keywords] `ai_keywords` (absent on some papers, as on the Hub)
 * @property {string} summary
 */

/** The hostile paper: referenced by the hostile collection only (no repo cites it). */
export const HOSTILE_PAPER_ID = '2501.99999';

/** @type {PaperRecord[]} */
const WRITTEN = [
  {
    id: '1810.04805', title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding', publishedAt: '2018-10-11T00:50:01.000Z',
    authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'], upvotes: 42, numComments: 3,
    keywords: ['masked language modelling', 'next sentence prediction', 'fine-tuning', 'bidirectional encoder'],
    summary: 'Introduces BERT, a Transformer encoder pre-trained on unlabelled text with two objectives: predicting masked tokens from both their left and right context, and telling whether two sentences follow each other. The pre-trained network is then fine-tuned with one extra output layer per downstream task. This simple recipe set new best results on eleven language understanding benchmarks, GLUE and SQuAD among them.',
  },
  {
    id: '1907.11692', title: 'RoBERTa: A Robustly Optimized BERT Pretraining Approach', publishedAt: '2019-07-26T17:48:29.000Z',
    authors: ['Yinhan Liu', 'Myle Ott', 'Naman Goyal', 'Jingfei Du', 'Mandar Joshi', 'Danqi Chen', 'Omer Levy', 'Mike Lewis', 'Luke Zettlemoyer', 'Veselin Stoyanov'],
    upvotes: 17, numComments: 1, keywords: ['replication study', 'dynamic masking', 'pre-training data size'],
    summary: 'A replication study of BERT pre-training that measures the effect of the main hyperparameters and of the amount of training data. Training longer, on more data, with larger batches, dynamic masking and no next-sentence objective turns out to matter a great deal. The resulting model matches or beats later architectures on GLUE, RACE and SQuAD, which suggests that BERT was undertrained.',
  },
  {
    id: '2305.18290', title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', publishedAt: '2023-05-29T17:57:46.000Z',
    authors: ['Rafael Rafailov', 'Archit Sharma', 'Eric Mitchell', 'Stefano Ermon', 'Christopher D. Manning', 'Chelsea Finn'],
    upvotes: 63, numComments: 5, keywords: ['preference optimisation', 'RLHF', 'reward model', 'KL constraint'],
    summary: 'Shows that the reinforcement learning step of RLHF can be replaced by a plain classification loss on pairs of preferred and rejected answers. Writing the reward in terms of the policy itself lets the optimal policy under a KL constraint be fitted directly, with no sampling and no separate reward model. On sentiment control, summarisation and dialogue it does as well as or better than PPO-based tuning, and is much simpler to run.',
  },
  {
    id: '2310.16944', title: 'Zephyr: Direct Distillation of LM Alignment', publishedAt: '2023-10-25T19:25:16.000Z',
    authors: ['Lewis Tunstall', 'Edward Beeching', 'Nathan Lambert', 'Nazneen Rajani', 'Kashif Rasul', 'Younes Belkada', 'Shengyi Huang', 'Leandro von Werra', 'Clémentine Fourrier', 'Nathan Habib', 'Nathan Sarrazin', 'Omar Sanseviero', 'Alexander M. Rush', 'Thomas Wolf'],
    claims: {
      'Lewis Tunstall': { user: 'lewtun', status: 'claimed_verified', at: '2023-10-26T08:12:40.311Z' },
      'Edward Beeching': { user: 'edbeeching', status: 'claimed_verified', at: '2023-10-26T09:03:11.024Z' },
      'Younes Belkada': { user: 'ybelkada', status: 'admin_assigned', at: '2023-10-27T14:41:52.870Z' },
      'Thomas Wolf': { user: 'thomwolf', status: 'claimed_verified', at: '2023-10-30T10:20:05.502Z' },
    },
    upvotes: 96, numComments: 7, keywords: ['distilled supervised fine-tuning', 'AI feedback', 'preference optimisation', 'MT-Bench'],
    summary: 'Describes how a 7B chat model was aligned to user intent using only distillation from larger models. After supervised fine-tuning on synthetic dialogues, the model is trained with preference optimisation on completions ranked by another model, with no human annotation at all. At the time of writing it beat much larger open chat models on MT-Bench.',
  },
  {
    id: '2305.14233', title: 'Enhancing Chat Language Models by Scaling High-quality Instructional Conversations', publishedAt: '2023-05-23T16:49:14.000Z',
    authors: ['Ning Ding', 'Yulin Chen', 'Bokai Xu', 'Yujia Qin', 'Zhi Zheng', 'Shengding Hu', 'Zhiyuan Liu', 'Maosong Sun', 'Bowen Zhou'],
    upvotes: 8, numComments: 0, keywords: ['instruction data', 'multi-turn dialogue', 'synthetic conversations'],
    summary: 'Presents a large and varied corpus of multi-turn instructional conversations, made by letting two chat models talk to each other about chosen topics. The dialogues cover questions about the world, creative writing, and help with existing text. A LLaMA model fine-tuned on it is reported to outperform the other open chat models of its time.',
  },
  {
    id: '2310.01377', title: 'UltraFeedback: Boosting Language Models with Scaled AI Feedback', publishedAt: '2023-10-02T17:40:01.000Z',
    authors: ['Ganqu Cui', 'Lifan Yuan', 'Ning Ding', 'Guanming Yao', 'Wei Zhu', 'Yuan Ni', 'Guotong Xie', 'Zhiyuan Liu', 'Maosong Sun'],
    upvotes: 11, numComments: 1,
    summary: 'Introduces a large set of model-written feedback on completions: ratings along several axes such as helpfulness and honesty, and written critiques. The data trains a reward model and a critique model, and aligns a chat model through preference learning. The work argues that AI feedback at scale is a practical stand-in for costly human preference labels.',
  },
  {
    id: '1910.01108', title: 'DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter', publishedAt: '2019-10-02T17:56:28.000Z',
    authors: ['Victor Sanh', 'Lysandre Debut', 'Julien Chaumond', 'Thomas Wolf'],
    claims: {
      'Victor Sanh': { user: 'VictorSanh', status: 'claimed_verified', at: '2023-02-14T16:03:27.118Z' },
      'Lysandre Debut': { user: 'lysandre', status: 'claimed_verified', at: '2023-02-15T09:48:02.640Z' },
      'Julien Chaumond': { user: 'julien-c', status: 'admin_assigned', at: '2023-03-01T12:00:00.000Z' },
    },
    upvotes: 24, numComments: 2, keywords: ['knowledge distillation', 'triple loss', 'model compression'],
    summary: 'Proposes to pre-train a smaller general-purpose language model by distilling BERT into it. A loss that combines language modelling, distillation and a cosine term between hidden states lets the student keep most of what the teacher knows. The student is about 40% smaller and 60% faster, and keeps roughly 97% of BERT\u2019s score on GLUE.',
  },
  {
    id: '1910.10683', title: 'Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer', publishedAt: '2019-10-23T17:37:36.000Z',
    authors: ['Colin Raffel', 'Noam Shazeer', 'Adam Roberts', 'Katherine Lee', 'Sharan Narang', 'Michael Matena', 'Yanqi Zhou', 'Wei Li', 'Peter J. Liu'],
    upvotes: 19, numComments: 0, keywords: ['text-to-text', 'transfer learning', 'C4', 'span corruption'],
    summary: 'Casts every language task as text in, text out, so that one model, one objective and one decoding procedure serve translation, summarisation, classification and question answering alike. A systematic comparison of objectives, architectures, data sets and transfer methods guides the design. Scaling up the best configuration and training it on a newly assembled web corpus gives strong results on many benchmarks.',
  },
  {
    id: '1910.13461', title: 'BART: Denoising Sequence-to-Sequence Pre-training for Natural Language Generation, Translation, and Comprehension', publishedAt: '2019-10-29T20:42:13.000Z',
    authors: ['Mike Lewis', 'Yinhan Liu', 'Naman Goyal', 'Marjan Ghazvininejad', 'Abdelrahman Mohamed', 'Omer Levy', 'Ves Stoyanov', 'Luke Zettlemoyer'],
    upvotes: 14, numComments: 1, keywords: ['denoising autoencoder', 'text infilling', 'sequence-to-sequence'],
    summary: 'Describes a sequence-to-sequence model pre-trained as a denoising autoencoder: text is corrupted by some noising function and the model learns to restore it. Shuffling sentences and filling in masked spans work best among the corruptions tried. Once fine-tuned, the model does especially well on generation tasks such as abstractive summarisation and dialogue, and stays competitive on comprehension.',
  },
  {
    id: '1908.10084', title: 'Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks', publishedAt: '2019-08-27T08:50:17.000Z',
    authors: ['Nils Reimers', 'Iryna Gurevych'], upvotes: 21, numComments: 2, keywords: ['sentence embeddings', 'siamese network', 'semantic similarity'],
    summary: 'Turns a pre-trained BERT into siamese and triplet networks that map each sentence to one fixed-size vector, to be compared with cosine similarity. Finding the most similar pair in a large collection then takes seconds instead of hours of pairwise cross-encoding. The vectors do well on semantic textual similarity and on transfer tasks.',
  },
  {
    id: '2112.10752', title: 'High-Resolution Image Synthesis with Latent Diffusion Models', publishedAt: '2021-12-20T18:55:25.000Z',
    authors: ['Robin Rombach', 'Andreas Blattmann', 'Dominik Lorenz', 'Patrick Esser', 'Björn Ommer'],
    upvotes: 37, numComments: 4, keywords: ['latent diffusion', 'autoencoder', 'cross-attention conditioning', 'text-to-image'],
    summary: 'Moves the training and sampling of diffusion models into the latent space of a pre-trained autoencoder, which cuts computation a lot while keeping visual detail. Cross-attention layers let the denoising network be conditioned on text, layouts and other inputs. The approach gives strong results on inpainting, class-conditional generation, super-resolution and text-to-image synthesis.',
  },
  {
    id: '2006.03654', title: 'DeBERTa: Decoding-enhanced BERT with Disentangled Attention', publishedAt: '2020-06-05T17:55:02.000Z',
    authors: ['Pengcheng He', 'Xiaodong Liu', 'Jianfeng Gao', 'Weizhu Chen'], upvotes: 9, numComments: 0,
    summary: 'Improves BERT-style encoders in two ways: attention weights computed from separate vectors for content and for relative position, and a mask decoder that brings in absolute positions just before masked tokens are predicted. A virtual adversarial method is used during fine-tuning. The model improves on RoBERTa across many understanding tasks while using less pre-training data.',
  },
  {
    id: '2101.00027', title: 'The Pile: An 800GB Dataset of Diverse Text for Language Modeling', publishedAt: '2020-12-31T19:00:10.000Z',
    authors: ['Leo Gao', 'Stella Biderman', 'Sid Black', 'Laurence Golding', 'Travis Hoppe', 'Charles Foster', 'Jason Phang', 'Horace He', 'Anish Thite', 'Noa Nabeshima', 'Shawn Presser', 'Connor Leahy'],
    upvotes: 12, numComments: 1, keywords: ['pre-training corpus', 'data diversity', 'language modelling'],
    summary: 'Assembles a large English text corpus out of twenty-two smaller sources, many academic or professional, to widen what language models read during pre-training. The paper documents every component and how it was processed. Models trained on it do better on many of its components than models trained on web crawls alone.',
  },
  {
    id: '1911.02116', title: 'Unsupervised Cross-lingual Representation Learning at Scale', publishedAt: '2019-11-05T22:42:00.000Z',
    authors: ['Alexis Conneau', 'Kartikay Khandelwal', 'Naman Goyal', 'Vishrav Chaudhary', 'Guillaume Wenzek', 'Francisco Guzmán', 'Edouard Grave', 'Myle Ott', 'Luke Zettlemoyer', 'Veselin Stoyanov'],
    hidden: ['Guillaume Wenzek'], upvotes: 10, numComments: 0, keywords: ['multilingual', 'cross-lingual transfer', 'low-resource languages'],
    summary: 'Trains a masked language model on filtered web text in one hundred languages, at scale. Cross-lingual transfer improves markedly on classification, question answering and named entity recognition, most of all for low-resource languages. The study also looks at the trade-off between the number of languages, model capacity and per-language quality.',
  },
  {
    id: '2004.05150', title: 'Longformer: The Long-Document Transformer', publishedAt: '2020-04-10T17:54:09.000Z',
    authors: ['Iz Beltagy', 'Matthew E. Peters', 'Arman Cohan'], upvotes: 15, numComments: 1, keywords: ['sparse attention', 'sliding window', 'long documents'],
    summary: 'Replaces full self-attention, whose cost grows with the square of the sequence length, by windowed local attention plus a few global tokens, whose cost grows linearly. A Transformer can then read documents thousands of tokens long. Started from a RoBERTa checkpoint, it does well on long-document question answering and classification; an encoder-decoder variant handles long summarisation.',
  },
  {
    id: '1609.07843', title: 'Pointer Sentinel Mixture Models', publishedAt: '2016-09-26T06:37:48.000Z',
    authors: ['Stephen Merity', 'Caiming Xiong', 'James Bradbury', 'Richard Socher'], upvotes: 4, numComments: 0,
    summary: 'Mixes a softmax over the vocabulary with a pointer network that copies words from the recent context, a sentinel deciding how much to trust each. This helps with rare words and names already seen in the text. The paper also releases WikiText, a language modelling benchmark made of long, good-quality Wikipedia articles.',
  },
  {
    id: '1808.08745', title: "Don't Give Me the Details, Just the Summary! Topic-Aware Convolutional Neural Networks for Extreme Summarization", publishedAt: '2018-08-27T09:13:53.000Z',
    authors: ['Shashi Narayan', 'Shay B. Cohen', 'Mirella Lapata'], upvotes: 6, numComments: 0, keywords: ['extreme summarisation', 'single-sentence summary', 'news'],
    summary: 'Defines extreme summarisation, in which a news article is condensed into one sentence that says what it is about, and releases a data set of BBC articles with such summaries. The task rewards abstractive rather than extractive methods. A convolutional model conditioned on the topics of the article beats extractive and recurrent baselines on it.',
  },
  {
    id: '1911.12237', title: 'SAMSum Corpus: A Human-annotated Dialogue Dataset for Abstractive Summarization', publishedAt: '2019-11-27T14:45:31.000Z',
    authors: ['Bogdan Gliwa', 'Iwona Mochol', 'Maciej Biesek', 'Aleksander Wawer'], upvotes: 5, numComments: 0,
    summary: 'Presents about sixteen thousand messenger-style conversations written by linguists, each with a short summary. Dialogues prove harder to summarise than news, and the usual automatic metrics agree poorly with human judgement on them. Baselines are scored both automatically and by people.',
  },
];

/** ~200 KB of abstract: every Markdown/HTML vector of the XSS corpus, then plain filler. */
function hostileSummary() {
  const vectors = readVectors();
  const markup = ['html', 'markdown', 'svg', 'links-images', 'schemes'].flatMap((c) => vectors.get(c) ?? []).join('\n');
  const filler = ' Lorem ipsum of a hostile abstract, repeated so that the whole is about two hundred kilobytes long.';
  return `${markup}\n${filler.repeat(Math.ceil((200 * 1024 - markup.length) / filler.length))}`;
}

/** @returns {PaperRecord} */
function hostilePaper() {
  return {
    id: HOSTILE_PAPER_ID,
    title: `<img src=x onerror="window.__xss='paper-1'"><script>window.__xss='paper-2'</script> Attention Is All You \u202Eepacse\u202C [paper-3](command:workbench.action.terminal.new) $(warning)`,
    publishedAt: '2025-01-31T18:59:59.000Z',
    authors: [
      'Eve \u202Eroht\u202Cua Mallory',
      '<img src=x onerror="window.__xss=\'paper-author-1\'">',
      '\u2067Isolate\u2069 \u200Fright-to-left\u200F Author',
      'Hub Test',
      'Hidden Author',
    ],
    claims: { 'Hub Test': { user: 'hub-test', status: 'claimed_verified', at: '2025-02-01T10:00:00.000Z' } },
    hidden: ['Hidden Author'],
    upvotes: 1,
    numComments: 0,
    keywords: ['<script>window.__xss=\'paper-keyword-1\'</script>', '\u202Ekeyword\u202C', '$(shield) keyword'],
    summary: hostileSummary(),
  };
}

/** Every paper record, the hostile one last. */
export const PAPERS = Object.freeze([...WRITTEN, hostilePaper()]);

/**
 * Daily papers: which papers were submitted to the daily list on each day, and by whom (a test user), in the order
 * they were submitted.
 * @type {readonly { date: string, submittedBy: string, papers: string[] }[]}
 */
export const DAILY = Object.freeze([
  { date: '2026-12-01', submittedBy: 'stranger', papers: ['1810.04805', '1907.11692', '1910.01108', HOSTILE_PAPER_ID] },
  { date: '2026-12-02', submittedBy: 'hub-test', papers: ['1910.10683', '1910.13461', '2112.10752', '1908.10084'] },
  { date: '2026-12-03', submittedBy: 'hub-test', papers: ['2305.18290', '2310.16944', '2305.14233', '2310.01377'] },
]);
