// UI journeys through repo files as read-only documents (the hf: file system): a file row in the Models tree opens
// its file in an editor tab, titled by the extension's label formatter, coloured by its language, and read-only.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { closeTab } from './card-journeys.mjs';
import { activeEditorText, expandPane, listedModel, openViewContainer, pane, treeRows, waitForRows, waitForWorkbench } from './workbench.mjs';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row of the Models tree by its label (and, for files, the tree level it is at). */
function row(page, label, level) {
  const rows = pane(page, 'Models').locator(`.monaco-list-row${level ? `[aria-level="${level}"]` : ''}`);
  return rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
}

/** Polls `probe()` until it returns something other than undefined; throws with `what` after `timeout`. */
async function until(page, what, probe, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: never happened`);
    await page.waitForTimeout(150);
  }
}

export const fsJourneys = [
  {
    name: 'opens config.json from a model’s files in the Models tree: a read-only JSON editor titled by the label formatter',
    async run({ page, hub, shot }) {
      await openViewContainer(page, 'Hugging Face');
      await expandPane(page, 'Models');
      await waitForRows(page, 'Models', (rows) => rows.length > 3 && !rows[0].includes('Loading'));
      // A model the view lists whose files anyone may read, with a config.json.
      const { body: model, labels } = await listedModel(
        page,
        hub,
        (body) => !body.gated && !body.private && (body.siblings ?? []).some((s) => s.rfilename === 'config.json'),
        { rows: 12 },
      );
      assert.ok(model, `a public model with a config.json among ${JSON.stringify(labels)}`);
      const name = model.id.slice(model.id.indexOf('/') + 1);
      const expected = await (await fetch(`${hub.url}/${model.id}/resolve/main/config.json`)).text();
      const tabTitle = `config.json — ${name}`;

      const repoRow = row(page, model.id, 1);
      try {
        // Expand with the twistie: a click on the row itself opens the card.
        if ((await repoRow.getAttribute('aria-expanded')) !== 'true') await repoRow.locator('.monaco-tl-twistie').click();
        const fileRow = row(page, 'config.json', 2);
        await fileRow.waitFor({ timeout: 15_000 });
        const files = (await treeRows(page, 'Models')).filter((r) => r.level === 2);
        assert.ok(files.some((r) => r.label === 'config.json' && /\d+ B$/.test(r.description)), `config.json shows its size: ${JSON.stringify(files)}`);
        await shot('model files');

        hub.clearRequests();
        await fileRow.click();
        const tab = page.locator('.tabs-container .tab.active', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(tabTitle)}$`) }) });
        await tab.waitFor({ timeout: 15_000 });
        assert.ok(await tab.evaluate((el) => el.classList.contains('preview') || !!el.querySelector('.label-name.italic, .monaco-icon-label.italic')), 'a preview tab');
        const text = await until(page, 'the file text in the editor', async () => {
          const shown = await activeEditorText(page).catch(() => '');
          return shown.includes('"model_type"') ? shown : undefined;
        });
        // The editor renders only the lines in view; every one of them is from the Hub's file.
        const expectedLines = expected.split('\n').map((line) => line.trimEnd());
        for (const line of text.split('\n').map((l) => l.trimEnd()).filter(Boolean)) {
          assert.ok(expectedLines.includes(line), `"${line}" is a line of the Hub's config.json`);
        }
        const resolved = hub.requests.filter((r) => r.path.includes('/resolve/'));
        assert.deepEqual(resolved.map((r) => r.path), [`/${model.id}/resolve/main/config.json`], 'one download, of config.json');

        // JSON colouring: keys and values are drawn in different token colours; the status bar names the language.
        const editor = page.locator('.editor-group-container.active .editor-instance .monaco-editor');
        const colours = await editor.locator('.view-lines span[class^="mtk"], .view-lines span[class*=" mtk"]').evaluateAll((spans) => [
          ...new Set(spans.map((s) => window.getComputedStyle(s).color)),
        ]);
        assert.ok(colours.length >= 3, `tokens in several colours: ${JSON.stringify(colours)}`);
        await page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: /^\s*JSON\s*$/ }).waitFor();

        // Typing changes nothing: the editor is read-only.
        await editor.locator('.view-lines').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('x');
        await page.waitForTimeout(300);
        assert.equal(await activeEditorText(page), text, 'the text did not change');
        assert.equal(await tab.evaluate((el) => el.classList.contains('dirty')), false);
        await page.locator('.monaco-editor-overlaymessage', { hasText: 'Files on the Hugging Face Hub open read-only.' }).waitFor();
        await shot('config.json read-only editor');
      } finally {
        await closeTab(page, tabTitle);
        if ((await repoRow.getAttribute('aria-expanded').catch(() => null)) === 'true') await repoRow.locator('.monaco-tl-twistie').click();
      }
    },
  },
  {
    name: 'opens a model repo as a virtual workspace folder: the Explorer lists its files and opens one',
    async run({ page, hub, shot }) {
      const id = 'google-bert/bert-base-uncased';
      const folder = `hf:/models/${id}?${JSON.stringify({ rev: 'main', label: 'bert-base-uncased' })}`;
      const tree = await (await fetch(`${hub.url}/api/models/${id}/tree/main`)).json();
      // A second window on the same VS Code, with the repo as its only folder: nothing on disk.
      const virtual = await page.context().newPage();
      try {
        await virtual.goto(`${new URL(page.url()).origin}/?folder=${encodeURIComponent(folder)}`);
        await waitForWorkbench(virtual);
        const explorer = virtual.locator('.explorer-folders-view');
        await explorer.waitFor({ timeout: 30_000 });
        const names = await until(virtual, 'the repo files in the Explorer', async () => {
          const shown = (await explorer.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
          return shown.includes('config.json') ? shown : undefined;
        });
        const top = tree.map((e) => e.path).sort((a, b) => a.localeCompare(b));
        assert.ok(names.every((n) => top.includes(n)), `Explorer rows ${JSON.stringify(names)} are the repo's files ${JSON.stringify(top)}`);
        await explorer.locator('.monaco-list-row', { has: virtual.locator('.label-name', { hasText: /^config\.json$/ }) }).click();
        await virtual
          .locator('.tabs-container .tab.active', { has: virtual.locator('.label-name', { hasText: /^config\.json — bert-base-uncased$/ }) })
          .waitFor({ timeout: 15_000 });
        await until(virtual, 'config.json in the editor', async () => ((await activeEditorText(virtual).catch(() => '')).includes('"model_type"') ? true : undefined));
        await shot('virtual folder', virtual);
      } finally {
        await virtual.close();
      }
    },
  },
];
