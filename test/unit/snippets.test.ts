import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MODEL_LIBRARIES_UI_ELEMENTS } from '@huggingface/tasks';
import { hubSnippets } from '../../src/hub/tasks.lazy';
import { isInstallOnly, planSnippets, variantTitle, type SnippetLibrary, type SnippetPlan } from '../../src/snippets/plan';
import { dedupeImports, frameSnippet, placeAtCursor, snippetText } from '../../src/snippets/text';
import { repoDetail } from '../hub-server/server.mjs';

const HUB = 'https://huggingface.co';
type Body = Record<string, unknown> & { id: string; tags: string[] };

function fixture(id: string): Body {
  return repoDetail('model', id) as Body;
}

/** What `@huggingface/tasks` itself produces for a body: the reference every inserted text is compared with. */
function hubOutput(body: Body): string[] {
  const element = (MODEL_LIBRARIES_UI_ELEMENTS as Record<string, { snippets?: (m: never) => string[] }>)[body.library_name as string];
  return element.snippets!(body as never);
}

function plan(body: unknown, requested: SnippetLibrary = 'transformers'): SnippetPlan {
  const result = hubSnippets(body, requested, HUB);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.plan;
}

function problem(body: unknown, requested: SnippetLibrary = 'transformers'): string {
  const result = hubSnippets(body, requested, HUB);
  assert.equal(result.ok, false, 'expected no snippet');
  return result.ok ? '' : result.message;
}

/** Every variant, inserted into an empty file. */
function inserted(p: SnippetPlan): string[] {
  return p.variants.map((v) => snippetText(p, v.code, ''));
}

const GATED_LLAMA = [
  '# meta-llama/Llama-3.1-8B-Instruct is gated: request access at https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
  '# then sign in with `hf auth login` or set the HF_TOKEN environment variable.',
].join('\n');

const CHAT_PIPELINE = (id: string) =>
  `# Use a pipeline as a high-level helper
from transformers import pipeline

pipe = pipeline("text-generation", model="${id}")
messages = [
    {"role": "user", "content": "Who are you?"},
]
pipe(messages)
`;

const CHAT_AUTO = (id: string) =>
  `# Load model directly
from transformers import AutoTokenizer, AutoModelForCausalLM

tokenizer = AutoTokenizer.from_pretrained("${id}")
model = AutoModelForCausalLM.from_pretrained("${id}", device_map="auto")
messages = [
    {"role": "user", "content": "Who are you?"},
]
inputs = tokenizer.apply_chat_template(
\tmessages,
\tadd_generation_prompt=True,
\ttokenize=True,
\treturn_dict=True,
\treturn_tensors="pt",
).to(model.device)

outputs = model.generate(**inputs, max_new_tokens=40)
print(tokenizer.decode(outputs[0][inputs["input_ids"].shape[-1]:]))
`;

