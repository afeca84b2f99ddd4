// The "Sign in" command end to end, against an embedded Hub started inside this extension host: the password box (its
// answer supplied by a stand-in for showInputBox), whoami-v2, SecretStorage, the views and open cards following the
// account, a gated card's access for each kind of caller, and a scan for the token everywhere the extension writes.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { HubServer, REVOKED_TOKEN as RevokedToken, TEST_USERS as TestUsers } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import type { CardPanel } from '../../src/webviews/cards';
import { labelOf, waitFor, withHub } from './helpers';

const GATED = { type: 'model' as const, id: 'meta-llama/Llama-3.1-8B-Instruct' };

let hub: HubServer;
let api: ExtensionApi;
let users: typeof TestUsers;
let revoked: typeof RevokedToken;

/** What the extension showed the user while a stand-in answered its input box. */
interface Shown {
  inputs: vscode.InputBoxOptions[];
  errors: string[];
  infos: string[];
  warnings: string[];
}

type WindowStubs = Pick<typeof vscode.window, 'showInputBox' | 'showErrorMessage' | 'showInformationMessage' | 'showWarningMessage'>;

/** Runs `fn` with the input box answering `answer` and the message functions recorded instead of shown. */
async function withWindow<T>(answer: string | undefined, fn: () => Thenable<T>): Promise<{ result: T; shown: Shown }> {
  const shown: Shown = { inputs: [], errors: [], infos: [], warnings: [] };
  const window = vscode.window as { -readonly [K in keyof WindowStubs]: WindowStubs[K] };
  const saved: WindowStubs = {
    showInputBox: window.showInputBox,
    showErrorMessage: window.showErrorMessage,
    showInformationMessage: window.showInformationMessage,
    showWarningMessage: window.showWarningMessage,
  };
  window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    shown.inputs.push(options ?? {});
    return answer;
  });
  const record = (into: string[]) => (async (message: string) => void into.push(message)) as never;
  window.showErrorMessage = record(shown.errors);
  window.showInformationMessage = record(shown.infos);
  window.showWarningMessage = record(shown.warnings);
  try {
    return { result: await fn(), shown };
  } finally {
    Object.assign(window, saved);
  }
}

async function rootLabels(): Promise<string[]> {
  return (await api.trees.models.getChildren()).map((node) => labelOf(api.trees.models.getTreeItem(node)));
}

async function gatedCard(): Promise<CardPanel> {
  await vscode.commands.executeCommand('huggingface.openCard', GATED);
  const card = await waitFor('the gated card', () => api.cards.get(GATED));
  await card.loaded;
  return card;
}

/** The gated card's access state once its (re)load has settled. */
async function accessShown(card: CardPanel): Promise<string | undefined> {
  await card.loaded;
  assert.equal(card.state.type, 'card', JSON.stringify(card.state));
  return card.state.type === 'card' ? card.state.card.header.access : undefined;
}

/** Polls an async check until it gives a value, for at most `ms`; undefined if it never does. */
async function until<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T | undefined> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

function setEnvToken(token: string | undefined): void {
  if (token) {
    process.env.HF_TOKEN = token;
  } else {
    delete process.env.HF_TOKEN;
  }
}

