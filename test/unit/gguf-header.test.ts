import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedHub } from './embedded-hub';
import { parseGGUFQuantLabel } from '@huggingface/tasks';
import { HubClient } from '../../src/hub/client';
import type { HubError } from '../../src/hub/errors';
import { ggufLine, headerFile, headerGgufFacts, hubGgufFacts } from '../../src/hub/ggufFacts';
import { readGgufHeader } from '../../src/hub/ggufRead';
import { TEST_USERS } from '../hub-server/server.mjs';
import { assertLinear } from './linear';

const fx = embeddedHub();

const client = (token?: string) => new HubClient({ endpoint: fx.hub.url, baseDelayMs: 1, maxDelayMs: 5, token: async () => token });

/** GGUF repos of the embedded Hub with the Hub's own `gguf` summary and their files. */
async function ggufRepos(): Promise<{ id: string; gguf: Record<string, unknown>; files: string[] }[]> {
  const response = await fetch(`${fx.hub.url}/api/models?filter=gguf&limit=50&expand[]=gguf&expand[]=siblings`);
  const body = (await response.json()) as { id: string; gguf?: Record<string, unknown>; siblings?: { rfilename: string }[] }[];
  fx.hub.clearRequests();
  return body.filter((m) => m.gguf).map((m) => ({ id: m.id, gguf: m.gguf!, files: (m.siblings ?? []).map((s) => s.rfilename) }));
}

describe('GGUF headers read with @huggingface/gguf over range requests', () => {
  it('reads the facts the Hub reports for the repo, and the quant the file name carries', async () => {
    const repos = await ggufRepos();
    assert.ok(repos.length >= 3, 'the embedded Hub has GGUF repos');
    for (const repo of repos.slice(0, 3)) {
      const file = headerFile(repo.files);
      assert.ok(file, `${repo.id} has a GGUF file`);
      const read = await client().ggufHeader(repo.id, file);
      const summary = hubGgufFacts(repo.gguf);
      assert.equal(read.facts.architecture, summary?.architecture, repo.id);
      assert.equal(read.facts.contextLength, summary?.contextLength, repo.id);
      assert.equal(read.facts.parameters, summary?.parameters, repo.id);
      assert.equal(read.facts.quant, parseGGUFQuantLabel(file), file);
    }
  });

  it('fetches one 2 MB range of a file of many GB, and never sends the token to the CDN', async () => {
    const [repo] = (await ggufRepos()).sort((a, b) => Number(b.gguf.total) - Number(a.gguf.total));
    const file = headerFile(repo.files)!;
    const read = await client(TEST_USERS.stranger.token).ggufHeader(repo.id, file);
    assert.ok(read.fileSize! > 1e9, `a multi-GB file (${read.fileSize})`);
    assert.ok(read.bytes <= 2_000_000, `one 2 MB range (${read.bytes} bytes)`);
    const ranged = fx.hub.cdnRequests;
    assert.equal(ranged.length, 1, 'one range request reached the CDN');
    assert.equal(ranged[0].headers.range, 'bytes=0-1999999');
    assert.equal(ranged[0].headers.authorization, false, 'no token on the CDN');
  });

  it('counts the bytes of a range sent without a declared length as it reads them, and of one with it from the header', async () => {
    const [repo] = (await ggufRepos()).sort((a, b) => Number(b.gguf.total) - Number(a.gguf.total));
    const url = `${fx.hub.url}/${repo.id}/resolve/main/${headerFile(repo.files)!}`;
    const declared = await readGgufHeader(url, globalThis.fetch);
    const chunked = await readGgufHeader(url, async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      return new Response(response.body, { status: response.status, headers });
    });
    assert.equal(chunked.bytes, declared.bytes);
    assert.ok(declared.bytes > 1_000_000 && declared.bytes <= 2_000_000, `${declared.bytes} bytes`);
    assert.deepEqual(chunked.facts, declared.facts);
  });

  it('refuses a server that ignores the range instead of reading the whole file', async () => {
    const repo = (await ggufRepos())[0];
    fx.hub.inject({ on: 'cdn', match: '.gguf', status: 200, body: 'GGUF' + 'x'.repeat(5000) });
    await assert.rejects(client().ggufHeader(repo.id, headerFile(repo.files)!), (e: HubError) => e.kind === 'badResponse' && /byte-range/.test(e.message));
  });

  it('says a file that is not GGUF is not one, and refuses other paths before any request', async () => {
    const repo = (await ggufRepos())[0];
    fx.hub.inject({ on: 'cdn', match: '.gguf', status: 206, headers: { 'content-range': 'bytes 0-99/100' }, body: 'PK'.repeat(50) });
    await assert.rejects(client().ggufHeader(repo.id, headerFile(repo.files)!), (e: HubError) => e.kind === 'badResponse' && /not a GGUF file/.test(e.message));
    fx.hub.clearRequests();
    await assert.rejects(client().ggufHeader(repo.id, 'README.md'), (e: HubError) => e.kind === 'badRequest');
    await assert.rejects(client().ggufHeader(repo.id, '../x.gguf'), (e: HubError) => e.kind === 'badRequest');
    assert.equal(fx.hub.requests.length + fx.hub.cdnRequests.length, 0);
  });
});

