/**
 * Markdown to HTML for cards, as the Hub renders them: CommonMark plus GitHub's tables, strikethrough and bare-URL
 * links, HTML allowed (the webview sanitises the result with DOMPurify before it reaches the page), math kept as code.
 * Runs in the webview; plain Node can run it too (unit tests), since it needs no DOM.
 */
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';
import { mathPlugin } from './math';
import { prepareReadme, type PreparedReadme } from './prepare';

export function createCardMarkdown(): Markdown {
  // html: raw HTML is common in cards (tables, <details>, centred images); W3's sanitiser runs on the output.
  // linkify: needs linkify-it ≥ 5.0.2 (GHSA-v245-v573-v5vm). typographer off (GHSA-6v5v-wf23-fmfq).
  // validateLink stays markdown-it's own (it already refuses javascript:, vbscript:, file: and most data:).
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
  md.use(mathPlugin);
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

export interface RenderedReadme extends PreparedReadme {
  /** Unsanitised HTML: only ever given to the sanitiser. */
  html: string;
}

/** Front matter off, cut to the render limit, then to HTML. */
export function renderReadme(md: Markdown, text: string, options: { alreadyCut?: boolean; maxBytes?: number } = {}): RenderedReadme {
  const prepared = prepareReadme(text, options);
  return { ...prepared, html: md.render(prepared.body) };
}
