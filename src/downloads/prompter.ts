// The questions a download asks, behind one small interface: the real one is VS Code's QuickPick (keyboard only, with a
// Back button on every step after the first) and notifications; the Extension Host suite passes a scripted one.
import * as vscode from 'vscode';
import { escapeIcons } from '../hub/format';

export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
  /** A group heading (a folder), not a choice. */
  separator?: boolean;
}

export interface PickStep<T> {
  /** Which question this is, for tests: 'what', 'files', 'revision', 'confirm'… */
  step: string;
  title: string;
  placeholder: string;
  items: PickItem<T>[];
  canGoBack: boolean;
  /** A typed value offered as an item of its own (a revision not in the list), or a reason it cannot be used. */
  typed?: (value: string) => PickItem<T> | { problem: string } | undefined;
}

export interface InputStep {
  step: string;
  title: string;
  prompt: string;
  value: string;
  placeholder?: string;
  canGoBack: boolean;
  validate: (value: string) => string | undefined;
}

export interface Prompter {
  pick<T>(step: PickStep<T>): Promise<T | Back | undefined>;
  pickMany<T>(step: PickStep<T>): Promise<T[] | Back | undefined>;
  input(step: InputStep): Promise<string | Back | undefined>;
  folder(title: string): Promise<string | undefined>;
  /** One notification; resolves with the action chosen (not awaited by callers that only inform). */
  notify(kind: 'info' | 'warning' | 'error', text: string, actions: readonly string[]): Promise<string | undefined>;
}

type Item<T> = vscode.QuickPickItem & { value?: T; invalid?: boolean };

function toItems<T>(items: PickItem<T>[]): Item<T>[] {
  return items.map((item) =>
    item.separator
      ? { label: item.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: item.label, description: item.description, detail: item.detail, value: item.value, picked: item.picked },
  );
}

function showPick<T>(step: PickStep<T>, many: boolean): Promise<readonly Item<T>[] | Back | undefined> {
  const pick = vscode.window.createQuickPick<Item<T>>();
  const base = toItems(step.items);
  pick.title = step.title;
  pick.placeholder = step.placeholder;
  pick.canSelectMany = many;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.items = base;
  if (many) {
    pick.selectedItems = base.filter((item) => item.picked);
  }
  pick.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: readonly Item<T>[] | Back | undefined) => {
      if (!settled) {
        settled = true;
        resolve(value);
        pick.dispose();
      }
    };
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK));
    pick.onDidHide(() => finish(undefined));
    pick.onDidChangeValue((value) => {
      const typed = step.typed && value.trim() !== '' ? step.typed(value.trim()) : undefined;
      if (!typed) {
        pick.items = base;
      } else if ('problem' in typed) {
        pick.items = [{ label: `$(warning) ${escapeIcons(typed.problem)}`, alwaysShow: true, invalid: true }, ...base];
      } else {
        pick.items = [{ ...toItems([typed])[0], alwaysShow: true }, ...base];
      }
    });
    pick.onDidAccept(() => {
      const chosen = many ? pick.selectedItems : pick.activeItems.slice(0, 1);
      if (chosen.some((item) => item.invalid)) {
        return;
      }
      if (chosen.length > 0 || many) {
        finish(chosen);
      }
    });
    pick.show();
  });
}

/** VS Code's own widgets. */
export const vscodePrompter: Prompter = {
  async pick<T>(step: PickStep<T>) {
    const result = await showPick(step, false);
    return result === BACK || result === undefined ? result : (result[0]?.value as T);
  },
  async pickMany<T>(step: PickStep<T>) {
    const result = await showPick(step, true);
    return result === BACK || result === undefined ? result : result.map((item) => item.value as T);
  },
  input(step: InputStep) {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.prompt = step.prompt;
    box.value = step.value;
    box.placeholder = step.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: string | Back | undefined) => {
        if (!settled) {
          settled = true;
          resolve(value);
          box.dispose();
        }
      };
      box.onDidTriggerButton(() => finish(BACK));
      box.onDidHide(() => finish(undefined));
      box.onDidChangeValue((value) => (box.validationMessage = step.validate(value)));
      box.onDidAccept(() => {
        const problem = step.validate(box.value);
        box.validationMessage = problem;
        if (!problem) {
          finish(box.value);
        }
      });
      box.show();
    });
  },
  async folder(title: string) {
    const picked = await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Download Here' });
    return picked?.[0]?.fsPath;
  },
  async notify(kind, text, actions) {
    const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(text, ...actions);
  },
};
