/**
 * The sort and filter pickers of the list views: a chunk of its own, loaded the first time a user sorts or filters a
 * view (the lists of tasks, libraries, apps and sizes they offer are not needed at activation).
 */
import * as vscode from 'vscode';
import { compactNumber, fileSize } from '../hub/format';
import { REPO_TYPE_PLURAL, type RepoType } from '../hub/repoId';
import { ACCESS, APPS, LANGUAGES, LIBRARIES, LICENSES, paramsThatFit, SIZES, SORT_LABELS, sortsFor, type ViewFilters } from '../lists/query';
import type { Machine } from '../localApps/quants';
import { isKnownProvider, PROVIDER_NAMES } from '../inference/providers';

function providerLabel(key: string): string {
  return key === 'all' ? 'Any Inference Provider' : isKnownProvider(key) ? PROVIDER_NAMES[key] : key;
}

export async function pickSort(type: RepoType, current: ViewFilters): Promise<ViewFilters | undefined> {
  const items = sortsFor(type).map((key) => ({ label: SORT_LABELS[key], key, picked: key === current.sort, description: key === current.sort ? 'current' : undefined }));
  const chosen = await vscode.window.showQuickPick(items, { title: `Sort ${REPO_TYPE_PLURAL[type]}`, placeHolder: 'Order of the list' });
  return chosen ? { ...current, sort: chosen.key } : undefined;
}

type FilterKey = 'task' | 'library' | 'size' | 'fits' | 'app' | 'provider' | 'access' | 'author' | 'language' | 'license';

/** Lets the user set one filter at a time, or clear them; returns the new filters, or undefined if cancelled. */
export async function pickFilter(
  type: RepoType,
  current: ViewFilters,
  loadTasks: () => Promise<{ id: string; name: string; modality: string }[]>,
  machine: () => Promise<Machine>,
): Promise<ViewFilters | undefined> {
  const keys: FilterKey[] =
    type === 'model' ? ['task', 'library', 'size', 'fits', 'app', 'provider', 'access', 'author', 'language', 'license'] : type === 'dataset' ? ['access', 'author', 'language', 'license'] : ['author', 'language', 'license'];
  const names: Record<FilterKey, string> = { task: 'Task', library: 'Library', size: 'Parameters', fits: 'Fits this machine', app: 'Runs with', provider: 'Inference Provider', access: 'Gated', author: 'Author', language: 'Language', license: 'License' };
  const shown = (key: FilterKey): string | undefined =>
    key === 'size' ? current.size && SIZES[current.size].label : key === 'fits' ? (current.fits ? `${fileSize(current.fits)} at 4-bit` : undefined) : key === 'app' ? current.app && APPS[current.app] : key === 'provider' ? current.provider && providerLabel(current.provider) : key === 'access' ? current.access && ACCESS[current.access] : current[key];
  const items: (vscode.QuickPickItem & { key?: FilterKey; clear?: boolean })[] = keys.map((key) => ({
    label: names[key],
    key,
    description: shown(key) ?? 'any',
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(clear-all) Clear all filters', clear: true });
  const chosen = await vscode.window.showQuickPick(items, { title: `Filter ${REPO_TYPE_PLURAL[type]}`, placeHolder: 'Choose a filter to set' });
  if (!chosen) {
    return undefined;
  }
  if (chosen.clear) {
    return { sort: current.sort };
  }
  const key = chosen.key!;
  if (key === 'fits') {
    const fits = await pickFits(current.fits, await machine());
    return fits === undefined ? undefined : { ...current, fits: fits || undefined };
  }
  const value = await pickValue(key, type, current[key], loadTasks);
  return value === undefined ? undefined : { ...current, [key]: value || undefined };
}

/** "Fits this machine": the memory that holds the weights (the GPU's when one is set, else the RAM), or 0 for any size. */
async function pickFits(current: number | undefined, machine: Machine): Promise<number | undefined> {
  const memory = machine.gpu ? machine.gpu.memory : machine.ram;
  const where = machine.gpu ? `${machine.gpu.name} (huggingface.hardware.gpu)` : 'this machine\'s RAM; set huggingface.hardware.gpu for a GPU';
  const items = [
    { label: 'Any size', value: 0, description: current ? undefined : 'current' },
    {
      label: `Fits ${fileSize(memory)} at 4-bit`,
      value: memory,
      description: current === memory ? 'current' : where,
      detail: `Up to ${compactNumber(paramsThatFit(memory))} parameters: Q4_K_M weights plus 20 % for the context`,
    },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Filter models by what fits this machine' }))?.value;
}

async function pickValue(
  key: Exclude<FilterKey, 'fits'>,
  type: RepoType,
  current: string | undefined,
  loadTasks: () => Promise<{ id: string; name: string; modality: string }[]>,
): Promise<string | undefined> {
  const anyItem = { label: 'Any', value: '', description: current ? undefined : 'current' };
  const choose = async (options: { label: string; value: string; description?: string }[], title: string) =>
    (await vscode.window.showQuickPick([anyItem, ...options.map((o) => ({ ...o, description: o.value === current ? 'current' : o.description }))], { title, matchOnDescription: true }))?.value;
  switch (key) {
    case 'task':
      return choose(
        (await loadTasks()).map((t) => ({ label: t.name, value: t.id, description: t.id, detail: undefined })),
        'Filter models by task',
      );
    case 'library':
      return choose(LIBRARIES.map((l) => ({ label: l, value: l })), 'Filter models by library');
    case 'language':
      return choose(LANGUAGES.map(([code, name]) => ({ label: name, value: code, description: code })), `Filter ${REPO_TYPE_PLURAL[type]} by language`);
    case 'license':
      return choose(LICENSES.map((l) => ({ label: l, value: l })), `Filter ${REPO_TYPE_PLURAL[type]} by license`);
    case 'size':
      return choose(Object.entries(SIZES).map(([value, s]) => ({ label: s.label, value })), 'Filter models by parameter count');
    case 'app':
      return choose(Object.entries(APPS).map(([value, label]) => ({ label, value, description: value })), 'Filter models by the local app that runs them');
    case 'provider':
      return choose(
        [{ label: 'Any Inference Provider', value: 'all', description: 'served by at least one' }, ...Object.entries(PROVIDER_NAMES).map(([value, label]) => ({ label, value, description: value }))],
        'Filter models by the Inference Provider that serves them',
      );
    case 'access':
      return choose(Object.entries(ACCESS).map(([value, label]) => ({ label, value })), `Filter ${REPO_TYPE_PLURAL[type]} by gating`);
    case 'author': {
      const value = await vscode.window.showInputBox({
        title: `Filter ${REPO_TYPE_PLURAL[type]} by author`,
        prompt: 'A user or organisation name; leave empty for any author',
        value: current ?? '',
        validateInput: (v) => (v.trim() === '' || /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/.test(v.trim()) ? undefined : 'Letters, digits, "-", "_" and "." only'),
      });
      return value === undefined ? undefined : value.trim();
    }
  }
}
