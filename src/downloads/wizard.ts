// "Download…": one QuickPick wizard, keyboard only, Back on every step after the first. What (the whole repo, a preset,
// chosen files grouped by folder, or include/exclude patterns), then the revision, then a confirmation that says what
// will move before anything does. Returns the plan the user confirmed, or undefined.
import { asHubError } from '../hub/errors';
import { fileSize, notificationText, withoutBidiControls } from '../hub/format';
import { revisionProblem, type RepoType } from '../hub/repoId';
import type { Destination, DownloadPlan, RemoteFile } from '../hfcache/types';
import type { DownloadCore, PlanRequest } from './core';
import { BACK, type PickItem, type Prompter } from './prompter';
import { confirmationLines } from './text';

export interface DownloadTarget {
  type: RepoType;
  id: string;
  /** A file or folder of the repo (a tree row): the download is that file, or everything under that folder. */
  path?: { path: string; kind: 'file' | 'directory' };
  revision?: string;
}

export type Selection =
  | { kind: 'all' }
  | { kind: 'patterns'; include: string[]; exclude: string[] }
  | { kind: 'paths'; paths: string[] }
  | { kind: 'folder'; path: string };

export interface WizardDeps {
  core: DownloadCore;
  ui: Prompter;
  /** Free bytes on the disk holding `dir` (its nearest existing parent), or undefined when it cannot be told. */
  freeBytes: (dir: string) => Promise<number | undefined>;
}

interface Listing {
  commit?: string;
  files: RemoteFile[];
}

const DEFAULT_REVISION = 'main';

export function selectFiles(core: DownloadCore, files: readonly RemoteFile[], selection: Selection): RemoteFile[] {
  switch (selection.kind) {
    case 'all':
      return [...files];
    case 'patterns':
      return files.filter((f) => core.matches(f.path, selection.include, selection.exclude));
    case 'paths': {
      const wanted = new Set(selection.paths);
      return files.filter((f) => wanted.has(f.path));
    }
    case 'folder':
      return files.filter((f) => f.path.startsWith(`${selection.path}/`));
  }
}

function summary(files: readonly RemoteFile[]): string {
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  return `${files.length === 1 ? '1 file' : `${files.length} files`} · ${fileSize(bytes)}`;
}

