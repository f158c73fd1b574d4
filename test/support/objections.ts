import mongoose from 'mongoose'
import { inShanghai } from '@zlbg/shared'
import type { Models } from '../../server/src/models'
import type { PublicityRecord } from '../../server/src/models/publicity'
import type { ApplicationRecord } from '../../server/src/models/application'

const DAY = 86_400_000
const day = (d: Date) => inShanghai(d).format('YYYY-MM-DD')

/** 23:59:59.999 Asia/Shanghai of a day, as the publicity window closes (第十八条). */
export const closingInstant = (endDay: string) => new Date(`${endDay}T23:59:59.999+08:00`)

/**
 * A publicity list shaped like the model, made directly (a fixture until the publicity routes are
 * merged): its applications are put in publicity, the window around `now` unless given.
 */
export async function buildPublicity(
  models: Models,
  { callId, applications, now = new Date(), startDay, endDay }: { callId: mongoose.Types.ObjectId; applications: ApplicationRecord[]; now?: Date; startDay?: string; endDay?: string },
): Promise<PublicityRecord> {
  const start = startDay ?? day(new Date(now.getTime() - 2 * DAY))
  const end = endDay ?? day(new Date(now.getTime() + 2 * DAY))
  for (const app of applications) {
    await models.Application.updateOne({ _id: app._id }, { $set: { state: 'in_publicity' }, $push: { history: { state: 'in_publicity', at: now } } })
  }
  const doc = await models.Publicity.create({
    callId,
    state: 'open',
    window: { startDay: start, endDay: end, opensAt: new Date(`${start}T00:00:00+08:00`), closesAt: closingInstant(end), workingDays: [start, end] },
    entries: applications.map((a) => ({
      applicationId: a._id,
      organizationName: a.organizationName ?? '某组织',
      title: a.content.title ?? '质量标杆经验',
      sector: a.sector,
      provinceCode: a.provinceCode,
      status: 'listed',
    })),
    contact: '对公示内容有异议的，请于公示期内实名提出。联系电话：010-12345678',
    publishedBy: new mongoose.Types.ObjectId(),
    publishedAt: now,
  })
  return doc.toObject() as PublicityRecord
}

let n = 0
/** A valid filing body for one entry; `over` replaces fields. */
export function filing(list: Pick<PublicityRecord, '_id' | 'entries'>, entryIndex = 0, over: Record<string, unknown> = {}) {
  return {
    publicityId: list._id.toHexString(),
    entryId: list.entries[entryIndex]!._id.toHexString(),
    idempotencyKey: `key-${Date.now()}-${++n}`,
    kind: 'person',
    realName: '张三丰',
    phone: '13812345678',
    grounds: '该组织申报材料中所列的质量改进成效数据与其公开年报不一致，请核实。',
    evidenceIds: [],
    ...over,
  }
}
