import {
  DEFAULT_MAX_APPLICATIONS,
  DEFAULT_QUALITY_METHODS,
  inShanghai,
  type AttachedFile,
  type FieldError,
  type MilestoneKind,
  type OfficeCall,
  type Sector,
} from '@zlbg/shared'
import { CALL_STRINGS } from './strings'

/**
 * The call editor's values as the form holds them (text as typed, date-times as Shanghai wall time)
 * and their conversion to the shared CallDraftSchema's input. Pure (no Taro), for plain Jest.
 */

export interface KeyFieldValues {
  title: string
  description: string
}

/** Date-times as typed: `YYYY-MM-DD HH:mm`, Beijing time. */
export interface MilestoneValues {
  kind: MilestoneKind
  startsAt: string
  endsAt: string
  note: string
}

export interface ContactValues {
  department: string
  person: string
  phone: string
  email: string
  address: string
}

/** A template file: what the draft sends (attachmentId, title) plus what the picker shows of the file. */
export type TemplateValues = AttachedFile

export interface CallFormValues {
  year: string
  title: string
  body: string
  keyFields: KeyFieldValues[]
  sectors: Sector[]
  schedule: MilestoneValues[]
  contact: ContactValues
  maxApplicationsPerOrganization: string
  qualityMethods: string[]
  templates: TemplateValues[]
}

const F = CALL_STRINGS.form

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/**
 * `2027-03-01 09:00` (Beijing time) → `2027-03-01T09:00:00+08:00`; null when it is not a real date
 * and time. China has no daylight saving, so the fixed offset is exact (shared/src/time.ts).
 */
