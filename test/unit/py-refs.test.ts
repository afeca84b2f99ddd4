// The Python parser behind "the Hub inside the code": which string literals are repo ids of which kind, at exact
// offsets, on a corpus of realistic files (test/fixtures/python) and on code being typed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findRepoRefs, refAt } from '../../src/code/pyRefs';
import type { RepoIdRef } from '../../src/code/pyRefs';
import { isStringToken, tokenize } from '../../src/code/pyTokens';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/python/${name}`, import.meta.url), 'utf8');
const CORPUS = [
  'transformers_inference.py',
  'diffusers_sdxl.py',
  'datasets_prep.py',
  'hub_downloads.py',
  'sentence_embeddings.py',
  'notebook_export.py',
  'unfinished_typing.py',
];

const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

/** `line kind id callee` for each ref, the shape the expectations below are written in. */
function summary(source: string, refs: RepoIdRef[] = findRepoRefs(source)): string[] {
  return refs.map((r) => `${lineOf(source, r.start)} ${r.kind} ${r.id} ${r.callee}`);
}

/** What every reference must satisfy, whatever the source. */
function assertWellFormed(source: string, refs: RepoIdRef[]): void {
  for (const r of refs) {
    assert.equal(source.slice(r.start, r.end), r.id);
    assert.ok(`'"`.includes(source[r.start - 1]), `an opening quote before ${r.start}`);
    assert.ok(`'"`.includes(source[r.end]), `a closing quote at ${r.end}`);
    assert.equal(source.slice(r.callStart, r.callEnd).replace(/\s+/g, '').startsWith(`${r.callee}(`), true);
    assert.ok(r.callStart < r.start && r.end < r.callEnd && r.callEnd <= source.length);
    if (r.callClosed) {
      assert.equal(source[r.callEnd - 1], ')');
    }
  }
}

const refsIn = (source: string) => findRepoRefs(source).map((r) => `${r.kind} ${r.id}`);

describe('Python tokens', () => {
  it('reads every string form with its prefix and the offsets of its contents', () => {
    const source = `a = rb'x' + BR"y" + Rf"{z}" + u'w' + """doc
more""" + r'\\'' + "esc\\"aped"`;
    const strings = tokenize(source).filter(isStringToken);
    assert.deepEqual(strings.map((s) => s.prefix), ['rb', 'br', 'rf', 'u', '', 'r', '']);
    assert.deepEqual(strings.map((s) => source.slice(s.contentStart, s.contentEnd)), ['x', 'y', '{z}', 'w', 'doc\nmore', "\\'", 'esc\\"aped']);
    assert.ok(strings.every((s) => s.closed));
    assert.equal(strings[4].triple, true);
  });

  it('keeps f-string fields inside the string, even with nested quotes and format specs', () => {
    const source = `x = f"{d["key"]:>{width}} {f'{y!r}'} {{literal}}" + "after"`;
    const strings = tokenize(source).filter(isStringToken);
    assert.equal(strings.length, 2);
    assert.equal(source.slice(strings[1].contentStart, strings[1].contentEnd), 'after');
    const spec = `f"{x:'>10}" "next"`;
    assert.equal(tokenize(spec).filter(isStringToken).length, 2);
  });

  it('ignores comments and continues lines across a backslash', () => {
    const source = 'x = 1  # from_pretrained("a/b")\ny = a \\\n  .b';
    const tokens = tokenize(source);
    assert.deepEqual(tokens.map((t) => t.text || t.type), ['x', '=', 'number', 'y', '=', 'a', '.', 'b']);
    assert.equal(tokens.find((t) => t.text === 'b')?.lineStart, false);
  });

  it('tells a keyword = from comparisons and augmented assignments', () => {
    const types = tokenize('f(a=1, b==2, c<=3, d:=4, e+=5)').filter((t) => t.type === 'assign');
    assert.equal(types.length, 1);
  });

  it('ends an unclosed single-quoted string at its line, but lets a triple-quoted one run on', () => {
    const [open, next] = tokenize('s = "abc\r\nt = "d"').filter(isStringToken);
    assert.equal(open.closed, false);
    assert.equal(open.contentEnd, 8);
    assert.equal(next.closed, true);
    const [doc] = tokenize('s = """never closed\nx = "y"').filter(isStringToken);
    assert.equal(doc.closed, false);
    assert.equal(doc.contentEnd, 27);
  });
});

