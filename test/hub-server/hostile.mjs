// Hostile repositories for security tests: every vector of test/fixtures/xss/vectors.txt served where a real Hub
// could serve it — in READMEs, YAML front matter, repo ids, tags, file names and list fields — plus repos that are
// hostile by size (10,000 tags, 10,050 files in one folder). Opt in with `startHubServer({ hostile: true })`; every
// repo here is owned by `hostile-test` (or has an id that is not a valid repo id at all) and sorts last in listings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const VECTORS_FILE = fileURLToPath(new URL('../fixtures/xss/vectors.txt', import.meta.url));

/** @type {Map<string, string[]> | undefined} */
let cached;

/** Categories whose vectors are Markdown or HTML: each becomes the README of one model. */
export const MARKDOWN_CATEGORIES = ['html', 'markdown', 'svg', 'mathml', 'mxss', 'clobbering', 'css', 'schemes', 'links-images'];

/** Fields of the `front-matter` category that cards carry as lists. */
const LIST_FIELDS = new Set(['tags', 'base_model', 'datasets', 'language']);

/** Ids of the hostile repos tests open (the invalid ids are in `HOSTILE_REPOS.invalidIds`). */
export const HOSTILE_REPOS = Object.freeze({
  /** Model whose README holds one category of vectors, by category. */
  cards: Object.freeze(Object.fromEntries(MARKDOWN_CATEGORIES.map((c) => [c, `hostile-test/xss-${c}`]))),
  /** Models whose front matter (`cardData`) carries the `front-matter` vectors, at most one per field each. */
  frontMatter: Object.freeze(frontMatterGroups(readVectors().get('front-matter') ?? []).map((_, i) => `hostile-test/front-matter-${i + 1}`)),
  /** Model tagged with every `tags` vector. */
  tags: 'hostile-test/hostile-tags',
  /** Model whose files are named after the `file-names` vectors. */
  files: 'hostile-test/hostile-files',
  /** Models and a Space whose list fields (author, pipeline_tag, library_name, sdk) are the `listing` vectors. */
  listing: Object.freeze((readVectors().get('listing') ?? []).map((_, i) => `hostile-test/listing-${i + 1}`)),
  /** Ids that are not valid repo ids, listed by the Hub as models. */
  invalidIds: Object.freeze(readVectors().get('repo-ids') ?? []),
  /** Model citing the hostile paper of papers-data.mjs (markup in its title and authors, the corpus in its abstract). */
  papers: 'hostile-test/hostile-papers',
  /** Model with 10,000 tags. */
  manyTags: 'hostile-test/ten-thousand-tags',
  /** Dataset with 10,050 files in its top folder. */
  manyFiles: 'hostile-test/ten-thousand-files',
});


/**
 * The corpus as `category → vectors`, in file order.
 * @returns {Map<string, string[]>}
 */
export function readVectors() {
  if (cached) {
    return cached;
  }
  /** @type {Map<string, string[]>} */
  const categories = new Map();
  let current;
  for (const line of readFileSync(VECTORS_FILE, 'utf8').split('\n')) {
    if (line.startsWith('@@ ')) {
      current = line.slice(3).trim();
      categories.set(current, []);
    } else if (current && line.trim()) {
      categories.get(current)?.push(line);
    }
  }
  cached = categories;
  return categories;
}

/**
 * `field: value` lines, packed into as few cards as possible with at most one value per field in each.
 * @param {string[]} lines
 * @returns {Record<string, string>[]}
 */
function frontMatterGroups(lines) {
  /** @type {Record<string, string>[]} */
  const groups = [];
  for (const line of lines) {
    const { field, value } = fieldValue(line);
    let group = groups.find((g) => !(field in g));
    if (!group) {
      group = {};
      groups.push(group);
    }
    group[field] = value;
  }
  return groups;
}

/**
 * A `field: value` line; a value in double quotes is read as a JSON string.
 * @param {string} line
 */
function fieldValue(line) {
  const at = line.indexOf(':');
  const field = line.slice(0, at).trim();
  const raw = line.slice(at + 1).trim();
  return { field, value: raw.startsWith('"') ? JSON.parse(raw) : raw };
}

/**
 * Card data for one front-matter group: list fields as lists, widgets and model-index entries as the Hub shapes them.
 * @param {Record<string, string>} group
 */
