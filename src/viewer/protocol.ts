// Messages between the dataset viewer panel (host) and its page. Both sides import the types; the host validates every
// message from the page (which shows untrusted rows) and accepts only these, with bounded values. Pure.
import type { Cell, Column, ProblemKind } from './model';
import type { Capabilities, SplitRef, Statistics } from './wire';

export interface SplitOption extends SplitRef {
  numRows?: number;
  numBytes?: number;
}

export type TableMode = 'rows' | 'search' | 'filter';

export interface Problem {
  kind: ProblemKind;
  message: string;
  retryable: boolean;
}

export interface PageRow {
  idx: number;
  cells: Cell[];
}

export type ToViewer =
  | { type: 'loading'; dataset: string }
  | { type: 'dataset'; dataset: string; splits: SplitOption[]; selected: SplitRef; capabilities: Capabilities; datasetRows?: number; datasetBytes?: number }
  /** A table to show: `key` names it; pages of it carry the same key. */
  | { type: 'table'; key: string; mode: TableMode; columns: Column[]; total: number; partial: boolean; query?: string; where?: string; orderby?: string }
  | { type: 'page'; key: string; page: number; rows: PageRow[] }
  | { type: 'pageError'; key: string; page: number; message: string }
  | { type: 'statistics'; key: string; statistics: Statistics }
  | { type: 'problem'; scope: 'dataset' | 'table' | 'statistics'; problem: Problem };

export const VIEWER_ACTIONS = ['insertCode', 'insertStreamingCode', 'openOnHub', 'retry', 'signIn', 'requestAccess'] as const;
export type ViewerAction = (typeof VIEWER_ACTIONS)[number];

export type FromViewer =
  | { type: 'ready' }
  | { type: 'choose'; config: string; split: string }
  | { type: 'page'; key: string; page: number }
  | { type: 'search'; query: string }
  | { type: 'filter'; where: string; orderby: string }
  | { type: 'clearQuery' }
  | { type: 'statistics' }
  | { type: 'openCell'; key: string; row: number; column: number }
  | { type: 'copyRow'; key: string; row: number }
  | { type: 'action'; action: ViewerAction }
  | { type: 'rendered'; ms: number };

/** What a page keeps across reloads. */
export interface ViewerState {
  dataset: string;
  config?: string;
  split?: string;
}

const MAX_NAME = 200;
const MAX_QUERY = 1_000;
const MAX_KEY = 1_500;
const MAX_ROW = 1_000_000_000;

function text(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}
function index(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}
function nonEmpty(value: unknown): value is string {
  return text(value, MAX_NAME) && value.length > 0;
}

/** Parses a message from the viewer page; anything else is undefined. */
export function parseFromViewer(message: unknown): FromViewer | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'clearQuery':
    case 'statistics':
      return { type: m.type };
    case 'choose':
      return nonEmpty(m.config) && nonEmpty(m.split) ? { type: 'choose', config: m.config, split: m.split } : undefined;
    case 'page':
      return text(m.key, MAX_KEY) && index(m.page, MAX_ROW) ? { type: 'page', key: m.key, page: m.page } : undefined;
    case 'search':
      return text(m.query, MAX_QUERY) ? { type: 'search', query: m.query } : undefined;
    case 'filter':
      return text(m.where, MAX_QUERY) && text(m.orderby, MAX_QUERY) ? { type: 'filter', where: m.where, orderby: m.orderby } : undefined;
    case 'openCell':
      return text(m.key, MAX_KEY) && index(m.row, MAX_ROW) && index(m.column, 10_000) ? { type: 'openCell', key: m.key, row: m.row, column: m.column } : undefined;
    case 'copyRow':
      return text(m.key, MAX_KEY) && index(m.row, MAX_ROW) ? { type: 'copyRow', key: m.key, row: m.row } : undefined;
    case 'action':
      return typeof m.action === 'string' && (VIEWER_ACTIONS as readonly string[]).includes(m.action) ? { type: 'action', action: m.action as ViewerAction } : undefined;
    case 'rendered':
      return typeof m.ms === 'number' && Number.isFinite(m.ms) && m.ms >= 0 ? { type: 'rendered', ms: m.ms } : undefined;
    default:
      return undefined;
  }
}

/** The state a restored panel starts from; the dataset id is checked by the caller. */
export function parseViewerState(state: unknown): ViewerState | undefined {
  if (!state || typeof state !== 'object') {
    return undefined;
  }
  const s = state as Record<string, unknown>;
  if (!nonEmpty(s.dataset)) {
    return undefined;
  }
  const pair = nonEmpty(s.config) && nonEmpty(s.split);
  return { dataset: s.dataset, ...(pair ? { config: s.config as string, split: s.split as string } : {}) };
}
