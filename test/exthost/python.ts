// Python files for the code-insight suites, and the extension's diagnostics on them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

const SOURCE = 'Hugging Face';

/**
 * New Python files on disk, each opened in an editor, in a folder of their own. Untitled documents would be simpler, but
 * the workbench reuses an untitled name once its editor is closed, so a test could be handed the diagnostics of the one
 * before.
 */
export class PythonFiles {
  private dir: string | undefined;
  private count = 0;

  constructor(private readonly prefix: string) {}

  async open(content: string): Promise<vscode.TextDocument> {
    this.dir ??= mkdtempSync(path.join(tmpdir(), `${this.prefix}-`));
    const file = path.join(this.dir, `code${++this.count}.py`);
    writeFileSync(file, content);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    return document;
  }

  remove(): void {
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Closes every editor without saving. */
export async function closeEditors(): Promise<void> {
  for (let i = 0; i < 30 && (vscode.window.visibleTextEditors.length > 0 || vscode.window.activeNotebookEditor); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** The extension's diagnostics on `uri`. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}
