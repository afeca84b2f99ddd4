/**
 * The tree side of ./openElements.ts: a model of the HTML tree builder's stack of open elements and its list of
 * active formatting elements, as far as card HTML in a body needs it. It errs one way only: it may keep something open
 * that the browser has closed, never the reverse. Markup it does not model sets `unmodelled`, for good.
 */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Table parts: ignored by the parser outside a table, so they only count inside one. */
const TABLE_PARTS = new Set(['caption', 'col', 'colgroup', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr']);
/** Start tags the parser ignores in a body (or merges into the existing html/body). */
const IGNORED = new Set(['html', 'head', 'body', 'frame']);
/** Elements whose content the tokenizer reads as text up to their end tag (scripting is off in DOMPurify's parser). */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
/** Elements whose parsing rules this model does not follow; after one, no piece ends. */
const UNMODELLED = new Set(['svg', 'math', 'plaintext', 'template', 'select', 'frameset', 'form', 'marquee', 'applet', 'object', 'button']);
/** Formatting elements: the parser reopens them in later blocks until their own end tag (the adoption agency). */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Start tags that close an open `p` (HTML's "close a p element in button scope"). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'listing',
  'li', 'dd', 'dt', 'hr', 'xmp',
]);
/** Elements that bound a scope: an end tag does not reach past them. */
const SCOPE = new Set(['table', 'td', 'th', 'caption', 'object', 'applet', 'marquee', 'template', 'html', 'button']);
/** HTML's "special" elements: an end tag for an ordinary element stops at one. */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'keygen', 'li', 'link', 'listing', 'main',
  'marquee', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'search',
  'section', 'select', 'source', 'style', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr',
  'track', 'ul', 'wbr', 'xmp',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** What stops `<li>`, `<dd>` and `<dt>` from closing an earlier one: special elements other than address, div and p. */
const LIST_ITEM_STOP = new Set([...SPECIAL].filter((n) => n !== 'address' && n !== 'div' && n !== 'p' && n !== 'li' && n !== 'dd' && n !== 'dt'));
/** List item scope: the default scope plus the lists themselves. */
const LIST_SCOPE = new Set([...SCOPE, 'ul', 'ol']);
/**
 * Elements a piece may be cut inside: parsed as the body's flow content wherever they are, so the piece after the cut,
 * parsed under the same start tags, builds the same nodes the whole card builds there (./chunks.ts, cardHtml.ts).
 * `table` and `tbody` only as a pair at the end, between rows of a table markdown-it writes (the caller checks that).
 */
const CONTAINERS = new Set(['blockquote', 'details', 'div', 'li', 'ol', 'ul']);
/** Deeper than this and the model gives up; it also keeps every stack operation bounded, so the scan stays linear. */
const MAX_DEPTH = 256;


export class ElementTree {
  private readonly stack: string[] = [];
  /** Formatting elements the parser would reopen (its list of active formatting elements). */
  private readonly active: string[] = [];
  unmodelled = false;

  /**
   * The open elements, outermost first, when a piece may be cut here and continue inside them: nothing to reopen and
   * every one a container (CONTAINERS, or a table's tbody last); else undefined.
   */
  get containers(): readonly string[] | undefined {
    if (this.unmodelled || this.active.length) {
      return undefined;
    }
    const stack = this.stack;
    const flow = stack.length >= 2 && stack[stack.length - 2] === 'table' && stack[stack.length - 1] === 'tbody' ? stack.length - 2 : stack.length;
    for (let i = 0; i < flow; i++) {
      if (!CONTAINERS.has(stack[i])) {
        return undefined;
      }
    }
    return [...stack];
  }

  /** A start tag; true when the element's content is raw text up to its end tag (`<style>`, `<textarea>`…). */
  startTag(name: string): boolean {
    if (UNMODELLED.has(name) || (name === 'table' && this.stack.includes('table'))) {
      this.unmodelled = true;
    }
    if (IGNORED.has(name) || (TABLE_PARTS.has(name) && !this.stack.includes('table'))) {
      return false;
    }
    if (CLOSES_P.has(name)) {
      this.closeWithin('p', SCOPE);
    }
    if (HEADINGS.has(name) && HEADINGS.has(this.stack[this.stack.length - 1] ?? '')) {
      this.stack.pop();
    }
    if (name === 'li') {
      this.closeWithin('li', LIST_ITEM_STOP);
    } else if (name === 'dd' || name === 'dt') {
      this.closeWithin('dd', LIST_ITEM_STOP);
      this.closeWithin('dt', LIST_ITEM_STOP);
    }
    if (VOID.has(name)) {
      return false;
    }
    if (FORMATTING.has(name)) {
      if ((name === 'a' || name === 'nobr') && this.active.includes(name)) {
        // The parser closes the earlier one first (the adoption agency), which this model does not follow.
        this.unmodelled = true;
      }
      this.active.push(name);
    }
    this.stack.push(name);
    if (this.stack.length > MAX_DEPTH || this.active.length > MAX_DEPTH) {
      this.unmodelled = true;
      this.stack.length = 0;
      this.active.length = 0;
    }
    return RAW_TEXT.has(name);
  }

  endTag(name: string): void {
    if (HEADINGS.has(name)) {
      // Any heading end tag closes the open heading, whatever its level.
      const at = this.lastIndex(HEADINGS, SCOPE);
      if (at >= 0) {
        this.popTo(at);
      }
      return;
    }
    if (FORMATTING.has(name)) {
      this.formattingEnd(name);
      return;
    }
    const at = this.stack.lastIndexOf(name);
    if (at < 0) {
      return;
    }
    const above = this.stack.slice(at + 1);
    const scope = name === 'li' ? LIST_SCOPE : SCOPE;
    if (above.some((n) => scope.has(n)) || (!SPECIAL.has(name) && above.some((n) => SPECIAL.has(n)))) {
      // Not in scope, or an ordinary end tag stopped by a special element: the parser ignores it.
      return;
    }
    this.popTo(at);
  }

  /** A formatting end tag: the element leaves both lists; special elements above it stay open (they are moved, not closed). */
  private formattingEnd(name: string): void {
    const listed = this.active.lastIndexOf(name);
    if (listed < 0) {
      return;
    }
    const at = this.stack.lastIndexOf(name);
    if (at < 0) {
      this.active.splice(listed, 1);
      return;
    }
    const above = this.stack.slice(at + 1);
    if (above.some((n) => SCOPE.has(n))) {
      return;
    }
    this.active.splice(listed, 1);
    if (above.some((n) => SPECIAL.has(n))) {
      this.stack.splice(at, 1);
    } else {
      this.popTo(at);
    }
  }

  /** Closes the last `name` if nothing in `boundary` is above it (implied end tags such as `<p>` before `<div>`). */
  private closeWithin(name: string, boundary: Set<string>): void {
    const at = this.stack.lastIndexOf(name);
    if (at >= 0 && !this.stack.slice(at + 1).some((n) => boundary.has(n))) {
      this.popTo(at);
    }
  }

  private lastIndex(names: Set<string>, boundary: Set<string>): number {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (names.has(this.stack[i])) {
        return i;
      }
      if (boundary.has(this.stack[i])) {
        return -1;
      }
    }
    return -1;
  }

  /** Pops the stack down to (and including) index `at`; formatting elements popped on the way stay in the active list. */
  private popTo(at: number): void {
    this.stack.length = at;
  }
}
