// The cache layout of huggingface_hub: where the cache is, how repo folders are named, and which Hub text may become a path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  folderLayout, formatFolderMetadata, hubCacheDir, isBlobName, isCommitHash, joinPath, parseFolderMetadata, parseRepoFolderName,
  refProblem, repoFolderName, repoLayout, repoPathProblem,
} from '../../src/hfcache/layout';

const COMMIT = 'a'.repeat(40);
const SHA256 = 'b'.repeat(64);
const SHA1 = 'c'.repeat(40);

describe('hubCacheDir', () => {
  const home = '/home/me';
  it('falls back to ~/.cache/huggingface/hub', () => {
    assert.equal(hubCacheDir({}, home), '/home/me/.cache/huggingface/hub');
  });
  it('follows XDG_CACHE_HOME, then HF_HOME, then HUGGINGFACE_HUB_CACHE, then HF_HUB_CACHE, then the override', () => {
    const env: Record<string, string> = { XDG_CACHE_HOME: '/xdg' };
    assert.equal(hubCacheDir(env, home), '/xdg/huggingface/hub');
    env.HF_HOME = '/hf-home';
    assert.equal(hubCacheDir(env, home), '/hf-home/hub');
    env.HUGGINGFACE_HUB_CACHE = '/legacy';
    assert.equal(hubCacheDir(env, home), '/legacy');
    env.HF_HUB_CACHE = '/hub-cache';
    assert.equal(hubCacheDir(env, home), '/hub-cache');
    assert.equal(hubCacheDir(env, home, '/setting'), '/setting');
  });
  it('expands ~ and ignores empty values', () => {
    assert.equal(hubCacheDir({ HF_HOME: '~/hf', HF_HUB_CACHE: '  ' }, home), '/home/me/hf/hub');
    assert.equal(hubCacheDir({}, home, ''), '/home/me/.cache/huggingface/hub');
  });
  it('joins Windows paths with backslashes', () => {
    assert.equal(hubCacheDir({}, 'C:\\Users\\me'), 'C:\\Users\\me\\.cache\\huggingface\\hub');
    assert.equal(hubCacheDir({ HF_HOME: 'D:\\hf' }, 'C:\\Users\\me'), 'D:\\hf\\hub');
    assert.equal(joinPath('C:\\cache', 'models--a--b', 'snapshots/x/y.json'), 'C:\\cache\\models--a--b\\snapshots\\x\\y.json');
  });
});

describe('repo folders', () => {
  it('names folders as repo_folder_name does, and reads them back', () => {
    assert.equal(repoFolderName('model', 'hub-test/tiny.model-v1.5'), 'models--hub-test--tiny.model-v1.5');
    assert.equal(repoFolderName('dataset', 'org/data'), 'datasets--org--data');
    assert.equal(repoFolderName('space', 'a/b'), 'spaces--a--b');
    assert.equal(repoFolderName('model', 'gpt2'), 'models--gpt2');
    assert.deepEqual(parseRepoFolderName('models--hub-test--tiny.model-v1.5'), { type: 'model', id: 'hub-test/tiny.model-v1.5' });
    assert.deepEqual(parseRepoFolderName('models--gpt2'), { type: 'model', id: 'gpt2' });
    assert.deepEqual(parseRepoFolderName('spaces--a--b'), { type: 'space', id: 'a/b' });
    for (const bad of ['models', 'models--', 'things--a--b', 'models--a--b--c', 'models--..--x', '.locks', 'version.txt']) {
      assert.equal(parseRepoFolderName(bad), undefined, bad);
    }
  });
  it('tells commits from revisions and blob names', () => {
    assert.ok(isCommitHash(COMMIT));
    for (const rev of ['main', 'refs/pr/1', 'v1.0', 'A'.repeat(40), 'a'.repeat(39), 'a'.repeat(41), `${'a'.repeat(39)}g`]) {
      assert.equal(isCommitHash(rev), false, rev);
    }
    assert.ok(isBlobName(SHA1) && isBlobName(SHA256));
    assert.equal(isBlobName('../../etc/passwd'), false);
    assert.equal(isBlobName(`"${SHA1}"`), false);
  });
});

