/**
 * Script of a model, dataset or Space card. The host sends the repo's details and README text as data; this script
 * renders the header with DOM APIs (text only), parses the README with markdown-it, sanitises the HTML with DOMPurify
 * (cardHtml.ts) and shows it, a piece per task so a long README never blocks the page (chunks.ts). Clicks become typed
 * messages: fixed actions, or links the host checks and opens. The only state kept across reloads is `{type, id}`.
 */
import { SlugCounter } from '../src/cards/anchors';
import { createCardMarkdown } from '../src/cards/markdown';
import type { CardData, CardHeader } from '../src/cards/model';
import { prepareReadme } from '../src/cards/prepare';
import type { RepoRef } from '../src/cards/repoRef';
import { CARD_RENDER_LIMIT_BYTES } from '../src/cards/truncate';
import { age, compactNumber } from '../src/hub/format';
import type { CardAction, FromCard, ToCard } from '../src/webviews/protocol';
import { appendReadmePiece, continuedHtml, sanitizeCard, scrollToAnchor } from './cardHtml';
import { renderChunked } from './chunks';
import { providersSection } from './providers';
import { collectionsSection, discussionsSection, likeLabel, modelTreeSection, papersSection, runtimeSection, showDerived, showDiscussions, showLiked, showRuntime, showSection } from './connections';
import { recordCspViolations } from './cspReport';
import { actionButton, el, status } from './dom';
import { installLinkStatus } from './linkStatus';
import { MathTypesetter } from './math/loader';
import { vsCodeApi } from './vscodeApi';

// Kept in this module's closure, never on window (a card's `id="acquireVsCodeApi"` is prefixed anyway).
const vscode = vsCodeApi<FromCard, RepoRef>();
const post = (message: FromCard) => vscode.postMessage(message);
const md = createCardMarkdown();
const main = document.getElementById('card') as HTMLElement;
const math = new MathTypesetter(
  main.dataset.mathScript && main.dataset.mathStyle
    ? { script: main.dataset.mathScript, style: main.dataset.mathStyle, nonce: (document.currentScript as HTMLScriptElement | null)?.nonce ?? '' }
    : undefined,
);

const KIND: Record<RepoRef['type'], string> = { model: 'Model', dataset: 'Dataset', space: 'Space' };

// ---------------------------------------------------------------------------------------------------------------
// Small DOM helpers (./dom.ts): every string from the Hub goes in as text.

const button = (label: string, action: CardAction, appearance?: 'primary' | 'secondary') => actionButton(label, action, appearance);

function title(ref: RepoRef): HTMLElement {
  return el('header', { className: 'card-header' }, el('p', { className: 'kind', text: KIND[ref.type] }), el('h1', { className: 'repo-id', text: ref.id }));
}

function show(...children: Node[]): void {
  main.replaceChildren(...children);
}

// ---------------------------------------------------------------------------------------------------------------
// Header

function fact(label: string, value: string | undefined, detail?: string): HTMLElement[] {
  if (!value) {
    return [];
  }
  const dd = el('dd', { text: value });
  if (detail) {
    dd.title = detail;
  }
  return [el('div', { className: 'fact' }, el('dt', { text: label }), dd)];
}

/** The GGUF fact: the file's own header once the host has read it, else the Hub's summary. */
function ggufFact(h: CardHeader): HTMLElement[] {
  const [node] = h.ggufHeader ? fact('GGUF', h.ggufHeader.line, `Read from the header of ${h.ggufHeader.file}`) : fact('GGUF', h.gguf, 'As the Hub summarises the header');
  if (node) {
    node.id = 'gguf-fact';
  }
  return node ? [node] : [];
}

/** What a gated repo means for this user: the auth-check's answer when there is one, else how access is granted. */
function gatedText(h: CardHeader): string {
  switch (h.access) {
    case 'granted':
      return 'Gated: you have access';
    case 'signIn':
      return 'Gated: sign in with an account that has access to use its files';
    case 'request':
      return 'Gated: your account has no access yet; request it on the Hub';
    default:
      return `Gated: ${h.gated === 'manual' ? 'access is granted by the authors' : 'access is granted on request'}`;
  }
}

