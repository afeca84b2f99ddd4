// UI journey for signing in: from the status bar with an access token typed into the password box, the account shows
// in the status bar and "My models" lists the user's private repo, and a gated card says the account has access;
// signing out from the palette undoes all three. The token must never appear on the page. `ctx` is { page, hub, shot }
// (see run.mjs).
import assert from 'node:assert/strict';
import { SPECIAL_REPOS, TEST_USERS } from '../hub-server/server.mjs';
import { cardFrame, closeTab, openCard, until } from './card-journeys.mjs';
import { expandPane, openViewContainer, pane, pickQuickPickItem, runCommand, treeRows, waitForQuickInput, waitForRows } from './workbench.mjs';

const user = TEST_USERS.hubTest;
const gated = SPECIAL_REPOS.gatedModel;

/** The gated-state line of a card page, once it reads `expected`. */
async function gatedState(page, expected) {
  const frame = await cardFrame(page, gated);
  return until(frame, `the card to say "${expected}"`, (text) => {
    const state = document.querySelector('.state.gated')?.textContent ?? '';
    return state.includes(text) ? state : '';
  }, expected);
}

function accountEntry(page) {
  return page.locator('.statusbar-item', { hasText: 'Hugging Face' }).or(page.locator('.statusbar-item', { hasText: user.name })).first();
}

async function waitForStatus(page, text) {
  await page.locator('.statusbar-item', { hasText: text }).first().waitFor({ timeout: 15_000 });
}

export const authJourneys = [
  {
    name: 'signs in from the status bar, sees "My models" with a private repo, signs out',
    async run({ page, shot }) {
      await openViewContainer(page, 'Hugging Face');
      await expandPane(page, 'Models');
      await waitForRows(page, 'Models', (rows) => rows.length > 1);

      await accountEntry(page).click();
      await waitForQuickInput(page, 'Hugging Face Account');
      await pickQuickPickItem(page, /Sign in with an access token…$/);
      await waitForQuickInput(page, 'Sign in to Hugging Face');
      const input = page.locator('.quick-input-widget input');
      assert.equal(await input.getAttribute('type'), 'password', 'the token is typed into a password box');
      await input.fill(user.token);
      await page.keyboard.press('Enter');

      await waitForStatus(page, user.name);
      const rows = await waitForRows(page, 'Models', (texts) => texts[0]?.startsWith('My models'));
      assert.ok(rows.some((t) => t.startsWith(`${user.orgs[0]} (organisation)`)), `rows: ${JSON.stringify(rows.slice(0, 4))}`);
      await pane(page, 'Models').locator('.monaco-list-row', { hasText: 'My models' }).first().click();
      await waitForRows(page, 'Models', (texts) => texts.some((t) => t.startsWith('hub-test/private-model')));
      const privateRow = (await treeRows(page, 'Models')).find((r) => r.label === 'hub-test/private-model');
      assert.match(privateRow.description, /private/);
      assert.ok(!(await page.content()).includes(user.token), 'the token is not on the page');
      await shot('signed-in');

      // The output channel logs every request and the sign-in, and never the token: the Output view's own filter
      // searches the whole log (the view only renders the lines on screen).
      await runCommand(page, 'Hugging Face: Show Log');
      const log = page.locator('.part.panel .monaco-editor .view-lines');
      await log.filter({ hasText: /GET\shttp:\/\/127\.0\.0\.1:\d+\/api\// }).waitFor({ timeout: 10_000 });
      const filter = page.locator('.part.panel input[placeholder^="Filter"]');
      await filter.fill('Signed in as');
      await log.filter({ hasText: new RegExp(`Signed\\sin\\sas\\s${user.name}`) }).waitFor({ timeout: 10_000 });
      await filter.fill(user.token);
      await page.waitForTimeout(500);
      const tokenLines = (await log.innerText()).replace(/\u00a0/g, ' ').trim();
      assert.equal(tokenLines, '', 'no line of the log holds the token');
      await filter.fill('');
      await shot('log-without-token');

      // A gated model's card runs the Hub's auth-check: this account was granted access.
      await openCard(page, gated);
      await gatedState(page, 'you have access');
      assert.ok(!(await page.content()).includes(user.token), 'the token is not on the page');
      await shot('gated-card-with-access');

      await runCommand(page, 'Hugging Face: Sign Out');
      await waitForStatus(page, 'Hugging Face');
      await waitForRows(page, 'Models', (texts) => texts.length > 1 && !texts.some((t) => t.startsWith('My models')));
      assert.equal(await pane(page, 'Models').locator('.monaco-list-row', { hasText: 'hub-test/private-model' }).count(), 0);
      // The open card loads again without the token: it now asks to sign in, and offers to.
      await gatedState(page, 'sign in');
      const buttons = await (await cardFrame(page, gated)).evaluate(() => [...document.querySelectorAll('.card-header vscode-button')].map((b) => b.textContent));
      assert.deepEqual(buttons.slice(0, 2), ['Sign in', 'Request access']);
      await shot('gated-card-signed-out');
      await closeTab(page, gated);
    },
  },
];
