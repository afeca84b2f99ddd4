// Builds a Hugging Face cache by hand, in huggingface_hub's documented layout: `<type>s--owner--name/` with
// `blobs/<sha256>`, `refs/<ref>` holding the commit and `snapshots/<commit>/<path>` as relative symlinks to the blobs.
// Our own data (small text files), for the unit and Extension Host tests of the Local Cache view.
import { createHash } from 'node:crypto';
import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, relative, dirname } from 'node:path';

export interface HandFile {
  path: string;
  content: string;
}

export interface HandRevision {
  commit: string;
  refs: string[];
  files: HandFile[];
}

export interface HandRepo {
  type: 'model' | 'dataset' | 'space';
  id: string;
  revisions: HandRevision[];
  /** `blobs/<name>.incomplete` files: bytes so far and how long ago they were last written. */
  incomplete?: { name: string; bytes: number; ageMs: number }[];
}

const PREFIX = { model: 'models', dataset: 'datasets', space: 'spaces' } as const;

export function commitOf(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

export function blobName(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Writes the repos under `dir`; returns each repo folder by id. */
export async function buildCache(dir: string, repos: readonly HandRepo[]): Promise<Record<string, string>> {
  const folders: Record<string, string> = {};
  for (const repo of repos) {
    const root = join(dir, [PREFIX[repo.type], ...repo.id.split('/')].join('--'));
    folders[repo.id] = root;
    await mkdir(join(root, 'blobs'), { recursive: true });
    for (const revision of repo.revisions) {
      for (const ref of revision.refs) {
        await mkdir(dirname(join(root, 'refs', ref)), { recursive: true });
        await writeFile(join(root, 'refs', ref), revision.commit);
      }
      const snapshot = join(root, 'snapshots', revision.commit);
      for (const file of revision.files) {
        const blob = join(root, 'blobs', blobName(file.content));
        await writeFile(blob, file.content);
        const link = join(snapshot, ...file.path.split('/'));
        await mkdir(dirname(link), { recursive: true });
        await symlink(relative(dirname(link), blob), link);
      }
      await mkdir(snapshot, { recursive: true });
    }
    for (const partial of repo.incomplete ?? []) {
      const path = join(root, 'blobs', `${partial.name}.incomplete`);
      await writeFile(path, 'x'.repeat(partial.bytes));
      const when = new Date(Date.now() - partial.ageMs);
      await utimes(path, when, when);
    }
  }
  return folders;
}

/** A cache of three repos: a model with two revisions (one detached) sharing a blob, a dataset, and a stale partial. */
export function sampleRepos(): HandRepo[] {
  const config = '{"model_type":"gpt2"}\n';
  return [
    {
      type: 'model',
      id: 'hub-test/tiny',
      revisions: [
        {
          commit: commitOf('tiny-main'),
          refs: ['main', 'refs/pr/1'],
          files: [
            { path: 'config.json', content: config },
            { path: 'model.safetensors', content: 'w'.repeat(5000) },
            { path: 'tokenizer/vocab.txt', content: 'a\nb\nc\n' },
          ],
        },
        {
          commit: commitOf('tiny-old'),
          refs: [],
          files: [
            { path: 'config.json', content: config },
            { path: 'model.safetensors', content: 'o'.repeat(3000) },
          ],
        },
      ],
      incomplete: [{ name: blobName('never finished'), bytes: 700, ageMs: 3 * 24 * 3600 * 1000 }],
    },
    {
      type: 'dataset',
      id: 'hub-test/rows.v1',
      revisions: [{ commit: commitOf('rows'), refs: ['main'], files: [{ path: 'data/train.csv', content: 'a,b\n1,2\n' }] }],
    },
    {
      type: 'model',
      id: 'solo',
      revisions: [{ commit: commitOf('solo'), refs: ['v1.0'], files: [{ path: 'README.md', content: '# solo\n' }] }],
      incomplete: [{ name: blobName('in progress'), bytes: 100, ageMs: 60_000 }],
    },
  ];
}
