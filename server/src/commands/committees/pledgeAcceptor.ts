import mongoose from 'mongoose'
import { recordAudit } from '../../audit/recorder'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { Actor } from '../../policies'

/**
 * An expert accepts the call's confidentiality and conflict pledge (第十三条), recorded with the time,
 * the address and the text's version. Accepting again is a no-op that answers the first acceptance.
 */
export async function pledgeAcceptor({ models, actor, committee, expertId, now = new Date() }: { models: Models; actor: Actor; committee: CommitteeRecord; expertId: string; now?: Date }): Promise<{ acceptedAt: Date; version: number }> {
  const key = { callId: committee.callId, expertId: new mongoose.Types.ObjectId(expertId), version: committee.pledgeVersion }
  const res = await models.Pledge.updateOne(
    key,
    { $setOnInsert: { ...key, userId: new mongoose.Types.ObjectId(actor.userId), acceptedAt: now, ...(actor.ip ? { ip: actor.ip } : {}) } },
    { upsert: true },
  )
  const doc = (await models.Pledge.findOne(key).lean())!
  if (res.upsertedCount) {
    await recordAudit(models, actor, { action: 'review.pledge', resource: { type: 'committee', id: committee.callId.toHexString() }, to: `承诺书第 ${committee.pledgeVersion} 版`, at: now })
  }
  return { acceptedAt: doc.acceptedAt, version: doc.version }
}

/** Whether the expert has accepted the pledge's current text. */
export async function hasPledged(models: Models, committee: Pick<CommitteeRecord, 'callId' | 'pledgeVersion'>, expertId: string): Promise<Date | undefined> {
  const doc = await models.Pledge.findOne({ callId: committee.callId, expertId: new mongoose.Types.ObjectId(expertId), version: committee.pledgeVersion }, { acceptedAt: 1 }).lean()
  return doc?.acceptedAt
}

/** 第十三条: the pledge gates all review work — 403 PLEDGE_REQUIRED until the caller accepted its current text. */
export async function requirePledge(models: Models, committee: Pick<CommitteeRecord, 'callId' | 'pledgeVersion'>, expertId: string | undefined): Promise<void> {
  if (!expertId || !(await hasPledged(models, committee, expertId))) throw new AppError('PLEDGE_REQUIRED')
}