function headerView(h: CardHeader): HTMLElement {
  const header = title(h);
  const states: HTMLElement[] = [];
  if (h.gated) {
    states.push(el('span', { className: 'state gated', text: gatedText(h) }));
  }
  if (h.private) {
    states.push(el('span', { className: 'state private', text: 'Private' }));
  }
  if (states.length) {
    header.append(el('p', { className: 'states' }, ...states));
  }

  const updated = h.lastModified ? new Date(h.lastModified) : undefined;
  const valid = updated && !Number.isNaN(updated.getTime()) ? updated : undefined;
  const facts = el(
    'dl',
    { className: 'facts' },
    ...fact('Author', h.author),
    ...fact(h.type === 'space' ? 'SDK' : 'Task', h.type === 'space' ? [h.sdk, h.runtime ? undefined : h.stage?.toLowerCase()].filter(Boolean).join(' · ') : h.task?.replace(/-/g, ' ')),
    ...fact('Library', h.library),
    ...fact('License', h.license),
    ...fact('Downloads', h.downloads === undefined ? undefined : compactNumber(h.downloads), h.downloads?.toLocaleString()),
    ...fact('Likes', compactNumber(h.likes), h.likes.toLocaleString()),
    ...fact('Parameters', h.params === undefined ? undefined : compactNumber(h.params), h.params?.toLocaleString()),
    ...ggufFact(h),
    ...fact('In your cache', h.cached),
    ...fact('Updated', valid ? `${valid.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} (${age(valid)} ago)` : undefined),
  );
  header.append(facts);

  const actions = el('div', { className: 'actions' });
  // Without access, getting it is the first thing to do; the snippet still goes in, with a note about the gate.
  const needsAccess = h.access === 'signIn' || h.access === 'request';
  if (h.access === 'signIn') {
    actions.append(button('Sign in', 'signIn', 'primary'), button('Request access', 'requestAccess'));
  } else if (h.access === 'request') {
    actions.append(button('Request access', 'requestAccess', 'primary'));
  }
  const snippetLook = needsAccess ? 'secondary' : 'primary';
  if (h.snippets.includes('transformers')) {
    actions.append(button('Insert transformers snippet', 'insertTransformers', snippetLook));
  }
  if (h.snippets.includes('diffusers')) {
    actions.append(button('Insert diffusers snippet', 'insertDiffusers', snippetLook));
  }
  if (h.type === 'model') {
    actions.append(button('Use this model…', 'useModel'), button('Count Tokens', 'chooseTokenizer'));
  }
  if (h.type === 'dataset') {
    actions.append(button('Open Dataset Viewer', 'openDatasetViewer'));
  }
  const like = button(likeLabel(h.liked), 'like');
  like.setAttribute('aria-pressed', String(h.liked === true));
  actions.append(like, button('Download…', 'download'), button('Copy id', 'copyId'), button('Open on huggingface.co', 'openOnHub'), button('Show files', 'showFiles'));
  header.append(actions);

  if (h.tags.length) {
    const list = el('ul', { className: 'tags' });
    list.setAttribute('aria-label', 'Tags');
    for (const tag of h.tags) {
      list.append(el('li', {}, el('span', { className: 'tag', text: tag })));
    }
    if (h.moreTags > 0) {
      list.append(el('li', { className: 'more', text: `+${h.moreTags} more` }));
    }
    header.append(list);
  }
  header.append(...providersSection(h, button), ...modelTreeSection(h, post), ...runtimeSection(h, button), ...papersSection(h, post), ...collectionsSection(h, post), discussionsSection(post));
  return header;
}

// ---------------------------------------------------------------------------------------------------------------
// README

function note(text: string, ...extra: Node[]): HTMLElement {
  const p = el('p', { className: 'note', text }, ...extra);
  p.setAttribute('role', 'note');
  return p;
}

function hubLink(url: string, text: string): HTMLAnchorElement {
  const a = el('a', { text });
  a.href = url;
  return a;
}

/** The README's article: a note when there is no text to show, else empty with the markdown still to render into it. */
function readmeView(card: CardData): { article: HTMLElement; markdown?: string; after?: HTMLElement } {
  const article = el('article', { className: 'readme' });
  article.setAttribute('aria-label', 'README');
  const readme = card.readme;
  const what = KIND[card.header.type].toLowerCase();
  if (readme.kind === 'missing') {
    article.append(note(`This ${what} has no README, so there is no card to show: the details above come from the Hub.`));
  } else if (readme.kind === 'gated') {
    article.append(note(`${readme.message} `, hubLink(card.header.pageUrl, 'Open the repo on huggingface.co')));
  } else if (readme.kind === 'unavailable') {
    article.append(note(`The README could not be loaded: ${readme.message}`), el('div', { className: 'actions' }, button('Retry', 'retry')));
  } else {
    const prepared = prepareReadme(readme.markdown, { alreadyCut: readme.cut });
    if (prepared.truncated) {
      const limit = `${Math.round(CARD_RENDER_LIMIT_BYTES / 1024 / 1024)} MB`;
      const cut = () => note(`This README is longer than ${limit}, so only its beginning is shown. `, hubLink(card.header.pageUrl, 'Read the whole card on huggingface.co'));
      article.append(cut());
      return { article, markdown: prepared.body, after: cut() };
    } else if (prepared.body.trim() === '') {
      article.append(note(`This ${what}'s README has no text besides its metadata.`));
    } else {
      return { article, markdown: prepared.body };
    }
  }
  return { article };
}

/** Bumped by every message that replaces the card, so a README still rendering in pieces stops adding to it. */
let generation = 0;
/** The Hub the card shown was read from: the status line judges its links against it. */
let endpoint: string | undefined;

/** The card on the page, while it is there. */
let shown: CardData | undefined;

/** Puts what the card's GGUF file header says in the GGUF fact, when that card is still the one shown. */
function showGgufHeader(file: string, line: string): void {
  if (!shown || shown.header.ggufFile !== file) {
    return;
  }
  shown.header.ggufHeader = { file, line };
  const [updated] = ggufFact(shown.header);
  const current = document.getElementById('gguf-fact');
  if (current) {
    current.replaceWith(updated);
  } else {
    main.querySelector('dl.facts')?.append(updated);
  }
}

