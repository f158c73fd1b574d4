import mongoose from 'mongoose'
import { formatDate, inShanghai, type ExplanationRequestInputSchema, type FindingsInputSchema, type ObjectionOutcome } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments } from '../../attachments'
import { publicChange } from '../../db/publicVersion'
import { AppError, ruleFailed, stateConflict } from '../../http/errors'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { ObjectionRecord } from '../../models/publicity'
import { notify } from '../../outbox/enqueue'
import { applicationTransition } from '../../workflow/application'
import { objectionAction, objectionTransition } from '../../workflow/objection'
import { stepArgs, type Step } from '../../workflow/transition'
import { applicationDetailLink } from '../applications/applicationSubmitter'
import { settleEntry } from '../publicity/entrySettlement'
import { notifyObjector } from './objectorNotices'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

/** The office starts (or, after findings, resumes) the investigation (第十八条 调查核实). */
export async function investigationStarter(step: Step & { reason?: string }): Promise<ObjectionRecord> {
  return (await objectionTransition({ ...stepArgs(step), event: 'startInvestigation', ...(step.reason ? { reason: step.reason } : {}), effects: { notifyObjector } })).doc
}

/** The office records its findings: what was verified, by whom, with which evidence (its own uploads). */
export async function findingsRecorder(step: Step & { input: z.output<typeof FindingsInputSchema> }): Promise<ObjectionRecord> {
  const { models, actor, id, input } = step
  const now = step.now ?? new Date()
  const current = await models.Objection.findById(id, { state: 1 }).lean()
  if (!current) throw new AppError('OBJECTION_NOT_FOUND')
  // Checked before any file is claimed, so a refused step claims nothing.
  if (current.state !== 'investigating') throw stateConflict(current.state)
  await claimAttachments(models, actor, input.evidenceIds.map((attachmentId) => ({ attachmentId })), { type: 'objection', id }, (i) => `evidenceIds.${i}`)
  const findings = { text: input.text, verifiedBy: input.verifiedBy, evidenceIds: input.evidenceIds.map(oid), recordedBy: oid(actor.userId!), at: now }
  return (await objectionTransition({ ...stepArgs(step), now, event: 'recordFindings', set: { findings } })).doc
}

const moderationPending = (path: string) => ruleFailed([{ path, message: '异议内容尚待办公室审核（微信未能判定），审核通过后才能提交评审委员会或引用给申报组织' }])

/** The office puts the objection to the committee (第十八条 报评审委员会审议): its text must have passed moderation — experts read it. */
export async function committeeSubmitter(step: Step & { reason?: string }): Promise<ObjectionRecord> {
  const current = await step.models.Objection.findById(step.id, { moderation: 1 }).lean()
  if (current?.moderation === 'pending') throw moderationPending('moderation')
  return (
    await objectionTransition({ ...stepArgs(step), event: 'submitToCommittee', where: { moderation: 'passed' }, ...(step.reason ? { reason: step.reason } : {}), effects: { notifyObjector } })
  ).doc
}

/** The office has read text WeChat could not judge and passes it (the queue organization names use too). */
export async function moderationPasser(step: Step): Promise<ObjectionRecord> {
  return objectionAction({ ...stepArgs(step), action: 'passModeration', where: { moderation: 'pending' }, set: { moderation: 'passed' } })
}

/** The office answers the objector once the decision is made; the reply is theirs to read. */
export async function objectionReplier(step: Step & { text: string }): Promise<ObjectionRecord> {
  const now = step.now ?? new Date()
  return (await objectionTransition({ ...stepArgs(step), now, event: 'reply', set: { reply: { text: step.text, sentBy: oid(step.actor.userId!), at: now } }, effects: { notifyObjector } })).doc
}

/**
 * The chair or a vice chair of the call decides, with reasons (第十八条). Upheld: the application is
 * withdrawn from publicity (its `upholdObjection` step, by the same signer, with the same reasons) and
 * its list entry is marked 'withdrawn' — kept on the list, marked, audited. Dismissed: if the window
 * has closed and no other objection to the entry is open, the entry passes now (settleEntry).
 *
 * Three writes without a transaction, ordered so a retry completes them: the objection's decision
 * first; a repeated decision with the same outcome on an objection already decided that way goes on
 * to the application and the entry, each of which is idempotent.
 */
export async function objectionDecider(step: Step & { outcome: ObjectionOutcome; reasons: string }): Promise<ObjectionRecord> {
  const { models, actor, id, outcome, reasons, logger } = step
  const now = step.now ?? new Date()
  let doc: ObjectionRecord
  try {
    const decision = { outcome, reasons, signedBy: oid(actor.userId!), signedByName: actor.displayName ?? '', at: now }
    doc = (await objectionTransition({ ...stepArgs(step), now, event: outcome === 'upheld' ? 'uphold' : 'dismiss', reason: reasons, set: { decision } })).doc
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === outcome)) throw err
    doc = (await models.Objection.findById(id, { pendingEffects: 0 }).lean<ObjectionRecord>())!
  }

  if (outcome === 'upheld') {
    try {
      await applicationTransition({ models, id: doc.applicationId, event: 'upholdObjection', actor, reason: reasons, now, effects: { notifyApplicant: withdrawnNotice(models) }, ...(logger ? { logger } : {}) })
    } catch (err) {
      // Withdrawn already (another objection to it upheld, or this decision retried).
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT' && err.currentState === 'objection_upheld')) throw err
    }
    await publicChange(
      models.Publicity.db,
      'publicity',
      () =>
        models.Publicity.updateOne(
          // The dotted condition first: the embedded engine resolves `$` from it, not from $elemMatch alone.
          { _id: doc.publicityId, 'entries._id': doc.entryId, entries: { $elemMatch: { _id: doc.entryId, status: 'listed' } } },
          { $set: { 'entries.$.status': 'withdrawn', 'entries.$.statusAt': now } },
        ),
      logger ? { logger } : {},
    )
  }
  // Either way the entry may be settled now: a dismissal may have removed its last open objection.
  await settleEntry(models, { publicityId: doc.publicityId, entryId: doc.entryId, now, ...(logger ? { logger } : {}) })
  return doc
}

