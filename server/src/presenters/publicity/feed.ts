import { PAGES, type Publicity, type PublicityFeed } from '@zlbg/shared'
import { atomDocument } from '../feed/atom'
import { h5PageUrl } from '../feed/links'

const FEED_TITLE = '质量标杆典型经验公示'
const FEED_DESCRIPTION = '中国质量协会质量标杆典型经验征集：推荐名单公示（公示期 5 个工作日，第十八条）'

/** The H5 page of a list, absolute (PUBLIC_BASE_URL): the feed is read on other sites. */
export const publicityPageUrl = (base: string, p: Pick<Publicity, 'id'>) => h5PageUrl(base, PAGES.publicityDetail, { id: p.id })
export const publicityItemTitle = (p: Publicity) => `${p.callTitle} 推荐名单公示（${p.stateLabel}）`

/** The list as plain text: the feed carries what the page shows, and nothing else. */
export function publicityText(p: Publicity): string {
  const lines = p.entries.map((e, i) => `${i + 1}. ${e.organizationName}：${e.title}${[e.sector, e.region].filter(Boolean).length ? `（${[e.sector, e.region].filter(Boolean).join('，')}）` : ''}${e.status === 'listed' ? '' : ` [${e.statusLabel}]`}`)
  return [`公示期：${p.window.display}`, ...lines, `异议方式与联系人：${p.contact}`].join('\n')
}

/** JSON Feed 1.1 (jsonfeed.org), each item carrying the list itself under `_publicity`. */
export function publicityJsonFeed(lists: readonly Publicity[], base: string): PublicityFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    language: 'zh-CN',
    items: lists.map((p) => ({
      id: `urn:zlbg:publicity:${p.id}`,
      url: publicityPageUrl(base, p),
      title: publicityItemTitle(p),
      content_text: publicityText(p),
      date_published: p.publishedAt,
      date_modified: p.closedAt ?? p.publishedAt,
      _publicity: p,
    })),
  }
}

/** Atom 1.0 of the same lists. */
export function publicityAtomFeed(lists: readonly Publicity[], base: string): string {
  return atomDocument({
    id: 'urn:zlbg:publicity',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    link: h5PageUrl(base, PAGES.publicity),
    self: `${base}/api/feed/publicity.atom`,
    entries: lists.map((p) => ({
      id: `urn:zlbg:publicity:${p.id}`,
      title: publicityItemTitle(p),
      link: publicityPageUrl(base, p),
      updated: new Date(p.closedAt ?? p.publishedAt),
      published: new Date(p.publishedAt),
      text: publicityText(p),
    })),
  })
}
