import { z } from 'zod'

/**
 * The one public feed (JSON Feed 1.1 and Atom 1.0) the association's website mirrors (第五条、第十八条、
 * 第十九条、第二十一条): published calls, their corrections, publicity lists, published lists and
 * removal announcements. Every item has a stable id (`urn:zlbg:<kind>:<id>[…]`) and an absolute URL of
 * the H5 page that shows it, built from the server's PUBLIC_BASE_URL.
 */
export const FEED_KINDS = ['call', 'correction', 'publicity', 'listing', 'announcement'] as const
export type FeedKind = (typeof FEED_KINDS)[number]
export const FEED_KIND_LABELS: Record<FeedKind, string> = {
  call: '征集通知',
  correction: '更正',
  publicity: '公示',
  listing: '名单',
  announcement: '公告',
}
/** How many items the feed carries, newest change first. */
export const FEED_SIZE = 50

const Instant = z.iso.datetime({ offset: true })
const AbsoluteUrl = z.url({ protocol: /^https?$/ })

export const FeedItemSchema = z
  .strictObject({
    id: z.string().regex(/^urn:zlbg:[a-z]+:[0-9a-f]{24}(:[a-z]+:\d+)?$/).meta({ description: '稳定标识：urn:zlbg:<类别>:<编号>[…]' }),
    url: AbsoluteUrl.meta({ description: '该条目的 H5 页面（绝对地址）' }),
    title: z.string().min(1),
    content_text: z.string(),
    date_published: Instant,
    date_modified: Instant,
    tags: z.array(z.string()).min(1),
    /** An extension (JSON Feed allows `_` keys): what the item is, for a mirroring site to sort by. */
    _zlbg: z.strictObject({ kind: z.enum(FEED_KINDS), sourceId: z.string() }),
  })
  .meta({ id: 'FeedItem' })
export type FeedItem = z.infer<typeof FeedItemSchema>

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): the documented shape every answer of /api/feed.json parses with. */
export const FeedSchema = z
  .strictObject({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: AbsoluteUrl,
    feed_url: AbsoluteUrl,
    description: z.string(),
    language: z.literal('zh-CN'),
    authors: z.array(z.strictObject({ name: z.string() })),
    items: z.array(FeedItemSchema),
  })
  .meta({ id: 'Feed' })
export type Feed = z.infer<typeof FeedSchema>
