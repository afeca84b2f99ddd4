import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, waitFor } from './helpers';

suite('Overview', () => {
  test('"What is Hugging Face?" opens a webview panel', async () => {
    await activate();
    await vscode.commands.executeCommand('huggingface.openOverview');
    const tab = await waitFor('the overview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'What is Hugging Face?'),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    // The workbench prefixes the extension's view type.
    assert.match(tab.input.viewType, /huggingface\.overview$/);
    await vscode.window.tabGroups.close(tab);
  });
});
