// Deterministic helpers: hashes, a seeded PRNG and Hub-style ids and dates.
import { createHash } from 'node:crypto';

/**
 * @param {string | Buffer} data
 * @param {'sha1' | 'sha256'} [algo]
 */
export function hashHex(data, algo = 'sha1') {
  return createHash(algo).update(data).digest('hex');
}

/**
 * The git blob id of some content (what the Hub reports as `oid` and strong `ETag` for non-LFS files).
 * @param {Buffer} content
 */
export function gitBlobSha1(content) {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * Stable unsigned 32-bit integer derived from a string.
 * @param {string} seed
 */
export function hashInt(seed) {
  return createHash('sha256').update(seed).digest().readUInt32BE(0);
}

/**
 * Mulberry32: a small seeded PRNG returning floats in [0, 1).
 * @param {string | number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = typeof seed === 'number' ? seed >>> 0 : hashInt(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} rand
 * @param {readonly T[]} items
 * @returns {T}
 */
export function pick(rand, items) {
  return items[Math.floor(rand() * items.length)];
}

/**
 * Integer in [min, max], skewed towards min when `skew` > 1 (popularity-like distributions).
 * @param {() => number} rand
 * @param {number} min
 * @param {number} max
 * @param {number} [skew]
 */
export function between(rand, min, max, skew = 1) {
  return min + Math.floor(Math.pow(rand(), skew) * (max - min + 1));
}

/** Creation date the Hub reports for repos that predate stored creation dates (`HD`). */
export const LEGACY_CREATED_AT = '2022-03-02T23:29:04.000Z';

/**
 * ISO date with whole seconds, as the Hub writes them (`2024-02-19T10:57:45.000Z`).
 * @param {number} ms
 */
export function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/**
 * A Mongo ObjectId-like `_id`: 4 bytes of creation time, then 8 bytes derived from the seed.
 * @param {string} createdAt
 * @param {string} seed
 */
export function objectId(createdAt, seed) {
  const seconds = Math.floor(Date.parse(createdAt) / 1000);
  return seconds.toString(16).padStart(8, '0') + hashHex(`objectid:${seed}`).slice(0, 16);
}

/**
 * Copies a JSON value, so that a response never shares objects with the catalog.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function cloneJson(value) {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
