/**
 * The work behind the `hf:` file system, in a chunk of its own (dist/hfFiles.lazy.js) that loads when the first `hf:`
 * document or folder is read, so activation only registers the provider.
 */
import * as vscode from 'vscode';
import type { HubClient } from '../hub/client';
import { asHubError } from '../hub/errors';
import { DEFAULT_REVISION, documentRefusal, formatHfUri, HF_SCHEME, MAX_DOCUMENT_BYTES, parseHfUri, type HfRef } from '../hub/hfUri';
import type { RepoType } from '../hub/repoId';
import type { FileEntry } from '../hub/types';
import type { Log } from '../log';

export interface HfFilesDeps {
  client: () => HubClient;
  log: Log;
}

interface Listing {
  entries: FileEntry[];
  truncated: boolean;
}

/** How long a folder listing is reused: stat, readDirectory and readFile of one file need one listing between them. */
const LISTING_TTL_MS = 5 * 60_000;
const MAX_LISTINGS = 200;

export function hfUri(ref: HfRef): vscode.Uri {
  return vscode.Uri.from({ scheme: HF_SCHEME, ...formatHfUri(ref) });
}

/** Opens a repo file at the default revision in a preview tab, with the editor VS Code picks for it (text, image…). */
export async function openInEditor(repo: { type: RepoType; id: string }, path: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', hfUri({ ...repo, path, revision: DEFAULT_REVISION }), { preview: true });
}

/**
 * Reads repo files for the `hf:` provider: types and sizes from the repo's file tree (one listing per folder, reused
 * for a while), contents from `/resolve/` through the Hub client, so the token, deadlines, retries and redirect rules
 * apply. Weights and other big files are refused before any download.
 */
export class HfFiles {
  private readonly listings = new Map<string, { at: number; listing: Promise<Listing> }>();

  constructor(private readonly deps: HfFilesDeps) {}

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = refOf(uri);
    const entry = await this.entry(ref);
    return {
      type: entry.type === 'directory' ? vscode.FileType.Directory : vscode.FileType.File,
      size: entry.type === 'directory' ? 0 : entry.size,
      ctime: 0,
      mtime: 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const ref = refOf(uri);
    if ((await this.entry(ref)).type !== 'directory') {
      throw vscode.FileSystemError.FileNotADirectory(`${where(ref)} is a file, not a folder.`);
    }
    const { entries } = await this.listing(ref, ref.path);
    return entries.map((e) => [basename(e.path), e.type === 'directory' ? vscode.FileType.Directory : vscode.FileType.File]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = refOf(uri);
    const entry = await this.entry(ref);
    if (entry.type === 'directory') {
      throw vscode.FileSystemError.FileIsADirectory(`${where(ref)} is a folder.`);
    }
    const refusal = documentRefusal(entry);
    if (refusal) {
      throw vscode.FileSystemError.Unavailable(`${refusal} Use "Open File on Hugging Face" in the Hugging Face view.`);
    }
    try {
      return await this.deps.client().fileBytes(ref.type, ref.id, ref.path, ref.revision, { maxBytes: MAX_DOCUMENT_BYTES });
    } catch (e) {
      throw this.fail(e, ref);
    }
  }

  /** The tree entry of a file or folder, from its parent's listing; the repo's root is a folder once it lists. */
  private async entry(ref: HfRef): Promise<FileEntry> {
    if (!ref.path) {
      await this.listing(ref, '');
      return { path: '', type: 'directory', size: 0, lfs: false };
    }
    const parent = ref.path.includes('/') ? ref.path.slice(0, ref.path.lastIndexOf('/')) : '';
    const { entries, truncated } = await this.listing(ref, parent);
    const entry = entries.find((e) => e.path === ref.path);
    if (entry) {
      return entry;
    }
    if (truncated) {
      // Past the listing's cap: read as a file of unknown size (the download itself is capped).
      return { path: ref.path, type: 'file', size: 0, lfs: false };
    }
    throw vscode.FileSystemError.FileNotFound(`${where(ref)} does not exist.`);
  }

  private listing(ref: HfRef, path: string): Promise<Listing> {
    const client = this.deps.client();
    const key = JSON.stringify([client.endpoint, ref.type, ref.id, ref.revision, path]);
    const cached = this.listings.get(key);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) {
      return cached.listing;
    }
    const listing = client.files(ref.type, ref.id, { revision: ref.revision, path: path || undefined }).catch((e: unknown) => {
      this.listings.delete(key);
      throw this.fail(e, { ...ref, path });
    });
    this.listings.delete(key);
    this.listings.set(key, { at: Date.now(), listing });
    if (this.listings.size > MAX_LISTINGS) {
      this.listings.delete(this.listings.keys().next().value!);
    }
    return listing;
  }

  /** A Hub failure as the file-system error VS Code understands, with a message naming the file. */
  private fail(e: unknown, ref: HfRef): vscode.FileSystemError {
    const error = asHubError(e);
    const message = `${where(ref)}: ${error.message}`;
    this.deps.log.warn(`Reading ${message}`);
    switch (error.kind) {
      case 'notFound':
        return vscode.FileSystemError.FileNotFound(message);
      case 'gated':
      case 'unauthorized':
      case 'forbidden':
        return vscode.FileSystemError.NoPermissions(message);
      default:
        return vscode.FileSystemError.Unavailable(message);
    }
  }
}

function refOf(uri: vscode.Uri): HfRef {
  const parsed = parseHfUri({ path: uri.path, query: uri.query });
  if (!parsed.ok) {
    throw vscode.FileSystemError.FileNotFound(parsed.problem);
  }
  return parsed.ref;
}

/** "config.json in google-bert/bert-base-uncased", with the revision unless it is the default. */
function where(ref: HfRef): string {
  return `${ref.path || 'The root folder'} in ${ref.id}${ref.revision === DEFAULT_REVISION ? '' : ` at ${ref.revision}`}`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
