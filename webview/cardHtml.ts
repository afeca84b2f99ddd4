/**
 * Card HTML to DOM, in the webview: markdown-it's output goes through the browser's Sanitizer API where the webview
 * has it (./nativeSanitizer.ts), DOMPurify otherwise, both with the card allowlists (src/cards/sanitize.ts), and comes
 * back as a DocumentFragment, so no HTML string is ever assigned to the page (the CSP requires Trusted Types for that,
 * and only DOMPurify's policy may make them; `setHTML` is a sink that sanitises by itself). On the way, links and images are
 * resolved against the repo and checked against the link and image policies (src/cards/urls.ts, linkPolicy.ts).
 */
import DOMPurify from 'dompurify';
import { ID_PREFIX, SlugCounter } from '../src/cards/anchors';
import { checkCardLink } from '../src/cards/linkPolicy';
import { CARD_ALLOWED_ATTRIBUTES, CARD_ALLOWED_TAGS, CARD_URI_PATTERN, isAllowedDimension, keptClasses } from '../src/cards/sanitize';
import { resolveCardImage, resolveCardLink, type CardImagePolicy, type CardLocation } from '../src/cards/urls';
import { hasNativeSanitizer, sanitizeNatively } from './nativeSanitizer';

interface Policy {
  location: CardLocation;
  images: CardImagePolicy;
  /** The headings kept, in document order, gathered on the sanitiser's own walk. */
  headings: Element[];
}

/** The repo and policy the hooks resolve against, set for the duration of one `sanitizeCard` call. */
let context: Policy | undefined;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const BLOCKED_IMAGE = 'hf-blocked-image';

DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class') {
    const kept = keptClasses(data.attrValue);
    data.attrValue = kept.join(' ');
    data.keepAttr = kept.length > 0;
  } else if ((data.attrName === 'width' || data.attrName === 'height') && !isAllowedDimension(data.attrValue)) {
    data.keepAttr = false;
  }
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (context && node instanceof Element) {
    applyPolicies(node, context);
  }
});

/**
 * The link policy on an `<a href>`, the image policy on an `<img>`, and each heading noted for its anchor: run by both
 * sanitisers on every element they keep.
 */
function applyPolicies(node: Element, policy: Policy): void {
  const name = node.localName;
  if (name === 'a' && node.hasAttribute('href')) {
    const href = node.getAttribute('href') ?? '';
    const target = resolveCardLink(href, policy.location);
    if (target.kind === 'anchor') {
      node.setAttribute('href', `#${encodeURIComponent(target.fragment)}`);
    } else if (target.kind === 'external') {
      const verdict = checkCardLink(target.url, { endpoint: policy.location.endpoint, text: node.textContent ?? '', parsed: target.parsed });
      if (verdict.kind === 'open') {
        if (verdict.url !== href) {
          node.setAttribute('href', verdict.url);
        }
      } else {
        node.removeAttribute('href');
        node.setAttribute('title', `Link not opened: ${verdict.reason}`);
      }
    } else {
      node.removeAttribute('href');
      node.setAttribute('title', `Link not opened: ${target.reason}`);
    }
  } else if (name === 'img') {
    const src = node.getAttribute('src');
    const target = src ? resolveCardImage(src, policy.location, policy.images) : { kind: 'blocked' as const, reason: 'no address' };
    if (target.kind === 'image') {
      if (target.url !== src) {
        node.setAttribute('src', target.url);
      }
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
      node.setAttribute('referrerpolicy', 'no-referrer');
    } else {
      node.removeAttribute('src');
      node.setAttribute('class', BLOCKED_IMAGE);
      node.setAttribute('title', target.reason);
    }
  } else if (HEADINGS.has(name)) {
    policy.headings.push(node);
  }
}

const CONFIG = {
  ALLOWED_TAGS: [...CARD_ALLOWED_TAGS],
  ALLOWED_ATTR: [...CARD_ALLOWED_ATTRIBUTES],
  ALLOWED_URI_REGEXP: CARD_URI_PATTERN,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // `id` and `name` from a card become `user-content-…`, so they cannot clobber globals such as acquireVsCodeApi.
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  // A piece of a card that starts with <style>, <meta> or a comment would have them parsed into <head> (and dropped
  // with their surroundings) where the whole card keeps them in <body>: parse every piece as body content.
  FORCE_BODY: true,
  RETURN_DOM_FRAGMENT: true as const,
};

/** Which sanitiser makes the DOM: the browser's own where it has the Sanitizer API, DOMPurify elsewhere. */
export type SanitizerEngine = 'native' | 'dompurify';

export const DEFAULT_ENGINE: SanitizerEngine = hasNativeSanitizer() ? 'native' : 'dompurify';

/**
 * Sanitises rendered card HTML into a fragment ready to append, with anchors on headings and blocked images marked.
 * A README rendered in pieces passes one `slugs` to every piece, so a repeated heading gets `-1` wherever it falls.
 */
