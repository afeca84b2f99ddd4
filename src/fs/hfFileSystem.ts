import * as vscode from 'vscode';
import { notificationText } from '../hub/format';
import { documentRefusal } from '../hub/hfUri';
import type { RepoType } from '../hub/repoId';
import type { FileEntry } from '../hub/types';
import type * as HfFilesChunk from './hfFiles.lazy';

type Chunk = typeof HfFilesChunk;

/**
 * The read-only `hf:` file system (URI shape in src/hub/hfUri.ts): repo files open as documents in normal editors.
 * Registering it costs nothing: the reading code (hfFiles.lazy.ts) loads, and the Hub is asked, only when a file or
 * folder is read. Every change is refused.
 */
export class HfFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  /** Never fires: a document shows the revision as it was read. */
  readonly onDidChangeFile = this.changed.event;
  private files?: Promise<HfFilesChunk.HfFiles>;

  constructor(
    private readonly deps: HfFilesChunk.HfFilesDeps,
    private readonly load: () => Promise<Chunk> = () => import('./hfFiles.lazy'),
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return (await this.reader()).stat(uri);
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.reader()).readDirectory(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.reader()).readFile(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw readOnly(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw readOnly(uri);
  }

  delete(uri: vscode.Uri): never {
    throw readOnly(uri);
  }

  rename(uri: vscode.Uri): never {
    throw readOnly(uri);
  }

  private reader(): Promise<HfFilesChunk.HfFiles> {
    this.files ??= this.load().then(
      (chunk) => new chunk.HfFiles(this.deps),
      (e: unknown) => {
        this.files = undefined;
        throw e;
      },
    );
    return this.files;
  }
}

/**
 * Opens a repo file from the tree in a read-only editor tab (a preview, replaced by the next file opened). Files the
 * editor would not show (weights, anything over the size cap) are not downloaded: a message offers the Hub page.
 */
export async function openRepoFile(
  repo: { type: RepoType; id: string },
  entry: FileEntry,
  openOnHub: () => Promise<void>,
): Promise<'opened' | 'refused'> {
  const refusal = documentRefusal(entry);
  if (refusal) {
    void vscode.window.showInformationMessage(notificationText(refusal), 'Open on Hugging Face').then((choice) => choice && openOnHub());
    return 'refused';
  }
  await (await import('./hfFiles.lazy')).openInEditor(repo, entry.path);
  return 'opened';
}

function readOnly(uri: vscode.Uri): vscode.FileSystemError {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return vscode.FileSystemError.NoPermissions(`${name} is read-only: files on the Hugging Face Hub cannot be changed from the editor.`);
}
