// The Hub's connections in a real VS Code: a model card's base models (opening only those it names) and derived counts
// (one list request, then a list in the Models view that pages like a search and can be removed), Show Model Tree in
// a picker, and a Space card following its build until it runs, with Open app only then.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QueryNode } from '../../src/views/repoTree';
import type { CardPanel } from '../../src/webviews/cards';
import { openLoadedCard, waitFor, withHub, withQuickPicks } from './helpers';

const BASE = 'distilbert/distilbert-base-uncased';
const BUILDING = 'pngwn/test';

suite('Connections', function () {
  this.timeout(60_000);
  const original = { openExternal: vscode.env.openExternal };
  const opened: string[] = [];
  const fx = withHub({
    cleanup: async () => {
      (vscode.env as { openExternal: unknown }).openExternal = original.openExternal;
      for (const node of await relatedNodes()) {
        await fx.api.views.removeSearch(node);
      }
      fx.api.cards.all.forEach((c) => c.dispose());
      // Listing related models revealed the Models view; hidden again, the workbench stops listing it on its own.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    },
  });

  suiteSetup(() => {
    (vscode.env as { openExternal: unknown }).openExternal = async (target: vscode.Uri) => {
      opened.push(target.toString(true));
      return true;
    };
  });
  teardown(() => fx.api.cards.all.forEach((c) => c.dispose()));

  async function relatedNodes(): Promise<QueryNode[]> {
    return (await fx.api.trees.models.getChildren()).filter((c): c is QueryNode => c.kind === 'query' && c.origin === 'related');
  }

  function openCard(type: 'model' | 'space', id: string): Promise<CardPanel> {
    return openLoadedCard(fx.api, { type, id });
  }

  async function childrenOf(id: string): Promise<{ id: string; tags: string[] }[]> {
    const url = `${fx.hub.url}/api/models?filter=${encodeURIComponent(`base_model:${id}`)}&limit=100&expand[]=tags`;
    return (await (await fetch(url)).json()) as { id: string; tags: string[] }[];
  }

  test('a model card counts the models derived from it in one request; a count lists them in the Models view', async () => {
    const expected = (await childrenOf(BASE)).filter((m) => m.tags.includes(`base_model:finetune:${BASE}`)).map((m) => m.id);
    assert.ok(expected.length > 0, 'the embedded Hub has finetunes of the base');
    fx.hub.clearRequests();
    const card = await openCard('model', BASE);
    const header = card.state.type === 'card' ? card.state.card.header : undefined;
    assert.equal(header?.derivedTotal, expected.length);
    assert.deepEqual(header?.derived, { finetune: String(expected.length) });
    const trees = fx.hub.requests.filter((r) => r.path === '/api/models' && new URLSearchParams(r.query).get('filter') === `base_model:${BASE}`);
    assert.equal(trees.length, 1, 'one list request counts them');

    assert.deepEqual(card.handleMessage({ type: 'showRelated', relation: 'finetune' }), { accepted: true, did: 'listed the finetune models' });
    const node = await waitFor('the related list', async () => (await relatedNodes()).find((n) => n.label === `Finetunes of ${BASE}`));
    assert.ok(node);
    const rows = await fx.api.trees.models.getChildren(node);
    assert.deepEqual(rows.filter((r) => r.kind === 'repo').map((r) => (r.kind === 'repo' ? r.repo.id : '')).sort(), [...expected].sort());
    const item = fx.api.trees.models.getTreeItem(node);
    assert.equal(item.contextValue, 'query removable');
    await fx.api.views.removeSearch(node);
    assert.equal((await relatedNodes()).length, 0, 'removed');
  });

  test('a derived model names its base; the card opens only the base models it names', async () => {
    const child = (await childrenOf(BASE)).find((m) => m.tags.includes(`base_model:finetune:${BASE}`));
    assert.ok(child);
    const card = await openCard('model', child.id);
    const header = card.state.type === 'card' ? card.state.card.header : undefined;
    assert.deepEqual(header?.baseModels, [{ id: BASE, relation: 'finetune' }]);
    assert.deepEqual(card.handleMessage({ type: 'openRepo', repo: { type: 'model', id: 'openai-community/gpt2' } }), { accepted: false, reason: 'not a base model of this card' });
    assert.deepEqual(card.handleMessage({ type: 'openRepo', repo: { type: 'model', id: BASE } }), { accepted: true, did: `opened the card of ${BASE}` });
    await waitFor('the base model card', () => fx.api.cards.get({ type: 'model', id: BASE }));
    assert.equal(fx.api.cards.get({ type: 'model', id: 'openai-community/gpt2' }), undefined);
  });

  test('a model no one derives from costs no count request', async () => {
    fx.hub.clearRequests();
    const card = await openCard('model', 'google-bert/bert-base-uncased');
    const header = card.state.type === 'card' ? card.state.card.header : undefined;
    assert.equal(header?.derivedTotal, 0);
    assert.equal(header?.derived, undefined);
    assert.equal(fx.hub.requests.filter((r) => r.path === '/api/models').length, 0);
  });

  test('Show Model Tree lists a base model and the derived relations with their counts', async () => {
    const child = (await childrenOf(BASE)).find((m) => m.tags.includes(`base_model:finetune:${BASE}`));
    assert.ok(child);
    await withQuickPicks(async (shown) => {
      const done = vscode.commands.executeCommand('huggingface.showModelTree', { type: 'model', id: child.id });
      const pick = await waitFor('the model tree picker', () => shown[0]);
      await waitFor('its items', () => (!pick.busy && pick.items.length > 0 ? true : undefined), 10_000);
      const labels = pick.items.map((i) => `${i.label}|${i.description ?? ''}`);
      assert.ok(labels.includes(`$(type-hierarchy-super) ${BASE}|this model is a finetune of it`), labels.join('\n'));
      assert.ok(labels.some((l) => l.startsWith('$(type-hierarchy-sub) Finetunes|')), labels.join('\n'));
      pick.hide();
      await done;
    });
  });

  test('Show Model Tree says in place why it could not read the tree, and Retry reads it again', async () => {
    await withQuickPicks(async (shown) => {
      fx.hub.inject({ match: `/api/models/${BASE}`, status: 503, body: { error: 'Service Unavailable' } });
      const done = vscode.commands.executeCommand('huggingface.showModelTree', { type: 'model', id: BASE });
      const pick = await waitFor('the model tree picker', () => shown[0]);
      await waitFor('the Retry row', () => (!pick.busy && pick.items.some((i) => i.label === '$(refresh) Retry') ? true : undefined), 10_000);
      assert.match(pick.placeholder ?? '', /could not be read/);
      fx.hub.clearFaults();
      pick.activeItems = pick.items.filter((i) => i.label === '$(refresh) Retry');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor('the tree after Retry', () => (!pick.busy && pick.items.some((i) => i.label.startsWith('$(type-hierarchy-sub) Finetunes')) ? true : undefined), 10_000);
      pick.hide();
      await done;
    });
  });

  test('a building Space is asked again until it runs; Open app only then, and only at its hf.space address', async () => {
    opened.length = 0;
    const card = await openCard('space', BUILDING);
    const header = () => (card.state.type === 'card' ? card.state.card.header : undefined);
    assert.equal(header()?.runtime?.stage, 'BUILDING');
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'openApp' }), { accepted: false, reason: 'the Space is not running' });
    await waitFor('the Space to run', () => (header()?.runtime?.stage === 'RUNNING' ? true : undefined), 20_000);
    assert.ok(card.connections.pollCount >= 1);
    assert.equal(header()?.runtime?.facts[0].value, 'Running');
    assert.deepEqual(card.handleMessage({ type: 'action', action: 'openApp' }), { accepted: true, did: 'opened https://pngwn-test.hf.space' });
    await waitFor('the browser to be asked', () => (opened.length ? true : undefined));
    assert.deepEqual(opened, ['https://pngwn-test.hf.space/']);
    const polls = card.connections.pollCount;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    assert.equal(card.connections.pollCount, polls, 'a running Space is not asked again');
  });
});
