// Hostile content against the real extension: the XSS corpus of test/fixtures/xss/vectors.txt served by an embedded
// Hub started here with its hostile repos (test/hub-server/hostile.mjs), opened as cards and listed in the trees.
// Spies on `commands.executeCommand`, `env.openExternal` and the notification calls record what the extension does;
// the webview → host channel is fuzzed with random, typed-but-wrong, oversized and prototype-polluting messages.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FileNode, MessageNode, RepoNode, RepoTreeNode, RepoTreeProvider } from '../../src/views/repoTree';
import type { CardPanel, MessageOutcome } from '../../src/webviews/cards';
import type { HOSTILE_REPOS as HostileRepos, readVectors as ReadVectors } from '../hub-server/hostile.mjs';
import type { HubServer } from '../hub-server/server.mjs';
import { extension, labelOf, prng, waitFor, withHub } from './helpers';

type RepoType = 'model' | 'dataset' | 'space';
type OpenOutcome = { opened: true; type: string; id: string } | { opened: false; reason: string; message?: string };

/** What the extension did while the spies were on. */
interface Recorded {
  commands: string[];
  opened: string[];
  notifications: string[];
  rejections: unknown[];
}

let hub: HubServer;
let api: ExtensionApi;
let repos: typeof HostileRepos;
let vectors: Map<string, string[]>;
const recorded: Recorded = { commands: [], opened: [], notifications: [], rejections: [] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const commands = vscode.commands as Mutable<typeof vscode.commands>;
const env = vscode.env as Mutable<typeof vscode.env>;
const window = vscode.window as Mutable<typeof vscode.window>;
const original = {
  executeCommand: vscode.commands.executeCommand,
  openExternal: vscode.env.openExternal,
  showErrorMessage: vscode.window.showErrorMessage,
  showWarningMessage: vscode.window.showWarningMessage,
  showInformationMessage: vscode.window.showInformationMessage,
};
const onRejection = (reason: unknown) => recorded.rejections.push(reason);

/** Runs a command as the test, past the spy (so only what the extension runs is recorded). */
function run<T>(command: string, ...args: unknown[]): Thenable<T> {
  return original.executeCommand.call(vscode.commands, command, ...args) as Thenable<T>;
}

function clearRecorded(): void {
  recorded.commands.length = 0;
  recorded.opened.length = 0;
  recorded.notifications.length = 0;
  recorded.rejections.length = 0;
}

function installSpies(): void {
  commands.executeCommand = (<T>(command: string, ...rest: unknown[]) => {
    recorded.commands.push(command);
    return original.executeCommand.call(vscode.commands, command, ...rest) as Thenable<T>;
  }) as typeof vscode.commands.executeCommand;
  // Nothing is really opened: a browser would start.
  env.openExternal = (async (target: vscode.Uri) => {
    recorded.opened.push(target.toString(true));
    return true;
  });
  for (const name of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const) {
    const show: (message: string, ...rest: unknown[]) => Thenable<unknown> = original[name];
    const spy = (message: string, ...rest: unknown[]) => {
      recorded.notifications.push(message);
      return show.call(vscode.window, message, ...rest);
    };
    window[name] = spy;
  }
  process.on('unhandledRejection', onRejection);
}

function removeSpies(): void {
  commands.executeCommand = original.executeCommand;
  env.openExternal = original.openExternal;
  window.showErrorMessage = original.showErrorMessage;
  window.showWarningMessage = original.showWarningMessage;
  window.showInformationMessage = original.showInformationMessage;
  process.off('unhandledRejection', onRejection);
}

function cardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /huggingface\.card$/.test(t.input.viewType));
}