describe('snippets: the recorded Hub models', () => {
  it('gpt2: a pipeline and an Auto-class variant, exactly as the Hub shows them', () => {
    const p = plan(fixture('openai-community/gpt2'));
    assert.deepEqual(
      p.variants.map((v) => v.title),
      ['Use a pipeline as a high-level helper', 'Load model directly'],
    );
    assert.deepEqual(inserted(p), [
      `# Use a pipeline as a high-level helper
from transformers import pipeline

pipe = pipeline("text-generation", model="openai-community/gpt2")
`,
      `# Load model directly
from transformers import AutoTokenizer, AutoModelForCausalLM

tokenizer = AutoTokenizer.from_pretrained("openai-community/gpt2")
model = AutoModelForCausalLM.from_pretrained("openai-community/gpt2", device_map="auto")
`,
    ]);
    assert.equal(p.notice, undefined);
    assert.equal(p.gated, false);
  });

  it('the legacy id "gpt2" keeps the id the Hub answered with', () => {
    const p = plan(fixture('gpt2'));
    assert.equal(p.id, 'gpt2');
    assert.ok(p.variants[0].code.includes('pipeline("text-generation", model="gpt2")'));
  });

  it('bert-base-uncased: fill-mask pipeline and AutoModelForMaskedLM', () => {
    assert.deepEqual(inserted(plan(fixture('google-bert/bert-base-uncased'))), [
      `# Use a pipeline as a high-level helper
from transformers import pipeline

pipe = pipeline("fill-mask", model="google-bert/bert-base-uncased")
`,
      `# Load model directly
from transformers import AutoTokenizer, AutoModelForMaskedLM

tokenizer = AutoTokenizer.from_pretrained("google-bert/bert-base-uncased")
model = AutoModelForMaskedLM.from_pretrained("google-bert/bert-base-uncased", device_map="auto")
`,
    ]);
  });

  it('roberta-base-squad2: question-answering', () => {
    assert.deepEqual(inserted(plan(fixture('deepset/roberta-base-squad2'))), [
      `# Use a pipeline as a high-level helper
from transformers import pipeline

pipe = pipeline("question-answering", model="deepset/roberta-base-squad2")
`,
      `# Load model directly
from transformers import AutoTokenizer, AutoModelForQuestionAnswering

tokenizer = AutoTokenizer.from_pretrained("deepset/roberta-base-squad2")
model = AutoModelForQuestionAnswering.from_pretrained("deepset/roberta-base-squad2", device_map="auto")
`,
    ]);
  });

  it('zephyr-7b-beta: conversational, so both variants chat (tabs and all)', () => {
    assert.deepEqual(inserted(plan(fixture('HuggingFaceH4/zephyr-7b-beta'))), [CHAT_PIPELINE('HuggingFaceH4/zephyr-7b-beta'), CHAT_AUTO('HuggingFaceH4/zephyr-7b-beta')]);
  });

  it('Llama-3.1-8B-Instruct: gated, so the code says to request access and set a token', () => {
    const p = plan(fixture('meta-llama/Llama-3.1-8B-Instruct'));
    assert.equal(p.gated, true);
    assert.deepEqual(inserted(p), [
      `${GATED_LLAMA}\n${CHAT_PIPELINE('meta-llama/Llama-3.1-8B-Instruct')}`,
      `${GATED_LLAMA}\n${CHAT_AUTO('meta-llama/Llama-3.1-8B-Instruct')}`,
    ]);
  });

  it('stable-diffusion-2-1: the pip line becomes a comment on top, the code is the Hub’s', () => {
    const p = plan(fixture('stabilityai/stable-diffusion-2-1'), 'diffusers');
    assert.deepEqual(p.install, ['pip install -U diffusers transformers accelerate']);
    assert.deepEqual(inserted(p), [
      `# pip install -U diffusers transformers accelerate
import torch
from diffusers import DiffusionPipeline

# switch to "mps" for apple devices
pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1", dtype=torch.bfloat16, device_map="cuda")

prompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
image = pipe(prompt).images[0]
`,
    ]);
  });

  it('all-MiniLM-L6-v2: a sentence-transformers model gets its own library’s snippet and a notice', () => {
    const p = plan(fixture('sentence-transformers/all-MiniLM-L6-v2'), 'transformers');
    assert.equal(p.library, 'sentence-transformers');
    assert.equal(p.notice, "sentence-transformers/all-MiniLM-L6-v2 is a sentence-transformers model, not a transformers one: inserting the Hub's sentence-transformers snippet.");
    assert.deepEqual(inserted(p), [
      `from sentence_transformers import SentenceTransformer

model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")

sentences = [
    "The test Hub starts quickly",
    "The fixture server is fast to start",
    "Trains leave every hour",
    "Startup of the local Hub takes a moment"
]
embeddings = model.encode(sentences)

similarities = model.similarity(embeddings, embeddings)
print(similarities.shape)
# [4, 4]
`,
    ]);
    assert.equal(p.variants[0].title, '[4, 4]', 'a variant without a leading comment is titled by its first comment line');
  });

  it('every recorded model: inserted text = @huggingface/tasks output + our framing, for either command', () => {
    const names = [
      'openai-community/gpt2',
      'gpt2',
      'google-bert/bert-base-uncased',
      'HuggingFaceH4/zephyr-7b-beta',
      'meta-llama/Llama-3.1-8B-Instruct',
      'stabilityai/stable-diffusion-2-1',
      'sentence-transformers/all-MiniLM-L6-v2',
      'sentence-transformers/paraphrase-albert-small-v2',
      'deepset/roberta-base-squad2',
    ];
    for (const name of names) {
      const body = fixture(name);
      const reference = hubOutput(body);
      for (const requested of ['transformers', 'diffusers'] as const) {
        const p = plan(body, requested);
        const install = reference.filter(isInstallOnly);
        const header = [...install.map((c) => `# ${c}`), ...(body.gated ? GATED_LLAMA.split('\n') : [])];
        assert.deepEqual(
          inserted(p),
          reference.filter((s) => !isInstallOnly(s)).map((code) => [...header, code].join('\n') + '\n'),
          `${name} (${requested})`,
        );
        assert.equal(p.notice === undefined, body.library_name === requested, `${name} (${requested}) notice`);
      }
    }
  });
});