function cardDataOf(group) {
  /** @type {Record<string, unknown>} */
  const data = {};
  for (const [field, value] of Object.entries(group)) {
    if (LIST_FIELDS.has(field)) {
      data[field] = [value];
    } else if (field === 'widget') {
      data.widget = [{ text: value, example_title: value }];
    } else if (field === 'model-index') {
      data['model-index'] = [{ name: value, results: [{ task: { type: value }, dataset: { name: value, type: value }, metrics: [{ type: 'accuracy', value: 0.5, name: value }] }] }];
    } else {
      data[field] = value;
    }
  }
  return data;
}

const NOTE = '> **Hostile test repository.** Served by the local test Hub (`test/hub-server/hostile.mjs`) only; everything below is an attack a card must render as inert text.';

/**
 * @param {string} title
 * @param {string[]} vectors
 */
function readmeBody(title, vectors) {
  return [`# ${title}`, '', NOTE, '', ...vectors.flatMap((v) => [v, '']), 'The end: nothing above ran.', ''].join('\n');
}

/**
 * @typedef {import('./synthetic.mjs').Plan & { override?: Record<string, unknown> }} HostilePlan
 * `override` is assigned over the built repo (fields the catalog would otherwise derive, such as `author`).
 */

/**
 * @param {'model' | 'dataset' | 'space'} type
 * @param {string} id
 * @param {{ cardData?: Record<string, unknown>, body?: string, siblings?: string[], override?: Record<string, unknown> }} [parts]
 * @returns {HostilePlan}
 */
function plan(type, id, parts = {}) {
  const body = parts.body ?? readmeBody(id, []);
  return {
    type,
    id,
    cardData: parts.cardData ?? { license: 'mit' },
    body: () => body,
    siblings: parts.siblings ?? ['.gitattributes', 'README.md'],
    meta: { params: 1_000_000, dtype: 'F32' },
    createdAt: '2021-01-01T00:00:00Z',
    override: { downloads: 0, likes: 0, trendingScore: 0, lastModified: '2021-01-02T00:00:00.000Z', ...parts.override },
  };
}

/**
 * Sets the fields a plan overrides on the repo the catalog built from it (`meta` is merged).
 * @template {{ meta: Record<string, any> }} R
 * @param {R} repo
 * @param {HostilePlan} hostile
 * @returns {R}
 */
export function applyOverride(repo, hostile) {
  const { meta, ...fields } = hostile.override ?? {};
  Object.assign(repo, fields);
  Object.assign(repo.meta, meta);
  return repo;
}

/**
 * Every hostile repo, as plans for the catalog.
 * @returns {HostilePlan[]}
 */
export function hostilePlans() {
  const vectors = readVectors();
  /** @type {HostilePlan[]} */
  const plans = [];
  for (const category of MARKDOWN_CATEGORIES) {
    plans.push(plan('model', HOSTILE_REPOS.cards[category], { body: readmeBody(`XSS vectors: ${category}`, vectors.get(category) ?? []) }));
  }
  frontMatterGroups(vectors.get('front-matter') ?? []).forEach((group, i) => {
    plans.push(plan('model', HOSTILE_REPOS.frontMatter[i], { cardData: cardDataOf(group), body: readmeBody('Hostile front matter', Object.values(group)) }));
  });
  plans.push(plan('model', HOSTILE_REPOS.tags, { cardData: { license: 'mit', tags: vectors.get('tags') ?? [] } }));
  // Tagged with the papers its card links to, as the Hub tags them: the card reads the hostile paper's page.
  plans.push(plan('model', HOSTILE_REPOS.papers, { cardData: { license: 'mit', tags: ['arxiv:2501.99999', 'arxiv:1810.04805'] }, body: '# Hostile papers\n\nCites https://arxiv.org/abs/2501.99999 and https://arxiv.org/abs/1810.04805.\n' }));
  plans.push(plan('model', HOSTILE_REPOS.files, { siblings: ['.gitattributes', 'README.md', ...(vectors.get('file-names') ?? [])] }));
  (vectors.get('listing') ?? []).forEach((line, i) => {
    const { field, value } = fieldValue(line);
    const id = HOSTILE_REPOS.listing[i];
    if (field === 'sdk') {
      plans.push(plan('space', id, { cardData: { license: 'mit', sdk: 'gradio' }, override: { meta: { sdk: value, stage: 'RUNNING', subdomain: `hostile-test-listing-${i + 1}`, models: [], datasets: [] } } }));
    } else {
      plans.push(plan('model', id, { override: { [field]: value } }));
    }
  });
  for (const id of HOSTILE_REPOS.invalidIds) {
    plans.push(plan('model', id));
  }
  plans.push(plan('model', HOSTILE_REPOS.manyTags, { cardData: { license: 'mit', tags: Array.from({ length: 10_000 }, (_, i) => `tag-${String(i).padStart(5, '0')}`) } }));
  const files = Array.from({ length: 10_050 }, (_, i) => `file-${String(i).padStart(5, '0')}.jsonl`);
  plans.push(plan('dataset', HOSTILE_REPOS.manyFiles, { siblings: ['.gitattributes', 'README.md', ...files] }));
  plans.push(...hostileCodePlans());
  return plans;
}