async function closeCards(): Promise<void> {
  for (let attempt = 0; attempt < 20 && (cardTabs().length > 0 || api.cards.all.length > 0); attempt++) {
    await vscode.window.tabGroups.close(cardTabs());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Opens a card through the command and waits until its page has rendered it. */
async function renderedCard(type: RepoType, id: string): Promise<CardPanel> {
  const outcome = await run<OpenOutcome>('huggingface.openCard', { type, id });
  assert.deepEqual(outcome, { opened: true, type, id });
  const card = await waitFor(`the ${id} card`, () => api.cards.get({ type, id }));
  await card.loaded;
  assert.equal(card.state.type, 'card', `${id}: ${JSON.stringify(card.state).slice(0, 300)}`);
  await waitFor(`the page to render ${id}`, () => card.renderedMs, 30_000);
  return card;
}

/** The rows a search of a tree lists (its first page). */
async function searchRows(tree: RepoTreeProvider, text: string): Promise<RepoTreeNode[]> {
  const query = tree.addSearch(text);
  return tree.getChildren(query);
}

const repoRows = (nodes: RepoTreeNode[]) => nodes.filter((n): n is RepoNode => n.kind === 'repo');

/** An object with these own keys, `__proto__` included as a plain key (as JSON.parse makes it). */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Messages as a compromised card page could post them: JSON values, random and typed-but-wrong. */
function fuzzMessages(count: number, seed: number, corpus: string[]): unknown[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const TYPES = ['ready', 'rendered', 'openLink', 'action', 'command', 'insertSnippet', 'copySnippet', 'openExternal', '__proto__', 'constructor', 'toString', 'READY', ' ready', ''];
  const KEYS = ['type', 'href', 'action', 'ms', 'command', 'args', 'arguments', 'snippetId', 'url', 'id', '__proto__', 'constructor', 'prototype'];
  // Valid actions that would prompt or insert (signIn, insert…, retry) are left out: they are fixed, tested elsewhere.
  const ACTIONS = ['copyId', 'openOnHub', 'showFiles', 'requestAccess', 'workbench.action.terminal.new', 'huggingface.signIn', 'copyid', 'copyId ', '__proto__'];
  const HREFS = [
    'https://huggingface.co/docs', 'http://127.0.0.1:1/x', 'mailto:a@b.c', 'command:workbench.action.terminal.new', 'COMMAND:workbench.action.terminal.new',
    'vscode://vscode.git/clone?url=https://evil.example/x.git', 'vscode-insiders://x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>',
    'vbscript:x', ' https://huggingface.co', 'https://user:pass@huggingface.co/', 'https://', '#x', 'x', `https://huggingface.co/${'a'.repeat(3000)}`, ...corpus,
  ];
  const scalar = (): unknown =>
    pick([null, true, false, 0, -1, 1e308, 0.5, pick(TYPES), pick(ACTIONS), pick(HREFS), pick(corpus), 'x'.repeat(Math.floor(rand() * 200_000))]);
  const value = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.6) {
      return scalar();
    }
    if (r < 0.8) {
      return Array.from({ length: Math.floor(rand() * 5) }, () => value(depth + 1));
    }
    return own(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(KEYS), value(depth + 1)] as [string, unknown]));
  };
  const messages: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    let message: unknown;
    if (r < 0.15) {
      message = value(0);
    } else if (r < 0.45) {
      // Typed but wrong: a real type with missing, mistyped or extra fields.
      const type = pick(['ready', 'rendered', 'openLink', 'action']);
      const entries: [string, unknown][] = [['type', type]];
      if (type === 'openLink') {
        entries.push(['href', rand() < 0.7 ? pick(HREFS) : value(1)]);
      } else if (type === 'action') {
        entries.push(['action', rand() < 0.7 ? pick(ACTIONS) : value(1)]);
      } else if (type === 'rendered') {
        entries.push(['ms', rand() < 0.5 ? pick([-1, 1e308, 12, 0]) : value(1)]);
      }
      for (let k = Math.floor(rand() * 2.5); k > 0; k--) {
        entries.push([pick(KEYS), value(1)]);
      }
      message = own(entries);
    } else {
      message = own([['type', pick(TYPES)], ...Array.from({ length: Math.floor(rand() * 4) }, () => [pick(KEYS), value(1)] as [string, unknown])]);
    }
    // What a page posts reaches the host as JSON.
    messages.push(JSON.parse(JSON.stringify(message) ?? 'null'));
  }
  return messages;
}

