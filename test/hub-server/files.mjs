// Repository files: small text files whose bytes are generated on first use (so `oid` and the strong ETag
// are the real git blob id of what is served), and LFS files whose bytes are a deterministic pattern that is
// never held in memory as a whole (multi-GB weights cost nothing until a client reads a range).
//
// LFS `oid` (sha256) values are derived from the repo and path, not computed over the served bytes.
import { gitBlobSha1, hashHex, prng } from './util.mjs';

const CHUNK = 64 * 1024;

/** File extensions the Hub's default .gitattributes stores with Git LFS. */
const LFS_EXTENSIONS = new Set([
  '7z', 'arrow', 'bin', 'bz2', 'ckpt', 'ftz', 'gguf', 'gz', 'h5', 'joblib', 'jpg', 'jpeg', 'mlmodel', 'model', 'msgpack',
  'npy', 'npz', 'onnx', 'ot', 'parquet', 'pb', 'pickle', 'pkl', 'png', 'pt', 'pth', 'rar', 'safetensors', 'tar', 'tflite',
  'tgz', 'wasm', 'wav', 'mp3', 'xz', 'zip', 'zst',
]);

/** @param {string} path */
export function isLfsPath(path) {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return LFS_EXTENSIONS.has(ext);
}

/**
 * @typedef {object} LfsInfo
 * @property {string} oid sha256, hex
 * @property {number} size
 * @property {number} pointerSize
 */

/** A file stored in git: its bytes come from `make()` the first time they are needed. */
export class TextFile {
  /**
   * @param {string} path
   * @param {() => string | Buffer} make
   */
  constructor(path, make) {
    this.path = path;
    /** @type {LfsInfo | undefined} */
    this.lfs = undefined;
    this.make = make;
    /** @type {Buffer | undefined} */
    this.bytes = undefined;
    /** @type {string | undefined} */
    this.blobId = undefined;
  }

  get content() {
    if (!this.bytes) {
      const made = this.make();
      this.bytes = typeof made === 'string' ? Buffer.from(made, 'utf8') : made;
    }
    return this.bytes;
  }

  get size() {
    return this.content.length;
  }

  /** git blob sha1 */
  get oid() {
    this.blobId ??= gitBlobSha1(this.content);
    return this.blobId;
  }

  /** Strong ETag value (without quotes) served by resolve. */
  get etag() {
    return this.oid;
  }

  /**
   * Bytes [start, end) of what `raw` serves (for non-LFS files, the same as resolve).
   * @param {number} start
   * @param {number} end
   * @returns {Iterable<Buffer>}
   */
  readRaw(start, end) {
    return this.read(start, end);
  }

  /**
   * @param {number} start
   * @param {number} end
   * @returns {Iterable<Buffer>}
   */
  *read(start, end) {
    for (let pos = start; pos < end; pos += CHUNK) {
      yield this.content.subarray(pos, Math.min(end, pos + CHUNK));
    }
  }

  get rawSize() {
    return this.size;
  }

  get rawEtag() {
    return this.oid;
  }
}

/** A Git LFS file: a pointer in git, `size` bytes of deterministic content behind it. */
export class LfsFile {
  /**
   * @param {string} path
   * @param {object} options
   * @param {string} options.seed identifies the content (repo id + path)
   * @param {number} options.size total size in bytes (at least `header.length`)
   * @param {Buffer} [options.header] the first bytes of the file (e.g. a safetensors header)
   */
  constructor(path, { seed, size, header }) {
    this.path = path;
    this.seed = seed;
    this.header = header ?? Buffer.alloc(0);
    this.size = Math.max(size, this.header.length);
    const sha256 = hashHex(`lfs:${seed}`, 'sha256');
    this.pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${this.size}\n`);
    /** @type {LfsInfo} */
    this.lfs = { oid: sha256, size: this.size, pointerSize: this.pointer.length };
    this.oid = gitBlobSha1(this.pointer);
  }

  /** Strong ETag value (without quotes): the sha256, as in `X-Linked-Etag`. */
  get etag() {
    return this.lfs.oid;
  }

  get rawSize() {
    return this.pointer.length;
  }

  get rawEtag() {
    return this.oid;
  }

  /**
   * @param {number} start
   * @param {number} end
   * @returns {Iterable<Buffer>}
   */
  *readRaw(start, end) {
    yield this.pointer.subarray(start, end);
  }

  /**
   * @param {number} start
   * @param {number} end
   * @returns {Iterable<Buffer>}
   */
  *read(start, end) {
    let pos = start;
    if (pos < this.header.length) {
      const stop = Math.min(end, this.header.length);
      yield this.header.subarray(pos, stop);
      pos = stop;
    }
    const block = patternBlock(this.seed);
    while (pos < end) {
      const offset = (pos - this.header.length) % CHUNK;
      const len = Math.min(end - pos, CHUNK - offset);
      yield block.subarray(offset, offset + len);
      pos += len;
    }
  }
}

/** @type {Map<string, Buffer>} */
const blockCache = new Map();

/**
 * 64 KiB of pseudo-random bytes that repeat through an LFS file's body.
 * @param {string} seed
 */
function patternBlock(seed) {
  let block = blockCache.get(seed);
  if (!block) {
    const rand = prng(`pattern:${seed}`);
    block = Buffer.alloc(CHUNK);
    for (let k = 0; k < CHUNK; k += 4) {
      block.writeUInt32LE(Math.floor(rand() * 4294967296), k);
    }
    if (blockCache.size >= 32) {
      blockCache.delete(blockCache.keys().next().value ?? '');
    }
    blockCache.set(seed, block);
  }
  return block;
}

/** Bytes per element of the safetensors dtypes used here. */
export const DTYPE_BYTES = /** @type {Record<string, number>} */ ({ F32: 4, F16: 2, BF16: 2, I64: 8, I8: 1, U8: 1 });

/**
 * @typedef {object} Tensor
 * @property {string} name
 * @property {string} dtype
 * @property {number[]} shape
 */

/**
 * The header of a safetensors file (8-byte little-endian length, then JSON padded with spaces to 8 bytes),
 * with tensors laid out one after the other.
 * @param {Tensor[]} tensors
 * @returns {{ header: Buffer, dataBytes: number }}
 */
export function safetensorsHeader(tensors) {
  /** @type {Record<string, unknown>} */
  const json = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype];
    json[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let text = JSON.stringify(json);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const header = Buffer.alloc(8 + text.length);
  header.writeBigUInt64LE(BigInt(text.length), 0);
  header.write(text, 8, 'utf8');
  return { header, dataBytes: offset };
}

/**
 * Splits `params` parameters of one dtype into a few plausible 2-D tensors (and a 1-D remainder).
 * @param {number} params
 * @param {string} dtype
 * @param {string} prefix tensor name prefix, e.g. "model.layers.0"
 * @param {number} [hidden]
 * @returns {Tensor[]}
 */
export function splitTensors(params, dtype, prefix, hidden = 768) {
  /** @type {Tensor[]} */
  const tensors = [];
  const parts = ['embed_tokens.weight', 'self_attn.qkv.weight', 'mlp.up_proj.weight', 'mlp.down_proj.weight'];
  let left = params;
  const share = Math.floor(params / parts.length / hidden);
  for (const part of parts) {
    if (share > 0 && left >= share * hidden) {
      tensors.push({ name: `${prefix}.${part}`, dtype, shape: [share, hidden] });
      left -= share * hidden;
    }
  }
  if (left > 0) {
    tensors.push({ name: `${prefix}.norm.weight`, dtype, shape: [left] });
  }
  return tensors;
}
