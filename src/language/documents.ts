// What the code-insight providers share: which Python documents are on screen, the repo ids a document names, and a
// cancellable pause.
import * as vscode from 'vscode';
import { findRepoRefs, type RepoIdRef } from '../code/pyRefs';
import { isValidRepoId } from '../hub/repoId';

export const DIAGNOSTIC_SOURCE = 'Hugging Face';

/** Python documents on screen: text editors and the code cells of visible notebooks. */
export function visibleDocuments(): vscode.TextDocument[] {
  const docs = new Set<vscode.TextDocument>();
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.languageId === 'python') {
      docs.add(editor.document);
    }
  }
  for (const editor of vscode.window.visibleNotebookEditors) {
    for (const cell of editor.notebook.getCells()) {
      if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python') {
        docs.add(cell.document);
      }
    }
  }
  return [...docs];
}

/** The repo ids the document names that are well-formed (anything else is a path or a variable, not a Hub repo). */
export function refsOf(doc: vscode.TextDocument, source = doc.getText()): RepoIdRef[] {
  return findRepoRefs(source).filter((ref) => isValidRepoId(ref.id));
}

/** Waits `ms`, or less if the request is cancelled; false when it was. */
export function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      listener.dispose();
      resolve(false);
    });
  });
}

/** `value`, or `fallback` as soon as the request is cancelled (the value is still kept by whoever caches it). */
export function unlessCancelled<T>(value: Promise<T>, token: vscode.CancellationToken, fallback: T): Promise<T> {
  return Promise.race([value, new Promise<T>((resolve) => token.onCancellationRequested(() => resolve(fallback)))]);
}
