// Answers a Hub client must not trust: web pages where data was expected, bodies larger than any answer should be, a
// body that stops arriving, and 404s that do not say what is missing. Found by the fault matrix (test/fault-matrix.md).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedHub } from './embedded-hub';
import { HubClient } from '../../src/hub/client';
import type { HubError } from '../../src/hub/errors';
import { capResponse } from '../../src/hub/body';
import { errorFromResponse } from '../../src/hub/errors';

const fx = embeddedHub();

const GPT2 = 'openai-community/gpt2';
const client = () => new HubClient({ endpoint: fx.hub.url, retries: 0, timeoutMs: 1_500 });

describe('response guards', () => {
  it('a web page where data was expected says so, on our paths and the library’s', async () => {
    fx.hub.inject({ html: true });
    for (const call of [() => client().listRepos('model'), () => client().repoDetails('model', GPT2), () => client().files('model', GPT2), () => client().modelData(GPT2)]) {
      await assert.rejects(call(), (e: HubError) => e.kind === 'badResponse' && /web page where data was expected/.test(e.message));
    }
  });

  it('a huge answer to a library call fails with "more than 5 MB" instead of being read whole', async () => {
    fx.hub.inject({ hugeBytes: 12 * 1024 * 1024 });
    for (const call of [() => client().repoDetails('model', GPT2), () => client().files('model', GPT2)]) {
      await assert.rejects(call(), (e: HubError) => e.kind === 'badResponse' && /more than 5 MB/.test(e.message));
    }
  });

  it('capResponse passes small bodies through unchanged and refuses a declared size past the cap', async () => {
    const small = await capResponse(new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }), 100);
    assert.deepEqual(await small.json(), { a: 1 });
    assert.equal(small.headers.get('content-type'), 'application/json');
    await assert.rejects(capResponse(new Response('x'.repeat(50), { headers: { 'content-length': '50' } }), 10), (e: HubError) => e.kind === 'badResponse');
  });

  it('a body that stops arriving times out as "did not answer in time", README and library calls alike', async () => {
    fx.hub.inject({ dripMs: 400, dripBytes: 8 });
    for (const call of [() => client().readme('model', GPT2, 'main', { truncateAt: 1024 * 1024 }), () => client().files('model', GPT2), () => client().repoDetails('model', GPT2)]) {
      await assert.rejects(call(), (e: HubError) => e.kind === 'timeout' && /did not answer in time/.test(e.message));
    }
  });

  it('a connection cut mid-body is an interrupted connection on the library’s path too', async () => {
    fx.hub.inject({ truncate: true });
    await assert.rejects(client().files('model', GPT2), (e: HubError) => e.kind === 'offline' && /interrupted/.test(e.message));
  });

  it('a 404 names a repo only when the Hub says a repo is missing', async () => {
    const make = (code?: string) => new Response('{}', { status: 404, headers: { 'content-type': 'application/json', ...(code ? { 'x-error-code': code } : {}) } });
    assert.equal((await errorFromResponse(make('RepoNotFound'), 'hub.test', false)).message, 'This repo does not exist.');
    assert.match((await errorFromResponse(make(), 'hub.test', false)).message, /^hub\.test has nothing at this address \(HTTP 404\)/);
  });
});
