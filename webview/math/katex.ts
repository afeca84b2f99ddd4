/**
 * The math chunk of card pages (dist/webview/math.js): KaTeX, the Hub's own choice, loaded by ./loader.ts only when a
 * card has math. It renders into DOM nodes (`katex.render`, no HTML strings, so no Trusted Types sink) with the
 * options in ./protocol.ts, so a formula that fails stays as its source. It hands its renderer to the loader by an
 * event, never a global.
 */
import katex from 'katex';
import { KATEX_OPTIONS, MATH_READY_EVENT, MAX_TEX_LENGTH } from './protocol';
import type { MathRenderer } from './renderer';

const render: MathRenderer = (tex, target, display) => {
  if (tex.length > MAX_TEX_LENGTH) {
    throw new Error(`longer than ${MAX_TEX_LENGTH} characters`);
  }
  katex.render(tex, target, { ...KATEX_OPTIONS, displayMode: display });
};

document.dispatchEvent(new CustomEvent<MathRenderer>(MATH_READY_EVENT, { detail: render }));
