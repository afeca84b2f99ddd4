/**
 * Records the page's Content Security Policy violations on `<html data-csp-violations>` as a JSON list of
 * "directive blocked-uri source-file" strings (the latest 50), for the UI tests and for anyone debugging a webview with
 * the developer tools. A well-behaved page has only the toolkit's two harmless probes (see test/ui/card-journeys.mjs).
 */
export function recordCspViolations(): void {
  const seen: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    if (seen.length >= 50) {
      seen.shift();
    }
    const file = event.sourceFile ? event.sourceFile.slice(event.sourceFile.lastIndexOf('/') + 1) : '';
    seen.push(`${event.effectiveDirective} ${event.blockedURI} ${file}`.slice(0, 200));
    document.documentElement.dataset.cspViolations = JSON.stringify(seen);
  });
}
