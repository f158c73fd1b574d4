import mongoose from 'mongoose'
import {
  APPLICANT_ACTIONS,
  APPLICANT_STAGE_LABELS,
  applicationMachine,
  applicationWindow,
  type ApplicationEvent,
  type ApplicantApplication,
  type OfficeApplicationSummary,
} from '@zlbg/shared'
import { attachedFiles } from '../../attachments'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { CallRecord } from '../../models/call'

const iso = (d: Date) => d.toISOString()

type ApplicationContentView = ApplicantApplication['content']
type ApplicantAction = ApplicantApplication['actions'][number]

/** What a view needs of the call and the organization besides the application itself. */
export interface ApplicationContext {
  call: Pick<CallRecord, '_id' | 'title' | 'year' | 'schedule'>
  /** The organization's current name: a draft has no name copied yet. */
  organizationName: string
}

/** The call's application window (第五条), as Dates; every published call has one. */
export const applicationCloses = (call: Pick<CallRecord, 'schedule'>) => applicationWindow(call.schedule)

/**
 * Loads the call and organization names of several applications at once (for lists and for one
 * view alike), keyed by application id.
 */
export async function applicationContexts(
  models: Models,
  docs: readonly Pick<ApplicationRecord, '_id' | 'callId' | 'organizationId' | 'organizationName' | 'state'>[],
): Promise<Map<string, ApplicationContext>> {
  const callIds = [...new Set(docs.map((d) => d.callId.toHexString()))]
  const orgIds = [...new Set(docs.map((d) => d.organizationId.toHexString()))]
  const [calls, orgs] = await Promise.all([
    models.Call.find({ _id: { $in: callIds.map((id) => new mongoose.Types.ObjectId(id)) } }, { title: 1, year: 1, schedule: 1 }).lean(),
    models.Organization.find({ _id: { $in: orgIds.map((id) => new mongoose.Types.ObjectId(id)) } }, { name: 1 }).lean(),
  ])
  const callById = new Map(calls.map((c) => [c._id.toHexString(), c]))
  const orgName = new Map(orgs.map((o) => [o._id.toHexString(), o.name]))
  const out = new Map<string, ApplicationContext>()
  for (const d of docs) {
    const call = callById.get(d.callId.toHexString())
    if (!call) throw new Error(`application ${d._id.toHexString()}: call ${d.callId.toHexString()} is missing`)
    // Once submitted, the name as submitted is the one on record (what the office reviewed).
    const organizationName = (d.state !== 'draft' && d.organizationName) || orgName.get(d.organizationId.toHexString()) || '已注销组织'
    out.set(d._id.toHexString(), { call, organizationName })
  }
  return out
}

/**
 * The application's content as shown back (the applicant's form, the office's and the experts'
 * reading of it): what was written, with each attachment's file name and size.
 */
export async function presentContent(models: Models, doc: Pick<ApplicationRecord, 'content'>): Promise<ApplicationContentView> {
  const { attachments = [], ...rest } = doc.content ?? {}
  return { ...rest, attachments: await attachedFiles(models, attachments) }
}

/** The applicant's buttons that are machine events, by the name the mini-program knows them. */
const APPLICANT_EVENTS: Partial<Record<ApplicationEvent, ApplicantAction>> = {
  submit: 'submit',
  withdraw: 'withdraw',
  resubmitSupplement: 'resubmit',
}

/**
 * What the applicant may do in this state, read from the machine (shared/src/workflow/application.ts):
 * the events and the actions it allows an organization member. The mini-program shows exactly these.
 */
export function applicantActions(doc: Pick<ApplicationRecord, 'state' | 'supplement'>, now: Date = new Date()): ApplicantAction[] {
  // 第十五条: a supplement is answered only until the deadline; the job then marks it overdue.
  if (doc.supplement && now > doc.supplement.deadline) return []
  const member = { roles: ['org_member'] as const }
  const allowed = new Set<ApplicantAction>([
    ...applicationMachine.allowedActions(doc.state, member),
    ...applicationMachine.allowedEvents(doc.state, member).flatMap((e) => APPLICANT_EVENTS[e] ?? []),
  ])
  return APPLICANT_ACTIONS.filter((a) => allowed.has(a))
}

/**
 * The application as its organization sees it, without the applicant's buttons: stage, dates,
 * receipt, the open supplement request and the reasons of a refusal. Nothing of the review itself —
 * no pre-check, findings, reviewers, scores or comments (第十三条). The office view extends this.
 */
