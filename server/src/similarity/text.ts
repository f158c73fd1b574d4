/**
 * Text as the similarity check compares it. Chinese has no spaces, so a "word" is useless here: the
 * unit is the character after normalisation, and everything that does not carry content (width,
 * case, punctuation, whitespace) is dropped, so 「ＡＢＣ，质量」 and 「abc质量」 compare equal.
 */

/** Letters (any script, 汉字 included) and digits carry content; punctuation, symbols and spaces do not. */
const CONTENT = /[\p{L}\p{N}]/u

/**
 * A text normalised for comparison, with where each kept character came from, so a passage found in
 * the normalised text can be highlighted in the text the applicant wrote.
 */
export interface NormalisedText {
  chars: string
  /** origin[i]: the index in the original text of the character chars[i] came from (UTF-16 units). */
  origin: number[]
}

/** NFKC per character (full-width → half-width, compatibility forms), lower case, content characters only. */
export function normalise(text: string): NormalisedText {
  let chars = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    // Per character rather than on the whole string, so every output character keeps its origin.
    for (const c of ch.normalize('NFKC').toLowerCase()) {
      if (CONTENT.test(c)) {
        chars += c
        for (let k = 0; k < c.length; k++) origin.push(i)
      }
    }
    i += ch.length
  }
  return { chars, origin }
}

/** Characters of a normalised text that stay countable after boilerplate is taken out. */
export interface CleanText {
  chars: string
  /** The original index of each character, as in NormalisedText. */
  origin: number[]
}

/**
 * Boilerplate every applicant repeats — the measures' own wording, the criteria headings and hints,
 * the call's text and template — as the set of its character n-grams. A character of an application
 * that lies inside any such n-gram is boilerplate and does not count as shared text.
 */
export class Boilerplate {
  /** Long enough that ordinary phrases (质量管理, 持续改进) are not swallowed with it. */
  static readonly GRAM = 8
  private readonly grams = new Set<string>()

  constructor(texts: Iterable<string> = []) {
    for (const t of texts) this.add(t)
  }

  add(text: string): this {
    const { chars } = normalise(text)
    for (let i = 0; i + Boilerplate.GRAM <= chars.length; i++) this.grams.add(chars.slice(i, i + Boilerplate.GRAM))
    return this
  }

  get size(): number {
    return this.grams.size
  }

  /** The text without its boilerplate characters. */
  strip(text: NormalisedText): CleanText {
    const n = text.chars.length
    const g = Boilerplate.GRAM
    const masked = new Uint8Array(n)
    if (this.grams.size) {
      for (let i = 0; i + g <= n; i++) {
        if (this.grams.has(text.chars.slice(i, i + g))) masked.fill(1, i, i + g)
      }
    }
    let chars = ''
    const origin: number[] = []
    for (let i = 0; i < n; i++) {
      if (masked[i]) continue
      chars += text.chars[i]
      origin.push(text.origin[i]!)
    }
    return { chars, origin }
  }
}

/** One text of a document: an application's summary or one 第六条 criterion narrative. */
export interface DocumentField {
  field: string
  text: string
}

/** A document prepared for comparison: each field normalised and stripped of boilerplate. */
export interface PreparedDocument {
  fields: (CleanText & { field: string })[]
  /** Countable characters in all fields: the denominator of every share. */
  length: number
}

export function prepare(fields: readonly DocumentField[], boilerplate: Boilerplate): PreparedDocument {
  const prepared = fields.map((f) => ({ field: f.field, ...boilerplate.strip(normalise(f.text)) }))
  return { fields: prepared, length: prepared.reduce((n, f) => n + f.chars.length, 0) }
}
