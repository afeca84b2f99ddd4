/**
 * A README rendered a piece at a time, so a long card never holds the webview's main thread for more than a few
 * milliseconds. markdown-it's block phase runs over the whole text first (it finds lists, tables, HTML blocks and the
 * reference definitions every link may use), a slice of top-level blocks at a time; then the token stream is cut between
 * blocks into groups of about `groupChars` of source, and each group gets the inline phase and the renderer on its own,
 * when its turn comes. The groups' HTML, joined, is exactly `md.render(text)` (the unit tests hold it to that): no
 * block straddles a cut, and the inline and later core rules only look inside a block. A cut falls between top-level
 * blocks, or between the items of a list, the rows of a table or the blocks in a `<details>`, never inside a tag, a
 * comment or an element the browser parses in its own way: ./openElements.ts follows the HTML as it goes, and a piece
 * that continues inside open elements is parsed under their start tags, so each piece builds the same DOM.
 * No DOM here: the unit tests run it in Node, and the caller sanitises each piece (webview/cardHtml.ts).
 */
import type { MarkdownIt, Token } from 'markdown-it';
import { OpenElements } from './openElements';

/** A few milliseconds of inline parse, render and sanitise per group in Chromium (a 1 MB card is about 250 groups). */
export const GROUP_CHARS = 4 * 1024;

/** Work per task before yielding to the browser, so a frame (16 ms) keeps room for paint and input. */
export const TASK_BUDGET_MS = 6;

type CoreState = InstanceType<MarkdownIt['core']['State']>;
type BlockState = InstanceType<MarkdownIt['block']['State']>;
type CoreRule = (state: CoreState) => void;

export class CardChunks {
  private readonly groups: Token[][] = [];
  /** For each group, the elements it continues inside (see `continues`). */
  private readonly inside: (readonly string[])[] = [];
  private readonly env: Record<string, unknown> = {};
  private readonly core: CoreState;
  /** markdown-it's block state, made by the first `parse` (its line table of a 1 MB text is a task's work on its own). */
  private block?: BlockState;
  /** Core rules between `block` and `inline` (markdown-it's strip_references): run once the blocks are all in. */
  private readonly afterBlock: CoreRule[];
  /** Core rules from `inline` on (inline, linkify, text_join, the card's own…): run per group. */
  private readonly perGroup: CoreRule[];
  private hasEmptyLines = false;
  private done = false;
  /**
   * Where `cut` stands in the token stream: the next token, the group being filled, the line it starts at and the
   * elements it starts inside, the last line a closed block reached, and the lines of the blocks still open.
   */
  private readonly cursor = { next: 0, group: [] as Token[], groupStart: 0, inside: [] as readonly string[], reached: 0, spans: [] as (Token['map'])[] };
  private starts: number[] = [];
  /** What the HTML so far leaves open, so a cut never falls inside an element (./openElements.ts). */
  private readonly open = new OpenElements();
  /** Inline tokens `cut` has parsed already. */
  private readonly parsedInline = new WeakSet<Token>();

  /** Prepares the text (markdown-it's normalize rule and line table); `parse` then runs the block phase. */
  constructor(
    private readonly md: MarkdownIt,
    text: string,
    private readonly groupChars = GROUP_CHARS,
  ) {
    // The core chain, in order; its `block` rule is replaced by `parse`, which can stop between top-level blocks.
    const rules = md.core.ruler.__rules__.filter((rule) => rule.enabled);
    const block = rules.findIndex((rule) => rule.name === 'block');
    const inline = rules.findIndex((rule) => rule.name === 'inline');
    if (block < 0 || inline < block) {
      throw new Error('markdown-it core rules are not as expected');
    }
    this.core = new md.core.State(text, md, this.env);
    for (const rule of rules.slice(0, block)) {
      rule.fn(this.core);
    }
    this.afterBlock = rules.slice(block + 1, inline).map((rule) => rule.fn);
    // markdown-it's own `inline` rule, except for paragraphs `cut` already parsed (the same parse: the blocks, and so
    // the reference definitions, were all in by then).
    const parseInline: CoreRule = (state) => {
      for (const token of state.tokens) {
        if (token.type === 'inline' && !this.parsedInline.has(token)) {
          md.inline.parse(token.content, md, state.env, token.children ?? (token.children = []));
        }
      }
    };
    this.perGroup = [parseInline, ...rules.slice(inline + 1).map((rule) => rule.fn)];
  }

