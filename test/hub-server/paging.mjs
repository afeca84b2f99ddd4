// Cursor pagination with an absolute `Link: <…&cursor=…>; rel="next"` header (hub-api.md §3).
import { errorReply } from './reply.mjs';

/**
 * Offset encoded in an opaque cursor (base64url JSON, like the Hub's `eyJ…` cursors).
 * @param {string | null} cursor
 * @returns {number | undefined} undefined when the cursor is malformed
 */
function readCursor(cursor) {
  if (cursor === null) {
    return 0;
  }
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {number} offset
 */
function writeCursor(offset) {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/**
 * One page of `items`, and the `Link` header when more remain. The next URL keeps every other parameter.
 * @template T
 * @param {T[]} items
 * @param {{ origin: string, rawPath: string, query: URLSearchParams }} ctx
 * @param {number} pageSize
 * @returns {{ page: T[], headers: Record<string, string> } | { error: import('./reply.mjs').Reply }}
 */
export function paginate(items, ctx, pageSize) {
  const offset = readCursor(ctx.query.get('cursor'));
  if (offset === undefined) {
    return { error: errorReply(400, 'Invalid cursor') };
  }
  const page = items.slice(offset, offset + pageSize);
  /** @type {Record<string, string>} */
  const headers = {};
  if (offset + pageSize < items.length) {
    const next = new URLSearchParams(ctx.query);
    next.delete('cursor');
    next.append('cursor', writeCursor(offset + pageSize));
    headers.Link = `<${ctx.origin}${ctx.rawPath}?${next}>; rel="next"`;
  }
  return { page, headers };
}
