// The sidebar lists against an embedded Hub started inside this extension host, so each test can read the Hub's
// request log and inject faults. The extension is pointed at it through the `huggingface.endpoint` setting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HubServer } from '../hub-server/server.mjs';
import type { ExtensionApi } from '../../src/extension';
import type { RepoTreeNode, RepoTreeProvider } from '../../src/views/repoTree';
import { labelOf, withHub } from './helpers';

let hub: HubServer;
let api: ExtensionApi;

/** Root rows of a tree as the view renders them. */
async function rows(tree: RepoTreeProvider, node?: RepoTreeNode): Promise<{ node: RepoTreeNode; label: string }[]> {
  const children = await tree.getChildren(node);
  return children.map((child) => ({ node: child, label: labelOf(tree.getTreeItem(child)) }));
}

const listRequests = (collection: string) => hub.requests.filter((r) => r.path === `/api/${collection}`);

suite('Sidebar lists against the embedded Hub', () => {
  const fixture = withHub();
  suiteSetup(async () => {
    ({ hub, api } = fixture);
    // These tests count the requests their own rendering makes. A visible view is also listed by the workbench after
    // every refresh, at a moment of its choosing, so the views stay hidden whatever an earlier suite left open.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  setup(async () => {
    for (const key of ['models', 'datasets', 'spaces'] as const) {
      await api.views.setFilters(key, { sort: 'trending' });
    }
    hub.clearFaults();
    hub.clearRequests();
  });

  test('each view lists the Hub’s repos, trending first, with one request', async () => {
    for (const [key, collection] of [['models', 'models'], ['datasets', 'datasets'], ['spaces', 'spaces']] as const) {
      const shown = (await rows(api.trees[key])).filter((r) => r.node.kind === 'repo').map((r) => r.label);
      assert.equal(listRequests(collection).length, 1, `${key}: one list request`);
      const direct = (await (await fetch(`${hub.url}/api/${collection}?sort=trendingScore&limit=50`)).json()) as { id: string }[];
      assert.deepEqual(shown, direct.map((r) => r.id).slice(0, shown.length), `${key} in the Hub's trending order`);
      assert.ok(shown.length > 0, `${key} shows repos`);
    }
  });

  test('rendering again makes no request; "Load more…" makes exactly one and appends', async () => {
    const tree = api.trees.models;
    const first = await rows(tree);
    await rows(tree);
    await rows(tree);
    assert.equal(listRequests('models').length, 1);
    const loadMore = first.at(-1)!;
    assert.equal(loadMore.label, 'Load more…');
    const command = tree.getTreeItem(loadMore.node).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const after = await rows(tree);
    assert.equal(listRequests('models').length, 2);
    assert.match(listRequests('models')[1].query, /cursor=/, 'the second request follows the Link cursor');
    assert.deepEqual(after.slice(0, first.length - 1).map((r) => r.label), first.slice(0, -1).map((r) => r.label));
    assert.ok(after.length > first.length);
  });

  test('sort and filters change the request and the order, and show in the view', async () => {
    await api.views.setFilters('models', { sort: 'downloads', task: 'text-generation' });
    const shown = (await rows(api.trees.models)).filter((r) => r.node.kind === 'repo');
    assert.ok(shown.length > 0);
    const query = new URLSearchParams(listRequests('models')[0].query);
    assert.equal(query.get('sort'), 'downloads');
    assert.equal(query.get('pipeline_tag'), 'text-generation');
    const downloads = shown.map((r) => (r.node.kind === 'repo' ? (r.node.repo.downloads ?? 0) : 0));
    assert.deepEqual(downloads, [...downloads].sort((a, b) => b - a), 'most downloaded first');
    assert.ok(shown.every((r) => r.node.kind === 'repo' && r.node.repo.task === 'text-generation'));
    assert.deepEqual(api.views.getFilters('models'), { sort: 'downloads', task: 'text-generation', library: undefined, author: undefined, language: undefined, license: undefined, size: undefined, access: undefined, app: undefined, fits: undefined, provider: undefined });
  });

  test('a parameter-count range and "not gated" list only such models, with their size in the row, in one request', async () => {
    await api.views.setFilters('models', { sort: 'trending', size: '1-6B', access: 'open' });
    const shown = (await rows(api.trees.models)).filter((r) => r.node.kind === 'repo');
    assert.equal(listRequests('models').length, 1, 'one request');
    const query = new URLSearchParams(listRequests('models')[0].query);
    assert.equal(query.get('num_parameters'), 'min:1B,max:6B');
    assert.equal(query.get('gated'), 'false');
    assert.ok(shown.filter((r) => r.node.kind === 'repo' && r.node.repo.params).length > 0, 'some rows show a count of 1B to 6B');
    for (const row of shown) {
      assert.ok(row.node.kind === 'repo');
      const repo = row.node.repo;
      assert.equal(repo.gated, false, `${repo.id} is not gated`);
      if (repo.library === 'gguf' || repo.tags.includes('gguf')) {
        // A GGUF repo's count is in its `gguf` field, which lists do not ask for (it carries the chat template).
        continue;
      }
      assert.ok(repo.params && repo.params >= 1e9 && repo.params <= 6e9, `${repo.id}: ${repo.params} parameters`);
      const item = api.trees.models.getTreeItem(row.node);
      assert.match(String(item.description), /\b\d(\.\d)?B params\b/, `${repo.id}: ${String(item.description)}`);
    }
  });

  test('"Runs with Ollama" lists the GGUF models Ollama runs, in one request, and the view keeps it', async () => {
    await api.views.setFilters('models', { sort: 'trending', app: 'ollama' });
    const shown = (await rows(api.trees.models)).filter((r) => r.node.kind === 'repo');
    assert.equal(listRequests('models').length, 1, 'one request');
    assert.equal(new URLSearchParams(listRequests('models')[0].query).get('apps'), 'ollama');
    assert.ok(shown.length >= 3);
    assert.ok(shown.every((r) => r.node.kind === 'repo' && r.node.repo.tags.includes('gguf')), shown.map((r) => r.label).join(', '));
    assert.equal(api.views.getFilters('models').app, 'ollama', 'kept with the view');
  });

  test('"Fits this machine" asks the Hub for models whose 4-bit weights fit the memory, and lists no bigger one', async () => {
    const memory = 8 * 1024 ** 3;
    const max = Math.floor((memory * 8) / (4.89 * 1.2));
    await api.views.setFilters('models', { sort: 'trending', fits: memory });
    const shown = (await rows(api.trees.models)).filter((r) => r.node.kind === 'repo');
    assert.equal(listRequests('models').length, 1, 'one request');
    assert.equal(new URLSearchParams(listRequests('models')[0].query).get('num_parameters'), `max:${max}`);
    const counted = shown.filter((r) => r.node.kind === 'repo' && r.node.repo.params !== undefined);
    assert.ok(counted.length > 0);
    assert.ok(counted.every((r) => r.node.kind === 'repo' && r.node.repo.params! <= max), counted.map((r) => r.label).join(', '));
  });

  test('a failing Hub becomes an error row with Retry, and Retry recovers without reload', async () => {
    hub.inject({ match: '/api/datasets', status: 503 });
    api.views.refresh('dataset');
    const failed = await rows(api.trees.datasets);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].node.kind, 'error');
    assert.match(failed[0].label, /had a problem \(HTTP 503\)/);
    const item = api.trees.datasets.getTreeItem(failed[0].node);
    assert.equal(item.command?.command, 'huggingface.retry');

    hub.clearFaults();
    await vscode.commands.executeCommand('huggingface.retry', failed[0].node);
    const recovered = await rows(api.trees.datasets);
    assert.ok(recovered.filter((r) => r.node.kind === 'repo').length > 0, 'repos are listed after Retry');
  });

  test('an unreachable Hub says so in the tree', async () => {
    hub.inject({ match: '/api/spaces', reset: true });
    api.views.refresh('space');
    const [row] = await rows(api.trees.spaces);
    assert.equal(row.node.kind, 'error');
    assert.match(row.label, /interrupted|Cannot reach/);
  });

  test('a search becomes a node that lists only matching repos and can be removed', async () => {
    const node = api.trees.models.addSearch('bert');
    const results = await rows(api.trees.models, node);
    const repos = results.filter((r) => r.node.kind === 'repo');
    assert.ok(repos.length > 0);
    assert.ok(repos.every((r) => r.label.toLowerCase().includes('bert')), 'every result matches');
    const root = await rows(api.trees.models);
    assert.equal(root[0].label, 'Search: bert');
    await vscode.commands.executeCommand('huggingface.removeSearch', node);
    assert.ok((await rows(api.trees.models)).every((r) => r.label !== 'Search: bert'));
  });

  test('a repo expands into its files with sizes', async () => {
    const node = api.trees.models.addSearch('bert-base-uncased');
    const repo = (await rows(api.trees.models, node)).find((r) => r.label === 'google-bert/bert-base-uncased');
    assert.ok(repo, 'google-bert/bert-base-uncased is found');
    const files = await rows(api.trees.models, repo.node);
    const config = files.find((f) => f.label === 'config.json');
    assert.ok(config, 'config.json is listed');
    assert.match(String(api.trees.models.getTreeItem(config.node).description), /\d+ B/);
    api.trees.models.removeSearch(node);
  });
});
