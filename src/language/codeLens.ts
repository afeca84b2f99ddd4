// CodeLens above each call that names repo ids: "Open card" for every repo, "Insert snippet" for models.
import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';
import { lensId, snippetCommand } from '../code/fixes';
import type { RepoIdRef } from '../code/pyRefs';
import type { RepoResolver } from '../code/resolver';
import { refsOf } from './documents';

export function provideCodeLenses(doc: vscode.TextDocument, resolver: RepoResolver): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const calls = new Map<number, RepoIdRef[]>();
  for (const ref of refsOf(doc)) {
    const refs = calls.get(ref.callStart) ?? [];
    if (!refs.some((r) => r.kind === ref.kind && r.id === ref.id)) {
      refs.push(ref);
    }
    calls.set(ref.callStart, refs);
  }
  for (const [callStart, refs] of calls) {
    const line = doc.positionAt(callStart).line;
    const range = new vscode.Range(line, 0, line, 0);
    for (const ref of refs) {
      const known = resolver.peek(ref.kind, ref.id);
      const id = lensId(ref, known);
      const suffix = refs.length > 1 ? `: ${ref.id}` : '';
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(book) Open card${suffix}`,
          command: 'huggingface.openCard' satisfies CommandId,
          arguments: [{ type: ref.kind, id }],
          tooltip: `Open the card of ${id}`,
        }),
      );
      if (ref.kind === 'dataset') {
        lenses.push(new vscode.CodeLens(range, { title: `$(table) Open viewer${suffix}`, command: 'huggingface.openDatasetViewer' satisfies CommandId, arguments: [{ type: 'dataset', id }], tooltip: `Open the dataset viewer of ${id}` }));
      }
      if (ref.kind === 'model') {
        const library = known && known.state !== 'notFound' && known.state !== 'unknown' ? known.facts.library : undefined;
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(code) Insert snippet${suffix}`,
            command: snippetCommand(library, ref.callee),
            arguments: [id],
            tooltip: `Insert the Hub's code for ${id} at the cursor`,
          }),
        );
      }
    }
  }
  return lenses;
}
