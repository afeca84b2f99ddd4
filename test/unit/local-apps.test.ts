import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hardwareList, localApps, quantLabel } from '../../src/hub/tasks.lazy';
import { appLink, appModel, appsForModel, appSteps, appTakesFile, MODEL_FIELDS, notebookLinks, quantLabelProblem, snippetPathProblem, terminalLine, type AppModel, type LocalAppLike } from '../../src/localApps/apps';
import { downloadArg, FIT_OVERHEAD, fitOf, ggufQuants, machineOf } from '../../src/localApps/quants';
import { repoExpanded } from '../hub-server/server.mjs';
import { assertLinear, repeatTo } from './linear';

const GB = 1024 ** 3;

/** The embedded Hub's answer to the `expand[]` request "Use this model" sends, checked as the command checks it. */
function model(id: string): AppModel {
  const result = appModel(repoExpanded('model', id, MODEL_FIELDS));
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.model;
}

function keys(m: AppModel): string[] {
  return appsForModel(m, localApps).map((a) => a.key);
}

describe('Local apps: which apps a model gets', () => {
  it('a GGUF chat model gets the llama.cpp family and the GGUF desktop apps, not MLX or diffusion apps', () => {
    const apps = keys(model('saltmarsh/Kestrel-2-0.5B-Instruct-GGUF'));
    for (const key of ['llama.cpp', 'node-llama-cpp', 'ollama', 'lmstudio', 'jan', 'localai', 'docker-model-runner', 'unsloth', 'lemonade', 'vllm']) {
      assert.ok(apps.includes(key), `${key} in ${apps.join(', ')}`);
    }
    for (const key of ['mlx-lm', 'sglang', 'drawthings', 'diffusionbee', 'tgi']) {
      assert.ok(!apps.includes(key), `${key} not in ${apps.join(', ')}`);
    }
    // The library's order is the Hub's order.
    assert.deepEqual(apps, Object.keys(localApps).filter((k) => apps.includes(k)));
  });

  it('an MLX model gets MLX LM and LM Studio, no llama.cpp', () => {
    const apps = keys(model('saltmarsh/Quill-2-0.5B-Instruct-mlx-4bit'));
    assert.ok(apps.includes('mlx-lm') && apps.includes('lmstudio'), apps.join(', '));
    assert.ok(!apps.includes('llama.cpp') && !apps.includes('ollama'), apps.join(', '));
  });

  it('a diffusers text-to-image model gets the image apps; a transformers LLM gets vLLM and SGLang', () => {
    const sd = keys(model('stabilityai/stable-diffusion-2-1'));
    assert.ok(sd.includes('drawthings') && sd.includes('diffusionbee'), sd.join(', '));
    assert.ok(!sd.includes('llama.cpp') && !sd.includes('vllm'), sd.join(', '));
    const zephyr = keys(model('HuggingFaceH4/zephyr-7b-beta'));
    assert.ok(zephyr.includes('vllm') && zephyr.includes('sglang'), zephyr.join(', '));
    assert.ok(!zephyr.includes('llama.cpp') && !zephyr.includes('drawthings'), zephyr.join(', '));
  });

  it('an app whose rule throws, or that is coming soon, is not offered', () => {
    const m = model('saltmarsh/Kestrel-2-0.5B-Instruct-GGUF');
    const apps: Record<string, LocalAppLike> = {
      broken: { prettyLabel: 'Broken', docsUrl: 'https://x', mainTask: 'text-generation', displayOnModelPage: () => { throw new Error('no'); }, snippet: () => 'x' },
      soon: { prettyLabel: 'Soon', docsUrl: 'https://x', mainTask: 'text-generation', comingSoon: true, displayOnModelPage: () => true, snippet: () => 'x' },
      ok: { prettyLabel: 'Ok', docsUrl: 'https://x', mainTask: 'text-generation', displayOnModelPage: () => true, deeplink: () => new URL('ok://x') },
    };
    assert.deepEqual(appsForModel(m, apps).map((a) => [a.key, a.kind]), [['ok', 'deeplink']]);
  });

  it('refuses details whose id is not a repo id', () => {
    const result = appModel({ id: 'a/b; rm -rf ~', tags: [] });
    assert.equal(result.ok, false);
    assert.equal(appModel([]).ok, false);
  });
});

