/**
 * A model card's "Inference Providers" section: who serves the model, for which task, at which status, under which id at
 * the provider, with the actions that use them. Every field is Hub text and goes in as text.
 */
import type { CardHeader } from '../src/cards/model';
import type { CardAction } from '../src/webviews/protocol';
import { el } from './dom';

const STATUS_TEXT: Record<string, string> = { live: 'Live', staging: 'Staging (for tests)', error: 'Error' };

function cell(tag: 'td' | 'th', text: string, className?: string): HTMLTableCellElement {
  const node = el(tag, { text, className });
  if (tag === 'th') {
    node.scope = 'col';
  }
  return node;
}

/** The section, or nothing for a model no provider serves. `button` makes the page's action buttons. */
export function providersSection(h: CardHeader, button: (label: string, action: CardAction, appearance?: 'primary' | 'secondary') => HTMLElement): HTMLElement[] {
  const providers = h.providers ?? [];
  if (h.type !== 'model' || providers.length === 0) {
    return [];
  }
  const section = el('section', { className: 'providers' });
  section.setAttribute('aria-labelledby', 'providers-title');
  const heading = el('h2', { text: 'Inference Providers', id: 'providers-title' });
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  head.append(cell('th', 'Provider'), cell('th', 'Task'), cell('th', 'Status'), cell('th', 'Model id at the provider'));
  const body = table.createTBody();
  for (const p of providers) {
    const row = body.insertRow();
    row.append(cell('td', p.name), cell('td', p.task.replace(/-/g, ' ')), cell('td', STATUS_TEXT[p.status] ?? p.status, `provider-status ${p.status}`), cell('td', p.providerId, 'provider-id'));
    if (!p.known) {
      row.title = 'This version of the extension cannot call this provider yet.';
    }
  }
  const serving = providers.filter((p) => p.status !== 'error').length;
  const note = el('p', { className: 'note', text: `Served by ${serving} of ${providers.length} listed provider${providers.length === 1 ? '' : 's'}. Calls go through the Hugging Face router and are billed to the signed-in account.` });
  const actions = el('div', { className: 'actions' });
  if (providers.some((p) => p.known && p.status !== 'error' && (p.task === 'conversational' || p.task === 'text-to-image'))) {
    actions.append(button('Try it', 'tryModel', 'primary'));
  }
  actions.append(button('Insert inference code…', 'inferenceCode'));
  section.append(heading, note, table, actions);
  return [section];
}
