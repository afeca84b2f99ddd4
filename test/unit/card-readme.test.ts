import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CARD_RENDER_LIMIT_BYTES } from '../../src/cards/truncate';
import { HubClient } from '../../src/hub/client';
import { startHubServer, type HubServer } from '../hub-server/server.mjs';

let hub: HubServer;
let dir: string;
const HUGE = 'hub-test/huge-readme';
const MULTIBYTE = 'hub-test/multibyte-readme';

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hfvs-cards-'));
  const write = (id: string, text: string) => {
    mkdirSync(path.join(dir, 'models', id), { recursive: true });
    writeFileSync(path.join(dir, 'models', id, 'README.md'), text);
  };
  write(HUGE, `# Huge\n\n${'A line of text for a very long card.\n'.repeat(150_000)}`); // ≈ 5.6 MB
  write(MULTIBYTE, '日本語'.repeat(400_000)); // 3 bytes a character, no newline
  hub = await startHubServer({ port: 0, quiet: true, cardsDir: dir });
});
after(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => new HubClient({ endpoint: hub.url, baseDelayMs: 1, maxDelayMs: 5 });

describe('reading a README for a card', () => {
  it('reads the first 1 MiB of a 5 MB README and says it was cut', async () => {
    const readme = await client().readme('model', HUGE, 'main', { truncateAt: CARD_RENDER_LIMIT_BYTES });
    assert.ok(readme);
    assert.equal(readme.truncated, true);
    assert.equal(Buffer.byteLength(readme.text), CARD_RENDER_LIMIT_BYTES);
    assert.ok(readme.text.startsWith('# Huge'));
    assert.ok(readme.commit, 'the commit the text was read at comes along');
  });

  it('never ends the cut text with half a character', async () => {
    const readme = await client().readme('model', MULTIBYTE, 'main', { truncateAt: 1000 });
    assert.equal(readme?.truncated, true);
    assert.equal(readme?.text, '日本語'.repeat(111)); // 333 characters = 999 bytes; the 1000th byte began a character
  });

  it('reads a README under the limit whole', async () => {
    const readme = await client().readme('model', 'openai-community/gpt2', 'main', { truncateAt: CARD_RENDER_LIMIT_BYTES });
    assert.equal(readme?.truncated, false);
    assert.ok((readme?.text.length ?? 0) > 100);
  });

  it('still refuses a README over 2 MB when not asked to cut it', async () => {
    await assert.rejects(client().readme('model', HUGE), (e: Error) => /more than 2 MB/.test(e.message));
  });
});
