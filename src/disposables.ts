// The one lifecycle idiom: a class that owns disposables keeps them in a DisposableStore, disposes them all at once
// (each once, later ones first), and asks the store whether it is disposed instead of keeping a flag of its own.

interface Disposable {
  dispose(): unknown;
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private done = false;

  /** Whether dispose() has run: work that finishes later must not touch what is gone. */
  get isDisposed(): boolean {
    return this.done;
  }

  /** Keeps `item` until the store is disposed; a store already disposed disposes it at once. */
  add<T extends Disposable>(item: T): T {
    if (this.done) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.done) {
      return;
    }
    this.done = true;
    for (const item of this.items.splice(0).reverse()) {
      item.dispose();
    }
  }
}
