import mongoose from 'mongoose'
import { ARTICLE_SOURCE_KINDS, formatDate, PAGES, type ArticleSourceKind, type ListedExperience, type Publicity } from '@zlbg/shared'
import type { Models } from '../models'
import type { ArticleSnapshot } from '../models/article'
import type { PublicityRecord } from '../models/publicity'
import { presentListedExperience } from '../presenters/listing/experience'
import { presentPublicities } from '../presenters/publicity/publicity'
import { publicityPageUrl } from '../presenters/publicity/feed'
import { publishedAnnouncements, publishedListings } from '../presenters/feed/feed'
import { escapeHtml, h5PageUrl } from '../presenters/feed/links'
import { PUBLISHER } from '../presenters/feed/atom'

/**
 * The official account's article for a public record (第十八条、第十九条 name the account as a channel;
 * a removal announcement, 第二十一条, goes the same way): title, digest, the body with the list as a
 * table, and links to the page — in the mini-program (WeChat opens `data-miniprogram-*` links in an
 * article) and, as 阅读原文, the H5 page. Written only from what is already public, every inserted
 * text escaped: an organization's name is data, never markup.
 */
export interface Article extends ArticleSnapshot {
  kind: ArticleSourceKind
  sourceId: string
  /** When the source was published. */
  date: Date
}

/** WeChat's limits for a draft (draft/add): title 32, author 16, digest 128 characters. */
/** WeChat's limits for a draft's article (draft/add): title, author and digest in characters; content under 20,000 characters. */
export const ARTICLE_LIMITS = { title: 32, author: 16, digest: 128, content: 20_000 } as const
const AUTHOR = '质量标杆工作办公室'
const PUBLICITY_SUFFIX = '推荐名单公示'

const clip = (text: string, max: number) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('')
}
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p style="text-indent:2em;line-height:1.75;">${escapeHtml(line)}</p>`)
    .join('\n')

// The grid comes from the table's own attributes, not a style repeated in every cell: a list of a
// hundred entries must stay under WeChat's 20,000-character content limit (ARTICLE_LIMITS.content).
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')
  return `<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px;"><thead><tr style="background:#eef3f9;">${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** The mini-program page (an article link WeChat opens in the mini-program), and the H5 page for anyone else. */
function pageLinks(miniProgramAppId: string | undefined, page: string, query: Record<string, string | number>, h5: string, label: string): string {
  const path = `${page.replace(/^\/+/, '')}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`
  const mini = miniProgramAppId
    ? `<p>在小程序中查看：<a data-miniprogram-appid="${escapeHtml(miniProgramAppId)}" data-miniprogram-path="${escapeHtml(path)}" href="${escapeHtml(h5)}">${escapeHtml(label)}</a></p>\n`
    : ''
  return `${mini}<p>网页版：<a href="${escapeHtml(h5)}">${escapeHtml(h5)}</a></p>`
}

const signature = (date: Date) => `<p style="text-align:right;">${escapeHtml(PUBLISHER)}<br/>${escapeHtml(formatDate(date))}</p>`

export interface ArticleContext {
  models: Models
  /** PUBLIC_BASE_URL. */
  base: string
  /** The mini-program's appid, for the article's link into it; none leaves only the H5 link. */
  miniProgramAppId?: string
}

function publicityArticle(p: Publicity, { base, miniProgramAppId }: ArticleContext): Article {
  const url = publicityPageUrl(base, p)
  const rows = p.entries.map((e, i) => [String(i + 1), e.organizationName, e.title, e.sector ?? '', e.region ?? '', e.statusLabel])
  const content = [
    paragraphs(`根据《质量标杆典型经验征集管理办法》第十八条，现将“${p.callTitle}”推荐名单予以公示，公示期为 5 个工作日。`),
    `<p><strong>公示期：</strong>${escapeHtml(p.window.display)}</p>`,
    table(['序号', '单位名称', '经验名称', '所属领域', '所在地区', '状态'], rows),
    `<p><strong>异议方式与联系人：</strong></p>`,
    paragraphs(p.contact),
    pageLinks(miniProgramAppId, PAGES.publicityDetail, { id: p.id }, url, '公示名单'),
    signature(new Date(p.publishedAt)),
  ].join('\n')
  return {
    kind: 'publicity',
    sourceId: p.id,
    date: new Date(p.publishedAt),
    // The call's title gives way, never the words that say what the article is.
    title: `${clip(p.callTitle, ARTICLE_LIMITS.title - PUBLICITY_SUFFIX.length)}${PUBLICITY_SUFFIX}`,
    author: AUTHOR,
    digest: clip(`${p.callTitle}推荐名单公示，共 ${p.entries.length} 项，公示期：${p.window.display}。`, ARTICLE_LIMITS.digest),
    content,
    contentSourceUrl: url,
  }
}

