/**
 * Math in card pages. The Markdown pipeline leaves each formula as its TeX source in a `.math` element (or a fenced
 * `math` code block); when a piece of a card that has one is shown, this loads the math chunk (KaTeX, ./katex.ts) and
 * its stylesheet once, then typesets the formulas a slice at a time, so a math-heavy card never makes a long task.
 * Cards without math never load it. The chunk's script carries this page's nonce and its address passes a Trusted
 * Types policy that accepts that one address only. A formula KaTeX refuses stays as its source, with the reason.
 */
import { nextTask } from '../chunks';
import { MATH_READY_EVENT } from './protocol';
import type { MathRenderer } from './renderer';

/** The math chunk's script and stylesheet (webview URIs from the host) and the page's script nonce. */
export interface MathAssets {
  script: string;
  style: string;
  nonce: string;
}

export const MATH_LOADER_POLICY = 'hf-math-loader';

/**
 * Typesetting and showing are split: a slice of formulas is typeset into detached elements in a task of its own, of at
 * most about this long, and the next frame callback puts them in the page, so that frame's style, layout and paint
 * cover only them and never follow KaTeX's work in the same task. (On a slow machine the largest formula of a card
 * takes 4-8 ms to typeset and 10-15 ms to style, lay out and paint: together they made the long task.)
 */
const SLICE_MS = 2;

/** A page that draws no frames (a webview not on screen) still typesets, a slice each time this passes. */
const NO_FRAME_MS = 100;

const FORMULAS = '.math, pre > code.language-math';

/** The part of the Trusted Types API used here (not in TypeScript's DOM library). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

export class MathTypesetter {
  private renderer: MathRenderer | undefined;
  private state: 'idle' | 'loading' | 'failed' = 'idle';
  private pending: Element[] = [];
  /** Formulas typeset and waiting for the next frame: each host and what replaces it. */
  private ready: [Element, HTMLElement][] = [];
  private scheduled = false;
  /** Moving average of one formula's typesetting time, to start a formula only when it should fit the slice. */
  private usualMs = 0;
  /** Formulas typeset and refused, for tests and the benchmark. */
  readonly counts = { typeset: 0, refused: 0 };

  /** `renderer`: KaTeX already loaded (the benchmark page bundles it); the page itself loads it on the first formula. */
  constructor(
    private readonly assets: MathAssets | undefined,
    renderer?: MathRenderer,
  ) {
    this.renderer = renderer;
  }

  /** Queues the formulas of `piece` (about to be shown); the first one loads KaTeX. */
  add(piece: ParentNode): void {
    if ((!this.assets && !this.renderer) || this.state === 'failed') {
      return;
    }
    const found = piece.querySelectorAll(FORMULAS);
    if (found.length === 0) {
      return;
    }
    this.pending.push(...found);
    if (this.renderer) {
      this.schedule();
    } else if (this.assets) {
      this.load(this.assets);
    }
  }

  /** Whether formulas are still waiting to be typeset or shown. */
  get busy(): boolean {
    return this.pending.length > 0 || this.ready.length > 0;
  }

  private load(assets: MathAssets): void {
    if (this.state !== 'idle') {
      return;
    }
    this.state = 'loading';
    document.addEventListener(
      MATH_READY_EVENT,
      (event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        if (typeof detail === 'function') {
          this.renderer = detail as MathRenderer;
          this.schedule();
        }
      },
      { once: true },
    );
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = assets.style;
    document.head.append(style);
    const script = document.createElement('script');
    script.nonce = assets.nonce;
    script.addEventListener('error', () => {
      this.state = 'failed';
      this.pending = [];
    });
    const policy = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy(MATH_LOADER_POLICY, {
      createScriptURL: (url: string) => {
        if (url !== assets.script) {
          throw new TypeError('Only the math chunk may be loaded.');
        }
        return url;
      },
    });
    script.src = (policy ? policy.createScriptURL(assets.script) : assets.script) as string;
    document.head.append(script);
  }

  /** Shows the formulas typeset so far in the next frame, then typesets the next slice in a task after that frame. */
  private schedule(): void {
    if (this.scheduled || !this.busy) {
      return;
    }
    this.scheduled = true;
    const run = (): void => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      this.show();
      if (this.pending.length === 0) {
        this.scheduled = false;
        return;
      }
      void nextTask().then(() => {
        this.scheduled = false;
        this.slice();
        this.schedule();
      });
    };
    const frame = requestAnimationFrame(run);
    const timer = setTimeout(run, NO_FRAME_MS);
  }

  /** Puts the typeset formulas in the page, in place of their sources. */
  private show(): void {
    for (const [host, target] of this.ready) {
      if (host.isConnected) {
        host.replaceWith(target);
        this.counts.typeset++;
      }
    }
    this.ready = [];
  }

  /** Typesets at least one formula, and more while the usual cost of one still fits the slice. */
  private slice(): void {
    const render = this.renderer;
    if (!render) {
      return;
    }
    const started = performance.now();
    let last = started;
    let first = true;
    while (this.pending.length > 0 && (first || last - started + this.usualMs <= SLICE_MS)) {
      const formula = this.pending.shift()!;
      if (!formula.isConnected) {
        continue;
      }
      this.typeset(formula, render);
      const now = performance.now();
      this.usualMs = this.usualMs === 0 ? now - last : this.usualMs * 0.8 + (now - last) * 0.2;
      last = now;
      first = false;
    }
  }

  /** Typesets one formula into a detached element, queued for the next frame. */
  private typeset(formula: Element, render: MathRenderer): void {
    const fenced = formula.matches('pre > code');
    const host = fenced ? formula.parentElement! : formula;
    const display = fenced || formula.classList.contains('math-display');
    const target = document.createElement(display ? 'div' : 'span');
    target.className = display ? 'math-rendered math-display' : 'math-rendered';
    try {
      render(formula.textContent ?? '', target, display);
      this.ready.push([host, target]);
    } catch (e) {
      host.classList.add('math-refused');
      host.setAttribute('title', `TeX that could not be rendered: ${e instanceof Error ? e.message : String(e)}`);
      this.counts.refused++;
    }
  }
}