describe('GGUF facts', () => {
  it('keeps only values that are what they claim to be', () => {
    const names = (n: number) => (n === 15 ? 'Q4_K_M' : n === 99 ? '<img src=x>' : undefined);
    assert.deepEqual(headerGgufFacts({ 'general.architecture': 'llama', 'llama.context_length': 8192, 'general.file_type': 15 }, 8_030_261_248, names), {
      architecture: 'llama',
      parameters: 8_030_261_248,
      contextLength: 8192,
      quant: 'Q4_K_M',
    });
    assert.deepEqual(headerGgufFacts({ 'general.architecture': 'llama\u202e', 'llama\u202e.context_length': 8192, 'general.file_type': 99 }, -1, names), {
      architecture: undefined,
      parameters: undefined,
      contextLength: undefined,
      quant: undefined,
    });
    assert.equal(headerGgufFacts({ 'general.architecture': 'qwen2', 'qwen2.context_length': 32768n }, 10n, names).contextLength, 32768);
    assert.equal(hubGgufFacts({ total: '7B', architecture: 42, chat_template: '{{ x }}' }), undefined);
    assert.deepEqual(hubGgufFacts({ total: 494_032_768, architecture: 'qwen2', context_length: 32768 }), { architecture: 'qwen2', parameters: 494_032_768, contextLength: 32768 });
    assert.equal(hubGgufFacts([1, 2]), undefined);
  });

  it('writes the line a card and a hover show', () => {
    assert.equal(ggufLine({ quant: 'Q4_K_M', architecture: 'qwen2', parameters: 70_553_706_496, contextLength: 32768 }), 'Q4_K_M · qwen2 · 70.6B parameters · 32,768-token context');
    assert.equal(ggufLine({ architecture: 'llama' }), 'llama');
  });

  it('reads the Q4_K_M quant when there is one, else the first file, never a projector or a later shard', () => {
    assert.equal(headerFile(['README.md', 'm-Q8_0.gguf', 'm-Q4_K_M.gguf', 'm-Q2_K.gguf']), 'm-Q4_K_M.gguf');
    assert.equal(headerFile(['mmproj-m-f16.gguf', 'm-Q8_0.gguf', 'm-Q6_K.gguf']), 'm-Q6_K.gguf');
    assert.equal(headerFile(['big/m-Q4_K_M-00002-of-00002.gguf', 'big/m-Q4_K_M-00001-of-00002.gguf']), 'big/m-Q4_K_M-00001-of-00002.gguf');
    assert.equal(headerFile(['README.md', 'model.safetensors']), undefined);
  });

  it('matches names and shard suffixes in linear time', () => {
    assertLinear('a file list of one long shard-like name', (text) => headerFile([`${text}.gguf`]), '-00001-of-0000');
    assertLinear('a long architecture name', (text) => headerGgufFacts({ 'general.architecture': text }, 1, () => undefined), 'a.');
  });
});