  /**
   * Runs markdown-it's block phase (its ParserBlock.tokenize loop at the top level) until the text is done or
   * `enough()` says to stop; checked after each top-level block. True once every block is in and the groups are cut.
   */
  parse(enough: () => boolean = () => false): boolean {
    if (!this.block) {
      this.block = blockState(this.md, this.core.src, this.env, this.core.tokens);
      if (enough()) {
        return false;
      }
    }
    const state = this.block;
    const rules = this.md.block.ruler.getRules('');
    const endLine = state.lineMax;
    let line = state.line;
    while (!this.done && line < endLine) {
      state.line = line = state.skipEmptyLines(line);
      if (line >= endLine || state.sCount[line] < state.blkIndent) {
        break;
      }
      if (state.level >= this.md.options.maxNesting) {
        state.line = endLine;
        break;
      }
      const before = state.line;
      if (!rules.some((rule) => rule(state, line, endLine, false))) {
        throw new Error('none of the block rules matched');
      }
      if (state.line <= before) {
        throw new Error('a block rule did not advance');
      }
      state.tight = !this.hasEmptyLines;
      if (state.isEmpty(state.line - 1)) {
        this.hasEmptyLines = true;
      }
      line = state.line;
      if (line < endLine && state.isEmpty(line)) {
        this.hasEmptyLines = true;
        line++;
        state.line = line;
      }
      if (line < endLine && enough()) {
        return false;
      }
    }
    if (!this.done) {
      this.done = true;
      for (const rule of this.afterBlock) {
        rule(this.core);
      }
      this.starts = lineStarts(this.core.src);
    }
    return this.cut(enough);
  }

  /** Number of pieces, once `parse` has returned true. */
  get length(): number {
    return this.groups.length;
  }

  /** The HTML of piece `index` (unsanitised: only ever given to the sanitiser). Call each index once. */
  html(index: number): string {
    const state = new this.md.core.State('', this.md, this.env);
    state.tokens = this.groups[index];
    // Rendered once: its tokens are let go, so a long card's garbage collections do not keep marking them.
    this.groups[index] = [];
    for (const rule of this.perGroup) {
      rule(state);
    }
    return this.md.renderer.render(state.tokens, this.md.options, this.env);
  }

  /**
   * The elements piece `index` continues inside, outermost first (`['table', 'tbody']` for more rows of a table the
   * piece before left open); empty for a piece that starts at the top level. The page parses the piece under these start
   * tags and moves what it builds into the open elements (webview/cardHtml.ts).
   */
  continues(index: number): readonly string[] {
    return this.inside[index];
  }

  /**
   * Cuts the token stream into groups, resuming where the last call stopped; checked against `enough()` after each
   * block, since following the HTML brings forward the inline parse of every paragraph with a `<` in it. A cut falls
   * after a block, at the top level or inside a list, a table's body, a blockquote or a `<details>`, so a long list or
   * table is cut between its items or rows too.
   */
  private cut(enough: () => boolean): boolean {
    const tokens = this.core.tokens;
    const starts = this.starts;
    const c = this.cursor;
    while (c.next < tokens.length) {
      const token = tokens[c.next++];
      c.group.push(token);
      this.follow(token);
      this.reach(token);
      if (!endsBlock(token)) {
        continue;
      }
      if (offset(starts, c.reached) - offset(starts, c.groupStart) >= this.groupChars) {
        const open = this.open.containers;
        // Rows continue only in a table markdown-it writes: the parser moves other content out of an HTML table.
        if (open && (!open.includes('table') || token.type === 'tr_close')) {
          this.groups.push(c.group);
          this.inside.push(c.inside);
          c.group = [];
          c.groupStart = c.reached;
          c.inside = open;
        }
      }
      if (c.next < tokens.length && enough()) {
        return false;
      }
    }
    if (c.group.length || !this.groups.length) {
      this.groups.push(c.group);
      this.inside.push(c.inside);
      c.group = [];
    }
    // The groups hold every token now: the whole stream is let go with the states.
    this.core.tokens = [];
    if (this.block) {
      this.block.tokens = this.core.tokens;
    }
    return true;
  }

  /** Moves `reached` to the end line of each block as it closes (its opening token carries the lines it spans). */
  private reach(token: Token): void {
    const c = this.cursor;
    let map = token.map;
    if (token.nesting === 1) {
      c.spans.push(map);
      return;
    }
    if (token.nesting === -1) {
      map = c.spans.pop() ?? null;
    }
    if (map) {
      c.reached = Math.max(c.reached, map[1]);
    }
  }

