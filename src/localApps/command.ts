// "Use this model…" as the activation bundle sees it: the handler loads the chunk (./useModel.lazy.ts) on first use.
// The task library's chunk is loaded from here, so that it stays a chunk of its own.
import type { CommandContext } from '../commands/context';
import type { UseOutcome, UsePresets } from './useModel.lazy';

export async function useModelCommand(ctx: CommandContext, target?: unknown, presets?: UsePresets): Promise<UseOutcome> {
  return (await import('./useModel.lazy')).useModelFor(ctx, () => import('../hub/tasks.lazy'), target, presets);
}
