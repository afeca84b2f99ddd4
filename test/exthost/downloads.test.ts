// Downloads, the VS Code shell: the wizard's questions and the confirmation (what, how much, how much is already there,
// where), the access check before anything moves, the queue (two at a time), cancel, and a failure offering Retry once.
// A scripted Prompter answers the QuickPicks and records every notification; the core is a scripted one here, so each
// test decides what the disk holds and when bytes arrive. The embedded Hub answers the access checks.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { DownloadCore, PlanRequest, RunOptions } from '../../src/downloads/core';
import { DownloadService as Downloads, type DownloadStart } from '../../src/downloads/downloads.lazy';
import { hfcacheCore } from '../../src/downloads/hfcacheCore';
import { BACK, type InputStep, type PickStep, type Prompter } from '../../src/downloads/prompter';
import type { DownloadJob, ProgressHost } from '../../src/downloads/queue';
import { confirmationLines, progressLine } from '../../src/downloads/text';
import { HubClient } from '../../src/hub/client';
import { HubError } from '../../src/hub/errors';
import { fileSize } from '../../src/hub/format';
import type { DownloadPlan, DownloadResult, RemoteFile } from '../../src/hfcache/types';
import { useToken, waitFor, withHub } from './helpers';

const MB = 1_000_000;
const FILES: RemoteFile[] = [
  { path: '.gitattributes', size: 1_519, oid: 'a'.repeat(40) },
  { path: 'config.json', size: 665, oid: 'b'.repeat(40) },
  { path: 'model.safetensors', size: 548 * MB, oid: 'c'.repeat(40), lfs: { oid: 'd'.repeat(64), size: 548 * MB } },
  { path: 'onnx/model.onnx', size: 650 * MB, oid: 'e'.repeat(40), lfs: { oid: 'f'.repeat(64), size: 650 * MB } },
  { path: 'onnx/config.json', size: 700, oid: '1'.repeat(40) },
  { path: 'tokenizer.json', size: 1_356_917, oid: '2'.repeat(40) },
];
const COMMIT = '607a30d783dfa663caf39e06633721c8d4cfcd7e';

/** `hf download` globs: `*` and `?` match any character, `/` included (fnmatch). Linear enough for these short names. */
function glob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') {
    p++;
  }
  return p === pattern.length;
}

/** A core whose disk is a set of cached paths and whose transfers the test releases by hand. */
class ScriptedCore implements DownloadCore {
  readonly presets = [
    { label: 'Weights as safetensors', include: ['*.safetensors', '*.json'], exclude: [] },
    { label: 'Config and tokenizer only', include: ['*.json', '*.txt', '*.model'], exclude: [] },
  ];
  cached = new Set<string>();
  listed = 0;
  runs: DownloadPlan[] = [];
  /** Thrown by the next runs, one each. */
  failures: Error[] = [];
  private releases: (() => void)[] = [];

  matches(path: string, include: readonly string[], exclude: readonly string[]): boolean {
    return (include.length === 0 || include.some((p) => glob(p, path))) && !exclude.some((p) => glob(p, path));
  }
  cacheDir(): string {
    return '/tmp/hf-cache-test/hub';
  }
  async listFiles(): Promise<{ commit?: string; files: RemoteFile[] }> {
    this.listed++;
    return { commit: COMMIT, files: FILES };
  }
  async plan(request: PlanRequest): Promise<DownloadPlan> {
    const files = request.files.map((f) => ({ ...f, etag: f.lfs?.oid ?? f.oid, cached: this.cached.has(f.path), partialBytes: 0 }));
    const totalBytes = files.reduce((s, f) => s + f.size, 0);
    const cachedBytes = files.filter((f) => f.cached).reduce((s, f) => s + f.size, 0);
    return { type: request.type, id: request.id, revision: request.revision, commit: request.commit ?? '', destination: request.destination, files, totalBytes, cachedBytes, fetchBytes: totalBytes - cachedBytes };
  }
  run(plan: DownloadPlan, options: RunOptions): Promise<DownloadResult> {
    this.runs.push(plan);
    const failure = this.failures.shift();
    return new Promise((resolve, reject) => {
      options.onProgress({ file: plan.files[0].path, fileBytes: 0, fileTotal: plan.files[0].size, bytes: plan.cachedBytes, total: plan.totalBytes, filesDone: 0, filesTotal: plan.files.length });
      options.signal.addEventListener('abort', () => reject(new DOMException('The download was cancelled.', 'AbortError')));
      this.releases.push(() => {
        if (failure) {
          reject(failure);
          return;
        }
        plan.files.forEach((f) => this.cached.add(f.path));
        resolve({ path: `${plan.destination.dir}/models--${plan.id.replace('/', '--')}/snapshots/${plan.commit}`, commit: plan.commit, filesWritten: plan.files.length, bytesWritten: plan.fetchBytes });
      });
    });
  }
  diskWarning(plan: DownloadPlan, freeBytes: number): string | undefined {
    return plan.fetchBytes > freeBytes / 2 ? `Only ${freeBytes} bytes free` : undefined;
  }
  /** Lets the oldest waiting transfer end. */
  release(): void {
    const next = this.releases.shift();
    assert.ok(next, 'a transfer is waiting');
    next();
  }
  get waiting(): number {
    return this.releases.length;
  }
}

