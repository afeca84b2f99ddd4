/**
 * The Hub's task list (pipeline types with their display names), from `@huggingface/tasks`. A chunk of its own,
 * loaded the first time a user filters models by task.
 */
import { PIPELINE_DATA } from '@huggingface/tasks';

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
