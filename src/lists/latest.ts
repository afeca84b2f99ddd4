/**
 * Runs the latest of a stream of requests (search-as-you-type): waits `delayMs` after the last input, aborts the
 * request before it, and delivers a result only if no newer input arrived meanwhile, so results never arrive out of
 * order.
 */
export class LatestOnly<Q, R> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private generation = 0;

  constructor(
    private readonly delayMs: number,
    private readonly run: (query: Q, signal: AbortSignal) => Promise<R>,
    private readonly deliver: (result: R, query: Q) => void,
    private readonly fail: (error: unknown, query: Q) => void,
    private readonly timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
  ) {}

  /** A new input: whatever was pending or in flight is dropped. */
  push(query: Q): void {
    const generation = ++this.generation;
    this.cancelPending();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      const controller = new AbortController();
      this.controller = controller;
      this.run(query, controller.signal).then(
        (result) => {
          if (generation === this.generation && !controller.signal.aborted) {
            this.deliver(result, query);
          }
        },
        (error: unknown) => {
          if (generation === this.generation && !controller.signal.aborted) {
            this.fail(error, query);
          }
        },
      );
    }, this.delayMs);
  }

  /** Stops everything, e.g. when the picker closes. */
  dispose(): void {
    this.generation++;
    this.cancelPending();
  }

  private cancelPending(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.controller?.abort();
    this.controller = undefined;
  }
}
