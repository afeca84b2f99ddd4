/**
 * The quants of a GGUF repo and whether each fits this machine. A quant is one `.gguf` file, or the shards of a split
 * file (`…-00001-of-00003.gguf`) summed; its label comes from the Hub's own parser (`parseGGUFQuantLabel` of
 * `@huggingface/tasks`, passed in). Pure: no VS Code, no network.
 *
 * Fit rule (documented in the README): the memory that holds the weights is the GPU's when one is set in
 * `huggingface.hardware.gpu`, else the machine's total RAM. A quant **fits** when its files plus 20 % (context cache
 * and runtime) are within that memory; it is **tight** when the files alone are within it (little room for context),
 * or, with a GPU set, when it is too big for the GPU but within RAM (layers offloaded to the CPU, slower); else it is
 * **too big**.
 */
import { fileSize } from '../hub/format';

export interface RepoFileSize {
  path: string;
  size: number;
}

export interface Quant {
  /** The quant label (`Q4_K_M`), or undefined when the Hub's parser finds none in the name. */
  label: string | undefined;
  /** The file (or the first shard): what the apps' snippets name. */
  first: string;
  files: RepoFileSize[];
  total: number;
}

export type Fit = 'fits' | 'tight' | 'too big';

export interface Machine {
  /** Total RAM in bytes (`os.totalmem()`). */
  ram: number;
  /** The GPU set by the user, with its memory in bytes. */
  gpu?: { name: string; memory: number };
}

/** Overhead on top of the weights for the context cache and the runtime. */
export const FIT_OVERHEAD = 1.2;

const SHARD = /-(\d{5})-of-(\d{5})\.gguf$/i;

/**
 * Every quant of a repo's files, smallest first. Shards of one split file are one quant (the group is the path without
 * the shard suffix); `mmproj` projector files are left out, as they are not a model to run on their own.
 */
export function ggufQuants(files: readonly RepoFileSize[], parseLabel: (name: string) => string | undefined): Quant[] {
  const groups = new Map<string, RepoFileSize[]>();
  for (const file of files) {
    const lower = file.path.toLowerCase();
    if (!lower.endsWith('.gguf') || baseName(lower).startsWith('mmproj')) {
      continue;
    }
    const shard = SHARD.exec(file.path);
    const key = shard ? `${file.path.slice(0, shard.index)}.gguf` : file.path;
    const group = groups.get(key) ?? [];
    group.push(file);
    groups.set(key, group);
  }
  const quants: Quant[] = [];
  for (const [key, group] of groups) {
    group.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const label = parseLabel(baseName(key));
    quants.push({ label, first: group[0].path, files: group, total: group.reduce((sum, f) => sum + (Number.isFinite(f.size) && f.size > 0 ? f.size : 0), 0) });
  }
  return quants.sort((a, b) => a.total - b.total || (a.first < b.first ? -1 : 1));
}

/** How a quant of `bytes` fits `machine`; see the module comment for the rule. */
export function fitOf(bytes: number, machine: Machine): Fit {
  const memory = machine.gpu ? machine.gpu.memory : machine.ram;
  if (bytes * FIT_OVERHEAD <= memory) {
    return 'fits';
  }
  if (bytes <= memory || (machine.gpu && bytes * FIT_OVERHEAD <= machine.ram)) {
    return 'tight';
  }
  return 'too big';
}

/** Why a quant is marked as it is, in words for a tooltip or a detail line. */
export function fitReason(bytes: number, machine: Machine): string {
  const where = machine.gpu ? `the ${machine.gpu.name}'s ${gib(machine.gpu.memory)}` : `this machine's ${gib(machine.ram)} of RAM`;
  switch (fitOf(bytes, machine)) {
    case 'fits':
      return `fits in ${where} with room for context`;
    case 'tight':
      return machine.gpu && bytes > machine.gpu.memory ? `too big for ${where}: part would run on the CPU (${gib(machine.ram)} RAM)` : `just fits in ${where}: little room for context`;
    case 'too big':
      return `needs more than ${where}`;
  }
}

/** The hardware setting's value (`"NVIDIA RTX 4090"`) resolved against the library's list, with the memory to use. */
export function machineOf(ram: number, setting: string | undefined, memoryGb: number | undefined, hardware: ReadonlyMap<string, readonly number[]>): Machine {
  const name = setting?.trim();
  const sizes = name ? hardware.get(name) : undefined;
  if (!name || !sizes) {
    return { ram };
  }
  const gb = memoryGb !== undefined && Number.isFinite(memoryGb) && memoryGb > 0 ? memoryGb : sizes.length > 0 ? Math.min(...sizes) : undefined;
  return gb === undefined ? { ram } : { ram, gpu: { name, memory: gb * 1024 ** 3 } };
}

/** What the downloads take for a quant: its file, or the folder that holds only its shards, else the repo (the wizard asks). */
export function downloadArg(id: string, quant: Quant): unknown {
  const repo = { type: 'model', id };
  if (quant.files.length === 1) {
    return { repo, entry: { path: quant.first, type: 'file' } };
  }
  const folder = quant.first.includes('/') ? quant.first.slice(0, quant.first.lastIndexOf('/')) : undefined;
  return folder !== undefined && quant.files.every((f) => f.path.startsWith(`${folder}/`) && !f.path.slice(folder.length + 1).includes('/'))
    ? { repo, entry: { path: folder, type: 'directory' } }
    : { repo };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function gib(bytes: number): string {
  return fileSize(bytes);
}
