import mongoose from 'mongoose'
import type { ExpertInput } from '@zlbg/shared'
import { recordAudit } from '../../audit/recorder'
import { isDuplicateKey } from '../../db/duplicateKey'
import { AppError } from '../../http/errors'
import type { Models } from '../../models'
import type { ExpertRecord } from '../../models/expert'
import type { Actor } from '../../policies'

/** The stored form of a validated input (ExpertInputSchema's output). */
export function expertFields(input: ExpertInput) {
  return {
    name: input.name,
    title: input.title,
    employer: { name: input.employer.name, creditCode: input.employer.creditCode },
    formerEmployers: input.formerEmployers.map((f) => ({ name: f.name, creditCode: f.creditCode, endedOn: f.endedOn })),
    fields: [...new Set(input.fields)],
    sectors: [...new Set(input.sectors)],
    industries: [...new Set(input.industries)],
    competent: input.competent,
    phone: input.phone,
    active: input.active,
  }
}

/** A linked account must be an expert account not linked to another pool entry. */
async function checkAccount(models: Models, userId: string | undefined, self?: mongoose.Types.ObjectId): Promise<void> {
  if (!userId) return
  const user = await models.User.findById(userId, { roles: 1, disabled: 1 }).lean()
  if (!user || !user.roles.includes('expert')) throw new AppError('EXPERT_ACCOUNT_INVALID')
  const other = await models.Expert.findOne({ userId: user._id, ...(self ? { _id: { $ne: self } } : {}) }, { _id: 1 }).lean()
  if (other) throw new AppError('EXPERT_ACCOUNT_TAKEN')
}

/** Adds one expert to the pool (第九条); a phone already in the pool is 409. */
export async function expertCreator({ models, actor, input }: { models: Models; actor: Actor; input: ExpertInput }): Promise<ExpertRecord> {
  await checkAccount(models, input.userId)
  try {
    const doc = await models.Expert.create({
      ...expertFields(input),
      ...(input.email ? { email: input.email } : {}),
      ...(input.userId ? { userId: new mongoose.Types.ObjectId(input.userId) } : {}),
    })
    await recordAudit(models, actor, { action: 'expert.create', resource: { type: 'expert', id: doc._id.toHexString() } })
    return doc.toObject()
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('EXPERT_PHONE_TAKEN')
    throw err
  }
}

/** Replaces one expert's details; deactivating is `active: false` (kept for the record, never deleted). */
export async function expertUpdater({ models, actor, id, input }: { models: Models; actor: Actor; id: string; input: ExpertInput }): Promise<ExpertRecord> {
  const _id = new mongoose.Types.ObjectId(id)
  await checkAccount(models, input.userId, _id)
  try {
    const doc = await models.Expert.findOneAndUpdate(
      { _id },
      {
        $set: { ...expertFields(input), ...(input.email ? { email: input.email } : {}), ...(input.userId ? { userId: new mongoose.Types.ObjectId(input.userId) } : {}) },
        $unset: { ...(input.email ? {} : { email: 1 }), ...(input.userId ? {} : { userId: 1 }) },
      },
      { new: true },
    ).lean<ExpertRecord>()
    if (!doc) throw new AppError('EXPERT_NOT_FOUND')
    await recordAudit(models, actor, { action: 'expert.update', resource: { type: 'expert', id }, ...(input.active ? {} : { reason: '停用' }) })
    return doc
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('EXPERT_PHONE_TAKEN')
    throw err
  }
}
