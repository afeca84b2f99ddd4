/**
 * Script of a Try it page: the conversation (or the images) the host sends, a composer, the provider and the settings.
 * User text is shown as text; answers go through the card's markdown pipeline and sanitiser (./answer.ts). Clicks and
 * keys become typed messages (src/inference/protocol.ts), which the host validates. The state kept across reloads is
 * the model, its conversation, the settings and the provider.
 */
import type { CardLocation } from '../../src/cards/urls';
import { stopsFromField, type ChatSettings, type ChatTurn } from '../../src/inference/chat';
import type { FromTry, ImageAnswer, ToTry, TryAction, TryState } from '../../src/inference/protocol';
import type { ProviderChoice } from '../../src/inference/providers';
import { recordCspViolations } from '../cspReport';
import { actionButton, el } from '../dom';
import { installLinkStatus } from '../linkStatus';
import { vsCodeApi } from '../vscodeApi';
import { AnswerView, warmUp } from './answer';

type Saved = { model: string; turns: ChatTurn[]; settings: ChatSettings; provider: ProviderChoice };
const vscode = vsCodeApi<FromTry, Saved>();
const post = (message: FromTry) => vscode.postMessage(message);
const main = document.getElementById('try') as HTMLElement;

let state: TryState | undefined;
/** The answer streaming now, if any. */
let streaming: AnswerView | undefined;
const imageUrls: string[] = [];

