import {
  applicationMachine,
  PROFILE_SECTION_FIELDS,
  runPrecheck,
  type OrganizationProfile,
  type SupplementSection,
} from '@zlbg/shared'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { Actor } from '../../policies'
import { checkAttachments, checkContent, checkProfile } from './applicationChecks'
import { applicationTransition } from '../../workflow/application'
import { scheduleSimilarityCheck } from '../similarity/similarityChecker'

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
  // Checked before the content, so a step the state does not take is 409 rather than a list of field errors.
  if (!applicationMachine.table[doc.state].resubmitSupplement || !doc.supplement) throw stateConflict(doc.state)
  if (now > doc.supplement.deadline) throw new AppError('SUPPLEMENT_OVERDUE')

  const [call, org] = await Promise.all([
    models.Call.findById(doc.callId, { year: 1, sectors: 1, qualityMethods: 1 }).lean(),
    models.Organization.findById(doc.organizationId, { profile: 1 }).lean(),
  ])
  if (!call) throw new AppError('CALL_NOT_FOUND')

  const content = checkContent(doc, call)
  await checkAttachments(models, doc, content.attachments)
  const profile = checkProfile(resubmittedSnapshot(doc.profileSnapshot, org?.profile, doc.supplement.sections))

  const done = await applicationTransition({
    models,
    id: doc._id,
    event: 'resubmitSupplement',
    actor,
    set: {
      content,
      profileSnapshot: profile,
      sector: profile.sector,
      provinceCode: profile.region.provinceCode,
      precheck: runPrecheck({ profile, callYear: call.year, callSectors: call.sectors, now }),
      // 第二十一条: the corrected narratives are checked again (queued with the step, see applicationSubmitter).
      similarityDueAt: now,
    },
    unset: ['supplement'],
    ...(logger ? { logger } : {}),
    now,
  })
  scheduleSimilarityCheck(models, done.doc._id, logger)
  return done.doc
}
