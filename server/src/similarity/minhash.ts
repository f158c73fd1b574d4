import murmurhash from 'murmurhash'
import type { PreparedDocument } from './text'

/**
 * MinHash signatures and locality-sensitive bands (LSH) over character shingles, so one new
 * submission finds the few documents worth aligning among thousands by looking up its buckets (buckets.ts).
 *
 * Shingles are 8 characters: with 5, the stock clauses every narrative of a trade repeats
 * (…组织全员参与…的培训与考核…) made half of any window common to all, and half the corpus became
 * candidates; with 8 a check meets one or two (bench/similarity.ts).
 *
 * Two granularities, because copying comes in two shapes:
 * - the whole field (a narrative taken over, perhaps with its sentences reordered): one signature per
 *   field, which ignores order;
 * - a passage inside a longer text (30 % of a narrative): signatures of overlapping windows of
 *   WINDOW shingles every STEP shingles. A copied passage of 2 × WINDOW characters holds at least one
 *   whole window of the copy, which overlaps some window of the source by ≥ 3/4 (Jaccard ≥ 0.6).
 *
 * With BANDS bands of ROWS rows a pair of sets of Jaccard s shares a band with probability
 * 1 − (1 − s^ROWS)^BANDS: 0.72 at s = 0.5, 0.89 at 0.6, 0.99 at 0.8, 0.001 at 0.05 — per pair of
 * windows, and a copied passage of 30 % of a 3,000-character text holds four windows.
 */
export const SHINGLE = 8
export const ROWS = 3
export const BANDS = 10
export const HASHES = ROWS * BANDS
export const WINDOW = 300
export const STEP = 150

/** murmur3's finaliser: a bijection on 32-bit integers that mixes every bit, one per hash function. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** HASHES fixed seeds: the signatures stored in the database depend on them, so they never change. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2d)))

/** The 32-bit hash of every shingle of a string, in order. */
export function shingleHashes(chars: string): Uint32Array {
  const n = Math.max(0, chars.length - SHINGLE + 1)
  const out = new Uint32Array(n)
  for (let i = 0; i < n; i++) out[i] = murmurhash.v3(chars.slice(i, i + SHINGLE))
  return out
}

/** The MinHash signature of shingles [from, to): per hash function, the least permuted value. */
export function signature(hashes: Uint32Array, from = 0, to = hashes.length): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff)
  for (let i = from; i < to; i++) {
    const h = hashes[i]!
    for (let k = 0; k < HASHES; k++) {
      const v = mix(h ^ SEEDS[k]!)
      if (v < sig[k]!) sig[k] = v
    }
  }
  return sig
}

/** The share of equal positions: an estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++
  return same / HASHES
}

/** One key per band: the band's number and its rows hashed together; equal keys = same bucket. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = []
  const buf = new Uint32Array(ROWS + 1)
  for (let b = 0; b < BANDS; b++) {
    buf[0] = b
    for (let r = 0; r < ROWS; r++) buf[r + 1] = sig[b * ROWS + r]!
    // Signed 32-bit, so the keys stay small integers in BSON (int32) and in the index.
    keys.push(murmurhash.v3(new Uint8Array(buf.buffer), 0x5bd1e995) | 0)
  }
  return keys
}

/** The windows [from, to) of a field's shingles: the whole when short, else overlapping WINDOW-sized ones. */
export function windows(count: number): [number, number][] {
  if (count <= WINDOW) return count > 0 ? [[0, count]] : []
  const out: [number, number][] = []
  for (let from = 0; ; from += STEP) {
    const to = Math.min(from + WINDOW, count)
    out.push([to - WINDOW, to])
    if (to === count) break
  }
  return out
}

/** Every bucket a document falls into (each key once): what is stored with it and bucketed (buckets.ts). */
export function documentBands(doc: PreparedDocument): number[] {
  const keys = new Set<number>()
  for (const f of doc.fields) {
    const hashes = shingleHashes(f.chars)
    if (hashes.length === 0) continue
    for (const [from, to] of windows(hashes.length)) for (const k of bandKeys(signature(hashes, from, to))) keys.add(k)
    if (hashes.length > WINDOW) for (const k of bandKeys(signature(hashes))) keys.add(k)
  }
  return [...keys]
}
