/**
 * A card's connections to other repos: the model tree (the base models, each opening its card, and how many models
 * derive from this one, each count listing them in the Models view) and a Space's runtime (stage, hardware, sleep
 * time, error, Open app). Updated in place when the host sends counts or a new runtime. Every Hub string goes in as text.
 */
import { RELATION_PLURAL, RELATION_SINGULAR, RELATIONS, type Relation } from '../src/connections/modelTree';
import type { PaperView } from '../src/connections/papers';
import type { RuntimeView } from '../src/connections/runtime';
import type { CardHeader } from '../src/cards/model';
import type { CardAction, FromCard, ToCard } from '../src/webviews/protocol';
import { el, status } from './dom';

type Button = (label: string, action: CardAction, appearance?: 'primary' | 'secondary') => HTMLElement;

function section(id: string, heading: string): HTMLElement {
  const node = el('section', { className: `connections ${id}`, id });
  node.setAttribute('aria-labelledby', `${id}-title`);
  const h2 = el('h2', { text: heading, id: `${id}-title` });
  node.append(h2);
  return node;
}

/** A button that looks like a link and says what it opens; the host checks what it is asked to open. */
function linkButton(text: string, message: FromCard, post: (m: FromCard) => void, label?: string): HTMLButtonElement {
  const b = el('button', { className: 'link-button', text });
  b.type = 'button';
  if (label) {
    b.setAttribute('aria-label', label);
  }
  b.addEventListener('click', () => post(message));
  return b;
}

function derivedList(h: CardHeader, post: (m: FromCard) => void): HTMLElement {
  const list = el('ul', { className: 'derived' });
  list.setAttribute('aria-label', 'Models derived from this one');
  const counts = h.derived ?? {};
  const present = RELATIONS.filter((r): r is Relation => counts[r] !== undefined);
  for (const relation of present) {
    const count = counts[relation] as string;
    const item = el('li');
    item.append(linkButton(`${RELATION_PLURAL[relation]} ${count}`, { type: 'showRelated', relation }, post, `${RELATION_PLURAL[relation]}: ${count} models; list them in the Models view`));
    list.append(item);
  }
  return list;
}

/** The model tree section, or nothing for a model with no base and nothing counted yet. */
export function modelTreeSection(h: CardHeader, post: (m: FromCard) => void): HTMLElement[] {
  const bases = h.baseModels ?? [];
  if (h.type !== 'model' || (bases.length === 0 && !h.derived)) {
    return [];
  }
  const node = section('model-tree', 'Model tree');
  if (bases.length) {
    const list = el('ul', { className: 'bases' });
    list.setAttribute('aria-label', 'Base models');
    for (const base of bases) {
      const item = el('li');
      item.append(el('span', { className: 'relation', text: base.relation ? `${RELATION_SINGULAR[base.relation]} of ` : 'Based on ' }), linkButton(base.id, { type: 'openRepo', repo: { type: 'model', id: base.id } }, post, `Open the card of ${base.id}`));
      list.append(item);
    }
    node.append(list);
  }
  node.append(derivedList(h, post));
  return [node];
}

/** Replaces the counts of the shown model tree (adding the section if the model had no base). */
export function showDerived(h: CardHeader, post: (m: FromCard) => void, header: HTMLElement | null): void {
  const existing = document.getElementById('model-tree');
  if (existing) {
    existing.querySelector('ul.derived')?.replaceWith(derivedList(h, post));
  } else {
    header?.append(...modelTreeSection(h, post));
  }
}

function runtimeBody(runtime: RuntimeView, button: Button): HTMLElement[] {
  const facts = el('dl', { className: 'facts' });
  for (const { label, value } of runtime.facts) {
    facts.append(el('dt', { text: label }), el('dd', { className: label === 'Stage' ? `stage ${runtime.stage.toLowerCase()}` : '', text: value }));
  }
  const parts: HTMLElement[] = [facts];
  if (runtime.error) {
    const error = el('pre', { className: 'runtime-error', text: runtime.error });
    error.setAttribute('aria-label', 'Error message');
    parts.push(error);
  }
  if (runtime.appUrl) {
    const actions = el('div', { className: 'actions' });
    actions.append(button('Open app', 'openApp', 'primary'), button('Open app in VS Code', 'openAppInEditor'));
    const address = el('p', { className: 'note', text: runtime.appUrl });
    parts.push(actions, address);
  }
  return parts;
}

/** A Space's runtime section: stage, hardware, sleep time, error, and Open app while it runs. */
export function runtimeSection(h: CardHeader, button: Button): HTMLElement[] {
  if (h.type !== 'space' || !h.runtime) {
    return [];
  }
  const node = section('space-runtime', 'Runtime');
  node.setAttribute('aria-live', 'polite');
  node.append(...runtimeBody(h.runtime, button));
  return [node];
}

