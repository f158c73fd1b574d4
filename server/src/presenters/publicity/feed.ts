import { Feed } from 'feed'
import { PAGES, type Publicity, type PublicityFeed } from '@zlbg/shared'

const FEED_TITLE = '质量标杆典型经验公示'
const FEED_DESCRIPTION = '中国质量协会质量标杆典型经验征集：推荐名单公示（公示期 5 个工作日，第十八条）'

/** The H5 page of a list, relative to the site serving the feed (Atom and JSON Feed resolve it against the feed's address). */
const pageOf = (p: Publicity) => `/#${PAGES.publicityDetail}?id=${p.id}`
const itemTitle = (p: Publicity) => `${p.callTitle} 推荐名单公示（${p.stateLabel}）`

/** The list as plain text: the feed carries what the page shows, and nothing else. */
function textOf(p: Publicity): string {
  const lines = p.entries.map((e, i) => `${i + 1}. ${e.organizationName}：${e.title}${[e.sector, e.region].filter(Boolean).length ? `（${[e.sector, e.region].filter(Boolean).join('，')}）` : ''}${e.status === 'listed' ? '' : ` [${e.statusLabel}]`}`)
  return [`公示期：${p.window.display}`, ...lines, `异议方式与联系人：${p.contact}`].join('\n')
}

const lastChange = (lists: readonly Publicity[]) => lists.map((p) => p.closedAt ?? p.publishedAt).sort().at(-1)

/** JSON Feed 1.1 (jsonfeed.org), each item carrying the list itself under `_publicity`. */
export function publicityJsonFeed(lists: readonly Publicity[]): PublicityFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    language: 'zh-CN',
    items: lists.map((p) => ({
      id: `urn:zlbg:publicity:${p.id}`,
      url: pageOf(p),
      title: itemTitle(p),
      content_text: textOf(p),
      date_published: p.publishedAt,
      date_modified: p.closedAt ?? p.publishedAt,
      _publicity: p,
    })),
  }
}

/** HTML-escaped: Atom carries titles and content as HTML (the `feed` package wraps them in CDATA). */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Atom 1.0 of the same lists. `updated` is the newest change, so an unchanged list set gives the same bytes (and ETag). */
export function publicityAtomFeed(lists: readonly Publicity[]): string {
  const updated = lastChange(lists)
  const feed = new Feed({
    id: 'urn:zlbg:publicity',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    language: 'zh-CN',
    link: `/#${PAGES.publicity}`,
    updated: new Date(updated ?? 0),
    copyright: '中国质量协会',
    generator: '质量标杆典型经验征集系统',
  })
  for (const p of lists) {
    feed.addItem({
      id: `urn:zlbg:publicity:${p.id}`,
      title: html(itemTitle(p)),
      link: pageOf(p),
      date: new Date(p.closedAt ?? p.publishedAt),
      published: new Date(p.publishedAt),
      content: html(textOf(p)).replace(/\n/g, '<br/>'),
    })
  }
  return feed.atom1()
}
