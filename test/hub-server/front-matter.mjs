// Where a README's front matter ends, by the Hub's rule: huggingface_hub's REGEX_YAML_BLOCK
// (src/huggingface_hub/repocard.py), `^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))`. Whitespace may come before
// the opening `---`, which line breaks follow at once; the block ends at the first `---` after a line break that is
// followed by a line break or the end. `...` ends nothing. The extension's own copy is src/cards/frontMatter.ts
// (TypeScript, which this plain-Node server cannot load); test/unit/card-front-matter.test.ts holds both to the regex.
// A scan rather than the regex, whose lazy middle is quadratic on a long run of line breaks.

/** @param {number} code */
const isBreak = (code) => code === 0x0a || code === 0x0d;

/** @param {string} text @param {number} from */
function breaksEnd(text, from) {
  let i = from;
  while (i < text.length && isBreak(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** @param {string} text @param {number} at @returns {number} where the match ends after a closing `---` at `at`, or -1 */
function closingEnd(text, at) {
  if (!text.startsWith('---', at)) {
    return -1;
  }
  const after = at + 3;
  if (after === text.length) {
    return after;
  }
  if (text.startsWith('\r\n', after)) {
    return after + 2;
  }
  return text.charCodeAt(after) === 0x0a ? after + 1 : -1;
}

/**
 * @param {string} text
 * @returns {{ yaml?: string, body: string }} the lines between the fences, and the text after the block
 */
export function splitFrontMatter(text) {
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) {
    start++;
  }
  const fenceEnd = start + 3;
  if (!text.startsWith('---', start) || !isBreak(text.charCodeAt(fenceEnd))) {
    return { body: text };
  }
  const contentStart = breaksEnd(text, fenceEnd);
  for (let i = contentStart; i < text.length; ) {
    if (!isBreak(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const fence = breaksEnd(text, i);
    const end = closingEnd(text, fence);
    if (end >= 0) {
      return { yaml: text.slice(contentStart, fence), body: text.slice(end) };
    }
    i = fence;
  }
  // The regex gives back opening line breaks only to find `---` right after them: an empty block.
  if (contentStart - fenceEnd >= 2) {
    const end = closingEnd(text, contentStart);
    if (end >= 0) {
      return { yaml: '', body: text.slice(end) };
    }
  }
  return { body: text };
}
