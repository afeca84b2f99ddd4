// The cache core as the Local Cache index uses it, loaded with the first scan (a chunk of its own): the scan of
// src/hfcache/scan.ts and the deletion plans of ./deletion.ts.
import { scanCache } from '../hfcache/scan';
import { applyDeletion, planPrune, planRepoDeletion, planRevisionDeletion } from './deletion';
import type { CacheCore } from './index';

export const cacheCore: CacheCore = { scanCache, planRepoDeletion, planRevisionDeletion, planPrune, applyDeletion };