/** Patterns as `hf download` takes them: separated by spaces or commas. */
export function parsePatterns(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export class DownloadWizard {
  private readonly listings = new Map<string, Promise<Listing>>();

  constructor(
    private readonly deps: WizardDeps,
    private readonly target: DownloadTarget,
    private readonly destination: Destination,
  ) {}

  async run(): Promise<{ request: PlanRequest; plan: DownloadPlan } | undefined> {
    const fixed: Selection | undefined = this.target.path
      ? this.target.path.kind === 'file'
        ? { kind: 'paths', paths: [this.target.path.path] }
        : { kind: 'folder', path: this.target.path.path }
      : undefined;
    let selection: Selection | undefined = fixed;
    let revision = this.target.revision ?? DEFAULT_REVISION;
    let step: 'what' | 'revision' | 'confirm' = fixed ? 'revision' : 'what';
    for (;;) {
      if (step === 'what') {
        const listing = await this.listing(revision);
        if (!listing) {
          return undefined;
        }
        const chosen = await this.chooseWhat(listing.files);
        if (chosen === undefined) {
          return undefined;
        }
        selection = chosen;
        step = 'revision';
      } else if (step === 'revision') {
        const chosen = await this.chooseRevision(revision, !fixed);
        if (chosen === undefined) {
          return undefined;
        }
        if (chosen === BACK) {
          step = 'what';
          continue;
        }
        revision = chosen;
        step = 'confirm';
      } else {
        const listing = await this.listing(revision);
        if (!listing) {
          step = 'revision';
          continue;
        }
        const files = selectFiles(this.deps.core, listing.files, selection ?? { kind: 'all' });
        if (files.length === 0) {
          void this.deps.ui.notify('warning', `No file of ${this.target.id} at ${revision} is in the selection.`, []);
          step = fixed ? 'revision' : 'what';
          continue;
        }
        const request: PlanRequest = { type: this.target.type, id: this.target.id, revision, commit: listing.commit, files, destination: this.destination };
        const plan = await this.deps.core.plan(request);
        const answer = await this.confirm(plan);
        if (answer === 'download') {
          return { request, plan };
        }
        if (answer === undefined) {
          return undefined;
        }
        step = 'revision';
      }
    }
  }

  /** The repo's files at `revision`, listed once per wizard; a failure says why and offers Retry. */
  private async listing(revision: string): Promise<Listing | undefined> {
    for (;;) {
      let pending = this.listings.get(revision);
      if (!pending) {
        pending = this.deps.core.listFiles(this.target.type, this.target.id, revision);
        this.listings.set(revision, pending);
      }
      try {
        return await pending;
      } catch (e) {
        this.listings.delete(revision);
        const message = notificationText(`Could not list the files of ${this.target.id} at ${revision}: ${asHubError(e).message}`);
        if ((await this.deps.ui.notify('error', message, ['Retry'])) !== 'Retry') {
          return undefined;
        }
      }
    }
  }

  private async chooseWhat(files: RemoteFile[]): Promise<Selection | undefined> {
    for (;;) {
      type Choice = { kind: 'selection'; selection: Selection } | { kind: 'choose' } | { kind: 'patterns' };
      const items: PickItem<Choice>[] = [{ label: '$(repo) Whole repo', description: summary(files), value: { kind: 'selection', selection: { kind: 'all' } } }];
      for (const preset of this.deps.core.presets) {
        const selection: Selection = { kind: 'patterns', include: [...preset.include], exclude: [...preset.exclude] };
        const matched = selectFiles(this.deps.core, files, selection);
        if (matched.length > 0 && matched.length < files.length) {
          items.push({ label: `$(filter) ${preset.label}`, description: summary(matched), detail: preset.detail, value: { kind: 'selection', selection } });
        }
      }
      items.push({ label: '$(checklist) Choose files…', description: 'pick files by name, with their sizes', value: { kind: 'choose' } });
      items.push({ label: '$(regex) Include / exclude patterns…', description: 'globs, as hf download --include / --exclude', value: { kind: 'patterns' } });
      const choice = await this.deps.ui.pick({ step: 'what', title: `Download ${this.target.id}`, placeholder: 'What to download', items, canGoBack: false });
      if (choice === undefined || choice === BACK) {
        return undefined;
      }
      if (choice.kind === 'selection') {
        return choice.selection;
      }
      const detailed = choice.kind === 'choose' ? await this.chooseFiles(files) : await this.choosePatterns(files);
      if (detailed === undefined) {
        return undefined;
      }
      if (detailed !== BACK) {
        return detailed;
      }
    }
  }

  private async chooseFiles(files: RemoteFile[]): Promise<Selection | typeof BACK | undefined> {
    const items: PickItem<string>[] = [];
    let folder: string | undefined;
    for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
      const slash = file.path.lastIndexOf('/');
      const dir = slash < 0 ? '' : file.path.slice(0, slash);
      if (dir !== folder) {
        folder = dir;
        if (dir !== '') {
          items.push({ label: withoutBidiControls(dir), value: '', separator: true });
        }
      }
      items.push({ label: withoutBidiControls(file.path.slice(slash + 1)), description: fileSize(file.size), value: file.path });
    }
    for (;;) {
      const chosen = await this.deps.ui.pickMany({ step: 'files', title: `Download ${this.target.id}: choose files`, placeholder: 'Space to select, Enter to go on', items, canGoBack: true });
      if (chosen === undefined || chosen === BACK) {
        return chosen;
      }
      if (chosen.length > 0) {
        return { kind: 'paths', paths: chosen };
      }
    }
  }

  private async choosePatterns(files: RemoteFile[]): Promise<Selection | typeof BACK | undefined> {
    const title = `Download ${this.target.id}: patterns`;
    let include = '';
    for (;;) {
      const inc = await this.deps.ui.input({
        step: 'include',
        title,
        prompt: 'Include: files matching any of these globs (empty: all files), e.g. *.safetensors *.json',
        value: include,
        canGoBack: true,
        validate: (value) => (selectFiles(this.deps.core, files, { kind: 'patterns', include: parsePatterns(value), exclude: [] }).length === 0 ? 'No file matches.' : undefined),
      });
      if (inc === undefined || inc === BACK) {
        return inc;
      }
      include = inc;
      const exc = await this.deps.ui.input({
        step: 'exclude',
        title,
        prompt: 'Exclude: leave out files matching any of these globs (empty: none), e.g. *.bin onnx/*',
        value: '',
        canGoBack: true,
        validate: (value) =>
          selectFiles(this.deps.core, files, { kind: 'patterns', include: parsePatterns(include), exclude: parsePatterns(value) }).length === 0 ? 'That leaves no file.' : undefined,
      });
      if (exc === undefined) {
        return undefined;
      }
      if (exc !== BACK) {
        return { kind: 'patterns', include: parsePatterns(include), exclude: parsePatterns(exc) };
      }
    }
  }

  private chooseRevision(current: string, canGoBack: boolean): Promise<string | typeof BACK | undefined> {
    const revisions = [...new Set([current, DEFAULT_REVISION])];
    return this.deps.ui.pick({
      step: 'revision',
      title: `Download ${this.target.id}: revision`,
      placeholder: 'A branch, tag or commit (type one); Enter for the highlighted one',
      items: revisions.map((rev) => ({ label: withoutBidiControls(rev), description: rev === DEFAULT_REVISION ? 'default branch' : undefined, value: rev })),
      canGoBack,
      typed: (value) => {
        const problem = revisionProblem(value);
        return problem ? { problem } : revisions.includes(value) ? undefined : { label: withoutBidiControls(value), description: 'the revision typed', value };
      },
    });
  }

  private async confirm(plan: DownloadPlan): Promise<'download' | 'back' | undefined> {
    const free = await this.deps.freeBytes(plan.destination.dir);
    const warning = free === undefined ? undefined : this.deps.core.diskWarning(plan, free);
    const lines = confirmationLines(plan, warning);
    const answer = await this.deps.ui.pick<'download' | 'back'>({
      step: 'confirm',
      title: lines.title,
      placeholder: `${lines.summary}. Nothing moves before you confirm.`,
      items: [
        { label: `$(cloud-download) Download ${lines.summary}`, detail: lines.detail.join(' — '), value: 'download' },
        { label: '$(arrow-left) Change the selection or revision', value: 'back' },
      ],
      canGoBack: true,
    });
    return answer === BACK ? 'back' : answer;
  }
}
