// Papers, collections and likes in a real VS Code: a card's papers (one request each) and the repos citing one, listed
// in their view; the collections holding a repo, opening only those; the Explore view's daily papers, collections
// (paged, searched, a failure said in place with Retry) and My likes; Like and Unlike on a card; a card's Discussions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExploreNode } from '../../src/views/exploreTree';
import type { QueryNode } from '../../src/views/repoTree';
import type { CardPanel } from '../../src/webviews/cards';
import { useToken, waitFor, openLoadedCard, withHub, withQuickPicks } from './helpers';

const ZEPHYR = 'HuggingFaceH4/zephyr-7b-beta';
const BERT = 'google-bert/bert-base-uncased';
/** A model with threads of every kind (test/hub-server/discussions.mjs). */
const DISCUSSED = 'kestrel-labs/Kestrel-2-7B-Instruct';

suite('Papers, collections and likes', function () {
  this.timeout(60_000);
  const fx = withHub({
    cleanup: async () => {
      for (const key of ['models', 'datasets'] as const) {
        for (const node of (await fx.api.trees[key].getChildren()).filter((c): c is QueryNode => c.kind === 'query' && c.origin === 'related')) {
          await fx.api.views.removeSearch(node);
        }
      }
      await useToken(undefined);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    },
  });
  teardown(() => fx.api.cards.all.forEach((c) => c.dispose()));

  function openCard(type: 'model' | 'dataset', id: string): Promise<CardPanel> {
    return openLoadedCard(fx.api, { type, id });
  }

  function header(card: CardPanel) {
    return card.state.type === 'card' ? card.state.card.header : undefined;
  }

  function label(node: ExploreNode): string {
    const l = node.item.label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  }

  async function group(name: RegExp): Promise<ExploreNode> {
    const roots = await fx.api.explore.getChildren();
    const found = roots.find((n) => name.test(label(n)));
    assert.ok(found, roots.map(label).join(', '));
    return found;
  }

  test('a card describes the papers it cites, one request each, and lists the models citing one', async () => {
    fx.hub.clearRequests();
    const card = await openCard('model', ZEPHYR);
    const ids = header(card)?.papers?.map((p) => p.id) ?? [];
    assert.ok(ids.includes('2305.18290'), ids.join(', '));
    await waitFor('the papers to be read', () => (header(card)?.papers?.every((p) => p.title || p.missing) ? true : undefined), 10_000);
    const dpo = header(card)?.papers?.find((p) => p.id === '2305.18290');
    assert.match(dpo?.title ?? '', /^Direct Preference Optimization/);
    assert.equal(dpo?.url, `${fx.hub.url}/papers/2305.18290`);
    const paperRequests = fx.hub.requests.filter((r) => r.path.startsWith('/api/papers/')).map((r) => r.path);
    assert.deepEqual([...paperRequests].sort(), ids.map((id) => `/api/papers/${id}`).sort(), 'one request per paper');

    assert.deepEqual(card.handleMessage({ type: 'showCiting', paper: '1810.04805', repoType: 'model' }), { accepted: false, reason: 'not a paper of this card' });
    assert.equal(card.handleMessage({ type: 'showCiting', paper: '2305.18290', repoType: 'model' }).accepted, true);
    const node = await waitFor('the citing list', async () => (await fx.api.trees.models.getChildren()).find((n): n is QueryNode => n.kind === 'query' && n.label === 'Models citing arXiv:2305.18290'));
    const rows = (await fx.api.trees.models.getChildren(node)).filter((r) => r.kind === 'repo').map((r) => (r.kind === 'repo' ? r.repo.id : ''));
    const expected = ((await (await fetch(`${fx.hub.url}/api/models?filter=arxiv:2305.18290&limit=100`)).json()) as { id: string }[]).map((m) => m.id);
    assert.ok(rows.includes(ZEPHYR));
    assert.deepEqual([...rows].sort(), [...expected].sort());
  });

  test('a card names the collections holding its repo and opens only those', async () => {
    const card = await openCard('model', BERT);
    await waitFor('its collections', () => header(card)?.collections, 10_000);
    const collections = header(card)?.collections ?? [];
    const bert = collections.find((c) => c.title === 'BERT and its descendants');
    assert.ok(bert, JSON.stringify(collections));
    assert.ok(collections.length <= 5);
    assert.deepEqual(card.handleMessage({ type: 'openCollection', slug: 'someone/else-0123456789abcdef01234567' }), { accepted: false, reason: 'not a collection of this card' });
    assert.deepEqual(card.handleMessage({ type: 'openCollection', slug: bert.slug }), { accepted: true, did: `opened the collection ${bert.slug}` });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('a card lists its Discussions only when asked, one request a page, and opens only the threads it listed', async () => {
    const card = await openCard('model', DISCUSSED);
    fx.hub.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(fx.hub.requests.filter((r) => r.path.includes('/discussions')).length, 0, 'nothing read before the section is opened');
    assert.deepEqual(card.handleMessage({ type: 'openDiscussion', num: 2 }), { accepted: false, reason: 'not a thread the card listed' });
    const outcome = await card.connections.discussionsPage(0);
    assert.equal(outcome.accepted, true, JSON.stringify(outcome));
    assert.deepEqual(fx.hub.requests.filter((r) => r.path.includes('/discussions')).map((r) => `${r.path}?${r.query}`), [`/api/models/${DISCUSSED}/discussions?p=0`]);
    assert.deepEqual(card.handleMessage({ type: 'openDiscussion', num: 2 }), { accepted: true, did: 'opened thread #2' });
    const thread = await waitFor('the thread tab', () => fx.api.discussions.all.find((p) => p.num === 2));
    await thread.loaded;
    assert.equal(thread.state.type, 'thread');
    thread.dispose();
    fx.hub.inject({ match: `/api/models/${DISCUSSED}/discussions`, status: 404, body: { error: 'Repository not found' } });
    const failed = await card.connections.discussionsPage(1);
    assert.equal(failed.accepted, false);
    fx.hub.clearFaults();
  });

  /** Runs a command that shows a QuickPick, and returns its rows once loaded (then hides it). */
  function pickerRows(command: string, ...args: unknown[]): Promise<{ title?: string; placeholder?: string; labels: string[] }> {
    return withQuickPicks(async (shown) => {
      const done = vscode.commands.executeCommand(command, ...args);
      const pick = await waitFor('the picker', () => shown[0]);
      await waitFor('its rows', () => (!pick.busy && pick.items.length > 0 ? true : undefined), 10_000);
      const rows = { title: pick.title, placeholder: pick.placeholder, labels: pick.items.map((i) => i.label) };
      pick.hide();
      await done;
      return rows;
    });
  }

  test('Show Paper and Show Collection: a paper with what cites it, a collection with its items, Hub text never an icon', async () => {
    const paper = await pickerRows('huggingface.showPaper', 'https://arxiv.org/abs/2305.18290v2');
    assert.equal(paper.title, 'arXiv:2305.18290');
    assert.match(paper.placeholder ?? '', /^Direct Preference Optimization/);
    assert.deepEqual(paper.labels.filter((l) => l.includes('citing')), ['$(list-flat) Models citing arXiv:2305.18290', '$(list-flat) Datasets citing arXiv:2305.18290', '$(list-flat) Spaces citing arXiv:2305.18290']);

    const hostile = await pickerRows('huggingface.showPaper', '2501.99999');
    assert.ok(!/(^|[^\\])\$\(/.test(hostile.placeholder ?? ''), hostile.placeholder);

    const card = await openCard('model', BERT);
    const slug = (await waitFor('its collections', () => header(card)?.collections, 10_000)).find((c) => c.title === 'BERT and its descendants')?.slug;
    assert.ok(slug);
    const collection = await pickerRows('huggingface.showCollection', `${fx.hub.url}/collections/${slug}`);
    assert.equal(collection.title, slug);
    assert.ok(collection.labels.includes(`$(hubot) ${BERT}`), collection.labels.join('\n'));
    assert.ok(collection.labels.some((l) => l.startsWith('$(book) BERT')), collection.labels.join('\n'));
  });

  test('Explore lists the daily papers of the latest day and opens one as Show Paper', async () => {
    const papers = await fx.api.explore.getChildren(await group(/^Daily papers$/));
    const titles = papers.map(label);
    assert.equal(papers.length, 4, titles.join('\n'));
    assert.ok(titles.some((t) => t.startsWith('Direct Preference Optimization')), titles.join('\n'));
    assert.equal(papers[0].item.command?.command, 'huggingface.showPaper');
  });

  test('Explore pages the trending collections, opens one, searches, and says a failure in place with Retry', async () => {
    const trending = await group(/^Trending collections$/);
    const first = await fx.api.explore.getChildren(trending);
    const more = first.at(-1);
    assert.equal(more && label(more), 'Load more…');
    const collections = first.filter((n) => n.slug);
    assert.equal(collections.length, 20);
    await vscode.commands.executeCommand('huggingface.loadMore', ...(more?.item.command?.arguments ?? []));
    const second = await waitFor('the second page', async () => {
      const rows = await fx.api.explore.getChildren(trending);
      return rows.filter((n) => n.slug).length > 20 ? rows : undefined;
    });
    assert.ok(second);
    const slugs = second.filter((n) => n.slug).map((n) => n.slug);
    assert.equal(new Set(slugs).size, slugs.length, 'no collection listed twice');

    const bert = second.find((n) => label(n) === 'BERT and its descendants');
    assert.ok(bert);
    const items = await fx.api.explore.getChildren(bert);
    const bertRow = items.find((n) => label(n) === BERT);
    assert.deepEqual(bertRow?.item.command?.arguments, [{ type: 'model', id: BERT }]);
    assert.equal(bertRow?.item.contextValue, 'repo model', 'a repo row’s context menu');
    await vscode.commands.executeCommand('huggingface.copyRepoId', bertRow);
    assert.equal(await vscode.env.clipboard.readText(), BERT);
    assert.ok(items.some((n) => n.item.command?.command === 'huggingface.showPaper'), 'papers are items too');

    fx.hub.inject({ match: '/api/collections', status: 503, body: { error: 'Service Unavailable' } });
    await vscode.commands.executeCommand('huggingface.explore.searchCollections', 'summar');
    const search = await group(/^Collections matching “summar”$/);
    const failed = await fx.api.explore.getChildren(search);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].item.description, 'Retry');
    fx.hub.clearFaults();
    await vscode.commands.executeCommand('huggingface.retry', ...(failed[0].item.command?.arguments ?? []));
    const found = await waitFor('the search after Retry', async () => {
      const rows = await fx.api.explore.getChildren(search);
      return rows.some((n) => n.slug) ? rows : undefined;
    });
    assert.ok(found);
    assert.ok(found.every((n) => /summar/i.test(`${label(n)} ${String(n.item.tooltip)}`)), found.map(label).join('\n'));
    await vscode.commands.executeCommand('huggingface.explore.searchCollections', '');
    await group(/^Trending collections$/);
  });

  test('My likes asks to sign in, then lists the account likes; Like and Unlike on a card keep it in step', async () => {
    const signedOut = await fx.api.explore.getChildren(await group(/^My likes$/));
    assert.deepEqual(signedOut.map(label), ['Sign in to see your likes']);

    await useToken(fx.server.TEST_USERS.hubTest.token);
    const likes = await waitFor('the likes of hub-test', async () => {
      const rows = await fx.api.explore.getChildren(await group(/^My likes$/));
      return rows.some((r) => r.item.command?.command === 'huggingface.openCard') ? rows : undefined;
    }, 10_000);
    assert.ok(likes);
    assert.equal(likes.length, 3, likes.map(label).join(', '));

    const card = await openCard('model', BERT);
    await waitFor('whether hub-test likes it', () => (header(card)?.liked !== undefined ? true : undefined), 10_000);
    assert.equal(header(card)?.liked, false);
    const before = header(card)?.likes ?? 0;
    fx.hub.clearRequests();
    assert.equal(card.handleMessage({ type: 'action', action: 'like' }).accepted, true);
    await waitFor('the like', () => (header(card)?.liked === true ? true : undefined), 10_000);
    assert.equal(header(card)?.likes, before + 1);
    assert.deepEqual(fx.hub.requests.filter((r) => r.path.endsWith('/like')).map((r) => `${r.method} ${r.path}`), [`POST /api/models/${BERT}/like`]);
    const listed = (await (await fetch(`${fx.hub.url}/api/users/hub-test/likes`)).json()) as { repo: { name: string } }[];
    assert.equal(listed[0].repo.name, BERT, 'the Hub has it, newest first');

    card.handleMessage({ type: 'action', action: 'like' });
    await waitFor('the unlike', () => (header(card)?.liked === false ? true : undefined), 10_000);
    assert.equal(header(card)?.likes, before);
  });
});
