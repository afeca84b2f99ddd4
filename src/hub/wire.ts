/**
 * Shapes of the Hub API's JSON, as sent on the wire (hub-api.md §4–§7). Only the fields the extension reads are listed;
 * every field is optional because the Hub omits what does not apply and `expand` projects the rest away.
 */

export interface ApiRepoListItem {
  _id?: string;
  id: string;
  author?: string;
  private?: boolean;
  gated?: 'auto' | 'manual' | boolean;
  disabled?: boolean;
  downloads?: number;
  likes?: number;
  trendingScore?: number;
  tags?: string[];
  lastModified?: string;
  createdAt?: string;
  sha?: string;
  cardData?: Record<string, unknown>;
}

export interface ApiModelListItem extends ApiRepoListItem {
  pipeline_tag?: string;
  library_name?: string;
  /** `expand[]=safetensors`: parameter counts by dtype and their total. */
  safetensors?: { total?: unknown };
  /** `expand[]=gguf`: the GGUF header's facts, `total` being the parameter count. */
  gguf?: { total?: unknown };
}

export type ApiDatasetListItem = ApiRepoListItem;

export interface ApiSpaceListItem extends ApiRepoListItem {
  sdk?: string;
  runtime?: { stage?: string };
}

export interface ApiTreeEntry {
  type: 'file' | 'directory';
  oid?: string;
  size?: number;
  path: string;
  lfs?: { oid?: string; size?: number; pointerSize?: number };
}

export interface ApiWhoAmI {
  type?: 'user' | 'org' | 'app';
  name?: string;
  fullname?: string;
  isPro?: boolean;
  orgs?: { name?: string }[];
  auth?: { type?: string; accessToken?: { displayName?: string; role?: string } };
}
