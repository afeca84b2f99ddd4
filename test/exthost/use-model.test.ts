import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, withHub } from './helpers';

const USE = 'huggingface.useModel';
const GGUF = 'saltmarsh/Kestrel-2-0.5B-Instruct-GGUF';

type Outcome =
  | { done: true; id: string; choice: string; kind: string; to: string; text: string; quant?: string }
  | { done: false; reason: string; message?: string };

function run(arg: unknown, presets?: Record<string, unknown>): Promise<Outcome> {
  return Promise.resolve(vscode.commands.executeCommand<Outcome>(USE, arg, presets));
}

/** A terminal whose input the test reads: what `sendText` types arrives in `handleInput`, Enter as `\r`. */
function probeTerminal(): { terminal: vscode.Terminal; typed: string[] } {
  const typed: string[] = [];
  const write = new vscode.EventEmitter<string>();
  const terminal = vscode.window.createTerminal({
    name: 'probe',
    pty: { onDidWrite: write.event, open: () => undefined, close: () => undefined, handleInput: (data: string) => typed.push(data) },
  });
  return { terminal, typed };
}

async function closeAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

suite('Use this model', () => {
  const fx = withHub();
  teardown(closeAll);

  const apiPaths = () => fx.hub.requests.filter((r) => r.path.startsWith('/api/models/')).map((r) => r.path);

  test('types the Ollama command for the chosen quant into the terminal without running it', async () => {
    const { terminal, typed } = probeTerminal();
    terminal.show();
    await new Promise((resolve) => setTimeout(resolve, 500));
    fx.hub.clearRequests();
    const outcome = await run(GGUF, { app: 'ollama', quant: 'Q4_K_M', to: 'terminal' });
    assert.equal(outcome.done, true, JSON.stringify(outcome));
    const line = `ollama run hf.co/${GGUF}:Q4_K_M`;
    assert.equal(outcome.done && outcome.text, line);
    for (let i = 0; i < 20 && typed.join('') !== line; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(typed.join(''), line, 'typed exactly the command');
    assert.ok(!typed.join('').includes('\r') && !typed.join('').includes('\n'), 'no Enter was sent');
    // One detail request with the expand fields, one tree listing for the sizes.
    const paths = apiPaths();
    assert.equal(paths.filter((p) => p === `/api/models/${GGUF}`).length, 1, paths.join('\n'));
    assert.equal(paths.filter((p) => p.startsWith(`/api/models/${GGUF}/tree/`)).length, 1, paths.join('\n'));
    const detail = fx.hub.requests.find((r) => r.path === `/api/models/${GGUF}`);
    assert.ok(detail && /expand%5B%5D=gguf|expand\[\]=gguf/.test(detail.query), detail?.query);
    terminal.dispose();
  });

  test('inserts the llama.cpp server block at the cursor of the focused editor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'shellscript', content: '#!/bin/sh\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const outcome = await run(GGUF, { app: 'llama.cpp', quant: 'Q8_0', step: 1, to: 'editor' });
    assert.equal(outcome.done, true, JSON.stringify(outcome));
    assert.equal(outcome.done && outcome.to, 'editor');
    assert.equal(document.getText(), `#!/bin/sh\n# Start a local OpenAI-compatible server with a web UI:\nllama serve -hf ${GGUF}:Q8_0\n`);
  });

  test('a multi-line block is refused for the terminal, with the reason', async () => {
    const outcome = await run('HuggingFaceH4/zephyr-7b-beta', { app: 'vllm', step: 2, to: 'terminal' });
    assert.equal(outcome.done, false);
    assert.match(!outcome.done ? (outcome.message ?? '') : '', /more than one command line/);
  });

  test('an app the Hub does not offer for the model, and a hostile repo id, are refused before anything is written', async () => {
    const wrong = await run('HuggingFaceH4/zephyr-7b-beta', { app: 'ollama', to: 'terminal' });
    assert.equal(wrong.done, false);
    assert.match(!wrong.done ? (wrong.message ?? '') : '', /not offered/);
    fx.hub.clearRequests();
    const hostile = await run('a/b; rm -rf ~', { app: 'ollama', to: 'terminal' });
    assert.equal(hostile.done, false);
    assert.equal(apiPaths().length, 0, 'no request for an invalid id');
  });

  test('the library group inserts the Hub’s snippet for a diffusers model, into a new file when no editor has the focus', async () => {
    const outcome = await run('stabilityai/stable-diffusion-2-1', { app: 'diffusers' });
    assert.equal(outcome.done, true, JSON.stringify(outcome));
    assert.equal(outcome.done && outcome.kind, 'library');
    assert.match(outcome.done ? outcome.text : '', /DiffusionPipeline\.from_pretrained\("stabilityai\/stable-diffusion-2-1"/);
  });

  test('a GGUF card shows the parameters and the Hub’s GGUF summary, then what its Q4_K_M file’s own header says', async () => {
    fx.hub.clearRequests();
    const card = await fx.api.cards.open({ type: 'model', id: GGUF });
    const shown = await waitFor('the card', () => (card.state.type === 'card' ? card.state.card.header : undefined), 10_000);
    assert.match(String(shown.params), /^\d{9,}$/);
    assert.equal(shown.gguf, 'llama · 32,768-token context');
    assert.equal(shown.ggufFile, 'Kestrel-2-0.5B-Instruct-Q4_K_M.gguf');
    const read = await waitFor('the header line', () => (card.state.type === 'card' ? card.state.card.header.ggufHeader : undefined), 10_000);
    assert.match(read.line, /^Q4_K_M · llama · \d+(\.\d)?[MB] parameters · 32,768-token context$/);
    const ranges = fx.hub.cdnRequests.filter((r) => r.headers.range);
    assert.deepEqual(ranges.map((r) => r.headers.range), ['bytes=0-1999999'], 'one 2 MB range of the file');
    card.dispose();
  });

  test('the picker lists the groups the Hub shows for a GGUF repo, and Escape cancels', async () => {
    const pending = run(GGUF);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const outcome = await pending;
    assert.deepEqual(outcome, { done: false, reason: 'cancelled' });
  });
});