describe('Local apps: what each gives', () => {
  const gguf = model('saltmarsh/Kestrel-2-0.5B-Instruct-GGUF');

  it('Ollama with a chosen file names its quant, exactly as the library writes it', () => {
    const steps = appSteps(localApps.ollama, gguf, 'Kestrel-2-0.5B-Instruct-Q4_K_M.gguf');
    assert.ok(steps.ok);
    assert.deepEqual(steps.steps, [{ title: 'Ollama', kind: 'run', text: 'ollama run hf.co/saltmarsh/Kestrel-2-0.5B-Instruct-GGUF:Q4_K_M' }]);
  });

  it('llama.cpp gives install and run blocks; without a file the quant tag is dropped as the Hub drops it', () => {
    const steps = appSteps(localApps['llama.cpp'], gguf);
    assert.ok(steps.ok);
    assert.equal(steps.steps[0].kind, 'setup');
    assert.ok(steps.steps.some((s) => s.text.includes('llama serve -hf saltmarsh/Kestrel-2-0.5B-Instruct-GGUF\n') || s.text.endsWith('llama serve -hf saltmarsh/Kestrel-2-0.5B-Instruct-GGUF')));
    assert.ok(steps.steps.every((s) => !s.text.includes('{{')));
  });

  it('LocalAI without a file is refused (it needs the file name), with one it names it', () => {
    const none = appSteps(localApps.localai, gguf);
    assert.equal(none.ok, false);
    const one = appSteps(localApps.localai, gguf, 'Kestrel-2-0.5B-Instruct-Q8_0.gguf');
    assert.ok(one.ok && one.steps.some((s) => s.text.includes('huggingface://saltmarsh/Kestrel-2-0.5B-Instruct-GGUF/Kestrel-2-0.5B-Instruct-Q8_0.gguf')));
  });

  it('LM Studio is a deep link with the file; which apps take the file', () => {
    const link = appLink(localApps.lmstudio, gguf, 'Kestrel-2-0.5B-Instruct-Q4_K_M.gguf');
    assert.deepEqual(link, { ok: true, url: 'lmstudio://open_from_hf?model=saltmarsh/Kestrel-2-0.5B-Instruct-GGUF&file=Kestrel-2-0.5B-Instruct-Q4_K_M.gguf' });
    assert.equal(appTakesFile(localApps.lmstudio, gguf), true);
    assert.equal(appTakesFile(localApps.ollama, gguf), true);
    assert.equal(appTakesFile(localApps.jan, gguf), false);
    assert.equal(appTakesFile(localApps.vllm, gguf), false);
  });

  it('refuses a hostile file name before the library sees it, and a snippet with control characters', () => {
    for (const path of ['a;rm -rf ~.gguf', 'x $(id).gguf', '../up.gguf', 'q`id`.gguf', 'a\nb.gguf']) {
      const steps = appSteps(localApps.ollama, gguf, path);
      assert.equal(steps.ok, false, path);
      assert.ok(snippetPathProblem(path), path);
    }
    const evil: LocalAppLike = { prettyLabel: 'Evil', docsUrl: 'https://x', mainTask: 't', displayOnModelPage: () => true, snippet: () => 'echo \u202eevil' };
    assert.equal(appSteps(evil, gguf).ok, false);
    const js: LocalAppLike = { prettyLabel: 'Js', docsUrl: 'https://x', mainTask: 't', displayOnModelPage: () => true, deeplink: () => new URL('javascript:alert(1)') };
    assert.equal(appLink(js, gguf).ok, false);
  });

  it('a terminal gets one command line only; comments are left out', () => {
    assert.equal(terminalLine('# Run it:\nollama run hf.co/a/b:Q4_K_M'), 'ollama run hf.co/a/b:Q4_K_M');
    assert.equal(terminalLine('pip install vllm\nvllm serve "a/b"'), undefined);
    assert.equal(terminalLine('curl -X POST x \\\n  -d y'), undefined);
    assert.equal(terminalLine('# only a comment'), undefined);
  });

  it('quant labels as the parser gives them pass; anything else is refused', () => {
    for (const label of ['Q4_K_M', 'UD-Q4_K_XL', 'IQ2_XXS', 'F16', 'MXFP4_MOE']) {
      assert.equal(quantLabelProblem(label), undefined, label);
    }
    for (const label of ['q4', 'Q4 K', 'Q4;id', '', 'A'.repeat(40)]) {
      assert.ok(quantLabelProblem(label), label);
    }
  });

  it('notebooks are linked as the Hub links them', () => {
    assert.deepEqual(notebookLinks('openai-community/gpt2', 'https://huggingface.co/'), [
      { label: 'Google Colab', url: 'https://colab.research.google.com/#fileId=https%3A//huggingface.co/openai-community/gpt2.ipynb' },
      { label: 'Kaggle', url: 'https://kaggle.com/kernels/welcome?src=https://huggingface.co/openai-community/gpt2.ipynb' },
    ]);
    assert.deepEqual(notebookLinks('../x', 'https://huggingface.co'), []);
  });
});