type Answer = unknown;

/** Answers each step from a script (by step name, in order) and records what was asked and said. */
class ScriptedPrompter implements Prompter {
  asked: PickStep<unknown>[] = [];
  inputs: InputStep[] = [];
  notes: { kind: string; text: string; actions: readonly string[] }[] = [];
  /** What to answer a notification whose text includes the key. */
  noteAnswers = new Map<string, string>();
  constructor(public script: [string, (items: PickStep<unknown>['items']) => Answer][] = []) {}

  private next(step: string, items: PickStep<unknown>['items']): Answer {
    const entry = this.script.shift();
    assert.ok(entry, `the script has an answer for step "${step}"`);
    assert.equal(entry[0], step, `the wizard asked "${step}"`);
    return entry[1](items);
  }
  async pick<T>(step: PickStep<T>): Promise<T | typeof BACK | undefined> {
    this.asked.push(step);
    return this.next(step.step, step.items) as T | typeof BACK | undefined;
  }
  async pickMany<T>(step: PickStep<T>): Promise<T[] | typeof BACK | undefined> {
    this.asked.push(step);
    return this.next(step.step, step.items) as T[] | typeof BACK | undefined;
  }
  async input(step: InputStep): Promise<string | typeof BACK | undefined> {
    this.inputs.push(step);
    return this.next(step.step, []) as string | typeof BACK | undefined;
  }
  async folder(): Promise<string | undefined> {
    return '/tmp/hf-folder-test';
  }
  async notify(kind: 'info' | 'warning' | 'error', text: string, actions: readonly string[]): Promise<string | undefined> {
    this.notes.push({ kind, text, actions });
    return [...this.noteAnswers].find(([key]) => text.includes(key))?.[1];
  }
}

const byLabel = (label: string) => (items: PickStep<unknown>['items']) => {
  const item = items.find((i) => i.label.includes(label));
  assert.ok(item, `an item "${label}" among ${items.map((i) => i.label).join(' | ')}`);
  return item.value;
};
const first = (items: PickStep<unknown>['items']) => items[0].value;

/** Progress reported to a host that records each line; `cancel` plays the notification's Cancel button. */
function recordingProgress(): { host: ProgressHost; lines: string[]; cancel: () => void } {
  const lines: string[] = [];
  const running = new Set<vscode.CancellationTokenSource>();
  return {
    lines,
    cancel: () => running.forEach((source) => source.cancel()),
    host: async (title, task) => {
      const source = new vscode.CancellationTokenSource();
      running.add(source);
      try {
        await task((message) => lines.push(`${title}: ${message}`), source.token);
      } finally {
        running.delete(source);
        source.dispose();
      }
    },
  };
}

