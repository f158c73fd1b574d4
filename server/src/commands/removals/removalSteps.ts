import { PAGES, REMOVAL_REASON_LABELS, type AnnouncementEditInput, type RemovalDecision, type RemovalEvent, type RemovalState } from '@zlbg/shared'
import { publicChange } from '../../db/publicVersion'
import { notify } from '../../outbox/enqueue'
import { AppError, stateConflict } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ListedExperienceRecord, RemovalRecord } from '../../models/listing'
import type { Actor } from '../../policies'
import { applicationTransition } from '../../workflow/application'
import { removalAction, removalTransition } from '../../workflow/removal'
import { stepArgs, type EffectBuilder, type Step } from '../../workflow/transition'
import { applicationDetailLink } from '../applications/applicationSubmitter'
import { refreshListedOrganization } from '../listing/listedRecords'
import { draftAnnouncement, nextAnnouncementNumber } from './announcementDraft'
import { signatureOf } from './signature'

const listing = (models: Models) => models.Removal.db

/** Declined or withdrawn: the end, signed with the reason, and the experience free for another removal later. */
function endWith(step: Step & { event: 'decline' | 'withdraw'; reason: string }) {
  const now = step.now ?? new Date()
  return removalTransition({
    ...stepArgs(step),
    now,
    event: step.event,
    reason: step.reason,
    set: { ending: signatureOf(step.actor, now, step.reason), slot: `ended:${step.id}` },
  })
}

/**
 * The chair or a vice chair of the deciding call confirms the removal, or declines it with reasons
 * (第二十一条). Confirmed, the approvers are told it waits for them (in-app, once per confirmation; a
 * hint only — their list shows it whether or not the notice was queued).
 */
export async function removalChairDecider(step: Step & { decision: RemovalDecision; reason?: string }): Promise<RemovalRecord> {
  if (step.decision === 'decline') return (await endWith({ ...step, event: 'decline', reason: step.reason ?? '' })).doc
  const now = step.now ?? new Date()
  const done = await removalTransition({ ...stepArgs(step), now, event: 'confirmByChair', set: { chairConfirmation: signatureOf(step.actor, now, step.reason) } })
  const experience = await step.models.ListedExperience.findById(done.doc.listedExperienceId, { organizationName: 1, title: 1, year: 1 }).lean()
  const approvers = await step.models.User.find({ roles: 'approver', disabled: { $ne: true } }, { _id: 1 }).lean()
  await notify(
    step.models,
    approvers.map((u) => ({
      recipientUserId: u._id,
      kind: 'removal.toApprove',
      content: {
        title: experience?.title ?? '移出名单',
        body: `评审委员会已确认将${experience?.organizationName ?? ''}的典型经验《${experience?.title ?? ''}》（${experience?.year ?? ''}年）移出名单（第二十一条），请审批人确认。`,
        link: `${PAGES.approverRemoval}?id=${step.id}`,
        status: '待确认',
      },
    })),
    { keyPrefix: `removal:${step.id}:${done.transitionId}:toApprove`, cause: { type: 'removal', id: step.id }, now },
  )
  return done.doc
}

/** The office withdraws a removal not yet confirmed by the approver, with the reason. */
export async function removalWithdrawer(step: Step & { reason: string }): Promise<RemovalRecord> {
  return (await endWith({ ...step, event: 'withdraw' })).doc
}

/** The organization's members hear of the removal (the `notifyOrganization` effect of the approver's confirmation). */
const notifyOrganization =
  (models: Models, experience: ListedExperienceRecord): EffectBuilder<RemovalState, RemovalEvent, RemovalRecord> =>
  async ({ doc }) => {
    if (!experience.organizationId) return []
    const org = await models.Organization.findById(experience.organizationId, { members: 1 }).lean()
    return (org?.members ?? []).map((m) => ({
      recipientUserId: m.userId,
      kind: 'listing.removed',
      template: 'application_progress' as const,
      content: {
        title: experience.title,
        body: `您单位的质量标杆典型经验《${experience.title}》（${experience.year}年）经评审委员会确认、中国质量协会批准，依据《质量标杆典型经验征集管理办法》第二十一条（${REMOVAL_REASON_LABELS[doc.reasonType]}）移出名单。移除公告将在小程序「名单」页发布。`,
        link: experience.applicationId ? applicationDetailLink(experience.applicationId.toHexString()) : PAGES.announcements,
        status: '已移除',
        note: '如有疑问请联系质量标杆工作办公室',
      },
    }))
  }

/**
 * What the approver's confirmation changes besides the removal itself, each idempotent so a retry (or
 * the announcement's publication) completes a confirmation cut short: the application, if the entry
 * came from one, takes its `remove` step (the approver's, with the ground and facts as the reason —
 * the organization was told by the removal's own notice); the listed experience is marked `removed`
 * with the removal, and its listed organization recounted (the account's listed status follows).
 */
