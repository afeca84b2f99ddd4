/**
 * The production bundle (dist/extension.js) activated in this process with `vscode` resolved to the minimal stub
 * (bench/vscode-stub.cjs): the real tree providers, Hub client and search picker, without an Extension Host. Each
 * `activateExtension()` is a fresh activation, as after a window reload.
 */
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtensionApi } from '../src/extension';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface QuickPickStub {
  items: { label: string; action?: string; repo?: { id: string } }[];
  value: string;
  busy: boolean;
  type(text: string): void;
  accept(): void;
  hide(): void;
}

interface Stub {
  __bench: {
    settings: Record<string, unknown>;
    commands: Map<string, (...args: unknown[]) => unknown>;
    quickPicks: QuickPickStub[];
    createContext(extensionPath: string, packageJSON: unknown): { subscriptions: { dispose(): void }[] };
  };
}

const requireHere = createRequire(path.join(repoRoot, 'bench/host.ts'));
const stubPath = requireHere.resolve('./vscode-stub.cjs');
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stubPath : resolveFilename.call(this, request, ...rest);
};

const stub = requireHere('vscode') as Stub;
const packageJSON = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };

export interface ActiveExtension {
  api: ExtensionApi;
  quickPicks: QuickPickStub[];
  command(id: string, ...args: unknown[]): Promise<unknown>;
  dispose(): void;
}

/** Activates dist/extension.js against `endpoint` with the given settings (e.g. a page size). */
export function activateExtension(endpoint: string, settings: Record<string, unknown> = {}): ActiveExtension {
  const state = stub.__bench;
  for (const key of Object.keys(state.settings)) {
    delete state.settings[key];
  }
  Object.assign(state.settings, { 'huggingface.endpoint': endpoint, ...settings });
  state.quickPicks.length = 0;
  const extension = requireHere(path.join(repoRoot, packageJSON.main)) as { activate(context: unknown): ExtensionApi };
  const context = state.createContext(repoRoot, packageJSON);
  const api = extension.activate(context);
  return {
    api,
    quickPicks: state.quickPicks,
    command: async (id, ...args) => {
      const handler = state.commands.get(id);
      if (!handler) {
        throw new Error(`command ${id} is not registered`);
      }
      return handler(...args);
    },
    dispose: () => context.subscriptions.forEach((d) => d.dispose()),
  };
}
