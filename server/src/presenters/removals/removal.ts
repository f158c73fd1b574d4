import mongoose from 'mongoose'
import {
  REMOVAL_EVENTS,
  REMOVAL_REASON_LABELS,
  REMOVAL_STATE_LABELS,
  removalMachine,
  type Announcement,
  type AttachedFile,
  type Removal,
  type RemovalRow,
} from '@zlbg/shared'
import { attachedFiles } from '../../attachments'
import type { Models } from '../../models'
import type { ListedExperienceRecord, RemovalRecord, Signature } from '../../models/listing'
import { hasRoleOf, type Actor } from '../../policies'

/**
 * A removal (第二十一条) for the three who handle it — the office, the deciding chair or vice chair,
 * the CAQ approver — and its announcement for anyone once published. `events` are the steps the
 * machine lets this caller take now, so the pages never re-derive who may press which button.
 */

const iso = (d: Date) => d.toISOString()
const signed = (s: Signature) => ({ name: s.name, at: iso(s.at), ...(s.note ? { note: s.note } : {}) })
type Experience = Removal['experience']
type Context = { experience: (d: RemovalRecord) => Experience; callTitle: (d: RemovalRecord) => string }

async function contextOf(models: Models, docs: readonly RemovalRecord[]): Promise<Context> {
  const experiences = await models.ListedExperience.find(
    { _id: { $in: docs.map((d) => d.listedExperienceId) } },
    { year: 1, organizationName: 1, title: 1, source: 1, state: 1 },
  ).lean<ListedExperienceRecord[]>()
  const calls = await models.Call.find({ _id: { $in: docs.map((d) => d.callId) } }, { title: 1 }).lean()
  const byId = new Map(experiences.map((e) => [e._id.toHexString(), e]))
  const titles = new Map(calls.map((c) => [c._id.toHexString(), c.title]))
  return {
    experience: (d) => {
      const e = byId.get(d.listedExperienceId.toHexString())
      return { id: d.listedExperienceId.toHexString(), year: e?.year ?? 0, organizationName: e?.organizationName ?? '', title: e?.title ?? '', source: e?.source ?? 'publication', state: e?.state ?? 'listed' }
    },
    callTitle: (d) => titles.get(d.callId.toHexString()) ?? '',
  }
}

export async function presentRemovalRows(models: Models, docs: readonly RemovalRecord[], actionable: (d: RemovalRecord) => boolean): Promise<RemovalRow[]> {
  const ctx = await contextOf(models, docs)
  return docs.map((d) => ({
    id: d._id.toHexString(),
    state: d.state,
    stateLabel: REMOVAL_STATE_LABELS[d.state],
    reasonLabel: REMOVAL_REASON_LABELS[d.reasonType],
    experience: ctx.experience(d),
    call: { id: d.callId.toHexString(), title: ctx.callTitle(d) },
    proposedAt: iso(d.proposal.at),
    updatedAt: iso(d.updatedAt),
    actionable: actionable(d),
  }))
}

async function filesOf(models: Models, ids: readonly mongoose.Types.ObjectId[]): Promise<AttachedFile[]> {
  const files = await attachedFiles(models, ids.map((id) => ({ attachmentId: id.toHexString(), title: '证明材料' })))
  return files.map((f) => ({ ...f, title: f.filename }))
}

/** One removal for the office, the deciding chair or vice chair, or the approver; `actor` as resolved in its call. */
export async function presentRemoval(models: Models, d: RemovalRecord, actor: Actor): Promise<Removal> {
  const ctx = await contextOf(models, [d])
  // The events the caller may send now, by the machine and their roles as resolved in the removal's call.
  const events = removalMachine.allowedEvents(d.state, { hasRole: hasRoleOf(actor) })
  const a = d.announcement
  return {
    id: d._id.toHexString(),
    state: d.state,
    stateLabel: REMOVAL_STATE_LABELS[d.state],
    reasonType: d.reasonType,
    reasonLabel: REMOVAL_REASON_LABELS[d.reasonType],
    facts: d.facts,
    evidence: await filesOf(models, d.evidenceIds),
    experience: ctx.experience(d),
    call: { id: d.callId.toHexString(), title: ctx.callTitle(d) },
    proposal: signed(d.proposal),
    ...(d.chairConfirmation ? { chairConfirmation: signed(d.chairConfirmation) } : {}),
    ...(d.approverConfirmation ? { approverConfirmation: signed(d.approverConfirmation) } : {}),
    ...(d.ending ? { ending: { ...signed(d.ending), state: d.state } } : {}),
    ...(a
      ? {
          announcement: {
            number: a.number,
            title: a.title,
            body: a.body,
            draftedAt: iso(a.draftedAt),
            ...(a.edited ? { edited: signed(a.edited) } : {}),
            ...(a.published ? { published: signed(a.published) } : {}),
          },
        }
      : {}),
    history: d.history.map((h) => ({ state: h.state, at: iso(h.at) })),
    events: REMOVAL_EVENTS.filter((e) => events.includes(e)),
    canEditAnnouncement: removalMachine.allowedActions(d.state, { hasRole: hasRoleOf(actor) }).includes('editAnnouncement'),
  }
}

/** What the public reads of a removal: its published announcement (第二十一条) and the entry it names. */
export const PUBLIC_REMOVAL_FIELDS = { listedExperienceId: 1, reasonType: 1, announcement: 1 } as const

export async function presentAnnouncements(models: Models, docs: readonly Pick<RemovalRecord, '_id' | 'listedExperienceId' | 'reasonType' | 'announcement'>[]): Promise<Announcement[]> {
  const experiences = await models.ListedExperience.find({ _id: { $in: docs.map((d) => d.listedExperienceId) } }, { organizationName: 1, title: 1, year: 1 }).lean()
  const byId = new Map(experiences.map((e) => [e._id.toHexString(), e]))
  return docs.map((d) => {
    const a = d.announcement!
    const e = byId.get(d.listedExperienceId.toHexString())
    return {
      id: d._id.toHexString(),
      number: a.number,
      title: a.title,
      body: a.body,
      publishedAt: iso(a.published!.at),
      experienceId: d.listedExperienceId.toHexString(),
      organizationName: e?.organizationName ?? '',
      experienceTitle: e?.title ?? '',
      year: e?.year ?? 0,
      reasonLabel: REMOVAL_REASON_LABELS[d.reasonType],
    }
  })
}
