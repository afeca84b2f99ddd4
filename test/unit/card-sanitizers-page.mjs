// The page side of card-sanitizers.test.ts, bundled by it and run in Chromium: one README through the card pipeline
// with each sanitiser (the browser's Sanitizer API and DOMPurify), to the DOM each builds, and what in it could run.
import { SlugCounter } from '../../src/cards/anchors';
import { createCardMarkdown } from '../../src/cards/markdown';
import { CARD_ALLOWED_ATTRIBUTES, CARD_ALLOWED_TAGS } from '../../src/cards/sanitize';
import { sanitizeCard } from '../../webview/cardHtml';
import { hasNativeSanitizer } from '../../webview/nativeSanitizer';

const md = createCardMarkdown();
/** @type {import('../../src/cards/urls').CardLocation} */
const location = { endpoint: 'https://huggingface.co', type: 'model', id: 'org/model', revision: 'abc123' };
const TAGS = new Set([...CARD_ALLOWED_TAGS, 'span']);
const ATTRIBUTES = new Set([...CARD_ALLOWED_ATTRIBUTES, 'loading', 'decoding', 'referrerpolicy', 'aria-label']);

function render(html, images, engine) {
  const root = document.createElement('article');
  root.append(sanitizeCard(html, location, images, new SlugCounter(), engine));
  root.normalize();
  return root;
}

/** What a sanitised card must never hold: an element or attribute outside the allowlists, or an address that runs. */
function hazards(root) {
  const found = [];
  for (const element of root.querySelectorAll('*')) {
    if (!TAGS.has(element.localName) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      found.push(`<${element.localName}>`);
    }
    for (const { name, value } of element.attributes) {
      if (!ATTRIBUTES.has(name)) {
        found.push(`${element.localName}[${name}]`);
      } else if ((name === 'href' || name === 'src') && !/^(?:https?:|mailto:|#)/.test(value)) {
        found.push(`${element.localName}[${name}=${value.slice(0, 40)}]`);
      }
    }
  }
  return found;
}

function compare(text, images) {
  const html = md.render(text);
  const native = render(html, images, 'native');
  const purified = render(html, images, 'dompurify');
  return { native: native.innerHTML, dompurify: purified.innerHTML, hazards: hazards(native), purifyHazards: hazards(purified) };
}

globalThis.cardSanitizers = { compare, available: hasNativeSanitizer };
