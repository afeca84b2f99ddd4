import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, hubEndpoint, topLevelLabels } from './helpers';

const LOAD_MORE = 'Load more…';

/** Every model id the Hub at HF_ENDPOINT lists, following its `Link: <…>; rel="next"` pages. */
async function hubModelIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  let url: string | undefined = `${hubEndpoint()}/api/models?limit=100`;
  for (let page = 0; url && page < 50; page++) {
    const response = await fetch(url);
    assert.equal(response.status, 200, `GET ${url}`);
    for (const model of (await response.json()) as { id: string }[]) {
      ids.add(model.id);
    }
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return ids;
}

suite('Models tree', () => {
  test('lists models from the Hub at HF_ENDPOINT, ending with "Load more…" when there are more', async () => {
    const { trees } = await activate();
    const labels = await topLevelLabels(trees.models);
    const repos = labels.filter((label) => label !== LOAD_MORE);
    const hubIds = await hubModelIds();

    assert.ok(repos.length > 0, `the tree shows models (got ${JSON.stringify(labels)})`);
    assert.deepEqual(
      repos.filter((id) => !hubIds.has(id)),
      [],
      'every label is a model id served by the embedded Hub',
    );
    assert.equal(new Set(repos).size, repos.length, 'no model is listed twice');
    if (hubIds.size > repos.length) {
      assert.equal(labels.at(-1), LOAD_MORE);
    }
  });

  test('"Load more…" runs its command and appends the next page', async () => {
    const { trees } = await activate();
    const before = await topLevelLabels(trees.models);
    assert.equal(before.at(-1), LOAD_MORE, 'the embedded Hub has more than one page of models');
    const children = (await trees.models.getChildren()) ?? [];
    const command = trees.models.getTreeItem(children.at(-1)!).command;
    assert.ok(command, '"Load more…" has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));

    const after = await topLevelLabels(trees.models);
    const firstPage = before.slice(0, -1);
    assert.deepEqual(after.slice(0, firstPage.length), firstPage, 'the first page stays in place');
    assert.ok(after.length > before.length, `more models after "Load more…" (${before.length} → ${after.length} rows)`);
    assert.equal(new Set(after).size, after.length, 'no model is listed twice');
    assert.ok(after.every((label, i) => i === after.length - 1 || label !== LOAD_MORE));
  });
});
