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
 */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  await row.first().click({ timeout: 10_000 });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
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
