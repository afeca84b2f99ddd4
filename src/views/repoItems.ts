// How each row of a repo tree looks: label, icon, description, tooltip, context value and command. Everything from the
// Hub is shown as text, with bidirectional controls removed.
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import { compactNumber, fileSize, groupedNumber, withoutBidiControls } from '../hub/format';
import { documentRefusal } from '../hub/hfUri';
import { REPO_TYPE_PLURAL, type RepoType } from '../hub/repoId';
import { accessibleLabel, describeRepo, repoContextValue } from '../lists/treeModel';
import type { RepoSummary } from '../hub/types';
import type { CacheMark } from '../localCache/model';
import { repoIcon } from './icons';
import type { QueryNode, RepoNode, RepoTreeNode } from './repoNodes';

const QUERY_ICONS: Record<QueryNode['origin'], string> = { search: 'search', saved: 'bookmark', account: 'account', related: 'type-hierarchy-sub' };
const QUERY_TOOLTIPS: Record<QueryNode['origin'], string> = {
  search: 'Search results',
  saved: 'Saved search (huggingface.savedSearches)',
  account: 'Repos of your account or organisation, private ones included',
  related: 'Models that derive from a model (its model tree)',
};

/** The item of any row but a repo's (repoTree.ts caches those). */
export function nodeItem(node: Exclude<RepoTreeNode, RepoNode>, type: RepoType): vscode.TreeItem {
  switch (node.kind) {
    case 'query': {
      // A search the user just ran opens at once; saved and account lists load when the user expands them.
      const state = node.removable ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const item = new vscode.TreeItem(withoutBidiControls(node.label), state);
      item.id = node.source.key;
      item.iconPath = new vscode.ThemeIcon(QUERY_ICONS[node.origin]);
      item.contextValue = node.removable ? 'query removable' : 'query';
      item.tooltip = QUERY_TOOLTIPS[node.origin];
      return item;
    }
    case 'folder': {
      const item = new vscode.TreeItem(withoutBidiControls(basename(node.entry.path)), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.parentKey}/${node.entry.path}/`;
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = vscode.Uri.from({ scheme: 'hf-tree', path: `/${node.entry.path}` });
      item.contextValue = 'folder';
      return item;
    }
    case 'file': {
      const item = new vscode.TreeItem(withoutBidiControls(basename(node.entry.path)));
      item.id = `${node.parentKey}/${node.entry.path}`;
      item.iconPath = vscode.ThemeIcon.File;
      item.resourceUri = vscode.Uri.from({ scheme: 'hf-tree', path: `/${node.entry.path}` });
      item.description = `${fileSize(node.entry.size)}${node.entry.lfs ? ' · LFS' : ''}`;
      const facts = `${withoutBidiControls(node.entry.path)} — ${groupedNumber(node.entry.size)} bytes${node.entry.lfs ? ', stored with Git LFS' : ''}`;
      // Text and other small files open in a read-only editor; weights and big files open on the Hub instead.
      const refusal = documentRefusal(node.entry);
      item.tooltip = refusal ? `${facts}\n${refusal} Select to open it on Hugging Face.` : facts;
      item.contextValue = `file${node.entry.lfs ? ' lfs' : ''}${refusal ? '' : ' openable'}`;
      item.command = refusal
        ? { command: 'huggingface.openFileOnHub' satisfies CommandId, title: 'Open on Hugging Face', arguments: [node] }
        : { command: 'huggingface.openFile' satisfies CommandId, title: 'Open', arguments: [node] };
      item.accessibilityInformation = { label: `file ${node.entry.path}, ${fileSize(node.entry.size)}` };
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('Load more…');
      item.id = `${node.source.key}/loadMore/${node.source.list.pages}`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { command: 'huggingface.loadMore' satisfies CommandId, title: 'Load More', arguments: [node] };
      item.contextValue = 'loadMore';
      item.tooltip = `Load the next page of ${REPO_TYPE_PLURAL[type]}`;
      return item;
    }
    case 'error': {
      const message = withoutBidiControls(node.error.message); // it can quote the server, like any Hub text
      const item = new vscode.TreeItem(message);
      item.id = `${node.key}/error`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.description = 'Retry';
      item.tooltip = `${message}\nSelect to retry.`;
      item.contextValue = 'error';
      item.command = { command: 'huggingface.retry' satisfies CommandId, title: 'Retry', arguments: [node] };
      item.accessibilityInformation = { label: `Error: ${message}. Press Enter to retry.` };
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(withoutBidiControls(node.text));
      item.id = `${node.key}/message`;
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * When the age shown in a row's description ("5m", "3h", "2d", …: minutes within the first hour, hours within the
 * first day, whole days or coarser after) may next read differently; never for a repo without a date.
 */
export function ageChangesAt(lastModified: Date | undefined, now: number): number {
  if (!lastModified) {
    return Infinity;
  }
  const since = Math.max(0, now - lastModified.getTime());
  const unit = since < 3_600_000 ? 60_000 : since < 86_400_000 ? 3_600_000 : 86_400_000;
  return lastModified.getTime() + (Math.floor(since / unit) + 1) * unit;
}

/** `cached`: the repo is in the local Hugging Face cache (src/localCache/model.ts writes the mark). */
export function repoItem(node: RepoNode, cached?: CacheMark): vscode.TreeItem {
  const repo = node.repo;
  const item = new vscode.TreeItem(repo.id, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.source.key}/${repo.id}`;
  const badges = [repo.gated ? 'gated' : undefined, repo.private ? 'private' : undefined].filter(Boolean).join(' · ');
  const description = withoutBidiControls(describeRepo(repo));
  const described = badges ? `${badges} · ${description}` : description;
  item.description = cached ? `✓ ${cached.description} · ${described}` : described;
  item.iconPath = repoIcon(repo);
  item.contextValue = repoContextValue(repo);
  item.accessibilityInformation = { label: accessibleLabel(repo) + (cached ? `, ${cached.label}` : '') };
  item.command = { command: 'huggingface.openRepo' satisfies CommandId, title: 'Open', arguments: [node] };
  return item;
}

/** Hover text from untrusted repo data: appended as text, so nothing in it is read as markdown, HTML or a command link. */
export function repoTooltip(repo: RepoSummary, cached?: CacheMark): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(repo.id).appendMarkdown('**\n\n');
  const rows: [string, string | undefined][] = [
    ['Author', repo.author],
    ['Task', repo.task],
    ['Library', repo.library],
    ['Parameters', repo.params ? `${groupedNumber(repo.params)} (${compactNumber(repo.params)})` : undefined],
    ['SDK', repo.sdk],
    ['Status', repo.stage],
    ['License', repo.tags.find((t) => t.startsWith('license:'))?.slice('license:'.length)],
    ['Gated', repo.gated ? `yes (${repo.gated} approval)` : undefined],
    ['Private', repo.private ? 'yes' : undefined],
    ['Downloads (30 days)', (repo.downloads === undefined ? undefined : groupedNumber(repo.downloads))],
    ['Likes', groupedNumber(repo.likes)],
    ['Last modified', repo.lastModified?.toISOString().slice(0, 10)],
  ];
  for (const [label, value] of rows) {
    if (value) {
      md.appendMarkdown(`${label}: `).appendText(withoutBidiControls(value)).appendMarkdown('  \n');
    }
  }
  const tags = repo.tags.filter((t) => !t.startsWith('license:')).slice(0, 12);
  if (tags.length) {
    md.appendMarkdown('\nTags: ').appendText(withoutBidiControls(tags.join(', ')));
  }
  if (cached) {
    md.appendMarkdown('\n\n').appendText(cached.tooltip);
  }
  return md;
}
