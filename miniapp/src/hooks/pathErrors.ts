import type { z } from 'zod'
import { fieldErrors, type FieldError } from '@zlbg/shared'

/**
 * Field errors of nested forms (组织信息, 申报表) keyed by their dotted path (`contacts.0.phone`),
 * as both the shared zod schemas and the server's VALIDATION_FAILED `fields` name them. Pure, for plain Jest.
 */
export type PathErrors = Readonly<Record<string, string>>

/** The first message for each path. */
export function errorsByPath(errors: readonly FieldError[]): Record<string, string> {
  const byPath: Record<string, string> = {}
  for (const { path, message } of errors) byPath[path] ??= message
  return byPath
}

/** The message for a field: at its path, or else at the first path inside it. */
export function errorAt(errors: PathErrors, path: string): string | undefined {
  if (errors[path]) return errors[path]
  const inside = Object.keys(errors).find((p) => p.startsWith(`${path}.`))
  return inside ? errors[inside] : undefined
}

/** The errors without those at `path` or inside it (the person just edited that field). */
export function clearAt(errors: PathErrors, path: string): Record<string, string> {
  const next: Record<string, string> = {}
  for (const [p, message] of Object.entries(errors)) if (p !== path && !p.startsWith(`${path}.`)) next[p] = message
  return next
}

/**
 * clearAt, and also the errors of the fields holding it (`practice` when `practice.since` is
 * edited): a "required" on the whole group no longer holds once part of it is typed.
 */
export function clearWithParents(errors: PathErrors, path: string): Record<string, string> {
  const next = clearAt(errors, path)
  const parts = path.split('.')
  for (let end = parts.length - 1; end > 0; end--) delete next[parts.slice(0, end).join('.')]
  return next
}

/** The schema's complaints about `value`, by path; {} when it passes. */
export function schemaErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value)
  return parsed.success ? {} : errorsByPath(fieldErrors(parsed.error))
}

function deletePath(target: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false
  let node: unknown = target
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  if (node === null || typeof node !== 'object') return false
  const last = path[path.length - 1]!
  const record = node as Record<PropertyKey, unknown>
  if (!(last in record)) return false
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1)
  else delete record[last]
  return true
}

/** Drops the value at `path`; when it is missing (a required value), drops what holds it instead. */
function dropAt(target: unknown, path: readonly PropertyKey[]): boolean {
  for (let end = path.length; end > 0; end--) if (deletePath(target, path.slice(0, end))) return true
  return false
}

/**
 * `value` with whatever `schema` rejects left out, so that a draft always saves what is valid (a
 * one-letter competitor name is simply not saved yet). Works on a copy; gives up after a few rounds.
 */
export function pruneInvalid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
  const copy: unknown = JSON.parse(JSON.stringify(value ?? {}))
  for (let round = 0; round < 8; round++) {
    const parsed = schema.safeParse(copy)
    if (parsed.success) return parsed.data
    // Deepest paths first, and array items from the end, so earlier deletions do not shift later ones.
    const paths = parsed.error.issues
      .map((issue) => issue.path)
      .sort((a, b) => b.length - a.length || String(b[b.length - 1]).localeCompare(String(a[a.length - 1]), undefined, { numeric: true }))
    let changed = false
    for (const path of paths) changed = dropAt(copy, path) || changed
    if (!changed) return null
  }
  return null
}
