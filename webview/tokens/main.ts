/**
 * Script of the "Show Tokens" and "Preview Chat Template" pages (`data-mode` on <main>). The host sends tokens, or a
 * model's chat templates and sample messages; this script draws them with DOM text only (no HTML from anywhere) and
 * asks the host to render the template again as the messages change. Every request is a typed message the host checks.
 */
import type { ChatMessage } from '../../src/tokens/core/files';
import type { TokenPiece } from '../../src/tokens/core/display';
import type { FromTokensPage, ToTokensPage } from '../../src/tokens/protocol';
import { el } from '../viewer/dom';
import { vsCodeApi } from '../vscodeApi';
import { groupedNumber } from '../../src/hub/format';

const vscode = vsCodeApi<FromTokensPage>();
const post = (message: FromTokensPage) => vscode.postMessage(message);
const main = document.getElementById('tokens') as HTMLElement;

const count = groupedNumber;
const countText = (n: number, context?: number) => (context ? `${count(n)} / ${count(context)} tokens` : `${count(n)} ${n === 1 ? 'token' : 'tokens'}`);

/** The tokens, on alternating backgrounds, ids on hover (and for screen readers), special tokens marked. */
function tokenStrip(pieces: readonly TokenPiece[]): HTMLElement {
  const strip = el('div', { className: 'strip' });
  strip.setAttribute('role', 'list');
  pieces.forEach((p, k) => {
    const span = el('span', { className: `tok t${k % 2}${p.special ? ' special' : ''}`, text: p.text === '' ? '∅' : p.text, title: `id ${p.id} · ${JSON.stringify(p.token)}${p.special ? ' · special token' : ''}` });
    span.setAttribute('role', 'listitem');
    span.dataset.id = String(p.id);
    strip.append(span);
    if (p.text.endsWith('↵')) {
      strip.append(el('br'));
    }
  });
  return strip;
}

function idsLine(pieces: readonly TokenPiece[]): HTMLElement {
  return el('details', {}, el('summary', { text: 'Token ids' }), el('pre', { className: 'ids', text: `[${pieces.map((p) => p.id).join(', ')}]` }));
}

function showError(message: string, retry: boolean): void {
  const box = el('div', { className: 'error' }, el('p', { text: message }));
  box.setAttribute('role', 'alert');
  if (retry) {
    const button = el('button', { text: 'Retry', className: 'primary' });
    button.addEventListener('click', () => post({ type: 'retry' }));
    box.append(button);
  }
  main.replaceChildren(box);
  main.removeAttribute('aria-busy');
}

function showTokens(m: Extract<ToTokensPage, { type: 'tokens' }>): void {
  const head = el(
    'header',
    { className: 'head' },
    el('h1', { text: m.model }),
    el('p', { className: 'facts', text: `${countText(m.count, m.contextLength)} in ${m.shownFrom}${m.truncated ? ` · the first ${count(m.pieces.length)} shown` : ''}` }),
  );
  main.replaceChildren(head, m.pieces.length ? tokenStrip(m.pieces) : el('p', { className: 'status', text: 'Nothing to tokenize: select some text, then run Show Tokens again.' }), idsLine(m.pieces));
  main.removeAttribute('aria-busy');
}

// ---- chat template page
let template = '';
let rendering: ReturnType<typeof setTimeout> | undefined;
let output: HTMLElement | undefined;
const fields: { role: ChatMessage['role']; area: HTMLTextAreaElement; use: HTMLInputElement }[] = [];
let generation: HTMLInputElement | undefined;

function requestRender(): void {
  clearTimeout(rendering);
  rendering = setTimeout(() => {
    const messages = fields.filter((f) => f.use.checked).map((f) => ({ role: f.role, content: f.area.value }));
    post({ type: 'render', template, messages, addGenerationPrompt: generation?.checked ?? true });
  }, 150);
}

function checkbox(label: string, checked: boolean): { box: HTMLInputElement; label: HTMLLabelElement } {
  const box = el('input');
  box.type = 'checkbox';
  box.checked = checked;
  box.addEventListener('change', requestRender);
  return { box, label: el('label', { className: 'check' }, box, document.createTextNode(` ${label}`)) };
}

function showTemplate(m: Extract<ToTokensPage, { type: 'template' }>): void {
  template = m.selected;
  fields.length = 0;
  const head = el('header', { className: 'head' }, el('h1', { text: m.model }), el('p', { className: 'facts', text: 'Chat template (tokenizer_config.json), rendered with the messages below.' }));
  const form = el('section', { className: 'messages' });
  if (m.templates.length > 1) {
    const select = el('select');
    select.setAttribute('aria-label', 'Template');
    m.templates.forEach((name) => {
      const option = el('option', { text: name });
      option.value = name;
      option.selected = name === m.selected;
      select.append(option);
    });
    select.addEventListener('change', () => {
      template = select.value;
      requestRender();
    });
    form.append(el('label', { className: 'field', text: 'Template ' }, select));
  }
  for (const message of m.messages) {
    const area = el('textarea');
    area.rows = 2;
    area.value = message.content;
    area.setAttribute('aria-label', `${message.role} message`);
    area.addEventListener('input', requestRender);
    const use = checkbox(message.role, true);
    fields.push({ role: message.role, area, use: use.box });
    form.append(el('div', { className: `message ${message.role}` }, use.label, area));
  }
  const gen = checkbox('add_generation_prompt', m.addGenerationPrompt);
  generation = gen.box;
  form.append(gen.label);
  output = el('section', { className: 'output' });
  output.setAttribute('aria-live', 'polite');
  main.replaceChildren(head, form, output);
  main.removeAttribute('aria-busy');
  requestRender();
}

function showRendered(m: Extract<ToTokensPage, { type: 'rendered' }>): void {
  output?.replaceChildren(el('h2', { text: `Prompt · ${countText(m.count, m.contextLength)}` }), el('pre', { className: 'prompt', text: m.prompt }), el('h2', { text: 'Tokens' }), tokenStrip(m.pieces));
}

function showRenderError(m: Extract<ToTokensPage, { type: 'renderError' }>): void {
  const box = el('div', { className: 'error', text: m.line ? `Template error on line ${m.line}: ${m.message}` : `Template error: ${m.message}` });
  box.setAttribute('role', 'alert');
  output?.replaceChildren(box);
}

window.addEventListener('message', (event: MessageEvent<ToTokensPage>) => {
  const m = event.data;
  switch (m?.type) {
    case 'tokens':
      return showTokens(m);
    case 'template':
      return showTemplate(m);
    case 'rendered':
      return showRendered(m);
    case 'renderError':
      return showRenderError(m);
    case 'error':
      return showError(m.message, m.retry);
  }
});

post({ type: 'ready' });
