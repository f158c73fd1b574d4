import type { FieldError } from '@zlbg/shared'

/** Pure (no Taro import): plain Jest tests it. */

/**
 * A server's field errors for a form that edits only part of what the server checked: the submit
 * route names the content's fields `content.title` and the organization's `profile.region`, while
 * the form's fields are `title`. Returns the first message per path under `prefix`, without it
 * (`content` itself becomes ''), and the errors outside it.
 */
export function fieldsUnder(fields: readonly FieldError[], prefix: string): { inside: Record<string, string>; outside: FieldError[] } {
  const inside: Record<string, string> = {}
  const outside: FieldError[] = []
  for (const field of fields) {
    if (field.path === prefix) inside[''] ??= field.message
    else if (field.path.startsWith(`${prefix}.`)) inside[field.path.slice(prefix.length + 1)] ??= field.message
    else outside.push(field)
  }
  return { inside, outside }
}
