// "Insert load_dataset code" for the chosen config and split. The dataset id is checked by the caller (repoIdProblem);
// config and split names come from the viewer and go into Python string literals only when they are plain names. Pure.
import { hasBidiControls } from '../hub/format';

/** Whether a config or split name may be written into code: printable, no quotes, backslashes or bidi controls. */
export function plainName(name: string): boolean {
  if (name.length === 0 || name.length > 200 || hasBidiControls(name)) {
    return false;
  }
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || ch === '"' || ch === "'" || ch === '\\' || c === 0x2028 || c === 0x2029) {
      return false;
    }
  }
  return true;
}

/** The lines that load `dataset`'s `split` of `config` (undefined when a name cannot be written safely). */
export function loadDatasetCode(dataset: string, config: string, split: string, options: { streaming?: boolean; withImport?: boolean } = {}): string | undefined {
  if (!plainName(config) || !plainName(split)) {
    return undefined;
  }
  const args = [JSON.stringify(dataset), ...(config === 'default' ? [] : [JSON.stringify(config)]), `split=${JSON.stringify(split)}`, ...(options.streaming ? ['streaming=True'] : [])];
  const line = `ds = load_dataset(${args.join(', ')})\n`;
  return options.withImport === false ? line : `from datasets import load_dataset\n\n${line}`;
}