function showCard(card: CardData): void {
  shown = card;
  const current = generation;
  const header = headerView(card.header);
  const notice = card.notice ? [el('p', { className: 'notice', text: card.notice }, ...(card.noticeRetry ? [button('Retry', 'retry')] : []))] : [];
  main.setAttribute('aria-busy', 'true');
  show(...notice, header, status('Rendering the card…'));
  // Let "Rendering…" paint before a long README is parsed; the README then goes in a piece per task (webview/chunks.ts)
  // and "Rendering…" stays until the first piece is in.
  setTimeout(() => {
    if (current !== generation) {
      return;
    }
    const started = performance.now();
    const { article, markdown, after } = readmeView(card);
    const page = () => show(...notice, header, el('hr', { className: 'divider' }), article);
    const finish = () => {
      if (after) {
        article.append(after);
      }
      main.setAttribute('aria-busy', 'false');
      post({ type: 'rendered', ms: performance.now() - started });
    };
    if (markdown === undefined) {
      page();
      finish();
      return;
    }
    const slugs = new SlugCounter();
    void renderChunked(md, markdown, {
      append: (html, first, inside) => {
        const piece = sanitizeCard(continuedHtml(html, inside), card.location, card.images, slugs);
        math.add(piece);
        appendReadmePiece(article, piece, inside);
        if (first) {
          page();
        }
      },
      cancelled: () => current !== generation,
    }).then((complete) => {
      if (complete) {
        finish();
      }
    });
  }, 0);
}

function showError(message: Extract<ToCard, { type: 'error' }>): void {
  const actions = el('div', { className: 'actions' });
  if (message.retryable) {
    actions.append(button('Retry', 'retry', 'primary'));
  }
  if (message.signIn) {
    actions.append(button('Sign in', 'signIn'));
  }
  actions.append(button('Open on huggingface.co', 'openOnHub'));
  show(title(message.repo), status(message.message, 'alert'), actions);
  main.setAttribute('aria-busy', 'false');
}

// ---------------------------------------------------------------------------------------------------------------
// Messages and clicks

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as ToCard | undefined;
  if (!message || typeof message !== 'object') {
    return;
  }
  if (message.type === 'ggufHeader') {
    showGgufHeader(message.file, message.line);
    return;
  }
  if (message.type === 'discussions') {
    showDiscussions(message, post);
    return;
  }
  if (message.type === 'runtime' || message.type === 'modelTree' || message.type === 'papers' || message.type === 'collections' || message.type === 'liked') {
    // Connections asked for after the card was sent (webview/connections.ts), shown in place.
    if (shown && message.type === 'runtime') {
      shown.header.runtime = message.runtime;
      showRuntime(message.runtime, button);
    } else if (shown && message.type === 'modelTree') {
      shown.header.derived = message.counts;
      showDerived(shown.header, post, main.querySelector('header.card-header'));
    } else if (shown && message.type === 'papers') {
      shown.header.papers = message.papers;
      showSection('papers', papersSection(shown.header, post), main.querySelector('header.card-header'));
    } else if (shown && message.type === 'collections') {
      shown.header.collections = message.collections;
      showSection('collections', collectionsSection(shown.header, post), main.querySelector('header.card-header'));
    } else if (shown && message.type === 'liked') {
      shown.header.liked = message.liked;
      shown.header.likes = message.likes;
      showLiked(message.liked, compactNumber(message.likes), message.error);
    }
    return;
  }
  generation++;
  shown = undefined;
  switch (message.type) {
    case 'loading':
      vscode.setState({ type: message.repo.type, id: message.repo.id });
      document.title = message.repo.id;
      main.setAttribute('aria-busy', 'true');
      show(title(message.repo), status('Loading the card…'));
      break;
    case 'card':
      endpoint = message.card.location.endpoint;
      vscode.setState({ type: message.card.header.type, id: message.card.header.id });
      document.title = message.card.header.id;
      showCard(message.card);
      break;
    case 'error':
      vscode.setState({ type: message.repo.type, id: message.repo.id });
      showError(message);
      break;
  }
});

/**
 * Every click on a link or an action is ours: VS Code's own webview link handling never sees it. `#` links scroll;
 * other links were resolved and filtered when the card was sanitised, and the host checks them again before opening.
 */
function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : event.target instanceof Node ? event.target.parentElement : null;
  const actionHost = target?.closest<HTMLElement>('[data-action]');
  if (actionHost?.dataset.action) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type === 'click') {
      post({ type: 'action', action: actionHost.dataset.action as CardAction });
    }
    return;
  }
  const link = target?.closest('a');
  if (!link) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    scrollToAnchor(href.slice(1));
  } else if (/^(?:https?|mailto):/i.test(href) && (event.type === 'click' || event.button === 1)) {
    post({ type: 'openLink', href });
  }
}
window.addEventListener('click', onClick, true);
window.addEventListener('auxclick', onClick, true);

recordCspViolations();
installLinkStatus(() => endpoint);
post({ type: 'ready' });
