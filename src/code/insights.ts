/**
 * What the editor says about a repo id in code, decided without `vscode`: the diagnostics for a resolved id, the edit
 * that adds `trust_remote_code=True` to a call, the closest ids to a missing one, and the first paragraph of a README for
 * a hover. Severity is conservative: only a repo that does not exist is a warning.
 */
import { splitFrontMatter } from '../cards/frontMatter';
import { withoutBidiControls } from '../hub/format';
import type { RepoType } from '../hub/repoId';
import type { RepoIdRef } from './pyRefs';
import type { Resolution } from './resolver';

export type FindingCode = 'repo-not-found' | 'repo-renamed' | 'repo-gated' | 'custom-code' | 'new-version' | 'offline-not-cached';

export interface Finding {
  /** Offsets of the string contents in the source. */
  start: number;
  end: number;
  severity: 'warning' | 'information' | 'hint';
  code: FindingCode;
  message: string;
}

export const NOUN: Record<RepoType, string> = { model: 'Model', dataset: 'Dataset', space: 'Space' };

/** Calls that load a model's code and accept `trust_remote_code` (transformers, sentence-transformers). */
const LOADER = /(?:^|\.)(?:from_pretrained|pipeline|SentenceTransformer|CrossEncoder)$/;

export interface FindingContext {
  /** A token is in use (a missing repo may be a private one otherwise; gated repos need one). */
  signedIn: boolean;
}

/** The findings for one reference; their messages are shown as plain text, so they carry no bidi controls. */
export function findingsFor(ref: RepoIdRef, resolution: Resolution, ctx: FindingContext): Finding[] {
  return rawFindings(ref, resolution, ctx).map((f) => ({ ...f, message: withoutBidiControls(f.message) }));
}

/** With HF_HUB_OFFLINE set, a repo id that is not in the local cache: the line fails when it runs. */
export function offlineFinding(ref: RepoIdRef): Finding {
  return {
    start: ref.start,
    end: ref.end,
    severity: 'warning',
    code: 'offline-not-cached',
    message: withoutBidiControls(`${NOUN[ref.kind]} "${ref.id}" is not in your Hugging Face cache: with HF_HUB_OFFLINE set, this line will fail. Download it first.`),
  };
}

function rawFindings(ref: RepoIdRef, resolution: Resolution, ctx: FindingContext): Finding[] {
  const at = { start: ref.start, end: ref.end };
  const noun = NOUN[ref.kind];
  switch (resolution.state) {
    case 'unknown':
      return [];
    case 'notFound':
      return [
        {
          ...at,
          severity: 'warning',
          code: 'repo-not-found',
          message: ctx.signedIn
            ? `${noun} "${ref.id}" was not found on the Hub.`
            : `${noun} "${ref.id}" was not found on the Hub, or it is private: sign in to see private repos.`,
        },
      ];
    case 'found':
    case 'renamed': {
      const findings: Finding[] = [];
      const { facts } = resolution;
      if (resolution.state === 'renamed') {
        findings.push({
          ...at,
          severity: 'information',
          code: 'repo-renamed',
          message: `"${ref.id}" was renamed to "${resolution.to}" on the Hub; the old id only works through a redirect.`,
        });
      }
      if (facts.gated && (resolution.access === 'denied' || (!ctx.signedIn && resolution.access !== 'granted'))) {
        findings.push({
          ...at,
          severity: 'information',
          code: 'repo-gated',
          message: ctx.signedIn
            ? `${facts.id} is gated and your account has not been granted access yet: request access on its Hub page.`
            : `${facts.id} is gated: its files need a signed-in account that has been granted access.`,
        });
      }
      if (ref.kind === 'model' && facts.customCode && LOADER.test(ref.callee) && ref.trustRemoteCode !== true && (ref.trustRemoteCode === false || !ref.keywords.includes('trust_remote_code'))) {
        findings.push({
          ...at,
          severity: 'information',
          code: 'custom-code',
          message: `${facts.id} ships its own Python code: loading it needs trust_remote_code=True, which runs that code on this machine. Review the repo's files before you decide.`,
        });
      }
      if (facts.newVersion) {
        findings.push({ ...at, severity: 'hint', code: 'new-version', message: `The card of ${facts.id} points to a newer version: ${facts.newVersion}.` });
      }
      return findings;
    }
  }
}

