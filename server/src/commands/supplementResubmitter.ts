import mongoose from 'mongoose'
import {
  applicationMachine,
  ApplicationContentSchema,
  fieldErrors,
  OrganizationProfileSchema,
  PROFILE_SECTION_FIELDS,
  runPrecheck,
  type ApplicationEvent,
  type ApplicationState,
  type FieldError,
  type OrganizationProfile,
  type SupplementSection,
} from '@zlbg/shared'
import { AppError, stateConflict, validationFailed } from '../http/errors'
import type { Logger } from '../logger'
import type { Models } from '../models'
import type { ApplicationRecord } from '../models/application'
import type { Actor } from '../policies'
import { applyTransition } from '../workflow/transition'

type ProfileSection = keyof typeof PROFILE_SECTION_FIELDS
const isProfileSection = (s: SupplementSection): s is ProfileSection => s in PROFILE_SECTION_FIELDS

/**
 * The snapshot as resubmitted: the requested profile parts taken from the organization's current
 * profile (the applicant corrects them there), every other part kept as it was reviewed.
 */
export function resubmittedSnapshot(
  snapshot: Partial<OrganizationProfile> | undefined,
  current: Partial<OrganizationProfile> | undefined,
  sections: readonly SupplementSection[],
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...snapshot }
  for (const section of sections.filter(isProfileSection)) {
    for (const field of PROFILE_SECTION_FIELDS[section]) {
      if (current?.[field] === undefined) delete next[field]
      else next[field] = current[field]
    }
  }
  return next
}

/**
 * 第十五条: the organization answers a supplement request before its deadline. The content must be
 * complete again (the sections outside the request could not change: the draft saver kept them), the
 * requested profile parts are copied into the snapshot, the pre-check reruns on today's date, and the
 * application goes back to the reviewer's queue.
 */
export async function supplementResubmitter({
  models,
  actor,
  doc,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  doc: ApplicationRecord
  logger?: Logger
  now?: Date
}): Promise<ApplicationRecord> {
  if (doc.state === 'supplement_overdue') throw new AppError('SUPPLEMENT_OVERDUE')
  if (doc.state !== 'supplement_requested' || !doc.supplement) throw stateConflict(doc.state)
  if (now > doc.supplement.deadline) throw new AppError('SUPPLEMENT_OVERDUE')

  const [call, org] = await Promise.all([
    models.Call.findById(doc.callId, { year: 1, sectors: 1, qualityMethods: 1 }).lean(),
    models.Organization.findById(doc.organizationId, { profile: 1 }).lean(),
  ])
  if (!call) throw new AppError('CALL_NOT_FOUND')

  const content = ApplicationContentSchema.safeParse(doc.content ?? {})
  const fields: FieldError[] = content.success ? [] : fieldErrors(content.error).map((f) => ({ ...f, path: f.path ? `content.${f.path}` : 'content' }))
  const offered = new Set(call.qualityMethods)
  ;(doc.content?.methods ?? []).forEach((m, i) => {
    if (!offered.has(m)) fields.push({ path: `content.methods.${i}`, message: `「${m}」不在本次征集的质量管理方法列表中，请改选或填写在“其他方法”中` })
  })
  if (fields.length) throw validationFailed(fields)
  const refs = content.data!.attachments
  if (refs.length) {
    const owned = await models.Attachment.find(
      { _id: { $in: refs.map((r) => new mongoose.Types.ObjectId(r.attachmentId)) }, 'owner.type': 'application', 'owner.id': doc._id },
      { _id: 1 },
    ).lean()
    const have = new Set(owned.map((a) => a._id.toHexString()))
    const missing = refs.findIndex((r) => !have.has(r.attachmentId))
    if (missing >= 0) {
      throw new AppError('ATTACHMENT_NOT_FOUND', { fields: [{ path: `content.attachments.${missing}.attachmentId`, message: '附件不存在或已失效，请重新上传' }] })
    }
  }

  const snapshot = OrganizationProfileSchema.safeParse(resubmittedSnapshot(doc.profileSnapshot, org?.profile, doc.supplement.sections))
  if (!snapshot.success) {
    throw new AppError('PROFILE_INCOMPLETE', {
      fields: fieldErrors(snapshot.error).map((f) => ({ ...f, path: f.path ? `profile.${f.path}` : 'profile' })),
    })
  }
  const profile = snapshot.data

  const done = await applyTransition<ApplicationState, ApplicationEvent, ApplicationRecord>({
    models,
    model: models.Application,
    id: doc._id,
    machine: applicationMachine,
    event: 'resubmitSupplement',
    actor,
    notFound: 'APPLICATION_NOT_FOUND',
    set: {
      content: content.data,
      profileSnapshot: profile,
      sector: profile.sector,
      provinceCode: profile.region.provinceCode,
      precheck: runPrecheck({ profile, callYear: call.year, callSectors: call.sectors, now }),
    },
    unset: ['supplement'],
    push: { history: { state: 'qualification_review', at: now } },
    ...(logger ? { logger } : {}),
    now,
  })
  return done.doc
}
