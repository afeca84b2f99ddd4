// The hover card of a repo id in code, as Markdown text. Everything the Hub wrote (ids, task, license, README text) is
// escaped with `plain`; the only links are the command links of HOVER_COMMANDS (two; three on a dataset, or on a model
// that Inference Providers serve), with a repo id checked by the
// resolver. The shell (src/language/hover.ts) shows it with theme icons on, HTML off and only those commands trusted.
import { ggufLine } from '../hub/ggufFacts';
import type { CommandId } from '../commands/ids';
import { age, compactNumber } from '../hub/format';
import { REPO_TYPE_ICON } from '../hub/repoId';
import { NOUN, plain } from './insights';
import type { RefKind, RepoIdRef } from './pyRefs';
import type { Resolution } from './resolver';

/** The only commands a hover's links may run. */
export const HOVER_COMMANDS: readonly CommandId[] = ['huggingface.openCard', 'huggingface.openOnHub', 'huggingface.openDatasetViewer', 'huggingface.tryModel'];

/**
 * The commands one hover may run, exactly those it links: the dataset viewer's only on a dataset's hover, Try it only on
 * the hover of a model that Inference Providers serve.
 */
export function hoverCommands(kind: RefKind, served = false): CommandId[] {
  return HOVER_COMMANDS.filter((command) => (kind === 'dataset' || command !== 'huggingface.openDatasetViewer') && ((kind === 'model' && served) || command !== 'huggingface.tryModel'));
}

function commandUri(command: CommandId, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}

function gatedLine(resolution: Resolution, signedIn: boolean): string {
  const granted = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.access : undefined;
  const access =
    granted === 'granted'
      ? 'you have access'
      : granted === 'denied' && signedIn
        ? 'request access on its Hub page'
        : signedIn
          ? 'access not checked'
          : 'sign in with an account that has access';
  return `$(lock) Gated: ${access}\n\n`;
}

/** `cached`: "2.1 GB at main" when the repo is in the local Hugging Face cache (src/localCache/model.ts `cachedAt`). */
export function hoverMarkdown(ref: RepoIdRef, resolution: Resolution, readme: string | undefined, signedIn: boolean, cached?: string): string {
  const facts = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.facts : undefined;
  const id = facts?.id ?? ref.id;
  let md = `$(${REPO_TYPE_ICON[ref.kind]}) **${plain(id)}** · ${NOUN[ref.kind]}\n\n`;
  if (resolution.state === 'renamed') {
    md += `${plain(`Renamed from ${ref.id}.`)}\n\n`;
  }
  if (facts) {
    const kind = [facts.task ?? facts.sdk, facts.library, facts.license && `License: ${facts.license}`].filter(Boolean).join(' · ');
    if (kind) {
      md += `${plain(kind)}\n\n`;
    }
    const figures = [
      facts.params !== undefined ? `${compactNumber(facts.params)} parameters` : undefined,
      facts.downloads !== undefined ? `${compactNumber(facts.downloads)} downloads` : undefined,
      `${compactNumber(facts.likes)} likes`,
      facts.lastModified ? `updated ${age(facts.lastModified)} ago` : undefined,
    ].filter(Boolean);
    md += `${plain(figures.join(' · '))}\n\n`;
    const gguf = facts.gguf && ggufLine({ architecture: facts.gguf.architecture, contextLength: facts.gguf.contextLength });
    if (gguf) {
      md += `$(chip) ${plain(`GGUF: ${gguf}`)}\n\n`;
    }
    if (facts.served) {
      md += `$(cloud) ${plain(facts.served)} · [Try it](${commandUri('huggingface.tryModel', { type: 'model', id })} "Try the model with Inference Providers")\n\n`;
    }
    if (facts.private) {
      md += '$(lock) Private\n\n';
    }
    if (facts.gated) {
      md += gatedLine(resolution, signedIn);
    }
    if (readme) {
      md += `---\n\n${plain(readme)}\n\n`;
    }
  } else if (resolution.state === 'notFound') {
    md += `$(warning) Not found on the Hub${signedIn ? '' : ', or private (sign in to see private repos)'}\n\n`;
  } else {
    md += '$(info) Details unavailable right now\n\n';
  }
  if (cached) {
    md += `$(database) In your cache: ${plain(cached)}\n\n`;
  }
  const card = commandUri('huggingface.openCard', { type: ref.kind, id });
  const hub = commandUri('huggingface.openOnHub', { repo: { type: ref.kind, id } });
  const viewer = ref.kind === 'dataset' ? ` · [$(table) Open viewer](${commandUri('huggingface.openDatasetViewer', { type: 'dataset', id })} "Open the dataset viewer in VS Code")` : '';
  return `${md}---\n\n[$(book) Open card](${card} "Open the card in VS Code") · [$(link-external) Open on Hub](${hub} "Open the repo on the Hub")${viewer}`;
}
