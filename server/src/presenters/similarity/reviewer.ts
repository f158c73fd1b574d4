import type mongoose from 'mongoose'
import type { ReviewerSimilarity, ReviewerSimilarityFlag, SimilarityFlagState, SimilaritySettings } from '@zlbg/shared'
import type { Models } from '../../models'
import type { Actor } from '../../policies'
import { mayKnowOtherApplicant } from '../../policies/rules/similarity'
import { maskEdits } from '../../similarity/mask'
import { excerpt, REPORT_MAX_PASSAGES } from './report'

type Id = mongoose.Types.ObjectId
const ORDER: Record<SimilarityFlagState, number> = { open: 0, referred: 1, disqualified: 2, explained: 3 }

/**
 * The flags of applications under review (第十六条, 第二十一条) as an assigned expert or a group leader
 * sees them: the share of the application's text found in the other document and the shared passages —
 * the other document's side without the text around it — and the office's conclusion. Who the other
 * side is, and the office's reason, only when the policy lets the actor know (the call's setting).
 */
export async function presentReviewerSimilarity(
  models: Models,
  actor: Actor,
  settings: SimilaritySettings,
  apps: readonly { _id: Id; content?: { title?: string } }[],
): Promise<ReviewerSimilarity[]> {
  const ids = apps.map((a) => a._id)
  const flags = await models.SimilarityFlag.find({ applicationId: { $in: ids } }).lean()
  const otherIds = flags.map((f) => f.otherId)
  const [pairs, docs] = await Promise.all([
    models.SimilarityPair.find({ ids: { $in: ids } }).lean(),
    models.SimilarityFingerprint.find({ _id: { $in: [...ids, ...otherIds] } }, { bands: 0 }).lean(),
  ])
  const doc = new Map(docs.map((d) => [d._id.toHexString(), d]))
  const knows = mayKnowOtherApplicant(actor, settings)

  return apps.map((app) => {
    const mine = flags
      .filter((f) => f.applicationId.equals(app._id))
      .flatMap((f): ReviewerSimilarityFlag[] => {
        const pair = pairs.find((p) => p.ids.some((i) => i.equals(app._id)) && p.ids.some((i) => i.equals(f.otherId)))
        const other = doc.get(f.otherId.toHexString())
        if (!pair || !other) return []
        const selfIsA = pair.ids[0].equals(app._id)
        const self = doc.get(app._id.toHexString())
        return [
          {
            id: f._id.toHexString(),
            state: f.state,
            ...(f.conclusion ? { concludedAt: f.conclusion.at.toISOString(), ...(knows ? { reason: f.conclusion.reason } : {}) } : {}),
            other: {
              kind: other.kind,
              ...(knows ? { organizationName: other.organizationName, title: other.title, year: other.year } : {}),
            },
            share: pair.shares[selfIsA ? 0 : 1]!,
            sharedChars: pair.sharedChars,
            passages: [...pair.passages]
              .sort((x, y) => y.length - x.length)
              .slice(0, REPORT_MAX_PASSAGES)
              .map((p) => {
                const [s, o] = selfIsA ? [p.a, p.b] : [p.b, p.a]
                // The other document's own words beyond the passage are not the reviewer's to read; when
                // its identity is hidden, neither are its edits inside it (they may be its name).
                const mine = excerpt(self, s)
                const theirs = excerpt(other, o)
                return { length: p.length, self: mine, other: { ...theirs, before: '', after: '', ...(knows ? {} : { text: maskEdits(theirs.text, mine.text) }) } }
              }),
          },
        ]
      })
      .sort((x, y) => ORDER[x.state] - ORDER[y.state] || y.share - x.share)
    return {
      applicationId: app._id.toHexString(),
      title: app.content?.title ?? '',
      thresholdPercent: settings.thresholdPercent,
      identityHidden: !knows,
      flags: mine,
    }
  })
}