suite('Hostile content', () => {
  const fixture = withHub({
    hub: () => ({ hostile: true }),
    cleanup: async () => {
      removeSpies();
      await closeCards();
      for (const tree of Object.values(api.trees)) {
        for (const text of tree.searchTexts) {
          const node = tree.addSearch(text);
          tree.removeSearch(node);
        }
      }
    },
  });
  suiteSetup(async () => {
    ({ hub, api } = fixture);
    const hubDir = path.join(extension().extensionPath, 'test', 'hub-server');
    const hostile = (await import(pathToFileURL(path.join(hubDir, 'hostile.mjs')).href)) as { HOSTILE_REPOS: typeof HostileRepos; readVectors: typeof ReadVectors };
    repos = hostile.HOSTILE_REPOS;
    vectors = hostile.readVectors();
    installSpies();
  });

  setup(clearRecorded);
  teardown(closeCards);

  test('the spies see what the extension itself runs and opens', async () => {
    const card = await renderedCard('model', repos.tags);
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'openOnHub' }), { accepted: true, did: 'opened the Hub page' });
    assert.deepEqual(recorded.opened, [`${hub.url}/${repos.tags}`]);
    api.trees.models.refresh();
    await api.trees.models.getChildren();
    await waitFor('the view to set its context', () => (recorded.commands.includes('setContext') ? true : undefined));
  });

  test('every hostile card renders in the real webview, and nothing is run or opened while it does', async function () {
    this.timeout(240_000);
    const ids: [RepoType, string][] = [
      ...Object.values(repos.cards).map((id) => ['model', id] as [RepoType, string]),
      ...repos.frontMatter.map((id) => ['model', id] as [RepoType, string]),
      ['model', repos.tags],
      ['model', repos.files],
      ...repos.listing.map((id, i) => [i === repos.listing.length - 1 ? 'space' : 'model', id] as [RepoType, string]),
      ['model', repos.manyTags],
    ];
    const timings: string[] = [];
    for (const [type, id] of ids) {
      const card = await renderedCard(type, id);
      timings.push(`${id.replace('hostile-test/', '')} ${Math.round(card.renderedMs ?? 0)} ms`);
      if (card.state.type === 'card') {
        assert.equal(card.state.card.header.id, id, 'the header shows the id asked for');
        assert.ok(card.state.card.header.tags.length <= 40);
      }
      await closeCards();
    }
    console.log(`      ${ids.length} hostile cards rendered in the webview: ${timings.join(', ')}`);
    assert.deepEqual(recorded.opened, [], 'no link was opened');
    assert.deepEqual([...new Set(recorded.commands)].filter((c) => c !== 'setContext'), [], 'no command was run');
    assert.deepEqual(recorded.rejections, [], 'no unhandled rejection');
  });

  test('front matter fields reach the header as data, never as markup the host interprets', async () => {
    const card = await renderedCard('model', repos.frontMatter[0]);
    assert.equal(card.state.type, 'card');
    if (card.state.type === 'card') {
      const { header } = card.state.card;
      assert.match(header.license ?? '', /<img src=x onerror/, 'the license is kept as text for the page to show as text');
      assert.ok(header.tags.some((t) => t.includes('<script>')), 'tags are kept as text');
    }
    assert.deepEqual(recorded.opened, []);
  });

  test('fuzzing the card page → host channel runs nothing, opens only http(s)/mailto links, and leaves the panel usable', async function () {
    this.timeout(120_000);
    const card = await renderedCard('model', repos.cards.schemes);
    const corpus = [...vectors.values()].flat();
    const messages = [
      ...corpus.map((href) => ({ type: 'openLink', href })),
      ...corpus.map((action) => ({ type: 'action', action })),
      JSON.parse('{"__proto__": {"type": "ready"}}'),
      JSON.parse('{"type": "openLink", "href": "https://huggingface.co", "__proto__": {"isTrusted": true}}'),
      JSON.parse('{"type": "action", "action": "copyId", "constructor": {"prototype": {"polluted": true}}}'),
      { type: 'openLink', href: `https://huggingface.co/${'a'.repeat(10 * 1024 * 1024)}` },
      { type: 'rendered', ms: 1, payload: 'x'.repeat(10 * 1024 * 1024) },
      { type: 'action', action: 'copyId', args: Array.from({ length: 100_000 }, (_, i) => i) },
      ...fuzzMessages(3000, 20260807, corpus),
    ];
    const started = Date.now();
    const outcomes: { message: unknown; outcome: MessageOutcome }[] = [];
    for (const message of messages) {
      let outcome: MessageOutcome;
      try {
        outcome = card.handleMessage(message);
      } catch (e) {
        assert.fail(`handleMessage threw on ${JSON.stringify(message).slice(0, 200)}: ${String(e)}`);
      }
      outcomes.push({ message, outcome });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ms = Date.now() - started;

    for (const { message, outcome } of outcomes.slice(0, corpus.length * 2)) {
      assert.equal(outcome.accepted, false, `a corpus vector was accepted: ${JSON.stringify(message).slice(0, 200)}`);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
    assert.equal(({} as Record<string, unknown>).isTrusted, undefined, 'no prototype was polluted');

    const accepted = outcomes.filter((o) => o.outcome.accepted);
    const opening = accepted.filter((o) => /^opened /.test(o.outcome.accepted ? o.outcome.did : ''));
    assert.equal(recorded.opened.length, opening.length, 'exactly the accepted links and Hub pages were opened');
    for (const url of recorded.opened) {
      assert.match(url, /^(https?:\/\/|mailto:)/, url);
      assert.doesNotMatch(url, /^https?:\/\/[^/]*@/, `no credentials: ${url}`);
    }
    for (const { message, outcome } of accepted) {
      const m = message as { type: string; href?: string; action?: string };
      assert.ok(['ready', 'rendered', 'openLink', 'action'].includes(m.type), JSON.stringify(m).slice(0, 200));
      if (m.type === 'action') {
        assert.ok(['copyId', 'openOnHub', 'showFiles'].includes(m.action ?? ''), `${m.action}: ${JSON.stringify(outcome)}`);
      }
      if (m.type === 'openLink') {
        assert.match(m.href ?? '', /^(https?:\/\/|mailto:)[^\s]*$/, m.href);
      }
    }
    assert.deepEqual([...new Set(recorded.commands)].filter((c) => c !== 'setContext'), [], 'no command was run');
    assert.deepEqual(recorded.rejections, [], 'no unhandled rejection');
    console.log(`      fuzzed the card channel with ${messages.length} messages in ${ms} ms: ${accepted.length} accepted (${opening.length} opened a page), ${messages.length - accepted.length} dropped; 0 commands run`);

    // The panel still works: the page is sent the card again, renders it again, and its actions answer.
    assert.deepEqual(card.handleMessage({ type: 'ready' }), { accepted: true, did: 'sent the card' });
    card.render();
    await waitFor('the page to render again after the fuzzing', () => card.renderedMs, 30_000);
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'copyId' }), { accepted: true, did: 'copied the id' });
    assert.equal(await vscode.env.clipboard.readText(), repos.cards.schemes);
  });

  test('hostile ids never become rows; hostile tags, tasks and libraries are plain text in rows and tooltips', async () => {
    const tree = api.trees.models;
    const rows = repoRows(await searchRows(tree, 'hostile-test'));
    const ids = rows.map((r) => r.repo.id);
    assert.ok(ids.includes(repos.tags) && ids.includes(repos.files), JSON.stringify(ids));
    for (const bad of repos.invalidIds) {
      assert.ok(!ids.includes(bad), `listed: ${bad}`);
    }
    let checked = 0;
    for (const row of rows) {
      const item = tree.getTreeItem(row);
      assert.equal(typeof item.label, 'string', 'a plain label');
      assert.equal(labelOf(item), row.repo.id);
      assert.ok(item.description === undefined || typeof item.description === 'string');
      const started = Date.now();
      const resolved = await tree.resolveTreeItem(item, row);
      assert.ok(Date.now() - started < 200, `${row.repo.id}: tooltip in ${Date.now() - started} ms`);
      const tooltip = resolved.tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString, `${row.repo.id}: a markdown tooltip`);
      assert.ok(!tooltip.isTrusted, 'not trusted');
      assert.ok(!tooltip.supportHtml, 'no HTML');
      assert.ok(!tooltip.supportThemeIcons, 'no icons');
      assert.ok(!tooltip.value.includes(']('), `${row.repo.id}: no link in ${tooltip.value}`);
      assert.doesNotMatch(`${tooltip.value} ${item.description ?? ''}`, /[\u202A-\u202E\u2066-\u2069]/, `${row.repo.id}: a bidi control would reorder the row or tooltip`);
      // appendText escapes `>` (and turns spaces into &nbsp;), so no tag from the Hub closes; supportHtml is off as well.
      assert.doesNotMatch(tooltip.value, /<[a-z][^>]*(?<!\\)>/i, `${row.repo.id}: a raw HTML tag in ${tooltip.value}`);
      checked++;
    }
    const tagged = rows.find((r) => r.repo.id === repos.tags);
    const tooltip = (await tree.resolveTreeItem(tree.getTreeItem(tagged!), tagged!)).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /\\\[tag\\?-2\\\]\\\(command:/, `the hostile tags are in the tooltip, escaped: ${tooltip.value}`);
    const listed = rows.find((r) => r.repo.id === repos.listing[2]);
    assert.equal(tree.getTreeItem(listed!).description?.toString().startsWith('$(verified) listing-3'), true, 'a task is shown as it is');
    console.log(`      ${checked} hostile rows: plain labels, untrusted tooltips without HTML, icons or links; ${repos.invalidIds.length} invalid ids left out`);
  });

  test('hostile file names: `..`, `.` and backslash entries are left out, the rest are plain labels and tooltips', async () => {
    const tree = api.trees.models;
    const row = repoRows(await searchRows(tree, 'hostile-files'))[0];
    assert.equal(row?.repo.id, repos.files);
    const files = await tree.getChildren(row);
    const labels = files.map((f) => labelOf(tree.getTreeItem(f)));
    assert.ok(!labels.includes('..') && !labels.includes('.') && !labels.some((l) => l.includes('\\')), JSON.stringify(labels));
    assert.ok(labels.includes("<img src=x onerror=window.__xss='file-1'>.md"), JSON.stringify(labels));
    assert.ok(labels.includes('file-6gnp.exe'), 'a right-to-left override is dropped from the label');
    assert.ok(labels.every((l) => !/[\u202A-\u202E\u2066-\u2069]/.test(l)), JSON.stringify(labels));
    for (const node of files.filter((f): f is FileNode => f.kind === 'file')) {
      const item = tree.getTreeItem(node);
      assert.equal(typeof item.label, 'string');
      assert.equal(typeof item.tooltip, 'string', 'a plain-text tooltip');
      assert.match(item.command?.command ?? '', /^huggingface\./, 'a row opens through the extension');
    }
    const folder = files.find((f) => f.kind === 'folder' && f.entry.path === 'folder');
    assert.ok(folder, 'the folder is listed');
    const inside = await tree.getChildren(folder);
    assert.deepEqual(inside.map((n) => (n as MessageNode).text), ['No files.'], 'folder/.. is no entry');
  });

  test('a 10,050-file folder lists 10,000 rows and says the rest is on the Hub; 10,000 tags keep a row and tooltip fast', async function () {
    this.timeout(60_000);
    const datasets = api.trees.datasets;
    const row = repoRows(await searchRows(datasets, 'ten-thousand-files'))[0];
    assert.equal(row?.repo.id, repos.manyFiles);
    const started = Date.now();
    const children = await datasets.getChildren(row);
    const listMs = Date.now() - started;
    const items = Date.now();
    children.forEach((c) => datasets.getTreeItem(c));
    const itemsMs = Date.now() - items;
    assert.equal(children.filter((c) => c.kind === 'file').length, 10_000);
    const last = children[children.length - 1] as MessageNode;
    assert.equal(last.kind, 'message');
    assert.match(last.text, /^Only the first 10,000 entries are shown: open the repo on huggingface\.co for the rest\.$/);
    assert.ok(listMs < 20_000, `${listMs} ms`);

    const models = api.trees.models;
    const tagged = repoRows(await searchRows(models, 'ten-thousand-tags'))[0];
    assert.ok(tagged && tagged.repo.tags.length >= 10_000);
    const t = Date.now();
    const tooltip = (await models.resolveTreeItem(models.getTreeItem(tagged), tagged)).tooltip as vscode.MarkdownString;
    const tooltipMs = Date.now() - t;
    assert.ok(tooltipMs < 100, `${tooltipMs} ms`);
    assert.ok(tooltip.value.length < 2_000, `${tooltip.value.length} characters`);
    console.log(`      10,050 files: ${children.length - 1} rows listed in ${listMs} ms (tree items built in ${itemsMs} ms), capped with a message; 10,000 tags: tooltip in ${tooltipMs} ms, ${tooltip.value.length} characters`);
  });

  test('malformed ids as "Open Card" arguments: refused fast with a message that cannot form a command link', async () => {
    const args: unknown[] = [
      ...repos.invalidIds.map((id) => ({ type: 'model', id })),
      ...repos.invalidIds,
      { type: 'model', id: 'a'.repeat(100_000) },
      { type: 'model', id: `${'../'.repeat(10_000)}etc/passwd` },
      { type: 'dataset', id: 'owner/[Retry](command:workbench.action.terminal.new)' },
      { type: 'space', id: 42 },
      { type: 'notebook', id: 'gpt2' },
      [],
      42,
    ];
    for (const arg of args) {
      const started = Date.now();
      const outcome = await run<OpenOutcome>('huggingface.openCard', arg);
      assert.ok(Date.now() - started < 1_000, `${JSON.stringify(arg).slice(0, 80)}: ${Date.now() - started} ms`);
      assert.equal(outcome.opened, false, JSON.stringify(arg).slice(0, 80));
      assert.equal(outcome.opened === false && outcome.reason, 'invalid');
      assert.ok(outcome.opened === false && outcome.message && outcome.message.length < 200, JSON.stringify(outcome).slice(0, 300));
    }
    await waitFor('the messages', () => (recorded.notifications.length >= args.length ? true : undefined));
    for (const text of recorded.notifications) {
      assert.doesNotMatch(text, /\[[^\]]*\]\((?:https?:\/\/|command:|file:)/i, `a link in a notification: ${text}`);
      assert.ok(text.length < 250, `${text.length} characters`);
    }
    assert.ok(recorded.notifications.some((t) => t.includes('[Retry] (command:')), 'the id is shown, with its link taken apart');
    assert.equal(api.cards.all.length, 0, 'no panel opened');
    assert.deepEqual(recorded.opened, []);
  });
});
