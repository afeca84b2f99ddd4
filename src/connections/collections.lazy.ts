/**
 * "Show Collection…": one collection of the Hub in a picker, its items in the collection's order — models, datasets
 * and Spaces open their cards, papers show as "Show Paper" does, a collection inside opens the same way — and its page
 * on huggingface.co. A chunk of its own, loaded on first use.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { loadingPick } from '../commands/loadingPick';
import { escapeIcons, notificationText } from '../hub/format';
import { REPO_TYPE_ICON } from '../hub/repoId';
import { collectionPath, collectionSlugFrom, collectionWebUrl, parseCollection, type CollectionItem, type CollectionView } from './collections';

type Choice = vscode.QuickPickItem & { item?: CollectionItem; url?: string };

export async function showCollection(ctx: Pick<CommandContext, 'client' | 'cards'>, target?: unknown): Promise<void> {
  const given =
    (target && typeof target === 'object' && 'slug' in target ? target.slug : target) ??
    (await vscode.window.showInputBox({
      title: 'Show Collection',
      prompt: 'A collection slug or its address on the Hub',
      placeHolder: 'owner/title-0123456789abcdef01234567',
      validateInput: (value) => (value.trim() === '' || collectionSlugFrom(value) ? undefined : 'Not a collection slug or address.'),
    }));
  if (given === undefined) {
    return;
  }
  const slug = collectionSlugFrom(given);
  const path = slug && collectionPath(slug);
  if (!slug || !path) {
    void vscode.window.showErrorMessage(notificationText('Show Collection needs a collection slug, like owner/title-0123456789abcdef01234567.'));
    return;
  }
  let collection: CollectionView | undefined;
  const chosen = await loadingPick<Choice>({
    title: slug,
    placeholder: 'Open an item of the collection',
    failure: 'The collection could not be read',
    load: async (signal) => {
      const client = ctx.client();
      collection = parseCollection(await client.apiJson(path, { signal }));
      return collection ? choices(collection, collectionWebUrl(client.endpoint, slug)) : [];
    },
    loaded: () => (collection ? escapeIcons(`${collection.title}${collection.owner ? ` — by ${collection.owner}` : ''}: ${collection.items.length} items`) : 'The Hub sent this collection in an unexpected shape'),
  });
  const item = chosen?.item;
  if (chosen?.url) {
    await vscode.env.openExternal(vscode.Uri.parse(chosen.url, true));
  } else if (item?.kind === 'repo') {
    await ctx.cards.open({ type: item.type, id: item.id });
  } else if (item?.kind === 'paper') {
    await vscode.commands.executeCommand('huggingface.showPaper', item.id);
  } else if (item?.kind === 'collection') {
    await showCollection(ctx, item.slug);
  }
}

function choices(c: CollectionView, url: string): Choice[] {
  const rows: Choice[] = [{ label: '$(link-external) Open on huggingface.co', description: c.description && escapeIcons(c.description), url }];
  if (c.items.length) {
    rows.push({ label: 'Items', kind: vscode.QuickPickItemKind.Separator });
  }
  for (const item of c.items) {
    const icon = item.kind === 'repo' ? REPO_TYPE_ICON[item.type] : item.kind === 'paper' ? 'book' : 'library';
    rows.push({ label: `$(${icon}) ${escapeIcons(item.kind === 'repo' ? item.id : item.title)}`, description: item.description && escapeIcons(item.description), detail: item.note && escapeIcons(item.note), item });
  }
  return rows;
}
