/**
 * Papers a repo cites: the arXiv ids of its `arxiv:` tags (the Hub derives them from the card's arxiv.org links), each
 * shown with what the Hub's paper page says of it (`GET /api/papers/{id}`), and the repos that cite the same paper
 * (the list filter `arxiv:{id}`). Every string is the Hub's and untrusted: the page shows it as text. No `vscode` import.
 */
import { hubText } from '../hub/format';
import type { RepoType } from '../hub/repoId';
import type { ListQuery } from '../hub/types';

/** Papers a card shows at most: one request each. */
export const MAX_PAPERS = 10;
/** An abstract is a paragraph; a longer one is cut here. */
export const MAX_SUMMARY_CHARS = 4_000;
const MAX_TITLE_CHARS = 300;
/** Authors named before "and N more". */
const NAMED_AUTHORS = 3;

/** A new-style arXiv identifier (YYMM.NNNNN), the form the Hub's paper pages use. */
const ARXIV_ID = /^\d{4}\.\d{4,5}$/;

export function isArxivId(value: unknown): value is string {
  return typeof value === 'string' && ARXIV_ID.test(value);
}

/** What the card shows of one paper; `missing` when the Hub has no page for it (only its arXiv link is shown). */
export interface PaperView {
  id: string;
  title?: string;
  authors?: string;
  /** ISO 8601 date of publication. */
  date?: string;
  upvotes?: number;
  summary?: string;
  missing?: boolean;
  /** Its page on the Hub once read, else its page on arXiv. */
  url?: string;
  /** What the card says under the title: "arXiv:… · authors · date · ▲ upvotes", or where an unknown paper opens. */
  line?: string;
}

/** A paper known only by its id, as a card first shows it: its arXiv link. */
export function paperStub(id: string): PaperView {
  return { id, url: arxivUrl(id), line: 'on arXiv' };
}

/** The line a card shows under a paper's title. */
export function paperLine(p: PaperView): string {
  if (!p.title) {
    return p.missing ? 'no paper page on the Hub: opens on arXiv' : 'on arXiv';
  }
  return [`arXiv:${p.id}`, p.authors, p.date?.slice(0, 10), p.upvotes === undefined ? undefined : `▲ ${p.upvotes}`].filter(Boolean).join(' · ');
}

/** The arXiv ids of a repo's tags, in order, without repeats, at most MAX_PAPERS. */
export function arxivIdsOf(tags: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const tag of tags) {
    if (typeof tag === 'string' && tag.startsWith('arxiv:')) {
      const id = tag.slice('arxiv:'.length);
      if (isArxivId(id) && !ids.includes(id)) {
        ids.push(id);
      }
    }
  }
  return ids.slice(0, MAX_PAPERS);
}

/** "A, B, C and 4 more": the Hub's own names, hidden authors left out. */
export function authorsText(authors: unknown): string | undefined {
  if (!Array.isArray(authors)) {
    return undefined;
  }
  const names = authors
    .filter((a): a is { name: unknown; hidden?: unknown } => !!a && typeof a === 'object' && (a as { hidden?: unknown }).hidden !== true)
    .map((a) => hubText(a.name, 100))
    .filter((n): n is string => n !== undefined);
  if (names.length === 0) {
    return undefined;
  }
  if (names.length <= NAMED_AUTHORS + 1) {
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, NAMED_AUTHORS).join(', ')} and ${names.length - NAMED_AUTHORS} more`;
}

/** One paper from the Hub's answer; an answer in another shape keeps only the id (shown as its arXiv link). */
export function parsePaper(id: string, body: unknown): PaperView {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { id, missing: true };
  }
  const b = body as Record<string, unknown>;
  const title = hubText(b.title, MAX_TITLE_CHARS);
  if (!title) {
    return { id, missing: true };
  }
  const date = typeof b.publishedAt === 'string' && !Number.isNaN(Date.parse(b.publishedAt)) ? new Date(b.publishedAt).toISOString() : undefined;
  const upvotes = typeof b.upvotes === 'number' && Number.isSafeInteger(b.upvotes) && b.upvotes >= 0 ? b.upvotes : undefined;
  return { id, title, authors: authorsText(b.authors), date, upvotes, summary: hubText(b.summary, MAX_SUMMARY_CHARS) };
}

/** The paper's page on the Hub. */
export function paperPageUrl(endpoint: string, id: string): string {
  return `${endpoint}/papers/${id}`;
}

/** The paper on arXiv, for papers the Hub has no page for. */
export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** The repos of one type that cite a paper: the Hub tags each of them `arxiv:{id}`. */
export function citingQuery(id: string, limit?: number): ListQuery {
  return { tags: [`arxiv:${id}`], sort: 'downloads', ...(limit ? { limit } : {}) };
}

const PLURAL: Record<RepoType, string> = { model: 'Models', dataset: 'Datasets', space: 'Spaces' };

export function citingLabel(type: RepoType, id: string): string {
  return `${PLURAL[type]} citing arXiv:${id}`;
}

/**
 * The arXiv id in what a user typed or a command was given: `2305.18290`, `arXiv:2305.18290v2`, or the address of its
 * paper page on the Hub (any host: the path says it) or on arxiv.org (`/abs/…`, `/pdf/….pdf`).
 */
export function arxivIdFrom(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 300) {
    return undefined;
  }
  let s = input.trim();
  if (/^arxiv:/i.test(s)) {
    s = s.slice('arxiv:'.length);
  } else if (s.includes('/')) {
    let path: string;
    try {
      path = new URL(s).pathname;
    } catch {
      return undefined;
    }
    const parts = path.split('/').filter(Boolean);
    if (parts.length !== 2 || !['papers', 'abs', 'pdf'].includes(parts[0])) {
      return undefined;
    }
    s = parts[1].endsWith('.pdf') ? parts[1].slice(0, -'.pdf'.length) : parts[1];
  }
  s = s.replace(/v\d{1,3}$/, '');
  return isArxivId(s) ? s : undefined;
}

/** One paper of the Hub's daily list. */
export interface DailyPaper extends PaperView {
  title: string;
  comments?: number;
}

/** `GET /api/daily_papers`: each item's `paper`, described like a card's papers; items in another shape are skipped. */
export function parseDailyPapers(body: unknown): DailyPaper[] {
  if (!Array.isArray(body)) {
    return [];
  }
  const papers: DailyPaper[] = [];
  for (const item of body) {
    const paper = item && typeof item === 'object' ? (item as { paper?: unknown; numComments?: unknown }).paper : undefined;
    const id = paper && typeof paper === 'object' ? (paper as { id?: unknown }).id : undefined;
    if (!isArxivId(id)) {
      continue;
    }
    const view = parsePaper(id, paper);
    const comments = (item as { numComments?: unknown }).numComments;
    if (view.title) {
      papers.push({ ...view, title: view.title, ...(typeof comments === 'number' && Number.isSafeInteger(comments) ? { comments } : {}) });
    }
  }
  return papers;
}
