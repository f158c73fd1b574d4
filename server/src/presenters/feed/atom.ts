import { Feed } from 'feed'
import { escapeHtml } from './links'

export interface AtomEntry {
  id: string
  title: string
  /** Absolute. */
  link: string
  /** The entry's last change: Atom's `updated`. */
  updated: Date
  published: Date
  /** Plain text; line breaks become <br/>. */
  text: string
  categories?: string[]
}

export const PUBLISHER = '中国质量协会'

/**
 * An Atom 1.0 document (RFC 4287): the feed's id, title, updated, author (every entry inherits the
 * association) and its self and alternate links; each entry's id, title, updated, link and content.
 * Titles and content go out as escaped HTML (the `feed` package wraps them in CDATA). `updated` is the
 * newest entry's change, never the clock, so an unchanged feed is the same bytes (and ETag).
 */
export function atomDocument({
  id,
  title,
  description,
  link,
  self,
  entries,
}: {
  id: string
  title: string
  description: string
  link: string
  self: string
  entries: readonly AtomEntry[]
}): string {
  const updated = entries.reduce((max, e) => Math.max(max, e.updated.getTime()), 0)
  const feed = new Feed({
    id,
    title,
    description,
    language: 'zh-CN',
    link,
    feedLinks: { atom: self },
    updated: new Date(updated),
    author: { name: PUBLISHER },
    copyright: PUBLISHER,
    generator: '质量标杆典型经验征集系统',
  })
  for (const e of entries) {
    feed.addItem({
      id: e.id,
      title: escapeHtml(e.title),
      link: e.link,
      date: e.updated,
      published: e.published,
      content: escapeHtml(e.text).replace(/\n/g, '<br/>'),
      ...(e.categories ? { category: e.categories.map((name) => ({ name, term: name })) } : {}),
    })
  }
  return feed.atom1()
}
