/**
 * The text that goes into the user's file: the Hub's snippet, its imports trimmed to those the file lacks, under a
 * few comment lines (install command, gated access, remote code). Pure: no VS Code.
 */
import type { SnippetPlan } from './plan';

/** The comment lines above the code: install commands first, then what the user must do before running it. */
export function headerLines(plan: SnippetPlan): string[] {
  const mark = plan.language === 'javascript' ? '//' : '#';
  const lines: string[] = [];
  for (const command of plan.install) {
    for (const line of command.split('\n')) {
      if (line.trim() !== '') {
        lines.push(`${mark} ${line.trim()}`);
      }
    }
  }
  if (plan.gated) {
    lines.push(
      `${mark} ${plan.id} is gated: request access at ${plan.pageUrl}`,
      `${mark} then sign in with \`hf auth login\` or set the HF_TOKEN environment variable.`,
    );
  }
  if (plan.customCode) {
    lines.push(`${mark} trust_remote_code=True runs Python code from the repo on your machine: review it first at ${plan.pageUrl}/tree/main`);
  }
  return lines;
}

/** Header and code, ending with a newline. `code` is inserted exactly as given. */
export function frameSnippet(plan: SnippetPlan, code: string): string {
  return [...headerLines(plan), code].join('\n') + '\n';
}

/** What to insert for a variant into a file whose text is `existing`: imports it already has are left out. */
export function snippetText(plan: SnippetPlan, code: string, existing: string): string {
  return frameSnippet(plan, plan.language === 'python' ? dedupeImports(existing, code) : code);
}

/**
 * Places `text` at a cursor: `lineBefore` is the text of the cursor's line before it. Mid-line, the snippet starts on
 * a new line; on an indented line, every following line gets the same indentation.
 */
export function placeAtCursor(text: string, lineBefore: string): string {
  const indent = /^[ \t]*/.exec(lineBefore)?.[0] ?? '';
  const lines = text.split('\n');
  const indented = lines.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
  return lineBefore.trim() === '' ? indented : `\n${indent}${indented}`;
}

interface Imports {
  /** `import x` / `import x as y` entries, normalised ("numpy as np"). */
  modules: Set<string>;
  /** `from m import a, b as c` → m → {"a", "b as c"}; `*` for a star import. */
  names: Map<string, Set<string>>;
}

const IMPORT = /^import\s+(.+)$/;
const FROM_IMPORT = /^from\s+(\S+)\s+import\s+(.+)$/;

/**
 * Drops the `import x` / `from x import y` lines of `code` that `existing` already has at top level; of a
 * `from x import a, b` line only the names not imported yet stay. Lines that change nothing are kept byte for byte.
 */
export function dedupeImports(existing: string, code: string): string {
  const have = parseImports(existing);
  if (have.modules.size === 0 && have.names.size === 0) {
    return code;
  }
  const out: string[] = [];
  let dropped = false;
  for (const line of code.split('\n')) {
    const kept = keepImportLine(line, have);
    if (kept === line) {
      out.push(line);
    } else {
      dropped = true;
      if (kept !== undefined) {
        out.push(kept);
      }
    }
  }
  if (!dropped) {
    return code;
  }
  while (out.length > 1 && out[0].trim() === '') {
    out.shift();
  }
  return out.join('\n');
}

/** The line, a shorter import line, or undefined when everything it imports is there already. */
function keepImportLine(line: string, have: Imports): string | undefined {
  if (/[()\\;]/.test(line) || /^\s/.test(line)) {
    return line;
  }
  const statement = stripComment(line);
  const from = FROM_IMPORT.exec(statement);
  if (from) {
    const [, module, list] = from;
    const present = have.names.get(module);
    if (!present) {
      return line;
    }
    if (present.has('*')) {
      return undefined;
    }
    const names = splitNames(list);
    const missing = names.filter((n) => !present.has(n));
    if (missing.length === names.length) {
      return line;
    }
    return missing.length ? `from ${module} import ${missing.join(', ')}` : undefined;
  }
  const plain = IMPORT.exec(statement);
  if (plain) {
    const names = splitNames(plain[1]);
    const missing = names.filter((n) => !have.modules.has(n));
    if (missing.length === names.length) {
      return line;
    }
    return missing.length ? `import ${missing.join(', ')}` : undefined;
  }
  return line;
}

/** Top-level import statements of a Python file, including parenthesised and backslash-continued ones. */
function parseImports(text: string): Imports {
  const imports: Imports = { modules: new Set(), names: new Map() };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = stripComment(lines[i]);
    if (!/^(?:import|from)\s/.test(first)) {
      continue;
    }
    // The statement's lines are gathered as parts and each is looked at once: re-reading the statement as it grows
    // (for a `)` or a trailing `\`) was quadratic in a file with a long unclosed import.
    const parts = [first];
    while (parts[parts.length - 1].endsWith('\\') && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      parts.push(stripComment(lines[++i]).trim());
    }
    if (parts.some((part) => part.includes('('))) {
      let closed = parts.some((part) => part.includes(')'));
      while (!closed && i + 1 < lines.length) {
        const part = stripComment(lines[++i]).trim();
        parts.push(part);
        closed = part.includes(')');
      }
    }
    let statement = parts.join(' ');
    if (statement.includes('(')) {
      statement = statement.replace(/[()]/g, ' ');
    }
    for (const part of statement.split(';').map((s) => s.trim())) {
      const from = FROM_IMPORT.exec(part);
      if (from) {
        const set = imports.names.get(from[1]) ?? new Set<string>();
        splitNames(from[2]).forEach((n) => set.add(n));
        imports.names.set(from[1], set);
        continue;
      }
      const plain = IMPORT.exec(part);
      if (plain) {
        splitNames(plain[1]).forEach((n) => imports.modules.add(n));
      }
    }
  }
  return imports;
}

function splitNames(list: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim().replace(/\s+/g, ' '))
    .filter((n) => n !== '');
}

/** The line without a trailing `# comment` (imports hold no strings, so the first `#` starts it). */
function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return (hash < 0 ? line : line.slice(0, hash)).trimEnd();
}
