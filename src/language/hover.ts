// The hover card on a repo id: the resolver's facts and the README's first paragraph (src/code/hover.ts writes it).
import * as vscode from 'vscode';
import { hoverCommands, hoverMarkdown } from '../code/hover';
import { firstParagraph } from '../code/insights';
import type { RepoResolver } from '../code/resolver';
import { cachedPromise, SessionCache, sessionKey } from '../code/sessionCache';
import type { RepoType } from '../hub/repoId';
import type { InsightDeps } from './codeInsights';
import { refsOf, unlessCancelled } from './documents';

const README_BYTES = 64 * 1024;

export class RepoHovers {
  private readonly readmes = new SessionCache<Promise<string | undefined>>();

  constructor(
    private readonly deps: InsightDeps,
    private readonly resolver: RepoResolver,
  ) {}

  reset(): void {
    this.readmes.clear();
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const offset = doc.offsetAt(pos);
    const ref = refsOf(doc).find((r) => offset >= r.start && offset <= r.end);
    if (!ref) {
      return undefined;
    }
    // The cache is read while the Hub answers, not after: a first hover also loads and scans the Local Cache.
    const inCache = this.deps.inCache?.(ref.kind, ref.id).catch(() => undefined);
    const resolution = await this.resolver.resolve(ref.kind, ref.id);
    if (token.isCancellationRequested) {
      return undefined;
    }
    const facts = resolution.state === 'found' || resolution.state === 'renamed' ? resolution.facts : undefined;
    const readme = facts ? await this.readmeParagraph(facts.type, facts.id, token) : undefined;
    if (token.isCancellationRequested) {
      return undefined;
    }
    const cached = (await inCache) || undefined;
    if (token.isCancellationRequested) {
      return undefined;
    }
    const md = new vscode.MarkdownString(hoverMarkdown(ref, resolution, readme, await this.deps.signedIn(), cached), true);
    md.isTrusted = { enabledCommands: hoverCommands(ref.kind, !!facts?.served) };
    md.supportHtml = false;
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(ref.start), doc.positionAt(ref.end)));
  }

  /** The README's first paragraph; the hover shows without it if the user moves on first, and it is kept for next time. */
  private readmeParagraph(type: RepoType, id: string, token: vscode.CancellationToken): Promise<string | undefined> {
    const client = this.deps.client();
    const paragraph = cachedPromise(this.readmes, sessionKey(client.endpoint, type, id), () =>
      client.readme(type, id, 'main', { truncateAt: README_BYTES }).then((readme) => (readme ? firstParagraph(readme.text) : undefined)),
    ).catch(() => undefined);
    return unlessCancelled(paragraph, token, undefined);
  }
}
