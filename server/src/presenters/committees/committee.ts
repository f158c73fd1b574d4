import type mongoose from 'mongoose'
import type { Committee, CommitteeMember, Conflict } from '@zlbg/shared'
import type { Models } from '../../models'
import type { CommitteeRecord, ConflictRecord } from '../../models/committee'
import type { ExpertRecord } from '../../models/expert'
import { committeeExpertIds, expertsById } from '../../commands/committees/callData'

const member = (experts: ReadonlyMap<string, ExpertRecord>, id: mongoose.Types.ObjectId): CommitteeMember => {
  const e = experts.get(id.toHexString())
  return { expertId: id.toHexString(), name: e?.name ?? '（已移出专家库）', title: e?.title ?? '', employer: e?.employer.name ?? '', competent: e?.competent ?? false }
}

/** The committee for the office: names resolved from the pool, and who accepted the current pledge. */
export async function presentCommittee(models: Models, c: CommitteeRecord): Promise<Committee> {
  const experts = await expertsById(models, committeeExpertIds(c))
  const pledges = await models.Pledge.find({ callId: c.callId, version: c.pledgeVersion }).sort({ acceptedAt: 1 }).lean()
  return {
    id: c._id.toHexString(),
    callId: c.callId.toHexString(),
    state: c.state,
    chair: member(experts, c.chairId),
    viceChairs: c.viceChairIds.map((id) => member(experts, id)),
    groups: c.groups.map((g) => ({
      id: g._id.toHexString(),
      name: g.name,
      sectors: g.sectors,
      industries: g.industries,
      leader: member(experts, g.leaderId),
      members: g.memberIds.map((id) => member(experts, id)),
    })),
    pledgeText: c.pledgeText,
    pledgeVersion: c.pledgeVersion,
    reviewersPerApplication: c.reviewersPerApplication,
    maxPerExpert: c.maxPerExpert,
    ...(c.reviewDeadline ? { reviewDeadline: c.reviewDeadline } : {}),
    pledges: pledges.map((p) => ({ expertId: p.expertId.toHexString(), name: experts.get(p.expertId.toHexString())?.name ?? '', acceptedAt: p.acceptedAt.toISOString() })),
    updatedAt: c.updatedAt.toISOString(),
  }
}

export async function presentConflicts(models: Models, docs: ConflictRecord[]): Promise<Conflict[]> {
  const experts = await expertsById(models, [...new Map(docs.map((d) => [d.expertId.toHexString(), d.expertId])).values()])
  const apps = await models.Application.find({ _id: { $in: docs.map((d) => d.applicationId) } }, { 'content.title': 1, organizationName: 1 }).lean()
  const app = new Map(apps.map((a) => [a._id.toHexString(), a]))
  return docs.map((d) => ({
    id: d._id.toHexString(),
    expertId: d.expertId.toHexString(),
    expertName: experts.get(d.expertId.toHexString())?.name ?? '',
    applicationId: d.applicationId.toHexString(),
    applicationTitle: app.get(d.applicationId.toHexString())?.content?.title ?? '',
    organizationName: app.get(d.applicationId.toHexString())?.organizationName ?? '',
    kind: d.kind,
    detail: d.detail,
    state: d.state,
    ...(d.dismissReason ? { dismissReason: d.dismissReason } : {}),
    ...(d.dismissedAt ? { dismissedAt: d.dismissedAt.toISOString() } : {}),
    createdAt: d.createdAt.toISOString(),
  }))
}
