/** One line of bench/results.md: a median with its spread over repeated runs, and the target it is held to. */
export interface Figure {
  /** Which numbered item of the benchmark it belongs to (1–9). */
  item: number;
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
  runs: number;
  /** Human-readable target, e.g. "≤ 1.15"; empty for a part of the figure above it, shown for explanation. */
  target: string;
  pass: boolean;
  /** What the figure is measured against, or how, when that is not obvious from its name. */
  note?: string;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Interquartile range: the middle half of the runs. */
  q1: number;
  q3: number;
  runs: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) {
    throw new Error('no values');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75), runs: sorted.length };
}

/** Linear interpolation between the closest ranks of sorted values. */
function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/** A figure held to an upper bound (the usual case: a ratio, a time, a size). Passes when its median is within it. */
export function atMost(item: number, name: string, unit: string, values: number[], bound: number, note?: string): Figure {
  const s = spread(values);
  return { item, name, unit, ...s, target: `≤ ${bound}${unit === '×' ? '' : ` ${unit}`}`.trim(), pass: s.median <= bound, note };
}

/** A figure that must be exactly `expected` in every run (request counts). */
export function exactly(item: number, name: string, values: number[], expected: number, note?: string): Figure {
  const s = spread(values);
  return { item, name, unit: '', ...s, target: `= ${expected}`, pass: values.every((v) => v === expected), note };
}

/** A figure reported for explanation, held to no target (the row's target column says so). */
export function measured(item: number, name: string, unit: string, values: number[], note?: string): Figure {
  return { item, name, unit, ...spread(values), target: '', pass: true, note };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A full collection, then a pause for the collector's background threads, so none of it lands in what is timed next. */
export async function settle(): Promise<void> {
  if (!global.gc) {
    throw new Error('run with --expose-gc (npm run bench does)');
  }
  global.gc();
  await sleep(10);
}
