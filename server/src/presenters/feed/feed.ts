import {
  FEED_KIND_LABELS,
  FEED_SIZE,
  PAGES,
  type Feed,
  type FeedItem,
  type FeedKind,
  type ListedExperience,
} from '@zlbg/shared'
import type { Models } from '../../models'
import type { CallRecord } from '../../models/call'
import type { ListedExperienceRecord, ListingRecord, RemovalRecord } from '../../models/listing'
import type { PublicityRecord } from '../../models/publicity'
import { presentListedExperience } from '../listing/experience'
import { presentPublicities } from '../publicity/publicity'
import { publicityItemTitle, publicityPageUrl, publicityText } from '../publicity/feed'
import { atomDocument } from './atom'
import { h5PageUrl } from './links'

const FEED_TITLE = '质量标杆典型经验征集'
const FEED_DESCRIPTION = '中国质量协会质量标杆典型经验征集：征集通知与更正（第五条）、推荐名单公示（第十八条）、公布的名单（第十九条）、移除公告（第二十一条）'
const CALL_EXCERPT = 300

/** One entry before it is written as JSON Feed or Atom. */
interface Entry {
  kind: FeedKind
  sourceId: string
  id: string
  url: string
  title: string
  text: string
  published: Date
  modified: Date
}

const excerpt = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text)

function experienceLine(e: ListedExperience, i: number): string {
  const where = [e.sector, e.region].filter(Boolean).join('，')
  return `${i + 1}. ${e.organizationName}：${e.title}${where ? `（${where}）` : ''}${e.state === 'removed' ? ` [${e.stateLabel}]` : ''}`
}

/**
 * Everything public the feed carries, newest change first, at most FEED_SIZE: each source's newest
 * FEED_SIZE are enough, since no more than that many can make the cut. Only what the public pages
 * show: published calls and their corrections, publicity lists (their public snapshot), published
 * lists with their experiences (removed ones marked), published announcements.
 */
export async function feedEntries(models: Models, base: string): Promise<Entry[]> {
  const calls = await models.Call.find({ state: { $in: ['published', 'closed'] } }, { title: 1, year: 1, body: 1, publishedAt: 1, corrections: 1 })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(FEED_SIZE)
    .lean<Pick<CallRecord, '_id' | 'title' | 'year' | 'body' | 'publishedAt' | 'corrections'>[]>()
  const entries: Entry[] = []
  for (const c of calls) {
    const id = c._id.toHexString()
    const url = h5PageUrl(base, PAGES.callDetail, { id })
    const published = c.publishedAt ?? new Date(0)
    const corrections = c.corrections ?? []
    entries.push({
      kind: 'call',
      sourceId: id,
      id: `urn:zlbg:call:${id}`,
      url,
      title: c.title,
      text: [`${c.year} 年度征集通知`, excerpt(c.body ?? '', CALL_EXCERPT)].filter(Boolean).join('\n'),
      published,
      modified: corrections.at(-1)?.at ?? published,
    })
    // 第五条: a correction after publication is public in its own right; its number never changes (appended only).
    corrections.forEach((k, i) =>
      entries.push({ kind: 'correction', sourceId: id, id: `urn:zlbg:call:${id}:correction:${i + 1}`, url, title: `更正：${c.title}`, text: k.summary, published: k.at, modified: k.at }),
    )
  }

  const lists = await presentPublicities(models, await models.Publicity.find({}, { pendingEffects: 0 }).sort({ publishedAt: -1, _id: -1 }).limit(FEED_SIZE).lean<PublicityRecord[]>())
  for (const p of lists) {
    entries.push({
      kind: 'publicity',
      sourceId: p.id,
      id: `urn:zlbg:publicity:${p.id}`,
      url: publicityPageUrl(base, p),
      title: publicityItemTitle(p),
      text: publicityText(p),
      published: new Date(p.publishedAt),
      modified: new Date(p.closedAt ?? p.publishedAt),
    })
  }

  for (const { listing, callTitle, experiences } of await publishedListings(models, FEED_SIZE)) {
    const id = listing._id.toHexString()
    const publishedAt = listing.publication?.at ?? listing.updatedAt
    // A removal marks its entry on the list (第二十一条): the list's item changes with it.
    const modified = experiences.reduce((max, e) => (e.removal && e.removal.at > max ? e.removal.at : max), publishedAt)
    const shown = experiences.map(presentListedExperience)
    entries.push({
      kind: 'listing',
      sourceId: id,
      id: `urn:zlbg:listing:${id}`,
      url: h5PageUrl(base, PAGES.listing, { year: listing.year }),
      title: `${callTitle} 入选名单（${listing.year} 年度）`,
      text: [`${listing.year} 年度质量标杆典型经验名单，共 ${shown.length} 项（第十九条）`, ...shown.map(experienceLine)].join('\n'),
      published: publishedAt,
      modified,
    })
  }

  for (const r of await publishedAnnouncements(models, FEED_SIZE)) {
    const id = r._id.toHexString()
    const a = r.announcement!
    entries.push({
      kind: 'announcement',
      sourceId: id,
      id: `urn:zlbg:announcement:${id}`,
      url: h5PageUrl(base, PAGES.announcement, { id }),
      title: a.title,
      text: `${a.number}\n${a.body}`,
      published: a.published!.at,
      modified: a.published!.at,
    })
  }

  return entries.sort((x, y) => y.modified.getTime() - x.modified.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).slice(0, FEED_SIZE)
}

