// Code insights on repo ids in Python, against an embedded Hub started inside this extension host: completions from a
// Hub search, the hover card, CodeLens, diagnostics for renamed, gated, missing, custom-code and superseded repos with
// their quick fixes applied, notebook cells, the request budget (50 ids, then none on re-opening), and silence offline.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { HubServer, SPECIAL_REPOS as SpecialRepos, TEST_USERS as TestUsers } from '../hub-server/server.mjs';
import { useToken, waitFor, withHub } from './helpers';
import { closeEditors, codeOf, ours, PythonFiles } from './python';

/** A model whose card names a newer version (served from a cards folder written for this suite). */
const SUPERSEDED = 'hub-test/superseded-model';
const MISSING = 'google-bert/bert-base-uncasd';

let hub: HubServer;
let special: typeof SpecialRepos;
let users: typeof TestUsers;
let cardsDir: string;

const python = new PythonFiles('hf-code-insights-py');
const openPython = (content: string) => python.open(content);
const closeAll = closeEditors;

/** The diagnostics once `ready` accepts them. */
function diagnosticsWhen(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 8_000): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ours(uri);
    return ready(ds) ? ds : undefined;
  }, timeoutMs);
}

function at(doc: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} is in the document`);
  return doc.positionAt(offset + delta);
}

/** GET /api/models/{id}… detail requests (access checks left out). */
function detailRequests(): string[] {
  return hub.requests.filter((r) => /^\/api\/(models|datasets|spaces)\/.+/.test(r.path) && !r.path.endsWith('/auth-check')).map((r) => r.path);
}

async function quickFixes(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a);
}

suite('Code insights', () => {
  const fixture = withHub({
    hub: () => {
      // A card for SUPERSEDED, served by the suite's Hub: it names a newer version.
      cardsDir = mkdtempSync(path.join(tmpdir(), 'hf-code-insights-'));
      const card = path.join(cardsDir, 'models', SUPERSEDED);
      mkdirSync(card, { recursive: true });
      writeFileSync(
        path.join(card, 'README.md'),
        [
          '---',
          'license: mit',
          'library_name: transformers',
          'pipeline_tag: text-generation',
          'new_version: openai-community/gpt2',
          '---',
          '',
          '# Superseded model',
          '',
          'An **older** model: [use the new one](command:huggingface.signOut) or <a href="command:huggingface.signOut">this</a> *now*.',
          '',
        ].join('\n'),
      );
      return { cardsDir };
    },
    cleanup: async () => {
      await closeAll();
      await useToken(undefined);
      await vscode.workspace.getConfiguration('huggingface').update('codeInsights.enabled', undefined, vscode.ConfigurationTarget.Global);
    },
  });

  suiteSetup(async () => {
    hub = fixture.hub;
    special = fixture.server.SPECIAL_REPOS;
    users = fixture.server.TEST_USERS;
    await useToken(undefined);
  });

  suiteTeardown(() => {
    rmSync(cardsDir, { recursive: true, force: true });
    python.remove();
  });

  teardown(closeAll);

  test('completes model ids from a Hub search inside from_pretrained("…"), replacing the whole string', async () => {
    const doc = await openPython('from transformers import AutoModel\nmodel = AutoModel.from_pretrained("bert-base")\n');
    hub.clearRequests();
    const position = at(doc, 'bert-base', 'bert-base'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '"');
    const ids = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(ids.includes('google-bert/bert-base-uncased'), JSON.stringify(ids));
    const searches = hub.requests.filter((r) => r.path === '/api/models');
    assert.equal(searches.length, 1);
    const query = new URLSearchParams(searches[0].query);
    assert.equal(query.get('search'), 'bert-base');
    assert.equal(query.get('limit'), '20');
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'google-bert/bert-base-uncased')!;
    assert.match(String(item.detail), /^Model · fill-mask · (?:[\d.]+[kMB]? params · )?[\d.]+[kMB]? ↓ · [\d.]+[kMB]? ♥/);
    const range = item.range as vscode.Range;
    assert.equal(doc.getText(range), 'bert-base', 'the item replaces the string contents');
    assert.equal(list.isIncomplete, true, 'typing on asks again');
  });

  test('completes dataset ids inside load_dataset("…"), and nothing outside repo-id strings', async () => {
    const doc = await openPython('from datasets import load_dataset\nds = load_dataset("gl")\nprint("gl")\n');
    hub.clearRequests();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'gl")', 2));
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'nyu-mll/glue'));
    const searches = () => hub.requests.filter((r) => /^\/api\/(models|datasets|spaces)$/.test(r.path)).map((r) => r.path);
    assert.deepEqual(searches(), ['/api/datasets']);
    hub.clearRequests();
    await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'print("gl', 8));
    assert.deepEqual(searches(), [], 'a print() string is not a repo id');
  });

  test('hover: a compact card with facts, the README’s first paragraph as plain text, and two command links', async () => {
    const doc = await openPython(`from transformers import AutoModel\nm = AutoModel.from_pretrained("${SUPERSEDED}")\n`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, SUPERSEDED, 3));
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Open card'));
    assert.ok(md, JSON.stringify(hovers.map((h) => h.contents)));
    const text = md.value;
    // Hub text is escaped character by character; read without the escapes, it is the plain text.
    const shown = text.replace(/\\(.)/g, '$1');
    assert.ok(shown.includes(`**${SUPERSEDED}** · Model`), text);
    assert.ok(shown.includes('text-generation · transformers · License: mit'), text);
    assert.ok(shown.includes('An older model: use the new one or this now.'), 'the paragraph, stripped of markup');
    assert.ok(!text.includes('&nbsp;'), 'spaces stay spaces, so the paragraph wraps');
    assert.ok(text.includes('hub\\-test/superseded\\-model'), 'the id is escaped');
    assert.ok(!text.includes('signOut'), 'no command from the README survives');
    const commands = [...text.matchAll(/\]\(command:([\w.]+)\?/g)].map((m) => m[1]);
    assert.deepEqual(commands, ['huggingface.openCard', 'huggingface.openOnHub']);
    const arg = JSON.parse(decodeURIComponent(/command:huggingface\.openCard\?([^ )]+)/.exec(text)![1]));
    assert.deepEqual(arg, [{ type: 'model', id: SUPERSEDED }]);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['huggingface.openCard', 'huggingface.openOnHub'] });
    assert.ok(!md.supportHtml);
  });

  test('CodeLens above each call: "Open card" for every repo, "Insert snippet" for models, "Open viewer" for datasets', async () => {
    const doc = await openPython(
      [
        'from diffusers import DiffusionPipeline',
        'from datasets import load_dataset',
        'pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1")',
        'ds = load_dataset("nyu-mll/glue", "mrpc")',
        'tok = AutoTokenizer.from_pretrained("openai-community/gpt2")',
        '',
      ].join('\n'),
    );
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    const shown = lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, JSON.stringify(l.command?.arguments)]);
    assert.deepEqual(shown, [
      [2, '$(book) Open card', 'huggingface.openCard', JSON.stringify([{ type: 'model', id: 'stabilityai/stable-diffusion-2-1' }])],
      [2, '$(code) Insert snippet', 'huggingface.insertDiffusersSnippet', JSON.stringify(['stabilityai/stable-diffusion-2-1'])],
      [3, '$(book) Open card', 'huggingface.openCard', JSON.stringify([{ type: 'dataset', id: 'nyu-mll/glue' }])],
      [3, '$(table) Open viewer', 'huggingface.openDatasetViewer', JSON.stringify([{ type: 'dataset', id: 'nyu-mll/glue' }])],
      [4, '$(book) Open card', 'huggingface.openCard', JSON.stringify([{ type: 'model', id: 'openai-community/gpt2' }])],
      [4, '$(code) Insert snippet', 'huggingface.insertTransformersSnippet', JSON.stringify(['openai-community/gpt2'])],
    ]);
  });

  test('diagnostics: missing (warning), renamed, gated, custom code (information), newer version (hint); a known repo gets none', async () => {
    const doc = await openPython(
      [
        'from transformers import AutoModel, pipeline',
        'from datasets import load_dataset',
        `a = AutoModel.from_pretrained("${special.renamedModel.from}")`,
        `b = AutoModel.from_pretrained("${special.gatedModel}")`,
        `c = AutoModel.from_pretrained("${MISSING}")`,
        `d = AutoModel.from_pretrained("${special.customCodeModel}")`,
        `e = pipeline("text-generation", model="${SUPERSEDED}")`,
        `f = load_dataset("${special.renamedDataset.from}")`,
        'g = AutoModel.from_pretrained("openai-community/gpt2")',
        `h = AutoModel.from_pretrained("${special.customCodeModel}", trust_remote_code=True)`,
        '',
      ].join('\n'),
    );
    const diagnostics = await diagnosticsWhen(doc.uri, (ds) => ds.length >= 6, 'six diagnostics');
    const summary = diagnostics.map((d) => [d.range.start.line, codeOf(d), vscode.DiagnosticSeverity[d.severity]]).sort((x, y) => Number(x[0]) - Number(y[0]));
    assert.deepEqual(summary, [
      [2, 'repo-renamed', 'Information'],
      [3, 'repo-gated', 'Information'],
      [4, 'repo-not-found', 'Warning'],
      [5, 'custom-code', 'Information'],
      [6, 'new-version', 'Hint'],
      [7, 'repo-renamed', 'Information'],
    ]);
    const missing = diagnostics.find((d) => codeOf(d) === 'repo-not-found')!;
    assert.equal(doc.getText(missing.range), MISSING, 'the range is the string contents');
    assert.match(missing.message, /not found on the Hub, or it is private/);
  });

  test('quick fixes: use the new id, the closest ids, the newer version; add trust_remote_code=True as the user’s decision', async () => {
    const doc = await openPython(
      [
        'from transformers import AutoModel, pipeline',
        `a = AutoModel.from_pretrained("${special.renamedModel.from}")`,
        `c = AutoModel.from_pretrained("${MISSING}")`,
        `d = AutoModel.from_pretrained("${special.customCodeModel}", device_map="auto")`,
        `e = pipeline("text-generation", model="${SUPERSEDED}")`,
        '',
      ].join('\n'),
    );
    let diagnostics = await diagnosticsWhen(doc.uri, (ds) => ds.length === 4, 'four diagnostics');
    const byCode = (code: string) => diagnostics.find((d) => codeOf(d) === code)!;

    const renamed = await quickFixes(doc, byCode('repo-renamed'));
    const useNew = renamed.find((a) => a.title === `Use "${special.renamedModel.to}"`);
    assert.ok(useNew?.edit && useNew.isPreferred, JSON.stringify(renamed.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(useNew.edit));
    assert.equal(doc.lineAt(1).text, `a = AutoModel.from_pretrained("${special.renamedModel.to}")`);

    diagnostics = await diagnosticsWhen(doc.uri, (ds) => ds.length === 3, 'the renamed diagnostic to go');
    const missing = await quickFixes(doc, byCode('repo-not-found'));
    const titles = missing.map((a) => a.title);
    assert.equal(titles[0], 'Use "google-bert/bert-base-uncased"', JSON.stringify(titles));
    assert.ok(titles.includes('Sign in to Hugging Face'));
    assert.equal(missing.find((a) => a.title === 'Sign in to Hugging Face')?.command?.command, 'huggingface.signIn');
    assert.ok(await vscode.workspace.applyEdit(missing[0].edit!));
    assert.equal(doc.lineAt(2).text, 'c = AutoModel.from_pretrained("google-bert/bert-base-uncased")');

    diagnostics = await diagnosticsWhen(doc.uri, (ds) => ds.length === 2, 'the missing diagnostic to go');
    const custom = await quickFixes(doc, byCode('custom-code'));
    const trust = custom.find((a) => a.title.startsWith('Add trust_remote_code=True'));
    assert.ok(trust?.edit, JSON.stringify(custom.map((a) => a.title)));
    assert.match(trust.title, /your decision/);
    assert.match(trust.title, /runs hub-test\/custom-code-model's code on this machine/);
    assert.ok(!trust.isPreferred, 'never applied by "auto fix"');
    const review = custom.find((a) => a.title.startsWith('Review the code'));
    assert.equal(String(review?.command?.arguments?.[0]), `${hub.url}/hub-test/custom-code-model/tree/main`);
    assert.ok(await vscode.workspace.applyEdit(trust.edit));
    assert.equal(doc.lineAt(3).text, `d = AutoModel.from_pretrained("${special.customCodeModel}", device_map="auto", trust_remote_code=True)`);

    diagnostics = await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the custom-code diagnostic to go');
    const newer = await quickFixes(doc, byCode('new-version'));
    assert.ok(await vscode.workspace.applyEdit(newer.find((a) => a.title === 'Use the newer version "openai-community/gpt2"')!.edit!));
    assert.equal(doc.lineAt(4).text, 'e = pipeline("text-generation", model="openai-community/gpt2")');
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics left');
  });

  test('gated: "Request access" opens the Hub page and "Sign in" is offered; a signed-in stranger is told to request access', async () => {
    const content = `from transformers import AutoModel\nm = AutoModel.from_pretrained("${special.gatedModel}")\n`;
    let doc = await openPython(content);
    const [anonymous] = await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the gated diagnostic');
    assert.match(anonymous.message, /signed-in account that has been granted access/);
    const actions = await quickFixes(doc, anonymous);
    const request = actions.find((a) => a.title === `Request access to ${special.gatedModel} on the Hub`);
    // VS Code hands `vscode.open` back under its internal name.
    assert.match(String(request?.command?.command), /^(vscode|_workbench)\.open$/);
    assert.equal(String(request?.command?.arguments?.[0]), `${hub.url}/${special.gatedModel}`);
    assert.ok(actions.some((a) => a.command?.command === 'huggingface.signIn'));

    await closeAll();
    await useToken(users.stranger.token);
    try {
      doc = await openPython(content);
      const [stranger] = await diagnosticsWhen(doc.uri, (ds) => ds.length === 1 && /request access/.test(ds[0].message), 'the signed-in gated diagnostic');
      assert.match(stranger.message, /has not been granted access yet/);
      await closeAll();
      await useToken(users.hubTest.token);
      doc = await openPython(content);
      await waitFor('the access check with the approved token', () => (hub.requests.some((r) => r.path.endsWith('/auth-check') && r.status === 200) ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(ours(doc.uri), [], 'an approved account sees no diagnostic');
    } finally {
      await useToken(undefined);
    }
  });

  test('notebook cells get diagnostics and hovers too', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'from transformers import AutoModel', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, `m = AutoModel.from_pretrained("${MISSING}")`, 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(1).document;
    const [diagnostic] = await diagnosticsWhen(cell.uri, (ds) => ds.length === 1, 'a diagnostic in the cell');
    assert.equal(codeOf(diagnostic), 'repo-not-found');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.uri, at(cell, MISSING, 2));
    assert.ok(hovers.some((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Not found on the Hub'))));
  });

  test('cost: a 2,000-line file with 50 ids makes at most 50 detail requests; opening it again makes none', async () => {
    const models = hub.catalog
      .all('model')
      .filter((r) => !r.gated && !r.private && !r.disabled && r.origin !== 'extra')
      .slice(0, 49)
      .map((r) => r.id);
    assert.equal(models.length, 49);
    const ids = [...models, 'hub-test/budget-missing-model'];
    const lines = ['from transformers import AutoModel', ''];
    for (let i = 0; lines.length < 2_000; i++) {
      lines.push(i % 40 === 0 ? `m${i} = AutoModel.from_pretrained("${ids[(i / 40) % ids.length]}")` : `x${i} = ${i}  # filler`);
    }
    const content = lines.join('\n');
    assert.equal(new Set([...content.matchAll(/from_pretrained\("([^"]+)"\)/g)].map((m) => m[1])).size, 50);
    // The same Hub under another name: a new endpoint, so nothing earlier tests looked up is known.
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', hub.url.replace('127.0.0.1', 'localhost'), vscode.ConfigurationTarget.Global);
    try {
      hub.clearRequests();
      const doc = await openPython(content);
      await diagnosticsWhen(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'repo-not-found'), 'the missing id’s diagnostic', 15_000);
      const first = detailRequests();
      assert.equal(first.length, 50, 'one detail request per id');
      assert.equal(new Set(first).size, 50, 'no id asked twice');

      await closeAll();
      hub.clearRequests();
      const again = await openPython(content);
      await diagnosticsWhen(again.uri, (ds) => ds.some((d) => codeOf(d) === 'repo-not-found'), 'the diagnostic on re-opening');
      await vscode.commands.executeCommand('vscode.executeCodeLensProvider', again.uri);
      assert.deepEqual(detailRequests(), [], 'no detail request on re-opening');
    } finally {
      await vscode.workspace.getConfiguration('huggingface').update('endpoint', hub.url, vscode.ConfigurationTarget.Global);
    }
  });

  test('off: the setting removes diagnostics and completions', async () => {
    const doc = await openPython(`from transformers import AutoModel\nm = AutoModel.from_pretrained("${MISSING}")\n`);
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the diagnostic');
    await vscode.workspace.getConfiguration('huggingface').update('codeInsights.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics when off');
      hub.clearRequests();
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, MISSING, 3));
      assert.ok(!list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('/')), 'no repo ids offered');
      assert.deepEqual(hub.requests.map((r) => r.path), []);
    } finally {
      await vscode.workspace.getConfiguration('huggingface').update('codeInsights.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the diagnostic back when on');
  });

  test('rate limited: no diagnostics, never a false "not found"', async () => {
    const fault = hub.inject({ match: '/api/models/hub-test/rate-limited-', status: 429, retryAfter: 300 });
    try {
      hub.clearRequests();
      const doc = await openPython('from transformers import AutoModel\nm = AutoModel.from_pretrained("hub-test/rate-limited-probe")\n');
      await waitFor('the refused request', () => (hub.requests.some((r) => r.status === 429) ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 700));
      assert.deepEqual(ours(doc.uri), []);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'rate-limited-probe', 2));
      assert.ok(hovers.some((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Details unavailable'))));
    } finally {
      hub.clearFaults(fault);
    }
  });

  test('offline (nothing listening at the endpoint): no diagnostics, and known ones go away', async function () {
    this.timeout(40_000);
    const doc = await openPython(`from transformers import AutoModel\nm = AutoModel.from_pretrained("${MISSING}")\n`);
    await diagnosticsWhen(doc.uri, (ds) => ds.length === 1, 'the diagnostic while online');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    await vscode.workspace.getConfiguration('huggingface').update('endpoint', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
    try {
      // The hover waits for the same lookup the diagnostics wait for: once it says so, the lookup has failed.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, MISSING, 2));
      assert.ok(hovers.some((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Details unavailable'))));
      await diagnosticsWhen(doc.uri, (ds) => ds.length === 0, 'no diagnostics offline', 10_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(ours(doc.uri), []);
    } finally {
      await vscode.workspace.getConfiguration('huggingface').update('endpoint', hub.url, vscode.ConfigurationTarget.Global);
    }
  });
});
