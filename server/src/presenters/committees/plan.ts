import mongoose from 'mongoose'
import { conflictKey, planAssignments, type AssignmentPlan } from '@zlbg/shared'
import type { Models } from '../../models'
import type { AssignmentRecord, CommitteeRecord } from '../../models/committee'
import { appLabel, assignableApplications, expertsById, groupReviewers, type AssignableApplication } from '../../commands/committees/callData'

/** What the planner needs of a call: its groups, reviewers, applications, standing conflicts and assignments. */
export async function planInputs(models: Models, committee: CommitteeRecord, apps?: AssignableApplication[]) {
  const applications = apps ?? (await assignableApplications(models, committee.callId))
  const reviewerIds = committee.groups.flatMap((g) => groupReviewers(g))
  const experts = await expertsById(models, reviewerIds.map((id) => new mongoose.Types.ObjectId(id)))
  const conflicts = await models.Conflict.find({ callId: committee.callId, state: 'active' }, { expertId: 1, applicationId: 1 }).lean()
  const active = await models.Assignment.find({ callId: committee.callId, state: 'active' }).lean<AssignmentRecord[]>()
  const placement = new Map(committee.placements.map((p) => [p.applicationId.toHexString(), p]))
  const input = {
    k: committee.reviewersPerApplication,
    maxPerExpert: committee.maxPerExpert,
    groups: committee.groups.map((g) => ({ id: g._id.toHexString(), name: g.name, reviewerIds: groupReviewers(g) })),
    experts: [...experts.values()].map((e) => ({ id: e._id.toHexString(), name: e.name, fields: e.fields })),
    applications: applications.map((a) => {
      const groupId = placement.get(a._id.toHexString())?.groupId.toHexString()
      return { id: a._id.toHexString(), label: appLabel(a), ...(groupId ? { groupId } : {}), fields: a.content.methods ?? [] }
    }),
    conflicts: new Set(conflicts.map((c) => conflictKey(c.expertId.toHexString(), c.applicationId.toHexString()))),
    existing: active.map((a) => ({ applicationId: a.applicationId.toHexString(), expertId: a.expertId.toHexString() })),
  }
  return { input, applications, experts, active, placement }
}

/**
 * The office's view of the assignment (第十二条): each application's group and reviewers, what a
 * run would add, each gap in a sentence, and every reviewer's load. Computed by the same planner
 * the run uses, so what is proposed is what a run would do.
 */
export async function presentPlan(models: Models, committee: CommitteeRecord): Promise<AssignmentPlan> {
  const { input, applications, experts, active, placement } = await planInputs(models, committee)
  const result = planAssignments(input)
  const name = (id: string) => experts.get(id)?.name ?? '（已移出专家库）'
  const byApp = new Map<string, AssignmentRecord[]>()
  for (const a of active) byApp.set(a.applicationId.toHexString(), [...(byApp.get(a.applicationId.toHexString()) ?? []), a])
  const proposedByApp = new Map<string, string[]>()
  for (const p of result.assignments) proposedByApp.set(p.applicationId, [...(proposedByApp.get(p.applicationId) ?? []), p.expertId])
  const gapByApp = new Map(result.gaps.map((g) => [g.applicationId, g.message]))
  const current = new Map<string, number>()
  for (const a of active) current.set(a.expertId.toHexString(), (current.get(a.expertId.toHexString()) ?? 0) + 1)
  return {
    callId: committee.callId.toHexString(),
    committeeState: committee.state,
    reviewersPerApplication: committee.reviewersPerApplication,
    maxPerExpert: committee.maxPerExpert,
    groups: committee.groups.map((g) => ({
      id: g._id.toHexString(),
      name: g.name,
      applications: committee.placements.filter((p) => p.groupId.equals(g._id)).length,
      loads: groupReviewers(g).map((id) => ({ expertId: id, name: name(id), count: current.get(id) ?? 0 })),
    })),
    applications: applications.map((a) => {
      const id = a._id.toHexString()
      const p = placement.get(id)
      const fields = a.content.methods ?? []
      return {
        applicationId: id,
        ...(a.receiptNumber ? { receiptNumber: a.receiptNumber } : {}),
        title: a.content.title ?? '',
        organizationName: a.organizationName ?? '',
        ...(a.sector ? { sector: a.sector } : {}),
        ...(p ? { groupId: p.groupId.toHexString(), placedBy: p.by, ...(p.reason ? { placementReason: p.reason } : {}) } : {}),
        reviewers: (byApp.get(id) ?? []).map((r) => ({
          assignmentId: r._id.toHexString(),
          expertId: r.expertId.toHexString(),
          name: name(r.expertId.toHexString()),
          source: r.source,
          coversField: (experts.get(r.expertId.toHexString())?.fields ?? []).some((f) => fields.includes(f)),
        })),
        proposed: (proposedByApp.get(id) ?? []).map((e) => ({ expertId: e, name: name(e) })),
        ...(gapByApp.has(id) ? { gap: gapByApp.get(id)! } : {}),
      }
    }),
    gaps: result.gaps.map((g) => g.message),
  }
}