/** Published lists (第十九条), newest first, each with its call's title and its experiences in list order. */
export async function publishedListings(models: Models, limit: number, filter: Record<string, unknown> = {}) {
  const listings = await models.Listing.find({ state: 'published', ...filter }, { pendingEffects: 0 }).sort({ 'publication.at': -1, _id: -1 }).limit(limit).lean<ListingRecord[]>()
  if (listings.length === 0) return []
  const [calls, experiences] = await Promise.all([
    models.Call.find({ _id: { $in: listings.map((l) => l.callId) } }, { title: 1 }).lean(),
    models.ListedExperience.find({ listingId: { $in: listings.map((l) => l._id) } }, { creditCode: 0, applicationId: 0, organizationId: 0, importId: 0, key: 0 })
      .sort({ organizationName: 1, _id: 1 })
      .lean<ListedExperienceRecord[]>(),
  ])
  return listings.map((listing) => ({
    listing,
    callTitle: calls.find((c) => c._id.equals(listing.callId))?.title ?? `${listing.year} 年度征集`,
    experiences: experiences.filter((e) => e.listingId?.equals(listing._id)),
  }))
}

/** Removals whose announcement (公告, 第二十一条) is published, newest first. */
export function publishedAnnouncements(models: Models, limit: number, filter: Record<string, unknown> = {}) {
  return models.Removal.find({ 'announcement.published': { $exists: true }, ...filter }, { pendingEffects: 0, facts: 0, evidenceIds: 0 })
    .sort({ 'announcement.published.at': -1, _id: -1 })
    .limit(limit)
    .lean<RemovalRecord[]>()
}

/** JSON Feed 1.1 of the entries (the shape FeedSchema documents). */
export function jsonFeed(entries: readonly Entry[], base: string): Feed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    home_page_url: h5PageUrl(base, PAGES.home),
    feed_url: `${base}/api/feed.json`,
    description: FEED_DESCRIPTION,
    language: 'zh-CN',
    authors: [{ name: '中国质量协会' }],
    items: entries.map(
      (e): FeedItem => ({
        id: e.id,
        url: e.url,
        title: e.title,
        content_text: e.text,
        date_published: e.published.toISOString(),
        date_modified: e.modified.toISOString(),
        tags: [FEED_KIND_LABELS[e.kind]],
        _zlbg: { kind: e.kind, sourceId: e.sourceId },
      }),
    ),
  }
}

/** Atom 1.0 of the same entries. */
export function atomFeed(entries: readonly Entry[], base: string): string {
  return atomDocument({
    id: 'urn:zlbg:feed',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    link: h5PageUrl(base, PAGES.home),
    self: `${base}/api/feed.atom`,
    entries: entries.map((e) => ({ id: e.id, title: e.title, link: e.url, updated: e.modified, published: e.published, text: e.text, categories: [FEED_KIND_LABELS[e.kind]] })),
  })
}
