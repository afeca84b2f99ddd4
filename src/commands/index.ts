import * as vscode from 'vscode';
import { showAccountMenu } from '../auth/accountUi';
import { isRepoType, type RepoType } from '../hub/repoId';
import type { CacheNode } from '../localCache/nodes';
import { fromPretrainedLine } from '../snippets/loadLine';
import type { ErrorNode, FileNode, LoadMoreNode, QueryNode, RepoNode } from '../views/repoTree';
import { showOverview } from '../webviews/overview';
import { useModelCommand } from '../localApps/command';
import type { UsePresets } from '../localApps/useModel.lazy';
import type { CommandContext } from './context';
import { CACHE_ACTIONS, TOKEN_ACTIONS, VIEW_KEYS, viewCommand, type CacheAction, type CommandId, type TokenAction, type ViewAction, type ViewCommandId } from './ids';
import { openCard } from './openCard';
import { openDatasetViewer } from './openViewer';
import { copyText, insertModelSnippet, openFile, openOnHub } from './repo';

type Handler = (...args: never[]) => unknown;
type Factory = (ctx: CommandContext) => Handler;

const VIEW_METHODS = { search: 'search', sort: 'sort', filter: 'filter', clearFilters: 'clearFilters', refresh: 'refreshView' } as const;

function perView(action: ViewAction): Record<ViewCommandId, Factory> {
  return Object.fromEntries(VIEW_KEYS.map((key) => [viewCommand(key, action), (ctx: CommandContext) => () => ctx.views[VIEW_METHODS[action]](key)])) as Record<
    ViewCommandId,
    Factory
  >;
}

/** A view-title action passes nothing; the command then applies to every list. */
function viewType(target: unknown): RepoType | undefined {
  const type = (target as { type?: unknown } | undefined)?.type;
  return isRepoType(type) ? type : undefined;
}

/**
 * Refresh of one view lists it again; Refresh of everything also checks who is signed in, so a token set by
 * `hf auth login` or in the environment is picked up without a reload.
 */
async function refresh(ctx: CommandContext, type: RepoType | undefined): Promise<void> {
  if (type) {
    ctx.views.refresh(type);
  } else {
    await ctx.session.refreshAccount(true);
  }
}

/** The Local Cache actions on a row (or the whole view), each run by the view once its chunk is loaded. */
const CACHE_HANDLERS = Object.fromEntries(
  CACHE_ACTIONS.map((action) => [`huggingface.localCache.${action}`, (ctx: CommandContext): Handler => async (node?: CacheNode) => (await ctx.localCache.impl()).view[action](node)]),
) as Record<`huggingface.localCache.${CacheAction}`, Factory>;

/** The token features' commands, each run by the tokens chunk once it is loaded. */
const TOKEN_HANDLERS = Object.fromEntries(
  TOKEN_ACTIONS.map((action) => [`huggingface.${action}`, (ctx: CommandContext): Handler => async (arg?: unknown) => (await ctx.tokens.impl())[action](arg)]),
) as Record<`huggingface.${TokenAction}`, Factory>;