describe('repo ids in the Python corpus', () => {
  it('transformers: from_pretrained of any class and pipeline, positional or keyword', () => {
    const source = fixture('transformers_inference.py');
    assert.deepEqual(summary(source), [
      '21 model Qwen/Qwen2.5-0.5B-Instruct AutoModelForCausalLM.from_pretrained',
      '28 model distilbert/distilbert-base-uncased-finetuned-sst-2-english AutoModelForSequenceClassification.from_pretrained',
      '32 model microsoft/phi-2 AutoConfig.from_pretrained',
      '34 model microsoft/phi-2 transformers.AutoModelForCausalLM.from_pretrained',
      '38 model hub-test/custom-code-model AutoModelForCausalLM.from_pretrained',
      '40 model openai-community/gpt2 pipeline',
      '41 model cardiffnlp/twitter-roberta-base-sentiment-latest pipeline',
      '42 model dslim/bert-base-NER AutoModelForSequenceClassification.from_pretrained',
      '43 model deepset/roberta-base-squad2 transformers.pipeline',
      '49 model google-t5/t5-small AutoTokenizer.from_pretrained',
      '50 model google-bert/bert-base-uncased AutoTokenizer.from_pretrained',
      '56 model ./checkpoints/run-1 AutoTokenizer.from_pretrained',
    ]);
  });

  it('transformers: trust_remote_code only when it is a literal', () => {
    const refs = findRepoRefs(fixture('transformers_inference.py'));
    const trust = (id: string, callee: string) => refs.find((r) => r.id === id && r.callee === callee)?.trustRemoteCode;
    assert.equal(trust('microsoft/phi-2', 'AutoConfig.from_pretrained'), true);
    assert.equal(trust('microsoft/phi-2', 'transformers.AutoModelForCausalLM.from_pretrained'), false);
    assert.equal(trust('hub-test/custom-code-model', 'AutoModelForCausalLM.from_pretrained'), undefined);
    assert.equal(trust('Qwen/Qwen2.5-0.5B-Instruct', 'AutoModelForCausalLM.from_pretrained'), undefined);
    const phi = refs.find((r) => r.callee === 'transformers.AutoModelForCausalLM.from_pretrained');
    assert.deepEqual(phi?.keywords, ['config', 'trust_remote_code']);
  });

  it('diffusers: multi-line calls, the Peft adapter argument, and a classmethod definition that is not a call', () => {
    assert.deepEqual(summary(fixture('diffusers_sdxl.py')), [
      '11 model madebyollin/sdxl-vae-fp16-fix AutoencoderKL.from_pretrained',
      '13 model stabilityai/stable-diffusion-xl-base-1.0 StableDiffusionXLPipeline.from_pretrained',
      '30 model stabilityai/stable-diffusion-xl-base-1.0 UNet2DConditionModel.from_pretrained',
      '32 model stabilityai/stable-diffusion-xl-refiner-1.0 DiffusionPipeline.from_pretrained',
      '34 model hub-test/sdxl-lora-adapter PeftModel.from_pretrained',
    ]);
  });

  it('datasets: load_dataset and friends, without packaged builders or names held in variables', () => {
    const source = fixture('datasets_prep.py');
    assert.deepEqual(summary(source), [
      '8 dataset nyu-mll/glue load_dataset',
      '9 dataset rajpurkar/squad datasets.load_dataset',
      '11 dataset HuggingFaceFW/fineweb-edu load_dataset',
      '16 dataset nyu-mll/glue get_dataset_config_names',
      '17 dataset stanfordnlp/imdb load_dataset_builder',
      '18 dataset some-org/with-script load_dataset',
    ]);
    assert.equal(findRepoRefs(source)[5].trustRemoteCode, true);
  });

  it('huggingface_hub: the repo type comes from a literal repo_type, and a variable one gives no reference', () => {
    assert.deepEqual(summary(fixture('hub_downloads.py')), [
      '8 model google-bert/bert-base-uncased hf_hub_download',
      '9 dataset HuggingFaceFW/fineweb hf_hub_download',
      '11 space gradio/hello_world hf_hub_download',
      '16 model openai-community/gpt2 huggingface_hub.hf_hub_download',
      '19 model meta-llama/Llama-3.1-8B-Instruct snapshot_download',
      '20 space hub-test/demo-space snapshot_download',
      '21 dataset hub-test/many-files huggingface_hub.snapshot_download',
      '23 model meta-llama/Llama-3.1-8B-Instruct InferenceClient',
      '24 model HuggingFaceH4/zephyr-7b-beta InferenceClient',
    ]);
  });

  it('sentence-transformers: SentenceTransformer and CrossEncoder, not through an unknown alias', () => {
    assert.deepEqual(summary(fixture('sentence_embeddings.py')), [
      '4 model sentence-transformers/all-MiniLM-L6-v2 SentenceTransformer',
      '5 model sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2 SentenceTransformer',
      '6 model cross-encoder/ms-marco-MiniLM-L6-v2 CrossEncoder',
    ]);
  });

  it('notebook exports: shell and magic lines do not get in the way', () => {
    assert.deepEqual(summary(fixture('notebook_export.py')), [
      '13 dataset stanfordnlp/imdb load_dataset',
      '14 model distilbert/distilbert-base-uncased AutoTokenizer.from_pretrained',
      '18 model distilbert/distilbert-base-uncased AutoModelForSequenceClassification.from_pretrained',
    ]);
  });

  it('reads Windows line endings the same way', () => {
    const source = fixture('diffusers_sdxl.py');
    const crlf = source.replace(/\n/g, '\r\n');
    const refs = findRepoRefs(crlf);
    assertWellFormed(crlf, refs);
    assert.deepEqual(refs.map((r) => r.id), findRepoRefs(source).map((r) => r.id));
  });

  it('every reference in the corpus has exact offsets', () => {
    let count = 0;
    for (const name of CORPUS) {
      const source = fixture(name);
      const refs = findRepoRefs(source);
      assertWellFormed(source, refs);
      count += refs.length;
    }
    assert.equal(count, 40);
  });
});

