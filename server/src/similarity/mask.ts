/** Shorter pieces of the other side than this are not "shared": they are masked when its identity is hidden. */
const MIN_SHARED_RUN = 4
export const MASK = '＊'

/**
 * The other side of a passage with what it does not share with this one masked. A passage survives
 * light edits (similarity/align.ts joins runs across a gap) — and the commonest edit is the copier's own
 * name put in place of the original's — so the other side's edited characters are exactly what may
 * name it. Greedy: each position takes the longest run from it found in `self`; shorter than
 * MIN_SHARED_RUN, the character is masked.
 */
export function maskEdits(other: string, self: string): string {
  let out = ''
  let i = 0
  while (i < other.length) {
    // The longest prefix of other[i…] found in self: containment shrinks with length, so search it by halves.
    let [len, hi] = [0, other.length - i]
    while (len < hi) {
      const mid = Math.ceil((len + hi) / 2)
      if (self.includes(other.slice(i, i + mid))) len = mid
      else hi = mid - 1
    }
    if (len >= MIN_SHARED_RUN) {
      out += other.slice(i, i + len)
      i += len
    } else {
      out += MASK
      i++
    }
  }
  return out
}
