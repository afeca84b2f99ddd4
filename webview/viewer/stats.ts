// Per-column statistics as small charts drawn from the numbers: histograms as bars, category frequencies as horizontal
// bars, the share of nulls as a line of text. SVG built element by element; names are text nodes.
import type { ColumnStatistics, Statistics } from '../../src/viewer/wire';
import { el, formatCount, svg } from './dom';

const WIDTH = 220;
const HEIGHT = 64;

function histogram(stats: ColumnStatistics): SVGSVGElement | undefined {
  const h = stats.histogram;
  if (!h) {
    return undefined;
  }
  const max = Math.max(1, ...h.hist);
  const chart = svg('svg', { width: WIDTH, height: HEIGHT + 14, viewBox: `0 0 ${WIDTH} ${HEIGHT + 14}`, role: 'img', class: 'chart' });
  const bar = WIDTH / h.hist.length;
  h.hist.forEach((count, i) => {
    const height = Math.max(count > 0 ? 1 : 0, (count / max) * HEIGHT);
    const rect = svg('rect', { x: i * bar + 1, y: HEIGHT - height, width: Math.max(1, bar - 2), height, class: 'bar' });
    rect.append(svg('title', {}));
    rect.firstElementChild!.textContent = `${h.binEdges[i]} – ${h.binEdges[i + 1]}: ${formatCount(count)}`;
    chart.append(rect);
  });
  const low = svg('text', { x: 0, y: HEIGHT + 12, class: 'axis' });
  low.textContent = String(h.binEdges[0]);
  const high = svg('text', { x: WIDTH, y: HEIGHT + 12, class: 'axis', 'text-anchor': 'end' });
  high.textContent = String(h.binEdges[h.binEdges.length - 1]);
  chart.append(low, high);
  chart.setAttribute('aria-label', `Histogram of ${stats.column}: ${h.hist.length} bins from ${h.binEdges[0]} to ${h.binEdges[h.binEdges.length - 1]}`);
  return chart;
}

function frequencies(stats: ColumnStatistics): HTMLElement | undefined {
  const f = stats.frequencies;
  if (!f || f.length === 0) {
    return undefined;
  }
  const max = Math.max(1, ...f.map((x) => x.count));
  const list = el('ul', { className: 'freq' });
  for (const { name, count } of f.slice(0, 10)) {
    const fill = el('span', { className: 'fill' });
    fill.style.width = `${Math.round((count / max) * 100)}%`;
    list.append(el('li', {}, el('span', { className: 'name', text: name, title: name }), el('span', { className: 'track' }, fill), el('span', { className: 'count', text: formatCount(count) })));
  }
  if (f.length > 10) {
    list.append(el('li', { className: 'more', text: `and ${f.length - 10} more` }));
  }
  return list;
}

export function renderStatistics(target: HTMLElement, statistics: Statistics): void {
  target.replaceChildren();
  target.append(el('h2', { text: `Statistics${statistics.numExamples !== undefined ? ` of ${formatCount(statistics.numExamples)} rows` : ''}` }));
  const grid = el('div', { className: 'stats-grid' });
  for (const c of statistics.columns) {
    const facts = [c.type];
    if (c.nanCount !== undefined) {
      facts.push(`${formatCount(c.nanCount)} null${c.nanProportion !== undefined ? ` (${(c.nanProportion * 100).toFixed(1)}%)` : ''}`);
    }
    if (c.min !== undefined && c.max !== undefined) {
      facts.push(`${c.min} – ${c.max}`);
    }
    if (c.mean !== undefined) {
      facts.push(`mean ${c.mean}`);
    }
    const card = el('section', { className: 'stat' }, el('h3', { text: c.column }), el('p', { className: 'facts', text: facts.join(' · ') }));
    const chart = histogram(c) ?? frequencies(c);
    if (chart) {
      card.append(chart);
    }
    grid.append(card);
  }
  if (statistics.columns.length === 0) {
    grid.append(el('p', { text: 'The dataset viewer has no statistics for these columns.' }));
  }
  target.append(grid);
}