describe('snippets: constructed models', () => {
  const sd = fixture('stabilityai/stable-diffusion-2-1');
  const diffusersModel = (id: string, tags: string[], extra: Record<string, unknown> = {}): Body => ({
    ...sd,
    id,
    modelId: id,
    tags: ['diffusers', 'safetensors', ...tags],
    ...extra,
  });

  it('a LoRA loads onto its base model, with the card’s instance prompt', () => {
    const body = diffusersModel('someone/claymation-lora', ['text-to-image', 'lora'], {
      cardData: { base_model: 'stabilityai/stable-diffusion-xl-base-1.0', instance_prompt: 'claymation style' },
      widgetData: undefined,
    });
    const p = plan(body, 'diffusers');
    assert.deepEqual(inserted(p), [
      `# pip install -U diffusers transformers accelerate
import torch
from diffusers import DiffusionPipeline

# switch to "mps" for apple devices
pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0", dtype=torch.bfloat16, device_map="cuda")
pipe.load_lora_weights("someone/claymation-lora")

prompt = "claymation style"
image = pipe(prompt).images[0]
`,
    ]);
    assert.deepEqual(inserted(p), [`# ${hubOutput(body)[0]}\n${hubOutput(body)[1]}\n`]);
  });

  it('a ControlNet names its base pipeline', () => {
    const body = diffusersModel('someone/controlnet-canny', ['controlnet'], { cardData: { base_model: 'runwayml/stable-diffusion-v1-5' } });
    assert.deepEqual(inserted(plan(body, 'diffusers')), [
      `# pip install -U diffusers transformers accelerate
from diffusers import ControlNetModel, StableDiffusionControlNetPipeline

controlnet = ControlNetModel.from_pretrained("someone/controlnet-canny")
pipe = StableDiffusionControlNetPipeline.from_pretrained(
\t"runwayml/stable-diffusion-v1-5", controlnet=controlnet
)
`,
    ]);
  });

  it('an inpainting pipeline, image-to-image and textual inversion follow the Hub’s branches', () => {
    const cases: [Body, string][] = [
      [diffusersModel('someone/inpaint', ['StableDiffusionInpaintPipeline']), 'AutoPipelineForInpainting.from_pretrained("someone/inpaint"'],
      [diffusersModel('someone/img2img', [], { pipeline_tag: 'image-to-image' }), 'input_image = load_image('],
      [diffusersModel('someone/ti', ['textual_inversion'], { cardData: { base_model: 'a/base' } }), 'pipe.load_textual_inversion("someone/ti")'],
    ];
    for (const [body, marker] of cases) {
      const reference = hubOutput(body);
      const text = inserted(plan(body, 'diffusers'));
      assert.deepEqual(text, [`# ${reference[0]}\n${reference[1]}\n`], body.id);
      assert.ok(text[0].includes(marker), `${body.id}: ${marker}`);
    }
  });

  it('custom code: trust_remote_code=True in the code and a comment to review the repo first', () => {
    const body: Body = { ...fixture('google-bert/bert-base-uncased'), id: 'someone/custom-model', tags: ['transformers', 'custom_code', 'fill-mask'] };
    const p = plan(body);
    assert.equal(p.customCode, true);
    const review = '# trust_remote_code=True runs Python code from the repo on your machine: review it first at https://huggingface.co/someone/custom-model/tree/main';
    assert.deepEqual(inserted(p), [
      `${review}
# Use a pipeline as a high-level helper
from transformers import pipeline

pipe = pipeline("fill-mask", model="someone/custom-model", trust_remote_code=True)
`,
      `${review}
# Load model directly
from transformers import AutoTokenizer, AutoModelForMaskedLM

tokenizer = AutoTokenizer.from_pretrained("someone/custom-model", trust_remote_code=True)
model = AutoModelForMaskedLM.from_pretrained("someone/custom-model", trust_remote_code=True, device_map="auto")
`,
    ]);
  });

  it('a gated LoRA: install line first, then the access note', () => {
    const body = diffusersModel('org/gated-lora', ['lora'], { gated: 'auto', cardData: { base_model: 'org/base' } });
    const text = inserted(plan(body, 'diffusers'))[0];
    assert.ok(
      text.startsWith(
        '# pip install -U diffusers transformers accelerate\n# org/gated-lora is gated: request access at https://huggingface.co/org/gated-lora\n# then sign in with',
      ),
      text,
    );
  });

  it('keeps `$` and `${…}` from the model’s details literally', () => {
    const body = diffusersModel('someone/dollar-lora', ['lora'], {
      cardData: { base_model: 'org/base' },
      widgetData: [{ text: 'costs $5, env $HF_TOKEN, ${1:placeholder} and $0' }],
    });
    const text = inserted(plan(body, 'diffusers'))[0];
    assert.ok(text.includes('prompt = "costs $5, env $HF_TOKEN, ${1:placeholder} and $0"'), text);
  });

  it('a transformers model asked for with the diffusers command gets its transformers snippet, with a notice', () => {
    const p = plan(fixture('openai-community/gpt2'), 'diffusers');
    assert.equal(p.library, 'transformers');
    assert.match(p.notice!, /^openai-community\/gpt2 is a transformers model, not a diffusers one/);
  });

  it('other libraries the Hub has code for: timm, PEFT', () => {
    const timm = plan({ id: 'org/convnext', library_name: 'timm', tags: ['timm', 'image-classification'] });
    assert.deepEqual(inserted(timm), ['import timm\n\nmodel = timm.create_model("hf_hub:org/convnext", pretrained=True)\n']);
    const peft = plan({
      id: 'org/adapter',
      library_name: 'peft',
      tags: ['peft'],
      config: { peft: { base_model_name_or_path: 'org/base', task_type: 'CAUSAL_LM' } },
    });
    assert.deepEqual(inserted(peft), [
      `from peft import PeftModel
from transformers import AutoModelForCausalLM

base_model = AutoModelForCausalLM.from_pretrained("org/base")
model = PeftModel.from_pretrained(base_model, "org/adapter")
`,
    ]);
  });
});

