/**
 * A Try it panel's conversation and its calls: send, stream, stop, regenerate, retry (a cut answer continues from what
 * arrived), clear, and "Copy as code". Deltas reach the page in batches, at most one message per frame, so a fast
 * stream costs the page one update per frame however many tokens arrive. Part of the inference chunk.
 */
import * as vscode from 'vscode';
import { Answer, parseTurns, type ChatSettings, type ChatTurn } from '../inference/chat';
import { quoteShellBody, snippetLabel, snippetModel, CODE_FIELDS } from '../inference/code';
import { routerOf } from '../inference/endpoint';
import { cutProblem, problemFromException } from '../inference/errors';
import type { InferenceDeps } from '../inference/host';
import type { ToTry, TryProblem, TryState } from '../inference/protocol';
import type { ProviderChoice, ProviderEntry } from '../inference/providers';
import { inferenceSnippets, InferenceCallError, streamChat, textToImage, type CallContext } from '../inference/calls';

/** How long deltas gather before they are posted: one frame. */
const BATCH_MS = 16;

export interface ConversationHost {
  model: string;
  deps: InferenceDeps;
  onRequest: (url: string) => void;
  post: (message: ToTry) => void;
  state: () => TryState;
}

export class Conversation {
  turns: ChatTurn[];
  settings: ChatSettings;
  provider: ProviderChoice;
  problem: TryProblem | undefined;
  busy = false;
  signedIn = true;
  /** The current answer's text so far, while it streams. */
  private answer: Answer | undefined;
  private controller: AbortController | undefined;
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the current answer has ended (tests wait on it). */
  settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ConversationHost,
    restored: { turns: ChatTurn[]; settings: ChatSettings; provider: ProviderChoice },
  ) {
    this.turns = parseTurns(restored.turns);
    this.settings = restored.settings;
    this.provider = restored.provider;
  }

  /** The turns as the page shows them, the streaming answer as far as it has come. */
  turnsNow(): ChatTurn[] {
    if (!this.answer) {
      return this.turns;
    }
    return [...this.turns.slice(0, -1), { role: 'assistant', content: this.answer.text }];
  }

  /** The page was (re)loaded and gets the whole state: what was waiting to be posted is in it. */
  dropPending(): void {
    this.pending = '';
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  async send(text: string): Promise<void> {
    this.stop();
    this.turns = [...this.turns.filter((t, i, all) => !(i === all.length - 1 && t.role === 'assistant' && t.content === '')), { role: 'user', content: text }];
    await this.respond('');
  }

  async regenerate(): Promise<void> {
    this.stop();
    while (this.turns.length && this.turns[this.turns.length - 1].role === 'assistant') {
      this.turns = this.turns.slice(0, -1);
    }
    if (this.turns.length) {
      await this.respond('');
    }
  }

  /** After a cut stream, asks for the rest of the answer; after any other failure, asks again. */
  async retry(): Promise<void> {
    const last = this.turns[this.turns.length - 1];
    if (this.problem?.kind === 'cut' && last?.role === 'assistant' && last.content) {
      this.turns = this.turns.slice(0, -1);
      await this.respond(last.content);
    } else {
      await this.regenerate();
    }
  }

  /** Stops the streaming answer, keeping what arrived; false when nothing was streaming. */
  stop(): boolean {
    if (!this.controller) {
      return false;
    }
    this.controller.abort();
    this.controller = undefined;
    return true;
  }

  clear(): void {
    this.stop();
    this.turns = [];
    this.problem = undefined;
  }

  private async context(): Promise<CallContext | TryProblem> {
    const token = await this.host.deps.token();
    this.signedIn = !!token;
    if (!token) {
      return { kind: 'signIn', message: 'Inference Providers need you to be signed in: calls are billed to your Hugging Face account.', retryable: false };
    }
    const where = routerOf(this.host.deps);
    if (!where.router) {
      return { kind: 'other', message: where.problem ?? 'No Inference Providers router is set for this Hub.', retryable: false };
    }
    this.controller = new AbortController();
    return { where, token, signal: this.controller.signal, onRequest: this.host.onRequest };
  }

  /** Streams an answer to the turns, continuing `prefix` when given (the part of a cut answer that arrived). */
  private async respond(prefix: string): Promise<void> {
    let done!: () => void;
    this.settled = new Promise<void>((resolve) => (done = resolve));
    this.problem = undefined;
    const ctx = await this.context();
    if (!('signal' in ctx)) {
      this.problem = ctx;
      this.host.post({ type: 'state', state: this.host.state() });
      done();
      return;
    }
    const answer = new Answer(prefix);
    const request = { model: this.host.model, provider: this.provider, settings: this.settings, turns: prefix ? [...this.turns, { role: 'assistant' as const, content: prefix }] : this.turns };
    this.turns = [...this.turns, { role: 'assistant', content: prefix }];
    this.answer = answer;
    this.busy = true;
    this.host.post({ type: 'state', state: this.host.state() });
    let finished = false;
    try {
      for await (const part of streamChat(ctx, request)) {
        if ('delta' in part) {
          this.queue(answer.append(part.delta));
          if (answer.full) {
            if (this.controller?.signal === ctx.signal) {
              this.stop();
            }
            this.problem = { kind: 'other', message: `The answer reached ${answer.length.toLocaleString()} characters and was cut there.`, retryable: false };
            finished = true;
            break;
          }
        } else {
          finished = part.finish !== undefined;
        }
      }
    } catch (error) {
      this.problem = error instanceof InferenceCallError ? error.problem : problemFromException(error);
      finished = true;
    }
    const stopped = ctx.signal.aborted;
    if (this.answer === answer) {
      this.turns = [...this.turns.slice(0, -1), { role: 'assistant', content: answer.text }];
      this.answer = undefined;
      if (!finished && !stopped) {
        this.problem = cutProblem(answer.length);
      }
      if (this.controller?.signal === ctx.signal) {
        this.controller = undefined;
      }
      this.busy = false;
      this.flush();
      this.host.post({ type: 'done', ...(this.problem ? { problem: this.problem } : {}) });
    }
    done();
  }

  /** One image for `prompt`; undefined (and the problem set) when the call failed. */
  async image(prompt: string): Promise<{ mime: 'image/png' | 'image/jpeg' | 'image/webp'; bytes: Uint8Array } | undefined> {
    this.stop();
    this.problem = undefined;
    const ctx = await this.context();
    if (!('signal' in ctx)) {
      this.problem = ctx;
      return undefined;
    }
    this.busy = true;
    this.host.post({ type: 'state', state: this.host.state() });
    try {
      const result = await textToImage(ctx, this.host.model, this.provider, prompt);
      const mime = result.mime === 'image/jpeg' || result.mime === 'image/webp' ? result.mime : 'image/png';
      return { mime, bytes: result.bytes };
    } catch (error) {
      this.problem = ctx.signal.aborted ? undefined : error instanceof InferenceCallError ? error.problem : problemFromException(error);
      return undefined;
    } finally {
      this.busy = false;
      this.controller = undefined;
    }
  }

  private queue(text: string): void {
    if (!text) {
      return;
    }
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const text = this.pending;
      this.pending = '';
      this.host.post({ type: 'delta', text });
    }
  }

  /** "Copy as code": the conversation as the Hub's snippet for the chosen provider, picked by language and client. */
  async copyAsCode(entries: readonly ProviderEntry[]): Promise<string | undefined> {
    const deps = this.host.deps;
    try {
      const body = await deps.client().repoFields('model', this.host.model, CODE_FIELDS);
      const made = snippetModel(body, this.host.model);
      if ('problem' in made) {
        void vscode.window.showErrorMessage(made.problem);
        return undefined;
      }
      const entry = entries.find((e) => e.provider === this.provider && e.task === 'conversational');
      const turns = this.turns.filter((t) => t.content !== '');
      const made2 = inferenceSnippets(made.model, this.provider, entry, routerOf(deps), { settings: this.settings, turns });
      const chosen = await vscode.window.showQuickPick(
        made2.map((s) => ({ label: snippetLabel(s), snippet: s })),
        { title: `Copy the conversation as code (${this.host.model})`, placeHolder: 'The code reads your token from HF_TOKEN' },
      );
      if (!chosen) {
        return undefined;
      }
      const code = chosen.snippet.language === 'sh' ? quoteShellBody(chosen.snippet.content) : chosen.snippet.content;
      await deps.copyText(code);
      return code;
    } catch (error) {
      deps.log.warn(`Copy as code failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`The code could not be written: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.stop();
    this.dropPending();
  }
}