async function completeRemoval(models: Models, removal: RemovalRecord, { logger }: { logger?: Logger }): Promise<void> {
  const signed = removal.approverConfirmation!
  const at = signed.at
  // The application's step is the approver's decision as signed, also when the office's publication completes it.
  const approver: Actor = { userId: signed.by.toHexString(), displayName: signed.name, roles: ['approver'], organizationIds: [] }
  const experience = await models.ListedExperience.findById(removal.listedExperienceId).lean<ListedExperienceRecord>()
  if (!experience) throw new AppError('REMOVAL_TARGET_NOT_FOUND')
  if (experience.applicationId && (await models.Application.exists({ _id: experience.applicationId, state: 'published' }))) {
    const facts = removal.facts.length > 200 ? `${removal.facts.slice(0, 200)}…` : removal.facts
    try {
      await applicationTransition({
        models,
        id: experience.applicationId,
        event: 'remove',
        actor: approver,
        reason: `第二十一条 ${REMOVAL_REASON_LABELS[removal.reasonType]}：${facts}`,
        now: at,
        // The members were told by the removal's notifyOrganization, once for both records.
        effects: { notifyApplicant: () => [] },
        ...(logger ? { logger } : {}),
      })
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === 'removed')) throw err
    }
  }
  await publicChange(
    listing(models),
    'listing',
    async () => {
      await models.ListedExperience.updateOne(
        { _id: experience._id, state: 'listed' },
        { $set: { state: 'removed', removal: { removalId: removal._id, reasonType: removal.reasonType, at } } },
      )
      await refreshListedOrganization(models, experience.listedOrganizationId)
    },
    logger ? { logger } : {},
  )
}

const DONE: readonly RemovalState[] = ['confirmed', 'announced']

/**
 * The CAQ approver confirms the removal or declines it with reasons (第二十一条). Confirming moves the
 * removal (signed, the announcement drafted from the template with the year's next number, the
 * organization notified), then completes the application and the list (completeRemoval). A repeated
 * confirmation of a removal already confirmed completes what a first attempt left; nothing is deleted.
 */
export async function removalApproverDecider(step: Step & { decision: RemovalDecision; reason?: string }): Promise<RemovalRecord> {
  if (step.decision === 'decline') return (await endWith({ ...step, event: 'decline', reason: step.reason ?? '' })).doc
  const { models, id } = step
  const now = step.now ?? new Date()
  const current = await models.Removal.findById(id, { pendingEffects: 0 }).lean<RemovalRecord>()
  if (!current) throw new AppError('REMOVAL_NOT_FOUND')
  let doc = current
  if (!DONE.includes(current.state)) {
    // Checked before a number is drawn, so a refused step leaves no gap in the year's numbering.
    if (current.state !== 'chair_confirmed') throw stateConflict(current.state)
    // Three people confirm a removal (第二十一条): an account holding two roles does not confirm twice.
    const signers = [current.proposal.by, current.chairConfirmation?.by].filter(Boolean).map(String)
    if (step.actor.userId && signers.includes(step.actor.userId)) throw new AppError('REMOVAL_SAME_SIGNER')
    const experience = await models.ListedExperience.findById(current.listedExperienceId).lean<ListedExperienceRecord>()
    if (!experience) throw new AppError('REMOVAL_TARGET_NOT_FOUND')
    const announcement = draftAnnouncement(experience, current.reasonType, { number: await nextAnnouncementNumber(models, now), now })
    try {
      doc = (
        await removalTransition({
          ...stepArgs(step),
          now,
          event: 'confirmByApprover',
          set: { approverConfirmation: signatureOf(step.actor, now, step.reason), announcement },
          effects: { notifyOrganization: notifyOrganization(models, experience) },
        })
      ).doc
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && DONE.includes(err.currentState as RemovalState))) throw err
      doc = (await models.Removal.findById(id, { pendingEffects: 0 }).lean<RemovalRecord>())!
    }
  }
  await completeRemoval(models, doc, step.logger ? { logger: step.logger } : {})
  return doc
}

/** The office reviews the drafted announcement before publishing it (an audited edit; only while unpublished). */
export async function announcementEditor(step: Step & { input: AnnouncementEditInput }): Promise<RemovalRecord> {
  const now = step.now ?? new Date()
  return removalAction({
    ...stepArgs(step),
    now,
    action: 'editAnnouncement',
    set: { 'announcement.title': step.input.title, 'announcement.body': step.input.body, 'announcement.edited': signatureOf(step.actor, now) },
  })
}

/**
 * The office publishes the announcement (第二十一条 发布公告): public in the mini-program, the H5 site
 * and the feed, and the listed experience links it. A retry after a cut-short publication completes it.
 */
export async function announcementPublisher(step: Step): Promise<RemovalRecord> {
  const { models, id } = step
  const now = step.now ?? new Date()
  const current = await models.Removal.findById(id, { pendingEffects: 0 }).lean<RemovalRecord>()
  if (!current) throw new AppError('REMOVAL_NOT_FOUND')
  if (current.state !== 'confirmed' && current.state !== 'announced') throw stateConflict(current.state)
  // A confirmation cut short is finished first: the entry is marked removed before its announcement is public.
  await completeRemoval(models, current, step.logger ? { logger: step.logger } : {})
  return publicChange(
    listing(models),
    'listing',
    async () => {
      let doc = current
      if (current.state === 'confirmed') {
        try {
          doc = (await removalTransition({ ...stepArgs(step), now, event: 'publishAnnouncement', set: { 'announcement.published': signatureOf(step.actor, now) } })).doc
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === 'announced')) throw err
          doc = (await models.Removal.findById(id, { pendingEffects: 0 }).lean<RemovalRecord>())!
        }
      }
      await models.ListedExperience.updateOne(
        { _id: doc.listedExperienceId, 'removal.removalId': doc._id, 'removal.announcementPublishedAt': { $exists: false } },
        { $set: { 'removal.announcementPublishedAt': doc.announcement!.published!.at } },
      )
      return doc
    },
    step.logger ? { logger: step.logger } : {},
  )
}
