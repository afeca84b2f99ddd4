/**
 * What the extension takes from `@huggingface/tasks`: the Hub's task list (pipeline types with their display names)
 * and its "Use this model" code snippets, local apps, GGUF quant labels and hardware list, and the GGUF header reader. A chunk of its own, loaded the first time a user filters models by task or
 * inserts a snippet. (One chunk for both: the package is not tree-shakeable, so two chunks would each carry all of it.)
 */
import { LOCAL_APPS, MODEL_LIBRARIES_UI_ELEMENTS, parseGGUFQuantLabel, PIPELINE_DATA, SKUS } from '@huggingface/tasks';
import type { LocalAppLike } from '../localApps/apps';
import { planSnippets, type LibraryElement, type PlanResult } from '../snippets/plan';

export { readGgufHeader } from './ggufRead';
/** The whole library, for the inference chunk, whose `@huggingface/inference` imports it (esbuild.mjs, sharedTasks). */
export * as library from '@huggingface/tasks';

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
export function hubSnippets(body: unknown, requested: string, webBase: string): PlanResult {
  return planSnippets(body, requested, webBase, (library) => (Object.hasOwn(LIBRARY_ELEMENTS, library) ? LIBRARY_ELEMENTS[library] : undefined));
}

/** The Hub's local apps ("Use this model" → Local apps), keyed as the library keys them. */
export const localApps = LOCAL_APPS as unknown as Readonly<Record<string, LocalAppLike>>;

/** The Hub's own quant label parser for GGUF file names. */
export const quantLabel = (name: string): string | undefined => parseGGUFQuantLabel(name);

/** The Hub's hardware list: GPUs and Apple Silicon with the memory sizes they come in, by the setting's names. */
export function hardwareList(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (name: string, spec: { memory?: number[] }) => {
    if (Array.isArray(spec.memory) && spec.memory.length > 0) {
      out.set(name, [...spec.memory]);
    }
  };
  for (const [vendor, skus] of Object.entries(SKUS.GPU)) {
    for (const [name, spec] of Object.entries(skus as Record<string, { memory?: number[] }>)) {
      add(`${vendor} ${name}`, spec);
    }
  }
  for (const [name, spec] of Object.entries(SKUS['Apple Silicon']['-'] as Record<string, { memory?: number[] }>)) {
    add(name, spec);
  }
  return out;
}
