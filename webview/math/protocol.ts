/** What the math chunk (./katex.ts) and the card script's loader (./loader.ts) agree on, and KaTeX's settings. */
export const MATH_READY_EVENT = 'hf-math-ready';

/** Longest formula typeset; a longer one stays as its source (KaTeX's work grows with it). */
export const MAX_TEX_LENGTH = 8000;

/**
 * KaTeX's options for card math: `trust` off (no `\href`, `\url`, `\html…`, `\includegraphics`), sizes and macro
 * expansion bounded, errors thrown so the caller keeps the source, and MathML beside the HTML for screen readers.
 */
export const KATEX_OPTIONS = {
  throwOnError: true,
  trust: false,
  strict: 'ignore',
  maxSize: 20,
  maxExpand: 500,
  output: 'htmlAndMathml',
} as const;
