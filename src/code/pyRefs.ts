/**
 * Finds the Hub repo ids a Python file names where a call expects one: `AutoModel.from_pretrained("…")`,
 * `pipeline(task, model="…")`, `load_dataset("…")`, `hf_hub_download(repo_id="…", repo_type="dataset")`, … .
 * It reads tokens (see pyTokens.ts), not regular expressions over the text, so ids in comments, docstrings, prints,
 * dicts, f-strings and byte strings are never taken for references. Built for code being typed: one linear pass, never
 * throws, tolerates unclosed strings and brackets. Offsets only (UTF-16 code units, as `TextDocument.offsetAt`).
 * Pure: no `vscode` import.
 */
import { isStringToken, tokenize } from './pyTokens';
import type { StringToken, Token } from './pyTokens';
import { FUNCTION_RULES, LITERAL_NAMES, PACKAGED_BUILDERS, PEFT_FROM_PRETRAINED, PEFT_MODEL, FROM_PRETRAINED, PYTHON_KEYWORDS, STATEMENT_KEYWORDS, type CallRule } from './pyCalls';

export type RefKind = 'model' | 'dataset' | 'space';

export interface RepoIdRef {
  /** What the call expects. */
  kind: RefKind;
  /** The string literal's value; not validated as a repo id (callers validate). */
  id: string;
  /** Offset of the first character of the string's contents (after the prefix and quote). */
  start: number;
  /** Offset just past the contents (before the closing quote). */
  end: number;
  /** The dotted callee as written, without spaces: `AutoModel.from_pretrained`, `pipeline`, `datasets.load_dataset`. */
  callee: string;
  /** Offset of the callee's first character. */
  callStart: number;
  /**
   * Offset just past the closing parenthesis. For a call left unclosed: the source end, or the end of its last token
   * when a later line plainly starts a new statement (see `callClosed`).
   */
  callEnd: number;
  /** False when the call has no closing parenthesis (code being typed). */
  callClosed: boolean;
  /** Keyword argument names present in the call, in order. */
  keywords: string[];
  /** A literal `trust_remote_code=True` / `False`; undefined when absent or not a literal. */
  trustRemoteCode: boolean | undefined;
}

/** The repo-id string under the cursor, for completion. */
export interface RefAtCursor {
  kind: RefKind;
  /** Contents from `start` up to the cursor. */
  prefix: string;
  /** Offset of the first character of the string's contents. */
  start: number;
  /**
   * Offset just past the contents. For an unclosed string (which Python ends at its line), the end of the run of
   * repo-id characters from the cursor on, so that a `)` typed after it is not part of the id.
   */
  end: number;
  callee: string;
  /** False when the string has no closing quote yet. */
  closed: boolean;
}

/** Prefixes of strings whose value is their text: plain, raw and `u""` strings (not bytes, f-strings, t-strings). */
const PLAIN_PREFIXES = new Set(['', 'r', 'u']);

interface Arg {
  keyword: string | undefined;
  awaitingAssign: boolean;
  starred: '' | '*' | '**';
  count: number;
  first: Token | undefined;
}

interface Call {
  callee: string;
  callStart: number;
  rule: CallRule;
  keywords: string[];
  /** Keyword → its value when that is a single token, else undefined. */
  values: Map<string, Token | undefined>;
  /** Index of the next positional argument; NaN after `*args`, since later positions are then unknown. */
  position: number;
  candidate: StringToken | undefined;
  arg: Arg;
}

interface Frame {
  closer: string;
  /** Indentation of the line the bracket opened on. */
  indent: number;
  call: Call | undefined;
}

