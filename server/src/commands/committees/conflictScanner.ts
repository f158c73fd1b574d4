import { automaticConflicts, conflictKey, reviewDateOf } from '@zlbg/shared'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { Actor } from '../../policies'
import { assignmentTransition } from '../../workflow/committee'
import { assignableApplications, committeeExpertIds, expertsById, type AssignableApplication } from './callData'
import { withdrawalNotice } from './committeeSaver'

/**
 * Finds the automatic conflicts (回避) of the committee's experts with the call's applications and
 * records the new ones; a dismissed conflict stays dismissed. An active assignment that is now
 * conflicted is withdrawn (found after assignment, 第十三条); the next run proposes a replacement.
 * Returns the keys of every conflict that stands.
 */
export async function conflictScanner({
  models,
  actor,
  committee,
  applications,
  logger,
  now = new Date(),
}: {
  models: Models
  actor: Actor
  committee: CommitteeRecord
  applications?: AssignableApplication[]
  logger?: Logger
  now?: Date
}): Promise<Set<string>> {
  const apps = applications ?? (await assignableApplications(models, committee.callId))
  const experts = await expertsById(models, committeeExpertIds(committee))
  const orgs = await models.Organization.find({ _id: { $in: [...new Set(apps.map((a) => a.organizationId.toHexString()))] } }, { members: 1 }).lean()
  const members = new Map(orgs.map((o) => [o._id.toHexString(), o.members.map((m) => m.userId.toHexString())]))
  const today = reviewDateOf(now)
  const found = []
  for (const app of apps) {
    for (const e of experts.values()) {
      const conflicts = automaticConflicts(
        { id: e._id.toHexString(), employer: e.employer, formerEmployers: e.formerEmployers, ...(e.userId ? { userId: e.userId.toHexString() } : {}) },
        { id: app._id.toHexString(), ...(app.creditCode ? { creditCode: app.creditCode } : {}), organizationName: app.organizationName ?? '', memberUserIds: members.get(app.organizationId.toHexString()) ?? [] },
        today,
      )
      for (const c of conflicts) found.push({ callId: committee.callId, expertId: e._id, applicationId: app._id, kind: c.kind, detail: c.detail, state: 'active' })
    }
  }
  if (found.length) {
    // Already recorded ones (active or dismissed) are E11000 and stay as they are.
    await models.Conflict.insertMany(found, { ordered: false }).catch((err: { code?: number; writeErrors?: unknown[] }) => {
      if (err.code !== 11000 && !err.writeErrors) throw err
    })
  }
  const standing = await models.Conflict.find({ callId: committee.callId, state: 'active' }, { expertId: 1, applicationId: 1, detail: 1 }).lean()
  const keys = new Set(standing.map((c) => conflictKey(c.expertId.toHexString(), c.applicationId.toHexString())))
  const detail = new Map(standing.map((c) => [conflictKey(c.expertId.toHexString(), c.applicationId.toHexString()), c.detail]))
  const active = await models.Assignment.find({ callId: committee.callId, state: 'active' }, { expertId: 1, applicationId: 1 }).lean()
  for (const a of active) {
    const key = conflictKey(a.expertId.toHexString(), a.applicationId.toHexString())
    if (!keys.has(key)) continue
    await assignmentTransition({
      models,
      id: a._id,
      event: 'withdrawForConflict',
      actor,
      reason: `发现回避情形：${detail.get(key)}`,
      effects: { notifyExpert: withdrawalNotice(models) },
      now,
      ...(logger ? { logger } : {}),
    })
  }
  return keys
}

