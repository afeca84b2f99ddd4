// `@huggingface/tasks` writes `transformersInfo.processor` (and, before it learned to check it, `auto_model`) into the
// transformers snippet as a class name, unescaped. A body whose class names are not Python identifiers loses them
// before the library sees it: without `processor` the snippet loads the model alone; without `auto_model` there is
// no snippet. Checked against the library's real output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODEL_LIBRARIES_UI_ELEMENTS } from '@huggingface/tasks';
import { hubSnippets } from '../../src/hub/tasks.lazy';
import { repoDetail } from '../hub-server/server.mjs';

const HUB = 'https://huggingface.co';
const ID = 'HuggingFaceH4/zephyr-7b-beta';
type Body = Record<string, unknown> & { id: string; tags: string[]; transformersInfo: Record<string, unknown> };

const HOSTILE_NAMES = ['AutoTokenizer; import os; os.system("id")', 'AutoTokenizer\nimport os', 'os.system', 'Auto\u202ETokenizer', 'import', ''];

function body(info: Record<string, unknown>): Body {
  const detail = repoDetail('model', ID) as Body;
  return { ...detail, transformersInfo: { ...detail.transformersInfo, ...info } };
}

/** What `@huggingface/tasks` itself writes for a body. */
function libraryOutput(model: Body): string[] {
  return (MODEL_LIBRARIES_UI_ELEMENTS.transformers.snippets as (m: never) => string[])(model as never);
}

function codeFor(model: Body): string[] {
  const result = hubSnippets(model, 'transformers', HUB);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.plan.variants.map((v) => v.code);
}

describe('snippet fields: transformersInfo class names must be Python identifiers', () => {
  it('the library writes a processor as it is: the reason for the check', () => {
    const raw = libraryOutput(body({ processor: HOSTILE_NAMES[0] })).join('\n');
    assert.ok(raw.includes('import AutoTokenizer; import os; os.system("id"), AutoModelForCausalLM'), raw);
  });

  it('a processor that is not an identifier is left out: the snippet loads the model alone, as the library writes it', () => {
    for (const processor of HOSTILE_NAMES) {
      const code = codeFor(body({ processor }));
      const withoutProcessor = body({});
      delete withoutProcessor.transformersInfo.processor;
      assert.deepEqual(code, libraryOutput(withoutProcessor), JSON.stringify(processor));
      assert.ok(!code.join('\n').includes('import os'), JSON.stringify(processor));
      assert.ok(code.join('\n').includes('from transformers import AutoModelForCausalLM\n'));
    }
  });

  it('an auto_model that is not an identifier: no snippet, and a message that says why', () => {
    for (const auto_model of [...HOSTILE_NAMES, 42]) {
      const result = hubSnippets(body({ auto_model }), 'transformers', HUB);
      assert.equal(result.ok, false, JSON.stringify(auto_model));
      assert.match(result.ok ? '' : result.message, /^The details of HuggingFaceH4\/zephyr-7b-beta (name a transformers class that is not a Python name|have no transformersInfo)/);
    }
  });

  it('valid class names pass through untouched: exactly the library output', () => {
    const valid = body({});
    assert.deepEqual(codeFor(valid), libraryOutput(valid));
    assert.ok(codeFor(valid).join('\n').includes('tokenizer = AutoTokenizer.from_pretrained("HuggingFaceH4/zephyr-7b-beta")'));
  });
});
