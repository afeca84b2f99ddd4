import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { HubError } from '../../src/hub/errors';
import { readJson, readTextCapped } from '../../src/hub/body';
import { rateLimitDelayMs } from '../../src/hub/headers';
import { attemptSignal, createHubFetch } from '../../src/hub/http';
import { mayCarryToken } from '../../src/hub/redirects';

const ENDPOINT = 'https://hub.example';
const TOKEN = 'hf_abcdefghijklmnopqrstuvwxyzABCDEFGH';

interface Call {
  url: string;
  auth: string | null;
}

/** A scripted fetch: each call takes the next response (or throws the next error). */
function scripted(steps: (Response | Error | ((url: string) => Response))[]) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const step = steps.shift();
    if (!step) {
      throw new Error(`unexpected request ${url}`);
    }
    if (step instanceof Error) {
      throw step;
    }
    return typeof step === 'function' ? step(url) : step;
  }) as typeof fetch;
  return { calls, fetchImpl };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

function refused(): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
}

/** A fetch that never answers, and rejects with the signal's reason when aborted, as the real one does. */
const hanging = (async (_url: string | URL | Request, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    const signal = init?.signal;
    // Like fetch, it rejects with the signal's reason, whatever that is.
    const abort = () => reject(signal?.reason as Error);
    if (signal?.aborted) {
      abort();
    }
    signal?.addEventListener('abort', abort);
  })) as typeof fetch;

function recorder() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('createHubFetch retries', () => {
  it('retries 503 twice then succeeds: exactly three requests with bounded full-jitter delays', async () => {
    const { calls, fetchImpl } = scripted([json(503, { error: 'busy' }), json(503, { error: 'busy' }), json(200, [])]);
    const { delays, sleep } = recorder();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep, random: () => 0.5 });
    const response = await hubFetch(`${ENDPOINT}/api/models`);
    assert.equal(response.status, 200);
    assert.equal(calls.length, 3);
    assert.deepEqual(delays, [500, 1000]);
  });

  it('gives up after the configured retries with a server error', async () => {
    const { calls, fetchImpl } = scripted([json(500, {}), json(502, {}), json(503, {}), json(504, {})]);
    const { delays, sleep } = recorder();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep, random: () => 1 });
    await assert.rejects(hubFetch(`${ENDPOINT}/api/models`), (e: HubError) => e.kind === 'server' && e.status === 504);
    assert.equal(calls.length, 4);
    assert.deepEqual(delays, [1000, 2000, 4000]);
  });

  it('caps backoff at maxDelayMs', async () => {
    const steps = Array.from({ length: 7 }, () => json(500, {}));
    const { fetchImpl } = scripted(steps);
    const { delays, sleep } = recorder();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep, random: () => 1, retries: 6 });
    await assert.rejects(hubFetch(`${ENDPOINT}/x`));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('retries network errors, not other 4xx', async () => {
    const net = scripted([refused(), json(200, { ok: true })]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: net.fetchImpl, sleep: async () => {} });
    assert.equal((await hubFetch(`${ENDPOINT}/a`)).status, 200);
    assert.equal(net.calls.length, 2);

    const bad = scripted([json(400, { error: 'bad expand' })]);
    const hubFetch2 = createHubFetch({ endpoint: ENDPOINT, fetch: bad.fetchImpl, sleep: async () => {} });
    await assert.rejects(hubFetch2(`${ENDPOINT}/a`), (e: HubError) => e.kind === 'badRequest' && /bad expand/.test(e.message));
    assert.equal(bad.calls.length, 1);
  });

  it('never retries a POST', async () => {
    const { calls, fetchImpl } = scripted([json(503, {})]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep: async () => {} });
    await assert.rejects(hubFetch(`${ENDPOINT}/a`, { method: 'POST', body: '{}' }), (e: HubError) => e.kind === 'server');
    assert.equal(calls.length, 1);
  });

  it('maps a refused connection that persists to offline', async () => {
    const { fetchImpl } = scripted([refused(), refused(), refused(), refused()]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep: async () => {} });
    await assert.rejects(hubFetch(`${ENDPOINT}/a`), (e: HubError) => e.kind === 'offline' && e.message.includes('hub.example'));
  });
});

