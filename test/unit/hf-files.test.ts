// HubClient.fileBytes, the read behind hf: documents, against the embedded Hub.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HubClient } from '../../src/hub/client';
import type { HubError } from '../../src/hub/errors';
import { SPECIAL_REPOS, startHubServer, TEST_USERS, type HubServer } from '../hub-server/server.mjs';

const BERT = 'google-bert/bert-base-uncased';

let hub: HubServer;
/** A second Hub on another port: another origin, which must never receive the token. */
let elsewhere: HubServer;

before(async () => {
  [hub, elsewhere] = await Promise.all([startHubServer({ port: 0, quiet: true }), startHubServer({ port: 0, quiet: true })]);
});
after(() => Promise.all([hub.close(), elsewhere.close()]));
afterEach(() => {
  hub.clearFaults();
  hub.clearRequests();
  elsewhere.clearRequests();
});

function client(options: Partial<ConstructorParameters<typeof HubClient>[0]> = {}): HubClient {
  return new HubClient({ endpoint: hub.url, baseDelayMs: 1, maxDelayMs: 5, ...options });
}

async function served(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`${hub.url}${path}`)).arrayBuffer());
}

const resolves = (server: HubServer) => server.requests.filter((r) => r.path.includes('/resolve/'));

describe('reading a repo file', () => {
  it('returns the exact bytes of config.json from /resolve/ in one request', async () => {
    const bytes = await client().fileBytes('model', BERT, 'config.json');
    assert.deepEqual(resolves(hub).map((r) => r.path), [`/${BERT}/resolve/main/config.json`]);
    assert.deepEqual(bytes, await served(`/${BERT}/resolve/main/config.json`));
    assert.equal((JSON.parse(new TextDecoder().decode(bytes)) as { model_type: string }).model_type, 'bert');
    assert.equal(bytes.byteOffset, 0, 'an array of its own, not a view into a shared buffer');
  });

  it('reads datasets and Spaces under their prefixes, and a revision by commit', async () => {
    const c = client();
    const dataset = hub.catalog.all('dataset').find((r) => r.siblings.includes('README.md'))!;
    assert.match(new TextDecoder().decode(await c.fileBytes('dataset', dataset.id, 'README.md')), /\S/);
    const space = hub.catalog.all('space').find((r) => r.siblings.includes('README.md'))!;
    await c.fileBytes('space', space.id, 'README.md');
    const sha = hub.catalog.get('model', BERT)!.sha;
    await c.fileBytes('model', BERT, 'config.json', sha);
    assert.deepEqual(
      resolves(hub).map((r) => r.path),
      [`/datasets/${dataset.id}/resolve/main/README.md`, `/spaces/${space.id}/resolve/main/README.md`, `/${BERT}/resolve/${sha}/config.json`],
    );
  });

  it('reads an empty file as zero bytes', async () => {
    const { repo, path } = SPECIAL_REPOS.emptyFile;
    assert.equal((await client().fileBytes('model', repo, path)).byteLength, 0);
  });

  it('encodes odd characters of the path and the revision', async () => {
    const c = client();
    await assert.rejects(c.fileBytes('model', BERT, 'dir with space/#1?%.json', 'refs/pr/1'), (e: HubError) => e.kind === 'notFound');
    assert.equal(resolves(hub)[0].path, `/${BERT}/resolve/refs%2Fpr%2F1/dir%20with%20space/%231%3F%25.json`);
  });

  it('follows a renamed repo to its new id', async () => {
    const { from, to } = SPECIAL_REPOS.renamedModel;
    assert.deepEqual(await client().fileBytes('model', from, 'config.json'), await served(`/${to}/resolve/main/config.json`));
  });

  it('says a missing file, revision or repo is not found', async () => {
    const c = client();
    await assert.rejects(c.fileBytes('model', BERT, 'missing.json'), (e: HubError) => e.kind === 'notFound' && e.code === 'EntryNotFound');
    await assert.rejects(c.fileBytes('model', BERT, 'config.json', 'no-such-branch'), (e: HubError) => e.kind === 'notFound' && e.code === 'RevisionNotFound');
    await assert.rejects(c.fileBytes('model', 'nobody/nothing-here', 'config.json'), (e: HubError) => e.kind === 'notFound');
  });

  it('refuses invalid ids, paths and revisions without a request', async () => {
    const c = client();
    for (const [id, path, rev] of [
      ['../etc', 'config.json', 'main'],
      [BERT, '../../etc/passwd', 'main'],
      [BERT, 'a//b', 'main'],
      [BERT, '', 'main'],
      [BERT, 'config.json', '../main'],
    ]) {
      await assert.rejects(c.fileBytes('model', id, path, rev), (e: HubError) => e.kind === 'badRequest', `${id} ${path} ${rev}`);
    }
    assert.equal(hub.requests.length, 0);
  });

  it('refuses a file over maxBytes before reading its body, naming the file', async () => {
    await assert.rejects(
      client().fileBytes('model', BERT, 'tokenizer.json', 'main', { maxBytes: 100_000 }),
      (e: HubError) => e.kind === 'badRequest' && e.message === 'tokenizer.json is larger than 100 kB; it was not downloaded.',
    );
    assert.equal(resolves(hub).length, 1, 'no retry');
  });

  it('refuses a body that grows past maxBytes without declaring its size', async () => {
    // The embedded Hub always declares a length, so this body is a stream of ten 1 kB chunks without one.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 10) {
          controller.close();
        } else {
          controller.enqueue(new Uint8Array(1_000));
        }
      },
    });
    const fetchStream = (async () => new Response(stream, { status: 200 })) as typeof fetch;
    await assert.rejects(
      client({ fetch: fetchStream }).fileBytes('model', BERT, 'vocab.txt', 'main', { maxBytes: 2_500 }),
      (e: HubError) => e.kind === 'badRequest' && /larger than 2.5 kB/.test(e.message),
    );
    assert.ok(pulled <= 4, `stopped reading at the cap (${pulled} chunks pulled)`);
  });

  it('needs access for a gated repo’s files', async () => {
    const gated = SPECIAL_REPOS.gatedModel;
    await assert.rejects(client().fileBytes('model', gated, 'config.json'), (e: HubError) => e.kind === 'gated');
    const bytes = await client({ token: () => TEST_USERS.hubTest.token }).fileBytes('model', gated, 'config.json');
    assert.ok(bytes.byteLength > 0);
  });

  it('sends the token to the endpoint only: not to the host a file redirects to', async () => {
    const target = `${elsewhere.url}/${BERT}/resolve/main/config.json`;
    hub.inject({ match: '/resolve/main/config.json', times: 1, status: 302, headers: { location: target } });
    const bytes = await client({ token: () => TEST_USERS.hubTest.token }).fileBytes('model', BERT, 'config.json');
    assert.deepEqual(bytes, await served(`/${BERT}/resolve/main/config.json`));
    assert.deepEqual(resolves(hub).map((r) => r.headers.authorization), [true, false], 'the endpoint got the token (the second request is ours, above)');
    assert.deepEqual(resolves(elsewhere).map((r) => r.headers.authorization), [false], 'the other origin did not');
  });
});
