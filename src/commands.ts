import type { RepoType } from './hub/repoId';
import type { ErrorNode, LoadMoreNode, RepoNode } from './views/repoTree';
import type { Extension } from './extension';

/**
 * Every command the extension contributes, declared once: id → handler factory. package.json's `contributes.commands`
 * must list exactly these ids (a unit test checks it); `activate()` registers them in one loop. This module imports
 * only types, so the test can load it without VS Code.
 */
export const COMMANDS = {
  'huggingface.openOverview': (ext: Extension) => () => ext.openOverview(),
  'huggingface.refresh': (ext: Extension) => (target?: unknown) => ext.refresh(viewType(target)),
  'huggingface.loadMore': (_ext: Extension) => (node?: LoadMoreNode) => node?.list.loadMore(),
  'huggingface.retry': (_ext: Extension) => (node?: ErrorNode) => node?.list.retry(),
  'huggingface.openOnHub': (ext: Extension) => (node?: RepoNode) => node && ext.openOnHub(node.repo.type, node.repo.id),
  'huggingface.copyRepoId': (ext: Extension) => (node?: RepoNode) => node && ext.copyRepoId(node.repo.id),
  'huggingface.showLog': (ext: Extension) => () => ext.log.show(),
} satisfies Record<string, (ext: Extension) => (...args: never[]) => unknown>;

export type CommandId = keyof typeof COMMANDS;

/** A view-title action passes nothing; the command then applies to every list. */
function viewType(target: unknown): RepoType | undefined {
  const type = (target as { type?: unknown } | undefined)?.type;
  return type === 'model' || type === 'dataset' || type === 'space' ? type : undefined;
}
