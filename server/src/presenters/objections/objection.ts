import mongoose from 'mongoose'
import {
  OBJECTION_ACTIONS,
  objectionMachine,
  type AttachedFile,
  type CommitteeObjection,
  type MyObjection,
  type OfficeObjection,
} from '@zlbg/shared'
import { attachedFiles } from '../../attachments'
import type { Models } from '../../models'
import type { ObjectionExplanationRecord, ObjectionRecord, PublicityRecord } from '../../models/publicity'
import { hasRoleOf, type Actor } from '../../policies'

/**
 * Objections for three audiences, each with its own function so nothing leaks by accident:
 * the filer (their objection, outcome and reply — not the office's findings or who signed), the office
 * (everything, the objector's identity included), the chair or a vice chair (the case without the
 * objector's identity: experts never see it, 第十八条). The applicant sees only explanation requests
 * (presentApplicantExplanation).
 */

type Entry = MyObjection['entry']
const iso = (d: Date) => d.toISOString()

/** Each objection's entry as the public list shows it, and its call's title. */
async function entriesOf(models: Models, docs: readonly Pick<ObjectionRecord, 'publicityId' | 'entryId' | 'callId'>[]): Promise<(d: Pick<ObjectionRecord, 'entryId'>) => Entry> {
  const lists = await models.Publicity.find({ _id: { $in: [...new Set(docs.map((d) => d.publicityId.toHexString()))] } }, { callId: 1, entries: 1 }).lean<PublicityRecord[]>()
  const calls = await models.Call.find({ _id: { $in: lists.map((l) => l.callId) } }, { title: 1 }).lean()
  const callTitle = new Map(calls.map((c) => [c._id.toHexString(), c.title]))
  const byEntry = new Map<string, Entry>()
  for (const l of lists) {
    for (const e of l.entries) byEntry.set(e._id.toHexString(), { callTitle: callTitle.get(l.callId.toHexString()) ?? '', organizationName: e.organizationName, title: e.title })
  }
  return (d) => byEntry.get(d.entryId.toHexString()) ?? { callTitle: '', organizationName: '', title: '' }
}

/** Files by id, titled by their file name (objection files have no separate title). */
async function filesOf(models: Models, ids: readonly mongoose.Types.ObjectId[]): Promise<AttachedFile[]> {
  const files = await attachedFiles(models, ids.map((id) => ({ attachmentId: id.toHexString(), title: '附件' })))
  return files.map((f) => ({ ...f, title: f.filename }))
}

export async function presentMyObjections(models: Models, docs: readonly ObjectionRecord[]) {
  const entry = await entriesOf(models, docs)
  return docs.map((d) => ({
    id: d._id.toHexString(),
    receiptNumber: d.receiptNumber,
    state: d.state,
    filedAt: iso(d.filedAt),
    entry: entry(d),
    kind: d.objector.kind,
    realName: d.objector.realName,
    ...(d.objector.organizationName ? { organizationName: d.objector.organizationName } : {}),
    ...(d.decision ? { outcome: { outcome: d.decision.outcome, reasons: d.decision.reasons, at: iso(d.decision.at) } } : {}),
    ...(d.reply ? { reply: { text: d.reply.text, at: iso(d.reply.at) } } : {}),
  }))
}

export async function presentMyObjection(models: Models, d: ObjectionRecord): Promise<MyObjection> {
  const [summary] = await presentMyObjections(models, [d])
  return {
    ...summary!,
    grounds: d.grounds,
    evidence: await filesOf(models, [...(d.objector.sealLetterId ? [d.objector.sealLetterId] : []), ...d.evidenceIds]),
    history: d.history.map((h) => ({ state: h.state, at: iso(h.at) })),
  }
}

async function presentExplanation(models: Models, x: ObjectionExplanationRecord) {
  return {
    id: x._id.toHexString(),
    text: x.text,
    ...(x.quotedGrounds ? { quotedGrounds: x.quotedGrounds } : {}),
    deadline: x.deadline,
    requestedAt: iso(x.requestedAt),
    ...(x.answer ? { answer: { text: x.answer.text, attachments: await filesOf(models, x.answer.attachmentIds), at: iso(x.answer.at) } } : {}),
  }
}

