// The Local Cache view and "cached" everywhere, in the real extension host, over a cache built by hand in
// huggingface_hub's layout in a temp folder that `huggingface.cache.directory` points at: the view lists repos with
// sizes and revisions; deleting a revision or a repo asks with the bytes, frees them and the tree follows; prune; the
// Models tree's cached mark; the hover line; and with HF_HUB_OFFLINE the diagnostic on an uncached id with its fix.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalCacheView } from '../../src/localCache/view';
import type { RepoNode } from '../../src/views/repoTree';
import { buildCache, commitOf, sampleRepos } from '../unit/local-cache-build';
import { labelOf, waitFor, withHub } from './helpers';
import { closeEditors, codeOf, ours, PythonFiles } from './python';

const python = new PythonFiles('hf-local-cache-py');
const setting = () => vscode.workspace.getConfiguration('huggingface');

suite('Local Cache', function () {
  this.timeout(60_000);
  let dir: string;
  /** The first model the embedded Hub lists, put into the cache so that its row is marked. */
  let listed: string;
  let view: LocalCacheView;
  const asked: { message: string; modal: boolean }[] = [];
  let answer: string | undefined;
  const original = vscode.window.showWarningMessage;

  const fixture = withHub({
    cleanup: async () => {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
      delete process.env.HF_HUB_OFFLINE;
      await closeEditors();
      python.remove();
      await setting().update('cache.directory', undefined, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    },
  });

  suiteSetup(async () => {
    const rows = (await fixture.api.trees.models.getChildren()).filter((n): n is RepoNode => n.kind === 'repo');
    listed = rows[0].repo.id;
    dir = mkdtempSync(path.join(tmpdir(), 'hf-local-cache-'));
    await buildCache(dir, [
      ...sampleRepos(),
      { type: 'model', id: listed, revisions: [{ commit: commitOf('listed'), refs: ['main'], files: [{ path: 'config.json', content: '{}'.padEnd(1500, ' ') }] }] },
    ]);
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, options: vscode.MessageOptions) => {
      asked.push({ message, modal: options?.modal === true });
      return Promise.resolve(answer);
    };
    await setting().update('cache.directory', dir, vscode.ConfigurationTarget.Global);
    view = (await fixture.api.localCache.impl()).view;
  });

  const rows = async () => {
    const nodes = await view.getChildren();
    return Promise.all(nodes.map(async (node) => ({ node, item: view.getTreeItem(node) })));
  };
  const modelItems = async () => {
    const nodes = (await fixture.api.trees.models.getChildren()).filter((n): n is RepoNode => n.kind === 'repo');
    return nodes.map((n) => fixture.api.trees.models.getTreeItem(n));
  };
  const row = async (id: string) => (await rows()).find((r) => labelOf(r.item) === id);

  test('lists each cached repo with its size and revisions, biggest first, from the folder the setting names', async () => {
    assert.equal(view.index.directory, dir);
    const labels = (await rows()).map((r) => labelOf(r.item));
    assert.deepEqual(labels, ['hub-test/tiny', listed, 'solo', 'hub-test/rows.v1']);
    const tiny = (await row('hub-test/tiny'))!;
    assert.equal(tiny.item.description?.toString().startsWith('8.7 kB · 2 revisions'), true, String(tiny.item.description));
    assert.match(String(tiny.item.accessibilityInformation?.label), /^model hub-test\/tiny, 8\.7 kB on disk, 2 revisions$/);
    const children = view.getChildren(tiny.node);
    const revisions = (await children).map((n) => view.getTreeItem(n));
    assert.deepEqual(
      revisions.map((i) => [labelOf(i), i.description]),
      [
        ['main, refs/pr/1', '5 kB · 3 files'],
        [commitOf('tiny-old').slice(0, 8), 'detached · 3 kB · 2 files'],
        ['Partial downloads', '1 · 700 B'],
      ],
    );
    const files = (await view.getChildren((await children)[0])).map((n) => view.getTreeItem(n));
    assert.deepEqual(
      files.map((i) => [labelOf(i), i.description]),
      [
        ['config.json', '22 B'],
        ['model.safetensors', '5 kB'],
        ['tokenizer/vocab.txt', '6 B'],
      ],
    );
    assert.equal(view.view.description, '4 repos · 10.3 kB');
  });

  test('the Models tree marks the cached repo with its size, in the description and the accessible label', async () => {
    const items = await modelItems();
    const marked = items.filter((i) => String(i.description).startsWith('✓ cached'));
    assert.deepEqual(
      marked.map((i) => labelOf(i)),
      [listed],
    );
    assert.match(String(marked[0].description), /^✓ cached 1\.5 kB · /);
    assert.match(String(marked[0].accessibilityInformation?.label), /, cached, 1\.5 kB$/);
  });

  test('the hover on a cached repo id says "In your cache" with size and revision', async () => {
    const doc = await python.open(`from transformers import AutoModel\nm = AutoModel.from_pretrained("${listed}")\n`);
    const at = doc.positionAt(doc.getText().indexOf(listed) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents).map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c))).join('\n');
    assert.match(text, /\$\(database\) In your cache: 1\\\.5 kB at main/, text);
    await closeEditors();
  });

  test('the card header of a cached repo says "In your cache" with size and revision; an uncached one says nothing', async () => {
    const card = await fixture.api.cards.open({ type: 'model', id: listed });
    const state = await waitFor('the card', () => (card.state.type === 'card' ? card.state : undefined), 10_000);
    assert.equal(state.card.header.cached, '1.5 kB at main');
    card.dispose();
    const other = (await fixture.api.trees.models.getChildren()).filter((n): n is RepoNode => n.kind === 'repo').find((n) => n.repo.id !== listed)!;
    const plain = await fixture.api.cards.open({ type: 'model', id: other.repo.id });
    const plainState = await waitFor('the other card', () => (plain.state.type === 'card' ? plain.state : undefined), 10_000);
    assert.equal(plainState.card.header.cached, undefined);
    plain.dispose();
  });

  test('with HF_HUB_OFFLINE=1 an uncached repo id warns that the line will fail, with "Download now"; a cached one does not', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    try {
      const doc = await python.open(
        `from transformers import AutoModel\na = AutoModel.from_pretrained("hub-test/not-in-cache")\nb = AutoModel.from_pretrained("${listed}")\n`,
      );
      const found = await waitFor('the offline diagnostic', () => {
        const ds = ours(doc.uri).filter((d) => codeOf(d) === 'offline-not-cached');
        return ds.length ? ds : undefined;
      }, 10_000);
      assert.equal(found.length, 1);
      assert.equal(doc.getText(found[0].range), 'hub-test/not-in-cache');
      assert.match(found[0].message, /not in your Hugging Face cache: with HF_HUB_OFFLINE set, this line will fail/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, found[0].range, vscode.CodeActionKind.QuickFix.value);
      const download = actions.find((a) => a.title === 'Download now');
      assert.ok(download, actions.map((a) => a.title).join(', '));
      assert.equal(download.command?.command, 'huggingface.download');
      assert.deepEqual(download.command?.arguments, [{ type: 'model', id: 'hub-test/not-in-cache' }]);
    } finally {
      delete process.env.HF_HUB_OFFLINE;
      await closeEditors();
    }
  });

  test('deleting a revision asks modally with the bytes, frees them and the tree follows', async () => {
    const tiny = (await row('hub-test/tiny'))!;
    const [, detached] = await view.getChildren(tiny.node);
    assert.equal(detached.kind, 'revision');
    answer = undefined;
    const cancelled = await view.deleteRevision(detached);
    assert.deepEqual(cancelled, { deleted: false, reason: 'cancelled' });
    assert.equal(asked.at(-1)?.modal, true);
    assert.match(asked.at(-1)!.message, /^Delete 1 revision of hub-test\/tiny \(3 kB\) from your Hugging Face cache\? This frees 3 kB \(3,000 bytes\)/);
    assert.ok(existsSync((detached).revision.snapshotPath), 'nothing removed without a yes');
    answer = 'Delete';
    assert.deepEqual(await view.deleteRevision(detached), { deleted: true, bytes: 3000 });
    const after = (await row('hub-test/tiny'))!;
    assert.match(String(after.item.description), /^5\.7 kB · 1 revision · /);
  });

  test('prune removes the stale partial download and leaves the recent one', async () => {
    answer = 'Delete';
    const outcome = await view.prune();
    assert.deepEqual(outcome, { deleted: true, bytes: 700 });
    assert.match(asked.at(-1)!.message, /^Delete 1 unfinished download \(700 B\) from your Hugging Face cache\? This frees 700 B/);
    assert.doesNotMatch(String((await row('hub-test/tiny'))!.item.description), /partial/);
    assert.match(String((await row('solo'))!.item.description), /1 partial/);
  });

  test('deleting a repo frees all of it; the row and its cached mark go', async () => {
    const listedRow = (await row(listed))!;
    answer = 'Delete';
    assert.deepEqual(await view.deleteRepo(listedRow.node), { deleted: true, bytes: 1500 });
    assert.ok(asked.at(-1)!.message.startsWith(`Delete ${listed} (1 revision, 1.5 kB) from your Hugging Face cache? This frees 1.5 kB (1,500 bytes)`), asked.at(-1)!.message);
    assert.equal(await row(listed), undefined);
    const mine = (await modelItems()).find((i) => labelOf(i) === listed);
    assert.ok(mine);
    assert.doesNotMatch(String(mine.description), /cached/);
  });
});