export function sanitizeCard(html: string, location: CardLocation, images: CardImagePolicy, slugs = new SlugCounter(), engine = DEFAULT_ENGINE): DocumentFragment {
  let fragment: DocumentFragment;
  const policy: Policy = { location, images, headings: [] };
  if (engine === 'native') {
    fragment = sanitizeNatively(html, (element) => applyPolicies(element, policy));
  } else {
    context = policy;
    try {
      fragment = DOMPurify.sanitize(html, CONFIG);
    } finally {
      context = undefined;
    }
  }
  addHeadingAnchors(policy.headings, slugs);
  replaceBlockedImages(fragment);
  return fragment;
}

/**
 * The HTML the sanitiser parses for a piece that continues inside elements the pieces before it left open
 * (webview/chunks.ts): their start tags, then the piece, so its rows, items or blocks are parsed where they belong.
 * The names come from the chunker's fixed list of containers, never from the card.
 */
export function continuedHtml(html: string, inside: readonly string[]): string {
  return inside.map((name) => `<${name}>`).join('') + html;
}

const PIECE = 'readme-piece';

/**
 * A rendered piece of the README in its own box, which the browser lays out and paints only near the viewport
 * (`content-visibility: auto` in media/card.css): appending piece 200 of a long card then costs the layout of one piece,
 * not of the whole page so far.
 */
export function readmePiece(fragment: DocumentFragment): HTMLElement {
  const piece = document.createElement('div');
  piece.className = PIECE;
  piece.append(fragment);
  return piece;
}

/**
 * Adds a sanitised piece of a README rendered in pieces to `parent` (before `before`, or at the end): in a box of its
 * own (`readmePiece`), or, when it continues `inside` elements the pieces before it left open (it was parsed under
 * their start tags, `continuedHtml`), into those elements in the last box, level by level, so the rows of a long
 * table go into the table's own tbody.
 */
export function appendReadmePiece(parent: Element, fragment: DocumentFragment, inside: readonly string[] = [], before: Element | null = null): void {
  const last = before ? before.previousElementSibling : parent.lastElementChild;
  if (inside.length > 0 && last?.classList.contains(PIECE) && continueInside(last, fragment, inside.length)) {
    return;
  }
  parent.insertBefore(readmePiece(fragment), before);
}

/**
 * Moves `from`'s nodes into the elements open at the end of `into`: `from` starts with one wrapper per level (the start
 * tags `continuedHtml` put there) and `into` ends with the element of the same name. False, moving nothing, if the two
 * do not line up (the piece is then shown in a box of its own).
 */
function continueInside(into: Element, from: ParentNode, depth: number): boolean {
  const levels: [Element, ParentNode][] = [];
  let live = into;
  let wrapped = from;
  for (let level = 0; level < depth; level++) {
    const wrapper = wrapped.firstChild;
    const open = live.lastElementChild;
    if (!(wrapper instanceof Element) || !open || wrapper.tagName !== open.tagName) {
      return false;
    }
    levels.push([live, wrapped]);
    live = open;
    wrapped = wrapper;
  }
  live.append(...wrapped.childNodes);
  for (const [parent, wrappers] of levels.reverse()) {
    wrappers.firstChild?.remove();
    parent.append(...wrappers.childNodes);
  }
  return true;
}

/** Gives headings without an id the slug GitHub and the Hub give them (prefixed), so `[Usage](#usage)` works. */
function addHeadingAnchors(headings: readonly Element[], slugs: SlugCounter): void {
  for (const heading of headings) {
    const slug = slugs.next(heading.textContent ?? '');
    if (!heading.id && slug) {
      heading.id = `${ID_PREFIX}${slug}`;
    }
  }
}

/** An image the policy does not load becomes a visible note with its alt text, not a broken image. */
function replaceBlockedImages(root: DocumentFragment): void {
  for (const img of root.querySelectorAll(`img.${BLOCKED_IMAGE}`)) {
    const note = document.createElement('span');
    note.className = 'blocked-image';
    const alt = img.getAttribute('alt')?.trim();
    note.textContent = `Image not shown${alt ? `: ${alt}` : ''}`;
    note.title = img.getAttribute('title') ?? '';
    note.setAttribute('role', 'img');
    note.setAttribute('aria-label', `Image not shown${alt ? `: ${alt}` : ''} (${note.title})`);
    img.replaceWith(note);
  }
}

/** Scrolls to the element a `#fragment` link names: a heading slug or a card's own id/name (both prefixed). */
export function scrollToAnchor(fragment: string): boolean {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // keep it as it is
  }
  const candidates = [decoded, decoded.toLowerCase()].map((f) => (f.startsWith(ID_PREFIX) ? f : `${ID_PREFIX}${f}`));
  for (const id of candidates) {
    const target = document.getElementById(id) ?? document.getElementsByName(id)[0];
    if (target) {
      target.scrollIntoView({ block: 'start' });
      if (!target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}
