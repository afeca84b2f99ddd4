// Growth checks for code that reads untrusted text. A wall-clock budget alone cannot tell "slow machine" from
// "quadratic", so each check times the same adversarial pattern at 256 KB and at 1 MB and compares: linear work
// grows about 4×, quadratic work 16×. The budget is a ratio of 6×, each size timed as the best of a few runs and
// the whole comparison tried up to three times, so a garbage-collection pause or a busy core does not decide the
// result (a quadratic function misses the budget every time).
import assert from 'node:assert/strict';

export const SMALL_BYTES = 256 * 1024;
export const LARGE_BYTES = 1024 * 1024;
export const MAX_GROWTH = 6;
/** Below this, a 1 MB run is too fast for the ratio to mean anything, and too fast to be a stall. */
const NOISE_FLOOR_MS = 8;

export interface Growth {
  what: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

/** Repeats `unit` until the string is `bytes` long (cut to length, so both sizes are exact). */
export function repeatTo(unit: string, bytes: number, prefix = '', suffix = ''): string {
  const body = unit.repeat(Math.ceil((bytes - prefix.length - suffix.length) / unit.length));
  return prefix + body.slice(0, Math.max(0, bytes - prefix.length - suffix.length)) + suffix;
}

function bestOf(runs: number, fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Asserts that `fn` over `build(1 MB)` takes at most MAX_GROWTH times as long as over `build(256 KB)`, and
 * returns the figures for the test's report.
 */
export function assertLinear(what: string, build: (bytes: number) => string, fn: (input: string) => unknown): Growth {
  const small = build(SMALL_BYTES);
  const large = build(LARGE_BYTES);
  fn(small); // warm the JIT so the first measurement is not the slow one
  let smallMs = 0;
  let largeMs = 0;
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > MAX_GROWTH; attempt++) {
    smallMs = bestOf(3, () => fn(small));
    largeMs = bestOf(3, () => fn(large));
    ratio = largeMs / Math.max(smallMs, 0.05);
    if (largeMs < NOISE_FLOOR_MS) {
      break;
    }
  }
  if (largeMs >= NOISE_FLOOR_MS) {
    assert.ok(
      ratio <= MAX_GROWTH,
      `${what}: ${smallMs.toFixed(1)} ms at 256 KB, ${largeMs.toFixed(1)} ms at 1 MB — ${ratio.toFixed(1)}× (linear is 4×, budget ${MAX_GROWTH}×)`,
    );
  }
  return { what, smallMs, largeMs, ratio };
}

export const describeGrowth = (g: Growth): string =>
  `${g.what}: ${g.smallMs.toFixed(1)} ms at 256 KB, ${g.largeMs.toFixed(1)} ms at 1 MB (${g.ratio.toFixed(1)}×)`;
