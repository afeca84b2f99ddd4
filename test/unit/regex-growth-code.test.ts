// Pathological inputs for every regular expression in src/ that reads Hub text or user code, outside the card
// pipeline (src/cards/, src/webviews/ and webview/ have their own file). Each function is timed on 256 KB to 2 MB of
// an adversarial pattern (test/unit/linear.ts): each doubling of the input must cost about 2×, never the 4× of a
// quadratic scan. The inventory, as `file: function: regex: what keeps it linear`:
//
// src/code/insights.ts
//   findingsFor: LOADER /(?:^|\.)(?:from_pretrained|pipeline|SentenceTransformer|CrossEncoder)$/ — literals after `.`
//   trustRemoteCodeEdit: /\s/ — one character per step of a backward loop
//   suggestionQueries: split(/[-_.]/) — a character class
//   firstParagraph: split(/\r?\n/), /^(```|~~~)/, /^(#|<|\||>|[-*_]{3,}$|!\[|\[!\[|[-*+]\s|\d+[.)]\s)/ — anchored, one
//     start per line; /\s+\S*$/ — runs on at most `max` (320) characters; also splitFrontMatter (src/cards/frontMatter.ts)
//   stripInline: no regular expression for the spans (they were /!\[[^\]]*\]\([^)]*\)/g, /\[([^\]]*)\]\([^)]*\)/g,
//     /\[([^\]]*)\]\[[^\]]*\]/g, /<[^>]*>/g: quadratic, a new search for `]` or `>` at every opener); now scans with
//     remembered search positions; /\s+/g — greedy run, no backtracking
//   plain: /[\\`*_{}[\]()#+\-.!|~<>&$:"']/g, /\s+/g — a character class, a run
// src/code/fixes.ts
//   snippetCommand: DIFFUSERS_CALL /Pipeline\.from_pretrained$|^StableDiffusion|DiffusionPipeline/ — literals
// src/code/pyRefs.ts and pyCalls.ts (over pyTokens.ts, which has none)
//   findRepoRefs / refAt: PEFT_MODEL /^PeftModel(For\w+)?$/ — anchored; ID_CHAR /[A-Za-z0-9_.\-/]/ — one character
// src/hub/format.ts
//   withoutBidiControls, hasBidiControls, neutraliseBidi: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g — a character class
//   withoutTrailingSlashes: a loop (replaces /\/+$/ in client.ts, endpoint.ts, auth.ts joinPath and snippets/plan.ts,
//     and /^\/+|\/+$/g in auth.ts joinPath: each retried at every slash of a run that something follows)
// src/hub/auth.ts
//   cleanToken: /[\r\n]/g — a character class; tokenInputProblem: /^hf_[A-Za-z0-9]{20,}$/ — anchored
// src/hub/redirects.ts
//   isLoopback: /^127(\.\d{1,3}){3}$/ — anchored, bounded
// src/hub/headers.ts
//   rateLimitDelayMs: /(?:^|;)\s*r=(\d+)/, /(?:^|;)\s*t=(\d+)/ — a start only at `;`, /^\d+$/ — anchored; contentLength:
//     /^\d+$/ — anchored, on a header value (which fetch caps at 16 KB)
// src/hub/errors.ts, src/hub/body.ts
//   errorFromResponse: /invalid credentials|invalid token|token/i, and oneLine /\s+/g — literals and a run over an error
//     body capped at 16 KB; refuseWebPage: /^\s*text\/html/i — anchored, on a header value; async, so not timed here
// src/hub/list.ts
//   nextLink: split(/,(?=\s*<)/), /^\s*<([^>]+)>\s*;(.*)$/, /(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i — anchored or
//     a start only at `,` / `;`
// src/hub/redact.ts
//   redact: /\b(?:hf_[A-Za-z0-9]{30,}|api_org_[A-Za-z0-9]{30,})\b/g, /(authorization\s*[:=]\s*)(?:bearer\s+)?\S+/gi —
//     a start only at a word boundary before a literal
// src/hub/repoId.ts
//   repoIdProblem: PART /^[A-Za-z0-9_.,-]{1,96}$/ — anchored, bounded; /^[-.]|[-.]$/ — on a part of at most 96
//   revisionProblem: /[\s\\~^:?*[\]]/ — a class; filePathProblem: /\\/ — one character
// src/snippets/plan.ts
//   planSnippets / isInstallOnly: INSTALL_LINE /^\s*!?(?:uv\s+)?pip3?\s+install\b/ — anchored, per line;
//   PROBLEM_LINE /⚠️|\b(?:invalid|unknown|not found|not specified)\b/i — literals; /\.$/; stripComment
//   /^(#|\/\/)+\s*/, /^⚠️\s*/ — anchored; oneLine /\s+/g — a run
// src/snippets/text.ts
//   placeAtCursor: /^[ \t]*/ — anchored; dedupeImports: IMPORT /^import\s+(.+)$/, FROM_IMPORT
//   /^from\s+(\S+)\s+import\s+(.+)$/, /[()\\;]/, /^\s/, /^(?:import|from)\s/, /[()]/g, split(/\r?\n/), /\s+/g —
//   anchored, per line (parseImports gathers a continued statement in parts: re-reading it whole was quadratic)
// src/views/icons.ts TASK_ICONS (literal alternations), src/views/pickers.ts /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/
// (anchored, bounded), src/views/repoTree.ts /^Search: / (anchored literal), src/views/snippets.ts /\n$/ (a start only
// at a line break): these modules import `vscode`, so they are not timed here; src/language/completions.ts keeps
// only /\s/ over a completion prefix of at most 200 characters (its CodeLens regex moved to src/code/fixes.ts).
import { describe, it } from 'node:test';
import { snippetCommand } from '../../src/code/fixes';
import { findingsFor, firstParagraph, plain, stripInline, suggestionQueries, trustRemoteCodeEdit } from '../../src/code/insights';
import { findRepoRefs, refAt, type RepoIdRef } from '../../src/code/pyRefs';
import { cleanToken, tokenFilePath, tokenInputProblem } from '../../src/hub/auth';
import { normalizeEndpoint } from '../../src/hub/endpoint';
import { notificationText, withoutBidiControls, withoutTrailingSlashes } from '../../src/hub/format';
import { rateLimitDelayMs } from '../../src/hub/headers';
import { nextLink } from '../../src/hub/list';
import { isLoopback } from '../../src/hub/redirects';
import { redact } from '../../src/hub/redact';
import { filePathProblem, repoIdProblem, revisionProblem } from '../../src/hub/repoId';
import { isInstallOnly, planSnippets, variantTitle } from '../../src/snippets/plan';
import { dedupeImports, placeAtCursor } from '../../src/snippets/text';
import { assertLinear, repeatTo } from './linear';

