// Cell values as the table shows them. Values are untrusted: they become text (bidi controls removed, length capped)
// or, for images and audio, an address the page may load only when it is on the viewer's asset host (the page's CSP
// says the same). The full value stays on the host side; "show all" and "open cell" fetch it from there. Pure.
import { isLoopback } from '../hub/redirects';
import { withoutBidiControls } from '../hub/format';
import type { Cell, CellView, Column } from './model';

/** Characters of a text cell shown in the table; the rest is behind "show all". */
export const CELL_TEXT_MAX = 400;
/** Characters of the JSON of a list or struct shown when it is expanded in the table. */
export const CELL_JSON_MAX = 4_000;
const MAX_URL = 4_096;

export type { Cell, CellView } from './model';

/** Plain text of an untrusted value: bidi controls removed, at most `max` characters (`more` when cut). */
export function plain(text: string, max: number): { text: string; more?: true } {
  const clean = withoutBidiControls(text.length > max * 2 ? text.slice(0, max * 2) : text);
  return clean.length > max || text.length > max * 2 ? { text: clean.slice(0, max), more: true } : { text: clean };
}

/**
 * What may follow the origin in an address that needs no parsing: a path, query and fragment of characters the URL
 * parser keeps as they are (no backslash, whitespace, control character or `@`). One character class: linear.
 */
const PLAIN_REST = /\/[\w\-.~!$&'()*+,;=:%/?#]*$/y;
let secureOrigin = { origin: '', secure: false };

function canonicalSecure(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.origin === origin && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)));
  } catch {
    return false;
  }
}

/** Whether `origin` is a canonical https origin (http on loopback): only then may the page's addresses skip parsing. */
function isSecureOrigin(origin: string): boolean {
  if (secureOrigin.origin !== origin) {
    secureOrigin = { origin, secure: canonicalSecure(origin) };
  }
  return secureOrigin.secure;
}

/**
 * Whether a media address may be loaded by the page: https (http on loopback) on the asset host's origin, no credentials.
 * The viewer's own addresses (the origin, then plain path characters) are recognised without a URL parse, which is most
 * of a page of image rows' formatting; anything else is parsed.
 */
export function mediaAllowed(src: string, assetOrigin: string): boolean {
  if (src.length > MAX_URL) {
    return false;
  }
  if (src.startsWith(assetOrigin) && isSecureOrigin(assetOrigin)) {
    // Sticky at the end of the origin: the rest is matched where it stands, without a copy.
    PLAIN_REST.lastIndex = assetOrigin.length;
    if (PLAIN_REST.test(src)) {
      return true;
    }
  }
  try {
    const url = new URL(src);
    const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
    return secure && !url.username && !url.password && url.origin === assetOrigin;
  } catch {
    return false;
  }
}

function media(value: unknown): { src?: unknown; type?: unknown; width?: unknown; height?: unknown } | undefined {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return first !== null && typeof first === 'object' ? (first) : undefined;
}

function dimension(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100_000 ? value : undefined;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, undefined, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function summary(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  }
  const keys = Object.keys(value as object);
  return `{${keys.length} ${keys.length === 1 ? 'field' : 'fields'}}`;
}

function mediaCell(column: Column, value: unknown, assetOrigin: string): CellView {
  const m = media(value);
  const src = typeof m?.src === 'string' ? m.src : undefined;
  if (!src) {
    return { k: 'text', text: plain(json(value), CELL_TEXT_MAX).text };
  }
  if (!mediaAllowed(src, assetOrigin)) {
    return { k: 'blocked', text: `${column.kind === 'image' ? 'Image' : 'Audio'} not from the viewer's asset host: ${plain(src, 200).text}` };
  }
  if (column.kind === 'image') {
    return { k: 'image', src, width: dimension(m?.width), height: dimension(m?.height) };
  }
  const type = typeof m?.type === 'string' && m.type.startsWith('audio/') && m.type.length < 40 ? m.type : 'audio/wav';
  return { k: 'audio', src, type };
}

function valueCell(column: Column, value: unknown, assetOrigin: string): CellView {
  if (value === null || value === undefined) {
    return { k: 'null' };
  }
  if (column.kind === 'image' || column.kind === 'audio') {
    return mediaCell(column, value, assetOrigin);
  }
  if (column.kind === 'classLabel' && typeof value === 'number' && Number.isInteger(value)) {
    // The column's labels are plain text already (./columns.ts).
    const label = column.labels?.[value];
    return label === undefined ? { k: 'num', text: String(value) } : { k: 'label', name: label, id: value };
  }
  if (typeof value === 'boolean') {
    return { k: 'bool', value };
  }
  if (typeof value === 'number') {
    return { k: 'num', text: Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6) };
  }
  if (typeof value === 'string') {
    return { k: 'text', ...plain(value, CELL_TEXT_MAX) };
  }
  if (typeof value === 'object') {
    const { text, more } = plain(json(value), CELL_JSON_MAX);
    return { k: 'json', summary: summary(value), text, ...(more ? { more } : {}) };
  }
  // bigint and symbol: what is left.
  return { k: 'text', ...plain(typeof value === 'bigint' ? value.toString() : 'unsupported value', CELL_TEXT_MAX) };
}

/** The cell of `column` in a row, as the page shows it. */
export function formatCell(column: Column, row: Record<string, unknown>, truncated: readonly string[], assetOrigin: string): Cell {
  const view = valueCell(column, Object.hasOwn(row, column.name) ? row[column.name] : null, assetOrigin);
  return truncated.length > 0 && truncated.includes(column.name) ? { ...view, cut: true } : view;
}

/** A cell's full value as the text of a read-only document: strings as they are, anything else as JSON. */
export function fullText(value: unknown): string {
  return typeof value === 'string' ? value : json(value);
}
