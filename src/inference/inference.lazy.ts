/**
 * The inference chunk (dist/inference.lazy.js): `@huggingface/inference` and everything that uses it — the Try it
 * panels and "Insert inference code…". Loaded by ./host.ts the first time a user tries a model or asks for its code.
 */
export { TryPanel, TryPanelsImpl } from '../webviews/tryPanel';
export { insertInferenceCode, type CodeOutcome, type CodePresets } from './insertCode';
