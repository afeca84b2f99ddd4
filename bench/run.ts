/**
 * `npm run bench`: how close the extension comes to the limits set by the network and the renderer, as ratios taken
 * side by side in one run (absolute times on shared machines are noisy; ratios are not), plus activation, sizes and
 * request counts. Builds and packages the extension first (`npm run package`, `vsce package`), then writes
 * bench/results.json and bench/results.md. A benchmark, not a test: it reports misses, it does not fail on them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startHubServer } from '../test/hub-server/server.mjs';
import { activation, sizes } from './activation';
import { cardRender } from './cards';
import { downloads } from './downloads';
import { repoRoot } from './host';
import { firstPage, loadMore } from './lists';
import { searchAsYouType, session } from './session';
import type { Figure } from './stats';
import { ggufHeader } from './gguf';
import { inference } from './inference';
import { tokens } from './tokens';
import { viewer } from './viewer';

const HEADER = `Figures from \`npm run bench\` (bench/run.ts). Each is the median over repeated runs, with the interquartile range
(the middle half of the runs) as its spread; ratios are taken side by side in the same run, so machine speed cancels out.
How each item is measured:

1. The Models view's real tree provider and Hub client from the production bundle (dist/extension.js), activated in Node
   with a minimal \`vscode\` stub (bench/vscode-stub.cjs), against the embedded Hub with 10,000 extra synthetic models:
   getChildren for the root plus getTreeItem for every row, on a fresh activation, divided by a bare \`fetch\` +
   \`JSON.parse\` of the URL it requested; each run is the best of five pairs in alternating order.
2. The same provider with 100 models per page, through a "Search: scale-model" node (the view's paging code, with only
   the synthetic models, so early and late pages are alike): each Load more… is timed alone (request, paging, new
   nodes) and with the refresh of the node it fires, in which VS Code asks getTreeItem for every row again; pages
   81–100 against pages 2–21.
3. In headless Chromium, the webview's own pipeline (README → prepareReadme → the card's markdown-it → the card sanitiser:
   the browser's Sanitizer API where Chromium has it, else DOMPurify, webview/cardHtml.ts; markdown-it as the webview bundles
   build it, scripts/markdown-it-fields.mjs) against plain markdown-it as published, with its defaults, over every fixture card
   (test/fixtures/generated-cards/, written for the project; \`npm run bench -- --cards DIR\` takes any folder of
   READMEs instead) and a 1 MB card made of them. The 1 MB card is also shown as the card shows it, in pieces
   over many tasks (webview/chunks.ts) into a page with the card's stylesheet (media/card.css); each task is timed with the page's style and layout forced at its end, as the
   browser must run them before painting.
4. Cold \`require\` and \`activate()\` of the production bundle, each in a fresh Node process with the \`vscode\` stub
   (bench/activation-child.cjs); the Extension Host test suite checks activation in the real host. Sizes are of the
   production build; gzip at the default level.
5. The views, their Load more… and the search picker of the production bundle (stubbed \`vscode\`, picker typed into
   letter by letter with real timers); ten cards fetched with the card panel's calls. Counted at the embedded Hub.
6. The Models search picker of the production bundle typed into at 8 keystrokes per second; then with a pause after four
   letters while the Hub answers that request late.
7. Downloads (bench/downloads.ts), against an embedded Hub of their own: downloadPlan of the 2 GiB LFS file of
   hub-test/download-2gb into a fresh cache (the 302 hop to the CDN, sha256 of every byte, rename, link) against a bare
   streamed \`fetch\` of the same CDN URL piped into a file, pairs in alternating order, each in a Node process of its own
   (bench/downloads-child.ts), as bare time / our time; RSS and heap growth of that process over the download (sampled
   every 20 ms against the level before it); scanCache over a
   cache of 200 repos / 20,000 linked files against @huggingface/hub's scanCacheDir over the same folder, as our time /
   theirs.
8. The dataset viewer's host side (src/viewer/) against the embedded viewer API: a split's first page of formatted cells
   ready to post against a bare \`fetch\` + \`JSON.parse\` of its /first-rows (best of five of each); pages held and heap
   growth after paging 1,000 pages spread over the 1,000,000-row split (bench/viewer.ts).
9. Token counts (bench/tokens.ts) with Qwen 3's real tokenizer: TokenizerModels loading it from the embedded Hub and
   from a Hugging Face cache folder, each against a bare read + \`JSON.parse\` + \`new Tokenizer\` of the same files
   (pairs in alternating order); \`count()\` of a 100,000-character selection against the library's own \`encode\`.
10. A GGUF file's header (bench/gguf.ts): HubClient.ggufHeader, as a card reads it, on the Q4_K_M file of the embedded
   Hub's 70B GGUF repo, against a bare \`fetch\` of the same byte range from the same URL; bytes fetched against the file.
11. Inference Providers (bench/inference.ts): the first token of a streamed chat through the extension's call
   (@huggingface/inference with its routed fetch) against a bare streamed \`fetch\` of the same request to the embedded
   router, read until the first \`data:\` line with content, pairs in alternating order; the Try it page's answer view
   (bench/inference-page.mjs) in headless Chromium fed 2,000 tokens at 200 per second, one message per frame as the
   host batches them, each task timed with style and layout forced at its end.`;

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

function row(f: Figure): string {
  const unit = f.unit === '×' ? '×' : f.unit ? ` ${f.unit}` : '';
  const spreadText = f.min === f.max ? '—' : `${round(f.q1)}–${round(f.q3)}`;
  const [target, pass] = f.target ? [f.target, f.pass ? 'yes' : '**no**'] : ['—', '—'];
  return `| ${f.item}. ${f.name.trim()} | ${round(f.median)}${unit} | ${spreadText} | ${target} | ${pass} |`;
}

/** `--cards DIR`: the folder of READMEs to take the card figures over, resolved from the working directory. */
function cardsFolder(argv: string[]): string | undefined {
  const at = argv.indexOf('--cards');
  if (at < 0) {
    return undefined;
  }
  const dir = argv[at + 1];
  if (!dir || dir.startsWith('--')) {
    throw new Error('--cards needs a folder of README.md files');
  }
  return path.resolve(dir);
}

