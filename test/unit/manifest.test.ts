import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COMMAND_IDS } from '../../src/commands/ids';

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents?: string[];
  devDependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited' }; virtualWorkspaces: boolean };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { scope?: string }> };
    views: Record<string, { id: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;

function minVersion(range: string): number[] {
  return range.replace(/^[\^~>=]+/, '').split('.').map(Number);
}

/** The VS Code versions the Extension Host tier runs on: TARGETS in test/vscode/provision.mjs. */
function testedVersions(): Record<string, number[]> {
  const provision = readFileSync(new URL('../vscode/provision.mjs', import.meta.url), 'utf8');
  const targets = [...provision.matchAll(/^ {2}(\w+): \{\n {4}vscode: '([\d.]+)'/gm)];
  return Object.fromEntries(targets.map(([, name, version]) => [name, version.split('.').map(Number)]));
}

/** a < b, comparing major and minor. */
const older = (a: number[], b: number[]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

describe('package.json', () => {
  it('contributes exactly the commands the code registers', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [...COMMAND_IDS].sort());
  });

  it('gives every command a title and the Hugging Face category', () => {
    for (const command of manifest.contributes.commands) {
      assert.ok(command.title.length > 0, command.command);
      assert.equal(command.category, 'Hugging Face', command.command);
    }
  });

  it('hides tree-only commands from the palette and references only known commands in menus', () => {
    const known = new Set<string>(COMMAND_IDS);
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(known.has(entry.command), `${menu} → ${entry.command}`);
      }
    }
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((e) => e.when === 'false').map((e) => e.command));
    for (const treeOnly of ['huggingface.loadMore', 'huggingface.retry', 'huggingface.openRepo', 'huggingface.openOnHub', 'huggingface.copyRepoId', 'huggingface.removeSearch']) {
      assert.ok(hidden.has(treeOnly), treeOnly);
    }
  });

  it('activates only through its contributions', () => {
    for (const event of manifest.activationEvents ?? []) {
      assert.notEqual(event, '*');
      assert.notEqual(event, 'onStartupFinished');
    }
  });

  it('claims only VS Code versions the tests run on, with API types no newer than the claim', () => {
    const { latest, min } = testedVersions();
    assert.ok(latest && min, 'test/vscode/provision.mjs names a latest and a min VS Code');
    const engine = minVersion(manifest.engines.vscode);
    // The oldest version engines.vscode allows is the one the min target tests (the same major.minor).
    assert.ok(!older(engine, min) && !older(min, engine), `engines.vscode ${manifest.engines.vscode} vs tested ${min.join('.')}`);
    assert.ok(!older(latest, engine), `engines.vscode ${manifest.engines.vscode} is newer than the latest tested ${latest.join('.')}`);
    const types = minVersion(manifest.devDependencies['@types/vscode']);
    assert.ok(!older(engine, types), '@types/vscode must not be newer than engines.vscode');
  });

  it('keeps security-relevant settings out of workspace reach before claiming untrusted-workspace support', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.contributes.configuration.properties['huggingface.endpoint'].scope, 'application');
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('declares the sidebar views', () => {
    assert.deepEqual(
      manifest.contributes.views.huggingface.map((v) => v.id),
      ['huggingface.models', 'huggingface.datasets', 'huggingface.spaces', 'huggingface.localCache', 'huggingface.help'],
    );
  });
});
