// Proves that a function over text grows linearly. It is timed on inputs of 256 KB, 512 KB, 1 MB and 2 MB built by the
// same pattern, and each doubling of the input must cost at most STEP_RATIO times the size before it, as the median of
// the three doublings: a linear function costs 2× per doubling, a quadratic one 4×. The median is what makes the check
// hold on a real machine: a step in the machine's own costs (processor caches) happens once, at a size that depends on
// the function, and makes one doubling read more; a quadratic scan makes every doubling 4×. The larger step, the
// garbage collector's young generation overflowing (a 12× jump between 512 KB and 1 MB for a function that allocates
// twenty times its input), is taken away by running the unit tests with `--max-semi-space-size=128`, which this file
// requires. A wall-clock constant would say nothing on a fast machine and fail on a slow one. Each figure is the best of three samples, taken after a full garbage collection; a sample
// repeats the call until it has run for at least MIN_SAMPLE_MS, so a function too fast for the clock is still timed
// per call rather than rounded up. A measurement that a busy machine spoils is taken again, up to five times.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export const SIZES = [256 * 1024, 512 * 1024, 1024 * 1024, 2048 * 1024];
/** The median growth allowed for one doubling of the input: 2× is linear, 4× quadratic. */
export const STEP_RATIO = 3;
const MIN_SAMPLE_MS = 20;
const MAX_CALLS = 1000;
const ATTEMPTS = 5;

const YOUNG_SPACE_FLAG = /--max-semi-space-size=(\d+)/;
const youngSpaceMb = Number(YOUNG_SPACE_FLAG.exec([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))?.[1] ?? 0);

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** `pattern` repeated (and cut) to exactly `bytes` characters. */
export function repeatTo(pattern: string, bytes: number): string {
  return pattern.repeat(Math.ceil(bytes / pattern.length)).slice(0, bytes);
}

/** Milliseconds per call of `run`: the best of three samples, each of enough calls to last MIN_SAMPLE_MS. */
function perCall(run: () => unknown): number {
  collect();
  let start = performance.now();
  run();
  const first = performance.now() - start;
  const calls = Math.min(MAX_CALLS, Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(first, 0.001))));
  // A call slow enough to be a sample on its own is one: the first of the three.
  let fastest = calls === 1 ? first : Infinity;
  for (let sample = calls === 1 ? 1 : 0; sample < 3; sample++) {
    collect();
    start = performance.now();
    for (let i = 0; i < calls; i++) {run();}
    fastest = Math.min(fastest, (performance.now() - start) / calls);
  }
  return fastest;
}

export interface Growth {
  /** Milliseconds per call at each of SIZES. */
  ms: number[];
  /** Cost of each doubling: ms[i + 1] / ms[i]. */
  steps: number[];
  /** The median of `steps`, the figure held to STEP_RATIO. */
  median: number;
}

function measure(fn: (input: string) => unknown, inputs: string[]): Growth {
  const ms = inputs.map((input) => perCall(() => fn(input)));
  const steps = ms.slice(1).map((t, i) => t / ms[i]);
  const median = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)];
  return { ms, steps, median };
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

/**
 * Asserts that `fn` grows linearly on inputs built by `make(bytes)` (by default `pattern` repeated), and returns the
 * measured figures. `label` names the function and the pattern in the failure message.
 */
export function assertLinear(label: string, fn: (input: string) => unknown, make: string | ((bytes: number) => string)): Growth {
  assert.ok(youngSpaceMb >= 64, 'growth checks need a young generation of 64 MB or more: run them with `node --max-semi-space-size=128` (npm run test:unit does)');
  const build = typeof make === 'string' ? (bytes: number) => repeatTo(make, bytes) : make;
  const inputs = SIZES.map(build);
  let growth = measure(fn, inputs);
  for (let attempt = 1; attempt < ATTEMPTS && !(growth.median <= STEP_RATIO); attempt++) {
    growth = measure(fn, inputs);
  }
  const figures = SIZES.map((bytes, i) => `${kb(bytes)} ${growth.ms[i].toFixed(2)} ms`).join(', ');
  assert.ok(
    growth.median <= STEP_RATIO,
    `${label}: ${figures}; per doubling ${growth.steps.map((s) => `${s.toFixed(1)}×`).join(', ')} (median ${growth.median.toFixed(1)}×, linear is 2×, quadratic 4×, allowed ${STEP_RATIO}×)`,
  );
  return growth;
}