// Repos whose metadata is code aimed at the user's file, for the code-insight tests: a card's `new_version` and the
// id a renamed repo answers with are what quick fixes write into a string literal, and a README's first paragraph is
// what a hover reads. Written for these tests.

/** Closes the string it is spliced into, runs a command, and opens a string again: valid Python in `f("…")`. */
const CODE = `", __import__("os").system("echo pwned") or "`;

/** `new_version` values that are not repo ids: each would break out of the string it replaced. */
const HOSTILE_NEW_VERSIONS = Object.freeze([
  `hostile-test/m-v2${' '.repeat(160)}${CODE}`,
  `hostile-test/m-v2${CODE}`,
  `hostile-test/m-v2'), __import__('os').system('echo pwned'), ('`,
  'hostile-test/m-v2"\nimport os\nos.system("echo pwned")\n"',
  'hostile-test/m-v2\\',
  `hostile-test/${'m'.repeat(120)}`,
  'hostile-test/m-v2\u202E"',
]);

/** A paragraph of 64 KB that opens images (or links) and never closes them: the worst input for a bracket matcher. */
const STALL_PARAGRAPH = (opener) => `A model card whose first paragraph never closes what it opens: ${opener.repeat(Math.ceil((64 * 1024) / opener.length))}`;

export const HOSTILE_CODE_REPOS = Object.freeze({
  /** Models tagged custom_code (so a diagnostic always shows) whose card names a hostile `new_version`, by index. */
  newVersions: Object.freeze(HOSTILE_NEW_VERSIONS.map((_, i) => `hostile-test/new-version-${i + 1}`)),
  /** The values those cards carry, in the same order. */
  newVersionValues: HOSTILE_NEW_VERSIONS,
  /** Old ids that redirect (307, as the Hub does for a rename) to a repo whose id is code or too long. */
  renames: Object.freeze({
    'hostile-test/renamed-to-code': `hostile-test/m${CODE}`,
    'hostile-test/renamed-to-long': `hostile-test/${'m'.repeat(120)}`,
  }),
  /** A custom_code model whose card names a valid newer version: its fix must still be offered and applied. */
  validNewVersion: 'hostile-test/new-version-valid',
  /** Models whose README's first paragraph is 64 KB of unclosed `![` and of unclosed `[`. */
  stallReadmes: Object.freeze(['hostile-test/stall-images', 'hostile-test/stall-links']),
});

/**
 * The plans of HOSTILE_CODE_REPOS (the catalog adds them with the other hostile repos; the renames go to its rename
 * table).
 * @returns {HostilePlan[]}
 */
export function hostileCodePlans() {
  const customCode = { tags: ['transformers', 'custom_code', 'license:mit'] };
  const plans = HOSTILE_NEW_VERSIONS.map((value, i) =>
    plan('model', HOSTILE_CODE_REPOS.newVersions[i], { cardData: { license: 'mit', new_version: value }, override: customCode }),
  );
  plans.push(plan('model', HOSTILE_CODE_REPOS.validNewVersion, { cardData: { license: 'mit', new_version: 'openai-community/gpt2' }, override: customCode }));
  for (const target of Object.values(HOSTILE_CODE_REPOS.renames)) {
    plans.push(plan('model', target, { override: customCode }));
  }
  HOSTILE_CODE_REPOS.stallReadmes.forEach((id, i) => {
    plans.push(plan('model', id, { body: `# Stall\n\n${STALL_PARAGRAPH(i === 0 ? '![' : '[')}\n` }));
  });
  return plans;
}