describe('snippets: bad input gives one line and no snippet', () => {
  it('refuses what is not model details', () => {
    for (const body of [null, undefined, 'gpt2', [], 42]) {
      assert.equal(problem(body), 'The Hub sent model details in an unexpected shape.');
    }
    assert.equal(problem({ tags: [] }), 'The model details have no id.');
    assert.match(problem({ id: 'a--b/c', tags: [], library_name: 'transformers' }), /^The Hub answered with an invalid model id: /);
  });

  it('says which field is missing', () => {
    assert.equal(problem({ id: 'a/b', library_name: 'transformers' }), "The details of a/b have no tags, which the Hub's snippet code needs.");
    assert.equal(problem({ id: 'a/b-GGUF', tags: ['gguf'] }), 'a/b-GGUF names no library, so the Hub has no transformers code for it.');
    assert.equal(
      problem({ id: 'a/b', tags: ['transformers'], library_name: 'transformers' }),
      'The details of a/b have no transformersInfo, so the Hub cannot tell which transformers class loads it.',
    );
    assert.equal(
      problem({ id: 'a/adapter', tags: ['peft'], library_name: 'peft' }),
      "The Hub's peft snippet could not be built from the details of a/adapter: Task type is invalid.",
    );
  });

  it('knows libraries without Hub code, and is not fooled by object keys', () => {
    assert.equal(problem({ id: 'a/b', tags: [], library_name: 'acestep' }), 'a/b uses the acestep library, for which the Hub has no code snippet.');
    assert.equal(problem({ id: 'a/b', tags: [], library_name: 'constructor' }), 'a/b uses the constructor library, for which the Hub has no code snippet.');
    assert.equal(problem({ id: 'a/b', tags: [], library_name: '__proto__' }), 'a/b uses the __proto__ library, for which the Hub has no code snippet.');
  });

  it('turns a throwing snippet function into one line', () => {
    const result = planSnippets({ id: 'a/b', tags: [], library_name: 'x' }, 'transformers', HUB, () => ({
      prettyLabel: 'X',
      snippets: () => {
        throw new TypeError('cannot read\nproperties of undefined');
      },
    }));
    assert.deepEqual(result, { ok: false, message: "The Hub's x snippet could not be built from the details of a/b (cannot read properties of undefined)." });
  });
});

