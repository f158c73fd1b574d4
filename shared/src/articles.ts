import { z } from 'zod'
import { ObjectIdSchema } from './experts'
import { pageOf, PageQuerySchema } from './pagination'

/**
 * Articles for the official account (公众号): the measures name it as a channel of the publicity list
 * (第十八条) and of the published list (第十九条); a removal announcement (第二十一条) goes the same way.
 * The server writes the article (title, digest, body with the list as a table, links to the page) from
 * the published record; the office pushes it to the account's **draft box** and sends it from the
 * official-account platform itself — sending stays a human act. The HTML download is always there.
 */
export const ARTICLE_SOURCE_KINDS = ['publicity', 'listing', 'announcement'] as const
export type ArticleSourceKind = (typeof ARTICLE_SOURCE_KINDS)[number]
export const ARTICLE_SOURCE_LABELS: Record<ArticleSourceKind, string> = {
  publicity: '公示名单',
  listing: '公布的名单',
  announcement: '移除公告',
}

/**
 * A push as the office follows it, read from its outbox record: queued (waiting or being sent),
 * retrying (an attempt failed; the outbox tries again with backoff), pushed (in the draft box, with
 * WeChat's media_id), failed (attempts used up or refused for good: the office may push again).
 */
export const ARTICLE_PUSH_STATES = ['queued', 'retrying', 'pushed', 'failed'] as const
export type ArticlePushState = (typeof ARTICLE_PUSH_STATES)[number]
export const ARTICLE_PUSH_STATE_LABELS: Record<ArticlePushState, string> = {
  queued: '排队推送中',
  retrying: '推送失败，稍后自动重试',
  pushed: '已推送到草稿箱',
  failed: '推送失败',
}

/** real / standin push to a draft box (the stand-in's in development); off: only the HTML download. */
export const OFFICIAL_ACCOUNT_MODES = ['real', 'standin', 'off'] as const
export type OfficialAccountMode = (typeof OFFICIAL_ACCOUNT_MODES)[number]

const Instant = z.iso.datetime({ offset: true })

export const ArticleSourceParamsSchema = z.strictObject({
  kind: z.enum(ARTICLE_SOURCE_KINDS),
  id: ObjectIdSchema('来源'),
})
export const ArticleListQuerySchema = PageQuerySchema.extend({ kind: z.enum(ARTICLE_SOURCE_KINDS).optional() })

export const ArticlePushSchema = z
  .strictObject({
    id: z.string(),
    requestedByName: z.string(),
    requestedAt: Instant,
    state: z.enum(ARTICLE_PUSH_STATES),
    stateLabel: z.string(),
    attempts: z.number().int(),
    /** WeChat's id of the draft, once it is in the draft box. */
    mediaId: z.string().optional(),
    pushedAt: Instant.optional(),
    lastError: z.string().optional(),
  })
  .meta({ id: 'ArticlePush' })
export type ArticlePush = z.infer<typeof ArticlePushSchema>

export const OfficialAccountStatusSchema = z
  .strictObject({
    mode: z.enum(OFFICIAL_ACCOUNT_MODES),
    /** False without OA credentials outside the stand-in: the page offers only the HTML download. */
    pushAvailable: z.boolean(),
  })
  .meta({ id: 'OfficialAccountStatus' })
export type OfficialAccountStatus = z.infer<typeof OfficialAccountStatusSchema>

export const ArticleSourceSchema = z
  .strictObject({
    kind: z.enum(ARTICLE_SOURCE_KINDS),
    kindLabel: z.string(),
    id: z.string(),
    /** The article's title (as pushed: at most 32 characters, WeChat's limit). */
    title: z.string(),
    digest: z.string(),
    /** When the source was published. */
    date: Instant,
    /** The H5 page the article's 阅读原文 opens. */
    url: z.string(),
    officialAccount: OfficialAccountStatusSchema,
    /** Newest first. */
    pushes: z.array(ArticlePushSchema),
  })
  .meta({ id: 'ArticleSource' })
export type ArticleSource = z.infer<typeof ArticleSourceSchema>
export const ArticleSourcePageSchema = pageOf(ArticleSourceSchema).meta({ id: 'ArticleSourcePage' })
export type ArticleSourcePage = z.infer<typeof ArticleSourcePageSchema>
