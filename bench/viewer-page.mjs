// The viewer-scroll benchmark page (item 8), bundled by bench/viewer.ts and run in Chromium: the viewer's own table
// (webview/viewer/table.ts) over a 1,000,000-row split shaped like the embedded Hub's c4 (text, timestamp, url,
// tokens), its pages formatted by the host's code (src/viewer/cells.ts) and delivered a task later, as messages are.
// The frames are timed by test/ui/scroll-frames.mjs, the same code the UI journey uses.
import { formatCell } from '../src/viewer/cells';
import { columnsFromFeatures } from '../src/viewer/columns';
import { PAGE_ROWS } from '../src/viewer/window';
import { scrollFrames } from '../test/ui/scroll-frames.mjs';
import { VirtualTable } from '../webview/viewer/table';

const TOTAL = 1_000_000;
const ASSETS = 'https://datasets-server.huggingface.co';
const columns = columnsFromFeatures([
  { name: 'text', type: { dtype: 'string', _type: 'Value' } },
  { name: 'timestamp', type: { dtype: 'timestamp[s]', _type: 'Value' } },
  { name: 'url', type: { dtype: 'string', _type: 'Value' } },
  { name: 'tokens', type: { dtype: 'int32', _type: 'Value' } },
]);

function pageRows(page) {
  const rows = [];
  for (let i = page * PAGE_ROWS; i < Math.min(TOTAL, (page + 1) * PAGE_ROWS); i++) {
    const row = {
      text: `Row ${i} of a generated corpus, long enough to be cut by the cell: ${'words about lighthouses and trains '.repeat(4)}`,
      timestamp: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString().slice(0, 19),
      url: `https://example.org/page/${i}`,
      tokens: 10 + (i % 500),
    };
    rows.push({ idx: i, cells: columns.map((c) => formatCell(c, row, [], ASSETS)) });
  }
  return rows;
}

async function scroll(steps, settleMs) {
  let asked = 0;
  const table = new VirtualTable('bench', columns, TOTAL, {
    askPages: (pages) => {
      asked += pages.length;
      pages.forEach((page) => setTimeout(() => table.putPage(page, pageRows(page)), 0));
    },
    select: () => undefined,
    open: () => undefined,
  });
  document.querySelector('main').replaceChildren(table.element);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const figures = await scrollFrames({ selector: '.viewport', steps, settleMs });
  return { ...figures, asked };
}

window.viewerBench = { scroll };
