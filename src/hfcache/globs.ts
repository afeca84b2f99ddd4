// Include / exclude patterns exactly as `hf download --include/--exclude` applies them (huggingface_hub
// `filter_repo_objects` over Python's `fnmatch`): `*` matches any run of characters, `/` included; `?` one character;
// `[abc]`, `[a-z]`, `[!abc]` a class (a `[` without its `]` is a plain `[`); a pattern ending in `/` means everything in
// that folder. The matcher runs the pattern as a set of states over the path, one step per character: no regular
// expression and no backtracking, so a hostile path or pattern costs (path length × pattern length) at most.

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; code: number } | { kind: 'class'; negated: boolean; ranges: number[] };

/** A compiled pattern: `test(path)` says whether `path` matches it, as `fnmatch.fnmatchcase` would. */
export interface Glob {
  pattern: string;
  test(path: string): boolean;
}

/** Compiles one fnmatch pattern (a trailing `/` gains a `*`, as `_add_wildcard_to_directories` does). */
export function compileGlob(pattern: string): Glob {
  const tokens = tokenize(pattern.endsWith('/') ? `${pattern}*` : pattern);
  return { pattern, test: (path) => run(tokens, path) };
}

/** Whether `path` is selected: it matches one of `include` (when given and non-empty) and none of `exclude`. */
export function matchesPatterns(path: string, include?: string[], exclude?: string[]): boolean {
  return compileFilter(include, exclude)(path);
}

/** `matchesPatterns` with its patterns compiled once, for filtering a whole file list. */
export function compileFilter(include?: string[], exclude?: string[]): (path: string) => boolean {
  const inc = include && include.length > 0 ? include.map(compileGlob) : undefined;
  const exc = (exclude ?? []).map(compileGlob);
  return (path) => (!inc || inc.some((g) => g.test(path))) && !exc.some((g) => g.test(path));
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '*') {
      // `**` is `*` to fnmatch; one star state is enough.
      if (tokens[tokens.length - 1]?.kind !== 'star') {
        tokens.push({ kind: 'star' });
      }
      i++;
    } else if (ch === '?') {
      tokens.push({ kind: 'any' });
      i++;
    } else if (ch === '[') {
      const parsed = parseClass(pattern, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else {
        tokens.push({ kind: 'char', code: 0x5b });
        i++;
      }
    } else {
      tokens.push({ kind: 'char', code: pattern.charCodeAt(i) });
      i++;
    }
  }
  return tokens;
}

/** A `[...]` class starting at `start`, as fnmatch.translate reads it, or undefined when it has no closing `]`. */
function parseClass(pattern: string, start: number): { token: Token; end: number } | undefined {
  let j = start + 1;
  const negated = pattern[j] === '!';
  if (negated) {
    j++;
  }
  // A `]` right after `[` or `[!` is a member, not the end.
  const first = j;
  if (pattern[j] === ']') {
    j++;
  }
  while (j < pattern.length && pattern[j] !== ']') {
    j++;
  }
  if (j >= pattern.length) {
    return undefined;
  }
  const ranges: number[] = [];
  for (let k = first; k < j; k++) {
    const low = pattern.charCodeAt(k);
    if (pattern[k + 1] === '-' && k + 2 < j) {
      const high = pattern.charCodeAt(k + 2);
      // A reversed range such as `z-a` matches nothing (Python 3.9+ drops it).
      if (low <= high) {
        ranges.push(low, high);
      }
      k += 2;
    } else {
      ranges.push(low, low);
    }
  }
  return { token: { kind: 'class', negated, ranges }, end: j + 1 };
}

function accepts(token: Token, code: number): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'char':
      return token.code === code;
    case 'class': {
      let inside = false;
      for (let r = 0; r < token.ranges.length && !inside; r += 2) {
        inside = code >= (token.ranges[r] ?? 0) && code <= (token.ranges[r + 1] ?? -1);
      }
      return inside !== token.negated;
    }
    case 'star':
      return false;
  }
}

/** Runs the pattern's states over `path`: state i means "tokens before i matched what has been read". */
function run(tokens: Token[], path: string): boolean {
  const m = tokens.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  current[0] = 1;
  closeOverStars(tokens, current);
  for (let p = 0; p < path.length; p++) {
    const code = path.charCodeAt(p);
    next.fill(0);
    let alive = false;
    for (let i = 0; i < m; i++) {
      if (!current[i]) {
        continue;
      }
      const token = tokens[i];
      if (token.kind === 'star') {
        next[i] = 1;
        alive = true;
      } else if (accepts(token, code)) {
        next[i + 1] = 1;
        alive = true;
      }
    }
    if (!alive) {
      return false;
    }
    closeOverStars(tokens, next);
    [current, next] = [next, current];
  }
  return current[m] === 1;
}

/** A star may match nothing: a live star state makes the state after it live too. */
function closeOverStars(tokens: Token[], states: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    if (states[i] && tokens[i]?.kind === 'star') {
      states[i + 1] = 1;
    }
  }
}
