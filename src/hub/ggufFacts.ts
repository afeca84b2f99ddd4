/**
 * What a GGUF model is, in the few facts a reader needs: architecture, parameter count, context length and the quant
 * type of one file. Two sources: the Hub's `gguf` field of a model's details (`expand[]=gguf`, read by the Hub from one
 * file's header) and a file's own header as `@huggingface/gguf` parses it. Both are untrusted: every value is checked for
 * what it claims to be, and anything else is left out. Pure: no VS Code, no network.
 */
import { compactNumber, groupedNumber } from './format';

export interface GgufFacts {
  /** `general.architecture` (`llama`, `qwen2`, …). */
  architecture?: string;
  parameters?: number;
  /** `<architecture>.context_length`, in tokens. */
  contextLength?: number;
  /** The file's quant type (`Q4_K_M`), from `general.file_type`. */
  quant?: string;
}

/** An architecture or quant name: letters, digits and `_ . -`, at most 64 characters (anything else is not one). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A split file's shard suffix (`-00002-of-00003.gguf`). */
const SHARD = /-(\d{5})-of-\d{5}\.gguf$/;
/** Context lengths beyond this are not believed (the largest published ones are about 10M tokens). */
const MAX_CONTEXT = 100_000_000;
/** Parameter counts beyond this are not believed (100 trillion). */
const MAX_PARAMETERS = 1e14;

function name(value: unknown): string | undefined {
  return typeof value === 'string' && NAME.test(value) ? value : undefined;
}

function count(value: unknown, max: number): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 && n <= max ? n : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Hub's `gguf` field (`{ total, architecture, context_length, … }`); undefined when it is absent or says nothing. */
export function hubGgufFacts(raw: unknown): GgufFacts | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  return nonEmpty({ architecture: name(raw.architecture), parameters: count(raw.total, MAX_PARAMETERS), contextLength: count(raw.context_length, MAX_CONTEXT) });
}

/**
 * The facts of a GGUF header's metadata (keys as the file stores them) and the parameter count computed from its tensor
 * table; `fileTypeName` maps `general.file_type` to its name (the library's `GGMLFileQuantizationType`).
 */
export function headerGgufFacts(metadata: Readonly<Record<string, unknown>>, parameterCount: unknown, fileTypeName: (n: number) => string | undefined): GgufFacts {
  const architecture = name(metadata['general.architecture']);
  const fileType = metadata['general.file_type'];
  return {
    architecture,
    parameters: count(parameterCount, MAX_PARAMETERS),
    contextLength: architecture ? count(metadata[`${architecture}.context_length`], MAX_CONTEXT) : undefined,
    quant: typeof fileType === 'number' && Number.isSafeInteger(fileType) && fileType >= 0 ? name(fileTypeName(fileType)) : undefined,
  };
}

function nonEmpty(facts: GgufFacts): GgufFacts | undefined {
  return Object.values(facts).some((v) => v !== undefined) ? facts : undefined;
}

/** "Q4_K_M · qwen2 · 70.6B parameters · 32,768-token context": the facts known, in that order. */
export function ggufLine(facts: GgufFacts): string {
  return [
    facts.quant,
    facts.architecture,
    facts.parameters === undefined ? undefined : `${compactNumber(facts.parameters)} parameters`,
    facts.contextLength === undefined ? undefined : `${groupedNumber(facts.contextLength)}-token context`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
}

/**
 * The file a card reads the header of: the Q4_K_M quant when the repo has one (the size most apps default to), else the
 * first `.gguf` file by name; projector files (`mmproj…`) and later shards are not models to read on their own.
 */
export function headerFile(files: readonly string[]): string | undefined {
  const models = files
    .filter((f) => {
      const lower = f.toLowerCase();
      const base = lower.slice(lower.lastIndexOf('/') + 1);
      const shard = SHARD.exec(base);
      return lower.endsWith('.gguf') && !base.startsWith('mmproj') && (!shard || Number(shard[1]) === 1);
    })
    .sort();
  return models.find((f) => /[-.]q4_k_m[-.]/i.test(f)) ?? models[0];
}