describe('GGUF quants: grouping, sizes and fit', () => {
  const files = [
    { path: 'README.md', size: 10 },
    { path: 'm-Q8_0.gguf', size: 8 * GB },
    { path: 'm-Q4_K_M.gguf', size: 4 * GB },
    { path: 'Q6_K/m-Q6_K-00002-of-00002.gguf', size: 3 * GB },
    { path: 'Q6_K/m-Q6_K-00001-of-00002.gguf', size: 3 * GB },
    { path: 'mmproj-m-F16.gguf', size: 1 * GB },
  ];

  it('groups split shards into one quant with their summed size, labels each with the Hub parser, smallest first', () => {
    const quants = ggufQuants(files, quantLabel);
    assert.deepEqual(
      quants.map((q) => [q.label, q.first, q.files.length, q.total / GB]),
      [
        ['Q4_K_M', 'm-Q4_K_M.gguf', 1, 4],
        ['Q6_K', 'Q6_K/m-Q6_K-00001-of-00002.gguf', 2, 6],
        ['Q8_0', 'm-Q8_0.gguf', 1, 8],
      ],
    );
    assert.deepEqual(downloadArg('o/m', quants[0]), { repo: { type: 'model', id: 'o/m' }, entry: { path: 'm-Q4_K_M.gguf', type: 'file' } });
    assert.deepEqual(downloadArg('o/m', quants[1]), { repo: { type: 'model', id: 'o/m' }, entry: { path: 'Q6_K', type: 'directory' } });
  });

  it('marks fits / tight / too big against RAM, or against the GPU set, with RAM for offloading', () => {
    const ram = { ram: 16 * GB };
    assert.equal(fitOf((16 * GB) / FIT_OVERHEAD, ram), 'fits');
    assert.equal(fitOf(15 * GB, ram), 'tight');
    assert.equal(fitOf(17 * GB, ram), 'too big');
    const gpu = { ram: 64 * GB, gpu: { name: 'NVIDIA RTX 4090', memory: 24 * GB } };
    assert.equal(fitOf(8 * GB, gpu), 'fits');
    assert.equal(fitOf(40 * GB, gpu), 'tight');
    assert.equal(fitOf(60 * GB, gpu), 'too big');
  });

  it('resolves the hardware setting against the Hub list, whose names the setting offers', () => {
    const list = hardwareList();
    assert.deepEqual(machineOf(8 * GB, 'NVIDIA RTX 4090', undefined, list), { ram: 8 * GB, gpu: { name: 'NVIDIA RTX 4090', memory: 24 * GB } });
    assert.equal(machineOf(8 * GB, 'NVIDIA A100', 80, list).gpu?.memory, 80 * GB);
    assert.deepEqual(machineOf(8 * GB, 'Made-up GPU', undefined, list), { ram: 8 * GB });
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[]; scope?: string }> } } };
    const setting = manifest.contributes.configuration.properties['huggingface.hardware.gpu'];
    assert.deepEqual(setting.enum, ['', ...list.keys()]);
    assert.equal(setting.scope, 'application');
  });
});

describe('Local apps: linear on pathological input', () => {
  it('terminalLine, snippetPathProblem, the quant parser and grouping', () => {
    assertLinear('terminalLine on many comment lines', (t) => terminalLine(t), (n) => repeatTo('# x\n', n));
    assertLinear('snippetPathProblem on a long name', (t) => snippetPathProblem(t), (n) => repeatTo('a', n));
    assertLinear('parseGGUFQuantLabel on repeated Q digits', (t) => quantLabel(t), (n) => repeatTo('Q4_K_', n));
    assertLinear('ggufQuants on a long shard-like name', (t) => ggufQuants([{ path: `${t}.gguf`, size: 1 }], quantLabel), (n) => repeatTo('-00001-of', n));
  });
});