/** Every command's handler, by id: exactly the ids of ./ids.ts (the compiler checks both ways). */
const HANDLERS = {
  'huggingface.openOverview': (ctx) => () => showOverview(ctx.extensionUri, ctx.log),
  'huggingface.refresh': (ctx) => (target?: unknown) => refresh(ctx, viewType(target)),
  'huggingface.loadMore': () => (node?: LoadMoreNode | { more: () => void }) => node && ('more' in node ? node.more() : node.tree.loadMore(node.source)),
  'huggingface.retry': () => (node?: Pick<ErrorNode, 'retry'>) => node?.retry(),
  'huggingface.openRepo': (ctx) => (node?: RepoNode) => node && ctx.cards.open({ type: node.repo.type, id: node.repo.id }),
  'huggingface.openCard': (ctx) => (target?: unknown) => openCard(ctx, target),
  'huggingface.showModelTree': (ctx) => async (target?: unknown, relation?: unknown) => (await import('../connections/modelTree.lazy')).showModelTree(ctx, target, relation),
  'huggingface.showPaper': (ctx) => async (target?: unknown, type?: unknown) => (await import('../connections/papers.lazy')).showPaper(ctx, target, type),
  'huggingface.showDailyPapers': (ctx) => async () => (await import('../connections/papers.lazy')).showDailyPapers(ctx),
  'huggingface.showCollection': (ctx) => async (target?: unknown) => (await import('../connections/collections.lazy')).showCollection(ctx, target),
  'huggingface.explore.searchCollections': (ctx) => async (query?: unknown) => {
    const q = typeof query === 'string' ? query : await vscode.window.showInputBox({ title: 'Search Collections', prompt: 'Words of a collection title or description (empty: the trending ones)', placeHolder: 'llama' });
    if (q !== undefined) {
      ctx.explore.searchCollections(q);
    }
  },
  'huggingface.explore.refresh': (ctx) => () => ctx.explore.refresh(),
  'huggingface.openOnHub': (ctx) => (node?: RepoNode) => node && openOnHub(ctx.client, node.repo.type, node.repo.id),
  'huggingface.openFile': (ctx) => (node?: FileNode) => node && openFile(ctx.client, node.repo, node.entry),
  'huggingface.openFileOnHub': (ctx) => (node?: FileNode) => node && openOnHub(ctx.client, node.repo.type, node.repo.id, node.entry.path),
  'huggingface.copyRepoId': () => (node?: RepoNode) => node && copyText(node.repo.id),
  'huggingface.copyFromPretrained': () => (node?: RepoNode) => node && copyText(fromPretrainedLine(node.repo.id, node.repo.library)),
  'huggingface.insertTransformersSnippet': (ctx) => (target?: RepoNode | string) => insertModelSnippet(ctx, 'transformers', target),
  'huggingface.insertDiffusersSnippet': (ctx) => (target?: RepoNode | string) => insertModelSnippet(ctx, 'diffusers', target),
  'huggingface.useModel': (ctx) => (target?: unknown, presets?: UsePresets) => useModelCommand(ctx, target, presets),
  'huggingface.tryModel': (ctx) => (target?: unknown) => ctx.inference.tryModel(target),
  'huggingface.insertInferenceCode': (ctx) => (target?: unknown, presets?: unknown) => ctx.inference.insertCode(target, presets),
  'huggingface.removeSearch': (ctx) => (node?: QueryNode) => node && ctx.views.removeSearch(node),
  'huggingface.showLog': (ctx) => () => ctx.log.show(),
  'huggingface.signIn': (ctx) => () => ctx.session.signIn(),
  'huggingface.signOut': (ctx) => () => ctx.session.signOut(),
  'huggingface.account': (ctx) => () => showAccountMenu(ctx.session, ctx.client().endpoint),
  'huggingface.download': (ctx) => (arg?: unknown) => ctx.downloads.command(arg, false),
  'huggingface.downloadToFolder': (ctx) => (arg?: unknown) => ctx.downloads.command(arg, true),
  'huggingface.showDownloads': (ctx) => () => ctx.downloads.showQueue(),
  'huggingface.openDatasetViewer': (ctx) => (target?: unknown) => openDatasetViewer(ctx, target),
  'huggingface.showDiscussions': (ctx) => (target?: unknown, num?: unknown) => ctx.discussions.show(target, num),
  'huggingface.localCache.openCard': (ctx) => (node?: CacheNode) => node?.kind === 'repo' && ctx.cards.open({ type: node.repo.type, id: node.repo.id }),
  ...TOKEN_HANDLERS,
  ...CACHE_HANDLERS,
  ...perView('search'),
  ...perView('sort'),
  ...perView('filter'),
  ...perView('clearFilters'),
  ...perView('refresh'),
} satisfies Record<CommandId, Factory>;

/** Registers every command with its handler. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(HANDLERS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx) as (...args: unknown[]) => unknown));
}
