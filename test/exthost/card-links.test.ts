// Links from a card page, in the real extension host: the Hub opens at once, another site only after our own modal
// shows its exact address, one modal at a time, and refused links open nothing. The dialog and the browser are stubbed:
// the stub answers as a user would and records what was asked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CardPanel, CardPanels } from '../../src/webviews/cards';
import { extension, waitFor } from './helpers';

const GPT2 = { type: 'model' as const, id: 'openai-community/gpt2' };

interface Asked {
  message: string;
  options: vscode.MessageOptions;
  items: string[];
}

suite('Card links', () => {
  let cards: CardPanels;
  let card: CardPanel;
  const opened: string[] = [];
  const asked: Asked[] = [];
  let answer: (choice: string | undefined) => void = () => undefined;
  const original = { openExternal: vscode.env.openExternal, showWarningMessage: vscode.window.showWarningMessage };

  suiteSetup(async () => {
    cards = ((await extension().activate()) as unknown as { cards: CardPanels }).cards;
    await vscode.commands.executeCommand('huggingface.openCard', GPT2);
    card = await waitFor('the gpt2 card', () => cards.get(GPT2), 15_000);
    await card.loaded;
    (vscode.env as { openExternal: unknown }).openExternal = async (target: vscode.Uri) => {
      opened.push(target.toString(true));
      return true;
    };
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, options: vscode.MessageOptions, ...items: string[]) => {
      asked.push({ message, options, items });
      return new Promise((resolve) => {
        answer = resolve;
      });
    };
  });

  suiteTeardown(() => {
    (vscode.env as { openExternal: unknown }).openExternal = original.openExternal;
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original.showWarningMessage;
    card?.dispose();
  });

  setup(() => {
    opened.length = 0;
    asked.length = 0;
  });

  test('a Hugging Face page opens at once', () => {
    assert.deepEqual(card.handleMessage({ type: 'openLink', href: 'https://huggingface.co/docs/hub' }), { accepted: true, did: 'opened https link' });
    assert.deepEqual(opened, ['https://huggingface.co/docs/hub']);
    assert.deepEqual(asked, []);
  });

  test('another site asks first, in a modal with the exact address, and opens only on "Open Link"', async () => {
    const href = 'https://huggingface.co.evil.example/login?next=%2F';
    assert.deepEqual(card.handleMessage({ type: 'openLink', href }), { accepted: true, did: 'asked before opening huggingface.co.evil.example' });
    await waitFor('the modal', () => asked[0]);
    assert.deepEqual(asked[0], { message: 'This card links to another site: huggingface.co.evil.example', options: { modal: true, detail: href }, items: ['Open Link', 'Copy Link'] });
    assert.deepEqual(opened, [], 'nothing opens before the answer');
    assert.deepEqual(card.handleMessage({ type: 'openLink', href: 'https://example.com/' }), { accepted: false, reason: 'another link from a card is waiting for an answer' });
    answer('Open Link');
    await waitFor('the link to open', () => opened[0]);
    assert.equal(asked.length, 1, 'the second link never queued a dialog');
  });

  test('"Copy Link" copies the exact address and opens nothing; dismissing does nothing', async () => {
    const href = 'https://example.com/a%20b?x=1#y';
    card.handleMessage({ type: 'openLink', href });
    await waitFor('the modal', () => asked[0]);
    answer('Copy Link');
    for (let i = 0; i < 50 && (await vscode.env.clipboard.readText()) !== href; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await vscode.env.clipboard.readText(), href);
    card.handleMessage({ type: 'openLink', href: 'mailto:team@example.com?subject=Hi' });
    await waitFor('the second modal', () => asked[1]);
    assert.match(asked[1].message, /email address: team@example\.com/);
    answer(undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(opened, []);
  });

  test('refused links open nothing and ask nothing', () => {
    for (const href of [
      'mailto:team@example.com?subject=Hi&body=token',
      'https://example.com/%E2%80%AEgpj.exe',
      'https://huggingface.co/\\evil.example',
      'https://huggingface.co//evil.example',
    ]) {
      assert.deepEqual(card.handleMessage({ type: 'openLink', href }), { accepted: false, reason: 'link refused' }, href);
    }
    assert.deepEqual({ opened, asked }, { opened: [], asked: [] });
  });
});
