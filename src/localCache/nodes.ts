// The rows of the Local Cache view as data, and how each looks. Every id and path shown comes from folder and file
// names some tool wrote, so it is shown as text without bidirectional controls.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import type { CachedFile, CachedRepo, CachedRevision, IncompleteFile } from '../hfcache/types';
import { fileSize, groupedNumber, withoutBidiControls } from '../hub/format';
import { REPO_TYPE_ICON } from '../hub/repoId';
import { cachedRepoLabel, cachedRepoTooltip, describeCachedRepo, describeRevision, revisionName, sortRevisions } from './model';

export type CacheNode =
  | { kind: 'repo'; repo: CachedRepo }
  | { kind: 'revision'; repo: CachedRepo; revision: CachedRevision }
  | { kind: 'file'; repo: CachedRepo; revision: CachedRevision; file: CachedFile }
  | { kind: 'partials'; repo: CachedRepo }
  | { kind: 'partial'; repo: CachedRepo; file: IncompleteFile }
  | { kind: 'message'; text: string; error?: boolean };

export function childrenOf(node: CacheNode): CacheNode[] {
  switch (node.kind) {
    case 'repo': {
      const rows: CacheNode[] = sortRevisions(node.repo.revisions).map((revision) => ({ kind: 'revision', repo: node.repo, revision }));
      return node.repo.incomplete.length ? [...rows, { kind: 'partials', repo: node.repo }] : rows;
    }
    case 'revision':
      return [...node.revision.files]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((file) => ({ kind: 'file', repo: node.repo, revision: node.revision, file }));
    case 'partials':
      return node.repo.incomplete.map((file) => ({ kind: 'partial', repo: node.repo, file }));
    default:
      return [];
  }
}

/** A stable id per row, so expansion and selection survive a rescan. */
export function nodeId(node: CacheNode): string {
  switch (node.kind) {
    case 'repo':
      return `${node.repo.type}/${node.repo.id}`;
    case 'revision':
      return `${node.repo.type}/${node.repo.id}@${node.revision.commit}`;
    case 'file':
      return `${node.repo.type}/${node.repo.id}@${node.revision.commit}/${node.file.path}`;
    case 'partials':
      return `${node.repo.type}/${node.repo.id}#partials`;
    case 'partial':
      return `${node.repo.type}/${node.repo.id}#partial/${node.file.path}`;
    case 'message':
      return `message/${node.text}`;
  }
}

/** The folder or file a row stands for on disk, for Reveal and Copy Path. */
export function nodePath(node: CacheNode): string | undefined {
  switch (node.kind) {
    case 'repo':
      return node.repo.path;
    case 'revision':
      return node.revision.snapshotPath;
    case 'file':
      return path.join(node.revision.snapshotPath, ...node.file.path.split('/'));
    case 'partial':
      return node.file.path;
    default:
      return undefined;
  }
}

export function cacheItem(node: CacheNode, now: Date): vscode.TreeItem {
  const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'repo': {
      item = new vscode.TreeItem(withoutBidiControls(node.repo.id), collapsed);
      item.description = describeCachedRepo(node.repo, now);
      item.tooltip = cachedRepoTooltip(node.repo);
      item.iconPath = new vscode.ThemeIcon(REPO_TYPE_ICON[node.repo.type]);
      item.contextValue = 'cachedRepo';
      item.accessibilityInformation = { label: cachedRepoLabel(node.repo) };
      break;
    }
    case 'revision': {
      const name = revisionName(node.revision);
      item = new vscode.TreeItem(name, node.revision.files.length ? collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = describeRevision(node.revision);
      item.tooltip = `${node.revision.commit}${node.revision.refs.length ? ` (${name})` : ' (detached: no ref points at it)'}\n${withoutBidiControls(node.revision.snapshotPath)}`;
      item.iconPath = new vscode.ThemeIcon(node.revision.refs.length ? 'git-commit' : 'debug-disconnect');
      item.contextValue = node.revision.refs.length ? 'cachedRevision' : 'cachedRevision detached';
      item.accessibilityInformation = { label: `revision ${name}, ${item.description}` };
      break;
    }
    case 'file': {
      item = new vscode.TreeItem(withoutBidiControls(node.file.path));
      item.description = fileSize(node.file.size);
      item.tooltip = `${withoutBidiControls(node.file.path)}: ${groupedNumber(node.file.size)} bytes`;
      item.iconPath = vscode.ThemeIcon.File;
      item.resourceUri = vscode.Uri.file(nodePath(node) ?? '');
      item.contextValue = 'cachedFile';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
      item.accessibilityInformation = { label: `file ${node.file.path}, ${fileSize(node.file.size)}` };
      break;
    }
    case 'partials': {
      const bytes = node.repo.incomplete.reduce((a, f) => a + f.size, 0);
      item = new vscode.TreeItem('Partial downloads', collapsed);
      item.description = `${node.repo.incomplete.length} · ${fileSize(bytes)}`;
      item.tooltip = 'Downloads that stopped before they finished (blobs/*.incomplete); a later download resumes them, Prune removes stale ones.';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'cachedPartials';
      break;
    }
    case 'partial': {
      item = new vscode.TreeItem(withoutBidiControls(path.basename(node.file.path)));
      item.description = fileSize(node.file.size);
      item.tooltip = `${withoutBidiControls(node.file.path)}: ${groupedNumber(node.file.size)} bytes so far`;
      item.iconPath = new vscode.ThemeIcon('loading');
      item.contextValue = 'cachedPartial';
      break;
    }
    case 'message': {
      item = new vscode.TreeItem(withoutBidiControls(node.text));
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      if (node.error) {
        item.command = { command: 'huggingface.localCache.refresh' satisfies CommandId, title: 'Retry' };
        item.description = 'Retry';
      }
      break;
    }
  }
  item.id = nodeId(node);
  return item;
}