describe('paths inside a repo folder', () => {
  const layout = repoLayout('/cache', 'model', 'hub-test/tiny.model-v1.5');
  it('builds blob, ref, snapshot and lock paths', () => {
    assert.equal(layout.root, '/cache/models--hub-test--tiny.model-v1.5');
    assert.equal(layout.blob(SHA256), `/cache/models--hub-test--tiny.model-v1.5/blobs/${SHA256}`);
    assert.equal(layout.incomplete(SHA1), `/cache/models--hub-test--tiny.model-v1.5/blobs/${SHA1}.incomplete`);
    assert.equal(layout.ref('main'), '/cache/models--hub-test--tiny.model-v1.5/refs/main');
    assert.equal(layout.ref('refs/pr/1'), '/cache/models--hub-test--tiny.model-v1.5/refs/refs/pr/1');
    assert.equal(layout.snapshotFile(COMMIT, 'onnx/model.onnx'), `/cache/models--hub-test--tiny.model-v1.5/snapshots/${COMMIT}/onnx/model.onnx`);
    assert.equal(layout.lock(SHA1), `/cache/.locks/models--hub-test--tiny.model-v1.5/${SHA1}.lock`);
  });
  it('links snapshots to blobs relatively, one ../ per folder', () => {
    assert.equal(layout.linkTarget('config.json', SHA1), `../../blobs/${SHA1}`);
    assert.equal(layout.linkTarget('a/b/c.bin', SHA256), `../../../../blobs/${SHA256}`);
    assert.equal(repoLayout('C:\\cache', 'model', 'a/b').linkTarget('x/y', SHA1), `..\\..\\..\\blobs\\${SHA1}`);
  });
  it('refuses Hub text that would leave the folder', () => {
    for (const path of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'a\0b', 'C:/x', 'c:x', 'a//b', './a', '']) {
      assert.ok(repoPathProblem(path), JSON.stringify(path));
      assert.throws(() => layout.snapshotFile(COMMIT, path), JSON.stringify(path));
    }
    for (const rev of ['../main', 'refs/../../x', '/main', 'a\\b', 'main\n']) {
      assert.ok(refProblem(rev), JSON.stringify(rev));
      assert.throws(() => layout.ref(rev));
    }
    assert.throws(() => layout.snapshotDir('main'), /not a commit/);
    assert.throws(() => layout.blob('../../x'), /not a blob/);
    assert.throws(() => repoLayout('/cache', 'model', '../x'));
    assert.equal(repoPathProblem('weights/v1.5/model-00001-of-00002.safetensors'), undefined);
  });
});

describe('--local-dir metadata', () => {
  it('writes and reads the .metadata of huggingface_hub', () => {
    const folder = folderLayout('/out');
    assert.equal(folder.file('onnx/model.onnx'), '/out/onnx/model.onnx');
    assert.equal(folder.metadata('onnx/model.onnx'), '/out/.cache/huggingface/download/onnx/model.onnx.metadata');
    assert.equal(folder.lock('config.json'), '/out/.cache/huggingface/download/config.json.lock');
    const text = formatFolderMetadata(COMMIT, SHA1, 1_700_000_000_500);
    assert.equal(text, `${COMMIT}\n${SHA1}\n1700000000.5\n`);
    assert.deepEqual(parseFolderMetadata(text), { commit: COMMIT, etag: SHA1, timestamp: 1_700_000_000_500 });
    // As Python writes it: time.time() with microseconds.
    assert.equal(parseFolderMetadata(`${COMMIT}\n${SHA1}\n1700000000.123456\n`)?.etag, SHA1);
    assert.equal(parseFolderMetadata('garbage'), undefined);
    assert.throws(() => folder.file('../escape'));
  });
});
