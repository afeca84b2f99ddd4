/**
 * A QuickPick whose items come from the Hub: shown at once and busy while they load; a failed read says why in place,
 * with a Retry row, rather than in a notification. Hiding it cancels the read.
 */
import * as vscode from 'vscode';
import { asHubError } from '../hub/errors';

type Row<T> = T | (vscode.QuickPickItem & { retry: true });

export interface LoadingPickOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** What the placeholder says before the reason of a failed read ("The model tree could not be read"). */
  failure: string;
  load: (signal: AbortSignal) => Promise<T[]>;
  /** Placeholder once loaded, when it depends on what was read. */
  loaded?: (items: T[]) => string;
}

export async function loadingPick<T extends vscode.QuickPickItem>(options: LoadingPickOptions<T>): Promise<T | undefined> {
  const picker = vscode.window.createQuickPick<Row<T>>();
  picker.title = options.title;
  picker.placeholder = options.placeholder;
  picker.matchOnDescription = true;
  picker.show();
  const abort = new AbortController();
  const read = async (): Promise<void> => {
    picker.busy = true;
    try {
      const items = await options.load(abort.signal);
      picker.items = items;
      picker.placeholder = options.loaded?.(items) ?? options.placeholder;
    } catch (e) {
      picker.items = [{ label: '$(refresh) Retry', retry: true }];
      picker.placeholder = `${options.failure}: ${asHubError(e, 'unknown error').message}`;
    } finally {
      picker.busy = false;
    }
  };
  const chosen = await new Promise<T | undefined>((resolve) => {
    picker.onDidAccept(() => {
      const item = picker.activeItems[0] ?? picker.selectedItems[0];
      if (item && 'retry' in item && item.retry === true) {
        void read();
      } else {
        resolve(item as T | undefined);
      }
    });
    picker.onDidHide(() => {
      abort.abort();
      resolve(undefined);
    });
    void read();
  });
  picker.dispose();
  return chosen;
}