describe('call forms', () => {
  it('gives the exact offsets of the contents and of the call', () => {
    const source = 'tok = AutoTokenizer.from_pretrained( "openai-community/gpt2" )\n';
    const [ref] = findRepoRefs(source);
    assert.equal(ref.start, 38);
    assert.equal(ref.end, 59);
    assert.equal(ref.callStart, 6);
    assert.equal(ref.callEnd, source.length - 1);
    assert.equal(ref.callClosed, true);
  });

  it('finds both calls when one is nested in the other', () => {
    const source = 'p = pipeline(model=AutoModel.from_pretrained("x/inner"), tokenizer=AutoTokenizer.from_pretrained("x/tok"))';
    const refs = findRepoRefs(source);
    assert.deepEqual(refs.map((r) => `${r.callee} ${r.id}`), ['AutoModel.from_pretrained x/inner', 'AutoTokenizer.from_pretrained x/tok']);
    assertWellFormed(source, refs);
  });

  it('takes pipeline ids from model= or the second positional argument, never the task', () => {
    assert.deepEqual(refsIn('pipeline("text-generation")'), []);
    assert.deepEqual(refsIn('pipeline(task="fill-mask", model="a/b")'), ['model a/b']);
    assert.deepEqual(refsIn('pipeline(\n    "fill-mask",\n    "a/b",\n)'), ['model a/b']);
  });

  it('leaves out what is not a plain, single string literal', () => {
    assert.deepEqual(refsIn('AutoModel.from_pretrained(f"org/{name}")'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained(b"org/name")'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained(t"org/name")'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained("org/" "name")'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained(("org/name"))'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained("org/name".lower())'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained("org\\x2fname")'), []);
    assert.deepEqual(refsIn('AutoModel.from_pretrained("a/b" if big else "c/d")'), []);
  });

  it('ignores ids outside recognised calls: prints, dicts, comments, docstrings, definitions, methods of other objects', () => {
    const source = [
      'print("openai-community/gpt2")',
      'MODELS = {"gpt2": "openai-community/gpt2"}',
      '# AutoModel.from_pretrained("commented/out")',
      'def load(name="default/model"):',
      '    """AutoModel.from_pretrained("in/docstring")"""',
      'class SentenceTransformer(Base): pass',
      'store.load_dataset("not/the-datasets-one")',
      'from_pretrained("no/receiver")',
      'mymodule.pipeline("task", "not/transformers")',
    ].join('\n');
    assert.deepEqual(findRepoRefs(source), []);
  });

  it('accepts module-qualified forms and any receiver of from_pretrained', () => {
    assert.deepEqual(refsIn('datasets.load_dataset("a/b")'), ['dataset a/b']);
    assert.deepEqual(refsIn('huggingface_hub.InferenceClient("a/b")'), ['model a/b']);
    assert.deepEqual(refsIn('sentence_transformers.SentenceTransformer("a/b")'), ['model a/b']);
    assert.deepEqual(refsIn('get_cls().from_pretrained("a/b")'), ['model a/b']);
    assert.deepEqual(refsIn('AutoModel . from_pretrained ("a/b")').length, 1);
  });

  it('loses track of positions after *args, and keeps keyword names in order', () => {
    assert.deepEqual(refsIn('pipeline(*args, "a/b")'), []);
    const [ref] = findRepoRefs('AutoModel.from_pretrained("a/b", **kwargs, revision="main", trust_remote_code=True)');
    assert.deepEqual(ref.keywords, ['revision', 'trust_remote_code']);
    assert.equal(ref.trustRemoteCode, true);
    assert.equal(findRepoRefs('AutoModel.from_pretrained("a/b", trust_remote_code=not safe)')[0].trustRemoteCode, undefined);
  });

  it('reads the repo type of downloads', () => {
    assert.deepEqual(refsIn('snapshot_download("a/b", repo_type="dataset")'), ['dataset a/b']);
    assert.deepEqual(refsIn('hf_hub_download(repo_type="space", repo_id="a/b", filename="app.py")'), ['space a/b']);
    assert.deepEqual(refsIn('hf_hub_download("a/b", "f", repo_type=None)'), ['model a/b']);
    assert.deepEqual(refsIn('hf_hub_download("a/b", "f", repo_type=f"data{s}")'), []);
    assert.deepEqual(refsIn('hf_hub_download("a/b", "f", repo_type="notebook")'), []);
  });
});

