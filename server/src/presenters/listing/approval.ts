import {
  APPROVAL_DECISION_LABELS,
  APPROVAL_STAGE_LABELS,
  LISTING_STATE_LABELS,
  PUBLICITY_ENTRY_STATUS_LABELS,
  publicityWindowDisplay,
  type ApplicationState,
  type ApprovalCall,
  type ApprovalSheet,
  type ApprovalStage,
  type ListingSignature,
} from '@zlbg/shared'
import type { ListingRecord, Signature } from '../../models/listing'
import type { PublicityRecord } from '../../models/publicity'
import { publicEntryFields } from '../publicity/publicity'

export const presentSignature = (s: Signature): ListingSignature => ({ name: s.name, at: s.at.toISOString(), ...(s.note ? { note: s.note } : {}) })

type ListPart = Pick<PublicityRecord, '_id' | 'state' | 'window' | 'entries' | 'closedAt'>

/**
 * Where a call stands: its listing's state once signed; awaiting while its publicity is closed with
 * entries that passed (第十八条); otherwise nothing to approve yet.
 */
export function approvalStage(list: Pick<ListPart, 'state' | 'entries'> | null, listing: Pick<ListingRecord, 'state'> | null): ApprovalStage | undefined {
  if (listing) return listing.state
  if (list?.state === 'closed' && list.entries.some((e) => e.status === 'passed')) return 'awaiting'
  return undefined
}

/** 公示尚未开始 / 公示中: why a call has nothing to approve. */
function notReadyLabel(list: Pick<ListPart, 'state'> | null): string {
  if (!list) return '尚未公示'
  return list.state === 'open' ? '公示中，尚不能审批' : '公示已结束，没有公示通过的条目'
}

/**
 * The approval sheet (第十九条): each publicity entry as the public saw it with its outcome, which ones
 * the approver still decides on, and — once signed — the decision, with the reason for one held back.
 * Nothing of the review (scores, comments, reviewers): the approver is not the committee (第十三条).
 */
export function presentApprovalSheet(
  call: { _id: { toHexString(): string }; title: string; year: number },
  list: ListPart | null,
  listing: ListingRecord | null,
  states: ReadonlyMap<string, ApplicationState>,
): ApprovalSheet {
  const stage = approvalStage(list, listing)
  const approved = new Set((listing?.approvedApplicationIds ?? []).map((id) => id.toHexString()))
  const heldBack = new Map((listing?.heldBack ?? []).map((h) => [h.applicationId.toHexString(), h.reason]))
  return {
    callId: call._id.toHexString(),
    callTitle: call.title,
    year: call.year,
    ...(stage ? { stage } : {}),
    stageLabel: stage ? APPROVAL_STAGE_LABELS[stage] : notReadyLabel(list),
    ...(list
      ? { publicity: { id: list._id.toHexString(), windowDisplay: publicityWindowDisplay(list.window.opensAt, list.window.closesAt), ...(list.closedAt ? { closedAt: list.closedAt.toISOString() } : {}) } }
      : {}),
    entries: (list?.entries ?? []).map((e) => {
      const id = e.applicationId.toHexString()
      const decision = approved.has(id) ? ('approve' as const) : heldBack.has(id) ? ('hold_back' as const) : undefined
      return {
        applicationId: id,
        ...publicEntryFields(e),
        publicityStatusLabel: PUBLICITY_ENTRY_STATUS_LABELS[e.status],
        decidable: stage === 'awaiting' && e.status === 'passed' && states.get(id) === 'publicity_passed',
        ...(decision ? { decision, decisionLabel: APPROVAL_DECISION_LABELS[decision] } : {}),
        ...(decision === 'hold_back' ? { reason: heldBack.get(id)! } : {}),
      }
    }),
    ...(listing
      ? {
          listing: {
            id: listing._id.toHexString(),
            state: listing.state,
            stateLabel: LISTING_STATE_LABELS[listing.state],
            approval: presentSignature(listing.approval),
            ...(listing.publication ? { publication: presentSignature(listing.publication) } : {}),
            approvedCount: listing.approvedApplicationIds.length,
            heldBackCount: listing.heldBack.length,
          },
        }
      : {}),
  }
}

/** One row of the approver's queue and the office's 名单管理. */
export function presentApprovalCall(
  call: { _id: { toHexString(): string }; title: string; year: number },
  list: Pick<PublicityRecord, '_id' | 'state' | 'entries' | 'closedAt'>,
  listing: ListingRecord | null,
): ApprovalCall {
  const stage = approvalStage(list, listing) ?? 'awaiting'
  return {
    callId: call._id.toHexString(),
    callTitle: call.title,
    year: call.year,
    stage,
    stageLabel: APPROVAL_STAGE_LABELS[stage],
    publicityId: list._id.toHexString(),
    ...(list.closedAt ? { publicityClosedAt: list.closedAt.toISOString() } : {}),
    passedCount: list.entries.filter((e) => e.status === 'passed').length,
    ...(listing
      ? {
          listingId: listing._id.toHexString(),
          approvedCount: listing.approvedApplicationIds.length,
          heldBackCount: listing.heldBack.length,
          approval: presentSignature(listing.approval),
          ...(listing.publication ? { publication: presentSignature(listing.publication) } : {}),
        }
      : {}),
  }
}
