/**
 * "Show Model Tree": a model's place in the Hub's model tree in one picker — its base models (each opens its card) and
 * the models that derive from it by relation, with their counts (each becomes a list at the top of the Models view,
 * paged like any list). A chunk of its own, loaded on first use.
 */
import * as vscode from 'vscode';
import { repoRefFromArgument } from '../cards/repoRef';
import { askRepo } from '../commands/askRepo';
import type { CommandContext } from '../commands/context';
import { loadingPick } from '../commands/loadingPick';
import { notificationText } from '../hub/format';
import { countDerived, type Counts } from './derived';
import { baseModelsOf, RELATION_PLURAL, RELATION_SINGULAR, RELATIONS, relatedLabel, relatedQuery, type Relation } from './modelTree';

type Choice = vscode.QuickPickItem & { open?: string; relation?: Relation };

export async function showModelTree(ctx: Pick<CommandContext, 'client' | 'cards' | 'views' | 'account'>, target: unknown, relation?: unknown): Promise<void> {
  const given = repoRefFromArgument(target ?? (await askRepo(ctx.client().endpoint, { title: 'Show Model Tree', prompt: 'A model id or Hub address', placeHolder: 'meta-llama/Llama-3.1-8B' })));
  if (target === undefined && !given) {
    return;
  }
  if (!given?.ok || given.ref.type !== 'model') {
    void vscode.window.showErrorMessage(notificationText(given && !given.ok ? given.problem : 'Show Model Tree needs a model.'));
    return;
  }
  const id = given.ref.id;
  if (typeof relation === 'string' && (RELATIONS as readonly string[]).includes(relation)) {
    await ctx.views.showRelated(relatedLabel(id, relation as Relation), relatedQuery(id, relation as Relation));
    return;
  }
  const chosen = await loadingPick<Choice>({
    title: `Model tree of ${id}`,
    placeholder: 'Open a base model, or list the models that derive from this one',
    failure: 'The model tree could not be read',
    load: async (signal) => {
      const client = ctx.client();
      const [details, counts] = await Promise.all([client.repoFields('model', id, ['tags', 'cardData'], { signal }), countDerived(client, id, await ctx.account(), signal)]);
      const tags = Array.isArray(details.tags) ? details.tags.filter((t): t is string => typeof t === 'string') : [];
      const cardData = details.cardData && typeof details.cardData === 'object' && !Array.isArray(details.cardData) ? (details.cardData as Record<string, unknown>) : undefined;
      return choices(baseModelsOf(tags, cardData), counts);
    },
  });
  if (chosen?.open) {
    await ctx.cards.open({ type: 'model', id: chosen.open });
  } else if (chosen?.relation) {
    await ctx.views.showRelated(relatedLabel(id, chosen.relation), relatedQuery(id, chosen.relation));
  }
}

function choices(bases: ReturnType<typeof baseModelsOf>, counts: Counts): Choice[] {
  const items: Choice[] = [];
  if (bases.length) {
    items.push({ label: 'Base models', kind: vscode.QuickPickItemKind.Separator });
    items.push(...bases.map((b): Choice => ({ label: `$(type-hierarchy-super) ${b.id}`, description: b.relation ? `this model is a ${RELATION_SINGULAR[b.relation].toLowerCase()} of it` : 'base model', open: b.id })));
  }
  items.push({ label: 'Derived models', kind: vscode.QuickPickItemKind.Separator });
  for (const relation of RELATIONS) {
    const count = counts[relation];
    items.push({ label: `$(type-hierarchy-sub) ${RELATION_PLURAL[relation]}`, description: count ? `${count} model${count === '1' ? '' : 's'}` : 'none listed', relation });
  }
  return items;
}
