// Sign-in state against an embedded Hub started inside this extension host: a token from the environment shows the
// account's lists and private repos; a revoked one is set aside and browsing goes on anonymously; nothing shows the token.
import * as assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { HubServer, REVOKED_TOKEN as RevokedToken, TEST_USERS as TestUsers } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import { Session } from '../../src/auth/session';
import type { Log } from '../../src/log';
import type { RepoTreeNode } from '../../src/views/repoTree';
import { labelOf, useToken, withHub } from './helpers';

let hub: HubServer;
let api: ExtensionApi;
let users: typeof TestUsers;
let revoked: typeof RevokedToken;

async function rootLabels(): Promise<string[]> {
  return (await api.trees.models.getChildren()).map((node) => labelOf(api.trees.models.getTreeItem(node)));
}

async function childrenOf(label: string): Promise<RepoTreeNode[]> {
  const node = (await api.trees.models.getChildren()).find((n) => labelOf(api.trees.models.getTreeItem(n)) === label);
  assert.ok(node, `"${label}" is in the Models view`);
  return api.trees.models.getChildren(node);
}

/** Every text the Models view shows for its loaded rows, tooltips included. */
async function visibleText(): Promise<string> {
  const texts: string[] = [];
  for (const node of await api.trees.models.getChildren()) {
    const item = api.trees.models.getTreeItem(node);
    const resolved = await api.trees.models.resolveTreeItem(item, node);
    texts.push(labelOf(item), String(item.description ?? ''), JSON.stringify(resolved.tooltip ?? ''));
  }
  return texts.join('\n');
}

suite('Signing in', () => {
  const fixture = withHub({ cleanup: () => useToken(undefined) });
  suiteSetup(() => {
    ({ hub, api } = fixture);
    users = fixture.server.TEST_USERS;
    revoked = fixture.server.REVOKED_TOKEN;
  });

  test('anonymous: no account lists and no private repos', async () => {
    await useToken(undefined);
    const labels = await rootLabels();
    assert.ok(!labels.includes('My models'));
    const search = api.trees.models.addSearch('private-model');
    const found = (await api.trees.models.getChildren(search)).map((n) => labelOf(api.trees.models.getTreeItem(n)));
    assert.ok(!found.includes('hub-test/private-model'), `found ${JSON.stringify(found)}`);
    api.trees.models.removeSearch(search);
  });

  test('a token from HF_TOKEN shows "My models", the organisations and private repos', async () => {
    hub.clearRequests();
    await useToken(users.hubTest.token);
    const labels = await rootLabels();
    assert.equal(labels[0], 'My models');
    assert.ok(labels.includes('hub-test-org (organisation)'), JSON.stringify(labels));
    const mine = (await childrenOf('My models')).map((n) => api.trees.models.getTreeItem(n));
    const privateRow = mine.find((item) => labelOf(item) === 'hub-test/private-model');
    assert.ok(privateRow, 'the private model is listed for its owner');
    assert.match(String(privateRow.description), /private/);
    const whoami = hub.requests.filter((r) => r.path === '/api/whoami-v2');
    assert.equal(whoami.length, 1);
    assert.equal(whoami[0].headers.authorization, true);
    assert.ok(!(await visibleText()).includes(users.hubTest.token), 'the token is never shown');
  });

  test('a revoked token is set aside: browsing goes on anonymously', async () => {
    await useToken(revoked);
    hub.clearRequests();
    const labels = await rootLabels();
    assert.ok(!labels.includes('My models'));
    assert.ok(labels.filter((l) => l !== 'Load more…').length > 0, 'models are still listed');
    const lists = hub.requests.filter((r) => r.path === '/api/models');
    assert.ok(lists.length > 0);
    assert.ok(lists.every((r) => !r.headers.authorization), 'list requests go without the refused token');
  });

  test('a lookup that finds what is already known changes nothing; a new token always does', async () => {
    const secretChanges = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const secrets: vscode.SecretStorage = {
      get: () => Promise.resolve(undefined),
      store: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      onDidChange: secretChanges.event,
    };
    // No token file either: HF_HOME is a folder without one.
    const env: Record<string, string | undefined> = { HF_HOME: path.join(os.tmpdir(), `hf-home-${process.pid}-none`) };
    // Not a Log of its own: an output channel of the same name is the extension's, and closing it would close that.
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Log;
    const session = new Session(secrets, { endpoint: () => hub.url, log, env });
    const changes: boolean[] = [];
    session.onDidChange(({ tokenChanged }) => changes.push(tokenChanged));
    try {
      await session.refreshAccount();
      assert.deepEqual(changes, [], 'anonymous, as before: no change');
      env.HF_TOKEN = users.hubTest.token;
      assert.equal((await session.refreshAccount()).account?.name, users.hubTest.name);
      assert.deepEqual(changes, [false], 'the account appears');
      await session.refreshAccount();
      assert.deepEqual(changes, [false], 'the same account again: no change');
      await session.refreshAccount(true);
      assert.deepEqual(changes, [false, true], 'a changed token is always a change');
    } finally {
      session.dispose();
      secretChanges.dispose();
    }
  });

  test('no setting holds a token', async () => {
    const settings = JSON.stringify(vscode.workspace.getConfiguration('huggingface'));
    assert.ok(!/hf_[A-Za-z0-9]{20,}/.test(settings));
  });
});
