// UI journeys of Inference Providers in the real workbench (code-server + Chromium), against the embedded Hub's router:
// a card's providers section; Try it asking to sign in in place, then streaming a chat (rendered markdown, Stop) in the
// dark and light themes; the hostile corpus as model output through the real page; a text-to-image answer.
// `ctx` is { page, hub, shot } (see run.mjs).
import assert from 'node:assert/strict';
import { TEST_USERS } from '../hub-server/server.mjs';
import { readVectors } from '../hub-server/hostile.mjs';
import { cardFrame, closeTab, cspViolations, openCard, rendered, until } from './card-journeys.mjs';
import { canary, watching } from './hostile-journeys.mjs';
import { activeEditorText, closeAllEditors, runCommand, setTheme, waitForQuickInput, webviewHeadings } from './workbench.mjs';

const CHAT = 'kestrel-labs/Kestrel-2-7B-Instruct';
const IMAGE = 'black-forest-labs/FLUX.1-dev';
const user = TEST_USERS.hubTest;
/** What DOMPurify's inert parsing document reports refusing (it inherits the page's CSP); nothing of it reaches the page. */
const PARSE_TIME = /^(script-src-attr inline|script-src-elem inline|style-src-attr inline|style-src-elem inline|base-uri \S+) try\.js$/;

let routerSet = false;

/**
 * Points the extension at the embedded router (once per run), typed into settings.json as a user would: a new first
 * entry after its `{`, so nothing already there has to be read back from the editor.
 */
async function useEmbeddedRouter(page, hub) {
  if (routerSet) return;
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.editor-group-container.active .monaco-editor').first().click();
  const entry = `"huggingface.inference.router": "${hub.url}/router"`;
  const text = (await activeEditorText(page)).trim();
  if (text === '' || /^\{\s*\}$/.test(text)) {
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(`{\n  ${entry}\n}\n`);
  } else {
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('End');
    await page.keyboard.insertText(`\n  ${entry},`);
  }
  await page.keyboard.press('ControlOrMeta+S');
  await page.waitForTimeout(500);
  await page.keyboard.press('ControlOrMeta+W');
  routerSet = true;
}

/** Signs in with the test account's token from the status bar, unless it is signed in already. */
async function signIn(page) {
  if (await page.locator('.statusbar-item', { hasText: user.name }).count()) return;
  await page.locator('.statusbar-item', { hasText: 'Hugging Face' }).first().click();
  await waitForQuickInput(page, 'Hugging Face Account');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sign in with an access token' }).first().click();
  await waitForQuickInput(page, 'Sign in to Hugging Face');
  await page.locator('.quick-input-widget input').fill(user.token);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: user.name }).first().waitFor({ timeout: 15_000 });
}

/** "Try with Inference Providers" from the palette, with the model id typed in. */
async function tryFromPalette(page, model) {
  await runCommand(page, 'Hugging Face: Try with Inference Providers', { opens: 'Try a Model with Inference Providers' });
  await page.locator('.quick-input-widget input').fill(model);
  await page.keyboard.press('Enter');
  return tryFrame(page, model);
}

/** The inner frame of the Try it page of `model`. */
async function tryFrame(page, model, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await page.locator('iframe.webview.ready').elementHandles()) {
      const inner = await (await (await handle.contentFrame())?.$('#active-frame'))?.contentFrame();
      const heading = await inner?.evaluate(() => document.querySelector('main#try h1')?.textContent ?? null).catch(() => null);
      if (heading === model) return inner;
    }
    if (Date.now() > deadline) throw new Error(`no Try it page shows "${model}"; headings: ${JSON.stringify(await webviewHeadings(page))}`);
    await page.waitForTimeout(200);
  }
}

/** Types `text` into the page's message box and sends it with Enter, as a user would. */
async function send(frame, text) {
  const prompt = frame.locator('textarea.prompt');
  await prompt.waitFor();
  await prompt.fill(text);
  await prompt.press('Enter');
}

