import { z } from 'zod'

/**
 * Text that people read (issue 12, item 4). Every free-text field one person writes and others read
 * — organization names now, objection grounds (第十八条) and event notes (第二十条) later — goes through
 * `readableText`: normalised to NFKC (full-width letters and digits, compatibility forms) and refused
 * when it carries characters that make it display differently from what it is. A probe renamed an
 * organization to a right-to-left override and a zero-width space; both now fail with a clear message.
 *
 * Refused: Unicode format characters (category Cf — bidi embeddings, overrides and isolates U+202A–
 * U+202E and U+2066–U+2069, LRM/RLM/ALM, zero-width space/joiners U+200B–U+200D, word joiner U+2060,
 * BOM U+FEFF, soft hyphen, tag characters), control characters (Cc; line breaks only where a field is
 * multi-line), line/paragraph separators (U+2028/U+2029) and private-use or unassigned code points.
 */
const INVISIBLE = propertyRegExp(
  '[\\p{Cf}\\p{Zl}\\p{Zp}\\p{Co}\\p{Cn}]',
  '[\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2028\\u2029\\u2060-\\u2064\\u2066-\\u206F\\uE000-\\uF8FF\\uFEFF\\uFFF9-\\uFFFB]',
)
const CONTROL = propertyRegExp('\\p{Cc}', '[\\u0000-\\u001F\\u007F-\\u009F]')
const CONTROL_EXCEPT_LINE_BREAKS = propertyRegExp('(?![\\n\\t])\\p{Cc}', '(?![\\n\\t])[\\u0000-\\u001F\\u007F-\\u009F]')
/** What nameKey drops: separators, punctuation and symbols. */
const NAME_NOISE = propertyRegExp('[\\p{Z}\\p{P}\\p{S}\\s]', '[\\s!-/:-@\\[-`{-~\\u00A1-\\u00BF\\u2000-\\u206F\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65]', 'gu')

/**
 * Built from strings, not written as literals: the mini-program's transpiler expands a literal's \p{…}
 * classes into thousands of code-point ranges (≈ 15 KB of the weapp main package, issue 13). Node and
 * current WeChat engines know property escapes; an engine that does not gets the explicit list of
 * bidi, zero-width, private-use and control characters instead — the server judges every write anyway.
 */
function propertyRegExp(source: string, fallback: string, flags = 'u'): RegExp {
  try {
    return new RegExp(source, flags)
  } catch {
    return new RegExp(fallback, flags)
  }
}

export const INVISIBLE_TEXT_MESSAGE = '含有不可见的控制字符（如文字方向控制符或零宽字符），请删除后重新输入'

/** NFKC, with Windows line breaks made plain; trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\r\n?/g, '\n').trim()
}

/** Whether the text carries a character `readableText` refuses. */
export function hasHiddenCharacters(text: string, { multiline = false } = {}): boolean {
  return INVISIBLE.test(text) || (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(text)
}

/** Removes what `readableText` refuses, for text we must keep rather than refuse (an uploaded file's name). */
export function stripHiddenCharacters(text: string): string {
  return text.replace(new RegExp(`${INVISIBLE.source}|${CONTROL.source}`, 'gu'), '')
}

export interface ReadableTextOptions {
  min?: number
  max: number
  /** Shown in the length messages, e.g. 组织名称. */
  label: string
  /** Allows line breaks and tabs (grounds, notes); single-line fields refuse them. */
  multiline?: boolean
  /** The message when the field is missing or shorter than `min` (default: 请填写… / …至少 N 个字). */
  required?: string
}

/**
 * The schema for a free-text field others read: NFKC-normalised and trimmed, then checked for hidden
 * characters and length (counted after normalisation, in code points).
 */
export function readableText({ min = 1, max, label, multiline = false, required }: ReadableTextOptions) {
  return z
    .string(required ? { error: (issue) => (issue.input === undefined ? required : undefined) } : undefined)
    .overwrite(normalizeText)
    .min(min, required ?? (min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`))
    .max(max, `${label}最多 ${max} 个字`)
    .refine((s) => !hasHiddenCharacters(s, { multiline }), INVISIBLE_TEXT_MESSAGE)
    .meta({ description: `${label}：NFKC 规范化，不得含有文字方向控制符、零宽字符等不可见字符` })
}

/**
 * The key two names are compared by (issue 12, item 3): NFKC, case-folded, with spaces, punctuation and
 * symbols removed — so 「上海  某某（集团）有限公司」 and 「上海某某(集团)有限公司」 are one name.
 */
export function nameKey(name: string): string {
  return stripHiddenCharacters(name.normalize('NFKC'))
    .toLowerCase()
    .replace(NAME_NOISE, '')
}

/**
 * A search box's text: NFKC, trimmed, at most `max` characters, no hidden or control characters
 * (a NUL byte in a search once reached the database as part of a pattern and failed there).
 */
export function searchText(max = 50) {
  return z
    .string()
    .overwrite(normalizeText)
    .max(max, `查询内容最多 ${max} 个字`)
    .refine((s) => !hasHiddenCharacters(s), '查询内容含有不可见的控制字符')
}
