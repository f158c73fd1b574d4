import {
  applicationMachine,
  PAGES,
  formatDateTime,
  runPrecheck,
  type ApplicationEvent,
  type ApplicationState,
  type Receipt,
} from '@zlbg/shared'
import { nextInSequence } from '../../db/sequence'
import { AppError, ruleFailed } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { CallRecord } from '../../models/call'
import type { OrganizationRecord } from '../../models/organization'
import type { Notice } from '../../outbox/enqueue'
import type { Actor } from '../../policies'
import { applicationCloses } from '../../presenters/applications/application'
import { checkAttachments, checkContent, checkProfile } from './applicationChecks'
import { applicationTransition } from '../../workflow/application'
import { scheduleSimilarityCheck } from '../similarity/similarityChecker'
import type { EffectBuilder } from '../../workflow/transition'

/** The mini-program page an applicant's notice opens. */
export const applicationDetailLink = (id: string) => `${PAGES.orgApplicationDetail}?id=${id}`

const receiptOf = (doc: ApplicationRecord): Receipt => ({
  applicationId: doc._id.toHexString(),
  receiptNumber: doc.receiptNumber!,
  submittedAt: doc.submittedAt!.toISOString(),
  state: doc.state,
})

/** `ZLBG-<call year>-<6 digits>`: one counter per year, one atomic increment per number. */
export async function nextReceiptNumber(models: Models, year: number): Promise<string> {
  return `ZLBG-${year}-${String(await nextInSequence(models, `receipt:${year}`)).padStart(6, '0')}`
}

/** 第十四条: submissions are taken only inside the call's application window, judged here, in Beijing time. */
function assertWindowOpen(call: CallRecord, now: Date): void {
  const { opensAt, closesAt } = applicationCloses(call)
  if (call.state === 'closed') {
    throw new AppError('CALL_WINDOW_CLOSED', { message: `本轮征集已结束，申报已于 ${formatDateTime(call.closedAt ?? closesAt)}（北京时间）截止` })
  }
  if (call.state !== 'published') throw new AppError('CALL_WINDOW_CLOSED')
  if (now < opensAt) throw new AppError('CALL_WINDOW_CLOSED', { message: `申报将于 ${formatDateTime(opensAt)}（北京时间）开始，请届时提交` })
  if (now > closesAt) throw new AppError('CALL_WINDOW_CLOSED', { message: `申报已于 ${formatDateTime(closesAt)}（北京时间）截止` })
}

/** The organization as it applies: a complete profile (第八条) and a name the office has not refused. */
function checkOrganization(org: OrganizationRecord) {
  const profile = checkProfile(org.profile)
  if (org.nameReview === 'rejected') {
    throw ruleFailed([{ path: 'organization.name', message: '组织名称未通过审核，请在“我的 → 组织”中修改名称后再提交' }])
  }
  // 第八条(一): who the organization is was checked by the office against its business licence (issue 12).
  if (org.verification?.state !== 'verified') throw new AppError('ORGANIZATION_UNVERIFIED')
  return profile
}

/**
 * Submits an application (第十四条). Idempotent: a retried tap, or the loser of two taps at once,
 * gets the receipt already issued. Every check runs before the one conditional update that makes
 * the step, so a refused submit leaves the draft exactly as it was.
 *
 * The receipt number is drawn before that update: if the update then loses a race, the number is
 * never used (a gap in the sequence, not a duplicate).
 */
export async function applicationSubmitter({
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
}): Promise<Receipt> {
  // Only a state the machine submits from; a repeated submit answers the receipt it already has.
  if (!applicationMachine.table[doc.state].submit) {
    if (doc.receiptNumber && doc.submittedAt) return receiptOf(doc)
    throw new AppError('STATE_CONFLICT', { currentState: doc.state })
  }
  const [call, org] = await Promise.all([models.Call.findById(doc.callId).lean(), models.Organization.findById(doc.organizationId).lean()])
  if (!call) throw new AppError('CALL_NOT_FOUND')
  if (!org) throw new AppError('ORGANIZATION_NOT_FOUND')

  assertWindowOpen(call, now)
  const content = checkContent(doc, call)
  await checkAttachments(models, doc, content.attachments)
  const profile = checkOrganization(org)

  const receiptNumber = await nextReceiptNumber(models, call.year)
  const id = doc._id.toHexString()
  const notifyApplicant: EffectBuilder<ApplicationState, ApplicationEvent, ApplicationRecord> = (): Notice[] =>
    org.members.map((m) => ({
      recipientUserId: m.userId,
      kind: 'application.submitted',
      template: 'application_progress',
      content: {
        title: content.title,
        body: `「${content.title}」已提交，受理编号 ${receiptNumber}。提交后不能修改；资格审查开始前可以撤回。`,
        status: '已提交',
        time: now,
        link: applicationDetailLink(id),
      },
    }))

  try {
    const done = await applicationTransition({
      models,
      id,
      event: 'submit',
      actor,
      effects: { notifyApplicant },
      // The content as checked above: an autosave landing meanwhile makes this a 409, never a
      // submission of text nobody checked.
      where: { updatedAt: doc.updatedAt },
      set: {
        content,
        receiptNumber,
        submittedAt: now,
        profileSnapshot: profile,
        organizationName: org.name,
        sector: profile.sector,
        provinceCode: profile.region.provinceCode,
        creditCode: profile.creditCode,
        // The automatic pre-check (第十五条 against 第八条, 第七条), judged on today's Beijing date.
        precheck: runPrecheck({ profile, callYear: call.year, callSectors: call.sectors, now }),
        // 第二十一条: the similarity check is queued with the submission itself, so it cannot be lost.
        similarityDueAt: now,
      },
      ...(logger ? { logger } : {}),
      now,
    })
    scheduleSimilarityCheck(models, id, logger)
    return receiptOf(done.doc)
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
    // Another request submitted it first: answer its receipt.
    const winner = await models.Application.findById(id).lean<ApplicationRecord>()
    if (winner && winner.state !== 'draft' && winner.receiptNumber && winner.submittedAt) return receiptOf(winner)
    throw err
  }
}