function listingArticle(
  { id, year, callTitle, publishedAt, experiences }: { id: string; year: number; callTitle: string; publishedAt: Date; experiences: ListedExperience[] },
  { base, miniProgramAppId }: ArticleContext,
): Article {
  const url = h5PageUrl(base, PAGES.listing, { year })
  const anyRemoved = experiences.some((e) => e.state === 'removed')
  const rows = experiences.map((e, i) => [String(i + 1), e.organizationName, e.title, e.sector ?? '', e.region ?? '', ...(anyRemoved ? [e.stateLabel] : [])])
  const content = [
    paragraphs(`根据《质量标杆典型经验征集管理办法》第十九条，经中国质量协会批准，现公布 ${year} 年度质量标杆典型经验名单（“${callTitle}”），共 ${experiences.length} 项。`),
    table(['序号', '单位名称', '经验名称', '所属领域', '所在地区', ...(anyRemoved ? ['状态'] : [])], rows),
    paragraphs('入选组织应参加中国质量协会组织的质量标杆经验交流活动（第二十条）。'),
    pageLinks(miniProgramAppId, PAGES.listing, { year }, url, `${year} 年度名单`),
    signature(publishedAt),
  ].join('\n')
  return {
    kind: 'listing',
    sourceId: id,
    date: publishedAt,
    title: clip(`${year}年度质量标杆典型经验名单`, ARTICLE_LIMITS.title),
    author: AUTHOR,
    digest: clip(`经中国质量协会批准，${year} 年度质量标杆典型经验名单公布，共 ${experiences.length} 项。`, ARTICLE_LIMITS.digest),
    content,
    contentSourceUrl: url,
  }
}

function announcementArticle(
  { id, number, title, body, publishedAt }: { id: string; number: string; title: string; body: string; publishedAt: Date },
  { base, miniProgramAppId }: ArticleContext,
): Article {
  const url = h5PageUrl(base, PAGES.announcement, { id })
  const content = [
    `<p style="text-align:center;">${escapeHtml(number)}</p>`,
    paragraphs(body),
    pageLinks(miniProgramAppId, PAGES.announcement, { id }, url, '公告原文'),
    signature(publishedAt),
  ].join('\n')
  return {
    kind: 'announcement',
    sourceId: id,
    date: publishedAt,
    title: clip(title, ARTICLE_LIMITS.title),
    author: AUTHOR,
    digest: clip(`${number}：${body}`, ARTICLE_LIMITS.digest),
    content,
    contentSourceUrl: url,
  }
}

/** A source's publication instant, for sorting the office's list without writing every article. */
export interface ArticleHeader {
  kind: ArticleSourceKind
  id: string
  date: Date
}

/** Every source of an article (publicity lists, published lists, published announcements), newest first. */
export async function articleHeaders(models: Models, kind?: ArticleSourceKind): Promise<ArticleHeader[]> {
  const kinds = kind ? [kind] : ARTICLE_SOURCE_KINDS
  const headers: ArticleHeader[] = []
  if (kinds.includes('publicity')) {
    for (const p of await models.Publicity.find({}, { publishedAt: 1 }).lean()) headers.push({ kind: 'publicity', id: p._id.toHexString(), date: p.publishedAt })
  }
  if (kinds.includes('listing')) {
    for (const l of await models.Listing.find({ state: 'published' }, { 'publication.at': 1, updatedAt: 1 }).lean()) {
      headers.push({ kind: 'listing', id: l._id.toHexString(), date: l.publication?.at ?? l.updatedAt })
    }
  }
  if (kinds.includes('announcement')) {
    for (const r of await models.Removal.find({ 'announcement.published': { $exists: true } }, { 'announcement.published.at': 1 }).lean()) {
      headers.push({ kind: 'announcement', id: r._id.toHexString(), date: r.announcement!.published!.at })
    }
  }
  return headers.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? 1 : -1))
}

/** The article for one source; null when it does not exist or is not public (yet). */
export async function loadArticle(ctx: ArticleContext, kind: ArticleSourceKind, id: string): Promise<Article | null> {
  if (!mongoose.isValidObjectId(id)) return null
  const { models } = ctx
  const _id = new mongoose.Types.ObjectId(id)
  if (kind === 'publicity') {
    const doc = await models.Publicity.findById(_id, { pendingEffects: 0 }).lean<PublicityRecord>()
    if (!doc) return null
    const [p] = await presentPublicities(models, [doc])
    return publicityArticle(p!, ctx)
  }
  if (kind === 'listing') {
    const [found] = await publishedListings(models, 1, { _id })
    if (!found) return null
    return listingArticle(
      {
        id,
        year: found.listing.year,
        callTitle: found.callTitle,
        publishedAt: found.listing.publication?.at ?? found.listing.updatedAt,
        experiences: found.experiences.map(presentListedExperience),
      },
      ctx,
    )
  }
  const [r] = await publishedAnnouncements(models, 1, { _id })
  if (!r?.announcement?.published) return null
  const a = r.announcement
  return announcementArticle({ id, number: a.number, title: a.title, body: a.body, publishedAt: a.published!.at }, ctx)
}

/** The article as a complete HTML page: for the office to paste into the platform when there is no push. */
export function articleHtmlDocument(a: Article): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${escapeHtml(a.title)}</title>`,
    `<meta name="description" content="${escapeHtml(a.digest)}"/>`,
    `<meta name="author" content="${escapeHtml(a.author)}"/>`,
    '</head>',
    '<body style="max-width:720px;margin:0 auto;padding:16px;font-family:sans-serif;">',
    `<h1 style="font-size:22px;">${escapeHtml(a.title)}</h1>`,
    `<p style="color:#666;">${escapeHtml(a.author)}　摘要：${escapeHtml(a.digest)}</p>`,
    a.content,
    `<p><a href="${escapeHtml(a.contentSourceUrl)}">阅读原文</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
