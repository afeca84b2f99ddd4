// Commands on one repo or file: open it on the Hub, open a file read-only, copy text, insert a snippet.
import * as vscode from 'vscode';
import { openRepoFile } from '../fs/hfFileSystem';
import type { HubClient } from '../hub/client';
import { encodePath, repoWebUrl, type RepoType } from '../hub/repoId';
import type { FileEntry } from '../hub/types';
import type { Log } from '../log';
import type { SnippetLibrary } from '../snippets/plan';
import type { SnippetArg, SnippetOutcome } from '../views/snippets';

/** Opens the repo's page on the Hub, or one file's page under `blob/main`. */
export async function openOnHub(client: () => HubClient, type: RepoType, id: string, path?: string): Promise<void> {
  const base = repoWebUrl({ endpoint: client().endpoint, type, id });
  const url = path ? `${base}/blob/main/${encodePath(path)}` : base;
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}

/** Opens a repo file in a read-only editor; weights and other big files offer the Hub page instead. */
export function openFile(client: () => HubClient, repo: { type: RepoType; id: string }, entry: FileEntry): Promise<'opened' | 'refused'> {
  return openRepoFile(repo, entry, () => openOnHub(client, repo.type, repo.id, entry.path));
}

export async function copyText(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${text}`, 2500);
}

/** Inserts the Hub's snippet for a model (a tree row, a repo id, or picked from a search) into the editor. */
export async function insertModelSnippet(deps: { client: () => HubClient; log: Log }, library: SnippetLibrary, target?: SnippetArg): Promise<SnippetOutcome> {
  return (await import('../views/snippets.lazy')).insertSnippet(
    {
      client: deps.client,
      log: deps.log,
      loadTasks: () => import('../hub/tasks.lazy'),
      openOnHub: (id) => openOnHub(deps.client, 'model', id),
    },
    library,
    target,
  );
}
