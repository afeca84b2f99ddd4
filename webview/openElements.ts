/**
 * What the browser still has open after some card HTML, so the chunker (./chunks.ts) cuts a card only where a piece
 * parsed on its own builds the same DOM as the whole card parsed at once. One pass, a character at a time, resumable
 * across calls to `feed`: HTML blocks, inline HTML and the block tags markdown-it writes are fed in document order.
 *
 * It follows the HTML tokenizer closely (tags, quoted attribute values, comments, bogus comments, raw text such as
 * `<style>`), so a `</details>` inside `title="…"` or a comment is not an end tag. The tree side is a simplified
 * model of the tree builder that errs one way only: it may think something is still open when the browser has closed
 * it (one cut fewer), never the reverse. What it does not model (foreign content, forms, select, templates, very deep
 * nesting) makes it give up: no piece ends for the rest of the card, which then renders as one last piece.
 */
import { ElementTree } from './htmlTree';

const enum S {
  Data,
  TagOpen,
  EndTagOpen,
  TagName,
  BeforeAttrName,
  AttrName,
  AfterAttrName,
  BeforeAttrValue,
  AttrValueDouble,
  AttrValueSingle,
  AttrValueUnquoted,
  AfterAttrValueQuoted,
  SelfClosing,
  MarkupDeclaration,
  CommentStart,
  Comment,
  CommentDash,
  CommentEnd,
  CommentEndBang,
  BogusComment,
  RawText,
  RawLessThan,
  RawEndName,
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\r';
}

function isAlpha(c: string): boolean {
  const code = c.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a;
}

export class OpenElements {
  private state = S.Data;
  private name = '';
  private end = false;
  /** The `--` or `[CDATA` read so far after `<!`. */
  private declaration = '';
  /** Raw text element being read, and how much of its end tag matched. */
  private rawName = '';
  private rawMatched = 0;
  private readonly tree = new ElementTree();

  /**
   * The elements open here, outermost first, when a piece may end here and the next continue inside them (a list's
   * items, a table's rows, the blocks in a `<details>`): see ElementTree.containers. Empty when nothing is open or to
   * be reopened; undefined inside a tag, comment or raw text, or where no piece may end.
   */
  get containers(): readonly string[] | undefined {
    return this.state === S.Data ? this.tree.containers : undefined;
  }

  /** True when the tokenizer is between tags (not in a tag, attribute value, comment or raw text). */
  get inData(): boolean {
    return this.state === S.Data;
  }

  /** No piece ends after this point (used when markup arrives that the model cannot place). */
  giveUp(): void {
    this.tree.unmodelled = true;
  }

  /** A start or end tag markdown-it writes itself (its attribute values are escaped, so only the name matters). */
  tag(name: string, end = false): void {
    if (this.state !== S.Data) {
      // The browser reads it as part of whatever is under way (an attribute value, a comment…): out of the model.
      this.tree.unmodelled = true;
      return;
    }
    if (end) {
      this.tree.endTag(name);
    } else {
      this.tree.startTag(name);
    }
  }

  /** Feeds raw HTML from the card. */
  feed(html: string): void {
    for (let i = 0; i < html.length; i++) {
      this.step(html[i]);
    }
  }

