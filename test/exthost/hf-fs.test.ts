// The read-only hf: file system against an embedded Hub started inside this extension host: repo files read through
// workspace.fs and opened as documents, writes refused, missing and binary files refused, the token kept to the endpoint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubServer, SPECIAL_REPOS as SpecialRepos, TEST_USERS as TestUsers } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import { formatHfUri, hfUriString, type HfRef } from '../../src/hub/hfUri';
import type { RepoTreeNode } from '../../src/views/repoTree';
import { extension, hubServerModule, labelOf, useToken, waitFor } from './helpers';

const BERT = 'google-bert/bert-base-uncased';

let hub: HubServer;
/** Another origin, which a file may redirect to: it must never receive the token. */
let elsewhere: HubServer;
let api: ExtensionApi;
let users: typeof TestUsers;
let special: typeof SpecialRepos;

function uriOf(ref: Partial<HfRef> & { path: string }): vscode.Uri {
  return vscode.Uri.from({ scheme: 'hf', ...formatHfUri({ type: 'model', id: BERT, revision: 'main', ...ref }) });
}

async function served(urlPath: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`${hub.url}${urlPath}`)).arrayBuffer());
}

/** Asserts that `promise` fails with a FileSystemError of this code (and, if given, a message matching `message`). */
async function rejectsWith(promise: Thenable<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(Promise.resolve(promise), (e: unknown) => {
    assert.ok(e instanceof vscode.FileSystemError, `a FileSystemError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (message) {
      assert.match(e.message, message);
    }
    return true;
  });
}

const resolves = (server: HubServer, file: string) => server.requests.filter((r) => r.path.includes('/resolve/') && r.path.endsWith(`/${file}`));

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('hf: file system', () => {
  suiteSetup(async () => {
    const ext = extension();
    api = await ext.activate();
    const server = await hubServerModule();
    users = server.TEST_USERS;
    special = server.SPECIAL_REPOS;
    [hub, elsewhere] = await Promise.all([server.startHubServer({ port: 0 }), server.startHubServer({ port: 0 })]);
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', hub.url, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await closeEditors();
    await useToken(undefined);
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([hub?.close(), elsewhere?.close()]);
  });

  teardown(async () => {
    hub.clearFaults();
    await closeEditors();
  });

  test('reads config.json through workspace.fs and opens it as a JSON document', async () => {
    const uri = uriOf({ path: 'config.json' });
    const expected = await served(`/${BERT}/resolve/main/config.json`);
    assert.deepEqual(new Uint8Array(await vscode.workspace.fs.readFile(uri)), expected);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.getText(), new TextDecoder().decode(expected));
    assert.equal(vscode.workspace.fs.isWritableFileSystem('hf'), false);
  });

  test('reads dataset and Space files, and files of ids without an owner', async () => {
    const dataset = hub.catalog.all('dataset').find((r) => !r.gated && !r.private && r.siblings.includes('README.md'))!;
    const space = hub.catalog.all('space').find((r) => !r.private && r.siblings.includes('README.md'))!;
    for (const [type, repo, prefix] of [['dataset', dataset, 'datasets/'], ['space', space, 'spaces/']] as const) {
      const bytes = await vscode.workspace.fs.readFile(uriOf({ type, id: repo.id, path: 'README.md' }));
      assert.deepEqual(new Uint8Array(bytes), await served(`/${prefix}${repo.id}/resolve/main/README.md`), repo.id);
    }
    const legacy = vscode.Uri.parse(`hf:/models/-/${special.legacyAlias.id}/config.json`);
    const doc = await vscode.workspace.openTextDocument(legacy);
    assert.equal(doc.getText(), new TextDecoder().decode(await served(`/${special.legacyAlias.target}/resolve/main/config.json`)));
  });

  test('stat and readDirectory follow the repo’s file tree, one listing per folder', async () => {
    const tree = (await (await fetch(`${hub.url}/api/models/${BERT}/tree/main`)).json()) as { path: string; size: number; type: string }[];
    hub.clearRequests();
    const root = uriOf({ path: '' });
    const listing = await vscode.workspace.fs.readDirectory(root);
    assert.deepEqual(
      listing.map(([name, type]) => `${name}:${type}`).sort(),
      tree.map((e) => `${e.path}:${e.type === 'directory' ? vscode.FileType.Directory : vscode.FileType.File}`).sort(),
    );
    const config = await vscode.workspace.fs.stat(uriOf({ path: 'config.json' }));
    assert.equal(config.type, vscode.FileType.File);
    assert.equal(config.size, tree.find((e) => e.path === 'config.json')!.size);
    assert.equal(config.permissions, vscode.FilePermission.Readonly);
    const weights = await vscode.workspace.fs.stat(uriOf({ path: 'model.safetensors' }));
    assert.equal(weights.size, tree.find((e) => e.path === 'model.safetensors')!.size);
    assert.equal((await vscode.workspace.fs.stat(root)).type, vscode.FileType.Directory);
    assert.equal((await vscode.workspace.fs.stat(uriOf({ path: 'coreml' }))).type, vscode.FileType.Directory);
    await vscode.workspace.fs.readDirectory(uriOf({ path: 'coreml' }));
    await vscode.workspace.fs.stat(uriOf({ path: 'config.json' }));
    const listed = hub.requests.filter((r) => r.path.startsWith(`/api/models/${BERT}/tree/main`)).map((r) => decodeURIComponent(r.path));
    assert.ok(listed.includes(`/api/models/${BERT}/tree/main/coreml`), JSON.stringify(listed));
    assert.equal(new Set(listed).size, listed.length, `each folder listed once: ${JSON.stringify(listed)}`);
    assert.deepEqual(hub.requests.filter((r) => r.path.includes('/resolve/')), [], 'stat and readDirectory download nothing');
    await rejectsWith(vscode.workspace.fs.readDirectory(uriOf({ path: 'config.json' })), 'FileNotADirectory');
  });

  test('writes, deletes, renames and new folders are refused with NoPermissions', async () => {
    hub.clearRequests();
    const uri = uriOf({ path: 'config.json' });
    await rejectsWith(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{}')), 'NoPermissions');
    await rejectsWith(vscode.workspace.fs.writeFile(uriOf({ path: 'new.json' }), new TextEncoder().encode('{}')), 'NoPermissions');
    await rejectsWith(vscode.workspace.fs.delete(uri), 'NoPermissions');
    await rejectsWith(vscode.workspace.fs.rename(uri, uriOf({ path: 'renamed.json' })), 'NoPermissions');
    await rejectsWith(vscode.workspace.fs.createDirectory(uriOf({ path: 'new-folder' })), 'NoPermissions');
    assert.deepEqual(hub.requests.filter((r) => r.method !== 'GET'), [], 'nothing but reads reached the Hub');
  });

  test('an hf: document cannot be saved: an edit never reaches the Hub', async () => {
    const uri = uriOf({ path: 'config.json' });
    const doc = await vscode.workspace.openTextDocument(uri);
    const before = doc.getText();
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '// changed\n');
    // The workbench may apply an API edit to the open model in memory; what matters is that it never leaves it.
    await vscode.workspace.applyEdit(edit);
    assert.equal(await doc.save(), false, 'save refused');
    assert.equal(doc.isDirty, false, 'nothing waits to be saved, so closing asks nothing');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), before, 'the file is unchanged');
    assert.deepEqual(hub.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'), []);
  });

  test('a missing file, folder, revision or repo is FileNotFound, with a message naming it', async () => {
    await rejectsWith(vscode.workspace.fs.readFile(uriOf({ path: 'missing.json' })), 'FileNotFound', /missing\.json in google-bert\/bert-base-uncased does not exist/);
    await rejectsWith(vscode.workspace.fs.stat(uriOf({ path: 'nope/inner.json' })), 'FileNotFound', /nope in google-bert\/bert-base-uncased/);
    await rejectsWith(vscode.workspace.fs.stat(uriOf({ path: 'config.json', revision: 'no-such-branch' })), 'FileNotFound', /at no-such-branch: This revision does not exist/);
    await rejectsWith(vscode.workspace.fs.readFile(uriOf({ id: 'nobody/nothing-here', path: 'config.json' })), 'FileNotFound', /nobody\/nothing-here/);
    await rejectsWith(vscode.workspace.fs.readFile(vscode.Uri.parse('hf:/models/google-bert/bert-base-uncased/../x')), 'FileNotFound', /not a valid file path/);
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uriOf({ path: 'missing.json' }))), /nonexistent file/);
  });

  test('weights and other binaries stored with LFS are refused without being downloaded', async () => {
    hub.clearRequests();
    await rejectsWith(vscode.workspace.fs.readFile(uriOf({ path: 'model.safetensors' })), 'Unavailable', /model\.safetensors is a binary file stored with Git LFS/);
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uriOf({ path: 'pytorch_model.bin' }))), /pytorch_model\.bin is a binary file stored with Git LFS/);
    assert.deepEqual(hub.requests.filter((r) => r.path.includes('/resolve/')), [], 'no file was requested');
  });

  test('a gated repo’s files need access: NoPermissions, with the reason', async () => {
    await useToken(undefined);
    await rejectsWith(vscode.workspace.fs.readFile(uriOf({ id: special.gatedModel, path: 'config.json' })), 'NoPermissions', /gated/);
  });

  test('the token goes to the endpoint only, not to a host a file redirects to', async () => {
    await useToken(users.hubTest.token);
    try {
      hub.clearRequests();
      elsewhere.clearRequests();
      hub.inject({ match: `/${BERT}/resolve/main/tokenizer_config.json`, times: 1, status: 302, headers: { location: `${elsewhere.url}/${BERT}/resolve/main/tokenizer_config.json` } });
      const bytes = await vscode.workspace.fs.readFile(uriOf({ path: 'tokenizer_config.json' }));
      assert.deepEqual(new Uint8Array(bytes), await served(`/${BERT}/resolve/main/tokenizer_config.json`));
      assert.deepEqual(resolves(hub, 'tokenizer_config.json').map((r) => r.headers.authorization), [true, false], 'the endpoint got it (the second request is the test’s own)');
      assert.deepEqual(resolves(elsewhere, 'tokenizer_config.json').map((r) => r.headers.authorization), [false], 'the other origin did not');
    } finally {
      await useToken(undefined);
    }
  });

  test('a file row opens its file in a preview tab titled by the label formatter; a weights row opens the Hub page', async () => {
    const tree = api.trees.models;
    const search = tree.addSearch('bert-base-uncased');
    try {
      const repos = await tree.getChildren(search);
      const repo = repos.find((n) => labelOf(tree.getTreeItem(n)) === BERT);
      assert.ok(repo, `${BERT} is found: ${JSON.stringify(repos.map((n) => labelOf(tree.getTreeItem(n))))}`);
      const files = await tree.getChildren(repo);
      const row = (name: string): { node: RepoTreeNode; item: vscode.TreeItem } => {
        const node = files.find((n) => labelOf(tree.getTreeItem(n)) === name);
        assert.ok(node, `${name} is listed`);
        return { node, item: tree.getTreeItem(node) };
      };

      const config = row('config.json');
      assert.equal(config.item.command?.command, 'huggingface.openFile');
      assert.match(String(config.item.contextValue), /\bopenable\b/);
      await vscode.commands.executeCommand(config.item.command.command, ...(config.item.command.arguments ?? []));
      const editor = await waitFor('the config.json editor', () =>
        vscode.window.activeTextEditor?.document.uri.scheme === 'hf' ? vscode.window.activeTextEditor : undefined,
      );
      assert.equal(editor.document.uri.toString(), uriOf({ path: 'config.json' }).toString());
      assert.equal(editor.document.languageId, 'json');
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.equal(tab?.label, 'config.json — bert-base-uncased');
      assert.equal(tab?.isPreview, true);

      const weights = row('model.safetensors');
      assert.equal(weights.item.command?.command, 'huggingface.openFileOnHub');
      assert.doesNotMatch(String(weights.item.contextValue), /\bopenable\b/);
      assert.match(String(weights.item.tooltip), /binary file stored with Git LFS/);
      const outcome = await vscode.commands.executeCommand('huggingface.openFile', weights.node);
      assert.equal(outcome, 'refused');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'no editor opened for the weights');
    } finally {
      tree.removeSearch(search);
    }
  });

  test('the text form of a URI reads back as the same path and query, odd characters included', () => {
    for (const ref of [
      { type: 'model', id: BERT, path: 'config.json', revision: 'main' },
      { type: 'dataset', id: 'imagenet-1k', path: 'dir with space/#1?%.txt', revision: 'refs/pr/1' },
      { type: 'space', id: 'gradio/hello_world', path: 'ünï/日本語.md', revision: 'main' },
    ] as HfRef[]) {
      const uri = vscode.Uri.parse(hfUriString(ref), true);
      assert.deepEqual({ scheme: uri.scheme, path: uri.path, query: uri.query }, { scheme: 'hf', ...formatHfUri(ref) });
      assert.equal(vscode.Uri.parse(uri.toString(), true).toString(), uri.toString());
    }
  });
});
