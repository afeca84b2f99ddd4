/** What the extension host sends the card webview: plain data, every string from the Hub still untrusted. */
import type { BaseModel, Relation } from '../connections/modelTree';
import type { CardCollection } from '../connections/collections';
import type { PaperView } from '../connections/papers';
import type { RuntimeView } from '../connections/runtime';
import type { ProviderEntry } from '../inference/providers';
import type { RepoType } from '../hub/repoId';
import type { GatedState } from '../hub/types';
import type { CardImagePolicy, CardLocation } from './urls';

export type SnippetKind = 'transformers' | 'diffusers';

/**
 * A gated repo's answer to the Hub's auth-check for the caller: files usable, sign in first, or the signed-in account
 * still has to request (or be granted) access.
 */
export type CardAccess = 'granted' | 'signIn' | 'request';

/** The header: the repo's details as the API gives them (its `cardData` is the parsed front matter). */
export interface CardHeader {
  type: RepoType;
  id: string;
  author?: string;
  /** Models: pipeline tag; datasets: first task category. */
  task?: string;
  /** Spaces: gradio, streamlit, docker, static. */
  sdk?: string;
  /** Spaces: runtime stage (RUNNING, SLEEPING, …). */
  stage?: string;
  library?: string;
  license?: string;
  downloads?: number;
  likes: number;
  /** ISO 8601. */
  lastModified?: string;
  tags: string[];
  /** Tags left out of `tags` because there were too many. */
  moreTags: number;
  gated: GatedState;
  /** Gated repos only, when the auth-check answered. */
  access?: CardAccess;
  private: boolean;
  /** Snippet buttons to offer ("Insert transformers snippet", …). */
  snippets: SnippetKind[];
  pageUrl: string;
  /** "2.1 GB at main" when the repo is in the local Hugging Face cache (src/localCache/model.ts `cachedAt`). */
  cached?: string;
  /** Models: parameter count (safetensors or GGUF), when the Hub knows it. */
  params?: number;
  /** GGUF models: the Hub's summary of the header ("qwen2 · 32,768-token context"). */
  gguf?: string;
  /** GGUF models: the file whose header the host reads after the card is shown. */
  ggufFile?: string;
  /** GGUF models: what that file's own header says ("Q4_K_M · qwen2 · …"), once read. */
  ggufHeader?: { file: string; line: string };
  /** Models: the Inference Providers that serve it, live first (src/inference/providers.ts). */
  providers?: ProviderEntry[];
  /** Models: the base models and how this one derives from each (the model tree, src/connections/modelTree.ts). */
  baseModels?: BaseModel[];
  /** Models: how many models name this one as their base, as the Hub counts them (0: nothing to count by relation). */
  derivedTotal?: number;
  /** Models: how many models derive from this one, by relation ("12", "100+"), once counted. */
  derived?: Partial<Record<Relation, string>>;
  /** Spaces: the runtime, updated in place while a Space builds (src/connections/runtime.ts). */
  runtime?: RuntimeView;
  /** The papers the repo cites (its `arxiv:` tags): ids at first, described once the host has read their pages. */
  papers?: PaperView[];
  /** The first few collections that hold the repo, once read. */
  collections?: CardCollection[];
  /** Whether the signed-in account likes the repo, once read (undefined: signed out or not known). */
  liked?: boolean;
}

/** Why a card has no README text to show. */
export type ReadmeState =
  | { kind: 'text'; markdown: string; /** The host stopped reading at its limit: more exists on the Hub. */ cut: boolean }
  | { kind: 'missing' }
  | { kind: 'gated'; message: string }
  | { kind: 'unavailable'; message: string };

export interface CardData {
  header: CardHeader;
  readme: ReadmeState;
  location: CardLocation;
  images: CardImagePolicy;
  /** Shown above the card, e.g. that it is a cached copy because offline mode is on. Written by the host, not the Hub. */
  notice?: string;
  /** The notice says the Hub could not be reached: the page offers Retry beside it. */
  noticeRetry?: boolean;
}
