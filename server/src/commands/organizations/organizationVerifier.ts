import mongoose from 'mongoose'
import type { VerificationDecision, VerificationState } from '@zlbg/shared'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { OrganizationRecord } from '../../models/organization'
import { outboxItems } from '../../outbox/enqueue'
import { auditEffect, outboxEffects, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'

/** What the losing claimants of a code read: the code is someone else's, without naming them. */
export const CLAIM_LOST_REASON = '该统一社会信用代码经办公室核验属于另一组织。如认为有误，请联系质量标杆工作办公室'

/**
 * The office's verification of an organization (第八条(一), issue 12 item 3): its credit code checked
 * against the business licence scan. One conditional update carries the decision, its audit record
 * and the members' notices (outbox/relay.ts), so two staff deciding at once cannot both win.
 * Verifying one organization makes the code its own and refuses every other claim of that code,
 * telling those organizations why.
 */
export async function organizationVerifier({
  models,
  actor,
  id,
  decision,
  logger,
}: {
  models: Models
  actor: Actor
  id: string
  decision: VerificationDecision
  logger: Logger
}): Promise<OrganizationRecord> {
  const { Organization, CreditCodeClaim } = models
  const org = await Organization.findById(id).lean()
  if (!org) throw new AppError('ORGANIZATION_NOT_FOUND')
  const code = org.profile?.creditCode
  const from: VerificationState = org.verification?.state ?? 'unverified'
  const to: VerificationState = decision.decision === 'verify' ? 'verified' : 'rejected'
  if (decision.decision === 'verify' && (!code || !org.profile?.businessLicenceScan)) throw new AppError('LICENCE_MISSING')
  if (from === to) throw stateConflict(from)

  const now = new Date()
  const decisionId = new mongoose.Types.ObjectId().toHexString()
  const cause = { type: 'organization', id }
  const content =
    to === 'verified'
      ? { title: '组织已通过核验', body: `「${org.name}」的统一社会信用代码已通过办公室核验，可以提交申报。` }
      : { title: '组织核验未通过', body: `「${org.name}」未通过核验：${decision.reason}。请核对统一社会信用代码与营业执照扫描件后重新保存组织信息。` }
  const notices = org.members.flatMap((m) =>
    outboxItems(
      { recipientUserId: m.userId, kind: `organization.verification.${to}`, content: { ...content, link: '/subpackages/org/profile/index' } },
      `organization:${id}:${decisionId}:verification`,
      cause,
    ),
  )
  const effects = [
    ...outboxEffects(notices, now),
    auditEffect(
      `verification:${decisionId}`,
      actor,
      {
        action: to === 'verified' ? 'organization.verify' : 'organization.rejectVerification',
        resource: cause,
        from,
        to,
        ...(decision.reason ? { reason: decision.reason } : {}),
        at: now,
      },
      now,
    ),
  ]
  const decided = await Organization.findOneAndUpdate(
    // Judged on the profile the office saw: a save in between (a new code or scan) makes this a conflict.
    { _id: id, updatedAt: org.updatedAt },
    {
      $set: {
        verification: {
          state: to,
          ...(decision.reason ? { reason: decision.reason } : {}),
          decidedAt: now,
          ...(actor.userId ? { decidedBy: new mongoose.Types.ObjectId(actor.userId) } : {}),
        },
      },
      $push: { pendingEffects: { $each: effects } },
    },
    { new: true },
  ).lean()
  if (!decided) {
    const current = await Organization.findById(id, { verification: 1 }).lean()
    if (!current) throw new AppError('ORGANIZATION_NOT_FOUND')
    throw stateConflict(current.verification?.state ?? 'unverified')
  }
  try {
    await relayPendingEffects(models, Organization, id)
  } catch (err) {
    // The decision stands; the outbox.relay job writes what was not relayed.
    logger.warn({ err, organizationId: id }, 'relay after a verification failed')
  }

  if (to === 'verified') {
    await CreditCodeClaim.updateOne({ _id: code }, { $set: { organizationId: org._id } }, { upsert: true })
    const rivals = await Organization.find(
      { _id: { $ne: org._id }, 'profile.creditCode': code, 'verification.state': { $ne: 'rejected' } },
      { _id: 1 },
    ).lean()
    for (const rival of rivals) {
      try {
        await organizationVerifier({ models, actor, id: rival._id.toHexString(), decision: { decision: 'reject', reason: CLAIM_LOST_REASON }, logger })
      } catch (err) {
        // A rival that changed its profile meanwhile is judged again on its new claim.
        if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
      }
    }
  }
  return decided
}
