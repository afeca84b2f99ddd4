/**
 * Card HTML through the browser's own HTML Sanitizer API (`Element.setHTML` with a `Sanitizer`), where the webview's
 * Chromium has it: the browser parses and sanitises in one native pass, about a quarter of DOMPurify's time over the
 * fixture cards. It is given the card allowlists (src/cards/sanitize.ts), and one short pass then does what the card's
 * DOMPurify configuration (./cardHtml.ts) does beyond them, so that both build the same DOM: the content of elements
 * that are not allowed is kept (except where DOMPurify drops it), attribute values are trimmed and checked as DOMPurify
 * checks them, `id` and `name` are prefixed, classes and dimensions filtered. test/unit/card-sanitizers.test.ts holds
 * the two to the same DOM over every fixture card, and both to the same safety over the hostile corpus.
 *
 * Parsing happens in an inert document, so no image of the card starts loading before the image policy has seen it.
 */
import { ID_PREFIX } from '../src/cards/anchors';
import { CARD_ALLOWED_ATTRIBUTES, CARD_ALLOWED_TAGS, CARD_URI_PATTERN, isAllowedDimension, keptClasses } from '../src/cards/sanitize';

interface SanitizerElement {
  name: string;
  namespace: string;
}
interface SanitizerConfig {
  removeElements?: (string | SanitizerElement)[];
  attributes?: string[];
  comments?: boolean;
  dataAttributes?: boolean;
}
type SanitizerCtor = new (config: SanitizerConfig) => object;
type SetHtml = (this: Element, html: string, options: { sanitizer: object }) => void;

const SVG = 'http://www.w3.org/2000/svg';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** What DOMPurify removes with its content when it is not allowed (its FORBID_CONTENTS, those that parse in HTML). */
const DROPPED_WITH_CONTENT = ['audio', 'head', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'selectedcontent', 'style', 'template', 'title', 'video', 'xmp'];
/** Attributes whose value DOMPurify does not check as a URI (its URI_SAFE_ATTRIBUTES that the card allows). */
const URI_SAFE = new Set(['alt', 'class', 'id', 'name', 'role', 'title']);
/** DOMPurify's ATTR_WHITESPACE, ATTR_VALUE_BREAKOUT and SELF_CLOSING_TAG, as it applies them to every value. */
// eslint-disable-next-line no-control-regex -- DOMPurify strips these control characters before a URI check
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
const VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;
const SELF_CLOSING = /\/>/;

const ALLOWED_TAGS = new Set(CARD_ALLOWED_TAGS);
/** The elements the caller's policies are about: links, images and headings. */
const POLICY_TAGS = new Set(['a', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const api = globalThis as { Sanitizer?: SanitizerCtor };
const setHtml = (globalThis.Element?.prototype as { setHTML?: SetHtml } | undefined)?.setHTML;

let sanitizer: object | undefined;
let inert: Document | undefined;

/** Whether this browser has the Sanitizer API the card can use. */
export function hasNativeSanitizer(): boolean {
  return typeof api.Sanitizer === 'function' && typeof setHtml === 'function';
}

/**
 * Card HTML to a fragment of this document, sanitised natively. `visit` is called on every link, image and heading kept,
 * after its attributes are checked and while it is still in the inert document: the caller's link and image policies.
 */
export function sanitizeNatively(html: string, visit: (element: Element) => void): DocumentFragment {
  sanitizer ??= new api.Sanitizer!({
    removeElements: [...DROPPED_WITH_CONTENT, { name: 'svg', namespace: SVG }, { name: 'math', namespace: MATHML }],
    attributes: [...CARD_ALLOWED_ATTRIBUTES],
    comments: false,
    dataAttributes: false,
  });
  inert ??= document.implementation.createHTMLDocument('');
  const host = inert.createElement('div');
  setHtml!.call(host, html, { sanitizer });
  // One walk over the elements (a selector per pass would match every element against the whole allowlist).
  const unwrap: Element[] = [];
  const walker = inert.createTreeWalker(host, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    const name = element.localName;
    if (!ALLOWED_TAGS.has(name)) {
      unwrap.push(element);
      continue;
    }
    if (element.hasAttributes()) {
      cleanAttributes(element);
    }
    if (POLICY_TAGS.has(name)) {
      visit(element);
    }
  }
  for (const element of unwrap) {
    element.replaceWith(...element.childNodes);
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...host.childNodes);
  return fragment;
}

/** DOMPurify's attribute rules with the card's hooks, in its order (last attribute first). */
function cleanAttributes(element: Element): void {
  const attributes = element.attributes;
  for (let i = attributes.length - 1; i >= 0; i--) {
    const { name, value: original } = attributes[i];
    let value = original.trim();
    let keep = true;
    if (name === 'class') {
      const kept = keptClasses(value);
      value = kept.join(' ');
      keep = kept.length > 0;
    } else if ((name === 'width' || name === 'height') && !isAllowedDimension(value)) {
      keep = false;
    }
    let renamed = false;
    if ((name === 'id' || name === 'name') && !value.startsWith(ID_PREFIX)) {
      value = ID_PREFIX + value;
      renamed = true;
    }
    if (renamed) {
      // DOMPurify takes a named property off and puts it back, so it ends up last.
      element.removeAttribute(name);
    }
    if (!keep || VALUE_BREAKOUT.test(value) || SELF_CLOSING.test(value) || !validValue(element.localName, name, value)) {
      element.removeAttribute(name);
    } else if (renamed || value !== original) {
      element.setAttribute(name, value);
    }
  }
}

/** DOMPurify's `_isValidAttribute` for an allowed attribute name, with the card's URI pattern. */
function validValue(tag: string, name: string, value: string): boolean {
  if (URI_SAFE.has(name) || CARD_URI_PATTERN.test(value.replace(ATTR_WHITESPACE, ''))) {
    return true;
  }
  if ((name === 'src' || name === 'href') && tag === 'img' && value.startsWith('data:')) {
    return true;
  }
  return !value;
}