/** `--only 1,8`: the items to run; their figures are printed and bench/results.* stay as they are. */
function onlyItems(argv: string[]): Set<number> | undefined {
  const at = argv.indexOf('--only');
  if (at < 0) {
    return undefined;
  }
  const items = (argv[at + 1] ?? '').split(',').map(Number);
  if (!items.length || items.some((n) => !Number.isInteger(n) || n < 1 || n > 11)) {
    throw new Error('--only needs item numbers from 1 to 11, such as --only 1,8');
  }
  return new Set(items);
}

/** Only the card figures (item 3), over the user's folder: nothing is built and bench/results.* stay as they are. */
async function cardsOnly(dir: string): Promise<void> {
  console.log(`3. Card render, over ${dir}`);
  const figures = await cardRender(5, dir);
  console.log(`\n${['| figure | median | spread (IQR) | target | pass |', '| --- | --- | --- | --- | --- |', ...figures.map(row)].join('\n')}`);
}

async function main(): Promise<void> {
  const cards = cardsFolder(process.argv.slice(2));
  if (cards) {
    return cardsOnly(cards);
  }
  // No token from the environment or the CLI's token file: the benchmark browses anonymously.
  process.env.HF_HUB_DISABLE_IMPLICIT_TOKEN = '1';
  const started = Date.now();
  mkdirSync(path.join(repoRoot, 'bench/tmp'), { recursive: true });
  console.log('Building and packaging the extension…');
  const vsix = path.join(repoRoot, 'bench/tmp/bench.vsix');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  execFileSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
  const only = onlyItems(process.argv.slice(2));
  const figures: Figure[] = [];
  const hub = await startHubServer({ port: 0, syntheticModels: 10_000 });
  const items: [string, () => Promise<Figure[]>][] = [
    ['First page', () => firstPage(hub, 20)],
    ['Load more', () => loadMore(hub, 4)],
    ['Card render', () => cardRender(5)],
    ['Activation and sizes', async () => [...(await activation(15)), ...sizes(vsix)]],
    ['Scripted session', () => session(hub, 2)],
    ['Search as you type', () => searchAsYouType(hub, 5)],
    ['Downloads and the cache listing', () => downloads(3)],
    ['Dataset viewer', () => viewer(hub, 7)],
    ['Token counts', () => tokens(hub, 7)],
    ['GGUF header', () => ggufHeader(hub, 15)],
    ['Inference Providers', () => inference(hub, 10)],
  ];
  try {
    for (const [i, [name, run]] of items.entries()) {
      if (!only || only.has(i + 1)) {
        console.log(`${i + 1}. ${name}`);
        figures.push(...(await run()));
      }
    }
  } finally {
    await hub.close();
  }
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.item}. ${f.name.trim()}: ${f.note}`);
  const table = ['| figure | median | spread (IQR) | target | pass |', '| --- | --- | --- | --- | --- |', ...figures.map(row)].join('\n');
  const markdown = `${HEADER}\n\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
  const meta = { date: new Date().toISOString(), node: process.version, seconds: Math.round((Date.now() - started) / 1000) };
  if (!only) {
    writeFileSync(path.join(repoRoot, 'bench/results.json'), `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
    writeFileSync(path.join(repoRoot, 'bench/results.md'), markdown);
  }
  const held = figures.filter((f) => f.target);
  console.log(`\n${table}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}\n${held.filter((f) => !f.pass).length} of ${held.length} figures miss their target (${meta.seconds} s).`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