suite('Downloads', () => {
  const fixture = withHub({ cleanup: () => useToken(undefined) });
  let core: ScriptedCore;
  let ui: ScriptedPrompter;
  let progress: ReturnType<typeof recordingProgress>;
  let downloads: Downloads;
  let refreshed: number;

  setup(async () => {
    await useToken(undefined);
    core = new ScriptedCore();
    ui = new ScriptedPrompter();
    progress = recordingProgress();
    refreshed = 0;
    const client = new HubClient({ endpoint: fixture.hub.url, token: async () => process.env.HF_TOKEN, retries: 0 });
    downloads = new Downloads({
      client: () => client,
      core,
      log: { info() {}, warn() {}, error() {}, show() {} },
      cache: { directory: '/tmp/hf-cache-test/hub', refresh: () => refreshed++ },
      hasToken: async () => process.env.HF_TOKEN !== undefined,
      signIn: async () => {},
      insertLoadCode: async () => {},
      ui,
      progress: progress.host,
    });
  });
  teardown(() => downloads.dispose());

  async function started(start: Promise<DownloadStart>): Promise<DownloadJob> {
    const result = await start;
    assert.ok(result.started, `the download started: ${JSON.stringify(result)}`);
    return result.job;
  }

  test('the wizard shows sizes per choice, Back returns to the choice, and the confirmation says what, how much, what is cached and where', async () => {
    core.cached.add('config.json');
    ui.script = [
      ['what', byLabel('Choose files…')],
      ['files', () => BACK],
      ['what', byLabel('Weights as safetensors')],
      ['revision', first],
      ['confirm', () => 'download'],
    ];
    const job = await started(downloads.download({ type: 'model', id: 'openai-community/gpt2' }));
    const what = ui.asked[0].items.map((i) => `${i.label} — ${i.description ?? ''}`);
    assert.deepEqual(what, [
      '$(repo) Whole repo — 6 files · 1.2 GB',
      '$(filter) Weights as safetensors — 4 files · 549 MB',
      '$(filter) Config and tokenizer only — 3 files · 1.4 MB',
      '$(checklist) Choose files… — pick files by name, with their sizes',
      '$(regex) Include / exclude patterns… — globs, as hf download --include / --exclude',
    ]);
    const files = ui.asked[1].items.map((i) => (i.separator ? `[${i.label}]` : `${i.label} ${i.description}`));
    assert.deepEqual(files, ['.gitattributes 1.5 kB', 'config.json 665 B', 'model.safetensors 548 MB', '[onnx]', 'config.json 700 B', 'model.onnx 650 MB', 'tokenizer.json 1.4 MB']);
    assert.equal(ui.asked[3].canGoBack, true, 'the revision step has Back');
    const confirm = ui.asked[4];
    assert.equal(confirm.title, `Download openai-community/gpt2 at main (${COMMIT.slice(0, 7)})`);
    assert.equal(confirm.items[0].label, '$(cloud-download) Download 4 files, 549 MB');
    assert.equal(confirm.items[0].detail, '665 B already there (1 file); 549 MB to download — To the Hugging Face cache (/tmp/hf-cache-test/hub)');
    assert.deepEqual(
      job.plan.files.map((f) => f.path),
      ['config.json', 'model.safetensors', 'onnx/config.json', 'tokenizer.json'],
    );
    assert.equal(core.listed, 1, 'the files were listed once');
    core.release();
    const outcome = await job.done;
    assert.equal(outcome.state, 'done');
    assert.equal(refreshed, 1, 'the Local Cache index was asked to look again');
    assert.deepEqual(ui.notes, [
      {
        kind: 'info',
        text: `Downloaded openai-community/gpt2 (549 MB) to /tmp/hf-cache-test/hub/models--openai-community--gpt2/snapshots/${COMMIT}`,
        actions: ['Reveal', 'Copy Path', 'Insert Load Code'],
      },
    ]);
  });

  test('a folder row downloads that folder; patterns and a typed revision are validated', async () => {
    ui.script = [
      ['revision', first],
      ['confirm', () => 'download'],
    ];
    const job = await started(downloads.download({ type: 'model', id: 'openai-community/gpt2', path: { path: 'onnx', kind: 'directory' } }));
    assert.deepEqual(job.plan.files.map((f) => f.path), ['onnx/model.onnx', 'onnx/config.json'], 'in repo order');
    const typed = ui.asked[0].typed;
    assert.ok(typed);
    assert.deepEqual(typed('v1.0'), { label: 'v1.0', description: 'the revision typed', value: 'v1.0' });
    assert.ok('problem' in (typed('a..b') ?? {}), 'a revision with ".." is refused');
    job.cancel();
    assert.equal((await job.done).state, 'cancelled');

    ui.script = [
      ['what', byLabel('Include / exclude')],
      ['include', () => '*.json'],
      ['exclude', () => 'onnx/*'],
      ['revision', first],
      ['confirm', () => 'download'],
    ];
    const second = await started(downloads.download({ type: 'model', id: 'openai-community/gpt2' }));
    assert.deepEqual(second.plan.files.map((f) => f.path), ['config.json', 'tokenizer.json']);
    assert.equal(ui.inputs[0].validate('*.nothing'), 'No file matches.');
    assert.equal(ui.inputs[1].validate('*'), 'That leaves no file.');
    assert.equal(ui.inputs[1].validate('onnx/*'), undefined);
    second.cancel();
  });

  test('a gated repo is caught before anything is listed or downloaded, with Sign In and Request Access', async () => {
    const gated = fixture.server.SPECIAL_REPOS.gatedModel;
    fixture.hub.clearRequests();
    const start = await downloads.download({ type: 'model', id: gated });
    assert.deepEqual(start, { started: false, reason: 'gated', message: `${gated} is gated: sign in with an account that was granted access to download it.` });
    assert.equal(core.listed, 0);
    assert.deepEqual(ui.notes.map((n) => [n.kind, n.actions]), [['warning', ['Sign In', 'Request Access']]]);
    assert.deepEqual(fixture.hub.requests.map((r) => r.path), [`/api/models/${gated}/auth-check`]);

    await useToken(fixture.server.TEST_USERS.stranger.token);
    ui.notes = [];
    const signedIn = await downloads.download({ type: 'model', id: gated });
    assert.equal(signedIn.started, false);
    assert.deepEqual(ui.notes.map((n) => n.actions), [['Request Access']], 'a signed-in account is sent to the request form');
  });

  test('two run at a time, the third waits; cancel keeps it resumable and raises no popup', async () => {
    const jobs: DownloadJob[] = [];
    for (let i = 0; i < 3; i++) {
      ui.script = [
        ['what', byLabel('Whole repo')],
        ['revision', first],
        ['confirm', () => 'download'],
      ];
      jobs.push(await started(downloads.download({ type: 'model', id: 'openai-community/gpt2' })));
    }
    await waitFor('two transfers', () => (core.waiting === 2 ? true : undefined));
    assert.deepEqual(jobs.map((j) => j.state), ['running', 'running', 'queued']);
    assert.equal(downloads.queue.active.length, 3);
    progress.cancel(); // the Cancel button of both running downloads' notifications
    assert.equal((await jobs[0].done).state, 'cancelled');
    assert.equal((await jobs[1].done).state, 'cancelled');
    await waitFor('the third to start', () => (jobs[2].state === 'running' ? true : undefined));
    downloads.queue.cancel(jobs[2]);
    assert.equal((await jobs[2].done).state, 'cancelled');
    assert.deepEqual(ui.notes, [], 'a cancel is said in the status bar only');
    assert.ok(progress.lines[0].startsWith('Downloading openai-community/gpt2: 0 B of 1.2 GB · .gitattributes (1 of 6)'), progress.lines[0]);
  });

  test('a failure says why once, with Retry; Retry plans again and finishes', async () => {
    core.failures.push(new HubError('server', 'The Hub answered 503 Service Unavailable.'));
    ui.noteAnswers.set('failed', 'Retry');
    ui.script = [
      ['what', byLabel('Config and tokenizer')],
      ['revision', first],
      ['confirm', () => 'download'],
    ];
    const job = await started(downloads.download({ type: 'model', id: 'openai-community/gpt2' }));
    await waitFor('the transfer', () => (core.waiting === 1 ? true : undefined));
    core.release();
    const outcome = await job.done;
    assert.deepEqual(outcome.state === 'failed' && outcome.message, 'The Hub answered 503 Service Unavailable.');
    assert.deepEqual(ui.notes, [{ kind: 'error', text: 'Download of openai-community/gpt2 failed: The Hub answered 503 Service Unavailable.', actions: ['Retry', 'Show Log'] }]);
    const retry = await waitFor('the retry', () => downloads.queue.active[0]);
    await waitFor('the retried transfer', () => (core.waiting === 1 ? true : undefined));
    core.release();
    assert.equal((await retry.done).state, 'done');
    assert.equal(core.runs.length, 2);
    assert.equal(ui.notes.filter((n) => n.kind === 'error').length, 1, 'one notification per failed download');
  });

  test('the confirmation warns about free disk; the progress line has rate, time left and the file', () => {
    const plan: DownloadPlan = {
      type: 'model',
      id: 'hub-test/tiny.model-v1.5',
      revision: 'main',
      commit: COMMIT,
      destination: { kind: 'folder', dir: '/data/models/tiny' },
      files: [],
      totalBytes: 4_500 * MB,
      cachedBytes: 0,
      fetchBytes: 4_500 * MB,
    };
    assert.deepEqual(confirmationLines(plan, 'Only 5 GB free on that disk.'), {
      title: `Download hub-test/tiny.model-v1.5 at main (${COMMIT.slice(0, 7)})`,
      summary: '0 files, 4.5 GB',
      detail: ['4.5 GB to download', 'To /data/models/tiny', '⚠ Only 5 GB free on that disk.'],
    });
    const line = progressLine({ file: 'model-00002-of-00005.safetensors', fileBytes: 1, fileTotal: 2, bytes: 1_200 * MB, total: 4_500 * MB, filesDone: 1, filesTotal: 5 }, 85 * MB);
    assert.equal(line, '1.2 GB of 4.5 GB · 85 MB/s · 39 s left · model-00002-of-00005.safetensors (2 of 5)');
    const fileDone = { file: 'config.json', fileBytes: 311, fileTotal: 311, bytes: 311, total: 4_300_000, filesDone: 1, filesTotal: 3 };
    assert.equal(progressLine(fileDone, undefined), '311 B of 4.3 MB · config.json (1 of 3)', 'a file just finished is counted once');
  });
});

