/**
 * The two calls markdown-it makes of `punycode.js`, done by the browser instead (esbuild aliases the package here for
 * the pages, 2.4 KB less): a link's host becomes ASCII through the URL parser, and a link's text keeps the host as
 * the URL parser gives it (`xn--…`), which also shows a look-alike host for what it is. markdown-it catches what throws.
 */
export default {
  toASCII: (host: string): string => new URL(`http://${host}`).hostname,
  toUnicode: (host: string): string => host,
};
