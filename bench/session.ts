/**
 * Items 5 and 6: requests counted at the embedded Hub. The views, their Load more… and the search picker are the
 * production bundle's own (bench/host.ts, `vscode` stubbed); the picker is typed into letter by letter, so its debounce
 * and abort logic (src/views/pickers.ts on src/lists/latest.ts) runs with real timers. Cards are fetched with the calls
 * the card panel makes (src/webviews/cardPanel.lazy.ts: details and README together, the access check for gated repos).
 */
import type { HubServer } from '../test/hub-server/server.mjs';
import { HubClient } from '../src/hub/client';
import type { RepoSummary } from '../src/hub/types';
import { activateExtension, type ActiveExtension } from './host';
import { exactly, sleep, type Figure } from './stats';

/** 8 keystrokes per second. */
const KEYSTROKE_MS = 125;

type Tree = { getChildren(node?: unknown): Promise<unknown[]>; loadMore(): Promise<void>; loaded: readonly RepoSummary[] };

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(10);
  }
}

/**
 * Opens a view's search picker and types `text` letter by letter (`pauses` adds a pause after the given length), waits
 * for the answer to the whole text, closes the picker and returns the ids it showed.
 */
async function typeSearch(ext: ActiveExtension, view: 'models' | 'datasets' | 'spaces', text: string, pauses: Record<number, number> = {}): Promise<{ ids: string[]; shownFor: string }> {
  const closed = ext.command(`huggingface.${view}.search`);
  const pick = await waitFor('the search picker', () => ext.quickPicks.at(-1));
  for (let i = 1; i <= text.length; i++) {
    pick.type(text.slice(0, i));
    await sleep(pauses[i] ?? KEYSTROKE_MS);
  }
  const items = await waitFor('the search results', () => (!pick.busy && pick.items.some((item) => item.action === 'repo' || item.label.startsWith('No ')) ? pick.items : undefined));
  const all = items.find((item) => item.action === 'all' && item.label.includes('Show all'));
  const shownFor = /matching "(.*)"/.exec(all?.label ?? '')?.[1] ?? '';
  pick.hide();
  await closed;
  return { ids: items.filter((item) => item.action === 'repo').map((item) => item.repo!.id), shownFor };
}

const HOP = "README redirect hop (the Hub's resolve cache)";

/**
 * 5. A scripted session: open the three views, five searches typed letter by letter, ten cards (the first ten models
 * of the list), two Load more…. The count must equal one request per list page, search and card part shown.
 */
export async function session(hub: HubServer, runs: number): Promise<Figure[]> {
  const totals: number[] = [];
  let expected = 0;
  let breakdown = '';
  for (let run = 0; run < runs; run++) {
    const ext = activateExtension(hub.url);
    const client = new HubClient({ endpoint: hub.url });
    await sleep(5);
    hub.clearRequests();
    const trees = ext.api.trees as unknown as Record<'models' | 'datasets' | 'spaces', Tree>;
    for (const view of ['models', 'datasets', 'spaces'] as const) {
      await trees[view].getChildren();
    }
    const searches: ['models' | 'datasets' | 'spaces', string][] = [
      ['models', 'bert'],
      ['models', 'gpt2'],
      ['models', 'llama'],
      ['datasets', 'squad'],
      ['spaces', 'demo'],
    ];
    for (const [view, text] of searches) {
      await typeSearch(ext, view, text);
    }
    const cards = trees.models.loaded.slice(0, 10);
    for (const repo of cards) {
      // A gated README fails with `gated`; the card shows that in its place.
      const [details] = await Promise.all([
        client.repoDetails(repo.type, repo.id),
        client.readme(repo.type, repo.id, 'main', { truncateAt: 1024 * 1024 }).catch(() => undefined),
      ]);
      if (details.gated) {
        await client.accessState(repo.type, repo.id);
      }
    }
    await trees.models.loadMore();
    await trees.models.loadMore();
    ext.dispose();
    const gated = cards.filter((repo) => repo.gated).length;
    expected = 3 + searches.length + 2 * cards.length + gated + 2;
    totals.push(hub.requests.length);
    const kinds = new Map<string, number>();
    for (const request of hub.requests) {
      const kind = /^\/api\/(models|datasets|spaces)$/.test(request.path)
        ? /(^|&)search=/.test(request.query)
          ? 'search'
          : 'list page'
        : request.path.includes('/resolve/')
          ? 'README'
          : request.path.startsWith('/api/resolve-cache/')
            ? HOP
          : request.path.endsWith('/auth-check')
            ? 'access check'
            : 'details';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // The Hub answers a README's resolve/ with a redirect to its resolve cache: one more request, the Hub's, per README.
    expected += kinds.get(HOP) ?? 0;
    breakdown = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
  }
  return [exactly(5, 'Requests in the scripted session (3 views, 5 searches typed, 10 cards, 2 Load more…)', totals, expected, breakdown)];
}

/**
 * 6. Typing a 10-character query at 8 keystrokes per second into the Models search picker. Then the same with a
 * pause after four letters (a request goes out) and the Hub answering that request late: the last text must still win.
 */
export async function searchAsYouType(hub: HubServer, runs: number): Promise<Figure[]> {
  const text = 'distilbert';
  const steady: number[] = [];
  const paused: number[] = [];
  const lastWins: number[] = [];
  const ext = activateExtension(hub.url);
  try {
    for (let run = 0; run < runs; run++) {
      hub.clearRequests();
      const result = await typeSearch(ext, 'models', text);
      steady.push(hub.requests.length);
      const won = result.shownFor === text && result.ids.length > 0 && result.ids.every((id) => id.toLowerCase().includes(text));

      hub.clearRequests();
      const slow = hub.inject({ match: /[?&]search=dist(&|$)/, latencyMs: 600 });
      const late = await typeSearch(ext, 'models', text, { 4: 450 });
      hub.clearFaults(slow);
      paused.push(hub.requests.length);
      // The slow answer for "dist" would arrive after the one for "distilbert"; it must not replace it.
      await sleep(700);
      const wonLate = late.shownFor === text && late.ids.every((id) => id.toLowerCase().includes(text));
      lastWins.push(won && wonLate ? 1 : 0);
    }
  } finally {
    ext.dispose();
  }
  return [
    { ...exactly(6, 'Search requests for 10 characters typed at 8 keystrokes/s', steady, 1), target: '≤ 2', pass: steady.every((n) => n <= 2) },
    { ...exactly(6, 'Search requests, same with a 450 ms pause after 4 letters', paused, 2), target: '≤ 2', pass: paused.every((n) => n <= 2) },
    exactly(6, `Runs (of ${runs}, both ways of typing) in which the answer shown is the last text's`, [lastWins.reduce((a, b) => a + b, 0)], runs),
  ];
}