describe('429 handling', () => {
  it('waits what RateLimit says (t + 1 s) when the quota is spent', async () => {
    const { fetchImpl } = scripted([json(429, {}, { ratelimit: '"api";r=0;t=5' }), json(200, [])]);
    const { delays, sleep } = recorder();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep });
    await hubFetch(`${ENDPOINT}/api/models`);
    assert.deepEqual(delays, [6000]);
  });

  it('honours Retry-After as seconds and as an HTTP date', () => {
    assert.equal(rateLimitDelayMs(new Headers({ 'retry-after': '7' })), 7000);
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT');
    assert.equal(rateLimitDelayMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), now), 60_000);
    assert.equal(rateLimitDelayMs(new Headers({ ratelimit: '"api";r=12;t=55' })), undefined);
    assert.equal(rateLimitDelayMs(new Headers({})), undefined);
  });

  it('fails at once with the reset time when asked to wait more than a minute', async () => {
    const { calls, fetchImpl } = scripted([json(429, { error: 'slow down' }, { ratelimit: '"api";r=0;t=240', 'retry-after': '240' })]);
    const before = Date.now();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, sleep: async () => assert.fail('must not wait') });
    await assert.rejects(hubFetch(`${ENDPOINT}/api/models`), (e: HubError) => {
      assert.equal(e.kind, 'rateLimited');
      assert.ok(e.resetAt! >= before + 240_000, 'resetAt is about four minutes ahead');
      assert.match(e.message, /quota resets at/);
      return true;
    });
    assert.equal(calls.length, 1);
  });
});

describe('deadline and cancellation', () => {
  // Deadlines use unreferenced timers (like AbortSignal.timeout), so keep the test process alive while one runs.
  let keepAlive: ReturnType<typeof setInterval>;
  beforeEach(() => {
    keepAlive = setInterval(() => {}, 1000);
  });
  afterEach(() => clearInterval(keepAlive));

  it('times out a request that never answers', async () => {
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: hanging, timeoutMs: 50, sleep: async () => {} });
    const started = Date.now();
    await assert.rejects(hubFetch(`${ENDPOINT}/a`), (e: HubError) => e.kind === 'timeout');
    assert.ok(Date.now() - started < 1000);
  });

  it('keeps the deadline of a slow body with a cancel signal through garbage collection', async () => {
    // On Node 20, AbortSignal.any() over an AbortSignal.timeout() lost the deadline once the timeout was collected.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const server = http.createServer((_request, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const collect = setInterval(gc, 20);
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const hubFetch = createHubFetch({ endpoint, timeoutMs: 300 });
      const user = new AbortController();
      const response = await hubFetch(`${endpoint}/a`, { signal: user.signal });
      const outcome = await Promise.race([
        response.text().then(() => 'finished', (e: Error) => e.name),
        sleep(3000).then(() => 'still reading after 3 s'),
      ]);
      assert.equal(outcome, 'TimeoutError');
      assert.equal(user.signal.aborted, false);
    } finally {
      clearInterval(collect);
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a user cancel as cancelled, not as an error to show', async () => {
    const controller = new AbortController();
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: hanging });
    const pending = hubFetch(`${ENDPOINT}/a`, { signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (e: HubError) => e.kind === 'cancelled');
  });

  it('gives the caller\'s signal one listener however many attempts follow it, and aborts them all with its reason', () => {
    const user = new AbortController();
    const attempts = Array.from({ length: 50 }, () => attemptSignal(60_000, user.signal));
    assert.equal(getEventListeners(user.signal, 'abort').length, 1);
    const reason = new Error('closed');
    user.abort(reason);
    assert.ok(attempts.every((a) => a.aborted && a.reason === reason));
    assert.equal(attemptSignal(60_000, user.signal).reason, reason, 'an attempt on an aborted signal starts aborted');
  });

  it('times an attempt out with a TimeoutError while its caller\'s signal stays as it was', async () => {
    const user = new AbortController();
    const attempt = attemptSignal(20, user.signal);
    await sleep(60);
    assert.equal(attempt.aborted, true);
    assert.equal((attempt.reason as DOMException).name, 'TimeoutError');
    assert.equal(user.signal.aborted, false);
  });

  it('cancels a body still being read when the caller\'s signal aborts', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      const user = new AbortController();
      const response = await createHubFetch({ endpoint, timeoutMs: 60_000 })(`${endpoint}/a`, { signal: user.signal });
      setTimeout(() => user.abort(), 50);
      const outcome = await Promise.race([response.text().then(() => 'finished', (e: Error) => e.name), sleep(3000).then(() => 'still reading after 3 s')]);
      assert.equal(outcome, 'AbortError');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('cancels a backoff wait', async () => {
    const controller = new AbortController();
    const { fetchImpl } = scripted([json(503, {})]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, baseDelayMs: 60_000, random: () => 1 });
    const pending = hubFetch(`${ENDPOINT}/a`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(pending, (e: HubError) => e.kind === 'cancelled');
  });
});

