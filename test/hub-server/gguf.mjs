// GGUF headers for the embedded Hub's quantized repos: the real layout (magic, version 3, metadata key/values, tensor
// table, alignment padding) as llama.cpp writes it and `@huggingface/gguf` reads it, for a llama-style decoder whose
// tensor shapes add up to the model's parameter count. Only the header is real; the tensor data after it is the file
// store's deterministic pattern. Written from the GGUF specification (ggml docs/gguf.md), not from any library.

const ALIGNMENT = 32;

/** GGUF metadata value types. */
const T = { UINT32: 4, FLOAT32: 6, STRING: 8, ARRAY: 9 };

/** llama_ftype of `general.file_type`, and the ggml tensor type the weights are stored in, with its bits per weight. */
const QUANTS = /** @type {Record<string, { fileType: number, tensorType: number, bits: number }>} */ ({
  Q2_K: { fileType: 10, tensorType: 10, bits: 2.63 },
  Q3_K_M: { fileType: 12, tensorType: 11, bits: 3.91 },
  Q4_0: { fileType: 2, tensorType: 2, bits: 4.55 },
  Q4_K_M: { fileType: 15, tensorType: 12, bits: 4.89 },
  Q5_K_M: { fileType: 17, tensorType: 13, bits: 5.7 },
  Q6_K: { fileType: 18, tensorType: 14, bits: 6.59 },
  Q8_0: { fileType: 7, tensorType: 8, bits: 8.5 },
  F16: { fileType: 1, tensorType: 1, bits: 16 },
  BF16: { fileType: 32, tensorType: 30, bits: 16 },
  F32: { fileType: 0, tensorType: 0, bits: 32 },
});
const F32 = 0;

/** The quant a file name ends with (`…-Q4_K_M.gguf`), Q4_K_M when it names none. */
export function ggufQuantOf(path) {
  const quant = /[.-](Q\d_K_[SML]|Q\d_K|Q\d_\d|F16|BF16|F32)\.gguf$/i.exec(path)?.[1]?.toUpperCase();
  return quant && QUANTS[quant] ? quant : 'Q4_K_M';
}

/**
 * The tensors of a llama-style decoder of about `params` parameters: embeddings, `layers` blocks (norms, grouped-query
 * attention with a quarter as many key/value heads, a gated MLP whose width takes up the remaining parameters) and the
 * output head. Shapes are ggml's (fastest-varying dimension first).
 * @param {{ params: number, hidden: number, layers: number, vocab: number }} m
 * @returns {{ name: string, shape: number[], norm: boolean }[]}
 */
export function decoderTensors({ params, hidden, layers, vocab }) {
  const kv = Math.max(64, hidden / 4);
  const fixed = 2 * hidden * vocab + hidden + layers * (2 * hidden + 2 * hidden * hidden + 2 * hidden * kv);
  const ffn = Math.max(hidden, Math.round((params - fixed) / (3 * hidden * layers)));
  const tensors = [{ name: 'token_embd.weight', shape: [hidden, vocab], norm: false }];
  for (let i = 0; i < layers; i++) {
    const b = `blk.${i}`;
    tensors.push(
      { name: `${b}.attn_norm.weight`, shape: [hidden], norm: true },
      { name: `${b}.attn_q.weight`, shape: [hidden, hidden], norm: false },
      { name: `${b}.attn_k.weight`, shape: [hidden, kv], norm: false },
      { name: `${b}.attn_v.weight`, shape: [hidden, kv], norm: false },
      { name: `${b}.attn_output.weight`, shape: [hidden, hidden], norm: false },
      { name: `${b}.ffn_norm.weight`, shape: [hidden], norm: true },
      { name: `${b}.ffn_gate.weight`, shape: [hidden, ffn], norm: false },
      { name: `${b}.ffn_up.weight`, shape: [hidden, ffn], norm: false },
      { name: `${b}.ffn_down.weight`, shape: [ffn, hidden], norm: false },
    );
  }
  tensors.push({ name: 'output_norm.weight', shape: [hidden], norm: true }, { name: 'output.weight', shape: [hidden, vocab], norm: false });
  return tensors;
}

