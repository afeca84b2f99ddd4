/**
 * The Hub's page of each paper a card cites (`GET /api/papers/{id}`), one request per paper, kept for the session by
 * endpoint and id (papers are public: no account in the key). A paper the Hub has no page for (404) is `missing`; any
 * other failure leaves it out of the cache, so the next card asks again. No `vscode` import.
 */
import { LruCache } from '../hub/cache';
import type { HubClient } from '../hub/client';
import { isHubError } from '../hub/errors';
import { isArxivId, MAX_SUMMARY_CHARS, paperLine, paperPageUrl, paperStub, parsePaper, type PaperView } from './papers';

const papers = new LruCache<PaperView>({ maxEntries: 500, maxBytes: 500 * (MAX_SUMMARY_CHARS + 512), sizeOf: (p) => 512 + (p.summary?.length ?? 0) });

export async function readPaper(client: Pick<HubClient, 'endpoint' | 'apiJson'>, id: string, signal?: AbortSignal): Promise<PaperView> {
  if (!isArxivId(id)) {
    return { id, missing: true };
  }
  const described = (p: PaperView): PaperView => ({ ...p, line: paperLine(p) });
  const key = `${client.endpoint}\n${id}`;
  const known = papers.get(key);
  if (known) {
    return known;
  }
  let paper: PaperView;
  try {
    const read = parsePaper(id, await client.apiJson(`papers/${id}`, { signal }));
    paper = described(read.missing ? { ...read, url: paperStub(id).url } : { ...read, url: paperPageUrl(client.endpoint, id) });
  } catch (e) {
    if (!isHubError(e) || e.kind !== 'notFound') {
      throw e;
    }
    paper = described({ id, missing: true, url: paperStub(id).url });
  }
  papers.set(key, paper);
  return paper;
}

/** Every paper of `ids` at once; one that fails to load for another reason than "no page" keeps only its id. */
export async function readPapers(client: Pick<HubClient, 'endpoint' | 'apiJson'>, ids: readonly string[], signal?: AbortSignal): Promise<{ papers: PaperView[]; failed: number }> {
  const settled = await Promise.allSettled(ids.map((id) => readPaper(client, id, signal)));
  let failed = 0;
  const list = settled.map((s, i): PaperView => {
    if (s.status === 'fulfilled') {
      return s.value;
    }
    failed++;
    return paperStub(ids[i]);
  });
  return { papers: list, failed };
}
