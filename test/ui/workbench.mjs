// Page helpers for driving the VS Code 1.139 workbench (code-server) with playwright-core.
// Selectors belong to the pinned VS Code version; see /work/shared/docs/vscode-harness.md §3.

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the workbench has restored its editors and views (needs enable-smoke-test-driver). */
export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => window.driver !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(() => window.driver.whenWorkbenchRestored());
}

/** The activity-bar entry (its `li` tab) of a view container, by the container's title. */
export function activityBarItem(page, title) {
  return page.locator('.activitybar li.action-item', { has: page.locator(`a[aria-label^="${title}"]`) });
}

/** Opens a view container from the activity bar (clicking an open one would close it). */
export async function openViewContainer(page, title) {
  const item = activityBarItem(page, title);
  await item.waitFor({ timeout: 30_000 });
  if ((await item.getAttribute('aria-expanded')) !== 'true') {
    await item.click();
  }
  await page.locator('.sidebar .composite.title', { hasText: new RegExp(escapeRegExp(title), 'i') }).waitFor();
}

/** A view's pane in the side bar, by the view's name. */
export function pane(page, name) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}`, 'i') }) });
}

/** Expands a side-bar view if it is collapsed. */
export async function expandPane(page, name) {
  const header = pane(page, name).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) !== 'true') {
    await header.click();
  }
}

/** Texts of a view's tree rows, once `ready(texts)` accepts them. */
export async function waitForRows(page, name, ready, timeout = 15_000) {
  const rows = pane(page, name).locator('.monaco-list-row');
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = (await rows.allInnerTexts()).map((t) => t.trim());
    if (ready(texts)) return texts;
    if (Date.now() > deadline) throw new Error(`"${name}" rows never became ready; last seen: ${JSON.stringify(texts)}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Runs a command from the palette by clicking the row whose label is exactly `label` (Enter would run
 * whatever fuzzy match ranks first). Built-in labels carry their category, e.g. "File: New Untitled Text File".
 * A command that opens a quick pick or input box of its own passes that one's title as `opens`.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 * @param {{ opens?: string }} [options]
 */
export async function runCommand(page, label, { opens } = {}) {
  await startCommand(page, label);
  if (opens) await waitForQuickInput(page, opens);
  else await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Opens the command palette and returns its input (see closeAllEditors for what can keep it away).
 * @param {import('playwright-core').Page} page
 */
export async function openPalette(page) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  return input;
}

/** Runs the command with exactly this label from the palette, and returns without waiting for it. */
export async function startCommand(page, label) {
  const input = await openPalette(page);
  await input.fill(`>${label}`);
  await quickPickRow(page, label).first().click({ timeout: 10_000 });
}

/** Switches the color theme with the theme picker, as a user would. */
export async function setTheme(page, label) {
  await startCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input').fill(label);
  await quickPickRow(page, label).first().click();
}

/**
 * Closes every editor, dropping the journeys' unsaved untitled files, so no save dialog is left over the workbench
 * (a modal dialog keeps the palette from opening).
 * @param {import('playwright-core').Page} page
 */
export async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box').getByRole('button', { name: "Don't Save" });
  const asked = await dontSave.waitFor({ timeout: 2_000 }).then(() => true, () => false);
  if (asked) {
    await dontSave.click();
    await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
  }
}

/** The `h1` texts of every webview shown (each webview is two iframes deep: iframe.webview → #active-frame). */
export async function webviewHeadings(page) {
  const frames = page.locator('iframe.webview.ready');
  const headings = [];
  for (let i = 0; i < (await frames.count()); i++) {
    const h1 = frames.nth(i).contentFrame().locator('#active-frame').contentFrame().locator('h1');
    headings.push(...(await h1.allInnerTexts().catch(() => [])));
  }
  return headings;
}

/** The text of the active editor as rendered (Monaco renders spaces as NBSP). */
export async function activeEditorText(page) {
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines');
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** Waits until the quick input (palette, quick pick or input box) shows exactly this title. */
export async function waitForQuickInput(page, title) {
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) })
    .waitFor({ state: 'visible' });
}

/**
 * The rendered quick-pick rows whose label is exactly `label` (a string), or matches `label` (a RegExp, for
 * labels with a codicon such as "$(search) Show all …").
 */
