import type { Models } from '../models'
import { COVER, coverPng } from '../articles/cover'
import { closedSlot, pushMarker } from '../articles/pushes'
import { WeChatError } from '../wechat/client'
import type { OfficialAccountServices } from '../wechat/officialAccount'
import { DeliveryError, type ChannelSender } from './deliver'

/** How far back in the draft box a retry looks for the draft an unanswered attempt may have made. */
const DRAFT_SCAN_PAGES = 5
const DRAFT_PAGE = 20

/**
 * The `oa_draft` channel: one article push (models/article.ts) → one draft in the official account's
 * draft box (第十八条、第十九条). Sending to followers stays a human act on the platform.
 *
 * Idempotent three ways. A push that already holds a media_id is done. A push whose draft/add was
 * called before (`draftAttempts`, counted before each call — also across the office's retry from
 * 发送记录, which resets the outbox record's attempts) first looks through the newest drafts for the
 * push's marker in 阅读原文 (pushes.ts): an attempt that timed out after WeChat had created the draft
 * has left it there, and it is recorded instead of made again. The media_id is written only where none is, so two workers record one draft.
 * The cover (thumb_media_id, required by WeChat) is uploaded once per account and kept; if WeChat
 * no longer knows it (deleted on the platform), it is forgotten and uploaded again on the retry.
 */
export function officialAccountDraftChannel({ models, oa }: { models: Models; oa: OfficialAccountServices }): ChannelSender {
  const coverId = `${oa.client.appId}:cover`

  async function cover(token: string, now: Date): Promise<string> {
    const kept = await models.OfficialAccountMaterial.findById(coverId).lean()
    if (kept) return kept.mediaId
    const uploaded = await oa.client.addImageMaterial(token, { ...COVER, bytes: coverPng() })
    // Two workers uploading at once keep the first one stored; the other image just sits in the library.
    const stored = await models.OfficialAccountMaterial.findOneAndUpdate(
      { _id: coverId },
      { $setOnInsert: { mediaId: uploaded.mediaId, ...(uploaded.url ? { url: uploaded.url } : {}), uploadedAt: now } },
      { upsert: true, new: true },
    ).lean()
    return stored!.mediaId
  }

  async function findEarlierDraft(token: string, marker: string): Promise<string | undefined> {
    for (let page = 0; page < DRAFT_SCAN_PAGES; page++) {
      const { totalCount, items } = await oa.client.listDrafts(token, { offset: page * DRAFT_PAGE, count: DRAFT_PAGE })
      const found = items.find((d) => d.articles.some((a) => a.contentSourceUrl.includes(marker)))
      if (found) return found.mediaId
      if ((page + 1) * DRAFT_PAGE >= totalCount) return undefined
    }
    return undefined
  }

  return async (record, { now }) => {
    const push = await models.ArticlePush.findById(record.cause.id).lean()
    if (!push) throw new DeliveryError(`article push ${record.cause.id} does not exist`, true)
    if (push.mediaId) return { status: 'sent' }
    let mediaId: string
    try {
      mediaId = await oa.tokens.withToken(async (token) => {
        const thumbMediaId = await cover(token, now)
        // Counted before the call: whatever happens to its answer, the next try knows to look first.
        const before = await models.ArticlePush.findOneAndUpdate({ _id: push._id }, { $inc: { draftAttempts: 1 } }, { new: false, projection: { draftAttempts: 1 } }).lean()
        const earlier = (before?.draftAttempts ?? 0) > 0 ? await findEarlierDraft(token, pushMarker(push._id.toHexString())) : undefined
        if (earlier) return earlier
        const created = await oa.client.addDraft(token, [{ ...push.article, thumbMediaId }])
        return created.mediaId
      })
    } catch (err) {
      if (err instanceof WeChatError && err.kind === 'media_invalid') {
        await models.OfficialAccountMaterial.deleteOne({ _id: coverId })
        throw err
      }
      if (err instanceof WeChatError && err.kind === 'rejected') throw new DeliveryError(err.message, true)
      throw err
    }
    await models.ArticlePush.updateOne({ _id: push._id, mediaId: { $exists: false } }, { $set: { mediaId, pushedAt: now, slot: closedSlot(push._id) } })
    return { status: 'sent' }
  }
}
