/** The card header from a repo's details. Pure: the host builds it, the webview shows it as text. */
import { baseModelsOf } from '../connections/modelTree';
import { arxivIdsOf, paperStub } from '../connections/papers';
import { runtimeView } from '../connections/runtime';
import { withoutBidiControls } from '../hub/format';
import { ggufLine, headerFile } from '../hub/ggufFacts';
import type { RepoDetails } from '../hub/types';
import type { CardHeader, SnippetKind } from './model';
import { repoWebUrl } from '../hub/repoId';

/** Chips shown at most; the rest is counted ("+12 more"). */
export const MAX_TAGS = 40;

/** Tags the header already shows as fields, or that say nothing to a reader. */
function isRedundantTag(tag: string, details: RepoDetails): boolean {
  return (
    tag.startsWith('license:') ||
    tag.startsWith('region:') ||
    tag === details.library ||
    tag === details.task ||
    tag === details.sdk ||
    tag.startsWith('task_categories:')
  );
}

export function cardHeader(details: RepoDetails, endpoint: string): CardHeader {
  const tags = details.tags.filter((t) => typeof t === 'string' && t.length > 0 && !isRedundantTag(t, details));
  const datasetTask = details.type === 'dataset' ? details.tags.find((t) => t.startsWith('task_categories:'))?.slice('task_categories:'.length) : undefined;
  // Shown as text by the page; bidi controls are dropped so one field cannot reorder what is shown after it.
  const bases = details.type === 'model' ? baseModelsOf(details.tags, details.cardData) : [];
  const papers = arxivIdsOf(details.tags).map(paperStub);
  const text = (value: string | undefined) => (value === undefined ? undefined : withoutBidiControls(value));
  return {
    type: details.type,
    id: details.id,
    author: text(details.author),
    task: text(details.task ?? datasetTask),
    sdk: text(details.sdk),
    stage: text(details.stage),
    library: text(details.library),
    license: text(details.license),
    downloads: details.downloads,
    likes: details.likes,
    lastModified: details.lastModified?.toISOString(),
    tags: tags.slice(0, MAX_TAGS).map(withoutBidiControls),
    moreTags: Math.max(0, tags.length - MAX_TAGS),
    gated: details.gated,
    private: details.private,
    snippets: snippetKinds(details),
    pageUrl: repoWebUrl({ endpoint, type: details.type, id: details.id }),
    params: details.params,
    gguf: details.gguf ? ggufLine({ architecture: details.gguf.architecture, contextLength: details.gguf.contextLength }) || undefined : undefined,
    ggufFile: details.type === 'model' ? headerFile(details.files) : undefined,
    providers: details.providers?.map((p) => ({ ...p, name: withoutBidiControls(p.name) })),
    ...(bases.length ? { baseModels: bases } : {}),
    ...(details.childrenModelCount !== undefined ? { derivedTotal: details.childrenModelCount } : {}),
    ...(details.runtime ? { runtime: runtimeView(details.runtime) } : {}),
    ...(papers.length ? { papers } : {}),
  };
}

/** The snippet buttons a model gets: its library's, when the extension has that snippet command. */
export function snippetKinds(details: Pick<RepoDetails, 'type' | 'library'>): SnippetKind[] {
  if (details.type !== 'model') {
    return [];
  }
  return details.library === 'transformers' ? ['transformers'] : details.library === 'diffusers' ? ['diffusers'] : [];
}