export async function presentApplicationView(
  models: Models,
  doc: ApplicationRecord,
  context?: ApplicationContext,
): Promise<Omit<ApplicantApplication, 'actions'>> {
  const { call, organizationName } = context ?? (await applicationContexts(models, [doc])).get(doc._id.toHexString())!
  const supplementOpen = doc.state === 'supplement_requested' || doc.state === 'supplement_overdue'
  return {
    id: doc._id.toHexString(),
    callId: doc.callId.toHexString(),
    callTitle: call.title,
    callYear: call.year,
    organizationId: doc.organizationId.toHexString(),
    organizationName,
    state: doc.state,
    stageLabel: APPLICANT_STAGE_LABELS[doc.state],
    content: await presentContent(models, doc),
    ...(doc.receiptNumber ? { receiptNumber: doc.receiptNumber } : {}),
    ...(doc.submittedAt ? { submittedAt: iso(doc.submittedAt) } : {}),
    closesAt: iso(applicationCloses(call).closesAt),
    history: (doc.history ?? []).map((h) => ({ state: h.state, label: APPLICANT_STAGE_LABELS[h.state], at: iso(h.at) })),
    ...(supplementOpen && doc.supplement
      ? {
          supplement: {
            sections: doc.supplement.sections,
            message: doc.supplement.message,
            deadline: iso(doc.supplement.deadline),
            requestedAt: iso(doc.supplement.requestedAt),
          },
        }
      : {}),
    ...(doc.state === 'ineligible' && doc.ineligibleReasons
      ? { ineligibleReasons: doc.ineligibleReasons.map((r) => ({ condition: r.condition, reason: r.reason })) }
      : {}),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  }
}

/** The applicant's view (getApplication, and every applicant step's answer). */
export async function presentApplicant(
  models: Models,
  doc: ApplicationRecord,
  { context, now }: { context?: ApplicationContext; now?: Date } = {},
): Promise<ApplicantApplication> {
  return { ...(await presentApplicationView(models, doc, context)), actions: applicantActions(doc, now) }
}

/** One row of "my applications". */
export function presentApplicantSummary(doc: ApplicationRecord, { call, organizationName }: ApplicationContext) {
  return {
    id: doc._id.toHexString(),
    callId: doc.callId.toHexString(),
    callTitle: call.title,
    callYear: call.year,
    organizationId: doc.organizationId.toHexString(),
    organizationName,
    state: doc.state,
    stageLabel: APPLICANT_STAGE_LABELS[doc.state],
    ...(doc.receiptNumber ? { receiptNumber: doc.receiptNumber } : {}),
    ...(doc.submittedAt ? { submittedAt: iso(doc.submittedAt) } : {}),
    closesAt: iso(applicationCloses(call).closesAt),
    ...(doc.content?.title ? { title: doc.content.title } : {}),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  }
}

/** Counts of the automatic pre-check's outcomes (issue #7). */
export function precheckCounts(doc: Pick<ApplicationRecord, 'precheck'>): OfficeApplicationSummary['precheck'] {
  if (!doc.precheck) return undefined
  const count = (o: string) => doc.precheck!.results.filter((r) => r.outcome === o).length
  return { pass: count('pass'), fail: count('fail'), judgement: count('judgement') }
}

/** One row of the office's list of a call's applications (the copies made at submission). */
export function presentOfficeSummary(doc: ApplicationRecord): OfficeApplicationSummary {
  const precheck = precheckCounts(doc)
  return {
    id: doc._id.toHexString(),
    ...(doc.receiptNumber ? { receiptNumber: doc.receiptNumber } : {}),
    organizationId: doc.organizationId.toHexString(),
    organizationName: doc.organizationName ?? '',
    ...(doc.creditCode ? { creditCode: doc.creditCode } : {}),
    ...(doc.sector ? { sector: doc.sector } : {}),
    ...(doc.provinceCode ? { provinceCode: doc.provinceCode } : {}),
    ...(doc.content?.title ? { title: doc.content.title } : {}),
    state: doc.state,
    ...(doc.submittedAt ? { submittedAt: iso(doc.submittedAt) } : {}),
    ...(precheck ? { precheck } : {}),
    ...(doc.supplement?.deadline ? { supplementDeadline: iso(doc.supplement.deadline) } : {}),
    updatedAt: iso(doc.updatedAt),
  }
}
