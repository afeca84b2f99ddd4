/**
 * What the extension takes from `@huggingface/tasks`: the Hub's task list (pipeline types with their display names)
 * and its "Use this model" code snippets. A chunk of its own, loaded the first time a user filters models by task or
 * inserts a snippet. (One chunk for both: the package is not tree-shakeable, so two chunks would each carry all of it.)
 */
import { MODEL_LIBRARIES_UI_ELEMENTS, PIPELINE_DATA } from '@huggingface/tasks';
import { planSnippets, type LibraryElement, type PlanResult, type SnippetLibrary } from '../snippets/plan';

export interface TaskInfo {
  id: string;
  name: string;
  modality: string;
}

export function hubTasks(): TaskInfo[] {
  return Object.entries(PIPELINE_DATA)
    .filter(([, data]) => !('hideInModels' in data && data.hideInModels))
    .map(([id, data]) => ({ id, name: data.name, modality: data.modality }));
}

const LIBRARY_ELEMENTS = MODEL_LIBRARIES_UI_ELEMENTS as Record<string, LibraryElement | undefined>;

/** The snippet plan for a model's full detail body, from the Hub's own snippet code; see `planSnippets`. */
export function hubSnippets(body: unknown, requested: SnippetLibrary, webBase: string): PlanResult {
  return planSnippets(body, requested, webBase, (library) => (Object.hasOwn(LIBRARY_ELEMENTS, library) ? LIBRARY_ELEMENTS[library] : undefined));
}