/** Every file under `dir`, relative, `/`-separated. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

suite('Downloads into the cache (real core, embedded Hub and CDN)', () => {
  const fixture = withHub({ cleanup: () => useToken(undefined) });
  let cacheDir: string;
  let ui: ScriptedPrompter;
  let downloads: Downloads;
  /** Called on a progress report in the middle of a file (the core reports after each batch it writes). */
  let onPartial: (() => void) | undefined;
  const small = () => fixture.server.SPECIAL_REPOS.downloads.small;

  setup(async () => {
    await useToken(undefined);
    cacheDir = mkdtempSync(path.join(tmpdir(), 'hf-hub-cache-'));
    ui = new ScriptedPrompter();
    const client = new HubClient({ endpoint: fixture.hub.url, token: async () => process.env.HF_TOKEN, retries: 0 });
    const core = hfcacheCore({ client: () => client, cacheDir: () => cacheDir });
    onPartial = undefined;
    downloads = new Downloads({
      client: () => client,
      core: {
        ...core,
        run: (plan, options) =>
          core.run(plan, {
            ...options,
            onProgress: (p) => {
              options.onProgress(p);
              if (p.fileBytes > 0 && p.fileBytes < p.fileTotal) {
                onPartial?.();
              }
            },
          }),
      },
      log: { info() {}, warn() {}, error() {}, show() {} },
      hasToken: async () => process.env.HF_TOKEN !== undefined,
      signIn: async () => {},
      insertLoadCode: async () => {},
      ui,
      progress: recordingProgress().host,
    });
  });
  teardown(() => {
    downloads.dispose();
    fixture.hub.clearFaults();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  function wholeRepo(): void {
    ui.script = [
      ['what', byLabel('Whole repo')],
      ['revision', first],
      ['confirm', () => 'download'],
    ];
  }

  test('a whole repo lands in huggingface_hub’s layout: refs/main, blobs by etag, snapshot links; a second plan finds it all cached', async () => {
    wholeRepo();
    const job = (await downloads.download({ type: 'model', id: small() })) as Extract<DownloadStart, { started: true }>;
    assert.ok(job.started, JSON.stringify(job));
    const outcome = await job.job.done;
    assert.equal(outcome.state, 'done', JSON.stringify(outcome));
    const { plan } = outcome;
    const repoDir = path.join(cacheDir, 'models--hub-test--download-small');
    assert.match(plan.commit, /^[0-9a-f]{40}$/);
    assert.equal(readFileSync(path.join(repoDir, 'refs', 'main'), 'utf8'), plan.commit);
    const snapshot = path.join(repoDir, 'snapshots', plan.commit);
    assert.equal(outcome.state === 'done' && outcome.result.path, snapshot);
    assert.deepEqual(walk(snapshot).sort(), plan.files.map((f) => f.path).sort());
    for (const file of plan.files) {
      const entry = path.join(snapshot, file.path);
      assert.ok(lstatSync(entry).isSymbolicLink(), `${file.path} is a link into blobs/`);
      assert.ok(readlinkSync(entry).startsWith('../'), `${file.path} links relatively`);
      assert.equal(realpathSync(entry), realpathSync(path.join(repoDir, 'blobs', file.etag)));
      if (file.lfs) {
        assert.equal(sha256(entry), file.lfs.oid, `${file.path} is verified against its sha256`);
      }
    }
    assert.deepEqual(walk(path.join(repoDir, 'blobs')).filter((f) => f.endsWith('.incomplete')), []);
    assert.ok(fixture.hub.cdnRequests.length > 0 && fixture.hub.cdnRequests.every((r) => !r.headers.authorization), 'LFS bytes came from the CDN, without a token');
    assert.deepEqual(ui.notes.map((n) => n.text), [`Downloaded ${small()} (${fileSize(plan.totalBytes)}) to ${snapshot}`]);

    wholeRepo();
    ui.script[2] = ['confirm', () => undefined];
    await downloads.download({ type: 'model', id: small() });
    const confirm = ui.asked.at(-1);
    assert.equal(confirm?.items[0].detail, `${fileSize(plan.totalBytes)} already there (${plan.files.length} files); 0 B to download — To the Hugging Face cache (${cacheDir})`);
  });

  test('cancel keeps a resumable .incomplete and links nothing; the next download resumes it with a Range request', async function () {
    this.timeout(60_000);
    // The 2 GiB file: the core writes (and reports) in batches, so there is a middle to cancel in.
    const large = fixture.server.SPECIAL_REPOS.downloads.large;
    const weightsOnly = (): void => {
      ui.script = [
        ['what', byLabel('Include / exclude')],
        ['include', () => '*.safetensors'],
        ['exclude', () => ''],
        ['revision', first],
        ['confirm', () => 'download'],
      ];
    };
    weightsOnly();
    const start = await downloads.download({ type: 'model', id: large });
    assert.ok(start.started);
    onPartial = () => downloads.queue.cancel(start.job);
    const cancelled = await start.job.done;
    assert.equal(cancelled.state, 'cancelled');
    const repoDir = path.join(cacheDir, `models--${large.replace('/', '--')}`);
    const weights = cancelled.plan.files[0];
    const partial = path.join(repoDir, 'blobs', `${weights.etag}.incomplete`);
    const kept = statSync(partial).size;
    assert.ok(kept > 0 && kept < weights.size, `a partial file of ${kept} bytes is kept`);
    assert.equal(existsSync(path.join(repoDir, 'snapshots', cancelled.plan.commit, 'model.safetensors')), false, 'nothing partial in snapshots/');
    assert.deepEqual(ui.notes, [], 'a cancel raises no notification');

    fixture.hub.cdnRequests.length = 0;
    weightsOnly();
    const again = await downloads.download({ type: 'model', id: large });
    assert.ok(again.started);
    assert.equal(again.job.plan.files[0].partialBytes, kept, 'the plan counts the kept bytes as done');
    assert.equal(again.job.plan.fetchBytes, weights.size - kept);
    onPartial = () => downloads.queue.cancel(again.job); // the next batch proves the resume; the rest of the 2 GiB is not needed
    assert.equal((await again.job.done).state, 'cancelled');
    const ranges = fixture.hub.cdnRequests.map((r) => r.headers.range);
    assert.deepEqual(ranges, [`bytes=${kept}-`], 'one request, resuming where the first stopped');
    assert.ok(statSync(partial).size > kept, 'the partial file grew from where it was');
    rmSync(repoDir, { recursive: true, force: true });
  });

  test('a refused file fails the download with Retry; Retry finishes it', async () => {
    fixture.hub.inject({ match: /\/resolve\/[0-9a-f]{40}\/config\.json$/, status: 403, times: 1, body: { error: 'Access to this resource is refused.' } });
    ui.noteAnswers.set('failed', 'Retry');
    wholeRepo();
    const start = await downloads.download({ type: 'model', id: small() });
    assert.ok(start.started);
    const failed = await start.job.done;
    assert.equal(failed.state, 'failed');
    assert.equal(ui.notes.filter((n) => n.kind === 'error').length, 1);
    assert.deepEqual(ui.notes[0].actions, ['Retry', 'Show Log']);
    const retry = await waitFor('the retry', () => downloads.queue.active[0]);
    assert.equal((await retry.done).state, 'done');
  });

  test('"Download to Folder" writes plain files, like hf download --local-dir, for an id with dots and dashes', async () => {
    const folder = path.join(cacheDir, 'local');
    ui.folder = async () => folder;
    ui.script = [
      ['what', byLabel('Config and tokenizer')],
      ['revision', first],
      ['confirm', () => 'download'],
    ];
    const start = await downloads.download({ type: 'model', id: fixture.server.SPECIAL_REPOS.downloads.dotted }, { toFolder: true });
    assert.ok(start.started);
    const outcome = await start.job.done;
    assert.equal(outcome.state, 'done', JSON.stringify(outcome));
    const written = walk(folder).filter((f) => !f.startsWith('.cache/'));
    assert.deepEqual(written.sort(), outcome.plan.files.map((f) => f.path).sort());
    assert.ok(!lstatSync(path.join(folder, 'config.json')).isSymbolicLink());
  });
});
