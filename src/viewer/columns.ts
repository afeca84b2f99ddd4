// The table's columns, typed from the dataset's features (the JSON of `datasets` features the viewer sends):
// `Value` by dtype, `ClassLabel`, `Image`, `Audio`, `List` / `Sequence` / `[feature]`, and a plain object for a struct.
// Pure: no `vscode`.
import { plain } from './cells';
import type { Column, ColumnKind } from './model';
import type { WireFeature } from './wire';

export type { Column, ColumnKind } from './model';

const NUMBER_DTYPES = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64', 'double', 'float', 'halffloat'];
/** Feature type labels longer than this are cut: a struct of many fields says how many. */
const MAX_TYPE_LABEL = 60;
/** Characters of a ClassLabel name shown in a cell. */
const MAX_LABEL_NAME = 200;

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function dtypeKind(dtype: string): ColumnKind {
  if (dtype === 'string' || dtype === 'large_string') {
    return 'string';
  }
  if (dtype === 'bool') {
    return 'bool';
  }
  if (NUMBER_DTYPES.includes(dtype)) {
    return 'number';
  }
  if (dtype.startsWith('timestamp') || dtype.startsWith('date') || dtype.startsWith('time')) {
    return 'date';
  }
  return 'other';
}

/** The kind and label of one feature type. */
export function featureKind(type: unknown, depth = 0): { kind: ColumnKind; label: string; labels?: string[] } {
  if (depth > 20) {
    return { kind: 'other', label: '…' };
  }
  if (Array.isArray(type)) {
    return { kind: 'list', label: `List(${featureKind(type[0], depth + 1).label})` };
  }
  if (!isObj(type)) {
    return { kind: 'other', label: 'unknown' };
  }
  const t = type._type;
  if (t === 'Value' && typeof type.dtype === 'string') {
    return { kind: dtypeKind(type.dtype), label: type.dtype };
  }
  if (t === 'ClassLabel') {
    // Made plain text once here, for every cell of the column.
    const names = Array.isArray(type.names) ? type.names.map((n) => plain(typeof n === 'string' ? n : String(n), MAX_LABEL_NAME).text) : [];
    return { kind: 'classLabel', label: `ClassLabel · ${names.length}`, labels: names };
  }
  if (t === 'Image') {
    return { kind: 'image', label: 'Image' };
  }
  if (t === 'Audio') {
    return { kind: 'audio', label: 'Audio' };
  }
  if (t === 'List' || t === 'Sequence' || t === 'LargeList') {
    return { kind: 'list', label: `${t === 'Sequence' ? 'Sequence' : 'List'}(${featureKind(type.feature, depth + 1).label})` };
  }
  if (typeof t === 'string') {
    return { kind: 'other', label: t };
  }
  const keys = Object.keys(type);
  return { kind: 'struct', label: `struct{${keys.join(', ')}}` };
}

function cut(label: string): string {
  return label.length > MAX_TYPE_LABEL ? `${label.slice(0, MAX_TYPE_LABEL - 1)}…` : label;
}

/** The table's columns, in the features' order; a feature named twice is kept once. */
export function columnsFromFeatures(features: readonly WireFeature[]): Column[] {
  const seen = new Set<string>();
  const out: Column[] = [];
  for (const feature of features) {
    if (seen.has(feature.name)) {
      continue;
    }
    seen.add(feature.name);
    const { kind, label, labels } = featureKind(feature.type);
    out.push({ name: feature.name, kind, typeLabel: cut(label), ...(labels ? { labels } : {}) });
  }
  return out;
}
