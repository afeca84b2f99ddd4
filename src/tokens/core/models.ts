// Loaded tokenizers, by model id: one load at a time per model (callers share it), a failed load forgotten so the next
// ask tries again, and only the few most recent kept (a large vocabulary holds tens of MB). Pure.
import { TokenizerModel } from './engine';
import { loadTokenizerFiles, type SourceDeps } from './source';

const KEPT = 3;

export class TokenizerModels {
  private readonly loaded = new Map<string, Promise<TokenizerModel>>();

  constructor(private readonly deps: () => SourceDeps) {}

  get(repoId: string): Promise<TokenizerModel> {
    const found = this.loaded.get(repoId);
    if (found) {
      this.loaded.delete(repoId);
      this.loaded.set(repoId, found); // most recent last
      return found;
    }
    const loading = loadTokenizerFiles(repoId, this.deps()).then((files) => new TokenizerModel(files));
    loading.catch(() => {
      if (this.loaded.get(repoId) === loading) {
        this.loaded.delete(repoId);
      }
    });
    this.loaded.set(repoId, loading);
    while (this.loaded.size > KEPT) {
      this.loaded.delete(this.loaded.keys().next().value!);
    }
    return loading;
  }

  /** Forgets everything (the cache folder changed). */
  clear(): void {
    this.loaded.clear();
  }
}
