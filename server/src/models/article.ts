import mongoose, { Schema } from 'mongoose'
import { ARTICLE_SOURCE_KINDS, type ArticleSourceKind } from '@zlbg/shared'
import { withPendingEffects } from './pendingEffects'

/** One article as it was pushed: the snapshot the outbox delivers, so a retry sends exactly what the office asked for. */
export interface ArticleSnapshot {
  title: string
  author: string
  digest: string
  /** The body, every inserted text escaped (articles/html.ts). */
  content: string
  /** 阅读原文: the H5 page, carrying the push's id so a retry can find a draft an earlier attempt made. */
  contentSourceUrl: string
}

/**
 * One push of an article to the official account's draft box (第十八条、第十九条: the account is a
 * channel of the lists). Created with its outbox record and audit entry as pending effects (one
 * insert), delivered by the `oa_draft` channel (outbox/officialAccountDraft.ts), which records
 * WeChat's `mediaId` here once: one push, one draft, however often the worker retries.
 */
export interface ArticlePushRecord {
  _id: mongoose.Types.ObjectId
  sourceKind: ArticleSourceKind
  sourceId: mongoose.Types.ObjectId
  article: ArticleSnapshot
  requestedBy: { by: mongoose.Types.ObjectId; name: string; at: Date }
  /** The outbox record that delivers it. */
  outboxKey: string
  /**
   * draft/add calls started for it, counted before each call: a push tried before may have made a
   * draft whose answer was lost, so the next try looks for it first. Kept here, not read from the
   * outbox record, whose attempts the office's retry resets.
   */
  draftAttempts: number
  mediaId?: string
  pushedAt?: Date
  /**
   * 'open' while the push is under way, `closed:<id>` once pushed or given up: unique with the source,
   * so two concurrent requests cannot both start a push of one article (no partial index needed).
   */
  slot: string
  createdAt: Date
  updatedAt: Date
}

const ArticlePushSchema = new Schema<ArticlePushRecord>(
  {
    sourceKind: { type: String, enum: ARTICLE_SOURCE_KINDS, required: true },
    sourceId: { type: Schema.Types.ObjectId, required: true },
    article: {
      type: new Schema<ArticleSnapshot>(
        {
          title: { type: String, required: true },
          author: { type: String, required: true },
          digest: { type: String, required: true },
          content: { type: String, required: true },
          contentSourceUrl: { type: String, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
    requestedBy: {
      type: new Schema({ by: { type: Schema.Types.ObjectId, required: true }, name: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false, strict: 'throw' }),
      required: true,
    },
    outboxKey: { type: String, required: true },
    draftAttempts: { type: Number, required: true, default: 0 },
    mediaId: String,
    pushedAt: Date,
    slot: { type: String, required: true, default: 'open' },
  },
  { timestamps: true, strict: 'throw', collection: 'articlepushes' },
)
ArticlePushSchema.index({ sourceKind: 1, sourceId: 1, createdAt: -1 })
ArticlePushSchema.index({ sourceKind: 1, sourceId: 1, slot: 1 }, { unique: true })
withPendingEffects(ArticlePushSchema)

/**
 * Permanent material the official account keeps for us, one per app and purpose (`<appid>:cover`):
 * the default cover every news article needs (thumb_media_id), uploaded once.
 */
export interface OfficialAccountMaterialRecord {
  _id: string
  mediaId: string
  url?: string
  uploadedAt: Date
}

const OfficialAccountMaterialSchema = new Schema<OfficialAccountMaterialRecord>(
  { _id: { type: String, required: true }, mediaId: { type: String, required: true }, url: String, uploadedAt: { type: Date, required: true } },
  { strict: 'throw', collection: 'officialaccountmaterials' },
)

export function articleModels(connection: mongoose.Connection) {
  return {
    ArticlePush: connection.model<ArticlePushRecord>('ArticlePush', ArticlePushSchema),
    OfficialAccountMaterial: connection.model<OfficialAccountMaterialRecord>('OfficialAccountMaterial', OfficialAccountMaterialSchema),
  }
}