describe('code being typed', () => {
  it('ends an unclosed call where the next statement plainly starts', () => {
    const source = fixture('unfinished_typing.py');
    const refs = findRepoRefs(source);
    assert.deepEqual(summary(source, refs), [
      '3 model google-bert/bert-base-uncased AutoTokenizer.from_pretrained',
      '9 model distilbert/distilbert-base-uncased-finetuned-sst-2-english pipeline',
    ]);
    assert.ok(refs.every((r) => !r.callClosed));
    assert.equal(source.slice(refs[0].callStart, refs[0].callEnd), 'AutoTokenizer.from_pretrained("google-bert/bert-base-uncased"');
    assert.ok(source.slice(refs[1].callStart, refs[1].callEnd).endsWith('-english",'));
  });

  it('keeps reading a multi-line call when an argument line misses its comma', () => {
    const source = 'm = AutoModel.from_pretrained(\n    "a/b",\n    config=cfg\n    trust_remote_code=True,\n)\n';
    const [ref] = findRepoRefs(source);
    assert.equal(ref.id, 'a/b');
    assert.equal(ref.callClosed, true);
    assert.equal(ref.callEnd, source.length - 1);
  });

  it('runs an unclosed call to the end of the source when nothing ends it', () => {
    const source = 'm = AutoModel.from_pretrained("a/b",\n    revision="main"';
    const [ref] = findRepoRefs(source);
    assert.equal(ref.callEnd, source.length);
    assert.equal(ref.callClosed, false);
  });

  it('never throws and keeps offsets exact on every prefix of every corpus file', () => {
    for (const name of CORPUS) {
      const source = fixture(name);
      for (let cut = 0; cut <= source.length; cut += 7) {
        const partial = source.slice(0, cut);
        assertWellFormed(partial, findRepoRefs(partial));
      }
    }
  });

  it('stays fast on pathological input', () => {
    const inputs = [
      '('.repeat(100_000),
      '[('.repeat(50_000) + ')'.repeat(100_000),
      'f"{'.repeat(20_000),
      'f"{f\'{'.repeat(10_000),
      'AutoModel.from_pretrained('.repeat(20_000),
      '"'.repeat(100_001),
      '\\\n'.repeat(50_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      findRepoRefs(input);
      assert.ok(performance.now() - started < 500, `too slow on ${JSON.stringify(input.slice(0, 12))}…`);
    }
  });
});

describe('the repo id at the cursor', () => {
  const source = 'm = AutoModel.from_pretrained("openai-community/gpt2")  # "x/y"\nprint("a/b")\n';
  const open = source.indexOf('"openai') + 1;
  const close = source.indexOf('gpt2"') + 4;

  it('is found anywhere inside the string, from just after the opening quote to just before the closing one', () => {
    for (const offset of [open, open + 5, close]) {
      const at = refAt(source, offset);
      assert.equal(at?.kind, 'model');
      assert.equal(at?.start, open);
      assert.equal(at?.end, close);
      assert.equal(at?.prefix, source.slice(open, offset));
      assert.equal(at?.callee, 'AutoModel.from_pretrained');
    }
  });

  it('is not found outside it, in a comment or in an unrelated call', () => {
    assert.equal(refAt(source, open - 1), undefined);
    assert.equal(refAt(source, close + 1), undefined);
    assert.equal(refAt(source, source.indexOf('x/y')), undefined);
    assert.equal(refAt(source, source.indexOf('a/b') + 1), undefined);
  });

  it('works in an unclosed string at the very end of the file', () => {
    const typing = 'from datasets import load_dataset\nds = load_dataset("nyu-mll/gl';
    const at = refAt(typing, typing.length);
    assert.deepEqual(at, { kind: 'dataset', prefix: 'nyu-mll/gl', start: typing.indexOf('nyu'), end: typing.length, callee: 'load_dataset', closed: false });
    const justOpened = 'gen = pipeline("text-generation", model="';
    assert.deepEqual(refAt(justOpened, justOpened.length), { kind: 'model', prefix: '', start: justOpened.length, end: justOpened.length, callee: 'pipeline', closed: false });
  });

  it('stops an unclosed string at what cannot be part of an id', () => {
    const typing = 'p = pipeline("fill-mask", model="google-bert/be)\nx = 1\n';
    const offset = typing.indexOf('/be') + 2;
    const at = refAt(typing, offset);
    assert.equal(at?.prefix, 'google-bert/b');
    assert.equal(typing.slice(at?.start, at?.end), 'google-bert/be');
  });

  it('works in an empty string the editor closed automatically', () => {
    const typing = 'tok = AutoTokenizer.from_pretrained("")';
    const offset = typing.indexOf('""') + 1;
    assert.deepEqual(refAt(typing, offset), { kind: 'model', prefix: '', start: offset, end: offset, callee: 'AutoTokenizer.from_pretrained', closed: true });
  });

  it('knows the kind from arguments after the cursor', () => {
    const typing = 'hf_hub_download(repo_id="Hugging", filename="README.md", repo_type="dataset")';
    assert.equal(refAt(typing, typing.indexOf('Hugging') + 3)?.kind, 'dataset');
    const space = 'snapshot_download("gra", repo_type="space"';
    assert.equal(refAt(space, space.indexOf('gra') + 3)?.kind, 'space');
  });

  it('offers packaged builder names too, but not f-strings, task names or escapes', () => {
    assert.equal(refAt('load_dataset("cs")', 15)?.kind, 'dataset');
    assert.equal(refAt('AutoModel.from_pretrained(f"gp")', 29), undefined);
    assert.equal(refAt('pipeline("text-gen")', 12), undefined);
    assert.equal(refAt('AutoModel.from_pretrained("a\\tb")', 30), undefined);
  });
});

describe('speed', () => {
  it('parses a 2,000-line file in a few milliseconds', (t) => {
    const files = CORPUS.filter((name) => name !== 'unfinished_typing.py').map(fixture).join('\n');
    let source = '';
    while (source.split('\n').length < 2_000) {
      source += `${files}\n`;
    }
    source = source.split('\n').slice(0, 2_000).join('\n');
    findRepoRefs(source);
    const timings: number[] = [];
    for (let run = 0; run < 15; run++) {
      const started = performance.now();
      findRepoRefs(source);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)];
    t.diagnostic(`2,000 lines, ${source.length} characters: median ${median.toFixed(2)} ms, slowest ${timings[timings.length - 1].toFixed(2)} ms`);
    assert.ok(median < 50, `median ${median} ms`);
    assert.ok(findRepoRefs(source).length > 200);
  });
});