/**
 * Where to add `trust_remote_code=True` to the call of `ref`: after its last argument (after a trailing comma if there
 * is one), or, when a comment ends the argument list, right after the repo id's string. Undefined when the call's
 * parentheses cannot be found.
 */
export function trustRemoteCodeEdit(source: string, ref: Pick<RepoIdRef, 'end' | 'callEnd'>): { offset: number; text: string } | undefined {
  const close = source[ref.callEnd - 1] === ')' ? ref.callEnd - 1 : source[ref.callEnd] === ')' ? ref.callEnd : -1;
  if (close < 0) {
    return undefined;
  }
  let last = close - 1;
  while (last >= 0 && /\s/.test(source[last])) {
    last--;
  }
  const lineStart = source.lastIndexOf('\n', last) + 1;
  if (hasComment(source.slice(lineStart, last + 1))) {
    const quote = source[ref.end];
    const quoteLength = quote && source.startsWith(quote.repeat(3), ref.end) ? 3 : 1;
    return { offset: ref.end + quoteLength, text: ', trust_remote_code=True' };
  }
  if (source[last] === ',') {
    return { offset: last + 1, text: ' trust_remote_code=True,' };
  }
  if (source[last] === '(') {
    return { offset: last + 1, text: 'trust_remote_code=True' };
  }
  return { offset: last + 1, text: ', trust_remote_code=True' };
}

/** Whether a line of Python has a `#` comment outside its string literals (single-line strings only). */
function hasComment(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return true;
    }
  }
  return false;
}

/** Search texts likely to find a mistyped id: its name, then the name's first word ("bert-base-uncasd" → "bert"). */
export function suggestionQueries(id: string): string[] {
  const name = id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
  const first = name.split(/[-_.]/).find((part) => part.length >= 2);
  return [...new Set([name, first].filter((q): q is string => Boolean(q)))];
}

