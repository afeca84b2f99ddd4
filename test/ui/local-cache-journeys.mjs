// UI journey for the Local Cache view in the real workbench: the welcome of an empty cache, a cache written by hand in
// huggingface_hub's layout (in the run's own HF_HUB_CACHE, set by run.mjs) appearing with sizes and revisions, the
// cached mark on the Models row of a cached repo, and deleting that repo through its modal confirmation with the bytes.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clickViewAction, collapsePane, expandPane, openViewContainer, pane, treeRows, waitForRows, widenSideBar } from './workbench.mjs';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sha = (algo, text) => createHash(algo).update(text).digest('hex');

/** One repo in huggingface_hub's layout: blobs by sha256, a ref, a snapshot of relative symlinks. */
function writeRepo(cache, type, id, ref, files) {
  const root = path.join(cache, [`${type}s`, ...id.split('/')].join('--'));
  const commit = sha('sha1', `${id}@${ref}`);
  mkdirSync(path.join(root, 'blobs'), { recursive: true });
  mkdirSync(path.join(root, 'refs'), { recursive: true });
  writeFileSync(path.join(root, 'refs', ref), commit);
  for (const [file, content] of Object.entries(files)) {
    const blob = path.join(root, 'blobs', sha('sha256', content));
    writeFileSync(blob, content);
    const link = path.join(root, 'snapshots', commit, ...file.split('/'));
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), blob), link);
  }
}

const rowOf = (page, view, label) =>
  pane(page, view)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });

export const localCacheJourneys = [
  {
    name: 'local cache: sizes and revisions in the view, the cached mark in Models, delete with confirmation',
    timeout: 90_000,
    async run({ page, shot }) {
      const cache = process.env.HF_HUB_CACHE;
      assert.ok(cache, 'run.mjs gives the run a cache folder of its own');
      await openViewContainer(page, 'Hugging Face');
      await widenSideBar(page, 520);
      await expandPane(page, 'Models');
      const [first] = await waitForRows(page, 'Models', (texts) => texts.length > 3);
      const models = await treeRows(page, 'Models');
      const cachedId = models.find((r) => r.label.includes('/'))?.label ?? models[0].label;
      assert.ok(first);

      await expandPane(page, 'Local Cache');
      const welcome = pane(page, 'Local Cache').locator('.welcome-view-content');
      await welcome.waitFor({ timeout: 15_000 });
      assert.match(await welcome.innerText(), /Nothing is in your Hugging Face cache yet/);
      await shot('empty cache welcome');

      writeRepo(cache, 'model', cachedId, 'main', { 'config.json': '{}'.padEnd(1500, ' '), 'model.safetensors': 'w'.repeat(2_400_000) });
      writeRepo(cache, 'model', 'hub-test/tiny', 'main', { 'config.json': '{"model_type":"gpt2"}\n', 'tokenizer/vocab.txt': 'a\nb\n' });
      writeRepo(cache, 'dataset', 'hub-test/rows.v1', 'v1.0', { 'data/train.csv': 'a,b\n1,2\n'.repeat(5000) });
      // The watcher on the cache folder picks the new repos up; the title action is the user's way to ask.
      await clickViewAction(page, 'Local Cache', 'Refresh Local Cache');
      const rows = await waitForRows(page, 'Local Cache', (texts) => texts.some((t) => t.includes(cachedId)) && texts.length >= 3);
      assert.ok(rows[0].includes(cachedId), `biggest first: ${JSON.stringify(rows)}`);
      const listed = await treeRows(page, 'Local Cache');
      assert.match(listed[0].description, /^2\.4 MB · 1 revision · used/);
      await rowOf(page, 'Local Cache', cachedId).click();
      await waitForRows(page, 'Local Cache', (texts) => texts.some((t) => /^main/.test(t)));
      await rowOf(page, 'Local Cache', 'main').click();
      await waitForRows(page, 'Local Cache', (texts) => texts.some((t) => t.startsWith('model.safetensors')));
      await shot('local cache with sizes');

      const marked = await waitForRows(page, 'Models', (texts) => texts.some((t) => t.includes('✓ cached')));
      assert.ok(marked.some((t) => t.includes(cachedId) && t.includes('✓ cached 2.4 MB')), JSON.stringify(marked));
      await collapsePane(page, 'Local Cache');
      await shot('cached mark in models');
      await expandPane(page, 'Local Cache');

      const repoRow = rowOf(page, 'Local Cache', cachedId);
      await repoRow.click({ button: 'right' });
      const item = page.locator('.monaco-menu .action-item', { has: page.locator('.action-label', { hasText: /^Delete from Cache…$/ }) });
      await item.waitFor();
      await page.waitForTimeout(300); // the menu fades in
      await item.click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      const asked = await dialog.innerText();
      assert.match(asked, new RegExp(`Delete ${escapeRegExp(cachedId)} \\(1 revision, 2\\.4 MB\\) from your Hugging Face cache\\? This frees 2\\.4 MB`), asked);
      await shot('delete confirmation');
      await dialog.locator('.monaco-button', { hasText: /^Delete$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await waitForRows(page, 'Local Cache', (texts) => !texts.some((t) => t.includes(cachedId)) && texts.length > 0);
      await waitForRows(page, 'Models', (texts) => !texts.some((t) => t.includes('✓ cached')));
    },
  },
];
