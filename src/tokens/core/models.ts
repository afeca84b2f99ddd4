// Loaded tokenizers, by model id: one load at a time per model (callers share it), a failed load forgotten so the next
// ask tries again, and only the few most recent kept (a large vocabulary holds tens of MB). A load still running can
// be cancelled (another model was chosen, or counting stopped): its requests are aborted and it is forgotten. Pure.
import { TokenizerModel } from './engine';
import { loadTokenizerFiles, type SourceDeps } from './source';

const KEPT = 3;

interface Load {
  model: Promise<TokenizerModel>;
  abort: AbortController;
  done: boolean;
}

export class TokenizerModels {
  private readonly loads = new Map<string, Load>();

  constructor(private readonly deps: () => Omit<SourceDeps, 'signal'>) {}

  get(repoId: string): Promise<TokenizerModel> {
    const found = this.loads.get(repoId);
    if (found) {
      this.loads.delete(repoId);
      this.loads.set(repoId, found); // most recent last
      return found.model;
    }
    const abort = new AbortController();
    const model = loadTokenizerFiles(repoId, { ...this.deps(), signal: abort.signal }).then((files) => new TokenizerModel(files));
    const load: Load = { model, abort, done: false };
    model.then(
      () => (load.done = true),
      () => {
        load.done = true;
        if (this.loads.get(repoId) === load) {
          this.loads.delete(repoId);
        }
      },
    );
    this.loads.set(repoId, load);
    while (this.loads.size > KEPT) {
      const oldest = this.loads.keys().next().value!;
      this.loads.get(oldest)?.abort.abort();
      this.loads.delete(oldest);
    }
    return model;
  }

  /** Whether the model's tokenizer is loading now. */
  loading(repoId: string): boolean {
    const load = this.loads.get(repoId);
    return load !== undefined && !load.done;
  }

  /** Cancels every load still running except `keep`'s; loaded tokenizers stay. */
  cancelLoads(keep?: string): void {
    for (const [id, load] of [...this.loads]) {
      if (id !== keep && !load.done) {
        load.abort.abort();
        this.loads.delete(id);
      }
    }
  }

  /** Forgets everything (the cache folder changed), cancelling what is still loading. */
  clear(): void {
    this.cancelLoads();
    this.loads.clear();
  }
}