/** The candidates closest to `id` (edit distance over the whole id and over the name), at most `count`, close ones only. */
export function closestIds(id: string, candidates: readonly string[], count = 3): string[] {
  const target = id.toLowerCase();
  const targetName = target.slice(target.indexOf('/') + 1);
  const scored = [...new Set(candidates)]
    .filter((c) => c !== id)
    .map((c) => {
      const lower = c.toLowerCase();
      const name = lower.slice(lower.indexOf('/') + 1);
      return { id: c, distance: Math.min(editDistance(target, lower), editDistance(targetName, name) + 1) };
    })
    .filter((s) => s.distance <= Math.max(2, Math.floor(target.length * 0.25)))
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
  return scored.slice(0, count).map((s) => s.id);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The first paragraph of prose in a README, as plain text (for a hover): front matter, headings, HTML, images, badges,
 * tables, lists, quotes and code are skipped; links keep their text; emphasis marks go. At most `max` characters.
 */
export function firstParagraph(readme: string, max = 320): string | undefined {
  const lines = splitFrontMatter(readme).body.split(/\r?\n/);
  const paragraph: string[] = [];
  let fenced = false;
  let inComment = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (inComment) {
      inComment = !line.includes('-->');
      continue;
    }
    if (/^(```|~~~)/.test(line)) {
      fenced = !fenced;
      if (paragraph.length) {
        break;
      }
      continue;
    }
    if (fenced) {
      continue;
    }
    if (line.startsWith('<!--')) {
      inComment = !line.includes('-->');
      if (paragraph.length) {
        break;
      }
      continue;
    }
    const prose = line === '' || /^(#|<|\||>|[-*_]{3,}$|!\[|\[!\[|[-*+]\s|\d+[.)]\s)/.test(line) ? '' : line;
    if (!prose || stripInline(prose) === '') {
      if (paragraph.length) {
        break;
      }
      continue;
    }
    paragraph.push(prose);
  }
  const text = stripInline(paragraph.join(' '));
  if (!text) {
    return undefined;
  }
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text;
}

/**
 * Inline Markdown as plain text: images go, links and reference links keep their text, HTML tags and emphasis marks
 * go, runs of white space become one space. Each step is one left-to-right scan with remembered search positions: the
 * regular expressions this replaces (`/!\[[^\]]*\]\([^)]*\)/g` and the like) start a new search for `]` at every
 * `[`, which is quadratic, and a 64 KB paragraph of `![` held the extension host for seconds per hover.
 */
export function stripInline(text: string): string {
  const images = replaceSpans(text, '![', '(', ')', false);
  const links = replaceSpans(replaceSpans(images, '[', '(', ')', true), '[', '[', ']', true);
  return collapseWhitespace(withoutEmphasis(withoutTags(links))).trim();
}

/**
 * Runs of white space (what `\s` matches) as one space. Only runs that are not already a single space are cut, so
 * ordinary prose comes back as it is, without building a copy piece by piece.
 */
function collapseWhitespace(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isWhitespace(text.charCodeAt(i))) {
      continue;
    }
    let end = i + 1;
    while (end < text.length && isWhitespace(text.charCodeAt(end))) {
      end++;
    }
    if (end - i > 1 || text[i] !== ' ') {
      out += `${text.slice(copied, i)} `;
      copied = end;
    }
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The code units `\s` matches: ASCII white space and line breaks, and Unicode's space separators. */
function isWhitespace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Where the next `char` is at or after `from`, for calls whose `from` never decreases: a search is only repeated
 * past the last place found, so a whole scan costs one pass over the text.
 */
function nextFinder(text: string, char: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found !== -1 && found < from) {
      found = text.indexOf(char, from);
    }
    return found;
  };
}

/**
 * Replaces each `opener…]` followed at once by `sep…closer` (`[text](url)`, `![alt](url)`, `[text][ref]`) with the
 * text between `opener` and `]` (`keep`) or with nothing. The same spans as `opener[^\]]*\]sep[^closer]*closer`.
 */
function replaceSpans(text: string, opener: string, sep: string, closer: string, keep: boolean): string {
  const nextBracket = nextFinder(text, ']');
  const nextCloser = nextFinder(text, closer);
  let out = '';
  let copied = 0;
  for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at)) {
    const inner = at + opener.length;
    const bracket = nextBracket(inner);
    if (bracket < 0) {
      break;
    }
    const end = text[bracket + 1] === sep ? nextCloser(bracket + 2) : -1;
    if (end < 0) {
      at++;
      continue;
    }
    out += text.slice(copied, at) + (keep ? text.slice(inner, bracket) : '');
    copied = at = end + 1;
  }
  return out + text.slice(copied);
}

/** Drops every `<…>` (the same spans as `/<[^>]*>/g`); a `<` with no `>` after it stays. */
function withoutTags(text: string): string {
  const nextClose = nextFinder(text, '>');
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at)) {
    const end = nextClose(at + 1);
    if (end < 0) {
      break;
    }
    out += text.slice(copied, at);
    copied = at = end + 1;
  }
  return out + text.slice(copied);
}

/** Drops `**`, `__`, `*` and backticks (as `/(\*\*|__|\*|`)/g`); a single `_` stays, it is part of names. */
function withoutEmphasis(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const width = c === '*' || c === '`' ? (c === '*' && text[i + 1] === '*' ? 2 : 1) : c === '_' && text[i + 1] === '_' ? 2 : 0;
    if (width > 0) {
      out += text.slice(copied, i);
      i += width - 1;
      copied = i + 1;
    }
  }
  return out + text.slice(copied);
}

/**
 * Hub text as literal Markdown text: every character Markdown (or a theme icon, an entity or an autolink) could read as
 * syntax is backslash-escaped, and bidi controls are dropped. Unlike `MarkdownString.appendText`, spaces stay spaces,
 * so a paragraph wraps.
 */
export function plain(text: string): string {
  return collapseWhitespace(withoutBidiControls(text).replace(/[\\`*_{}[\]()#+\-.!|~<>&$:"']/g, '\\$&'));
}