export function quickPickRow(page, label) {
  const name = label instanceof RegExp ? label : new RegExp(`^${escapeRegExp(label)}$`);
  return page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: name }) });
}

/** Clicks the quick-pick row with exactly this label (see quickPickRow). */
export async function pickQuickPickItem(page, label) {
  await quickPickRow(page, label).first().click();
}

/** The rendered rows of the open quick pick: { label, description, focused } (the list is virtualised). */
export async function quickPickItems(page) {
  return page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
    rows
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => ({
        label: row.querySelector('.label-name')?.textContent.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent.trim() ?? '',
        focused: row.classList.contains('focused'),
      })),
  );
}

/** The description a view shows in its header (e.g. a tree view's `description`), or '' for none. */
export async function paneDescription(page, name) {
  const description = pane(page, name).locator('.pane-header .description');
  return (await description.count()) ? (await description.innerText()).trim() : '';
}

/** Clicks a view's title-bar action by its label; the actions only show while the pane is hovered or focused. */
export async function clickViewAction(page, name, actionLabel) {
  const header = pane(page, name).locator('.pane-header');
  await header.hover();
  await header.locator(`.actions a.action-label[aria-label="${actionLabel}"]`).click();
}

/** Collapses a side-bar view if it is expanded. */
export async function collapsePane(page, name) {
  const header = pane(page, name).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') {
    await header.click();
  }
}

/** Makes the primary side bar at least `width` px wide by dragging its sash (so row descriptions fit). */
export async function widenSideBar(page, width) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar || sidebar.width >= width) return;
  const sash = await page.locator('.monaco-sash.primary-sidebar-sash').boundingBox();
  const x = sash.x + sash.width / 2;
  const y = sash.y + sash.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - sidebar.width) / 2, y, { steps: 2 });
  await page.mouse.move(x + width - sidebar.width, y, { steps: 2 });
  await page.mouse.up();
}

/** The rendered rows of a view's tree: { index, level, label, description, last } in list order. */
export async function treeRows(page, name) {
  return pane(page, name)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({
          index: Number(row.dataset.index),
          level: Number(row.getAttribute('aria-level')),
          label: row.querySelector('.label-name')?.textContent.trim() ?? '',
          description: row.querySelector('.label-description')?.textContent.trim() ?? '',
          last: row.dataset.lastElement === 'true',
        }))
        .sort((a, b) => a.index - b.index),
    );
}

/**
 * Every row of a view's tree, rendered or not: pages through the virtualised list with the keyboard
 * (Home, then PageDown to the last row) and leaves the focus on the first row again.
 */
export async function allTreeRows(page, name) {
  const list = pane(page, name).locator('.monaco-list');
  await list.focus();
  await page.keyboard.press('Home');
  const seen = new Map();
  let rows = await treeRows(page, name);
  for (let i = 0; i < 200; i++) {
    rows.forEach((row) => seen.set(row.index, row));
    if (rows.some((row) => row.last)) break;
    const reached = Math.max(...seen.keys());
    await page.keyboard.press('PageDown');
    // The list renders the new page a frame or more after the key: read it only once it shows rows past the
    // last one read, or a second PageDown would skip the rows in between.
    for (let wait = 0; wait < 40; wait++) {
      rows = await treeRows(page, name);
      if (rows.some((row) => row.index > reached)) break;
      await page.waitForTimeout(50);
    }
  }
  await page.keyboard.press('Home');
  const all = [...seen.values()].sort((a, b) => a.index - b.index);
  const gap = all.findIndex((row, i) => row.index !== all[0].index + i);
  if (gap > 0) throw new Error(`${name}: rows ${all[gap - 1].index + 1}–${all[gap].index - 1} were never rendered while paging`);
  return all;
}

/**
 * The first model the Models view shows whose detail body, as the embedded Hub serves it, passes `accept`.
 * Returns { body, labels } (labels: the rows read), body undefined when none does.
 */
export async function listedModel(page, hub, accept, { rows = Infinity } = {}) {
  const labels = (await pane(page, 'Models').locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  for (const id of labels.slice(0, rows)) {
    const body = await (await fetch(`${hub.url}/api/models/${id}`)).json().catch(() => ({}));
    if (accept(body)) {
      return { body, labels };
    }
  }
  return { body: undefined, labels };
}
