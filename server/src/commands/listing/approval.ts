import mongoose from 'mongoose'
import { formatDate, type ApplicationState, type ApprovalCall, type ApprovalSheet, type Page, type PageQuery, type SignApproval } from '@zlbg/shared'
import { isDuplicateKey } from '../../db/duplicateKey'
import { publicChange } from '../../db/publicVersion'
import { AppError } from '../../http/errors'
import type { Logger } from '../../logger'
import type { Models } from '../../models'
import type { ListingRecord } from '../../models/listing'
import type { PublicityRecord } from '../../models/publicity'
import { outboxItems } from '../../outbox/enqueue'
import { auditEffect, outboxEffects, relayPendingEffects } from '../../outbox/relay'
import type { Actor } from '../../policies'
import { presentApprovalCall, presentApprovalSheet, approvalStage } from '../../presenters/listing/approval'
import { applicationTransition } from '../../workflow/application'
import { listingApprovedNotices, notApprovedNotice } from './notices'

async function loadCall(models: Models, callId: string) {
  const call = await models.Call.findOne({ _id: callId, state: { $ne: 'draft' } }, { title: 1, year: 1 }).lean()
  if (!call) throw new AppError('CALL_NOT_FOUND')
  return call
}

const LIST_FIELDS = { state: 1, window: 1, entries: 1, closedAt: 1, callId: 1 } as const

async function statesOf(models: Models, list: Pick<PublicityRecord, 'entries'> | null): Promise<Map<string, ApplicationState>> {
  if (!list) return new Map()
  const apps = await models.Application.find({ _id: { $in: list.entries.map((e) => e.applicationId) } }, { state: 1 }).lean()
  return new Map(apps.map((a) => [a._id.toHexString(), a.state]))
}

/** A call's approval sheet (第十九条), for the approver and the office. */
export async function approvalSheet(models: Models, callId: string): Promise<ApprovalSheet> {
  const call = await loadCall(models, callId)
  const [list, listing] = await Promise.all([
    models.Publicity.findOne({ callId: call._id }, LIST_FIELDS).lean<PublicityRecord>(),
    models.Listing.findOne({ callId: call._id }).lean<ListingRecord>(),
  ])
  return presentApprovalSheet(call, list, listing, await statesOf(models, list))
}

/**
 * Calls whose publicity has closed with entries that passed, and calls with a listing: awaiting the
 * approver first, then approved, then published; newest call first within each. Calls are few (a
 * handful of batches a year), so the page is cut from the whole set in memory.
 */
export async function approvalCalls(models: Models, { page, pageSize }: PageQuery): Promise<Page<ApprovalCall>> {
  const [lists, listings] = await Promise.all([
    models.Publicity.find({ state: 'closed' }, { state: 1, entries: 1, closedAt: 1, callId: 1 }).lean<PublicityRecord[]>(),
    models.Listing.find({}).lean<ListingRecord[]>(),
  ])
  const listingOf = new Map(listings.map((l) => [l.callId.toHexString(), l]))
  const rows = lists.filter((l) => approvalStage(l, listingOf.get(l.callId.toHexString()) ?? null) !== undefined)
  const calls = await models.Call.find({ _id: { $in: rows.map((r) => r.callId) } }, { title: 1, year: 1, publishedAt: 1 }).lean()
  const ORDER = { awaiting: 0, approved: 1, published: 2 } as const
  const items = calls
    .map((c) => {
      const list = rows.find((r) => r.callId.equals(c._id))!
      return { row: presentApprovalCall(c, list, listingOf.get(c._id.toHexString()) ?? null), publishedAt: c.publishedAt?.getTime() ?? 0 }
    })
    .sort((a, b) => ORDER[a.row.stage] - ORDER[b.row.stage] || b.publishedAt - a.publishedAt || b.row.callId.localeCompare(a.row.callId))
    .map((x) => x.row)
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: items.length }
}

/**
 * Moves each application the listing decided on and that still waits in publicity_passed: `approve`
 * for the approved, `rejectApproval` (with the reason; the organization is told, not the reason) for
 * those held back — each its own conditional update, audit record and notice. The listing exists
 * first, so a sign cut short leaves a listing whose remaining applications the next sign moves.
 * Answers how many it moved.
 */
export async function moveDecidedApplications(models: Models, listing: ListingRecord, { actor, now, logger }: { actor: Actor; now: Date; logger?: Logger }): Promise<number> {
  const reasons = new Map(listing.heldBack.map((h) => [h.applicationId.toHexString(), h.reason]))
  const ids = [...listing.approvedApplicationIds, ...listing.heldBack.map((h) => h.applicationId)]
  const waiting = await models.Application.find({ _id: { $in: ids }, state: 'publicity_passed' }, { _id: 1 }).lean()
  let moved = 0
  for (const app of waiting) {
    const reason = reasons.get(app._id.toHexString())
    try {
      await applicationTransition({
        models,
        id: app._id,
        actor,
        now,
        ...(logger ? { logger } : {}),
        ...(reason === undefined ? { event: 'approve' as const } : { event: 'rejectApproval' as const, reason, effects: { notifyApplicant: notApprovedNotice(models) } }),
      })
      moved++
    } catch (err) {
      // Moved by another request meanwhile: done either way.
      if (!(err instanceof AppError && err.code === 'STATE_CONFLICT')) throw err
    }
  }
  return moved
}

