/**
 * Papers on the Hub: "Show Paper…" (one paper's page: its abstract, the paper page and arXiv, and the models, datasets
 * and Spaces that cite it, each listed at the top of its view) and "Show Daily Papers…" (the Hub's daily list). A chunk
 * of its own, loaded on first use.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { VIEW_KEYS, type ViewKey } from '../commands/ids';
import { loadingPick } from '../commands/loadingPick';
import { escapeIcons, notificationText } from '../hub/format';
import { isRepoType, type RepoType } from '../hub/repoId';
import { readPaper } from './paperReads';
import { arxivIdFrom, arxivUrl, citingLabel, citingQuery, parseDailyPapers, type PaperView } from './papers';

type Ctx = Pick<CommandContext, 'client' | 'views'>;

type PaperChoice = vscode.QuickPickItem & { url?: string; citing?: RepoType };

const VIEW_OF: Record<RepoType, ViewKey> = { model: VIEW_KEYS[0], dataset: VIEW_KEYS[1], space: VIEW_KEYS[2] };

/** One paper: by id or address (asked for when not given); with a repo type, lists the repos of that type citing it. */
export async function showPaper(ctx: Ctx, target?: unknown, repoType?: unknown): Promise<void> {
  const given =
    target ??
    (await vscode.window.showInputBox({
      title: 'Show Paper',
      prompt: 'An arXiv id, or the address of its page on the Hub or on arXiv',
      placeHolder: '2305.18290',
      validateInput: (value) => (value.trim() === '' || arxivIdFrom(value) ? undefined : 'Not an arXiv id (like 2305.18290) or a paper address.'),
    }));
  if (given === undefined) {
    return;
  }
  const id = arxivIdFrom(given);
  if (!id) {
    void vscode.window.showErrorMessage(notificationText('Show Paper needs an arXiv id, like 2305.18290.'));
    return;
  }
  if (isRepoType(repoType)) {
    await ctx.views.showRelated(citingLabel(repoType, id), citingQuery(id), VIEW_OF[repoType]);
    return;
  }
  let paper: PaperView | undefined;
  const chosen = await loadingPick<PaperChoice>({
    title: `arXiv:${id}`,
    placeholder: 'Open the paper, or list what cites it',
    failure: 'The paper could not be read',
    load: async (signal) => {
      paper = await readPaper(ctx.client(), id, signal);
      return paperChoices(paper);
    },
    loaded: () => (paper?.title ? escapeIcons(`${paper.title}${paper.authors ? ` — ${paper.authors}` : ''}`) : `The Hub has no page for arXiv:${id}`),
  });
  if (chosen?.url) {
    await vscode.env.openExternal(vscode.Uri.parse(chosen.url, true));
  } else if (chosen?.citing) {
    await ctx.views.showRelated(citingLabel(chosen.citing, id), citingQuery(id), VIEW_OF[chosen.citing]);
  }
}

function paperChoices(paper: PaperView): PaperChoice[] {
  const items: PaperChoice[] = [];
  if (paper.url) {
    items.push({ label: '$(link-external) Open the paper page', description: paper.date?.slice(0, 10), detail: paper.summary && escapeIcons(paper.summary), url: paper.url });
  }
  items.push({ label: '$(link-external) Open on arXiv', description: `arXiv:${paper.id}`, url: arxivUrl(paper.id) });
  items.push({ label: 'Cited by', kind: vscode.QuickPickItemKind.Separator });
  for (const type of ['model', 'dataset', 'space'] as const) {
    items.push({ label: `$(list-flat) ${citingLabel(type, paper.id)}`, citing: type });
  }
  return items;
}

type DailyChoice = vscode.QuickPickItem & { id: string };

/** The Hub's daily papers (its latest day); choosing one shows it as "Show Paper" does. */
export async function showDailyPapers(ctx: Ctx): Promise<void> {
  const chosen = await loadingPick<DailyChoice>({
    title: 'Daily Papers',
    placeholder: 'Papers of the day on the Hub',
    failure: 'The daily papers could not be read',
    load: async (signal) =>
      parseDailyPapers(await ctx.client().apiJson('daily_papers?limit=50', { signal })).map((p) => ({
        label: escapeIcons(p.title),
        description: escapeIcons([p.upvotes === undefined ? undefined : `▲ ${p.upvotes}`, p.authors].filter(Boolean).join(' · ')),
        detail: p.summary && escapeIcons(p.summary.length > 200 ? `${p.summary.slice(0, 200)}…` : p.summary),
        id: p.id,
      })),
    loaded: (items) => (items.length ? `${items.length} papers: choose one to see what cites it` : 'No daily papers today'),
  });
  if (chosen) {
    await showPaper(ctx, chosen.id);
  }
}
