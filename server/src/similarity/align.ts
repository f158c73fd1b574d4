import type { PreparedDocument } from './text'

/**
 * Exact passage alignment of two prepared documents: the passages they share, found by greedy
 * tiling (the longest common run at each point of A, at least MIN_PASSAGE characters), then runs
 * split only by a light edit (a changed name, a word put in) joined into one passage.
 */

/** Shorter runs are ordinary phrases two unrelated narratives can share. */
export const MIN_PASSAGE = 15
/** Runs this close on both sides, in the same fields, are one passage with an edit in it. */
export const MAX_EDIT_GAP = 12

/** Where a passage lies: its field, and [start, end) in the field's original text. */
export interface PassageSide {
  field: string
  start: number
  end: number
}

export interface Passage {
  a: PassageSide
  b: PassageSide
  /** Countable (normalised, non-boilerplate) characters of A the passage covers. */
  length: number
}

export interface Alignment {
  passages: Passage[]
  /** Share of A's countable text found in B, 0…1. */
  shareOfA: number
  /** Share of B's countable text found in A. */
  shareOfB: number
}

interface Run {
  fa: number
  ia: number
  fb: number
  ib: number
  /** Length in A, and in B (they differ once a run is joined across an edit). */
  len: number
  lenB: number
}

export function align(a: PreparedDocument, b: PreparedDocument): Alignment {
  const k = MIN_PASSAGE
  // Every k-gram of B: where it starts (field, index).
  const index = new Map<string, [number, number][]>()
  b.fields.forEach((f, fb) => {
    for (let i = 0; i + k <= f.chars.length; i++) {
      const g = f.chars.slice(i, i + k)
      const at = index.get(g)
      if (at) at.push([fb, i])
      else index.set(g, [[fb, i]])
    }
  })

  const runs: Run[] = []
  a.fields.forEach((f, fa) => {
    let i = 0
    while (i + k <= f.chars.length) {
      const starts = index.get(f.chars.slice(i, i + k))
      if (!starts) {
        i++
        continue
      }
      let best: Run | undefined
      for (const [fb, ib] of starts) {
        const other = b.fields[fb]!.chars
        let len = k
        while (i + len < f.chars.length && ib + len < other.length && f.chars[i + len] === other[ib + len]) len++
        if (!best || len > best.len) best = { fa, ia: i, fb, ib, len, lenB: len }
      }
      runs.push(best!)
      i += best!.len
    }
  })

  // Join runs split by a light edit: consecutive in A, and continuing the same place of B.
  const joined: Run[] = []
  for (const r of runs) {
    const last = joined[joined.length - 1]
    if (
      last &&
      last.fa === r.fa &&
      last.fb === r.fb &&
      r.ia - (last.ia + last.len) <= MAX_EDIT_GAP &&
      r.ib >= last.ib + last.lenB &&
      r.ib - (last.ib + last.lenB) <= MAX_EDIT_GAP
    ) {
      last.len = r.ia + r.len - last.ia
      last.lenB = r.ib + r.lenB - last.ib
      continue
    }
    joined.push({ ...r })
  }

  const coveredB = b.fields.map((f) => new Uint8Array(f.chars.length))
  const passages = joined.map((r): Passage => {
    const { lenB } = r
    coveredB[r.fb]!.fill(1, r.ib, r.ib + lenB)
    const fa = a.fields[r.fa]!
    const fb = b.fields[r.fb]!
    return {
      a: { field: fa.field, start: fa.origin[r.ia]!, end: fa.origin[r.ia + r.len - 1]! + 1 },
      b: { field: fb.field, start: fb.origin[r.ib]!, end: fb.origin[r.ib + lenB - 1]! + 1 },
      length: r.len,
    }
  })
  const inA = joined.reduce((n, r) => n + r.len, 0)
  const inB = coveredB.reduce((n, c) => n + c.reduce((s, x) => s + x, 0), 0)
  return {
    passages,
    shareOfA: a.length ? inA / a.length : 0,
    shareOfB: b.length ? inB / b.length : 0,
  }
}