function checkDecisions(pending: readonly string[], input: SignApproval): void {
  const decided = input.decisions.map((d) => d.applicationId)
  const same = decided.length === pending.length && new Set(decided).size === decided.length && decided.every((id) => pending.includes(id))
  if (!same) throw new AppError('LISTING_DECISIONS_MISMATCH')
  if (!input.decisions.some((d) => d.decision === 'approve')) throw new AppError('LISTING_EMPTY')
}

/**
 * The approver signs a call's list (第十九条): a decision for every entry that passed publicity, the
 * held-back ones with reasons. One listing per call (unique callId), created first inside
 * publicChange with its audit record; then the applications move. Signed again by its signer once the
 * listing exists, it finishes what a cut-short sign left; otherwise LISTING_EXISTS.
 */
export async function approvalSigner({
  models,
  actor,
  callId,
  input,
  now = new Date(),
  logger,
}: {
  models: Models
  actor: Actor
  callId: string
  input: SignApproval
  now?: Date
  logger?: Logger
}): Promise<ListingRecord> {
  if (!actor.userId) throw new Error('signing an approval needs a signed-in person')
  const options = { actor, now, ...(logger ? { logger } : {}) }
  const call = await loadCall(models, callId)
  const existing = await models.Listing.findOne({ callId: call._id }).lean<ListingRecord>()
  if (existing) return finishOrRefuse(models, existing, options)

  const list = await models.Publicity.findOne({ callId: call._id }, LIST_FIELDS).lean<PublicityRecord>()
  if (!list || list.state !== 'closed') throw new AppError('LISTING_NOT_READY')
  const states = await statesOf(models, list)
  const passed = list.entries.filter((e) => e.status === 'passed' && states.get(e.applicationId.toHexString()) === 'publicity_passed')
  if (passed.length === 0) throw new AppError('LISTING_NOT_READY')
  checkDecisions(
    passed.map((e) => e.applicationId.toHexString()),
    input,
  )

  const entryOf = new Map(passed.map((e) => [e.applicationId.toHexString(), e]))
  const approved = input.decisions.filter((d) => d.decision === 'approve').map((d) => new mongoose.Types.ObjectId(d.applicationId))
  const heldBack = input.decisions.flatMap((d) =>
    d.decision === 'hold_back'
      ? [{ applicationId: new mongoose.Types.ObjectId(d.applicationId), organizationName: entryOf.get(d.applicationId)!.organizationName, title: entryOf.get(d.applicationId)!.title, reason: d.reason }]
      : [],
  )
  const _id = new mongoose.Types.ObjectId()
  const id = _id.toHexString()
  const doc = {
    _id,
    callId: call._id,
    year: call.year,
    state: 'approved' as const,
    approval: { by: new mongoose.Types.ObjectId(actor.userId), name: actor.displayName ?? '审批人', at: now, ...(input.note ? { note: input.note } : {}) },
    approvedApplicationIds: approved,
    heldBack,
    pendingEffects: [
      auditEffect(`listing:${id}:approve`, actor, {
        action: 'listing.approve',
        resource: { type: 'listing', id },
        to: 'approved',
        reason: `第十九条 批准 ${approved.length} 项${heldBack.length ? `，不予批准 ${heldBack.length} 项：${heldBack.map((h) => `${h.organizationName}《${h.title}》（${h.reason}）`).join('；')}` : ''}${input.note ? `。审批意见：${input.note}` : ''}`,
        at: now,
      }, now),
      // The office is told to publish, with the listing or not at all.
      ...outboxEffects(
        (await listingApprovedNotices(models, { callTitle: call.title, approved: approved.length, heldBack: heldBack.length })).flatMap((n) =>
          outboxItems(n, `listing:${id}:approved`, { type: 'listing', id }),
        ),
        now,
      ),
    ],
  }
  try {
    await publicChange(models.Listing.db, 'listing', () => models.Listing.create(doc), logger ? { logger } : {})
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    // Signed by another request meanwhile: that signature stands.
    const other = await models.Listing.findOne({ callId: call._id }).lean<ListingRecord>()
    if (!other) throw err
    return finishOrRefuse(models, other, options)
  }
  await relayPendingEffects(models, models.Listing, _id).catch((err) => logger?.warn({ err }, 'listing approval audit relay failed; the relay job will finish it'))
  const listing = (await models.Listing.findById(_id).lean<ListingRecord>())!
  await moveDecidedApplications(models, listing, options)
  return listing
}

/**
 * A listing exists: its own signer completes what a cut-short sign left (the moves are audited as
 * theirs); anyone else — another approver racing, or coming later — is told who signed.
 */
async function finishOrRefuse(models: Models, listing: ListingRecord, options: { actor: Actor; now: Date; logger?: Logger }): Promise<ListingRecord> {
  if (listing.approval.by.toHexString() === options.actor.userId && (await moveDecidedApplications(models, listing, options)) > 0) return listing
  throw new AppError('LISTING_EXISTS', {
    message: `该征集的名单已于${formatDate(listing.approval.at)}由${listing.approval.name}签署批准，每个征集只批准一次`,
  })
}
