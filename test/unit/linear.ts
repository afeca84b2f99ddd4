// Proves that a function over text grows linearly: it is timed on a 256 KB and a 2 MB input built by the same pattern,
// and the larger must cost at most RATIO times the smaller (8× the input; a quadratic scanner costs 64×). The wide
// span keeps apart what a step in the machine's costs does once (processor caches, the garbage collector's young
// space: up to 3× between 512 KB and 1 MB on the two-core test machines) and what a quadratic scan does. A wall-clock
// constant would say nothing on a fast machine and fail on a slow one; the ratio holds on both. Timings are the best of
// three runs, a measurement that a busy machine spoils is taken again (up to five attempts), and times below the noise
// floor count as the floor, so a function too fast to time always passes.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

const SMALL = 256 * 1024;
const LARGE = 2048 * 1024;
/** Allowed growth from 256 KB to 2 MB: 8× is linear, 64× quadratic; the margin absorbs cache steps, garbage collection and load. */
export const RATIO = 24;
const NOISE_FLOOR_MS = 8;
const ATTEMPTS = 5;

/** `pattern` repeated (and cut) to exactly `bytes` characters. */
export function repeatTo(pattern: string, bytes: number): string {
  return pattern.repeat(Math.ceil(bytes / pattern.length)).slice(0, bytes);
}

function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return Math.max(fastest, NOISE_FLOOR_MS);
}

export interface Growth {
  smallMs: number;
  largeMs: number;
  ratio: number;
}

/**
 * Asserts that `fn` grows linearly on inputs built by `make(bytes)` (by default `pattern` repeated), and returns the
 * measured figures. `label` names the function and the pattern in the failure message.
 */
export function assertLinear(label: string, fn: (input: string) => unknown, make: string | ((bytes: number) => string)): Growth {
  const build = typeof make === 'string' ? (bytes: number) => repeatTo(make, bytes) : make;
  const small = build(SMALL);
  const large = build(LARGE);
  let growth: Growth = { smallMs: 0, largeMs: 0, ratio: Infinity };
  for (let attempt = 0; attempt < ATTEMPTS && !(growth.ratio <= RATIO); attempt++) {
    const smallMs = best(() => fn(small));
    const largeMs = best(() => fn(large));
    growth = { smallMs, largeMs, ratio: largeMs / smallMs };
  }
  assert.ok(
    growth.ratio <= RATIO,
    `${label}: 256 KB took ${growth.smallMs.toFixed(1)} ms, 2 MB ${growth.largeMs.toFixed(1)} ms (${growth.ratio.toFixed(1)}×, linear is 8×, allowed ${RATIO}×)`,
  );
  return growth;
}
