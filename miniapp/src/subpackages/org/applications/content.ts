import {
  ApplicationContentSchema,
  ApplicationDraftSchema,
  CRITERIA,
  type ApplicationDraft,
  type Criterion,
  type SupplementSection,
} from '@zlbg/shared'
import type { ApplicantApplication as Application } from '@zlbg/shared'
import type { AttachedFile as AttachmentItem } from '@zlbg/shared'
import { pruneInvalid, schemaErrors } from '../../../hooks/pathErrors'

/**
 * The 申报表 as typed, its steps, and its conversions to the contract: a draft (saved as you go,
 * whatever is valid so far) and the complete content (checked step by step with the same schema
 * the server checks on submit). Pure, for plain Jest.
 */

export interface PeerForm {
  name: string
  value: string
}

export interface ComparisonForm {
  indicator: string
  unit: string
  /** Values by year, as typed. */
  own: Record<number, string>
  competitor: PeerForm
  benchmark: PeerForm
  source: string
}

export interface ContentForm {
  title: string
  summary: string
  methods: string[]
  methodsOther: string
  criteria: Record<Criterion, string>
  comparison: ComparisonForm[]
  practiceSince: string
  practiceScope: string
  attachments: AttachmentItem[]
}

export type StepKey = 'basics' | 'criteria' | 'comparison' | 'practice' | 'attachments' | 'review'
export const STEPS: readonly StepKey[] = ['basics', 'criteria', 'comparison', 'practice', 'attachments', 'review']

/** Which top-level fields of the content each step edits (and shows errors for). */
export const STEP_FIELDS: Record<StepKey, readonly (keyof ApplicationDraft)[]> = {
  basics: ['title', 'summary', 'methods', 'methodsOther'],
  criteria: ['criteria'],
  comparison: ['comparison'],
  practice: ['practice'],
  attachments: ['attachments'],
  review: [],
}

/** The supplement sections (第十五条) a step's fields belong to. */
export const FIELD_SECTION: Record<keyof ApplicationDraft, SupplementSection> = {
  title: 'title',
  summary: 'summary',
  methods: 'methods',
  methodsOther: 'methods',
  criteria: 'criteria',
  comparison: 'comparison',
  practice: 'practice',
  attachments: 'attachments',
}

/** The step that shows an error at `path` (`criteria.effective`, `comparison.0.own`). */
export function stepOfPath(path: string): StepKey | null {
  const field = path.split('.')[0] as keyof ApplicationDraft
  return STEPS.find((step) => STEP_FIELDS[step].includes(field)) ?? null
}

/** Years offered for a comparison row: the three before the call year, plus any already filled. */
export function comparisonYears(callYear: number, rows: readonly ComparisonForm[]): number[] {
  const years = new Set([callYear - 3, callYear - 2, callYear - 1])
  for (const row of rows) for (const [year, value] of Object.entries(row.own)) if (value.trim()) years.add(Number(year))
  return [...years].sort((a, b) => a - b)
}

export function emptyRow(): ComparisonForm {
  return { indicator: '', unit: '', own: {}, competitor: { name: '', value: '' }, benchmark: { name: '', value: '' }, source: '' }
}

const attachmentRefs = (items: readonly AttachmentItem[]) => items.map(({ attachmentId, title }) => ({ attachmentId, title }))
const num = (n: number | undefined) => (n === undefined ? '' : String(n))

export function contentFormFrom(application: Application): ContentForm {
  const c = application.content
  return {
    title: c.title ?? '',
    summary: c.summary ?? '',
    methods: c.methods ?? [],
    methodsOther: c.methodsOther ?? '',
    criteria: Object.fromEntries(CRITERIA.map((k) => [k, c.criteria?.[k] ?? ''])) as Record<Criterion, string>,
    comparison: (c.comparison ?? []).map((row) => ({
      indicator: row.indicator ?? '',
      unit: row.unit ?? '',
      own: Object.fromEntries((row.own ?? []).map((v) => [v.year, String(v.value)])),
      competitor: { name: row.competitor?.name ?? '', value: num(row.competitor?.value) },
      benchmark: { name: row.benchmark?.name ?? '', value: num(row.benchmark?.value) },
      source: row.source ?? '',
    })),
    practiceSince: c.practice?.since ?? '',
    practiceScope: c.practice?.scope ?? '',
    attachments: c.attachments,
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/
const text = (s: string) => (s.trim() ? s : undefined)
const number = (s: string) => (NUMBER.test(s.trim()) ? Number(s.trim()) : s.trim() ? Number.NaN : undefined)

function peer(p: PeerForm) {
  if (!p.name.trim() && !p.value.trim()) return undefined
  return { name: text(p.name), value: number(p.value) }
}

/** The form in the contract's shape, blanks left out; numbers that are not numbers stay NaN, for the schema to refuse. */
export function contentInput(form: ContentForm) {
  const practice = { since: text(form.practiceSince.trim()), scope: text(form.practiceScope) }
  return {
    title: text(form.title),
    summary: text(form.summary),
    methods: form.methods,
    methodsOther: text(form.methodsOther),
    criteria: Object.fromEntries(CRITERIA.map((k) => [k, text(form.criteria[k])])),
    comparison: form.comparison.map((row) => ({
      indicator: text(row.indicator),
      unit: text(row.unit),
      own: Object.entries(row.own)
        .filter(([, v]) => v.trim())
        .map(([year, v]) => ({ year: Number(year), value: number(v) }))
        .sort((a, b) => a.year - b.year),
      competitor: peer(row.competitor),
      benchmark: peer(row.benchmark),
      source: text(row.source),
    })),
    practice: practice.since || practice.scope ? practice : undefined,
    attachments: attachmentRefs(form.attachments),
  }
}

/** What autosave sends: everything valid so far (the server replaces the whole draft). */
export function draftOf(form: ContentForm): ApplicationDraft {
  return pruneInvalid(ApplicationDraftSchema, contentInput(form)) ?? {}
}

/**
 * During a supplement only the requested sections may change (第十五条): the others are sent back
 * exactly as the server has them, so that nothing outside the request differs.
 */
export function supplementDraftOf(form: ContentForm, saved: Application['content'], editable: ReadonlySet<SupplementSection>): ApplicationDraft {
  const mine = draftOf(form) as Record<string, unknown>
  const original: Record<string, unknown> = { ...saved, attachments: attachmentRefs(saved.attachments) }
  const merged: Record<string, unknown> = {}
  for (const field of Object.keys(FIELD_SECTION) as (keyof ApplicationDraft)[]) {
    const value = editable.has(FIELD_SECTION[field]) ? mine[field] : original[field]
    if (value !== undefined) merged[field] = value
  }
  return merged as ApplicationDraft
}

/** Problems with the complete content, by path; a human message where a number is not one. */
export function contentErrors(form: ContentForm): Record<string, string> {
  const errors = schemaErrors(ApplicationContentSchema, contentInput(form))
  form.comparison.forEach((row, i) => {
    if (Object.values(row.own).some((v) => v.trim() && !NUMBER.test(v.trim()))) errors[`comparison.${i}.own`] = '请填写数字'
    for (const side of ['competitor', 'benchmark'] as const) {
      if (row[side].value.trim() && !NUMBER.test(row[side].value.trim())) errors[`comparison.${i}.${side}.value`] = '请填写数字'
    }
  })
  return errors
}

/** The errors that belong to one step. */
export function stepErrors(errors: Readonly<Record<string, string>>, step: StepKey): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfPath(path) === step))
}