/** A call's id argument, before the filters that differ between `findRepoRefs` and `refAt`. */
interface Candidate {
  ref: RepoIdRef;
  token: StringToken;
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function newArg(): Arg {
  return { keyword: undefined, awaitingAssign: false, starred: '', count: 0, first: undefined };
}

function ruleFor(parts: string[], afterDot: boolean): CallRule | undefined {
  const name = parts[parts.length - 1];
  if (name === 'from_pretrained') {
    if (parts.length < 2 && !afterDot) {
      return undefined;
    }
    return parts.length >= 2 && PEFT_MODEL.test(parts[parts.length - 2]) ? PEFT_FROM_PRETRAINED : FROM_PRETRAINED;
  }
  const entry = FUNCTION_RULES.get(name);
  if (!entry || afterDot) {
    return undefined;
  }
  if (parts.length === 1) {
    return entry.rule;
  }
  const qualifier = parts.slice(0, -1).join('.');
  return entry.modules.some((m) => qualifier === m || qualifier.startsWith(`${m}.`)) ? entry.rule : undefined;
}

function isPlainName(token: Token | undefined): boolean {
  return token?.type === 'name' && !PYTHON_KEYWORDS.has(token.text);
}

/** The call whose `(` is `tokens[open]`, when the name before it is one we recognise (definitions are not calls). */
function callAt(tokens: Token[], open: number): Call | undefined {
  let k = open - 1;
  if (!isPlainName(tokens[k])) {
    return undefined;
  }
  const parts = [tokens[k].text];
  while (tokens[k - 1]?.type === 'dot' && isPlainName(tokens[k - 2])) {
    k -= 2;
    parts.unshift(tokens[k].text);
  }
  const before = tokens[k - 1];
  if (before?.type === 'name' && (before.text === 'def' || before.text === 'class')) {
    return undefined;
  }
  const rule = ruleFor(parts, before?.type === 'dot');
  if (!rule) {
    return undefined;
  }
  return {
    callee: parts.join('.'),
    callStart: tokens[k].start,
    rule,
    keywords: [],
    values: new Map(),
    position: 0,
    candidate: undefined,
    arg: newArg(),
  };
}

/** Takes in a token that sits directly inside the call's parentheses. */
function feed(call: Call, token: Token, next: Token | undefined): void {
  const arg = call.arg;
  if (token.type === 'comma') {
    finishArg(call);
    return;
  }
  if (arg.awaitingAssign) {
    arg.awaitingAssign = false;
    return;
  }
  if (arg.count === 0 && arg.keyword === undefined && arg.starred === '') {
    if (isPlainName(token) && next?.type === 'assign') {
      arg.keyword = token.text;
      arg.awaitingAssign = true;
      call.keywords.push(token.text);
      return;
    }
    if (token.type === 'op' && (token.text === '*' || token.text === '**')) {
      arg.starred = token.text;
      return;
    }
  }
  arg.count++;
  arg.first ??= token;
}

function finishArg(call: Call): void {
  const arg = call.arg;
  call.arg = newArg();
  const single = arg.count === 1 ? arg.first : undefined;
  if (arg.keyword !== undefined) {
    call.values.set(arg.keyword, single);
    if (call.rule.keywords.includes(arg.keyword) && isStringToken(single)) {
      call.candidate ??= single;
    }
  } else if (arg.starred === '*') {
    call.position = Number.NaN;
  } else if (arg.starred === '' && arg.count > 0) {
    if (call.position === call.rule.positional && isStringToken(single)) {
      call.candidate ??= single;
    }
    call.position++;
  }
}

function literalString(source: string, token: Token | undefined): string | undefined {
  return isStringToken(token) && token.closed && PLAIN_PREFIXES.has(token.prefix) ? source.slice(token.contentStart, token.contentEnd) : undefined;
}

function kindOf(source: string, call: Call): RefKind | undefined {
  if (call.rule.kind !== 'repoType') {
    return call.rule.kind;
  }
  if (!call.values.has('repo_type')) {
    return 'model';
  }
  const value = call.values.get('repo_type');
  if (value?.type === 'name' && value.text === 'None') {
    return 'model';
  }
  const text = literalString(source, value);
  // A repo type held in a variable is unknown: better no reference than one of the wrong kind.
  return text === 'model' || text === 'dataset' || text === 'space' ? text : undefined;
}

function trustRemoteCode(call: Call): boolean | undefined {
  const value = call.values.get('trust_remote_code');
  if (value?.type === 'name' && (value.text === 'True' || value.text === 'False')) {
    return value.text === 'True';
  }
  return undefined;
}

/** Ends a call: its last argument, then its id argument if it has a usable one. */
function finishCall(source: string, call: Call, callEnd: number, callClosed: boolean, out: Candidate[]): void {
  if (call.arg.count > 0 || call.arg.keyword !== undefined || call.arg.starred !== '') {
    finishArg(call);
  }
  const token = call.candidate;
  if (!token || !PLAIN_PREFIXES.has(token.prefix)) {
    return;
  }
  const kind = kindOf(source, call);
  if (!kind) {
    return;
  }
  out.push({
    token,
    ref: {
      kind,
      id: source.slice(token.contentStart, token.contentEnd),
      start: token.contentStart,
      end: token.contentEnd,
      callee: call.callee,
      callStart: call.callStart,
      callEnd,
      callClosed,
      keywords: call.keywords,
      trustRemoteCode: trustRemoteCode(call),
    },
  });
}

function endsExpression(token: Token | undefined): boolean {
  if (!token) {
    return false;
  }
  return token.type === 'string' || token.type === 'number' || token.type === 'close' || (token.type === 'name' && (!PYTHON_KEYWORDS.has(token.text) || LITERAL_NAMES.has(token.text)));
}

/**
 * Whether a token that starts a line, no deeper than the line that opened the innermost bracket, can only be a new
 * statement: a statement keyword, or a name right after a complete expression (which inside brackets would be a syntax
 * error). Then the brackets were left unclosed, as happens while typing, and the calls in them end there.
 */
function startsStatement(token: Token, previous: Token | undefined): boolean {
  if (token.type === 'name' && STATEMENT_KEYWORDS.has(token.text)) {
    return true;
  }
  return (isPlainName(token) || token.type === 'number') && endsExpression(previous);
}

/** Every call's id argument, closed or not. Linear: each token is handled once and each bracket pushed and popped once. */
function candidates(source: string): Candidate[] {
  const tokens = tokenize(source);
  const out: Candidate[] = [];
  const stack: Frame[] = [];
  const open: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  const pop = (callEnd: number, callClosed: boolean): void => {
    const frame = stack.pop() as Frame;
    open[frame.closer]--;
    if (frame.call) {
      finishCall(source, frame.call, callEnd, callClosed, out);
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    if (token.lineStart && stack.length > 0 && token.indent <= stack[stack.length - 1].indent && startsStatement(token, previous)) {
      while (stack.length > 0 && stack[stack.length - 1].indent >= token.indent) {
        pop(previous.end, false);
      }
    }
    if (token.type === 'close') {
      if (open[token.text] > 0) {
        while (stack[stack.length - 1].closer !== token.text) {
          pop(previous.end, false);
        }
        pop(token.end, true);
      }
      continue;
    }
    const call = stack[stack.length - 1]?.call;
    if (call) {
      feed(call, token, tokens[i + 1]);
    }
    if (token.type === 'open') {
      const closer = CLOSER[token.text];
      open[closer]++;
      stack.push({ closer, indent: token.indent, call: token.text === '(' ? callAt(tokens, i) : undefined });
    }
  }
  while (stack.length > 0) {
    pop(source.length, false);
  }
  return out;
}

/**
 * The repo ids named as call arguments in a Python source, in source order. Only closed plain string literals count
 * (not f-strings, byte strings, implicit concatenations or strings with backslashes), and `load_dataset`'s packaged
 * builders (`"csv"`, `"json"`, …) are left out.
 */
export function findRepoRefs(source: string): RepoIdRef[] {
  return candidates(source)
    .filter(({ ref, token }) => token.closed && !ref.id.includes('\\') && !(ref.kind === 'dataset' && PACKAGED_BUILDERS.has(ref.id)))
    .map(({ ref }) => ref)
    .sort((a, b) => a.start - b.start);
}

const ID_CHAR = /[A-Za-z0-9_.\-/]/;

/** For completion: the repo-id string at `offset` (the cursor inside the string, possibly unclosed), else undefined. */
export function refAt(source: string, offset: number): RefAtCursor | undefined {
  for (const { ref, token } of candidates(source)) {
    if (offset < token.contentStart || offset > token.contentEnd) {
      continue;
    }
    const prefix = source.slice(token.contentStart, offset);
    if (prefix.includes('\\') || (token.closed && ref.id.includes('\\'))) {
      return undefined;
    }
    let end = token.contentEnd;
    if (!token.closed) {
      end = offset;
      while (end < token.contentEnd && ID_CHAR.test(source[end])) {
        end++;
      }
    }
    return { kind: ref.kind, prefix, start: token.contentStart, end, callee: ref.callee, closed: token.closed };
  }
  return undefined;
}
