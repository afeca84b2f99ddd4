// Repository files: small text files whose bytes are generated on first use (so `oid` and the strong ETag
// are the real git blob id of what is served), and LFS files whose bytes are a deterministic pattern that is
// never held in memory as a whole (multi-GB weights cost nothing until a client reads a range).
//
// LFS `oid` (sha256): the real sha256 of the served bytes for files up to LFS_HASH_BOUND and for files made with
// `hashed: true` (the download repos), computed once per process on first use and memoized; larger catalog
// files keep an oid derived from the repo and path (hashing 100 GB of weights per tree listing is not affordable).
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { gitBlobSha1, hashHex, prng } from './util.mjs';

const CHUNK = 64 * 1024;

/** LFS files up to this size (300 MB: every hub-test repo, every dataset file) get their real sha256. */
export const LFS_HASH_BOUND = 300_000_000;

/** Bytes hashed between two pauses for other requests, while a large file is hashed in the background. */
const HASH_SLICE = 16 * 1024 * 1024;

/** @type {Map<string, string>} content key → sha256 hex, for the whole process (every server shares the bytes) */
const sha256Memo = new Map();
/** @type {Map<string, Promise<string>>} */
const sha256Pending = new Map();

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
    this.isLfs = false;
    this.make = make;
    /** @type {Buffer | undefined} */
    this.bytes = undefined;
    /** @type {string | undefined} */
    this.blobId = undefined;
  }

  /** Nothing to compute ahead: the bytes are made on first use. */
  async prepare() {}

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
   * @param {boolean} [options.hashed] real sha256 whatever the size (files meant to be downloaded whole)
   */
  constructor(path, { seed, size, header, hashed }) {
    this.path = path;
    this.isLfs = true;
    this.seed = seed;
    this.header = header ?? Buffer.alloc(0);
    this.size = Math.max(size, this.header.length);
    /** Whether `lfs.oid` is the sha256 of the served bytes (see LFS_HASH_BOUND). */
    this.verifiable = hashed === true || this.size <= LFS_HASH_BOUND;
    this.key = `${seed}\0${this.size}\0${this.header.toString('base64')}`;
    /** @type {{ oid: string, pointer: Buffer, blob: string } | undefined} */
    this.made = undefined;
  }

  /**
   * The sha256 of the served bytes, computed once per process without blocking other requests for long.
   * Call it before reading `lfs`, `oid` or `pointer` from a request handler (they fall back to hashing synchronously).
   * @returns {Promise<void>}
   */
  async prepare() {
    if (this.made || !this.verifiable || sha256Memo.has(this.key)) {
      return;
    }
    let pending = sha256Pending.get(this.key);
    if (!pending) {
      pending = this.hashInSlices();
      sha256Pending.set(this.key, pending);
    }
    await pending;
  }

  async hashInSlices() {
    const hash = createHash('sha256');
    for (let pos = 0; pos < this.size; pos += HASH_SLICE) {
      for (const chunk of this.read(pos, Math.min(this.size, pos + HASH_SLICE))) {
        hash.update(chunk);
      }
      await yieldToEvents();
    }
    const hex = hash.digest('hex');
    sha256Memo.set(this.key, hex);
    sha256Pending.delete(this.key);
    return hex;
  }

  get sha256() {
    let hex = sha256Memo.get(this.key);
    if (!hex) {
      if (this.verifiable) {
        const hash = createHash('sha256');
        for (const chunk of this.read(0, this.size)) {
          hash.update(chunk);
        }
        hex = hash.digest('hex');
      } else {
        hex = hashHex(`lfs:${this.seed}`, 'sha256');
      }
      sha256Memo.set(this.key, hex);
    }
    return hex;
  }

  get pointer() {
    return this.ensure().pointer;
  }

  /** @type {LfsInfo} */
  get lfs() {
    const made = this.ensure();
    return { oid: made.oid, size: this.size, pointerSize: made.pointer.length };
  }

  /** git blob sha1 of the pointer */
  get oid() {
    return this.ensure().blob;
  }

  ensure() {
    if (!this.made) {
      const oid = this.sha256;
      const pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${this.size}\n`);
      this.made = { oid, pointer, blob: gitBlobSha1(pointer) };
    }
    return this.made;
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

/**
 * Hashes the LFS files of a list that need it (see LfsFile.prepare), one after the other.
 * @param {Iterable<{ prepare(): Promise<void> }>} files
 */
export async function prepareFiles(files) {
  for (const f of files) {
    await f.prepare();
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
