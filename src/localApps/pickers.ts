/**
 * The pickers of "Use this model…" after the app: which quant (sizes and fit marks), which snippet block, and where
 * it goes. Text from the Hub is shown without bidi controls and with codicon syntax escaped.
 */
import * as vscode from 'vscode';
import { escapeIcons, fileSize, withoutBidiControls } from '../hub/format';
import type { Target } from '../views/snippets';
import { terminalLine, type AppStep } from './apps';
import { fitOf, fitReason, type Fit, type Machine, type Quant } from './quants';

export type Destination = 'editor' | 'untitled' | 'terminal' | 'clipboard' | 'download';

const FIT_ICON: Record<Fit, string> = { fits: '$(pass)', tight: '$(warning)', 'too big': '$(error)' };

function safe(text: string): string {
  return escapeIcons(withoutBidiControls(text));
}

/** One row per quant, smallest first: label, total size and fit mark; the file(s) underneath. */
export async function chooseQuant(appLabel: string, id: string, quants: readonly Quant[], machine: Machine): Promise<Quant | undefined> {
  type Item = vscode.QuickPickItem & { quant: Quant };
  const items = quants.map((quant): Item => {
    const fit = fitOf(quant.total, machine);
    const files = quant.files.length === 1 ? quant.first : `${quant.files.length} files: ${quant.first} …`;
    return {
      label: `${FIT_ICON[fit]} ${safe(quant.label ?? quant.first.slice(quant.first.lastIndexOf('/') + 1))}`,
      description: `${fileSize(quant.total)} · ${fit}`,
      detail: `${safe(files)} — ${fitReason(quant.total, machine)}`,
      quant,
    };
  });
  // The biggest quant that fits is highlighted first, as LM Studio does.
  const best = [...items].reverse().find((i) => fitOf(i.quant.total, machine) === 'fits');
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = safe(`${appLabel}: which quant of ${id}?`);
  quickPick.placeholder = machine.gpu
    ? `Sizes against ${machine.gpu.name} (${fileSize(machine.gpu.memory)}) — set in huggingface.hardware.gpu`
    : `Sizes against this machine's ${fileSize(machine.ram)} of RAM — set a GPU in huggingface.hardware.gpu`;
  quickPick.items = items;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  if (best) {
    quickPick.activeItems = [best];
  }
  return new Promise((resolve) => {
    let done = false;
    quickPick.onDidAccept(() => {
      done = true;
      resolve(quickPick.selectedItems[0]?.quant ?? quickPick.activeItems[0]?.quant);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!done) {
        resolve(undefined);
      }
      quickPick.dispose();
    });
    quickPick.show();
  });
}

/** The snippet blocks (install, run, …) as the Hub lists them; one block is used as it is. */
export async function chooseStep(appLabel: string, id: string, steps: readonly AppStep[]): Promise<AppStep | undefined> {
  if (steps.length === 1) {
    return steps[0];
  }
  const items = steps.map((step) => ({
    label: safe(step.title),
    description: step.kind === 'setup' ? 'install' : 'run',
    detail: safe(firstCommand(step.text)),
    step,
  }));
  const chosen = await vscode.window.showQuickPick(items, { title: safe(`${appLabel} for ${id}`), placeHolder: 'Pick the step to use', matchOnDetail: true });
  return chosen?.step;
}

/** Where the block goes; a terminal only for one command line, which is typed and never run. */
export async function chooseDestination(appLabel: string, step: AppStep, target: Target, quant: Quant | undefined): Promise<Destination | undefined> {
  type Item = vscode.QuickPickItem & { to: Destination };
  const line = terminalLine(step.text);
  const items: Item[] = [];
  if (line !== undefined) {
    items.push({ label: '$(terminal) Type into the terminal', description: 'not run: press Enter to run it', detail: safe(line), to: 'terminal' });
  }
  if (target.kind === 'editor') {
    items.push({ label: '$(edit) Insert at the cursor', description: target.editor.document.fileName.split(/[\\/]/).pop(), to: 'editor' });
  }
  items.push(
    { label: '$(new-file) Open in a new editor', description: line === undefined ? 'several lines: not typed into a terminal' : undefined, to: 'untitled' },
    { label: '$(copy) Copy', to: 'clipboard' },
  );
  if (quant) {
    items.push({ label: `$(cloud-download) Download this quant`, description: `${safe(quant.label ?? quant.first)} · ${fileSize(quant.total)} into the Hugging Face cache`, to: 'download' });
  }
  const chosen = await vscode.window.showQuickPick(items, { title: safe(`${appLabel}: ${step.title}`), placeHolder: safe(firstCommand(step.text)) });
  return chosen?.to;
}

function firstCommand(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))?.trim() ?? '';
}
