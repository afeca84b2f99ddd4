// Downloads from the embedded Hub as the real Hub serves them (hub-api.md §6.1): a relative 307 to
// /api/resolve-cache/… for files in git, a 302 to a signed URL on a second origin (the CDN) for LFS files, real
// sha256 values, and faults mid-body. Checked with raw fetch and with the Hub's own client, @huggingface/hub.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadFile, downloadFileToCacheDir, fileDownloadInfo, scanCacheDir, snapshotDownload } from '@huggingface/hub';
import { SPECIAL_REPOS, TEST_TOKENS, startHubServer } from '../hub-server/server.mjs';
import type { HubServer } from '../hub-server/server.mjs';

const { small: SMALL, dotted: DOTTED, dataset: DATASET, gated: GATED, revisions: REVISIONS, large: LARGE } = SPECIAL_REPOS.downloads;

interface TreeEntry {
  type: string;
  path: string;
  oid: string;
  size: number;
  lfs?: { oid: string; size: number; pointerSize: number };
}

let hub: HubServer;
const cacheDirs: string[] = [];
const debug = console.debug;

before(async () => {
  hub = await startHubServer();
  // downloadFileToCacheDir logs every file it fetches.
  console.debug = () => undefined;
});

after(async () => {
  console.debug = debug;
  await hub.close();
  for (const dir of cacheDirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const url = (p: string) => `${hub.url}${p}`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function tempCache() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-dl-'));
  cacheDirs.push(dir);
  return dir;
}

/** `prefix`: '' for models, 'datasets/' for datasets, as in file URLs. */
async function tree(repo: string, prefix = ''): Promise<TreeEntry[]> {
  return (await (await fetch(url(`/api/${prefix || 'models/'}${repo}/tree/main?recursive=true`))).json()) as TreeEntry[];
}

async function entry(repo: string, file: string, prefix = ''): Promise<TreeEntry> {
  const found = (await tree(repo, prefix)).find((e) => e.path === file);
  assert.ok(found, `${file} in ${repo}`);
  return found;
}

/** The signed CDN URL an LFS file redirects to. */
async function cdnLocation(repo: string, file: string): Promise<string> {
  const res = await fetch(url(`/${repo}/resolve/main/${file}`), { method: 'HEAD', redirect: 'manual' });
  assert.equal(res.status, 302);
  return res.headers.get('location') ?? '';
}

describe('resolve redirects', () => {
  it('answers 307 to /api/resolve-cache/ for a file in git, with the metadata of the recorded Hub', async () => {
    const config = await entry(SMALL, 'config.json');
    const [{ id: commit }] = (await (await fetch(url(`/api/models/${SMALL}/commits/main`))).json()) as { id: string }[];
    const head = await fetch(url(`/${SMALL}/resolve/main/config.json`), { method: 'HEAD', redirect: 'manual' });
    assert.equal(head.status, 307);
    assert.equal(
      head.headers.get('location'),
      `/api/resolve-cache/models/${SMALL}/${commit}/config.json?${encodeURIComponent(`/${SMALL}/resolve/main/config.json`)}=&etag=${encodeURIComponent(`"${config.oid}"`)}`,
    );
    assert.equal(head.headers.get('x-repo-commit'), commit);
    assert.equal(head.headers.get('x-linked-etag'), `"${config.oid}"`);
    assert.equal(head.headers.get('content-disposition'), `inline; filename*=UTF-8''config.json; filename="config.json";`);
    assert.equal(head.headers.get('x-linked-size'), null, 'only LFS redirects carry X-Linked-Size');

    const target = await fetch(url(head.headers.get('location') ?? ''), { method: 'HEAD' });
    assert.equal(target.status, 200);
    assert.equal(target.headers.get('etag'), `"${config.oid}"`);
    assert.equal(target.headers.get('content-length'), String(config.size));
    assert.equal(target.headers.get('accept-ranges'), 'bytes');
    assert.equal(target.headers.get('x-repo-commit'), commit);
    assert.match(target.headers.get('ratelimit') ?? '', /^"resolvers";/, 'resolve-cache counts as a resolver, as recorded');

    const bytes = new Uint8Array(await (await fetch(url(`/${SMALL}/resolve/main/config.json`))).arrayBuffer());
    const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    assert.equal(blob, config.oid, 'the ETag is the git blob id of the bytes');
    const part = await fetch(url(`/${SMALL}/resolve/main/config.json`), { headers: { Range: 'bytes=2-9' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 2-9/${config.size}`);
    assert.deepEqual(new Uint8Array(await part.arrayBuffer()), bytes.subarray(2, 10));
  });

  it('answers 304 to If-None-Match on /resolve/ itself, and serves datasets through resolve-cache/datasets', async () => {
    const config = await entry(SMALL, 'config.json');
    const fresh = await fetch(url(`/${SMALL}/resolve/main/config.json`), { headers: { 'If-None-Match': `"${config.oid}"` }, redirect: 'manual' });
    assert.equal(fresh.status, 304);
    const weights = await entry(SMALL, 'model.safetensors');
    const lfs = await fetch(url(`/${SMALL}/resolve/main/model.safetensors`), { headers: { 'If-None-Match': `"${weights.lfs?.oid}"` }, redirect: 'manual' });
    assert.equal(lfs.status, 304);
    const readme = await fetch(url(`/datasets/${DATASET}/resolve/main/dataset_info.json`), { redirect: 'manual' });
    assert.equal(readme.status, 307);
    assert.match(readme.headers.get('location') ?? '', new RegExp(`^/api/resolve-cache/datasets/${DATASET}/[0-9a-f]{40}/dataset_info\\.json\\?`));
  });

  it('answers 302 to the CDN for an LFS file, with X-Linked-Etag, X-Linked-Size, ETag and X-Repo-Commit on the 302', async () => {
    const onnx = await entry(SMALL, 'onnx/model.onnx');
    const head = await fetch(url(`/${SMALL}/resolve/main/onnx/model.onnx`), { method: 'HEAD', redirect: 'manual' });
    assert.equal(head.status, 302);
    const location = new URL(head.headers.get('location') ?? '');
    assert.equal(location.origin, hub.cdnUrl);
    assert.notEqual(hub.cdnUrl, hub.url);
    assert.ok(location.searchParams.get('Signature') && Number(location.searchParams.get('Expires')) > Date.now() / 1000);
    assert.equal(head.headers.get('x-linked-etag'), `"${onnx.lfs?.oid}"`);
    assert.equal(head.headers.get('etag'), `"${onnx.lfs?.oid}"`);
    assert.equal(head.headers.get('x-linked-size'), String(onnx.size));
    assert.equal(head.headers.get('accept-ranges'), 'bytes');
    assert.match(head.headers.get('x-repo-commit') ?? '', /^[0-9a-f]{40}$/);
    assert.equal(head.headers.get('x-xet-hash'), null, 'no Xet: clients use the plain LFS path');
  });

  it('percent-encodes the id in the Location, so ids with bidi or zero-width characters still redirect', async () => {
    const hostile = await startHubServer({ hostile: true });
    try {
      const odd = hostile.catalog.all('model').filter((r) => /[^\x20-\x7e]/.test(r.id));
      assert.ok(odd.length >= 2);
      for (const repo of odd) {
        const file = `/${repo.id.split('/').map(encodeURIComponent).join('/')}/resolve/main/README.md`;
        const redirect = await fetch(`${hostile.url}${file}`, { redirect: 'manual' });
        assert.equal(redirect.status, 307, repo.id);
        assert.match(redirect.headers.get('location') ?? '', /^[\x21-\x7e]+$/);
        assert.equal(await (await fetch(`${hostile.url}${file}`)).text(), repo.readme());
      }
    } finally {
      await hostile.close();
    }
  });

  it('refuses files of the gated repo to anonymous callers (401) and unapproved ones (403), redirects approved ones', async () => {
    const file = `/${GATED}/resolve/main/model.safetensors`;
    assert.equal((await fetch(url(file), { redirect: 'manual' })).status, 401);
    const stranger = await fetch(url(file), { headers: bearer(TEST_TOKENS.stranger), redirect: 'manual' });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.headers.get('x-error-code'), 'GatedRepo');
    assert.equal((await fetch(url(file), { headers: bearer(TEST_TOKENS.hubTest), redirect: 'manual' })).status, 302);
    const cached = `/api/resolve-cache/models/${GATED}/${(await fetch(url(`/${GATED}/resolve/main/config.json`), { headers: bearer(TEST_TOKENS.hubTest), redirect: 'manual' })).headers.get('x-repo-commit')}/config.json`;
    assert.equal((await fetch(url(cached))).status, 401, 'resolve-cache is gated too');
  });

  it('resolves a branch, a tag and refs/pr/1 to their own commits', async () => {
    const refs = (await (await fetch(url(`/api/models/${REVISIONS}/refs?include_prs=1`))).json()) as Record<string, { ref: string; targetCommit: string }[]>;
    const commits = new Map([...refs.branches, ...refs.tags, ...refs.pullRequests].map((r) => [r.ref, r.targetCommit]));
    assert.deepEqual([...commits.keys()], ['refs/heads/main', 'refs/heads/dev', 'refs/tags/v1.0', 'refs/pr/1']);
    assert.equal(new Set(commits.values()).size, 4);
    for (const [rev, ref] of [['dev', 'refs/heads/dev'], ['v1.0', 'refs/tags/v1.0'], [encodeURIComponent('refs/pr/1'), 'refs/pr/1']]) {
      const res = await fetch(url(`/${REVISIONS}/resolve/${rev}/model.safetensors`), { method: 'HEAD', redirect: 'manual' });
      assert.equal(res.headers.get('x-repo-commit'), commits.get(ref), rev);
    }
    const history = (await (await fetch(url(`/api/models/${REVISIONS}/commits/dev`))).json()) as { id: string }[];
    assert.equal(history[0].id, commits.get('refs/heads/dev'));
    assert.equal((await fetch(url(`/${REVISIONS}/resolve/nope/config.json`), { redirect: 'manual' })).headers.get('x-error-code'), 'RevisionNotFound');
  });
});

describe('real sha256', () => {
  it('gives every LFS file the sha256 of its served bytes in the tree, paths-info, siblings and X-Linked-Etag', async () => {
    for (const [repo, prefix] of [[SMALL, ''], [DOTTED, ''], [DATASET, 'datasets/']]) {
      const type = prefix ? 'datasets' : 'models';
      const files = (await tree(repo, prefix)).filter((e) => e.lfs);
      assert.ok(files.length >= 1, repo);
      const info = (await (await fetch(url(`/api/${type}/${repo}/paths-info/main`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ paths: files.map((f) => f.path) }),
      })).json()) as TreeEntry[];
      const detail = (await (await fetch(url(`/api/${type}/${repo}?blobs=true`))).json()) as { siblings: { rfilename: string; lfs?: { sha256: string } }[] };
      for (const f of files) {
        const bytes = new Uint8Array(await (await fetch(url(`/${prefix}${repo}/resolve/main/${f.path}`))).arrayBuffer());
        assert.equal(bytes.length, f.size);
        assert.equal(sha256(bytes), f.lfs?.oid, `${repo}/${f.path}`);
        assert.equal(info.find((i) => i.path === f.path)?.lfs?.oid, f.lfs?.oid);
        assert.equal(detail.siblings.find((s) => s.rfilename === f.path)?.lfs?.sha256, f.lfs?.oid);
        const redirect = await fetch(url(`/${prefix}${repo}/resolve/main/${f.path}`), { method: 'HEAD', redirect: 'manual' });
        assert.equal(redirect.headers.get('x-linked-etag'), `"${f.lfs?.oid}"`);
      }
    }
  });

  it('writes a real safetensors header at the start of model.safetensors', async () => {
    const res = await fetch(url(`/${SMALL}/resolve/main/model.safetensors`), { headers: { Range: 'bytes=0-4095' } });
    const head = Buffer.from(await res.arrayBuffer());
    const length = Number(head.readBigUInt64LE(0));
    const header = JSON.parse(head.subarray(8, 8 + length).toString('utf8')) as Record<string, { data_offsets?: [number, number] }>;
    const end = Math.max(...Object.values(header).map((t) => t.data_offsets?.[1] ?? 0));
    assert.equal(8 + length + end, (await entry(SMALL, 'model.safetensors')).size);
  });
});

describe('the CDN', () => {
  it('serves 200, 206 with Content-Range, and 416, with ETag and Content-Length', async () => {
    const weights = await entry(SMALL, 'model.safetensors');
    const location = await cdnLocation(SMALL, 'model.safetensors');
    const head = await fetch(location, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(weights.size));
    assert.equal(head.headers.get('etag'), `"${weights.lfs?.oid}"`);
    assert.equal(head.headers.get('accept-ranges'), 'bytes');
    assert.equal(head.headers.get('content-disposition'), `inline; filename*=UTF-8''model.safetensors; filename="model.safetensors";`);
    const whole = new Uint8Array(await (await fetch(location)).arrayBuffer());
    const part = await fetch(location, { headers: { Range: 'bytes=100000-199999' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100000-199999/${weights.size}`);
    assert.equal(part.headers.get('content-length'), '100000');
    assert.deepEqual(new Uint8Array(await part.arrayBuffer()), whole.subarray(100000, 200000));
    const tail = await fetch(location, { headers: { Range: 'bytes=-10' } });
    assert.deepEqual(new Uint8Array(await tail.arrayBuffer()), whole.subarray(whole.length - 10));
    const beyond = await fetch(location, { headers: { Range: `bytes=${weights.size}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${weights.size}`);
  });

  it('answers 403 to a tampered signature, another path, or an expired URL, and 400 to a request with a token', async () => {
    const location = new URL(await cdnLocation(SMALL, 'model.safetensors'));
    const sig = location.searchParams.get('Signature') ?? '';
    const tampered = new URL(location);
    tampered.searchParams.set('Signature', (sig[0] === '0' ? '1' : '0') + sig.slice(1));
    assert.equal((await fetch(tampered)).status, 403);
    const later = new URL(location);
    later.searchParams.set('Expires', String(Number(location.searchParams.get('Expires')) + 3600));
    assert.equal((await fetch(later)).status, 403, 'the expiry is signed');
    const other = new URL(location);
    other.pathname = other.pathname.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    assert.equal((await fetch(other)).status, 403);
    const unsigned = new URL(location.pathname, location.origin);
    assert.equal((await fetch(unsigned)).status, 403);
    hub.inject({ on: 'cdn', expired: true, times: 1 });
    const expired = await fetch(location);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /Request has expired/);
    const withToken = await fetch(location, { headers: bearer(TEST_TOKENS.hubTest) });
    assert.equal(withToken.status, 400);
    assert.equal((await fetch(location)).status, 200, 'the URL itself still works');
  });

  it('lets signed URLs expire after signedUrlSeconds', async () => {
    const brief = await startHubServer({ signedUrlSeconds: 0 });
    try {
      const res = await fetch(`${brief.url}/${SMALL}/resolve/main/model.safetensors`);
      assert.equal(res.status, 403);
      assert.match(await res.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    } finally {
      await brief.close();
    }
  });
});

describe('@huggingface/hub downloads', () => {
  it('downloadFile gets LFS bytes that hash to the oid, and the token never reaches the CDN', async () => {
    hub.clearRequests();
    const weights = await entry(SMALL, 'model.safetensors');
    const blob = await downloadFile({ repo: SMALL, path: 'model.safetensors', hubUrl: hub.url, accessToken: TEST_TOKENS.hubTest });
    const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
    assert.equal(sha256(bytes), weights.lfs?.oid);
    const toHub = hub.requests.filter((r) => r.path.includes('/resolve/'));
    assert.ok(toHub.length >= 1 && toHub.every((r) => r.headers.authorization && r.status === 302));
    assert.deepEqual(hub.cdnRequests.map((r) => [r.headers.range, r.status]), [['bytes=0-0', 206], [undefined, 200]]);
    assert.ok(hub.cdnRequests.every((r) => !r.headers.authorization), 'no request with Authorization reached the CDN');
  });

  it('fileDownloadInfo reads size and ETag through both redirects', async () => {
    const weights = await entry(SMALL, 'model.safetensors');
    const lfs = await fileDownloadInfo({ repo: SMALL, path: 'model.safetensors', hubUrl: hub.url });
    assert.deepEqual({ size: lfs?.size, etag: lfs?.etag, xet: lfs?.xet }, { size: weights.size, etag: `"${weights.lfs?.oid}"`, xet: undefined });
    assert.equal(lfs?.url, `${hub.url}/${SMALL}/resolve/main/model.safetensors`, 'a CDN URL is not kept: it expires');
    const config = await entry(SMALL, 'config.json');
    const git = await fileDownloadInfo({ repo: SMALL, path: 'config.json', hubUrl: hub.url });
    assert.equal(git?.size, config.size);
    assert.equal(git?.etag, `"${config.oid}"`);
    assert.match(git?.url ?? '', /\/api\/resolve-cache\/models\/hub-test\/download-small\/[0-9a-f]{40}\/config\.json\?/);
    assert.equal(await fileDownloadInfo({ repo: SMALL, path: 'missing.json', hubUrl: hub.url }), null);
  });

  it('downloadFileToCacheDir writes the blob under its sha256 and links it from the snapshot', async () => {
    const cacheDir = tempCache();
    const weights = await entry(SMALL, 'onnx/model.onnx');
    const pointer = await downloadFileToCacheDir({ repo: SMALL, path: 'onnx/model.onnx', hubUrl: hub.url, cacheDir });
    assert.match(pointer, /models--hub-test--download-small[\\/]snapshots[\\/][0-9a-f]{40}[\\/]onnx[\\/]model\.onnx$/);
    assert.equal(path.basename(readlinkSync(pointer)), weights.lfs?.oid);
    assert.equal(sha256(readFileSync(pointer)), weights.lfs?.oid);
  });

  it('snapshotDownload fetches whole repos (dotted ids, datasets, tags, gated with a token), and scanCacheDir lists them', async () => {
    const cacheDir = tempCache();
    hub.clearRequests();
    for (const params of [
      { repo: SMALL },
      { repo: DOTTED },
      { repo: { type: 'dataset' as const, name: DATASET } },
      { repo: REVISIONS, revision: 'v1.0' },
      { repo: GATED, accessToken: TEST_TOKENS.hubTest },
    ]) {
      await snapshotDownload({ ...params, hubUrl: hub.url, cacheDir });
    }
    await assert.rejects(snapshotDownload({ repo: GATED, hubUrl: hub.url, cacheDir: tempCache() }), /restricted/);
    const scan = await scanCacheDir(cacheDir);
    assert.deepEqual(scan.warnings, []);
    const byName = new Map(scan.repos.map((r) => [`${r.id.type}:${r.id.name}`, r]));
    assert.deepEqual([...byName.keys()].sort(), [`dataset:${DATASET}`, `model:${GATED}`, `model:${REVISIONS}`, `model:${SMALL}`, `model:${DOTTED}`].sort());
    const small = await tree(SMALL);
    // One blob per distinct content. @huggingface/hub 2.17.5's scanCacheDir does not descend into snapshot
    // folders (scanSnapshotDir skips directories), so onnx/model.onnx is on disk but not in its count.
    const files = small.filter((e) => e.type === 'file');
    const topLevel = new Map(files.filter((e) => !e.path.includes('/')).map((e) => [e.lfs?.oid ?? e.oid, e.size]));
    assert.equal(byName.get(`model:${SMALL}`)?.filesCount, topLevel.size);
    assert.equal(byName.get(`model:${SMALL}`)?.size, [...topLevel.values()].reduce((sum, size) => sum + size, 0));
    const blobs = readdirSync(path.join(cacheDir, 'models--hub-test--download-small', 'blobs'));
    assert.deepEqual(blobs.sort(), [...new Set(files.map((e) => e.lfs?.oid ?? e.oid))].sort());
    const tagged = readFileSync(path.join(cacheDir, 'models--hub-test--download-revisions', 'refs', 'v1.0'), 'utf8');
    const refs = (await (await fetch(url(`/api/models/${REVISIONS}/refs`))).json()) as { tags: { targetCommit: string }[] };
    assert.equal(tagged, refs.tags[0].targetCommit);
    assert.ok(hub.cdnRequests.length > 0 && hub.cdnRequests.every((r) => !r.headers.authorization));
  });
});

describe('download faults', () => {
  it('resets a CDN body after N bytes, and serves wrong bytes on request', async () => {
    const weights = await entry(SMALL, 'model.safetensors');
    const location = await cdnLocation(SMALL, 'model.safetensors');
    hub.inject({ on: 'cdn', match: '/lfs-bridge/', resetAfterBytes: 1_000_000, times: 1 });
    const cut = await fetch(location);
    assert.equal(cut.headers.get('content-length'), String(weights.size));
    const reader = (cut.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    await assert.rejects(async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        received += value.length;
      }
    });
    assert.equal(received, 1_000_000);
    hub.inject({ on: 'cdn', corrupt: true, times: 1 });
    const wrong = new Uint8Array(await (await fetch(location)).arrayBuffer());
    assert.equal(wrong.length, weights.size);
    assert.notEqual(sha256(wrong), weights.lfs?.oid);
    assert.equal(sha256(new Uint8Array(await (await fetch(location)).arrayBuffer())), weights.lfs?.oid, 'one request only');
  });

  it('fails /resolve/ with 5xx or 429, and slows a body down', async () => {
    hub.inject({ match: `/${SMALL}/resolve/`, status: 503, retryAfter: 2, times: 1 });
    const busy = await fetch(url(`/${SMALL}/resolve/main/model.safetensors`));
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '2');
    hub.inject({ match: `/${SMALL}/resolve/`, status: 429, times: 1 });
    assert.equal((await fetch(url(`/${SMALL}/resolve/main/config.json`))).status, 429);
    hub.inject({ on: 'cdn', dripMs: 20, dripBytes: 256, times: 1 });
    const started = Date.now();
    const slow = await fetch(url(`/${SMALL}/resolve/main/model.safetensors`), { headers: { Range: 'bytes=0-1023' } });
    assert.equal((await slow.arrayBuffer()).byteLength, 1024);
    assert.ok(Date.now() - started >= 60, 'four 256-byte pieces, 20 ms apart');
  });
});

describe('the 2 GiB repo', () => {
  it('streams 2 GiB that hash to the oid without holding the file in memory', { timeout: 120_000 }, async () => {
    const weights = await entry(LARGE, 'model.safetensors');
    assert.ok(weights.size > 2 ** 31);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const hash = createHash('sha256');
    const res = await fetch(url(`/${LARGE}/resolve/main/model.safetensors`));
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.length;
      if ((received & 0xfffffff) < chunk.length) {
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    }
    assert.equal(received, weights.size);
    assert.equal(hash.digest('hex'), weights.lfs?.oid);
    assert.ok(peak - rssBefore < 512 * 1024 * 1024, `server and client grew by ${Math.round((peak - rssBefore) / 2 ** 20)} MiB`);
  });
});
