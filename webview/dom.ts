// DOM helpers shared by the pages: every string goes in as text, never as HTML.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; title?: string; id?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) {
    node.className = props.className;
  }
  if (props.id) {
    node.id = props.id;
  }
  if (props.text !== undefined) {
    node.textContent = props.text;
  }
  if (props.title !== undefined) {
    node.title = props.title;
  }
  node.append(...children);
  return node;
}

/** A toolkit button that names its action in `data-action`; the page's one click handler posts it. */
export function actionButton(label: string, action: string, appearance: 'primary' | 'secondary' = 'secondary'): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('appearance', appearance);
  b.dataset.action = action;
  b.textContent = label;
  return b;
}

/** A status line (`role="status"`), or an alert for errors. */
export function status(text: string, role: 'status' | 'alert' = 'status'): HTMLElement {
  const p = el('p', { className: 'status', text });
  p.setAttribute('role', role);
  return p;
}
