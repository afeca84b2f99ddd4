// What the UI tests' page scripts find on `window`: the workbench's smoke-test driver, the XSS canary the hostile
// cards try to set, the webview's API and the card and viewer benchmarks' entry points.
interface Window {
  driver: { [name: string]: (...args: unknown[]) => Promise<unknown> };
  __xss: unknown;
  acquireVsCodeApi?: () => unknown;
  cardBench: unknown;
  viewerBench: unknown;
}
