import { applicationMachine, SUPPLEMENT_SECTIONS, type ApplicationDraft, type FieldError, type SupplementSection } from '@zlbg/shared'
import { claimAttachments } from '../../attachments'
import { AppError, ruleFailed, stateConflict } from '../../http/errors'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { assertAllowed } from '../../workflow/transition'

/** The sections of the content a supplement request can reopen here; 'profile.*' ones are edited on the profile. */
type ContentSection = Exclude<SupplementSection, `profile.${string}`>
const CONTENT_SECTIONS = SUPPLEMENT_SECTIONS.filter((s): s is ContentSection => !s.startsWith('profile.'))

/** The draft fields each section covers: the free-text methods go with the chosen ones. */
const SECTION_FIELDS: Record<ContentSection, readonly (keyof ApplicationDraft)[]> = {
  title: ['title'],
  summary: ['summary'],
  methods: ['methods', 'methodsOther'],
  criteria: ['criteria'],
  comparison: ['comparison'],
  practice: ['practice'],
  attachments: ['attachments'],
}

/** A comparable form of a value: keys sorted, absent and undefined alike, so key order never counts as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  ) ?? 'null'
}

const sectionValue = (content: ApplicationDraft, section: ContentSection) =>
  canonical(
    Object.fromEntries(
      SECTION_FIELDS[section].map((f) => [f, f === 'attachments' ? (content.attachments ?? []) : content[f]]),
    ),
  )

/** 第十五条: while a supplement is requested, the sections outside the request stay as reviewed. */
export function sectionsOutsideRequest(current: ApplicationDraft, next: ApplicationDraft, requested: readonly SupplementSection[]): FieldError[] {
  return CONTENT_SECTIONS.filter((s) => !requested.includes(s) && sectionValue(current, s) !== sectionValue(next, s)).map((s) => ({
    path: `body.${s}`,
    message: '该部分不在补正范围内',
  }))
}

/**
 * Saves the applicant's draft: the whole content is replaced by what the form sends (autosave, so
 * no work is lost when the mini-program is closed). A draft takes any change; an application whose
 * supplement was requested (补正, 第十五条) takes changes only in the requested sections and only
 * until the deadline. Anything else is 409 with the current state.
 *
 * Autosaves are not audited: the form saves every few seconds and the log would drown in them; the
 * steps that matter (create, submit, resubmit, withdraw) are.
 */
export async function applicationDraftSaver({
  models,
  actor,
  doc,
  content,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  doc: ApplicationRecord
  content: ApplicationDraft
  now?: Date
}): Promise<ApplicationRecord> {
  const id = doc._id
  // Whether the content may change at all is the machine's (`edit`); a supplement request narrows it.
  await assertAllowed(models, applicationMachine, doc.state, 'edit', actor, doc.callId.toHexString())
  let precondition: Record<string, unknown> = { state: doc.state }
  // An open supplement request (补正, 第十五条) is the one thing besides a draft that reopens the content.
  if (doc.supplement) {
    if (now > doc.supplement.deadline) throw new AppError('SUPPLEMENT_OVERDUE')
    const outside = sectionsOutsideRequest(doc.content ?? {}, content, doc.supplement.sections)
    if (outside.length) throw ruleFailed(outside)
    // The request is part of the precondition: a reviewer's newer request (other sections) is not bypassed.
    precondition = { state: doc.state, 'supplement.requestedAt': doc.supplement.requestedAt, 'supplement.deadline': { $gte: now } }
  }

  await claimAttachments(models, actor, content.attachments ?? [], { type: 'application', id }, (i) => `attachments.${i}.attachmentId`)

  // Last write wins between two open forms of the same draft (each autosave is the person's latest
  // text); the state is the precondition, so nothing is written once it was submitted or decided.
  const saved = await models.Application.findOneAndUpdate({ _id: id, ...precondition }, { $set: { content } }, { new: true }).lean<ApplicationRecord>()
  if (saved) return saved
  const current = await models.Application.findById(id, { state: 1, supplement: 1 }).lean<ApplicationRecord>()
  if (!current) throw new AppError('APPLICATION_NOT_FOUND')
  if (current.state === 'supplement_requested' && current.supplement && now > current.supplement.deadline) throw new AppError('SUPPLEMENT_OVERDUE')
  throw stateConflict(current.state)
}
