import type { FIELD_SECTION, ContentForm } from '../content'

export type ContentField = keyof typeof FIELD_SECTION

/** What every step of the application form gets from the editor. */
export interface StepProps {
  form: ContentForm
  /** Errors by dotted path, shown next to their fields. */
  errors: Readonly<Record<string, string>>
  update: (patch: Partial<ContentForm>, path: string) => void
  /** True when the field cannot be changed now (read-only application, or outside a supplement request). */
  readOnly: (field: ContentField) => boolean
  /** 只读 beside a field a supplement request does not reopen. */
  note: (field: ContentField) => string | undefined
}
