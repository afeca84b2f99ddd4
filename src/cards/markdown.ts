/**
 * Markdown to HTML for cards, as the Hub renders them: CommonMark plus GitHub's tables, strikethrough and bare-URL
 * links, HTML allowed (the webview sanitises the result with DOMPurify before it reaches the page), math kept as code.
 * Runs in the webview; plain Node can run it too (unit tests), since it needs no DOM.
 */
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';
import { mathPlugin } from './math';
import { prepareReadme, type PreparedReadme } from './prepare';

/** The card's markdown-it, writing blocks without the newlines between them (`withoutBlockNewlines`). */
export function createCardMarkdown(): Markdown {
  const md = createCardMarkdownWithNewlines();
  withoutBlockNewlines(md);
  return md;
}

/** The same, writing a newline around every block as markdown-it does: what the tests hold the card's output to. */
export function createCardMarkdownWithNewlines(): Markdown {
  // html: raw HTML is common in cards (tables, <details>, centred images); W3's sanitiser runs on the output.
  // linkify: needs linkify-it ≥ 5.0.2 (GHSA-v245-v573-v5vm). typographer off (GHSA-6v5v-wf23-fmfq).
  // validateLink stays markdown-it's own (it already refuses javascript:, vbscript:, file: and most data:).
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  md.use(mathPlugin);
  withLinkPretest(md);
  md.core.ruler.push('align_attributes', (state) => {
    // Table alignment arrives as `style="text-align:…"`, which the sanitiser drops; `align` carries it instead.
    for (const token of state.tokens) {
      const style = token.type === 'th_open' || token.type === 'td_open' ? token.attrGet('style') : null;
      const styleText = style === null ? undefined : String(style);
      const align = styleText && /^text-align:(left|right|center)$/.exec(styleText)?.[1];
      if (styleText !== undefined) {
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
        if (align) {
          token.attrSet('align', align);
        }
      }
    }
  });
  return md;
}

/**
 * What every link linkify-it finds contains: a schema's `:` or `//`, a domain's `.` before its top-level domain (or an
 * IPv4 address's dots), or an address's `@`. linkify-it's own test runs its scheme and fuzzy-host regular expressions
 * over the text whatever it holds; the card's markdown-it asks it about every paragraph, heading and table cell, and
 * about half of those have none of these characters.
 */
const MAY_HOLD_LINK = /[.:/@]/;

/** Answers linkify-it's `test` at once for a text that cannot hold a link; test/unit/card-pipeline.test.ts checks it. */
function withLinkPretest(md: Markdown): void {
  const test = md.linkify.test.bind(md.linkify);
  md.linkify.test = (text: string) => MAY_HOLD_LINK.test(text) && test(text);
}

/** Rules for block tokens that end what they write with a newline (the others go through `renderToken`). */
const BLOCK_RULES = ['fence', 'code_block', 'math_block'] as const;

/**
 * Block elements are written without the newline markdown-it puts around each. Between blocks it is a text node the
 * browser does not show (white space between block boxes is not rendered), and a card has thousands of them, about
 * 30% of its DOM nodes, each parsed, sanitised and moved into the page: 15% of the parse. Raw HTML blocks keep theirs
 * as the card wrote them, and newlines inside paragraphs (soft breaks, which are shown as spaces) stay.
 */
function withoutBlockNewlines(md: Markdown): void {
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.renderToken = (tokens, idx, options) => {
    const html = renderToken(tokens, idx, options);
    return tokens[idx].block ? trimNewlines(html) : html;
  };
  for (const name of BLOCK_RULES) {
    const rule = md.renderer.rules[name];
    if (rule) {
      md.renderer.rules[name] = (...args) => trimNewlines(rule(...args));
    }
  }
}

/** One leading and one trailing newline off (markdown-it writes at most one of each around a block tag). */
function trimNewlines(html: string): string {
  const start = html.startsWith('\n') ? 1 : 0;
  const end = html.endsWith('\n') ? html.length - 1 : html.length;
  return start === 0 && end === html.length ? html : html.slice(start, end);
}

export interface RenderedReadme extends PreparedReadme {
  /** Unsanitised HTML: only ever given to the sanitiser. */
  html: string;
}

/** Front matter off, cut to the render limit, then to HTML. */
export function renderReadme(md: Markdown, text: string, options: { alreadyCut?: boolean; maxBytes?: number } = {}): RenderedReadme {
  const prepared = prepareReadme(text, options);
  return { ...prepared, html: md.render(prepared.body) };
}