  private step(c: string): void {
    switch (this.state) {
      case S.Data:
        if (c === '<') {
          this.state = S.TagOpen;
        }
        return;
      case S.TagOpen:
        if (c === '!') {
          this.state = S.MarkupDeclaration;
          this.declaration = '';
        } else if (c === '/') {
          this.state = S.EndTagOpen;
        } else if (isAlpha(c)) {
          this.beginTag(c, false);
        } else if (c === '?') {
          this.state = S.BogusComment;
        } else {
          this.state = S.Data;
          this.step(c);
        }
        return;
      case S.EndTagOpen:
        if (isAlpha(c)) {
          this.beginTag(c, true);
        } else {
          // `</>` is dropped; `</` and anything else starts a bogus comment up to the next `>`.
          this.state = c === '>' ? S.Data : S.BogusComment;
        }
        return;
      case S.TagName:
        if (isSpace(c)) {
          this.state = S.BeforeAttrName;
        } else if (c === '/') {
          this.state = S.SelfClosing;
        } else if (c === '>') {
          this.emitTag();
        } else {
          this.name += c.toLowerCase();
        }
        return;
      case S.BeforeAttrName:
        if (c === '>') {
          this.emitTag();
        } else if (c === '/') {
          this.state = S.SelfClosing;
        } else if (!isSpace(c)) {
          this.state = S.AttrName;
        }
        return;
      case S.AttrName:
        if (isSpace(c)) {
          this.state = S.AfterAttrName;
        } else if (c === '/') {
          this.state = S.SelfClosing;
        } else if (c === '=') {
          this.state = S.BeforeAttrValue;
        } else if (c === '>') {
          this.emitTag();
        }
        return;
      case S.AfterAttrName:
        if (c === '/') {
          this.state = S.SelfClosing;
        } else if (c === '=') {
          this.state = S.BeforeAttrValue;
        } else if (c === '>') {
          this.emitTag();
        } else if (!isSpace(c)) {
          this.state = S.AttrName;
        }
        return;
      case S.BeforeAttrValue:
        if (c === '"') {
          this.state = S.AttrValueDouble;
        } else if (c === "'") {
          this.state = S.AttrValueSingle;
        } else if (c === '>') {
          this.emitTag();
        } else if (!isSpace(c)) {
          this.state = S.AttrValueUnquoted;
        }
        return;
      case S.AttrValueDouble:
        if (c === '"') {
          this.state = S.AfterAttrValueQuoted;
        }
        return;
      case S.AttrValueSingle:
        if (c === "'") {
          this.state = S.AfterAttrValueQuoted;
        }
        return;
      case S.AttrValueUnquoted:
        if (isSpace(c)) {
          this.state = S.BeforeAttrName;
        } else if (c === '>') {
          this.emitTag();
        }
        return;
      case S.AfterAttrValueQuoted:
        if (isSpace(c)) {
          this.state = S.BeforeAttrName;
        } else if (c === '/') {
          this.state = S.SelfClosing;
        } else if (c === '>') {
          this.emitTag();
        } else {
          this.state = S.AttrName;
        }
        return;
      case S.SelfClosing:
        // `/>` closes nothing in HTML: `<details/>` is an open <details>.
        if (c === '>') {
          this.emitTag();
        } else {
          this.state = S.BeforeAttrName;
          this.step(c);
        }
        return;
      case S.MarkupDeclaration:
        this.markupDeclaration(c);
        return;
      case S.CommentStart:
        // `<!-->` and `<!--->` are (empty) comments already.
        if (c === '>') {
          this.state = S.Data;
        } else if (c === '-') {
          this.state = S.CommentEnd;
        } else {
          this.state = S.Comment;
        }
        return;
      case S.Comment:
        if (c === '-') {
          this.state = S.CommentDash;
        }
        return;
      case S.CommentDash:
        this.state = c === '-' ? S.CommentEnd : S.Comment;
        return;
      case S.CommentEnd:
        if (c === '>') {
          this.state = S.Data;
        } else if (c === '!') {
          this.state = S.CommentEndBang;
        } else if (c !== '-') {
          this.state = S.Comment;
        }
        return;
      case S.CommentEndBang:
        this.state = c === '>' ? S.Data : c === '-' ? S.CommentDash : S.Comment;
        return;
      case S.BogusComment:
        if (c === '>') {
          this.state = S.Data;
        }
        return;
      case S.RawText:
        if (c === '<') {
          this.state = S.RawLessThan;
        }
        return;
      case S.RawLessThan:
        if (c === '/') {
          this.state = S.RawEndName;
          this.rawMatched = 0;
        } else {
          this.state = S.RawText;
          this.step(c);
        }
        return;
      case S.RawEndName:
        if (this.rawMatched < this.rawName.length) {
          if (c.toLowerCase() === this.rawName[this.rawMatched]) {
            this.rawMatched++;
          } else {
            this.state = S.RawText;
            this.step(c);
          }
        } else if (isSpace(c) || c === '/' || c === '>') {
          // The end tag of the raw text element: read on as a tag (its attributes are ignored).
          this.name = this.rawName;
          this.end = true;
                this.state = S.TagName;
          this.step(c);
        } else {
          this.state = S.RawText;
          this.step(c);
        }
        return;
    }
  }

  private markupDeclaration(c: string): void {
    this.declaration += c;
    const d = this.declaration;
    if (d === '--') {
      this.state = S.CommentStart;
      this.declaration = '';
    } else if ('--'.startsWith(d) && d.length < 2) {
      return;
    } else {
      // DOCTYPE and CDATA (outside foreign content) end at the next `>`, as any other bogus comment.
      this.state = S.BogusComment;
      if (c === '>') {
        this.state = S.Data;
      }
    }
  }

  private beginTag(first: string, end: boolean): void {
    this.state = S.TagName;
    this.name = first.toLowerCase();
    this.end = end;
  }

  private emitTag(): void {
    this.state = S.Data;
    if (this.end) {
      this.tree.endTag(this.name);
    } else if (this.tree.startTag(this.name)) {
      this.state = S.RawText;
      this.rawName = this.name;
    }
  }
}