/** Shows a runtime the host asked for again, in place. */
export function showRuntime(runtime: RuntimeView, button: Button): void {
  const node = document.getElementById('space-runtime');
  if (node) {
    node.replaceChildren(node.querySelector('h2') ?? el('h2', { text: 'Runtime' }), ...runtimeBody(runtime, button));
  }
}

const CITING = [
  ['model', 'Models'],
  ['dataset', 'Datasets'],
  ['space', 'Spaces'],
] as const;

function paperItem(paper: PaperView, post: (m: FromCard) => void): HTMLElement {
  const item = el('li', { className: 'paper' });
  item.append(linkButton(paper.title ?? `arXiv:${paper.id}`, { type: 'openLink', href: paper.url ?? '' }, post), el('div', { className: 'note', text: paper.line }));
  if (paper.summary) {
    item.append(el('details', {}, el('summary', { text: 'Abstract' }), el('p', { className: 'abstract', text: paper.summary })));
  }
  const citing = el('div', { className: 'citing' });
  for (const [repoType, plural] of CITING) {
    citing.append(linkButton(`${plural} citing it`, { type: 'showCiting', paper: paper.id, repoType }, post));
  }
  item.append(citing);
  return item;
}

/** The papers a card cites (its `arxiv:` tags), described once the host has read their pages. */
export function papersSection(h: CardHeader, post: (m: FromCard) => void): HTMLElement[] {
  if (!h.papers?.length) {
    return [];
  }
  const node = section('papers', 'Papers');
  const list = el('ul', { className: 'papers' });
  list.append(...h.papers.map((p) => paperItem(p, post)));
  node.append(list);
  return [node];
}

/** Puts a section the host sent after the card in place of the one shown, or adds it to the header. */
export function showSection(id: string, fresh: HTMLElement[], header: HTMLElement | null): void {
  const existing = document.getElementById(id);
  if (existing) {
    existing.replaceWith(...fresh);
  } else {
    header?.append(...fresh);
  }
}

/** The first few collections that hold the repo; each opens in "Show Collection". */
export function collectionsSection(h: CardHeader, post: (m: FromCard) => void): HTMLElement[] {
  if (!h.collections?.length) {
    return [];
  }
  const node = section('collections', 'In collections');
  const list = el('ul', { className: 'derived' });
  for (const c of h.collections) {
    const item = el('li');
    item.append(linkButton(c.title, { type: 'openCollection', slug: c.slug }, post));
    if (c.owner) {
      item.append(el('span', { className: 'relation', text: ` by ${c.owner}` }));
    }
    list.append(item);
  }
  node.append(list);
  return [node];
}

export function likeLabel(liked: boolean | undefined): string {
  return liked ? '♥ Liked' : '♡ Like';
}

/** Shows whether the account likes the repo, its count, and why a Like or Unlike was refused. */
export function showLiked(liked: boolean, likes: string, error: string | undefined): void {
  const b = document.querySelector<HTMLElement>('[data-action="like"]');
  if (b) {
    b.textContent = likeLabel(liked);
    b.setAttribute('aria-pressed', String(liked));
  }
  const count = [...document.querySelectorAll('dt')].find((dt) => dt.textContent === 'Likes')?.nextElementSibling;
  if (count) {
    count.textContent = likes;
  }
  document.getElementById('like-error')?.remove();
  if (error) {
    const p = status(error, 'alert');
    p.id = 'like-error';
    b?.parentElement?.after(p);
  }
}

/** The repo's Discussions and pull requests, read only when the section is opened (one request a page). */
export function discussionsSection(post: (m: FromCard) => void): HTMLElement {
  const node = el('details', { className: 'connections', id: 'discussions' }, el('summary', { text: 'Discussions and pull requests' }), el('ul', { className: 'threads' }));
  node.addEventListener('toggle', () => {
    if (node.open && !node.dataset.read) {
      node.dataset.read = '1';
      node.append(status('Loading…'));
      post({ type: 'discussions', page: 0 });
    }
  });
  return node;
}

/** Adds a page of threads the host read, with "Load more…", or what the host says (nothing yet, a failure and Retry). */
export function showDiscussions(message: Extract<ToCard, { type: 'discussions' }>, post: (m: FromCard) => void): void {
  const node = document.getElementById('discussions');
  node?.querySelectorAll(':scope > p, :scope > button').forEach((n) => n.remove());
  for (const row of message.rows) {
    node?.querySelector('ul')?.append(el('li', {}, linkButton(row.title, { type: 'openDiscussion', num: row.num }, post), el('div', { className: 'note', text: row.line })));
  }
  if (message.note) {
    node?.append(status(message.note, message.error ? 'alert' : 'status'));
  }
  if (message.error || message.more) {
    node?.append(linkButton(message.error ? 'Retry' : 'Load more…', { type: 'discussions', page: message.page + (message.error ? 0 : 1) }, post));
  }
}
