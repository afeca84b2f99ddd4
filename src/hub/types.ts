import type { SpaceRuntimeInfo } from '../connections/runtime';
import type { ProviderEntry } from '../inference/providers';
import type { GgufFacts } from './ggufFacts';
import type { RepoType } from './repoId';

/** Sort orders of the Hub's list pages; all descending. */
export type SortKey = 'trending' | 'downloads' | 'likes' | 'updated' | 'created';

export const SORT_KEYS: readonly SortKey[] = ['trending', 'downloads', 'likes', 'updated', 'created'];

/** What a list shows: the Hub list page's search box, filters and sort. */
export interface ListQuery {
  search?: string;
  author?: string;
  /** Tags that must all be present (`gguf`, `license:mit`, `language:en`, `dataset:squad`, …). */
  tags?: string[];
  /** Models only: `pipeline_tag`. */
  task?: string;
  /** Models only: library (`transformers`, `diffusers`, …). */
  library?: string;
  /** Models only: parameter count bounds (the Hub's `num_parameters=min:…,max:…`). */
  params?: ParamRange;
  /** Gated repos only (true) or none (false); models and datasets. */
  gated?: boolean;
  /** Models a local app of the Hub's "Use this model" runs (`llama.cpp`, `ollama`, …: the keys of `LOCAL_APPS`). */
  app?: string;
  /** Models an Inference Provider serves: a provider key, or `all` for any (the Hub's `inference_provider=`). */
  inferenceProvider?: string;
  sort?: SortKey;
  /** Page size; the Hub still sends a next link after a full page. */
  limit?: number;
}

export type GatedState = false | 'auto' | 'manual';

/** Bounds on a model's parameter count, in parameters; either may be open. */
export interface ParamRange {
  min?: number;
  max?: number;
}

/** One repo as a list shows it. */
export interface RepoSummary {
  type: RepoType;
  id: string;
  author?: string;
  private: boolean;
  gated: GatedState;
  downloads?: number;
  likes: number;
  tags: string[];
  lastModified?: Date;
  createdAt?: Date;
  /** Models: task (`pipeline_tag`). */
  task?: string;
  /** Models: library (`library_name`). */
  library?: string;
  /** Models: parameter count (safetensors or GGUF), when the Hub knows it. */
  params?: number;
  /** Spaces: `gradio`, `streamlit`, `docker`, `static`. */
  sdk?: string;
  /** Spaces: runtime stage (`RUNNING`, `BUILDING`, `SLEEPING`, …). */
  stage?: string;
}

/** A page of results and, when there is more, the URL of the next page (opaque, from the `Link` header). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** A repo's details at a revision: the list fields plus what a card header needs. */
export interface RepoDetails extends RepoSummary {
  sha?: string;
  license?: string;
  cardData?: Record<string, unknown>;
  files: string[];
  /** GGUF models: the Hub's summary of the header (architecture, parameters, context length). */
  gguf?: GgufFacts;
  /** Models: the Inference Providers that serve it (`inferenceProviderMapping`, checked). */
  providers?: ProviderEntry[];
  /** Spaces: the runtime (stage, hardware, sleep time, error, app address), checked. */
  runtime?: SpaceRuntimeInfo;
  /** Models: how many models name this one as their base (the Hub's `childrenModelCount`), when it says. */
  childrenModelCount?: number;
}

export interface FileEntry {
  path: string;
  type: 'file' | 'directory';
  size: number;
  /** Stored with LFS (large binary files such as weights). */
  lfs: boolean;
  /** git blob id (sha1), when the listing gave one: a regular file's blob name in the cache. */
  oid?: string;
  /** sha256 of an LFS file's content: its blob name in the cache and what its bytes must hash to. */
  lfsOid?: string;
}

export interface Account {
  name: string;
  fullname?: string;
  type: 'user' | 'org' | 'app';
  isPro: boolean;
  orgs: string[];
  tokenName?: string;
  tokenRole?: string;
}

export interface Readme {
  text: string;
  /** For a conditional request next time. */
  etag?: string;
  /** Commit the text was read at (`X-Repo-Commit`). */
  commit?: string;
  /** The Hub answered 304: the caller's cached copy is current and `text` is empty. */
  notModified: boolean;
  /** Read with `truncateAt` and the README was longer: `text` is its start. */
  truncated?: boolean;
}

export type AccessState = 'granted' | 'gated' | 'notFound';
