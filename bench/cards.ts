/**
 * Item 3: card render in Chromium, where the webview runs (the card sanitisers need a real DOM). bench/card-page.mjs is bundled
 * with esbuild the way the webview bundle is (browser, es2022, minified) and timed inside a blank page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../src/cards/frontMatter';
import { MATH_CARD } from '../test/ui/math-card.mjs';
import { bundlePage, launchChromium } from './browser';
import { repoRoot } from './host';
import { atMost, type Figure } from './stats';

/** The cards the figures are taken over by default: the ones written for the project (test/fixtures/card-writer/). */
export const DEFAULT_CARDS = path.join(repoRoot, 'test/fixtures/generated-cards');

/** Every `README.md` under `dir`, at any depth, in path order. */
function readCards(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'README.md').sort();
  if (!files.length) {
    throw new Error(`no README.md under ${dir}`);
  }
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** A 1 MiB README made of the cards' bodies one after another: tables, code, HTML and links. */
function oneMegabyteCard(cards: string[]): string {
  const bodies = cards.map((c) => splitFrontMatter(c).body);
  let text = '---\nlicense: mit\n---\n';
  for (let i = 0; Buffer.byteLength(text) < 1024 * 1024; i++) {
    text += `${bodies[i % bodies.length]}\n\n`;
  }
  return text.slice(0, 1024 * 1024);
}


interface PageBench {
  measure(texts: string[], pipelineFirst: boolean): { pipelineMs: number; plainMs: number; markdownMs: number; parseMs: number };
  longestTask(text: string): Promise<{ longestMs: number; tasks: number; totalMs: number }>;
  mathCard(text: string): Promise<{ totalMs: number; typeset: number; refused: number }>;
  clear(): Promise<void>;
}

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The longest task of the page's main thread in a Chromium trace (`disabled-by-default-devtools.timeline`): the `RunTask` events of the
 * thread named CrRendererMain, in ms. It holds the page's script, style, layout and paint, as a long task does.
 */
export function longestMainThreadTask(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(e.tid)).map((e) => (e.dur ?? 0) / 1000);
  if (!tasks.length) {
    throw new Error('the trace has no tasks of the page\'s main thread');
  }
  return Math.max(...tasks);
}

/** The UI tests' math card ten times over: 110 formulas of the kinds model cards use. */
const MATH_HEAVY = Array.from({ length: 10 }, () => MATH_CARD.replace(/^---[^]*?---\n/, '')).join('\n');

/**
 * @param runs timed rounds (after one warm-up round)
 * @param dir folder of READMEs to take the figures over (`npm run bench -- --cards DIR`)
 */
export async function cardRender(runs: number, dir = DEFAULT_CARDS): Promise<Figure[]> {
  const script = await bundlePage('bench/card-page.mjs');
  const cards = readCards(dir);
  const which = dir === DEFAULT_CARDS ? 'fixture cards' : `cards from ${path.relative(repoRoot, dir) || '.'}`;
  const big = oneMegabyteCard(cards);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addStyleTag({ path: path.join(repoRoot, 'media/card.css') });
    // KaTeX's stylesheet, as the card page loads it with the math chunk (it hides KaTeX's MathML copy of each formula).
    await page.addStyleTag({ path: path.join(repoRoot, 'node_modules/katex/dist/katex.min.css') });
    await page.addScriptTag({ content: script });
    const fixtures: number[] = [];
    const large: number[] = [];
    const tasks: number[] = [];
    const taskCounts: number[] = [];
    const totals: number[] = [];
    const markdownShare: number[] = [];
    const mathTotals: number[] = [];
    const mathTasks: number[] = [];
    let formulas = 0;
    const parseShare: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const all = await page.evaluate(([texts, first]) => (globalThis as unknown as { cardBench: PageBench }).cardBench.measure(texts, first), [cards, run % 2 === 0] as const);
      const one = await page.evaluate(([text, first]) => (globalThis as unknown as { cardBench: PageBench }).cardBench.measure([text], first), [big, run % 2 === 1] as const);
      const task = await page.evaluate((text) => (globalThis as unknown as { cardBench: PageBench }).cardBench.longestTask(text), big);
      await page.evaluate(() => (globalThis as unknown as { cardBench: PageBench }).cardBench.clear());
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      const math = await page.evaluate((text) => (globalThis as unknown as { cardBench: PageBench }).cardBench.mathCard(text), MATH_HEAVY);
      const longestMathTask = longestMainThreadTask(await browser.stopTracing());
      // The first round compiles and warms both pipelines.
      if (run > 0) {
        fixtures.push(all.pipelineMs / all.plainMs);
        large.push(one.pipelineMs / one.plainMs);
        tasks.push(task.longestMs);
        taskCounts.push(task.tasks);
        totals.push(task.totalMs);
        markdownShare.push(all.markdownMs / all.plainMs);
        parseShare.push(all.parseMs / all.plainMs);
        mathTotals.push(math.totalMs);
        mathTasks.push(longestMathTask);
        formulas = math.typeset;
      }
    }
    return [
      atMost(3, `Card render vs plain markdown-it, ${cards.length} ${which} (Chromium)`, '×', fixtures, 2),
      {
        ...atMost(3, `  of which the card's markdown-it alone (html, linkify, math), ${cards.length} ${which}`, '×', markdownShare, 2),
        target: '',
        note: 'the rest of the card render is the sanitiser (the Sanitizer API where Chromium has it: HTML parse, allowlists, link and image checks) and heading anchors',
      },
      {
        ...atMost(3, `  of which the browser's HTML parse of that output alone (template.innerHTML), ${cards.length} ${which}`, '×', parseShare, 2),
        target: '',
        note: 'the floor for any sanitiser that parses into a DOM; the sanitiser adds its checks, the move into the page and GC on top',
      },
      atMost(3, 'Card render vs plain markdown-it, 1 MB card (Chromium)', '×', large, 2),
      atMost(3, '1 MB card: longest main-thread task (rendered in pieces: parse, sanitise, insert, layout)', 'ms', tasks, 16),
      {
        ...atMost(3, '  tasks it takes (about 6 ms of work each, then a yield)', '', taskCounts, 0),
        target: '',
        note: 'markdown-it\'s block phase a slice of blocks per task, then the pieces; the piece tasks also pay for the layout of the whole page so far',
      },
      { ...atMost(3, '  time until its last piece is in', 'ms', totals, 0), target: '' },
      atMost(3, `Math card (${formulas} formulas typeset by KaTeX): longest main-thread task`, 'ms', mathTasks, 16),
      { ...atMost(3, '  time until every formula is typeset', 'ms', mathTotals, 0), target: '' },
    ];
  } finally {
    await browser.close();
  }
}