  /** Tells the HTML model what this token puts in the page: its raw HTML, or the tags markdown-it writes for it. */
  private follow(token: Token): void {
    if (token.hidden) {
      return;
    }
    if (token.type === 'html_block') {
      this.open.feed(token.content);
    } else if (token.type === 'inline') {
      if (token.content.includes('<')) {
        // Inline HTML (`text <details> more`) opens elements too, so a paragraph that may have some gets its inline
        // parse now rather than with its group. Text between is escaped by markdown-it and cannot start a tag.
        token.children ??= [];
        this.md.inline.parse(token.content, this.md, this.env, token.children);
        this.parsedInline.add(token);
        for (const child of token.children) {
          if (child.type === 'html_inline') {
            this.open.feed(child.content);
          }
        }
      }
    } else if (token.nesting !== 0) {
      this.open.tag(token.tag, token.nesting === -1);
    } else if (token.block && token.tag) {
      // fence, code_block, math_block (`<pre>…</pre>`), hr
      const tag = token.tag === 'code' ? 'pre' : token.tag;
      this.open.tag(tag);
      if (tag !== 'hr') {
        this.open.tag(tag, true);
      }
    }
  }
}

/**
 * markdown-it's block state for `src`, as `new md.block.State(src, …)` makes it, with the same line table (each line's
 * start, end, indent and indent width), built by finding line ends with `indexOf` and reading only each line's indent:
 * the constructor reads every character, which on a 1 MB card is a long task of its own.
 */
export function blockState(md: MarkdownIt, src: string, env: Record<string, unknown>, tokens: Token[]): BlockState {
  const state = new md.block.State('', md, env, tokens);
  const { bMarks, eMarks, tShift, sCount, bsCount } = state;
  bMarks.length = eMarks.length = tShift.length = sCount.length = bsCount.length = 0;
  state.src = src;
  const len = src.length;
  for (let start = 0; start < len; ) {
    const newline = src.indexOf('\n', start);
    const end = newline < 0 ? len : newline;
    let pos = start;
    let offset = 0;
    for (let ch = src.charCodeAt(pos); pos < end && (ch === 0x20 || ch === 0x09); ch = src.charCodeAt(++pos)) {
      offset += ch === 0x09 ? 4 - (offset % 4) : 1;
    }
    // A last line of only spaces and tabs, without a newline, is not a line to markdown-it.
    if (newline >= 0 || pos < end) {
      bMarks.push(start);
      eMarks.push(end);
      tShift.push(pos - start);
      sCount.push(offset);
      bsCount.push(0);
    }
    start = end + 1;
  }
  bMarks.push(len);
  eMarks.push(len);
  tShift.push(0);
  sCount.push(0);
  bsCount.push(0);
  state.lineMax = bMarks.length - 1;
  return state;
}

/** A block ends at its closing token, or at itself when it has no children (fence, hr, HTML…), unless it renders nothing. */
function endsBlock(token: Token): boolean {
  return !token.hidden && (token.nesting === -1 || (token.nesting === 0 && token.block && token.type !== 'inline'));
}

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

function offset(starts: number[], line: number): number {
  return starts[Math.min(line, starts.length - 1)];
}

/** A fresh task without setTimeout's nesting clamp (≥ 4 ms idle per yield after a few), leaving the browser room to paint. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.addEventListener(
      'message',
      () => {
        channel.port1.close();
        resolve();
      },
      { once: true },
    );
    channel.port1.start();
    channel.port2.postMessage(undefined);
  });
}

export interface ChunkedRender {
  /**
   * Called with each piece's HTML, in order; `first` is the first piece, `inside` the elements left open by the pieces
   * before that this one continues inside (CardChunks.continues).
   */
  append(html: string, first: boolean, inside: readonly string[]): void;
  /** True once this render is superseded (a newer card arrived): no more pieces are rendered. */
  cancelled(): boolean;
  budgetMs?: number;
  /** How to wait for the next task (the benchmark wraps it to time each task). */
  yieldTask?: () => Promise<void>;
}

/**
 * Renders `text` through `append` in tasks of about `budgetMs`: first markdown-it's block phase, a slice of blocks per
 * task, then the pieces, as many per task as fit. A short README is parsed and rendered in one task, as it always was.
 * Resolves to false when cancelled, else true.
 */
export async function renderChunked(md: MarkdownIt, text: string, render: ChunkedRender): Promise<boolean> {
  const budget = render.budgetMs ?? TASK_BUDGET_MS;
  const yieldTask = render.yieldTask ?? nextTask;
  let started = performance.now();
  const overBudget = () => performance.now() - started >= budget;
  const nextSlice = async () => {
    await yieldTask();
    started = performance.now();
    return !render.cancelled();
  };
  const chunks = new CardChunks(md, text);
  if (overBudget() && !(await nextSlice())) {
    return false;
  }
  while (!chunks.parse(overBudget)) {
    if (!(await nextSlice())) {
      return false;
    }
  }
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0 && overBudget() && !(await nextSlice())) {
      return false;
    }
    render.append(chunks.html(i), i === 0, chunks.continues(i));
  }
  return true;
}