describe('token scope', () => {
  it('sends the token to the endpoint only', async () => {
    const { calls, fetchImpl } = scripted([json(200, {}), json(200, {})]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, token: () => TOKEN });
    await hubFetch(`${ENDPOINT}/api/whoami-v2`);
    await hubFetch('https://cdn.example/file');
    assert.equal(calls[0].auth, `Bearer ${TOKEN}`);
    assert.equal(calls[1].auth, null);
  });

  it('drops the token on a cross-origin redirect and keeps it on a same-origin one', async () => {
    const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
    const { calls, fetchImpl } = scripted([redirect('/api/other'), redirect('https://cdn.example/blob'), new Response('data')]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, token: () => TOKEN });
    const response = await hubFetch(`${ENDPOINT}/repo/resolve/main/model.bin`);
    assert.equal(await response.text(), 'data');
    assert.deepEqual(
      calls.map((c) => [c.url, c.auth]),
      [
        [`${ENDPOINT}/repo/resolve/main/model.bin`, `Bearer ${TOKEN}`],
        [`${ENDPOINT}/api/other`, `Bearer ${TOKEN}`],
        ['https://cdn.example/blob', null],
      ],
    );
  });

  it('ignores an Authorization header set by a caller and never sends one over plain http', async () => {
    const { calls, fetchImpl } = scripted([json(200, {})]);
    const hubFetch = createHubFetch({ endpoint: 'http://hub.example', fetch: fetchImpl, token: () => TOKEN });
    await hubFetch('http://hub.example/api/models', { headers: { authorization: 'Bearer hf_fromlibraryplaceholderxxxxxxxxxx' } });
    assert.equal(calls[0].auth, null);
    assert.equal(mayCarryToken('http://127.0.0.1:8080/api', 'http://127.0.0.1:8080'), true);
    assert.equal(mayCarryToken('http://localhost:8080/api', 'http://localhost:8080'), true);
    assert.equal(mayCarryToken('https://huggingface.co.evil.example/api', 'https://huggingface.co'), false);
  });

  it('stops a redirect loop', async () => {
    const loop = () => new Response(null, { status: 307, headers: { location: '/again' } });
    const { calls, fetchImpl } = scripted(Array.from({ length: 10 }, () => loop));
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl });
    await assert.rejects(hubFetch(`${ENDPOINT}/start`), (e: HubError) => e.kind === 'badResponse' && /redirected too many times/.test(e.message));
    assert.equal(calls.length, 6);
  });
});

describe('error mapping', () => {
  const cases: [string, Response, boolean, string][] = [
    ['anonymous 401 on a repo', json(401, { error: 'Invalid username or password.' }), false, 'notFound'],
    ['revoked token', json(401, { error: 'Invalid credentials in Authorization header' }), true, 'unauthorized'],
    ['gated, anonymous', json(401, { error: 'Access restricted' }, { 'x-error-code': 'GatedRepo' }), false, 'gated'],
    ['gated, not approved', json(403, { error: 'not in the authorized list' }, { 'x-error-code': 'GatedRepo' }), true, 'gated'],
    ['forbidden', json(403, { error: 'disabled' }), true, 'forbidden'],
    ['forbidden, anonymous', json(403, { error: 'disabled' }), false, 'forbidden'],
    ['missing repo', json(404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' }), true, 'notFound'],
    ['missing file', json(404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' }), false, 'notFound'],
    ['HTML error page', new Response('<html>oops</html>', { status: 418, headers: { 'content-type': 'text/html' } }), false, 'badRequest'],
  ];
  for (const [name, response, withToken, kind] of cases) {
    it(`${name} → ${kind}`, async () => {
      const { fetchImpl } = scripted([response]);
      const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, token: withToken ? () => TOKEN : undefined });
      await assert.rejects(hubFetch(`${ENDPOINT}/api/models/a/b`), (e: HubError) => {
        assert.equal(e.kind, kind);
        assert.ok(!e.message.includes('\n'), 'one line');
        assert.ok(!e.message.includes(TOKEN), 'no token in messages');
        return true;
      });
    });
  }

  it('a 403 blames the token only when one was sent', async () => {
    for (const withToken of [true, false]) {
      const { fetchImpl } = scripted([json(403, { error: 'Access to this resource is disabled.' })]);
      const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl, token: withToken ? () => TOKEN : undefined });
      await assert.rejects(hubFetch(`${ENDPOINT}/api/models/a/b`), (e: HubError) => /token/.test(e.message) === withToken && /sign in/.test(e.message) === !withToken);
    }
  });

  it('keeps the request id and error code', async () => {
    const { fetchImpl } = scripted([json(404, {}, { 'x-error-code': 'RevisionNotFound', 'x-request-id': 'req-1' })]);
    const hubFetch = createHubFetch({ endpoint: ENDPOINT, fetch: fetchImpl });
    await assert.rejects(hubFetch(`${ENDPOINT}/x`), (e: HubError) => e.code === 'RevisionNotFound' && e.requestId === 'req-1' && /revision/.test(e.message));
  });
});

