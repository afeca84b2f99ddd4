import type { Extension } from './extension';
import { isRepoType, type RepoType } from './hub/repoId';
import type { ErrorNode, FileNode, LoadMoreNode, QueryNode, RepoNode } from './views/repoTree';
import type { ViewKey } from './views/hubViews';

type Handler = (...args: never[]) => unknown;
type Factory = (ext: Extension) => Handler;

type ViewAction = 'search' | 'sort' | 'filter' | 'clearFilters' | 'refresh';

const VIEW_METHODS = { search: 'search', sort: 'sort', filter: 'filter', clearFilters: 'clearFilters', refresh: 'refreshView' } as const;

/** Title-bar actions exist once per list view, so they work from the palette too ("Search Models…"). */
function perView(action: ViewAction): Record<`huggingface.${ViewKey}.${ViewAction}`, Factory> {
  const keys: ViewKey[] = ['models', 'datasets', 'spaces'];
  return Object.fromEntries(
    keys.map((key) => [`huggingface.${key}.${action}`, (ext: Extension) => () => ext.views[VIEW_METHODS[action]](key)]),
  ) as Record<`huggingface.${ViewKey}.${ViewAction}`, Factory>;
}

/**
 * Every command the extension contributes, declared once: id → handler factory. package.json's `contributes.commands`
 * must list exactly these ids (a unit test checks it); `activate()` registers them in one loop. This module imports
 * only types, so the test can load it without VS Code.
 */
export const COMMANDS = {
  'huggingface.openOverview': (ext: Extension) => () => ext.openOverview(),
  'huggingface.refresh': (ext: Extension) => (target?: unknown) => ext.refresh(viewType(target)),
  'huggingface.loadMore': () => (node?: LoadMoreNode) => node?.tree.loadMore(node.source),
  'huggingface.retry': () => (node?: ErrorNode) => node?.retry(),
  'huggingface.openRepo': (ext: Extension) => (node?: RepoNode) => node && ext.openRepo(node.repo),
  'huggingface.openCard': (ext: Extension) => (target?: unknown) => ext.openCard(target),
  'huggingface.openOnHub': (ext: Extension) => (node?: RepoNode) => node && ext.openOnHub(node.repo.type, node.repo.id),
  'huggingface.openFile': (ext: Extension) => (node?: FileNode) => node && ext.openFile(node.repo, node.entry),
  'huggingface.openFileOnHub': (ext: Extension) => (node?: FileNode) => node && ext.openOnHub(node.repo.type, node.repo.id, node.entry.path),
  'huggingface.copyRepoId': (ext: Extension) => (node?: RepoNode) => node && ext.copyText(node.repo.id),
  'huggingface.copyFromPretrained': (ext: Extension) => (node?: RepoNode) => node && ext.copyText(fromPretrainedLine(node.repo.id, node.repo.library)),
  'huggingface.insertTransformersSnippet': (ext: Extension) => (target?: RepoNode | string) => ext.insertSnippet('transformers', target),
  'huggingface.insertDiffusersSnippet': (ext: Extension) => (target?: RepoNode | string) => ext.insertSnippet('diffusers', target),
  'huggingface.removeSearch': (ext: Extension) => (node?: QueryNode) => node && ext.views.removeSearch(node),
  'huggingface.showLog': (ext: Extension) => () => ext.log.show(),
  'huggingface.signIn': (ext: Extension) => () => ext.signIn(),
  'huggingface.signOut': (ext: Extension) => () => ext.signOut(),
  'huggingface.account': (ext: Extension) => () => ext.showAccount(),
  ...perView('search'),
  ...perView('sort'),
  ...perView('filter'),
  ...perView('clearFilters'),
  ...perView('refresh'),
} satisfies Record<string, Factory>;

export type CommandId = keyof typeof COMMANDS;

/** The one line that loads a model with its library: `DiffusionPipeline`, `SentenceTransformer` or transformers' Auto class. */
export function fromPretrainedLine(id: string, library: string | undefined): string {
  const quoted = JSON.stringify(id);
  switch (library) {
    case 'diffusers':
      return `pipe = DiffusionPipeline.from_pretrained(${quoted})`;
    case 'sentence-transformers':
      return `model = SentenceTransformer(${quoted})`;
    default:
      return `model = AutoModel.from_pretrained(${quoted})`;
  }
}

/** A view-title action passes nothing; the command then applies to every list. */
function viewType(target: unknown): RepoType | undefined {
  const type = (target as { type?: unknown } | undefined)?.type;
  return isRepoType(type) ? type : undefined;
}
