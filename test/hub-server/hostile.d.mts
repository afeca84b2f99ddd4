// Types of hostile.mjs for TypeScript tests.

export const MARKDOWN_CATEGORIES: readonly string[];

export const HOSTILE_REPOS: {
  readonly cards: Readonly<Record<string, string>>;
  readonly frontMatter: readonly string[];
  readonly tags: string;
  readonly files: string;
  readonly listing: readonly string[];
  readonly invalidIds: readonly string[];
  readonly papers: string;
  readonly manyTags: string;
  readonly manyFiles: string;
};

export interface HostilePlan {
  type: 'model' | 'dataset' | 'space';
  id: string;
  cardData: Record<string, unknown>;
  body(): string;
  siblings: string[];
  meta: Record<string, unknown>;
  createdAt: string;
  override?: Record<string, unknown>;
}

/** The corpus (test/fixtures/xss/vectors.txt) as `category → vectors`, in file order. */
export function readVectors(): Map<string, string[]>;

export function hostilePlans(): HostilePlan[];

/** Sets the fields a plan overrides on the repo the catalog built from it (`meta` is merged). */
export function applyOverride<R extends { meta: Record<string, unknown> }>(repo: R, hostile: HostilePlan): R;

export const HOSTILE_CODE_REPOS: {
  readonly newVersions: readonly string[];
  readonly newVersionValues: readonly string[];
  readonly renames: Readonly<Record<string, string>>;
  readonly validNewVersion: string;
  readonly stallReadmes: readonly string[];
};

export function hostileCodePlans(): HostilePlan[];
