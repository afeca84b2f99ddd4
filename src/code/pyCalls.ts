// What the repo-id finder knows of Python and of the Hub's libraries: which calls take a repo id and in which argument,
// the builders `load_dataset` takes by name, and Python's keywords (also used to check identifiers from the Hub).
import type { RefKind } from './pyRefs';

export interface CallRule {
  /** `repoType`: read from a literal `repo_type=` keyword (absent or None: a model). */
  kind: RefKind | 'repoType';
  /** Index of the positional argument that holds the id. */
  positional: number;
  /** Keyword arguments that hold the id. */
  keywords: readonly string[];
}

export const FROM_PRETRAINED: CallRule = { kind: 'model', positional: 0, keywords: ['pretrained_model_name_or_path'] };
/** `PeftModel.from_pretrained(base_model, "adapter-id")`: the adapter comes second. */
export const PEFT_FROM_PRETRAINED: CallRule = { kind: 'model', positional: 1, keywords: ['model_id'] };
export const PEFT_MODEL = /^PeftModel(For\w+)?$/;

/** Functions and classes recognised by name, bare or qualified by their module (`datasets.load_dataset`). */
export const FUNCTION_RULES = new Map<string, { modules: readonly string[]; rule: CallRule }>();
function addRule(names: string[], modules: string[], rule: CallRule): void {
  for (const name of names) {
    FUNCTION_RULES.set(name, { modules, rule });
  }
}
addRule(['pipeline'], ['transformers'], { kind: 'model', positional: 1, keywords: ['model'] });
addRule(['SentenceTransformer', 'CrossEncoder'], ['sentence_transformers'], { kind: 'model', positional: 0, keywords: ['model_name_or_path', 'model_name'] });
addRule(['load_dataset', 'load_dataset_builder', 'get_dataset_config_names', 'get_dataset_split_names'], ['datasets'], { kind: 'dataset', positional: 0, keywords: ['path'] });
addRule(['hf_hub_download', 'snapshot_download', 'hf_hub_url'], ['huggingface_hub'], { kind: 'repoType', positional: 0, keywords: ['repo_id'] });
addRule(['InferenceClient', 'AsyncInferenceClient'], ['huggingface_hub'], { kind: 'model', positional: 0, keywords: ['model'] });

/**
 * `load_dataset("csv", data_files=…)` names a packaged builder, not a repo: reporting these would flag valid code.
 * (From `datasets.packaged_modules`.)
 */
export const PACKAGED_BUILDERS = new Set([
  'arrow', 'audiofolder', 'cache', 'csv', 'generator', 'hdf5', 'imagefolder', 'json', 'niftifolder', 'pandas', 'parquet',
  'pdffolder', 'spark', 'sql', 'text', 'videofolder', 'webdataset', 'xml',
]);

export const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield',
]);
export const LITERAL_NAMES = new Set(['True', 'False', 'None']);
/** Keywords that can only start a statement, never appear inside brackets. */
export const STATEMENT_KEYWORDS = new Set([
  'assert', 'break', 'class', 'continue', 'def', 'del', 'elif', 'except', 'finally', 'from', 'global', 'import', 'nonlocal',
  'pass', 'raise', 'return', 'try', 'while', 'with',
]);
