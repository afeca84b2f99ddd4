import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('Editor', () => {
  test('text typed into an editor lands in the document', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(vscode.window.activeTextEditor, editor);

    // `type` goes through the editor's typing pipeline, like keystrokes.
    await vscode.commands.executeCommand('type', { text: 'from huggingface_hub import hf_hub_download' });
    assert.equal(document.getText(), 'from huggingface_hub import hf_hub_download');

    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