function button(label: string, action: TryAction | 'send' | 'save', appearance: 'primary' | 'secondary' = 'secondary', id?: number): HTMLElement {
  const b = actionButton(label, action, appearance);
  if (id !== undefined) {b.dataset.id = String(id);}
  return b;
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = `f-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  control.id = id;
  const l = el('label', { text: label });
  l.htmlFor = id;
  return el('div', { className: 'field' }, l, control, ...(hint ? [el('span', { className: 'hint', text: hint })] : []));
}

function location(s: TryState): CardLocation {
  return { endpoint: s.endpoint, type: 'model', id: s.model, revision: 'main' };
}

function turnView(s: TryState, turn: ChatTurn): HTMLElement {
  const box = el('div', { className: `turn ${turn.role}` }, el('p', { className: 'who', text: turn.role === 'user' ? 'You' : 'Model' }));
  if (turn.role === 'user') {
    box.append(el('p', { className: 'user-text', text: turn.content }));
  } else {
    const answer = new AnswerView(location(s));
    const live = s.busy && turn === s.turns[s.turns.length - 1];
    if (live) {
      answer.set(turn.content);
      streaming = answer;
    } else {
      void answer.show(turn.content);
    }
    box.append(answer.element);
  }
  return box;
}

function imageView(image: ImageAnswer): HTMLElement {
  const bytes = Uint8Array.from(atob(image.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: image.mime }));
  imageUrls.push(url);
  const img = el('img');
  img.src = url;
  img.alt = `Image for: ${image.prompt}`;
  return el('figure', { className: 'image' }, img, el('figcaption', { text: image.prompt }), button('Save Image…', 'save', 'secondary', image.id));
}

function problemView(s: TryState): HTMLElement[] {
  const p = s.problem;
  if (!p) {return [];}
  const actions = el('div', { className: 'actions' });
  if (p.kind === 'signIn') {actions.append(button('Sign in', 'signIn', 'primary'));}
  if (p.retryable) {actions.append(button(p.kind === 'cut' ? 'Retry (continue the answer)' : 'Retry', 'retry', 'primary'));}
  const box = el('div', { className: 'problem', id: 'problem' }, el('p', { text: p.message }), actions);
  box.setAttribute('role', 'alert');
  return [box];
}

function settingsView(s: TryState): HTMLElement {
  const system = el('textarea', { className: 'system' });
  system.rows = 3;
  system.value = s.settings.system;
  system.placeholder = 'Optional instructions for the model';
  const temperature = el('input');
  Object.assign(temperature, { type: 'number', min: '0', max: '2', step: '0.1', placeholder: 'provider default', value: s.settings.temperature?.toString() ?? '' });
  const maxTokens = el('input');
  Object.assign(maxTokens, { type: 'number', min: '1', step: '1', placeholder: 'provider default', value: s.settings.maxTokens?.toString() ?? '' });
  const stop = el('input');
  Object.assign(stop, { type: 'text', placeholder: 'none', value: s.settings.stop.map((x) => x.split('\n').join('\\n')).join(', ') });
  const details = el(
    'details',
    { className: 'settings' },
    el('summary', { text: 'Settings' }),
    field('System prompt', system),
    el('div', { className: 'row' }, field('Temperature', temperature), field('Max tokens', maxTokens), field('Stop sequences', stop, 'comma-separated; \\n for a new line')),
  );
  details.open = !!(s.settings.system || s.settings.temperature !== undefined || s.settings.maxTokens !== undefined || s.settings.stop.length);
  return details;
}

function readSettings(): ChatSettings {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
  const number = (id: string) => (value(id).trim() === '' ? undefined : Number(value(id)));
  const temperature = number('f-temperature');
  const maxTokens = number('f-max-tokens');
  return { system: value('f-system-prompt'), ...(temperature !== undefined ? { temperature } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}), stop: stopsFromField(value('f-stop-sequences')) };
}

function providerSelect(s: TryState): HTMLSelectElement {
  const select = el('select');
  for (const o of s.providers) {
    const option = el('option', { text: o.detail ? `${o.label} (${o.detail})` : o.label });
    option.value = o.value;
    option.selected = o.value === s.provider;
    select.append(option);
  }
  return select;
}

function composerActions(s: TryState): HTMLElement {
  const buttons = el('div', { className: 'actions' });
  buttons.append(s.busy ? button('Stop', 'stop', 'primary') : button('Send', 'send', 'primary'));
  if (s.mode === 'chat') {buttons.append(button('Regenerate', 'regenerate'), button('Clear', 'clear'), button('Copy as code', 'copyCode'));}
  else {buttons.append(button('Clear', 'clear'));}
  buttons.append(button('Insert inference code…', 'insertCode'));
  return buttons;
}

function render(s: TryState): void {
  streaming = undefined;
  imageUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
  const chat = s.mode === 'chat';
  const header = el(
    'header',
    { className: 'card-header' },
    el('p', { className: 'kind', text: `Try it · ${chat ? 'Chat' : 'Text to image'} · Inference Providers` }),
    el('h1', { className: 'repo-id', text: s.model }),
    el('p', { className: 'billing', text: `Calls go through the Hugging Face router and are billed to ${s.signedIn ? 'your account' : 'the account you sign in with'}.` }),
  );
  const controls = el('div', { className: 'controls' }, field('Provider', providerSelect(s)), ...(chat ? [settingsView(s)] : []));
  const log = el('div', { className: 'log', id: 'log' });
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', chat ? 'Conversation' : 'Images');
  log.append(...(chat ? s.turns.map((t) => turnView(s, t)) : s.images.map(imageView)));
  if (!chat && s.busy) {log.append(el('p', { className: 'status', text: 'Making the image…' }));}
  const prompt = el('textarea', { className: 'prompt' });
  prompt.rows = 3;
  prompt.placeholder = chat ? 'Message the model (Enter sends, Shift+Enter for a new line)' : 'Describe the image (Enter sends)';
  prompt.setAttribute('aria-label', chat ? 'Message' : 'Prompt');
  main.replaceChildren(header, controls, ...problemView(s), log, el('div', { className: 'composer' }, prompt, composerActions(s)));
  main.setAttribute('aria-busy', s.busy ? 'true' : 'false');
  scrollToEnd();
}

/** The page scrolls (the composer stays at the bottom): its end shows the last turn. */
function scrollToEnd(): void {
  const page = document.scrollingElement;
  if (page) {
    page.scrollTop = page.scrollHeight;
  }
}

function save(s: TryState): void {
  vscode.setState({ model: s.model, turns: s.turns, settings: s.settings, provider: s.provider });
}

function send(): void {
  const prompt = main.querySelector<HTMLTextAreaElement>('textarea.prompt');
  const provider = main.querySelector<HTMLSelectElement>('#f-provider')?.value as ProviderChoice | undefined;
  if (!state || !prompt || !provider || prompt.value.trim() === '' || state.busy) {return;}
  post({ type: 'send', text: prompt.value, settings: state.mode === 'chat' ? readSettings() : state.settings, provider });
  prompt.value = '';
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as ToTry | undefined;
  if (!message || typeof message !== 'object') {return;}
  if (message.type === 'state') {
    const first = !state;
    state = message.state;
    if (first) {
      const where = location(state);
      setTimeout(() => warmUp(where), 0);
    }
    document.title = `${state.model} · Try it`;
    render(state);
    save(state);
    if (!state.busy) {main.querySelector<HTMLTextAreaElement>('textarea.prompt')?.focus();}
  } else if (message.type === 'delta' && streaming && state) {
    streaming.append(message.text);
    const last = state.turns[state.turns.length - 1];
    if (last?.role === 'assistant') {last.content = streaming.value;}
    // Follows the answer while the reader is at the end; one who scrolled up to read stays where they are.
    const page = document.scrollingElement;
    if (page && page.scrollHeight - page.scrollTop - page.clientHeight < 160) {
      scrollToEnd();
    }
  } else if (message.type === 'done' && state) {
    // The answer stays as it was streamed (rendering it again would be one long task for a long answer).
    state = { ...state, busy: false, ...(message.problem ? { problem: message.problem } : {}) };
    void streaming?.finish();
    streaming = undefined;
    document.getElementById('problem')?.remove();
    main.querySelector('.log')?.before(...problemView(state));
    main.querySelector('.composer .actions')?.replaceWith(composerActions(state));
    main.setAttribute('aria-busy', 'false');
    save(state);
    main.querySelector<HTMLTextAreaElement>('textarea.prompt')?.focus();
  }
});

function onClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const host = target?.closest<HTMLElement>('[data-action]');
  if (host?.dataset.action) {
    event.preventDefault();
    const action = host.dataset.action;
    if (action === 'send') {send();}
    else if (action === 'save') {post({ type: 'saveImage', id: Number(host.dataset.id) });}
    else {post({ type: 'action', action: action as TryAction });}
    return;
  }
  const link = target?.closest('a');
  if (link) {
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (/^(?:https?|mailto):/i.test(href)) {post({ type: 'openLink', href });}
  }
}
window.addEventListener('click', onClick, true);
window.addEventListener('keydown', (event) => {
  const onPrompt = event.target instanceof HTMLTextAreaElement && event.target.classList.contains('prompt');
  if (onPrompt && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  } else if (event.key === 'Escape' && state?.busy) {
    post({ type: 'action', action: 'stop' });
  }
});

recordCspViolations();
installLinkStatus(() => state?.endpoint);
post({ type: 'ready' });
