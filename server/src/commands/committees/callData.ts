import mongoose from 'mongoose'
import type { ApplicationState } from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { CommitteeRecord } from '../../models/committee'
import type { ExpertRecord } from '../../models/expert'

/** Applications that take reviewers: qualified (第十五条) and, once it starts, in material review (第十六条). */
export const ASSIGNABLE_STATES: readonly ApplicationState[] = ['qualified', 'material_review']

export type AssignableApplication = Pick<ApplicationRecord, '_id' | 'organizationId' | 'receiptNumber' | 'organizationName' | 'sector' | 'creditCode' | 'state'> & {
  content: { title?: string; methods?: string[] }
  profileSnapshot?: { industry?: string }
}

export async function assignableApplications(models: Models, callId: mongoose.Types.ObjectId): Promise<AssignableApplication[]> {
  return models.Application.find(
    { callId, state: { $in: ASSIGNABLE_STATES } },
    { organizationId: 1, receiptNumber: 1, organizationName: 1, sector: 1, creditCode: 1, state: 1, 'content.title': 1, 'content.methods': 1, 'profileSnapshot.industry': 1 },
  )
    .sort({ submittedAt: 1, _id: 1 })
    .lean<AssignableApplication[]>()
}

/** Everyone the committee names: chair, vice chairs, leaders and members. */
export function committeeExpertIds(c: Pick<CommitteeRecord, 'chairId' | 'viceChairIds' | 'groups'>): mongoose.Types.ObjectId[] {
  const ids = [c.chairId, ...c.viceChairIds, ...c.groups.flatMap((g) => [g.leaderId, ...g.memberIds])]
  const seen = new Set<string>()
  return ids.filter((id) => !seen.has(id.toHexString()) && !!seen.add(id.toHexString()))
}

/** Reviewers of a group: the leader first, then the members. */
export const groupReviewers = (g: CommitteeRecord['groups'][number]) => [g.leaderId, ...g.memberIds].map((id) => id.toHexString())

export async function expertsById(models: Models, ids: readonly mongoose.Types.ObjectId[]): Promise<Map<string, ExpertRecord>> {
  const docs = ids.length ? await models.Expert.find({ _id: { $in: ids } }).lean<ExpertRecord[]>() : []
  return new Map(docs.map((d) => [d._id.toHexString(), d]))
}

export const appLabel = (a: AssignableApplication) => a.receiptNumber ?? a.content.title ?? a._id.toHexString()
