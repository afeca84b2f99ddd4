import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, extension } from './helpers';

suite('Activation', () => {
  test('the extension activates and returns its tree providers', async () => {
    const api = await activate();
    assert.equal(extension().isActive, true);
    for (const name of ['models', 'datasets', 'spaces'] as const) {
      assert.equal(typeof api.trees[name].getChildren, 'function', `trees.${name} is a TreeDataProvider`);
    }
  });

  test('every command in package.json contributes.commands is registered', async () => {
    await activate();
    const contributed: { command: string }[] = extension().packageJSON.contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.map((c) => c.command).filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });

  test('the fixture workspace is open', async () => {
    const [sample] = await vscode.workspace.findFiles('sample.py');
    assert.ok(sample, 'test/fixtures/workspace/sample.py is in the workspace');
  });
});
