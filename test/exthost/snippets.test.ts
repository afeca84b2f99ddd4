import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { insertAtCursor } from '../../src/views/snippets';
import { activate, hubEndpoint, waitFor } from './helpers';

const TRANSFORMERS = 'huggingface.insertTransformersSnippet';
const DIFFUSERS = 'huggingface.insertDiffusersSnippet';

type Outcome = { inserted: true; id: string; library: string; where: string; text: string } | { inserted: false; reason: string; message?: string };

/**
 * Runs a snippet command; while it runs, accepts the highlighted entry of any QuickPick it opens (the variant picker
 * shows the Hub's first variant highlighted), as a user pressing Enter would.
 */
async function run(command: string, arg?: unknown, options: { accept?: boolean } = {}): Promise<Outcome> {
  let settled = false;
  const outcome = Promise.resolve(vscode.commands.executeCommand<Outcome>(command, arg)).finally(() => (settled = true));
  if (options.accept) {
    void (async () => {
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (!settled) {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        }
      }
    })();
  }
  return outcome;
}

async function pythonEditor(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'python', content });
  return vscode.window.showTextDocument(document);
}

/** Closes every editor without saving (untitled files would otherwise ask). */
async function closeAll(): Promise<void> {
  for (let i = 0; i < 20 && (vscode.window.visibleTextEditors.length > 0 || vscode.window.activeNotebookEditor); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

const SD21 = `# pip install -U diffusers transformers accelerate
import torch
from diffusers import DiffusionPipeline

# switch to "mps" for apple devices
pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1", dtype=torch.bfloat16, device_map="cuda")

prompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
image = pipe(prompt).images[0]
`;

suite('Snippets', () => {
  suiteSetup(async () => {
    await activate();
  });
  teardown(closeAll);

  test('inserts the Hub’s diffusers snippet at the cursor of a Python editor, without repeating `import torch`', async () => {
    const editor = await pythonEditor('import torch\n\nprint(torch.__version__)\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const outcome = await run(DIFFUSERS, 'stabilityai/stable-diffusion-2-1');
    assert.equal(outcome.inserted, true, JSON.stringify(outcome));
    assert.equal(outcome.inserted && outcome.where, 'editor');
    const expected = SD21.replace('import torch\n', '');
    assert.equal(editor.document.getText(), `import torch\n\n${expected}print(torch.__version__)\n`);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the editor keeps the focus');
  });

  test('picks a variant (the Hub’s first, the pipeline) for a transformers model and skips imports the file has', async () => {
    const editor = await pythonEditor('from transformers import pipeline\n\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const outcome = await run(TRANSFORMERS, 'openai-community/gpt2', { accept: true });
    assert.equal(outcome.inserted, true, JSON.stringify(outcome));
    assert.equal(
      editor.document.getText(),
      'from transformers import pipeline\n\n# Use a pipeline as a high-level helper\n\npipe = pipeline("text-generation", model="openai-community/gpt2")\n',
    );
  });

  test('mid-line, the snippet starts on a line of its own', async () => {
    const editor = await pythonEditor('x = 1');
    editor.selection = new vscode.Selection(0, 5, 0, 5);
    const outcome = await run(TRANSFORMERS, 'sentence-transformers/all-MiniLM-L6-v2');
    assert.equal(outcome.inserted, true, JSON.stringify(outcome));
    assert.ok(editor.document.getText().startsWith('x = 1\nfrom sentence_transformers import SentenceTransformer\n'), editor.document.getText());
  });

  test('with no editor open, opens a new untitled Python file with the snippet', async () => {
    await closeAll();
    const outcome = await run(DIFFUSERS, 'stabilityai/stable-diffusion-2-1');
    assert.equal(outcome.inserted && outcome.where, 'untitled', JSON.stringify(outcome));
    const editor = await waitFor('the new editor', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'python');
    assert.equal(editor.document.getText(), SD21);
  });

  test('a non-Python editor is left alone: the snippet goes to a new file', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# notes\n' });
    await vscode.window.showTextDocument(document);
    const outcome = await run(DIFFUSERS, 'stabilityai/stable-diffusion-2-1');
    assert.equal(outcome.inserted && outcome.where, 'untitled', JSON.stringify(outcome));
    assert.equal(document.getText(), '# notes\n');
  });

  test('into a Jupyter notebook: a new code cell after the active cell, imports of earlier cells left out', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Results', 'markdown'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const editor = await vscode.window.showNotebookDocument(notebook);
    editor.selection = new vscode.NotebookRange(0, 1);
    const outcome = await run(DIFFUSERS, 'stabilityai/stable-diffusion-2-1');
    assert.equal(outcome.inserted && outcome.where, 'notebook', JSON.stringify(outcome));
    assert.equal(notebook.cellCount, 3);
    const cell = notebook.cellAt(1);
    assert.equal(cell.kind, vscode.NotebookCellKind.Code);
    assert.equal(cell.document.languageId, 'python');
    assert.equal(cell.document.getText(), SD21.replace('import torch\n', '').replace(/\n$/, ''));
    assert.equal(notebook.cellAt(2).document.getText(), '# Results');
    // The built-in ipynb extension then gives the new cell an id; let it finish before the notebook is closed.
    for (let i = 0; i < 30 && notebook.cellAt(1).metadata.id === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test('a gated model’s code says to request access on its Hub page and set a token', async () => {
    await pythonEditor('');
    const outcome = await run(TRANSFORMERS, 'meta-llama/Llama-3.1-8B-Instruct', { accept: true });
    assert.equal(outcome.inserted, true, JSON.stringify(outcome));
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.ok(
      text.startsWith(
        `# meta-llama/Llama-3.1-8B-Instruct is gated: request access at ${hubEndpoint()}/meta-llama/Llama-3.1-8B-Instruct\n` +
          '# then sign in with `hf auth login` or set the HF_TOKEN environment variable.\n# Use a pipeline as a high-level helper\n',
      ),
      text,
    );
    assert.ok(!/hf_[A-Za-z0-9]{20,}/.test(text), 'no token in the code');
  });

  test('custom code: trust_remote_code=True with a comment to review the repo', async () => {
    await pythonEditor('');
    const outcome = await run(TRANSFORMERS, 'hub-test/custom-code-model', { accept: true });
    assert.equal(outcome.inserted, true, JSON.stringify(outcome));
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.ok(text.startsWith(`# trust_remote_code=True runs Python code from the repo on your machine: review it first at ${hubEndpoint()}/hub-test/custom-code-model/tree/main\n`), text);
    assert.ok(text.includes('trust_remote_code=True)'), text);
  });

  test('from a model row of the Models tree', async () => {
    const { trees } = await activate();
    const rows = ((await trees.models.getChildren()) ?? []) as { kind?: string; repo?: { id: string; library?: string } }[];
    const row = rows.find((r) => r.kind === 'repo' && r.repo?.library === 'diffusers');
    assert.ok(row?.repo, 'the first page lists a diffusers model');
    const editor = await pythonEditor('');
    const outcome = await run(DIFFUSERS, row, { accept: true });
    assert.equal(outcome.inserted && outcome.id, row.repo.id, JSON.stringify(outcome));
    assert.ok(editor.document.getText().includes(row.repo.id), editor.document.getText());
  });

  test('bad input: one line of explanation, nothing inserted', async () => {
    const editor = await pythonEditor('# mine\n');
    const cases: [unknown, string, RegExp][] = [
      ['a--b/c', TRANSFORMERS, /"--" and "\.\." are not allowed/],
      ['', TRANSFORMERS, /A repo id is required/],
      ['nobody/no-such-model', TRANSFORMERS, /^No snippet for nobody\/no-such-model: Not found/],
      ['saltmarsh/Aurora-2-70B-Instruct-GGUF', TRANSFORMERS, /names no library/],
      ['cobalt-bio/Tidewater-2-14B-Instruct-support-lora', DIFFUSERS, /peft snippet could not be built .*: Task type is invalid\.$/],
    ];
    for (const [arg, command, expected] of cases) {
      const outcome = await run(command, arg);
      assert.equal(outcome.inserted, false, `${arg}: ${JSON.stringify(outcome)}`);
      assert.match(outcome.inserted ? '' : (outcome.message ?? ''), expected);
      assert.ok(!(outcome.inserted ? '' : (outcome.message ?? '')).includes('\n'), 'one line');
    }
    assert.equal(editor.document.getText(), '# mine\n');
    assert.equal(vscode.window.visibleTextEditors.length, 1, 'no new file was opened');
  });

  test('text is inserted literally: `$` is not a snippet placeholder', async () => {
    const editor = await pythonEditor('');
    const text = 'token = os.environ["$HF_TOKEN"]  # ${1:name} $0 $$\n';
    assert.equal(await insertAtCursor(editor, text), text);
    assert.equal(editor.document.getText(), text);
  });
});