export function shanghaiInstant(text: string): string | null {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
  if (hour > 23 || minute > 59) return null
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00+08:00`
}

/** An instant (any offset) → `YYYY-MM-DD HH:mm` in Beijing time, as the form shows it. */
export function shanghaiText(instant: string): string {
  return inShanghai(instant).format('YYYY-MM-DD HH:mm')
}

/** `YYYY-MM-DD HH:mm` from a date-time picker's columns (year, month, day, hour, minute). */
export function pickedDateTime(values: readonly unknown[]): string {
  const [y, m, d, h, min] = values.map(Number)
  return `${y}-${pad(m ?? 1)}-${pad(d ?? 1)} ${pad(h ?? 0)}:${pad(min ?? 0)}`
}

export function emptyContact(): ContactValues {
  return { department: '', person: '', phone: '', email: '', address: '' }
}

export function emptyMilestone(kind: MilestoneKind): MilestoneValues {
  return { kind, startsAt: '', endsAt: '', note: '' }
}

/** A new call: this year in Beijing, one blank direction, the 组织申报 stage every call needs, the defaults. */
export function emptyCallForm(now: Date = new Date()): CallFormValues {
  return {
    year: String(inShanghai(now).year()),
    title: '',
    body: '',
    keyFields: [{ title: '', description: '' }],
    sectors: [],
    schedule: [emptyMilestone('application')],
    contact: emptyContact(),
    maxApplicationsPerOrganization: String(DEFAULT_MAX_APPLICATIONS),
    qualityMethods: [...DEFAULT_QUALITY_METHODS],
    templates: [],
  }
}

/**
 * The form for a saved call, as the server has it. A draft without directions or without the 组织申报
 * stage gets a blank one to fill in, as a new call does (blank rows are not sent, so not a change).
 */
export function callToForm(call: OfficeCall): CallFormValues {
  const c = call.contact
  const schedule = call.schedule.map((m) => ({
    kind: m.kind,
    startsAt: shanghaiText(m.startsAt),
    endsAt: m.endsAt ? shanghaiText(m.endsAt) : '',
    note: m.note ?? '',
  }))
  return {
    year: String(call.year),
    title: call.title,
    body: call.body ?? '',
    keyFields: call.keyFields.length
      ? call.keyFields.map((k) => ({ title: k.title, description: k.description ?? '' }))
      : [{ title: '', description: '' }],
    sectors: [...call.sectors],
    schedule: schedule.some((m) => m.kind === 'application') ? schedule : [emptyMilestone('application'), ...schedule],
    contact: {
      department: c?.department ?? '',
      person: c?.person ?? '',
      phone: c?.phone ?? '',
      email: c?.email ?? '',
      address: c?.address ?? '',
    },
    maxApplicationsPerOrganization: String(call.maxApplicationsPerOrganization),
    qualityMethods: [...call.qualityMethods],
    templates: call.templates.map((t) => ({ ...t })),
  }
}

/** Which form row each sent row came from: blank rows are left out of the draft. */
export interface RowMaps {
  keyFields: number[]
  schedule: number[]
  qualityMethods: number[]
}

export interface DraftResult {
  /** The CallDraftSchema input (validated by the caller with the schema itself). */
  draft: Record<string, unknown>
  /** Checks of what the form holds as text (date-times, numbers), by the draft's own paths. */
  local: FieldError[]
  rows: RowMaps
}

const blank = (s: string) => s.trim() === ''

/**
 * Form values → a draft. A draft may leave anything but year and title out (CallDraftSchema), so
 * untouched blank rows are dropped rather than refused; what is there must be well-formed.
 */
export function formToDraft(values: CallFormValues): DraftResult {
  const local: FieldError[] = []
  const draft: Record<string, unknown> = {}

  const year = values.year.trim()
  draft.year = /^\d{1,4}$/.test(year) ? Number(year) : year
  draft.title = values.title

  if (!blank(values.body)) draft.body = values.body

  const keyRows = values.keyFields.flatMap((k, i) => (blank(k.title) && blank(k.description) ? [] : [i]))
  if (keyRows.length > 0) {
    draft.keyFields = keyRows.map((i) => {
      const k = values.keyFields[i]!
      return { title: k.title, description: k.description.trim() }
    })
  }

  if (values.sectors.length > 0) draft.sectors = [...values.sectors]

  const scheduleRows = values.schedule.flatMap((m, i) => (blank(m.startsAt) && blank(m.endsAt) && blank(m.note) ? [] : [i]))
  if (scheduleRows.length > 0) {
    draft.schedule = scheduleRows.map((i, sent) => {
      const m = values.schedule[i]!
      const startsAt = shanghaiInstant(m.startsAt)
      if (!startsAt) local.push({ path: `schedule.${sent}.startsAt`, message: F.dateTimeFormat })
      const endsAt = blank(m.endsAt) ? undefined : shanghaiInstant(m.endsAt)
      if (endsAt === null) local.push({ path: `schedule.${sent}.endsAt`, message: F.dateTimeFormat })
      return {
        kind: m.kind,
        startsAt: startsAt ?? m.startsAt,
        ...(endsAt !== undefined ? { endsAt: endsAt ?? m.endsAt } : {}),
        ...(blank(m.note) ? {} : { note: m.note.trim() }),
      }
    })
  }

  const contact = values.contact
  if (Object.values(contact).some((v) => !blank(v))) {
    draft.contact = {
      department: contact.department,
      ...(blank(contact.person) ? {} : { person: contact.person }),
      ...(blank(contact.phone) ? {} : { phone: contact.phone }),
      ...(blank(contact.email) ? {} : { email: contact.email.trim() }),
      ...(blank(contact.address) ? {} : { address: contact.address }),
    }
  }

  const max = values.maxApplicationsPerOrganization.trim()
  if (/^\d{1,2}$/.test(max)) draft.maxApplicationsPerOrganization = Number(max)
  else local.push({ path: 'maxApplicationsPerOrganization', message: F.maxApplicationsInvalid })

  const methodRows = values.qualityMethods.flatMap((m, i) => (blank(m) ? [] : [i]))
  if (methodRows.length > 0) draft.qualityMethods = methodRows.map((i) => values.qualityMethods[i]!.trim())

  draft.templates = values.templates.map((t) => ({ attachmentId: t.attachmentId, title: t.title }))

  return { draft, local, rows: { keyFields: keyRows, schedule: scheduleRows, qualityMethods: methodRows } }
}

/** `keyFields.2.title` of the draft → the same field of the form row it came from. */
export function toFormPath(path: string, rows: RowMaps): string {
  const [list, index, ...rest] = path.split('.')
  if (list && index !== undefined && /^\d+$/.test(index) && list in rows) {
    const row = rows[list as keyof RowMaps][Number(index)]
    if (row !== undefined) return [list, String(row), ...rest].join('.')
  }
  return path
}

/** The paths the editor shows an error under, for these values. */
export function shownPaths(values: CallFormValues): Set<string> {
  const paths = new Set<string>([
    'year',
    'title',
    'body',
    'keyFields',
    'sectors',
    'schedule',
    'contact',
    'contact.department',
    'contact.person',
    'contact.phone',
    'contact.email',
    'contact.address',
    'maxApplicationsPerOrganization',
    'qualityMethods',
    'templates',
  ])
  values.keyFields.forEach((_, i) => {
    paths.add(`keyFields.${i}.title`)
    paths.add(`keyFields.${i}.description`)
  })
  values.schedule.forEach((_, i) => {
    for (const key of ['kind', 'startsAt', 'endsAt', 'note']) paths.add(`schedule.${i}.${key}`)
  })
  values.qualityMethods.forEach((_, i) => paths.add(`qualityMethods.${i}`))
  values.templates.forEach((_, i) => paths.add(`templates.${i}.title`))
  return paths
}

/**
 * Errors (local, the schema's, or the server's `fields`) keyed by the field that shows them: the
 * nearest shown path up the error's own path. The first error per field wins; errors no field can
 * show (an unknown key) come back as `rest`.
 */
export function placeErrors(
  errors: readonly FieldError[],
  values: CallFormValues,
  rows: RowMaps,
): { byPath: Record<string, string>; rest: string[] } {
  const shown = shownPaths(values)
  const byPath: Record<string, string> = {}
  const rest: string[] = []
  for (const error of errors) {
    let parts = toFormPath(error.path, rows).split('.')
    while (parts.length > 0 && !shown.has(parts.join('.'))) parts = parts.slice(0, -1)
    if (parts.length === 0) rest.push(error.message)
    else byPath[parts.join('.')] ??= error.message
  }
  return { byPath, rest }
}

/** `schedule.0.endsAt` → 活动安排, for the list of what publishing still needs. */
export function fieldLabel(path: string): string {
  const top = path.split('.')[0] ?? path
  return CALL_STRINGS.fieldLabels[top] ?? top
}
