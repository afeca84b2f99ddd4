// Code insights against repos whose Hub metadata is aimed at the user's code, served by an embedded Hub started in
// this extension host with its hostile repos (test/hub-server/hostile.mjs, HOSTILE_CODE_REPOS): every quick fix
// offered for a repo whose card names a hostile `new_version`, or that redirects to an id which is code, is applied,
// and the file must still hold exactly one string literal, a valid repo id. A valid newer version is still offered and
// applied. A hover on a repo whose README is a 64 KB paragraph of unclosed brackets answers within 200 ms of the
// extension host's CPU time (this host also runs the Hub; wall-clock time is reported beside it, since other processes
// on a loaded machine stretch it without the hover doing more work).
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { isStringToken, tokenize } from '../../src/code/pyTokens';
import { isValidRepoId } from '../../src/hub/repoId';
import type { HOSTILE_CODE_REPOS as HostileCodeRepos } from '../hub-server/hostile.mjs';
import { extension, useToken, waitFor, withHub } from './helpers';
import { closeEditors, codeOf, ours, PythonFiles } from './python';

const HOVER_BUDGET_MS = 200;

let repos: typeof HostileCodeRepos;
const python = new PythonFiles('hf-hostile-fixes');
const openPython = (content: string) => python.open(content);

/** The contents of every string literal in a Python source. */
function literals(source: string): string[] {
  return tokenize(source)
    .filter(isStringToken)
    .map((t) => source.slice(t.contentStart, t.contentEnd));
}

async function quickFixes(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
}

/** Puts the document back to `text` (after a fix was applied). */
async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/**
 * Opens a file that loads `id`, waits for its diagnostics (every repo here is tagged custom_code, so there is always
 * one), applies every quick fix that edits the file, and returns what each fix left in the string.
 */
async function applyEveryFix(id: string): Promise<{ titles: string[]; ids: string[]; codes: string[] }> {
  const text = `from transformers import AutoModel\nmodel = AutoModel.from_pretrained("${id}")\n`;
  const doc = await openPython(text);
  const diagnostics = await waitFor(`diagnostics for ${id}`, () => {
    const ds = ours(doc.uri);
    return ds.some((d) => codeOf(d) === 'custom-code') ? ds : undefined;
  }, 10_000);
  const titles: string[] = [];
  const ids: string[] = [];
  for (const diagnostic of diagnostics) {
    for (const fix of await quickFixes(doc, diagnostic)) {
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), fix.title);
      const after = literals(doc.getText());
      assert.equal(after.length, 1, `${id}: "${fix.title}" left ${after.length} string literals: ${doc.getText()}`);
      assert.ok(isValidRepoId(after[0]), `${id}: "${fix.title}" wrote ${JSON.stringify(after[0])}`);
      titles.push(fix.title);
      ids.push(after[0]);
      await restore(doc, text);
    }
  }
  return { titles, ids, codes: diagnostics.map(codeOf) };
}

suite('Hostile Hub metadata in code insights', () => {
  withHub({
    hub: () => ({ hostile: true }),
    cleanup: async () => {
      await closeEditors();
      python.remove();
    },
  });

  suiteSetup(async () => {
    const hostile = pathToFileURL(path.join(extension().extensionPath, 'test', 'hub-server', 'hostile.mjs')).href;
    repos = ((await import(hostile)) as { HOSTILE_CODE_REPOS: typeof HostileCodeRepos }).HOSTILE_CODE_REPOS;
    await useToken(undefined);
  });

  teardown(closeEditors);

  test('a card whose new_version is code: every fix offered leaves one string literal with a valid repo id', async () => {
    let applied = 0;
    for (const id of repos.newVersions) {
      const { titles, ids, codes } = await applyEveryFix(id);
      assert.ok(!codes.includes('new-version'), `${id}: a hostile new_version is no finding: ${codes.join(', ')}`);
      assert.ok(!titles.some((t) => t.startsWith('Use')), `${id}: ${titles.join(' | ')}`);
      assert.deepEqual([...new Set(ids)], [id], `${id}: only the trust_remote_code fix edits, and it keeps the id`);
      applied += titles.length;
    }
    console.log(`      ${repos.newVersions.length} hostile new_version values: ${applied} fixes applied, none wrote Hub text into the string`);
  });

  test('a rename to an id that is code or too long is no rename: no "Use …" fix, every fix keeps the id', async () => {
    for (const [from] of Object.entries(repos.renames)) {
      const { titles, ids, codes } = await applyEveryFix(from);
      assert.ok(!codes.includes('repo-renamed'), `${from}: ${codes.join(', ')}`);
      assert.ok(!titles.some((t) => t.startsWith('Use')), `${from}: ${titles.join(' | ')}`);
      assert.deepEqual([...new Set(ids)], [from]);
    }
  });

  test('a valid newer version is still offered, and applying it writes exactly that id', async () => {
    const { titles, ids, codes } = await applyEveryFix(repos.validNewVersion);
    assert.ok(codes.includes('new-version'), codes.join(', '));
    assert.ok(titles.includes('Use the newer version "openai-community/gpt2"'), titles.join(' | '));
    assert.ok(ids.includes('openai-community/gpt2'), ids.join(', '));
  });

  test(`hover on a repo whose README is a 64 KB paragraph of unclosed brackets answers within ${HOVER_BUDGET_MS} ms of CPU`, async () => {
    const text = `from transformers import AutoModel\nm = AutoModel.from_pretrained("openai-community/gpt2")\n${repos.stallReadmes.map((id, i) => `m${i} = AutoModel.from_pretrained("${id}")`).join('\n')}\n`;
    const doc = await openPython(text);
    // A hover on an ordinary card first: the budget is for the hostile README, not for loading the hover's code.
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, doc.positionAt(text.indexOf('openai-community/gpt2') + 3));
    const timings: string[] = [];
    for (const id of repos.stallReadmes) {
      const position = doc.positionAt(doc.getText().indexOf(id) + 3);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      const spent = process.cpuUsage(cpu);
      const cpuMs = (spent.user + spent.system) / 1000;
      const ms = performance.now() - started;
      const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Open card'));
      assert.ok(md, `${id}: a hover card`);
      assert.ok(md.value.replace(/\\(.)/g, '$1').includes('A model card whose first paragraph never closes what it opens'), `${id}: the paragraph is read`);
      timings.push(`${id.replace('hostile-test/', '')} ${Math.round(cpuMs)} ms CPU (${Math.round(ms)} ms wall clock)`);
      assert.ok(cpuMs < HOVER_BUDGET_MS, `${id}: the hover took ${Math.round(cpuMs)} ms of CPU (${Math.round(ms)} ms wall clock)`);
    }
    console.log(`      hover on a 64 KB hostile README: ${timings.join(', ')}`);
  });
});
