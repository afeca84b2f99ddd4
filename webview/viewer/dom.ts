// DOM helpers of the viewer page: every string goes in as text, never as HTML.
import { el } from '../dom';
import { groupedNumber } from '../../src/hub/format';

export { el };

export function button(label: string, onClick: () => void, props: { className?: string; title?: string } = {}): HTMLButtonElement {
  const b = el('button', { className: props.className ?? 'secondary', text: label, title: props.title });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  return node;
}

export function formatCount(n: number): string {
  return groupedNumber(n);
}

