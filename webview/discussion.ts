/**
 * Script of a discussion or pull request page. The host sends the checked thread as data; this script shows the head
 * with DOM APIs (text only) and renders each comment's markdown with the card's markdown-it and sanitiser
 * (cardHtml.ts: no script, no event handler, links checked, no image loaded), a few comments per task so a long
 * thread never blocks the page. Status and title changes and commits are small lines. Clicks become typed messages.
 */
import { SlugCounter } from '../src/cards/anchors';
import { createCardMarkdown } from '../src/cards/markdown';
import type { CardLocation } from '../src/cards/urls';
import { kindText, statusText } from '../src/discussions/labels';
import type { DiscussionEvent, DiscussionThread } from '../src/discussions/types';
import type { DiscussionAction, DiscussionState, FromDiscussion, ToDiscussion } from '../src/discussions/protocol';
import { age } from '../src/hub/format';
import { readmePiece, sanitizeCard, scrollToAnchor } from './cardHtml';
import { recordCspViolations } from './cspReport';
import { actionButton, el, status } from './dom';
import { installLinkStatus } from './linkStatus';
import { vsCodeApi } from './vscodeApi';

const vscode = vsCodeApi<FromDiscussion, DiscussionState>();
const post = (message: FromDiscussion) => vscode.postMessage(message);
const md = createCardMarkdown();
const main = document.getElementById('discussion') as HTMLElement;
let endpoint: string | undefined;
/** Bumped by every message, so a long render of an older thread stops. */
let generation = 0;

const button = (label: string, action: DiscussionAction, appearance?: 'primary' | 'secondary') => actionButton(label, action, appearance);

function when(iso: string | undefined, now: Date): HTMLElement {
  const t = el('time', { text: iso ? `${age(new Date(iso), now) ?? ''} ago`.replace(/^now ago$/, 'just now') : '' });
  if (iso) {
    t.dateTime = iso;
    t.title = new Date(iso).toUTCString();
  }
  return t;
}

function eventLine(e: Exclude<DiscussionEvent, { kind: 'comment' }>, now: Date): HTMLElement {
  const text =
    e.kind === 'status'
      ? `${e.author} changed the status to ${statusText(e.status).toLowerCase()}`
      : e.kind === 'title'
        ? `${e.author} changed the title from “${e.from}” to “${e.to}”`
        : `${e.author} added a commit: ${e.subject} (${e.oid.slice(0, 7)})`;
  return el('p', { className: `event event-${e.kind}` }, el('span', { text }), ' · ', when(e.createdAt, now));
}

function commentBox(e: Extract<DiscussionEvent, { kind: 'comment' }>, now: Date, location: CardLocation, slugs: SlugCounter): HTMLElement {
  const head = el('header', { className: 'comment-head' }, el('strong', { className: 'author', text: e.author }), ' · ', when(e.createdAt, now));
  if (e.edited) {
    head.append(el('span', { className: 'edited', text: ' · edited' }));
  }
  const box = el('article', { className: 'comment' }, head);
  if (e.hidden) {
    box.classList.add('hidden-comment');
    box.append(el('p', { className: 'hidden-note', text: 'This comment has been hidden' }));
    return box;
  }
  const body = el('div', { className: 'comment-body markdown-body' });
  body.append(readmePiece(sanitizeCard(md.render(e.text), location, 'none', slugs)));
  box.append(body);
  if (e.cut) {
    box.append(el('p', { className: 'cut-note', text: 'This comment is longer than 1 MB: the rest is on the Hub.' }));
  }
  return box;
}

async function showThread(message: Extract<ToDiscussion, { type: 'thread' }>, mine: number): Promise<void> {
  const { thread, repo } = message;
  endpoint = message.endpoint;
  const now = new Date(message.now);
  const location: CardLocation = { endpoint: message.endpoint, type: repo.type, id: repo.id, revision: 'main' };
  document.title = `#${thread.num} ${thread.title}`;
  main.replaceChildren(head(thread, repo.id, now));
  const list = el('section', { className: 'events' });
  list.setAttribute('aria-label', 'Comments and changes');
  main.append(list);
  const slugs = new SlugCounter();
  let start = performance.now();
  for (const e of thread.events) {
    if (mine !== generation) {
      return;
    }
    list.append(e.kind === 'comment' ? commentBox(e, now, location, slugs) : eventLine(e, now));
    if (performance.now() - start > 30) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      start = performance.now();
    }
  }
  if (thread.skippedEvents) {
    list.append(el('p', { className: 'event', text: `${thread.skippedEvents} more event(s) are not shown here; the whole thread is on the Hub.` }));
  }
  main.append(el('p', { className: 'actions' }, button('Open on huggingface.co', 'openOnHub', 'primary')));
  main.setAttribute('aria-busy', 'false');
}

function head(thread: DiscussionThread, id: string, now: Date): HTMLElement {
  const badge = el('span', { className: `badge status-${thread.status}`, text: statusText(thread.status) });
  const facts = el('p', { className: 'facts' }, badge, ' ', el('span', { text: `${kindText(thread.isPullRequest)} #${thread.num} of ${id}` }), ' · opened by ', el('strong', { text: thread.author }), ' · ', when(thread.createdAt, now));
  if (thread.targetBranch) {
    facts.append(` · into ${thread.targetBranch}`);
  }
  const header = el('header', { className: 'discussion-header' }, el('h1', { text: thread.title }), facts, el('p', { className: 'actions' }, button('Open on huggingface.co', 'openOnHub')));
  return header;
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as ToDiscussion | undefined;
  if (!message || typeof message !== 'object') {
    return;
  }
  const mine = ++generation;
  // All a reload needs to show this thread again (src/discussions/protocol.ts parseDiscussionState).
  vscode.setState({ type: message.repo.type, id: message.repo.id, num: message.type === 'thread' ? message.thread.num : message.num });
  switch (message.type) {
    case 'loading':
      document.title = `#${message.num} · ${message.repo.id}`;
      main.setAttribute('aria-busy', 'true');
      main.replaceChildren(el('h1', { text: `#${message.num} · ${message.repo.id}` }), status('Loading the discussion…'));
      break;
    case 'thread':
      void showThread(message, mine);
      break;
    case 'error':
      main.setAttribute('aria-busy', 'false');
      main.replaceChildren(
        el('h1', { text: `#${message.num} · ${message.repo.id}` }),
        status(message.message, 'alert'),
        el('p', { className: 'actions' }, ...(message.retryable ? [button('Retry', 'retry', 'primary')] : []), button('Open on huggingface.co', 'openOnHub')),
      );
      break;
  }
});

/** Every click on a link or an action is ours; the host checks a link again before it opens it. */
function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : event.target instanceof Node ? event.target.parentElement : null;
  const actionHost = target?.closest<HTMLElement>('[data-action]');
  if (actionHost?.dataset.action) {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type === 'click') {
      post({ type: 'action', action: actionHost.dataset.action as DiscussionAction });
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
