/**
 * One model answer on the page, rendered as it streams: markdown through the card's pipeline and sanitiser, with
 * images refused (model output may be steered to leak data through an image address). Text before the last blank line
 * outside a code fence is final and rendered once, as its own piece; only the tail after it is rendered again on each
 * update, so the cost of an update is bounded by the tail, not by the answer so far.
 */
import { SlugCounter } from '../../src/cards/anchors';
import { createCardMarkdown } from '../../src/cards/markdown';
import type { CardLocation } from '../../src/cards/urls';
import { appendReadmePiece, continuedHtml, readmePiece, sanitizeCard } from '../cardHtml';
import { renderChunked } from '../chunks';

const md = createCardMarkdown();
/** A tail longer than this is cut at its last line break even inside a fence; the finished answer is rendered again whole. */
export const MAX_TAIL = 16 * 1024;
const FENCE = /^ {0,3}(?:```|~~~)/;

/**
 * Runs the pipeline once over a little markdown, off screen: the first render of a page pays for compiling markdown-it's
 * rules and setting up the sanitiser (tens of milliseconds), which the page does while idle instead of on the first token.
 */
export function warmUp(location: CardLocation): void {
  sanitizeCard(md.render('A *warm* **up** with `code`, a [link](https://huggingface.co) and\n\n- a list\n\n```\ncode\n```\n'), location, 'none', new SlugCounter());
}

export class AnswerView {
  readonly element: HTMLElement;
  private text = '';
  /** Where final text ends, and where the scan for the next boundary goes on from. */
  private frozen = 0;
  private scanned = 0;
  private fenced = false;
  private forced = false;
  private readonly tail: HTMLElement;
  private slugs = new SlugCounter();

  constructor(private readonly location: CardLocation) {
    this.element = document.createElement('div');
    this.element.className = 'answer readme';
    this.tail = document.createElement('div');
    this.tail.className = 'tail';
    this.element.append(this.tail);
  }

  /** Shows `text` (the whole answer so far, which only grows while it streams). */
  set(text: string): void {
    if (!text.startsWith(this.text)) {
      this.reset();
    }
    this.text = text;
    this.freeze();
    this.renderTail();
  }

  append(delta: string): void {
    this.set(this.text + delta);
  }

  get value(): string {
    return this.text;
  }

  /** The answer is complete: when a fence had to be cut while streaming, the whole answer is rendered again, in pieces. */
  async finish(): Promise<void> {
    if (this.forced) {
      await this.show(this.text);
    }
  }

  /** Shows a finished answer, in pieces of a task each (a long one never blocks the page). */
  async show(text: string): Promise<void> {
    this.reset();
    this.text = text;
    this.frozen = this.scanned = text.length;
    this.tail.replaceChildren();
    const slugs = new SlugCounter();
    await renderChunked(md, text, {
      append: (html, _first, inside) =>
        appendReadmePiece(this.element, sanitizeCard(continuedHtml(html, inside), this.location, 'none', slugs), inside, this.tail),
      cancelled: () => this.text !== text,
    });
  }

  private reset(): void {
    this.element.replaceChildren(this.tail);
    this.text = '';
    this.frozen = this.scanned = 0;
    this.fenced = this.forced = false;
    this.slugs = new SlugCounter();
  }

  private freeze(): void {
    let boundary = this.frozen;
    let at = this.scanned;
    for (let end = this.text.indexOf('\n', at); end >= 0; end = this.text.indexOf('\n', at)) {
      const line = this.text.slice(at, end);
      if (FENCE.test(line)) {
        this.fenced = !this.fenced;
      } else if (!this.fenced && line.trim() === '') {
        boundary = end + 1;
      }
      at = end + 1;
    }
    this.scanned = at;
    if (this.text.length - boundary > MAX_TAIL) {
      const cut = this.text.lastIndexOf('\n', this.text.length - 1);
      boundary = cut > boundary ? cut + 1 : this.text.length;
      this.forced = true;
      this.scanned = Math.max(this.scanned, boundary);
    }
    if (boundary > this.frozen) {
      const piece = this.text.slice(this.frozen, boundary);
      this.tail.before(readmePiece(sanitizeCard(md.render(piece), this.location, 'none', this.slugs)));
      this.frozen = boundary;
    }
  }

  private renderTail(): void {
    const rest = this.text.slice(this.frozen);
    this.tail.replaceChildren(rest ? sanitizeCard(md.render(rest), this.location, 'none', new SlugCounter()) : '');
  }
}