describe('snippets: titles and install lines', () => {
  it('titles a variant by its first comment line', () => {
    assert.equal(variantTitle('# Load model directly\nfrom x import y', 0), 'Load model directly');
    assert.equal(variantTitle('import x\n# then this\nx()', 1), 'then this');
    assert.equal(variantTitle('// npm i x\nimport x', 0), 'npm i x');
    assert.equal(variantTitle('import x\nx()', 2), 'Snippet 3');
  });

  it('tells install commands from code', () => {
    assert.equal(isInstallOnly('pip install -U diffusers transformers accelerate'), true);
    assert.equal(isInstallOnly('pip install a\n!pip install b\nuv pip install c'), true);
    assert.equal(isInstallOnly('# Make sure mlx-lm is installed\n# pip install --upgrade mlx-lm\nfrom mlx_lm import load'), false);
  });
});

describe('snippets: imports already in the file are not repeated', () => {
  const pipelineCode = '# Use a pipeline as a high-level helper\nfrom transformers import pipeline\n\npipe = pipeline("text-generation", model="openai-community/gpt2")';
  const autoCode = '# Load model directly\nfrom transformers import AutoTokenizer, AutoModelForCausalLM\n\ntokenizer = AutoTokenizer.from_pretrained("x")';
  const diffusersCode = 'import torch\nfrom diffusers import DiffusionPipeline\n\n# switch to "mps" for apple devices\npipe = 1';

  it('drops an import line the file has', () => {
    const sample = readFileSync(new URL('../fixtures/workspace/sample.py', import.meta.url), 'utf8');
    assert.equal(dedupeImports(sample, pipelineCode), '# Use a pipeline as a high-level helper\n\npipe = pipeline("text-generation", model="openai-community/gpt2")');
  });

  it('keeps only the names not imported yet', () => {
    assert.equal(
      dedupeImports('from transformers import AutoTokenizer  # tokenizer\n', autoCode),
      '# Load model directly\nfrom transformers import AutoModelForCausalLM\n\ntokenizer = AutoTokenizer.from_pretrained("x")',
    );
  });

  it('reads parenthesised, continued and star imports; drops leading blank lines left behind', () => {
    assert.equal(dedupeImports('import torch\nfrom diffusers import (\n    DiffusionPipeline,\n    AutoPipelineForInpainting,\n)\n', diffusersCode), '# switch to "mps" for apple devices\npipe = 1');
    assert.equal(dedupeImports('import os, torch\nfrom diffusers import \\\n    DiffusionPipeline\n', diffusersCode), '# switch to "mps" for apple devices\npipe = 1');
    assert.equal(dedupeImports('from diffusers import *\n', diffusersCode), 'import torch\n\n# switch to "mps" for apple devices\npipe = 1');
  });

  it('leaves the code byte for byte when nothing matches: aliases, other modules, indented imports', () => {
    for (const existing of ['', 'import torch as t\n', 'from transformers.pipelines import pipeline\n', 'def f():\n    from transformers import pipeline\n', 'x = 1  # import torch']) {
      assert.equal(dedupeImports(existing, pipelineCode), pipelineCode, JSON.stringify(existing));
      assert.equal(dedupeImports(existing, diffusersCode), diffusersCode, JSON.stringify(existing));
    }
  });

  it('snippetText dedupes then frames', () => {
    const p = plan(fixture('stabilityai/stable-diffusion-2-1'), 'diffusers');
    assert.equal(
      snippetText(p, p.variants[0].code, 'import torch\n'),
      `# pip install -U diffusers transformers accelerate
from diffusers import DiffusionPipeline

# switch to "mps" for apple devices
pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1", dtype=torch.bfloat16, device_map="cuda")

prompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
image = pipe(prompt).images[0]
`,
    );
    assert.equal(frameSnippet({ ...p, install: [] }, 'x = "$1"'), 'x = "$1"\n');
  });
});

describe('snippets: placing text at the cursor', () => {
  it('at the start of a line: as is', () => {
    assert.equal(placeAtCursor('a\nb\n', ''), 'a\nb\n');
  });

  it('mid-line: on a new line with the line’s indentation', () => {
    assert.equal(placeAtCursor('a\nb\n', 'x = 1'), '\na\nb\n');
    assert.equal(placeAtCursor('a\n\nb\n', '    return x'), '\n    a\n\n    b\n');
  });

  it('on an indented empty line: every line indented alike', () => {
    assert.equal(placeAtCursor('a\n\nb\n', '    '), 'a\n\n    b\n');
  });
});
