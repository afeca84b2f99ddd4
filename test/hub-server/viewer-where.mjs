// A small, honest subset of the dataset viewer's `where` (a SQL condition) and `orderby`: comparisons of one column
// with a number or a 'quoted string' (`=`, `<>`, `!=`, `<`, `<=`, `>`, `>=`), joined by AND; columns bare or
// "double-quoted"; `orderby` is one column, optionally ASC or DESC. Anything else is refused, like the real server
// refuses what DuckDB cannot parse: `Parameter 'where' is invalid`.

const OPS = ['<=', '>=', '<>', '!=', '=', '<', '>'];

/** @param {string} text */
function tokens(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) {
        return undefined;
      }
      out.push({ kind: ch === '"' ? 'name' : 'string', text: text.slice(i + 1, end) });
      i = end + 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        out.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let j = i;
      while (j < text.length && !' \t"\'<>=!'.includes(text[j])) {
        j++;
      }
      out.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

/**
 * A row test for `where` over columns `names`, `() => true` for an empty one, undefined when it is not in the subset.
 * @param {string} where @param {string[]} names
 */
export function parseWhere(where, names) {
  if (!where.trim()) {
    return () => true;
  }
  const t = tokens(where);
  if (!t) {
    return undefined;
  }
  const tests = [];
  for (let k = 0; k < t.length; k += 4) {
    const [col, op, val, join] = t.slice(k, k + 4);
    const column = col && (col.kind === 'name' || col.kind === 'word') ? col.text : undefined;
    if (!column || !names.includes(column) || op?.kind !== 'op' || !val || (join && join.text.toUpperCase() !== 'AND')) {
      return undefined;
    }
    if (join && k + 4 >= t.length) {
      return undefined;
    }
    let value;
    if (val.kind === 'string') {
      value = val.text;
    } else if (val.kind === 'word' && val.text !== '' && Number.isFinite(Number(val.text))) {
      value = Number(val.text);
    } else if (val.kind === 'word' && (val.text.toUpperCase() === 'TRUE' || val.text.toUpperCase() === 'FALSE')) {
      value = val.text.toUpperCase() === 'TRUE';
    } else {
      return undefined;
    }
    tests.push({ column, op: op.text, value });
  }
  return (/** @type {Record<string, unknown>} */ row) =>
    tests.every(({ column, op, value }) => {
      const v = /** @type {any} */ (row[column]);
      switch (op) {
        case '=':
          return v === value;
        case '<>':
        case '!=':
          return v !== value;
        case '<':
          return v < value;
        case '<=':
          return v <= value;
        case '>':
          return v > value;
        default:
          return v >= value;
      }
    });
}

/**
 * `{column, desc}`, null for no order, undefined when it is not in the subset.
 * @param {string} orderby @param {string[]} names
 */
export function parseOrderBy(orderby, names) {
  if (!orderby.trim()) {
    return null;
  }
  const t = tokens(orderby);
  if (!t || t.length < 1 || t.length > 2 || (t[0].kind !== 'name' && t[0].kind !== 'word') || !names.includes(t[0].text)) {
    return undefined;
  }
  const dir = t[1]?.text.toUpperCase();
  if (t[1] && (t[1].kind !== 'word' || (dir !== 'ASC' && dir !== 'DESC'))) {
    return undefined;
  }
  return { column: t[0].text, desc: dir === 'DESC' };
}
