import { capResponse, readBytesCapped, readJson, readTextCapped, refuseWebPage } from './body';
import { bodyError, HubError } from './errors';
import { fileSize, withoutTrailingSlashes } from './format';
import { createDownloadFetch } from './downloadFetch';
import { createHubFetch, type HttpOptions, type HubFetch } from './http';
import { offlineFromEnv } from './offline';
import { readTextPrefix } from './stream';
import { listUrl, nextLink, parseListBody } from './list';
import { apiCollection, encodePath, filePathProblem, repoIdProblem, revisionProblem, webPrefix, type RepoType } from './repoId';
import type { AccessState, Account, FileEntry, ListQuery, Page, Readme, RepoDetails, RepoSummary } from './types';

import type * as HubJs from './hubjs.lazy';
import type { GgufHeader } from './ggufRead';

type Lib = typeof HubJs;

export interface ClientOptions extends HttpOptions {
  /** Loads the `@huggingface/hub` wrapper; injectable so tests can count or replace it. */
  loadLib?: () => Promise<Lib>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

const MAX_LIST_BYTES = 5 * 1024 * 1024;
const MAX_README_BYTES = 2 * 1024 * 1024;
const MAX_FILE_ENTRIES = 10_000;
const MAX_FILE_BYTES = 10_000_000;
/** A thread of 2,000 events with long comments; larger answers are refused. */
const MAX_DISCUSSION_BYTES = 16 * 1024 * 1024;

/**
 * The Hub client used by every view. Lists are paged here (the library's generators hide the cursor a tree needs for
 * "Load more"); details, file trees and the account go through `@huggingface/hub`, loaded lazily.
 */
export class HubClient {
  readonly endpoint: string;
  private readonly fetch: HubFetch;
  /** For file bodies of any size: the same token scoping and redirects, an idle timeout instead of the 10 s deadline. */
  readonly downloadFetch: HubFetch;
  private readonly host: string;
  private readonly loadLib: () => Promise<Lib>;
  private lib?: Promise<Lib>;

  constructor(private readonly options: ClientOptions) {
    this.endpoint = withoutTrailingSlashes(options.endpoint);
    this.host = new URL(this.endpoint).host;
    this.fetch = createHubFetch({ ...options, endpoint: this.endpoint });
    this.downloadFetch = createDownloadFetch({ ...options, endpoint: this.endpoint });
    this.loadLib = options.loadLib ?? (() => import('./hubjs.lazy'));
  }

  /** Offline mode (`HF_HUB_OFFLINE`): every request fails at once, unsent; callers may serve what they cached. */
  get offline(): boolean {
    return (this.options.offline ?? offlineFromEnv)();
  }

  /** First page of a list. */
  listRepos(type: RepoType, query: ListQuery = {}, opts: RequestOptions = {}): Promise<Page<RepoSummary>> {
    return this.listPage(type, listUrl(this.endpoint, type, query), opts);
  }

  /** A later page, from the `next` URL of the page before it. Only URLs on the configured endpoint are followed. */
  listPage(type: RepoType, url: string, opts: RequestOptions = {}): Promise<Page<RepoSummary>> {
    const target = new URL(url);
    if (target.origin !== new URL(this.endpoint).origin || !target.pathname.endsWith(`/api/${apiCollection(type)}`)) {
      return Promise.reject(new HubError('badResponse', `${this.host} sent a next-page link to another place; it was not followed.`));
    }
    return this.getPage(type, url, opts);
  }

  async repoDetails(type: RepoType, id: string, revision = 'HEAD', opts: RequestOptions = {}): Promise<RepoDetails> {
    checkId(id);
    checkRevision(revision);
    const lib = await this.library();
    return this.withSignal(opts, (ctxFetch) => lib.repoDetails({ hubUrl: this.endpoint, fetch: ctxFetch }, type, id, revision));
  }