/** Waits until the page has no answer streaming; returns the last answer's text and HTML facts. */
async function answered(frame) {
  await until(frame, 'the answer to finish', () => document.getElementById('try')?.getAttribute('aria-busy') === 'false' && document.querySelector('.turn.assistant:last-child .answer')?.textContent);
  return frame.evaluate(() => {
    const answer = [...document.querySelectorAll('.turn.assistant .answer')].pop();
    return { text: answer?.textContent ?? '', strong: answer?.querySelectorAll('strong').length ?? 0, items: answer?.querySelectorAll('li').length ?? 0, code: answer?.querySelector('pre code')?.textContent ?? '' };
  });
}

export const inferenceJourneys = [
  {
    name: 'Try it from a model card: the providers section, Sign in in place, a chat streamed and stopped, in the dark and light themes',
    timeout: 150_000,
    async run({ page, hub, shot }) {
      await useEmbeddedRouter(page, hub);
      await openCard(page, CHAT);
      const card = await cardFrame(page, CHAT);
      await rendered(card);
      const rows = await card.evaluate(() => [...document.querySelectorAll('.providers tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
      assert.deepEqual(
        rows.map((r) => r.slice(0, 3).join(' | ')),
        ['Fireworks | conversational | Live', 'Together AI | conversational | Live', 'Novita | conversational | Staging (for tests)'],
      );
      assert.ok(rows.every((r) => r[3].length > 0), 'each row names the model id at the provider');
      await card.locator('.providers').scrollIntoViewIfNeeded();
      await shot('card-inference-providers');

      await card.locator('vscode-button[data-action="tryModel"]').click();
      let frame = await tryFrame(page, CHAT);
      await send(frame, 'hello');
      await until(frame, 'the sign-in problem', () => document.querySelector('#problem')?.textContent?.includes('signed in'));
      await shot('try-it-sign-in');
      // Sign in from the page itself: the account's sign-in box opens.
      await frame.locator('#problem vscode-button[data-action="signIn"]').click();
      await waitForQuickInput(page, 'Hugging Face Account').catch(() => undefined);
      const signInItem = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sign in with an access token' });
      if (await signInItem.count()) await signInItem.first().click();
      await waitForQuickInput(page, 'Sign in to Hugging Face');
      await page.locator('.quick-input-widget input').fill(user.token);
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item', { hasText: user.name }).first().waitFor({ timeout: 15_000 });

      frame = await tryFrame(page, CHAT);
      await until(frame, 'the page without the problem', () => !document.querySelector('#problem'));
      await frame.locator('details.settings summary').click();
      await frame.locator('#f-system-prompt').fill('Answer briefly.');
      await send(frame, 'Explain **attention** in one line.');
      const answer = await answered(frame);
      assert.ok(answer.text.includes('Explain attention in one line.'), answer.text.slice(0, 200));
      assert.ok(answer.text.includes('Answer briefly.'), 'the system prompt was sent');
      assert.ok(answer.strong >= 1 && answer.items >= 3 && answer.code.includes('print(answer)'), JSON.stringify(answer));
      assert.deepEqual(await cspViolations(frame), []);
      assert.ok(!(await page.content()).includes(user.token), 'the token is not on the page');

      // An answer that never ends streams until Stop; what arrived stays.
      await setTheme(page, 'Dark Modern');
      frame = await tryFrame(page, CHAT);
      await send(frame, '/endless');
      await until(frame, 'tokens streaming', () => document.getElementById('try')?.getAttribute('aria-busy') === 'true' && (document.querySelector('.turn.assistant:last-child .answer')?.textContent?.length ?? 0) > 300);
      await shot('try-it-chat-streaming-dark');
      await frame.locator('vscode-button[data-action="stop"]').click();
      await until(frame, 'the stream to stop', () => document.getElementById('try')?.getAttribute('aria-busy') === 'false' && document.querySelector('vscode-button[data-action="send"]'));
      assert.ok(!(await frame.evaluate(() => document.querySelector('#problem')?.textContent ?? '')), 'Stop is not an error');

      await setTheme(page, 'Light Modern');
      frame = await tryFrame(page, CHAT);
      await frame.locator('.turn.assistant').first().scrollIntoViewIfNeeded();
      await shot('try-it-chat-light');
      await setTheme(page, 'Dark Modern');
      await closeTab(page, `${CHAT} · Try it`);
      await closeTab(page, CHAT);
    },
  },
  {
    name: 'the hostile corpus as model output renders as text in the real Try it page: nothing runs, nothing loads',
    timeout: 120_000,
    async run({ page, hub, shot }) {
      await useEmbeddedRouter(page, hub);
      const frame = await tryFromPalette(page, CHAT);
      await signIn(page);
      const vectors = [...readVectors().values()].flat();
      const seen = await watching(page, async () => {
        await send(frame, vectors.join('\n\n').slice(0, 90_000));
        await answered(frame);
      });
      assert.deepEqual(seen, { dialogs: [], forbidden: [], external: [] }, 'no dialog, no beacon, nothing left this machine');
      assert.deepEqual(await canary(page, frame), { inner: null, parent: null, top: null }, 'the canary stays unset');
      const facts = await frame.evaluate(() => {
        const answer = [...document.querySelectorAll('.turn.assistant .answer')].pop();
        const all = answer ? [...answer.querySelectorAll('*')] : [];
        return {
          scripts: answer?.querySelectorAll('script, iframe, object, embed, form, style, link, meta, base').length ?? -1,
          handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
          images: answer?.querySelectorAll('img[src]').length ?? -1,
          badLinks: all.filter((e) => e.tagName === 'A' && e.getAttribute('href') && !/^(?:https?:|mailto:|#)/i.test(e.getAttribute('href') ?? '')).length,
        };
      });
      assert.deepEqual(facts, { scripts: 0, handlers: 0, images: 0, badLinks: 0 });
      // DOMPurify parses raw HTML in an inert document that inherits the page's CSP: what it refuses there is reported.
      assert.deepEqual((await cspViolations(frame)).filter((v) => !PARSE_TIME.test(v)), []);
      console.log(`      ${vectors.length} vectors as model output: canary unset, 0 dialogs, 0 forbidden requests`);
      await shot('try-it-hostile-output');
      await closeTab(page, `${CHAT} · Try it`);
    },
  },
  {
    name: 'Try it for a text-to-image model: the image the provider makes, shown from a blob: URL',
    timeout: 90_000,
    async run({ page, hub, shot }) {
      await useEmbeddedRouter(page, hub);
      const frame = await tryFromPalette(page, IMAGE);
      await signIn(page);
      await until(frame, 'the text-to-image page', () => document.querySelector('.kind')?.textContent?.includes('Text to image'));
      await frame.locator('#f-provider').selectOption('hf-inference');
      await send(frame, 'a lighthouse at dusk, oil painting');
      const image = await until(frame, 'the image', () => {
        const img = document.querySelector('figure.image img');
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0 ? { src: img.src.slice(0, 5), width: img.naturalWidth, caption: document.querySelector('figure.image figcaption')?.textContent } : undefined;
      });
      assert.deepEqual(image, { src: 'blob:', width: 64, caption: 'a lighthouse at dusk, oil painting' });
      assert.ok(hub.requests.some((r) => r.path === `/router/hf-inference/models/${IMAGE}` && r.headers.authorization));
      assert.deepEqual(await cspViolations(frame), []);
      await shot('try-it-text-to-image');
      await runCommand(page, 'Hugging Face: Sign Out');
      await page.locator('.statusbar-item', { hasText: 'Hugging Face' }).first().waitFor({ timeout: 15_000 });
      await closeAllEditors(page);
    },
  },
];