/** What the applicant sees: the request and its deadline, the grounds only as quoted, their own answer. */
export const presentApplicantExplanation = presentExplanation

async function findingsOf(models: Models, d: ObjectionRecord) {
  return d.findings ? { findings: { text: d.findings.text, verifiedBy: d.findings.verifiedBy, evidence: await filesOf(models, d.findings.evidenceIds), at: iso(d.findings.at) } } : {}
}
const decisionOf = (d: ObjectionRecord) =>
  d.decision ? { decision: { outcome: d.decision.outcome, reasons: d.decision.reasons, signedByName: d.decision.signedByName, at: iso(d.decision.at) } } : {}

export async function presentOfficeObjection(models: Models, d: ObjectionRecord, actor: Actor): Promise<OfficeObjection> {
  const entry = await entriesOf(models, [d])
  const [sealLetter] = d.objector.sealLetterId ? await filesOf(models, [d.objector.sealLetterId]) : []
  const who = hasRoleOf(actor)
  return {
    id: d._id.toHexString(),
    receiptNumber: d.receiptNumber,
    callId: d.callId.toHexString(),
    publicityId: d.publicityId.toHexString(),
    entryId: d.entryId.toHexString(),
    applicationId: d.applicationId.toHexString(),
    state: d.state,
    filedAt: iso(d.filedAt),
    moderation: d.moderation,
    entry: entry(d),
    objector: {
      kind: d.objector.kind,
      realName: d.objector.realName,
      phone: d.objector.phone,
      ...(d.objector.organizationName ? { organizationName: d.objector.organizationName } : {}),
      ...(d.objector.contactPerson ? { contactPerson: d.objector.contactPerson } : {}),
      ...(sealLetter ? { sealLetter } : {}),
    },
    grounds: d.grounds,
    evidence: await filesOf(models, d.evidenceIds),
    ...(await findingsOf(models, d)),
    ...decisionOf(d),
    ...(d.reply ? { reply: { text: d.reply.text, at: iso(d.reply.at) } } : {}),
    explanations: await Promise.all((d.explanations ?? []).map((x) => presentExplanation(models, x))),
    history: d.history.map((h) => ({ state: h.state, at: iso(h.at) })),
    // The office's buttons; the chair's decision is on the chair's page.
    events: objectionMachine.allowedEvents(d.state, { hasRole: who }).filter((e) => e !== 'uphold' && e !== 'dismiss'),
    canRequestExplanation: objectionMachine.allowedActions(d.state, { hasRole: who }).includes(OBJECTION_ACTIONS[0]),
    canPassModeration: d.moderation === 'pending' && objectionMachine.allowedActions(d.state, { hasRole: who }).includes('passModeration'),
  }
}

export async function presentOfficeObjectionRows(models: Models, docs: readonly ObjectionRecord[]) {
  const entry = await entriesOf(models, docs)
  return docs.map((d) => ({
    id: d._id.toHexString(),
    receiptNumber: d.receiptNumber,
    callId: d.callId.toHexString(),
    state: d.state,
    filedAt: iso(d.filedAt),
    moderation: d.moderation,
    entry: entry(d),
    objectorName: d.objector.organizationName ?? d.objector.realName,
  }))
}

/** For the chair or a vice chair: the case, without who objected. `canDecide` from the machine and their role in the call. */
export async function presentCommitteeObjection(models: Models, d: ObjectionRecord, actor: Actor): Promise<CommitteeObjection> {
  const decides = objectionMachine.allowedEvents(d.state, { hasRole: hasRoleOf(actor) }).includes('uphold')
  const [row] = await presentCommitteeObjectionRows(models, [d], () => decides)
  return { ...row!, grounds: d.grounds, evidence: await filesOf(models, d.evidenceIds), ...(await findingsOf(models, d)) }
}

export async function presentCommitteeObjectionRows(models: Models, docs: readonly ObjectionRecord[], decides: (d: ObjectionRecord) => boolean) {
  const entry = await entriesOf(models, docs)
  return docs.map((d) => ({
    id: d._id.toHexString(),
    callId: d.callId.toHexString(),
    state: d.state,
    filedAt: iso(d.filedAt),
    entry: entry(d),
    objectorKind: d.objector.kind,
    ...decisionOf(d),
    canDecide: decides(d),
  }))
}
