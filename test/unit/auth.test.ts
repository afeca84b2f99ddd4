import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanToken, resolveToken, tokenFilePath, tokenInputProblem, type TokenEnvironment } from '../../src/hub/auth';

const HOME = '/home/ada';
const T = {
  stored: 'hf_StoredTokenFromVsCodeSignInAbcdefgh',
  env: 'hf_FromHfTokenEnvironmentVariableXyz',
  legacy: 'hf_FromLegacyHubTokenVariableAbcdefgh',
  file: 'hf_FromTheCliTokenFileAbcdefghijklmn',
};

function environment(env: Record<string, string | undefined>, files: Record<string, string> = {}): TokenEnvironment {
  return { env, homedir: HOME, readFile: (p) => files[p] };
}

describe('token resolution order', () => {
  const defaultFile = `${HOME}/.cache/huggingface/token`;
  const matrix: [string, string | undefined, Record<string, string | undefined>, Record<string, string>, string | undefined, string | undefined][] = [
    ['stored token wins over everything', T.stored, { HF_TOKEN: T.env, HUGGING_FACE_HUB_TOKEN: T.legacy }, { [defaultFile]: T.file }, T.stored, 'signIn'],
    ['HF_TOKEN next', undefined, { HF_TOKEN: T.env, HUGGING_FACE_HUB_TOKEN: T.legacy }, { [defaultFile]: T.file }, T.env, 'HF_TOKEN'],
    ['then HUGGING_FACE_HUB_TOKEN', undefined, { HUGGING_FACE_HUB_TOKEN: T.legacy }, { [defaultFile]: T.file }, T.legacy, 'HUGGING_FACE_HUB_TOKEN'],
    ['then the CLI token file', undefined, {}, { [defaultFile]: `${T.file}\n` }, T.file, 'tokenFile'],
    ['HF_TOKEN_PATH names the file', undefined, { HF_TOKEN_PATH: '/secrets/hf' }, { '/secrets/hf': T.file, [defaultFile]: 'hf_other' }, T.file, 'tokenFile'],
    ['HF_HOME moves it', undefined, { HF_HOME: '/data/hf/' }, { '/data/hf/token': T.file }, T.file, 'tokenFile'],
    ['XDG_CACHE_HOME moves the default', undefined, { XDG_CACHE_HOME: '/xdg' }, { '/xdg/huggingface/token': T.file }, T.file, 'tokenFile'],
    ['an empty variable is no token', undefined, { HF_TOKEN: '  \n' }, { [defaultFile]: T.file }, T.file, 'tokenFile'],
    ['implicit tokens can be turned off', undefined, { HF_TOKEN: T.env, HF_HUB_DISABLE_IMPLICIT_TOKEN: 'YES' }, { [defaultFile]: T.file }, undefined, undefined],
    ['but not the stored one', T.stored, { HF_HUB_DISABLE_IMPLICIT_TOKEN: '1' }, {}, T.stored, 'signIn'],
    ['nothing anywhere', undefined, {}, {}, undefined, undefined],
  ];
  for (const [name, stored, env, files, token, source] of matrix) {
    it(name, () => {
      const resolved = resolveToken(stored, environment(env, files));
      assert.equal(resolved?.token, token);
      assert.equal(resolved?.source, source);
    });
  }

  it('finds the token file where huggingface_hub looks', () => {
    assert.equal(tokenFilePath({}, HOME), `${HOME}/.cache/huggingface/token`);
    assert.equal(tokenFilePath({ HF_HOME: '/h' }, HOME), '/h/token');
    assert.equal(tokenFilePath({ HF_TOKEN_PATH: '/p', HF_HOME: '/h' }, HOME), '/p');
  });

  it('reads the file on every call, so a deleted file means anonymous at once', () => {
    const files: Record<string, string> = { [`${HOME}/.cache/huggingface/token`]: T.file };
    const env = environment({}, files);
    assert.equal(resolveToken(undefined, env)?.token, T.file);
    delete files[`${HOME}/.cache/huggingface/token`];
    assert.equal(resolveToken(undefined, env), undefined);
  });
});

describe('token input', () => {
  it('cleans as huggingface_hub does', () => {
    assert.equal(cleanToken(' hf_abc\r\n'), 'hf_abc');
    assert.equal(cleanToken('\n'), undefined);
  });

  it('accepts only complete hf_ tokens', () => {
    assert.equal(tokenInputProblem(T.stored), undefined);
    assert.match(tokenInputProblem('')!, /Paste/);
    assert.match(tokenInputProblem('api_org_abcdefghijklmnopqrstuvwxyz')!, /start with "hf_"/);
    assert.match(tokenInputProblem('hf_short')!, /complete/);
    assert.match(tokenInputProblem('hf_has spaces inside it abcdefghij')!, /complete/);
  });
});
