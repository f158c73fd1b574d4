import mongoose from 'mongoose'
import type { DeliberationView, SiteVisitView } from '@zlbg/shared'
import { attachedFiles } from '../../attachments'
import { committeeMembers, quorumOf, signingBlockers, type Member } from '../../commands/deliberations/deliberationData'
import type { Models } from '../../models'
import type { CommitteeRecord } from '../../models/committee'
import type { DeliberationRecord, SiteVisitRecord } from '../../models/deliberation'
import type { Actor } from '../../policies'
import { actorHasRole } from '../../policies'

const iso = (d: Date) => d.toISOString()

/** What several views of a call share: its title, committee members, quorum, group names. */
export interface CallContext {
  callTitle: string
  committee: CommitteeRecord | null
  members: Member[]
  quorum: number
}

export async function callContext(models: Models, callId: mongoose.Types.ObjectId): Promise<CallContext> {
  const call = await models.Call.findById(callId, { title: 1 }).lean()
  const committee = await models.Committee.findOne({ callId }, { pendingEffects: 0 }).lean<CommitteeRecord>()
  return { callTitle: call?.title ?? '', committee, members: committee ? await committeeMembers(models, committee) : [], quorum: await quorumOf(models, callId) }
}

export const groupNameOf = (committee: CommitteeRecord | null, applicationId: mongoose.Types.ObjectId) => {
  const placement = committee?.placements.find((p) => p.applicationId.equals(applicationId))
  const group = placement && committee!.groups.find((g) => g._id.equals(placement.groupId))
  return group ? { groupId: group._id.toHexString(), groupName: group.name } : {}
}

/**
 * A deliberation record for the office or the signing chair: the meeting, each application with its
 * decision, recusals and site-visit findings (第十七条), what still blocks signing, and the actions
 * the caller may take. Committee-internal: never shown to an applicant (第十三条).
 */
export async function presentDeliberations(models: Models, records: readonly DeliberationRecord[], actor: Actor, context?: CallContext): Promise<DeliberationView[]> {
  if (records.length === 0) return []
  const ctx = context ?? (await callContext(models, records[0]!.callId))
  const appIds = [...new Set(records.flatMap((r) => r.items.map((i) => i.applicationId.toHexString())))].map((id) => new mongoose.Types.ObjectId(id))
  const apps = new Map(
    (await models.Application.find({ _id: { $in: appIds } }, { state: 1, receiptNumber: 1, 'content.title': 1, organizationName: 1 }).lean()).map((a) => [a._id.toHexString(), a]),
  )
  const visits = await models.SiteVisit.find({ applicationId: { $in: appIds } }, { pendingEffects: 0 }).sort({ createdAt: 1 }).lean<SiteVisitRecord[]>()
  const byId = new Map(ctx.members.map((m) => [m.expertId, m]))
  const person = (id: mongoose.Types.ObjectId): Member => byId.get(id.toHexString()) ?? { expertId: id.toHexString(), name: '（已不在委员会）', place: 'member' }
  const presiding = actorHasRole(actor, 'committee_chair') || actorHasRole(actor, 'committee_vice_chair')
  const office = actorHasRole(actor, 'office')
  const briefs = new Map([...apps].map(([id, a]) => [id, { title: a.content?.title ?? '', state: a.state }]))
  return records.map((r) => {
    const draft = r.state === 'draft'
    const unapplied = r.items.some((i) => !i.applied)
    return {
      id: r._id.toHexString(),
      callId: r.callId.toHexString(),
      callTitle: ctx.callTitle,
      round: r.round,
      state: r.state,
      date: r.date,
      ...(r.place ? { place: r.place } : {}),
      ...(r.minutes ? { minutes: r.minutes } : {}),
      attendees: r.attendeeIds.map(person),
      quorum: ctx.quorum,
      items: r.items.map((i) => {
        const app = apps.get(i.applicationId.toHexString())
        const recused = i.recusedIds.map(person)
        return {
          applicationId: i.applicationId.toHexString(),
          ...(app?.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
          title: app?.content?.title ?? '',
          organizationName: app?.organizationName ?? '',
          ...groupNameOf(ctx.committee, i.applicationId),
          applicationState: app?.state ?? '',
          decision: i.decision ?? null,
          notes: i.notes,
          recused,
          deciding: r.attendeeIds.length - recused.length,
          applied: i.applied,
          ...(i.appliedAt ? { appliedAt: iso(i.appliedAt) } : {}),
          ...(i.applyError ? { applyError: i.applyError } : {}),
          siteVisits: visits
            .filter((v) => v.applicationId.equals(i.applicationId))
            .map((v) => ({ id: v._id.toHexString(), state: v.state, date: v.date, findings: v.findings, conclusion: v.conclusion })),
        }
      }),
      blockers: draft ? signingBlockers(r, ctx.members, ctx.quorum, briefs) : [],
      ...(r.signedAt ? { signedAt: iso(r.signedAt) } : {}),
      ...(r.signedByName ? { signedBy: r.signedByName } : {}),
      ...(r.signedAs ? { signedAs: r.signedAs } : {}),
      actions: [...(draft && office ? (['edit'] as const) : []), ...((draft || unapplied) && presiding ? (['sign'] as const) : [])],
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    }
  })
}

export async function presentDeliberation(models: Models, record: DeliberationRecord, actor: Actor): Promise<DeliberationView> {
  return (await presentDeliberations(models, [record], actor))[0]!
}

/** A site visit for the office (第十七条). */
export async function presentSiteVisits(models: Models, visits: readonly SiteVisitRecord[]): Promise<SiteVisitView[]> {
  const apps = new Map(
    (await models.Application.find({ _id: { $in: visits.map((v) => v.applicationId) } }, { receiptNumber: 1, 'content.title': 1, organizationName: 1 }).lean()).map((a) => [a._id.toHexString(), a]),
  )
  return Promise.all(
    visits.map(async (v) => {
      const app = apps.get(v.applicationId.toHexString())
      return {
        id: v._id.toHexString(),
        callId: v.callId.toHexString(),
        applicationId: v.applicationId.toHexString(),
        ...(app?.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
        title: app?.content?.title ?? '',
        organizationName: app?.organizationName ?? '',
        state: v.state,
        reason: v.reason,
        team: v.team,
        date: v.date,
        findings: v.findings,
        conclusion: v.conclusion,
        attachments: await attachedFiles(models, v.attachments),
        requestedAt: iso(v.createdAt),
        ...(v.completedAt ? { completedAt: iso(v.completedAt) } : {}),
      }
    }),
  )
}
