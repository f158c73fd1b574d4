import { inShanghai } from '@zlbg/shared'
import { closePublicities } from '../../server/src/jobs/publicityClose'
import type { Models } from '../../server/src/models'
import type { ApplicationRecord } from '../../server/src/models/application'
import type { CallRecord } from '../../server/src/models/call'
import type { PublicityRecord } from '../../server/src/models/publicity'
import { buildApplication, buildCall } from './factories'
import { buildPublicity } from './objections'

const DAY = 86_400_000
const day = (d: Date) => inShanghai(d).format('YYYY-MM-DD')

/**
 * A call whose publicity list closed (第十八条) with `passed` entries passed and `withdrawn` entries
 * withdrawn after an upheld objection: its window three weeks before `now`, closed by the real closing
 * job (the applications' passPublicity steps). Members per application are given by `memberIds`.
 */
export async function callAwaitingApproval(
  models: Models,
  { passed, withdrawn = 0, memberIds = [], now = new Date() }: { passed: number; withdrawn?: number; memberIds?: string[][]; now?: Date },
): Promise<{ call: CallRecord; list: PublicityRecord; apps: ApplicationRecord[]; passedIds: string[]; withdrawnIds: string[] }> {
  const call = await buildCall(models, { now })
  const apps: ApplicationRecord[] = []
  for (let i = 0; i < passed + withdrawn; i++) {
    apps.push(await buildApplication(models, { call, state: 'qualified', now, ...(memberIds[i] ? { memberIds: memberIds[i] } : {}) }))
  }
  const list = await buildPublicity(models, {
    callId: call._id,
    applications: apps,
    now: new Date(now.getTime() - 25 * DAY),
    startDay: day(new Date(now.getTime() - 25 * DAY)),
    endDay: day(new Date(now.getTime() - 18 * DAY)),
  })
  const withdrawnApps = apps.slice(passed)
  for (const app of withdrawnApps) {
    // Fixture: an objection upheld by the committee (its own tests cover that path).
    await models.Application.updateOne({ _id: app._id }, { $set: { state: 'objection_upheld' } })
    const index = list.entries.findIndex((e) => e.applicationId.equals(app._id))
    await models.Publicity.updateOne({ _id: list._id }, { $set: { [`entries.${index}.status`]: 'withdrawn' } })
  }
  await closePublicities(models, { now })
  const closed = (await models.Publicity.findById(list._id).lean<PublicityRecord>())!
  if (closed.state !== 'closed') throw new Error('callAwaitingApproval: the list did not close')
  const ids = (xs: ApplicationRecord[]) => xs.map((a) => a._id.toHexString())
  return { call, list: closed, apps, passedIds: ids(apps.slice(0, passed)), withdrawnIds: ids(withdrawnApps) }
}

/** A sign body: every id approved but those in `holdBack` (id → reason). */
export function decisions(ids: string[], holdBack: Record<string, string> = {}) {
  return ids.map((applicationId) =>
    holdBack[applicationId] ? { applicationId, decision: 'hold_back', reason: holdBack[applicationId] } : { applicationId, decision: 'approve' },
  )
}