describe('readJson', () => {
  it('turns invalid or truncated JSON into a bad response', async () => {
    await assert.rejects(readJson(new Response('{"id": "a'), 1024, 'hub'), (e: HubError) => e.kind === 'badResponse');
    await assert.rejects(readJson(new Response('<html>'), 1024, 'hub'), (e: HubError) => e.kind === 'badResponse');
  });

  it('refuses bodies over the cap', async () => {
    await assert.rejects(readJson(new Response('x'.repeat(2048)), 1024, 'hub'), (e: HubError) => e.kind === 'badResponse' && /more than/.test(e.message));
  });

  it('parses a body within the cap', async () => {
    assert.deepEqual(await readJson(new Response('[{"id":"a"}]'), 1024, 'hub'), [{ id: 'a' }]);
  });
});

/** A body of `chunks` chunks of `size` bytes each, counting how many were read. */
function chunked(chunks: number, size: number) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled === chunks) {
        controller.close();
        return;
      }
      stats.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x78));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { body, stats };
}

describe('readTextCapped', () => {
  it('reads a body whose declared length is within the cap', async () => {
    const text = '{"id":"a","note":"é"}';
    const response = new Response(text, { headers: { 'content-length': String(Buffer.byteLength(text)) } });
    assert.equal(await readTextCapped(response, 1024), text);
  });

  it('refuses a declared length over the cap without reading the body', async () => {
    const { body, stats } = chunked(4, 512);
    const response = new Response(body, { headers: { 'content-length': '2048' } });
    await assert.rejects(readTextCapped(response, 1024), (e: HubError) => e.kind === 'badResponse' && /more than/.test(e.message));
    assert.equal(stats.pulled <= 1, true, `read ${stats.pulled} chunks`);
    assert.equal(stats.cancelled, true);
  });

  it('streams a body without a declared length and stops reading at the cap', async () => {
    const { body, stats } = chunked(100, 256);
    await assert.rejects(readTextCapped(new Response(body), 1024), (e: HubError) => e.kind === 'badResponse');
    assert.equal(stats.pulled < 10, true, `read ${stats.pulled} chunks`);
    assert.equal(stats.cancelled, true);
    const small = chunked(3, 100);
    assert.equal(await readTextCapped(new Response(small.body), 1024), 'x'.repeat(300));
  });

  it('still refuses a body longer than the cap when its declared length is wrong', async () => {
    const lying = new Response('x'.repeat(2048), { headers: { 'content-length': '10' } });
    await assert.rejects(readTextCapped(lying, 1024), (e: HubError) => e.kind === 'badResponse');
    const { body, stats } = chunked(100, 256);
    const invalid = new Response(body, { headers: { 'content-length': 'ten' } });
    await assert.rejects(readTextCapped(invalid, 1024), (e: HubError) => e.kind === 'badResponse');
    assert.equal(stats.pulled < 10, true, `read ${stats.pulled} chunks`);
  });

  it('streams a compressed body, whose declared length is not the length fetch delivers', async () => {
    const { body, stats } = chunked(100, 256);
    const response = new Response(body, { headers: { 'content-length': '100', 'content-encoding': 'gzip' } });
    await assert.rejects(readTextCapped(response, 1024), (e: HubError) => e.kind === 'badResponse');
    assert.equal(stats.pulled < 10, true, `read ${stats.pulled} chunks`);
  });

  it('gets no more than the declared length from a server that sends more (fetch ends the body there)', async () => {
    const server = net.createServer((socket) => {
      // The client drops the connection once it has the declared length; the rest is never read.
      socket.on('error', () => undefined);
      socket.once('data', () => {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n${'x'.repeat(64 * 1024)}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      assert.equal(await readTextCapped(await fetch(`http://127.0.0.1:${port}/`), 1024), 'x'.repeat(10));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
