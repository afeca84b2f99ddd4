// What the page shows, as data: the types both the host and the page use. No imports, so the page's build takes in
// nothing of the host's. Pure.

export type ColumnKind = 'string' | 'number' | 'bool' | 'date' | 'classLabel' | 'image' | 'audio' | 'list' | 'struct' | 'other';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** What the header shows under the name: `string`, `int64`, `ClassLabel · 2`, `List(float32)`, `struct{a, b}`. */
  typeLabel: string;
  /** ClassLabel names, by id. */
  labels?: readonly string[];
}

export type CellView =
  | { k: 'null' }
  | { k: 'text'; text: string; more?: true }
  | { k: 'num'; text: string }
  | { k: 'bool'; value: boolean }
  | { k: 'label'; name: string; id: number }
  | { k: 'image'; src: string; width?: number; height?: number }
  | { k: 'audio'; src: string; type: string }
  | { k: 'blocked'; text: string }
  | { k: 'json'; summary: string; text: string; more?: true };

/** A cell, and whether the server cut it (`truncated_cells`). */
export type Cell = CellView & { cut?: true };

export type ProblemKind = 'notValid' | 'processing' | 'signIn' | 'noAccess' | 'notFound' | 'rateLimited' | 'offline' | 'badRequest' | 'server';