/** Patterns for Markdown readers: unclosed openers, nested brackets, runs of marks, spaces and line starts. */
const MARKDOWN_PATTERNS = ['![', '[', '<', '[a](', '![a](', '[a][', '[[]]', '`', '**', '<!--', '> '];

/** Patterns for Python readers: quotes, triple quotes, escapes, brackets, f-string fields, calls, dots, comments. */
const PYTHON_PATTERNS = ['"', '"""', '\\', '([{', 'f"{', '#', 'a.', 'from_pretrained("', 'pipeline(model=', '\\\n'];

/** `prefix` then `pattern` up to `bytes`: a paragraph that reads as prose, so it is not skipped as an image or a list. */
const after = (prefix: string, pattern: string) => (bytes: number) => prefix + repeatTo(pattern, bytes - prefix.length);

describe('regular expressions over Hub text and code grow linearly (256 KB → 2 MB, each doubling ≤ 3×)', () => {
  it('README paragraphs for the hover: firstParagraph and stripInline', () => {
    for (const pattern of MARKDOWN_PATTERNS) {
      assertLinear(`firstParagraph, one line of ${JSON.stringify(pattern)}`, (text) => firstParagraph(text), after('Intro ', pattern));
      assertLinear(`firstParagraph, lines of ${JSON.stringify(pattern)}`, (text) => firstParagraph(text), after('Intro\n', `${pattern}\n`));
      assertLinear(`stripInline ${JSON.stringify(pattern)}`, stripInline, pattern);
    }
    assertLinear('firstParagraph, front matter never closed', (text) => firstParagraph(text), after('---\n', 'a: b\n'));
    assertLinear('firstParagraph, a fence never closed', (text) => firstParagraph(text), after('```\n', 'x ![\n'));
  });

  it('Hub text made literal or plain: plain, withoutBidiControls, notificationText', () => {
    for (const pattern of ['[a](', '\\`*_', '> ', '\u202E', 'a\u200F', '$(']) {
      assertLinear(`plain ${JSON.stringify(pattern)}`, plain, pattern);
      assertLinear(`withoutBidiControls ${JSON.stringify(pattern)}`, withoutBidiControls, pattern);
    }
    for (const pattern of ['\u202E', 'a\u200F', 'a link ](x) ']) {
      assertLinear(`notificationText ${JSON.stringify(pattern)}`, notificationText, pattern);
    }
  });

  it('user code: findRepoRefs, refAt, findingsFor, trustRemoteCodeEdit, snippetCommand', () => {
    for (const pattern of PYTHON_PATTERNS) {
      assertLinear(`findRepoRefs ${JSON.stringify(pattern)}`, findRepoRefs, pattern);
      assertLinear(`refAt ${JSON.stringify(pattern)}`, (source) => refAt(source, source.length), after('m = AutoModel.from_pretrained("', pattern));
    }
    assertLinear('findRepoRefs, arguments of one call', findRepoRefs, after('m = PeftModel.from_pretrained(base, "org/m", ', 'x=1, '));
    const facts = { type: 'model' as const, id: 'org/m', likes: 0, gated: false as const, private: false, customCode: true };
    for (const pattern of ['a.', '.from_pretrained', 'Pipeline.']) {
      const ref = (callee: string): RepoIdRef => ({ kind: 'model', id: 'org/m', start: 0, end: 0, callee, callStart: 0, callEnd: 0, callClosed: true, keywords: [], trustRemoteCode: undefined });
      assertLinear(`findingsFor, callee ${JSON.stringify(pattern)}`, (callee) => findingsFor(ref(callee), { state: 'found', facts, access: undefined }, { signedIn: true }), pattern);
      assertLinear(`snippetCommand, callee ${JSON.stringify(pattern)}`, (callee) => snippetCommand(undefined, callee), pattern);
    }
    for (const pattern of [' ', ' # x', ',']) {
      assertLinear(`trustRemoteCodeEdit before ")", ${JSON.stringify(pattern)}`, (source) => trustRemoteCodeEdit(source, { end: 5, callEnd: source.length }), (bytes) => `f("a"${repeatTo(pattern, bytes - 6)})`);
    }
    assertLinear('suggestionQueries', suggestionQueries, 'a-b_c.');
  });

  it('snippets: imports already in the file, placement, install lines and variant titles', () => {
    const code = 'from transformers import AutoTokenizer, AutoModel\nimport torch\n';
    for (const pattern of ['from a import ', 'import a, ', '\\\n', '(', 'import a\n', 'from a import (\n', 'from a import b, \\\n']) {
      assertLinear(`dedupeImports, file of ${JSON.stringify(pattern)}`, (existing) => dedupeImports(existing, code), pattern);
    }
    assertLinear('dedupeImports, a parenthesised import never closed', (existing) => dedupeImports(existing, code), after('from a import (\n', 'b,\n'));
    assertLinear('dedupeImports, a backslash continuation on every line', (existing) => dedupeImports(existing, code), after('from a import b, \\\n', 'c, \\\n'));
    assertLinear('dedupeImports, a snippet of long import lines', (snippet) => dedupeImports('import torch\n', snippet), after('from x import ', 'a, '));
    for (const pattern of [' ', 'x']) {
      assertLinear(`placeAtCursor, line of ${JSON.stringify(pattern)}`, (line) => placeAtCursor('a\nb\n', line), pattern);
    }
    for (const pattern of ['pip ', 'pip install ', '#', '⚠️ ', '\n']) {
      assertLinear(`isInstallOnly ${JSON.stringify(pattern)}`, isInstallOnly, pattern);
      assertLinear(`variantTitle ${JSON.stringify(pattern)}`, (text) => variantTitle(text, 0), pattern);
    }
    const body = { id: 'org/m', tags: [], library_name: 'x', transformersInfo: { auto_model: 'AutoModel' } };
    const lookup = (text: string) => () => ({ prettyLabel: 'X', snippets: () => [text] });
    for (const pattern of [' ', '#', 'pip install ', 'not found ']) {
      assertLinear(`planSnippets, library output of ${JSON.stringify(pattern)}`, (text) => planSnippets(body, 'transformers', 'https://hub.test', lookup(text)), pattern);
    }
    assertLinear('planSnippets, endpoint with a run of slashes', (web) => planSnippets(body, 'transformers', web, lookup('x = 1')), after('https://hub.test', '/'));
  });

  it('Hub client inputs: ids, revisions, paths, endpoints, tokens, headers, logs', () => {
    for (const pattern of ['a', '/', '-.', '\\', '\u202E']) {
      assertLinear(`repoIdProblem ${JSON.stringify(pattern)}`, repoIdProblem, pattern);
      assertLinear(`revisionProblem ${JSON.stringify(pattern)}`, revisionProblem, pattern);
      assertLinear(`filePathProblem ${JSON.stringify(pattern)}`, filePathProblem, pattern);
    }
    for (const pattern of ['/', '/a', ' /']) {
      assertLinear(`withoutTrailingSlashes ${JSON.stringify(pattern)}`, (text) => withoutTrailingSlashes(text, true), pattern);
      assertLinear(`normalizeEndpoint ${JSON.stringify(pattern)}`, normalizeEndpoint, after('https://hub.test', pattern));
      assertLinear(`tokenFilePath ${JSON.stringify(pattern)}`, (home) => tokenFilePath({ HF_HOME: home }, '/home/u'), pattern);
      assertLinear(`tokenFilePath, XDG ${JSON.stringify(pattern)}`, (cache) => tokenFilePath({ XDG_CACHE_HOME: cache }, '/home/u'), pattern);
    }
    for (const pattern of ['\r\n', 'a']) {
      assertLinear(`cleanToken ${JSON.stringify(pattern)}`, cleanToken, pattern);
      assertLinear(`tokenInputProblem ${JSON.stringify(pattern)}`, tokenInputProblem, after('hf_', pattern));
    }
    for (const pattern of ['.1']) {
      assertLinear(`isLoopback ${JSON.stringify(pattern)}`, isLoopback, after('127', pattern));
    }
    for (const pattern of [' ', '; ', ';r=']) {
      assertLinear(`rateLimitDelayMs ${JSON.stringify(pattern)}`, (value) => rateLimitDelayMs(new Headers({ ratelimit: value, 'retry-after': value })), pattern);
    }
    for (const pattern of [', ', ', <', '<a', '<a>; rel=prev, ']) {
      assertLinear(`nextLink ${JSON.stringify(pattern)}`, nextLink, pattern);
    }
    for (const pattern of ['hf_', 'a', 'authorization: ', 'bearer ']) {
      assertLinear(`redact ${JSON.stringify(pattern)}`, redact, pattern);
      assertLinear(`redact, after a token prefix, ${JSON.stringify(pattern)}`, redact, after('hf_', pattern));
    }
  });
});