/** The organization hears that its application was withdrawn from the list — never who objected or why in their words (第十三条). */
const withdrawnNotice =
  (models: Models) =>
  async ({ doc }: { doc: ApplicationRecord }) => {
    const org = await models.Organization.findById(doc.organizationId, { members: 1 }).lean()
    const title = doc.content.title?.trim() || '质量标杆典型经验申报'
    return (org?.members ?? []).map((m) => ({
      recipientUserId: m.userId,
      kind: 'application.objectionUpheld',
      template: 'application_progress' as const,
      content: {
        title,
        body: `您的申报《${title}》在公示期间经异议调查核实并由评审委员会审议，已撤出公示名单。`,
        link: applicationDetailLink(doc._id.toHexString()),
        status: '已撤销',
        note: '如有疑问请联系质量标杆工作办公室',
      },
    }))
  }

/**
 * The office asks the applicant to explain (the supplement mechanism, 第十八条): the request text, a
 * deadline, and — only when the office chooses — the grounds quoted. The applicant's members are told;
 * nothing names the objector.
 */
export async function explanationRequester(step: Step & { input: z.output<typeof ExplanationRequestInputSchema> }): Promise<ObjectionRecord> {
  const { models, actor, id, input } = step
  const now = step.now ?? new Date()
  if (input.deadline < inShanghai(now).format('YYYY-MM-DD')) throw ruleFailed([{ path: 'deadline', message: '说明期限不能早于今天' }])
  const current = await models.Objection.findById(id, { grounds: 1, moderation: 1 }).lean()
  if (!current) throw new AppError('OBJECTION_NOT_FOUND')
  if (input.quoteGrounds && current.moderation === 'pending') throw moderationPending('quoteGrounds')
  const request = {
    _id: new mongoose.Types.ObjectId(),
    text: input.text,
    ...(input.quoteGrounds ? { quotedGrounds: current.grounds } : {}),
    deadline: input.deadline,
    requestedBy: oid(actor.userId!),
    requestedAt: now,
  }
  const doc = await objectionAction({ ...stepArgs(step), now, action: 'requestExplanation', push: { explanations: request }, ...(input.quoteGrounds ? { where: { moderation: 'passed' } } : {}) })
  const app = await models.Application.findById(doc.applicationId, { organizationId: 1, content: 1 }).lean()
  const org = app && (await models.Organization.findById(app.organizationId, { members: 1 }).lean())
  const title = app?.content.title?.trim() || '质量标杆典型经验申报'
  await notify(
    models,
    (org?.members ?? []).map((m) => ({
      recipientUserId: m.userId,
      kind: 'application.explanationRequested',
      template: 'application_progress' as const,
      content: {
        title,
        body: `质量标杆工作办公室请您就申报《${title}》在公示期间的有关情况作出说明，请于 ${formatDate(`${input.deadline}T00:00:00+08:00`)} 前提交。说明要求：${input.text}`,
        link: applicationDetailLink(doc.applicationId.toHexString()),
        status: '请说明',
        note: '请在申报详情中提交情况说明',
      },
    })),
    { keyPrefix: `objection:${id}:explanation:${request._id.toHexString()}`, cause: { type: 'objection', id }, now },
  )
  return doc
}

/** The applicant answers one request once, with text and its own uploads. */
export async function explanationAnswerer(
  step: Step & { explanationId: string; text: string; attachmentIds: string[] },
): Promise<ObjectionRecord> {
  const { models, actor, id, explanationId } = step
  const now = step.now ?? new Date()
  // The dotted condition too: the embedded engine resolves `$` from it, not from $elemMatch alone.
  const open = { 'explanations._id': oid(explanationId), explanations: { $elemMatch: { _id: oid(explanationId), answer: { $exists: false } } } }
  if (!(await models.Objection.exists({ _id: id, ...open }))) throw new AppError('EXPLANATION_NOT_FOUND')
  await claimAttachments(models, actor, step.attachmentIds.map((attachmentId) => ({ attachmentId })), { type: 'objection', id }, (i) => `attachmentIds.${i}`)
  const answer = { text: step.text, attachmentIds: step.attachmentIds.map(oid), answeredBy: oid(actor.userId!), at: now }
  try {
    return await objectionAction({ ...stepArgs(step), now, action: 'answerExplanation', where: open, set: { 'explanations.$.answer': answer } })
  } catch (err) {
    // Answered meanwhile (the same state, the request no longer open).
    if (err instanceof AppError && err.code === 'STATE_CONFLICT' && !(await models.Objection.exists({ _id: id, ...open }))) throw new AppError('EXPLANATION_NOT_FOUND')
    throw err
  }
}