/** The parameter count of a tensor table: what `@huggingface/gguf` computes from the shapes. */
export function tensorParams(tensors) {
  return tensors.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * A GGUF file's header for one quant of a model, and the byte size of the tensor data after it.
 * @param {{ architecture: string, name: string, params: number, hidden: number, layers: number, heads: number, vocab: number,
 *   contextLength: number, chatTemplate?: string }} model
 * @param {string} quant a key of QUANTS (see ggufQuantOf)
 * @returns {{ header: Buffer, dataBytes: number, parameterCount: number }}
 */
export function ggufFile(model, quant) {
  const q = QUANTS[quant] ?? QUANTS.Q4_K_M;
  const arch = model.architecture;
  const tensors = decoderTensors(model);
  const w = new Writer();
  w.bytes(Buffer.from('GGUF', 'latin1'));
  w.u32(3);
  w.u64(tensors.length);
  /** @type {[string, number, (w: Writer) => void][]} */
  const kvs = [
    ['general.architecture', T.STRING, (x) => x.str(arch)],
    ['general.name', T.STRING, (x) => x.str(model.name)],
    ['general.file_type', T.UINT32, (x) => x.u32(q.fileType)],
    ['general.quantization_version', T.UINT32, (x) => x.u32(2)],
    ['general.alignment', T.UINT32, (x) => x.u32(ALIGNMENT)],
    [`${arch}.context_length`, T.UINT32, (x) => x.u32(model.contextLength)],
    [`${arch}.embedding_length`, T.UINT32, (x) => x.u32(model.hidden)],
    [`${arch}.block_count`, T.UINT32, (x) => x.u32(model.layers)],
    [`${arch}.attention.head_count`, T.UINT32, (x) => x.u32(model.heads)],
    [`${arch}.rope.freq_base`, T.FLOAT32, (x) => x.f32(1_000_000)],
    ['tokenizer.ggml.model', T.STRING, (x) => x.str('gpt2')],
    ['tokenizer.ggml.bos_token_id', T.UINT32, (x) => x.u32(1)],
    ['tokenizer.ggml.eos_token_id', T.UINT32, (x) => x.u32(2)],
    ['tokenizer.ggml.token_type', T.ARRAY, (x) => x.u32Array([3, 3, 3, 1, 1, 1, 1, 1])],
  ];
  if (model.chatTemplate) {
    kvs.push(['tokenizer.chat_template', T.STRING, (x) => x.str(model.chatTemplate)]);
  }
  w.u64(kvs.length);
  for (const [key, type, value] of kvs) {
    w.str(key);
    w.u32(type);
    value(w);
  }
  let offset = 0;
  for (const t of tensors) {
    const type = t.norm ? F32 : q.tensorType;
    const bytes = Math.ceil((t.shape.reduce((a, b) => a * b, 1) * (t.norm ? 32 : q.bits)) / 8);
    w.str(t.name);
    w.u32(t.shape.length);
    for (const d of t.shape) {
      w.u64(d);
    }
    w.u32(type);
    w.u64(offset);
    offset += Math.ceil(bytes / ALIGNMENT) * ALIGNMENT;
  }
  w.pad(ALIGNMENT);
  return { header: w.done(), dataBytes: offset, parameterCount: tensorParams(tensors) };
}

class Writer {
  /** @type {Buffer[]} */
  parts = [];
  length = 0;

  /** @param {Buffer} b */
  bytes(b) {
    this.parts.push(b);
    this.length += b.length;
  }

  /** @param {number} n */
  u32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.bytes(b);
  }

  /** @param {number} n */
  u64(n) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.bytes(b);
  }

  /** @param {number} n */
  f32(n) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.bytes(b);
  }

  /** @param {string} s */
  str(s) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.bytes(b);
  }

  /** @param {number[]} values */
  u32Array(values) {
    this.u32(T.UINT32);
    this.u64(values.length);
    for (const v of values) {
      this.u32(v);
    }
  }

  /** @param {number} alignment */
  pad(alignment) {
    const rest = this.length % alignment;
    if (rest) {
      this.bytes(Buffer.alloc(alignment - rest));
    }
  }

  done() {
    return Buffer.concat(this.parts, this.length);
  }
}
