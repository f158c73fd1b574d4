import {
  applicationWindow,
  CallInputSchema,
  fieldErrors,
  FREE_OF_CHARGE_STATEMENT,
  type AttachedFile,
  type CallDetail,
  type CallInput,
  type CallSummary,
  type Contact,
  type FieldError,
  type Milestone,
  type OfficeCall,
} from '@zlbg/shared'
import type { CallRecord } from '../../models/call'

const iso = (d: Date) => d.toISOString()

function milestones(doc: CallRecord): Milestone[] {
  return doc.schedule.map((m) => ({
    kind: m.kind,
    startsAt: iso(m.startsAt),
    ...(m.endsAt ? { endsAt: iso(m.endsAt) } : {}),
    ...(m.note ? { note: m.note } : {}),
  }))
}

/** A draft saved without a contact may hold an empty `contact` object: that is no contact. */
function contactOf(doc: CallRecord): Contact | undefined {
  const c = doc.contact
  if (!c || typeof c.department !== 'string') return undefined
  return {
    department: c.department,
    ...(c.person ? { person: c.person } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.address ? { address: c.address } : {}),
  }
}

/** The stored call in the shape of the office's form (CallInputSchema's input): what publishing checks. */
export function callInputOf(doc: CallRecord): Partial<CallInput> & Pick<CallInput, 'year' | 'title'> {
  const contact = contactOf(doc)
  return {
    year: doc.year,
    title: doc.title,
    ...(doc.body !== undefined ? { body: doc.body } : {}),
    keyFields: doc.keyFields.map((k) => ({ title: k.title, description: k.description ?? '' })),
    sectors: [...doc.sectors],
    schedule: milestones(doc),
    ...(contact ? { contact } : {}),
    maxApplicationsPerOrganization: doc.maxApplicationsPerOrganization,
    qualityMethods: [...doc.qualityMethods],
    templates: doc.templates.map((t) => ({ attachmentId: t.attachmentId.toHexString(), title: t.title })),
  }
}

/** Zod's generic "expected string, received undefined" says nothing to the office: name what to fill in. */
const REQUIRED_TO_PUBLISH: Partial<Record<keyof CallInput, string>> = {
  body: '请填写通知正文',
  keyFields: '请至少填写一项重点领域和方向',
  sectors: '请至少选择一个征集领域',
  schedule: '请填写活动日程',
  contact: '请填写联系方式',
  qualityMethods: '请至少填写一种质量管理方法',
}

const isEmpty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0)

/**
 * What a call still lacks before it can be published (第五条): every problem CallInputSchema finds,
 * with paths as in the form. Empty for a complete call. The publish route answers exactly these.
 */
export function problemsBeforePublishing(input: Record<string, unknown>): FieldError[] {
  const result = CallInputSchema.safeParse(input)
  if (result.success) return []
  return fieldErrors(result.error).map((f) => {
    const required = REQUIRED_TO_PUBLISH[f.path as keyof CallInput]
    return required && isEmpty(input[f.path]) ? { path: f.path, message: required } : f
  })
}

export function presentCallSummary(doc: CallRecord): CallSummary {
  return {
    id: doc._id.toHexString(),
    year: doc.year,
    title: doc.title,
    sectors: doc.sectors,
    state: doc.state,
    applicationWindow: applicationWindow(milestones(doc)),
    publishedAt: iso(doc.publishedAt!),
  }
}

const correctionsOf = (doc: CallRecord) => doc.corrections.map((c) => ({ at: iso(c.at), summary: c.summary }))

/** The public view of a published or closed call; `templates` from attachedFiles(call.templates). */
export function presentCallDetail(doc: CallRecord, templates: AttachedFile[]): CallDetail {
  const schedule = milestones(doc)
  return {
    id: doc._id.toHexString(),
    year: doc.year,
    title: doc.title,
    body: doc.body ?? '',
    keyFields: doc.keyFields.map((k) => ({ title: k.title, description: k.description ?? '' })),
    sectors: doc.sectors,
    schedule,
    // Publishing required a contact (CallInputSchema), and only published or closed calls come here.
    contact: contactOf(doc)!,
    state: doc.state,
    applicationWindow: applicationWindow(schedule),
    maxApplicationsPerOrganization: doc.maxApplicationsPerOrganization,
    qualityMethods: doc.qualityMethods,
    templates,
    corrections: correctionsOf(doc),
    freeOfChargeStatement: FREE_OF_CHARGE_STATEMENT,
    publishedAt: iso(doc.publishedAt!),
    updatedAt: iso(doc.updatedAt),
  }
}

/** The office's view of any call, drafts included, with what publishing still needs. */
export function presentOfficeCall(doc: CallRecord, { templates, applicationCount }: { templates: AttachedFile[]; applicationCount: number }): OfficeCall {
  const input = callInputOf(doc)
  const schedule = input.schedule as Milestone[]
  const hasWindow = schedule.some((m) => m.kind === 'application' && m.endsAt)
  return {
    id: doc._id.toHexString(),
    state: doc.state,
    year: doc.year,
    title: doc.title,
    ...(input.body !== undefined ? { body: input.body } : {}),
    keyFields: input.keyFields as OfficeCall['keyFields'],
    sectors: doc.sectors,
    schedule,
    ...(input.contact ? { contact: input.contact } : {}),
    maxApplicationsPerOrganization: doc.maxApplicationsPerOrganization,
    qualityMethods: doc.qualityMethods,
    templates,
    corrections: correctionsOf(doc),
    ...(hasWindow ? { applicationWindow: applicationWindow(schedule) } : {}),
    missing: problemsBeforePublishing(input),
    applicationCount,
    ...(doc.publishedAt ? { publishedAt: iso(doc.publishedAt) } : {}),
    ...(doc.closedAt ? { closedAt: iso(doc.closedAt) } : {}),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  }
}
