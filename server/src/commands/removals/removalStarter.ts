import mongoose from 'mongoose'
import { PAGES, REMOVAL_REASON_LABELS, type RemovalStartSchema } from '@zlbg/shared'
import type { z } from 'zod'
import { claimAttachments, releaseAttachments } from '../../attachments'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError, ruleFailed } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ListedExperienceRecord, RemovalRecord } from '../../models/listing'
import type { Notice } from '../../outbox/enqueue'
import type { Actor } from '../../policies'
import { applyCreate } from '../../workflow/transition'
import { signatureOf } from './signature'

const oid = (id: string | mongoose.Types.ObjectId) => new mongoose.Types.ObjectId(String(id))

/**
 * The call whose committee decides (第二十一条 with 第十一条): an experience published here has its
 * own call; one imported from an earlier year has none, so the office names a call with a committee.
 */
async function decidingCall(models: Models, experience: ListedExperienceRecord, named: string | undefined) {
  if (experience.callId && named && named !== experience.callId.toHexString()) {
    throw ruleFailed([{ path: 'callId', message: '本系统公布的典型经验由其所属征集的评审委员会确认，不能另选征集' }])
  }
  const callId = experience.callId ?? (named ? oid(named) : undefined)
  if (!callId) throw new AppError('REMOVAL_CALL_REQUIRED', { fields: [{ path: 'callId', message: '请选择由哪一征集的评审委员会确认' }] })
  const committee = await models.Committee.findOne({ callId }, { chairId: 1, viceChairIds: 1 }).lean()
  if (!committee) throw new AppError('REMOVAL_CALL_INVALID', { fields: [{ path: 'callId', message: '所选征集尚未组建评审委员会' }] })
  return { callId, committee }
}

/**
 * The office starts a removal (第二十一条): the experience must still be listed and have no open
 * removal (the unique `slot` makes two concurrent starts meet at the index). The evidence is the
 * office's own uploads, claimed by the removal. The chair and vice chairs of the deciding call are told.
 */
export async function removalStarter({
  models,
  actor,
  input,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  input: z.output<typeof RemovalStartSchema>
  now?: Date
  logger?: Logger
}): Promise<RemovalRecord> {
  const experience = mongoose.isValidObjectId(input.listedExperienceId)
    ? await models.ListedExperience.findById(input.listedExperienceId).lean<ListedExperienceRecord>()
    : null
  if (!experience) throw new AppError('REMOVAL_TARGET_NOT_FOUND')
  if (experience.state !== 'listed') throw new AppError('REMOVAL_TARGET_REMOVED')
  const { callId, committee } = await decidingCall(models, experience, input.callId)
  if (await models.Removal.exists({ listedExperienceId: experience._id, slot: 'open' })) throw new AppError('REMOVAL_OPEN')

  const _id = new mongoose.Types.ObjectId()
  await claimAttachments(models, actor, input.evidenceIds.map((attachmentId) => ({ attachmentId })), { type: 'removal', id: _id }, (i) => `evidenceIds.${i}`)
  const presiding = await models.Expert.find({ _id: { $in: [committee.chairId, ...committee.viceChairIds] }, userId: { $exists: true } }, { userId: 1 }).lean()
  const notices: Notice[] = presiding.map((e) => ({
    recipientUserId: e.userId!,
    kind: 'removal.toConfirm',
    content: {
      title: experience.title,
      body: `质量标杆工作办公室提出将${experience.organizationName}的典型经验《${experience.title}》（${experience.year}年）移出名单，事由：${REMOVAL_REASON_LABELS[input.reasonType]}（第二十一条），请主任委员或副主任委员确认。`,
      link: `${PAGES.expertRemoval}?id=${_id.toHexString()}`,
      status: '待确认',
    },
  }))
  try {
    return await applyCreate<RemovalRecord>({
      models,
      model: models.Removal,
      actor,
      now,
      resourceType: 'removal',
      to: 'proposed',
      notices,
      ...(logger ? { logger } : {}),
      doc: {
        _id,
        listedExperienceId: experience._id,
        callId,
        reasonType: input.reasonType,
        facts: input.facts,
        evidenceIds: input.evidenceIds.map(oid),
        state: 'proposed',
        slot: 'open',
        proposal: signatureOf(actor, now),
        history: [{ state: 'proposed', at: now }],
      },
    })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    // Another start for the same experience won the race: its files stay the office's to use again.
    await releaseAttachments(models, { type: 'removal', id: _id })
    throw new AppError('REMOVAL_OPEN')
  }
}