/** Every file under `dir` (the test VS Code's user data: settings, state databases, logs). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).size < 50 * 1024 * 1024);
}

suite('Sign-in flow', () => {
  const fixture = withHub({
    cleanup: async () => {
      await vscode.commands.executeCommand('huggingface.signOut');
      setEnvToken(undefined);
      await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview));
    },
  });
  suiteSetup(() => {
    ({ hub, api } = fixture);
    users = fixture.server.TEST_USERS;
    revoked = fixture.server.REVOKED_TOKEN;
    setEnvToken(undefined);
  });

  test('the input box is a password box that rejects what cannot be a token before anything is sent', async () => {
    hub.clearRequests();
    const { shown } = await withWindow(undefined, () => vscode.commands.executeCommand('huggingface.signIn'));
    assert.equal(shown.inputs.length, 1);
    const [box] = shown.inputs;
    assert.equal(box.password, true);
    assert.equal(box.ignoreFocusOut, true);
    const validate = box.validateInput!;
    assert.ok(await validate(''), 'an empty answer is refused');
    assert.match(String(await validate('abc123')), /start with "hf_"/);
    assert.match(String(await validate('hf_short')), /complete/);
    assert.equal(await validate(users.hubTest.token), undefined);
    assert.deepEqual(shown.errors, [], 'cancelling shows nothing');
    assert.equal(hub.requests.filter((r) => r.path === '/api/whoami-v2').length, 0, 'no request for a cancelled sign-in');
  });

  test('a revoked token: one clear message, nothing stored, browsing stays anonymous', async () => {
    hub.clearRequests();
    const { shown } = await withWindow(revoked, () => vscode.commands.executeCommand('huggingface.signIn'));
    assert.equal(shown.errors.length, 1, JSON.stringify(shown.errors));
    assert.match(shown.errors[0], /^Sign in failed: .*(invalid|revoked|rejected)/i);
    assert.ok(!shown.errors[0].includes(revoked), 'the message does not repeat the token');
    assert.deepEqual(shown.infos, []);
    const whoami = hub.requests.filter((r) => r.path === '/api/whoami-v2');
    assert.equal(whoami.length, 1);
    hub.clearRequests();
    const labels = await rootLabels();
    assert.ok(!labels.includes('My models'), JSON.stringify(labels));
    const lists = hub.requests.filter((r) => r.path === '/api/models');
    assert.ok(lists.length > 0 && lists.every((r) => !r.headers.authorization), 'lists go out without a token');
  });

  test('a gated card says "sign in" to an anonymous user and offers Sign in and Request access', async () => {
    const card = await gatedCard();
    assert.equal(await accessShown(card), 'signIn');
    assert.ok(hub.requests.some((r) => r.path === `/api/models/${GATED.id}/auth-check`), 'the card asked the Hub');
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'requestAccess' }), { accepted: true, did: 'opened the access request page' });
  });

  test('a valid token signs in: stored, "My models" listed, open cards reload with the account’s access', async () => {
    const card = await gatedCard();
    const { shown } = await withWindow(users.hubTest.token, () => vscode.commands.executeCommand('huggingface.signIn'));
    assert.deepEqual(shown.errors, []);
    assert.deepEqual(shown.infos, ['Signed in to Hugging Face as hub-test.']);
    const labels = await until(async () => {
      const now = await rootLabels();
      return now.includes('My models') ? now : undefined;
    });
    assert.ok(labels, `Models view: ${JSON.stringify(await rootLabels())}`);
    await waitFor('the card to reload', () => (card.state.type === 'card' && card.state.card.header.access === 'granted' ? true : undefined), 10_000);
    assert.equal(await accessShown(card), 'granted');
  });

  test('signed in as an account without access, the gated card asks to request it', async () => {
    await vscode.commands.executeCommand('huggingface.signOut');
    setEnvToken(users.stranger.token);
    await vscode.commands.executeCommand('huggingface.refresh');
    const card = await gatedCard();
    const access = await until(async () => {
      await card.loaded;
      return card.state.type === 'card' && card.state.card.header.access === 'request' ? 'request' : undefined;
    });
    assert.equal(access, 'request', JSON.stringify(card.state));
    setEnvToken(undefined);
    await vscode.commands.executeCommand('huggingface.refresh');
  });

  test('after sign-in, commands and error paths leave the token nowhere: settings, state, logs, webviews', async function () {
    this.timeout(60_000);
    const token = users.hubTest.token;
    await withWindow(token, () => vscode.commands.executeCommand('huggingface.signIn'));
    // Work the extension with the token in use: lists, a card, a private repo, a failing card, the overview.
    await rootLabels();
    const card = await gatedCard();
    await vscode.commands.executeCommand('huggingface.openCard', { type: 'model', id: 'hub-test/private-model' });
    await vscode.commands.executeCommand('huggingface.openCard', { type: 'model', id: 'nobody-here/no-such-model' });
    await vscode.commands.executeCommand('huggingface.openOverview');
    await vscode.commands.executeCommand('huggingface.refresh');
    for (const panel of api.cards.all) {
      await panel.loaded;
    }
    assert.ok(api.cards.all.length >= 3, `cards open: ${api.cards.all.length}`);
    assert.equal(await accessShown(card), 'granted');

    const places: [string, string][] = [
      ['settings', JSON.stringify(vscode.workspace.getConfiguration())],
      ...api.cards.all.map((panel): [string, string] => [`card ${panel.ref.id} HTML`, panel.html]),
      ...api.cards.all.map((panel): [string, string] => [`card ${panel.ref.id} messages`, JSON.stringify(panel.state)]),
    ];
    const userData = process.env.HF_HUB_TESTS_USER_DATA;
    assert.ok(userData, 'the test runner says where the user data is');
    // The output channel's log file holds the sign-in line: proof that the scan reads what the extension logged.
    const logged = await waitFor(
      'the sign-in line in a log file',
      () => filesUnder(userData).find((file) => readFileSync(file, 'utf8').includes('Signed in as hub-test.')),
      15_000,
    );
    assert.match(logged, /log/i);
    // The cards kept on disk for the next window are among what is scanned: the private card's included.
    await waitFor('cards kept in global storage', () => filesUnder(userData).filter((file) => file.endsWith('.card.json')).length >= 2 || undefined, 15_000);
    for (const file of filesUnder(userData)) {
      places.push([path.relative(userData, file), readFileSync(file, 'latin1')]);
    }
    const hits = places.filter(([, text]) => text.includes(token)).map(([where]) => where);
    assert.deepEqual(hits, [], 'places that hold the token');
    assert.ok(places.length > 10, `scanned ${places.length} places`);
  });
});