  /**
   * A model's full default detail body (`GET /api/models/{id}`, no `expand`), as the Hub's own snippet code expects it:
   * `transformersInfo`, `config`, `cardData`, `widgetData`, `mask_token`, `inference`, tags. Only checked to be an object
   * with the model's id; callers read the fields they need defensively.
   */
  async modelData(id: string, opts: RequestOptions = {}): Promise<Record<string, unknown> & { id: string }> {
    checkId(id);
    const response = await this.fetch(`${this.endpoint}/api/models/${id}`, { signal: opts.signal, headers: { accept: 'application/json' } });
    const body = await readJson(response, MAX_LIST_BYTES, this.host);
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { id?: unknown }).id !== 'string') {
      throw new HubError('badResponse', `${this.host} sent model details in an unexpected shape.`);
    }
    return body as Record<string, unknown> & { id: string };
  }

  /**
   * Chosen fields of a repo's details in one small request (`GET /api/{type}s/{id}?expand[]=…`). A renamed repo's old id
   * redirects, so the body's `id` is the repo's current id. Only checked to be an object with an id.
   */
  async repoFields(type: RepoType, id: string, fields: readonly string[], opts: RequestOptions = {}): Promise<Record<string, unknown> & { id: string }> {
    checkId(id);
    const params = new URLSearchParams(fields.map((field): [string, string] => ['expand[]', field]));
    const response = await this.fetch(`${this.endpoint}/api/${apiCollection(type)}/${id}?${params.toString()}`, {
      signal: opts.signal,
      headers: { accept: 'application/json' },
    });
    const body = await readJson(response, MAX_LIST_BYTES, this.host);
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { id?: unknown }).id !== 'string') {
      throw new HubError('badResponse', `${this.host} sent repo details in an unexpected shape.`);
    }
    return body as Record<string, unknown> & { id: string };
  }

  /**
   * A JSON answer of the Hub API at `/api/{path}` (papers, collections, likes), capped like a list. `path` is built by
   * the caller from validated parts; a POST or DELETE sends no body.
   */
  async apiJson(path: string, opts: RequestOptions & { method?: 'POST' | 'DELETE' } = {}): Promise<unknown> {
    return (await this.apiPage(`${this.endpoint}/api/${path}`, opts)).body;
  }

  /** One page of an API list at `url` (built by apiJson, or the `next` link of the page before, on this endpoint only). */
  async apiPage(url: string, opts: RequestOptions & { method?: 'POST' | 'DELETE' } = {}): Promise<{ body: unknown; next?: string }> {
    if (new URL(url).origin !== new URL(this.endpoint).origin) {
      throw new HubError('badResponse', `${this.host} sent a next-page link to another place; it was not followed.`);
    }
    const response = await this.fetch(url, { method: opts.method, signal: opts.signal, headers: { accept: 'application/json' } });
    return { body: await readJson(response, MAX_LIST_BYTES, this.host), next: nextLink(response.headers.get('link')) };
  }

  /**
   * A repo's Discussions and pull requests: one page of the list (`…/discussions?p=N`, 50 a page) or one thread with
   * its events (`…/discussions/{num}`), as JSON that src/discussions/model.ts checks. The diff is never fetched.
   */
  async discussions(type: RepoType, id: string, at: { page: number } | { num: number }, opts: RequestOptions = {}): Promise<unknown> {
    checkId(id);
    const n = 'page' in at ? at.page : at.num;
    if (!Number.isSafeInteger(n) || n < ('page' in at ? 0 : 1)) {
      throw new HubError('badRequest', `${n} is not a valid ${'page' in at ? 'page' : 'discussion number'}.`);
    }
    const url = `${this.endpoint}/api/${apiCollection(type)}/${id}/discussions${'page' in at ? `?p=${n}` : `/${n}`}`;
    const response = await this.fetch(url, { signal: opts.signal, headers: { accept: 'application/json' } });
    return readJson(response, MAX_DISCUSSION_BYTES, this.host);
  }

  /**
   * The README text at a revision. With `etag`, an unchanged README costs a 304 and returns `notModified`. With
   * `truncateAt`, a longer README is not refused: its first `truncateAt` bytes come back with `truncated` set.
   */
  async readme(
    type: RepoType,
    id: string,
    revision = 'main',
    opts: RequestOptions & { etag?: string; truncateAt?: number } = {},
  ): Promise<Readme | undefined> {
    checkId(id);
    checkRevision(revision);
    const url = `${this.endpoint}/${webPrefix(type)}${id}/resolve/${encodeURIComponent(revision)}/README.md`;
    let response: Response;
    try {
      response = await this.fetch(url, { signal: opts.signal, headers: opts.etag ? { 'if-none-match': opts.etag } : {} });
    } catch (e) {
      if (e instanceof HubError && e.kind === 'notFound' && e.code === 'EntryNotFound') {
        return undefined;
      }
      throw e;
    }
    const etag = response.headers.get('etag') ?? undefined;
    const commit = response.headers.get('x-repo-commit') ?? undefined;
    if (response.status === 304) {
      return { text: '', etag: etag ?? opts.etag, commit, notModified: true };
    }
    try {
      if (opts.truncateAt !== undefined) {
        const { text, truncated } = await readTextPrefix(response, Math.min(opts.truncateAt, MAX_README_BYTES));
        return { text, etag, commit, notModified: false, truncated };
      }
      return { text: await readTextCapped(response, MAX_README_BYTES), etag, commit, notModified: false };
    } catch (e) {
      // The body is read after the response arrived: its deadline or a cut connection surface here.
      throw bodyError(e, this.host);
    }
  }

  /** Files and folders at `path` (the repo root by default), with sizes. */
  async files(
    type: RepoType,
    id: string,
    options: RequestOptions & { revision?: string; path?: string; recursive?: boolean } = {},
  ): Promise<{ entries: FileEntry[]; truncated: boolean }> {
    checkId(id);
    const revision = options.revision ?? 'main';
    checkRevision(revision);
    if (options.path) {
      const problem = filePathProblem(options.path);
      if (problem) {
        throw new HubError('badRequest', problem);
      }
    }
    const lib = await this.library();
    return this.withSignal(options, (ctxFetch) =>
      lib.listRepoFiles({ hubUrl: this.endpoint, fetch: ctxFetch }, type, id, {
        revision,
        path: options.path ? encodePath(options.path) : undefined,
        recursive: options.recursive,
        maxEntries: MAX_FILE_ENTRIES,
      }),
    );
  }

  /**
   * A file's bytes at a revision, through `/resolve/` (LFS and Xet files come from wherever the Hub redirects, without
   * the token). Nothing past `maxBytes` (default 10 MB) is read: a larger declared size fails before the body is read.
   */
  async fileBytes(
    type: RepoType,
    id: string,
    path: string,
    revision = 'main',
    opts: RequestOptions & { maxBytes?: number } = {},
  ): Promise<Uint8Array> {
    checkId(id);
    checkRevision(revision);
    const problem = filePathProblem(path);
    if (problem) {
      throw new HubError('badRequest', problem);
    }
    const url = `${this.endpoint}/${webPrefix(type)}${id}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`;
    const response = await this.fetch(url, { signal: opts.signal });
    const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
    return readBytesCapped(response, maxBytes, this.host, () => new HubError('badRequest', `${path} is larger than ${fileSize(maxBytes)}; it was not downloaded.`));
  }

  /**
   * The facts in a GGUF file's header (architecture, parameters, context length, quant type), read with range requests
   * by `@huggingface/gguf` in the tasks chunk: a few MB of a file of many GB.
   */
  async ggufHeader(id: string, path: string, revision = 'main', opts: RequestOptions = {}): Promise<GgufHeader> {
    checkId(id);
    checkRevision(revision);
    const problem = filePathProblem(path);
    if (problem || !path.toLowerCase().endsWith('.gguf')) {
      throw new HubError('badRequest', problem ?? `${path} is not a GGUF file.`);
    }
    const url = `${this.endpoint}/${id}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`;
    const { readGgufHeader } = await import('./tasks.lazy');
    return readGgufHeader(url, (_input, init) => this.fetch(url, { ...init, signal: opts.signal }));
  }

  /** The signed-in account; fails with `unauthorized` when there is no token or it is refused. */
  async whoami(opts: RequestOptions = {}): Promise<Account> {
    if (!(await this.options.token?.())) {
      throw new HubError('unauthorized', 'Not signed in.');
    }
    const lib = await this.library();
    return this.withSignal(opts, (ctxFetch) => lib.account({ hubUrl: this.endpoint, fetch: ctxFetch }));
  }

  /** Whether the current credentials may read the repo's files (gated repos answer 401/403 `GatedRepo`). */
  async accessState(type: RepoType, id: string, opts: RequestOptions = {}): Promise<AccessState> {
    checkId(id);
    try {
      const response = await this.fetch(`${this.endpoint}/api/${apiCollection(type)}/${id}/auth-check`, { signal: opts.signal });
      await response.body?.cancel().catch(() => undefined);
      return 'granted';
    } catch (e) {
      if (e instanceof HubError && e.kind === 'gated') {
        return 'gated';
      }
      if (e instanceof HubError && e.kind === 'notFound') {
        return 'notFound';
      }
      throw e;
    }
  }

  private async getPage(type: RepoType, url: string, opts: RequestOptions): Promise<Page<RepoSummary>> {
    const response = await this.fetch(url, { signal: opts.signal, headers: { accept: 'application/json' } });
    const body = await readJson(response, MAX_LIST_BYTES, this.host);
    return { items: parseListBody(type, body, this.host), next: nextLink(response.headers.get('link')) };
  }

  private library(): Promise<Lib> {
    this.lib ??= this.loadLib().catch((e: unknown) => {
      this.lib = undefined;
      throw e;
    });
    return this.lib;
  }

  /** Runs a library call with our fetch bound to the caller's signal; library errors that slip through become HubErrors. */
  private async withSignal<T>(opts: RequestOptions, call: (ctxFetch: typeof fetch) => Promise<T>): Promise<T> {
    // The library reads whole bodies with `response.json()`: answers are checked to be data and capped first.
    const boundFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await this.fetch(String(input instanceof Request ? input.url : input), {
        ...init,
        signal: opts.signal ?? init?.signal ?? undefined,
      });
      await refuseWebPage(response, this.host);
      return capResponse(response, MAX_LIST_BYTES);
    }) as typeof fetch;
    try {
      return await call(boundFetch);
    } catch (e) {
      if (e instanceof SyntaxError) {
        throw new HubError('badResponse', `${this.host} sent an answer that is not valid JSON.`, { cause: e });
      }
      throw bodyError(e, this.host);
    }
  }
}

function checkId(id: string): void {
  const problem = repoIdProblem(id);
  if (problem) {
    throw new HubError('badRequest', problem);
  }
}

function checkRevision(revision: string): void {
  const problem = revisionProblem(revision);
  if (problem) {
    throw new HubError('badRequest', problem);
  }
}
