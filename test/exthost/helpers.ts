// Shared helpers for the Extension Host tests (bundled into each *.test.js file).
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type * as HubServerModule from '../hub-server/server.mjs';
import type { HubServer, HubServerOptions } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import type { CardPanel } from '../../src/webviews/cards';

export { prng } from '../hub-server/util.mjs';

export const EXTENSION_ID = 'hf-hub-vscode.huggingface-hub-vscode';

/** The extension under test, typed by what its activate() returns. */
export function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

export async function activate(): Promise<ExtensionApi> {
  return extension().activate();
}

/** The Hub the extension talks to: the embedded test Hub started by test/vscode/run-exthost.mjs. */
export function hubEndpoint(): string {
  const endpoint = process.env.HF_ENDPOINT;
  assert.ok(endpoint, 'HF_ENDPOINT is not set in the extension host');
  return endpoint.replace(/\/+$/, '');
}

/** A tree item's label as plain text. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Top-level labels of a tree, as the view would render them. */
export async function topLevelLabels(tree: vscode.TreeDataProvider<unknown>): Promise<string[]> {
  const children = (await tree.getChildren()) ?? [];
  return Promise.all(children.map(async (child) => labelOf(await tree.getTreeItem(child))));
}

/** Polls until `check` returns a value other than undefined (UI state reaches the extension host asynchronously). */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The embedded Hub's module, loaded at run time from the extension's folder (it is not bundled into the tests), for
 * suites that start a Hub of their own inside the extension host.
 */
export function hubServerModule(): Promise<typeof HubServerModule> {
  return import(pathToFileURL(path.join(extension().extensionPath, 'test', 'hub-server', 'server.mjs')).href) as Promise<typeof HubServerModule>;
}

/** Uses `token` as if it were set in HF_TOKEN (none: unset), then refreshes so the extension looks again. */
export async function useToken(token: string | undefined): Promise<void> {
  if (token) {
    process.env.HF_TOKEN = token;
  } else {
    delete process.env.HF_TOKEN;
  }
  await vscode.commands.executeCommand('huggingface.refresh');
}

/** The Hub a suite started for itself, with the extension pointed at it (valid from the suite's first test). */
export interface HubFixture {
  hub: HubServer;
  api: ExtensionApi;
  /** The embedded Hub's module: its test users, special repos, a second server. */
  server: typeof HubServerModule;
}

/**
 * Starts an embedded Hub inside this extension host for the calling suite, so its tests can read the Hub's request log
 * and inject faults, and points the extension at it through the `huggingface.endpoint` setting. After the suite,
 * `cleanup` runs (while the Hub still answers), then the setting is restored and the Hub closed.
 */
export function withHub(options: { hub?: () => HubServerOptions; cleanup?: () => Promise<void> | void } = {}): HubFixture {
  const fixture = {} as HubFixture;
  let endpointBefore: string | undefined;
  suiteSetup(async function () {
    this.timeout(60_000);
    fixture.api = await activate();
    fixture.server = await hubServerModule();
    fixture.hub = await fixture.server.startHubServer({ port: 0, ...options.hub?.() });
    endpointBefore = vscode.workspace.getConfiguration('huggingface').inspect<string>('endpoint')?.globalValue;
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', fixture.hub.url, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await options.cleanup?.();
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', endpointBefore, vscode.ConfigurationTarget.Global);
    await fixture.hub?.close();
  });
  return fixture;
}

/**
 * Runs `fn` while every QuickPick the extension creates is recorded in `shown` (in order), then restores
 * `createQuickPick`, so a test can read and drive a picker a command opens.
 */
export async function withQuickPicks<T>(fn: (shown: vscode.QuickPick<vscode.QuickPickItem>[]) => Promise<T>): Promise<T> {
  const shown: vscode.QuickPick<vscode.QuickPickItem>[] = [];
  const create = vscode.window.createQuickPick;
  (vscode.window as { createQuickPick: unknown }).createQuickPick = () => {
    const pick = create<vscode.QuickPickItem>();
    shown.push(pick);
    return pick;
  };
  try {
    return await fn(shown);
  } finally {
    (vscode.window as { createQuickPick: unknown }).createQuickPick = create;
  }
}

/** Opens a repo's card with the command, waits for it to load, and checks that it shows the card. */
export async function openLoadedCard(api: ExtensionApi, ref: { type: 'model' | 'dataset' | 'space'; id: string }): Promise<CardPanel> {
  await vscode.commands.executeCommand('huggingface.openCard', ref);
  const card = await waitFor(`the ${ref.id} card`, () => api.cards.get(ref));
  await card.loaded;
  assert.equal(card.state.type, 'card', JSON.stringify(card.state).slice(0, 300));
  return card;
}
