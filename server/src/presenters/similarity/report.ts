import mongoose from 'mongoose'
import {
  DEFAULT_HIDE_IDENTITY_FROM_EXPERTS,
  DEFAULT_SIMILARITY_THRESHOLD,
  similarityFlagMachine,
  type SimilarityField,
  type SimilarityMatch,
  type SimilarityReport,
  type SimilaritySettings,
} from '@zlbg/shared'
import type { Models } from '../../models'
import type { ApplicationRecord } from '../../models/application'
import type { PassageSideRecord, SimilarityFingerprintRecord, SimilarityFlagRecord } from '../../models/similarity'
import type { Actor } from '../../policies'
import { isSimilarityField } from '../../similarity/corpus'

/** The closest documents shown, and the passages shown per document. */
export const REPORT_MAX_MATCHES = 20
export const REPORT_MAX_PASSAGES = 100
/** Characters of context shown around a passage. */
const CONTEXT = 24

export function excerpt(doc: Pick<SimilarityFingerprintRecord, 'fields'> | undefined, side: PassageSideRecord) {
  const text = doc?.fields.find((f) => f.field === side.field)?.text ?? ''
  return {
    field: (isSimilarityField(side.field) ? side.field : 'summary') as SimilarityField,
    start: side.start,
    end: side.end,
    before: text.slice(Math.max(0, side.start - CONTEXT), side.start),
    text: text.slice(side.start, side.end),
    after: text.slice(side.end, side.end + CONTEXT),
  }
}

export function presentFlag(flag: SimilarityFlagRecord, actor: Actor): NonNullable<SimilarityMatch['flag']> {
  return {
    id: flag._id.toHexString(),
    state: flag.state,
    ...(flag.conclusion
      ? { reason: flag.conclusion.reason, concludedBy: flag.conclusion.by, concludedAt: flag.conclusion.at.toISOString() }
      : {}),
    events: similarityFlagMachine.allowedEvents(flag.state, actor.roles),
  }
}

/**
 * The office's similarity report of one application (第二十一条): the other documents sharing text
 * with it, closest first, each with the share of this application's text found there and the shared
 * passages side by side. Office only ('similarity.read'): the other side is another organization's
 * material, which 第十三条 keeps from every applicant.
 */
export async function presentSimilarityReport(models: Models, app: ApplicationRecord, actor: Actor): Promise<SimilarityReport> {
  const [self, pairs, flags, settings] = await Promise.all([
    models.SimilarityFingerprint.findById(app._id, { bands: 0 }).lean(),
    models.SimilarityPair.find({ ids: app._id }).lean(),
    models.SimilarityFlag.find({ applicationId: app._id }).lean(),
    models.SimilaritySettings.findById(app.callId, { thresholdPercent: 1 }).lean(),
  ])
  const oriented = pairs
    .map((p) => {
      const mine = p.ids[0].equals(app._id) ? 0 : 1
      return {
        otherId: p.ids[1 - mine]!,
        share: p.shares[mine]!,
        otherShare: p.shares[1 - mine]!,
        sharedChars: p.sharedChars,
        passages: p.passages.map((x) => (mine === 0 ? { self: x.a, other: x.b, length: x.length } : { self: x.b, other: x.a, length: x.length })),
      }
    })
    .sort((x, y) => y.share - x.share || y.otherShare - x.otherShare)
    .slice(0, REPORT_MAX_MATCHES)
  const others = await models.SimilarityFingerprint.find({ _id: { $in: oriented.map((o) => o.otherId) } }, { bands: 0 }).lean()
  const otherById = new Map(others.map((o) => [o._id.toHexString(), o]))
  const flagByOther = new Map(flags.map((f) => [f.otherId.toHexString(), f]))

  const matches = oriented.flatMap((o): SimilarityMatch[] => {
    const other = otherById.get(o.otherId.toHexString())
    if (!other) return []
    const flag = flagByOther.get(o.otherId.toHexString())
    return [
      {
        other: {
          kind: other.kind,
          id: other._id.toHexString(),
          title: other.title,
          organizationName: other.organizationName,
          year: other.year,
          sameCall: !!other.callId && other.callId.equals(app.callId),
          sameOrganization: !!other.organizationId && other.organizationId.equals(app.organizationId),
          ...(other.receiptNumber ? { receiptNumber: other.receiptNumber } : {}),
        },
        share: o.share,
        otherShare: o.otherShare,
        sharedChars: o.sharedChars,
        ...(flag ? { flag: presentFlag(flag, actor) } : {}),
        passages: o.passages
          .sort((x, y) => y.length - x.length)
          .slice(0, REPORT_MAX_PASSAGES)
          .map((p) => ({ length: p.length, self: excerpt(self ?? undefined, p.self), other: excerpt(other, p.other) })),
      },
    ]
  })
  return {
    applicationId: app._id.toHexString(),
    title: app.content?.title ?? '',
    organizationName: app.organizationName ?? '',
    ...(app.receiptNumber ? { receiptNumber: app.receiptNumber } : {}),
    callId: app.callId.toHexString(),
    status: app.similarityDueAt ? 'pending' : self ? 'done' : 'none',
    ...(self ? { checkedAt: self.checkedAt.toISOString() } : {}),
    thresholdPercent: settings?.thresholdPercent ?? DEFAULT_SIMILARITY_THRESHOLD,
    countedChars: self?.countedChars ?? 0,
    matches,
  }
}

/** The flag column of the office's list: flags, open ones and the largest share, per application. */
export async function similaritySummaries(models: Models, ids: readonly mongoose.Types.ObjectId[]) {
  const [pairs, flags] = await Promise.all([
    models.SimilarityPair.find({ ids: { $in: ids } }, { ids: 1, shares: 1 }).lean(),
    models.SimilarityFlag.find({ applicationId: { $in: ids } }, { applicationId: 1, state: 1 }).lean(),
  ])
  const out = new Map<string, { flags: number; open: number; maxShare: number }>()
  const entry = (id: string) => out.get(id) ?? out.set(id, { flags: 0, open: 0, maxShare: 0 }).get(id)!
  const wanted = new Set(ids.map((i) => i.toHexString()))
  for (const p of pairs) {
    p.ids.forEach((id, i) => {
      if (wanted.has(id.toHexString())) entry(id.toHexString()).maxShare = Math.max(entry(id.toHexString()).maxShare, p.shares[i]!)
    })
  }
  for (const f of flags) {
    const e = entry(f.applicationId.toHexString())
    e.flags++
    if (f.state === 'open') e.open++
  }
  return out
}

export async function presentSimilaritySettings(models: Models, callId: string): Promise<SimilaritySettings> {
  const s = await models.SimilaritySettings.findById(callId).lean()
  return {
    thresholdPercent: s?.thresholdPercent ?? DEFAULT_SIMILARITY_THRESHOLD,
    templateText: s?.templateText ?? '',
    hideIdentityFromExperts: s?.hideIdentityFromExperts ?? DEFAULT_HIDE_IDENTITY_FROM_EXPERTS,
  }
}
