import { DOMParser, type Element } from '@xmldom/xmldom'

const ATOM_NS = 'http://www.w3.org/2005/Atom'
/** RFC 3339 date-time, as Atom 1.0 requires (RFC 4287 §3.3). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i

const children = (el: Element, name: string) =>
  Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1 && n.namespaceURI === ATOM_NS && n.localName === name)

/**
 * Checks an Atom document against RFC 4287's required elements, strictly (no Atom validator is kept
 * on npm): well-formed XML (xmldom refuses anything else), the feed in the Atom namespace with exactly
 * one id (an IRI), title and updated (RFC 3339), an author on the feed or on every entry; each entry
 * with exactly one id, title and updated, an alternate link with an href, ids unique. Answers the
 * problems found (none: valid) and the entries' ids, titles and links.
 */
export function checkAtom(xml: string): { problems: string[]; entries: { id: string; title: string; link: string; updated: string }[] } {
  const problems: string[] = []
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`not well-formed XML: ${message}`)
    },
  }).parseFromString(xml, 'text/xml')
  const feed = doc.documentElement!
  if (feed.namespaceURI !== ATOM_NS || feed.localName !== 'feed') problems.push('the root is not atom:feed')
  const one = (el: Element, name: string, where: string): string => {
    const found = children(el, name)
    if (found.length !== 1) problems.push(`${where}: ${found.length} atom:${name} (exactly one required)`)
    return found[0]?.textContent?.trim() ?? ''
  }
  const feedId = one(feed, 'id', 'feed')
  if (!IRI.test(feedId)) problems.push(`feed: id ${feedId} is not an IRI`)
  one(feed, 'title', 'feed')
  const updated = one(feed, 'updated', 'feed')
  if (!RFC3339.test(updated)) problems.push(`feed: updated ${updated} is not RFC 3339`)
  const feedAuthor = children(feed, 'author').length > 0
  const entries = children(feed, 'entry').map((entry, i) => {
    const where = `entry ${i + 1}`
    const id = one(entry, 'id', where)
    if (!IRI.test(id)) problems.push(`${where}: id ${id} is not an IRI`)
    const title = one(entry, 'title', where)
    const entryUpdated = one(entry, 'updated', where)
    if (!RFC3339.test(entryUpdated)) problems.push(`${where}: updated ${entryUpdated} is not RFC 3339`)
    if (!feedAuthor && children(entry, 'author').length === 0) problems.push(`${where}: no author, and none on the feed`)
    const alternate = children(entry, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')
    const link = alternate?.getAttribute('href') ?? ''
    if (!link && children(entry, 'content').length === 0) problems.push(`${where}: neither an alternate link nor content`)
    return { id, title, link, updated: entryUpdated }
  })
  const ids = entries.map((e) => e.id)
  if (new Set(ids).size !== ids.length) problems.push('entry ids are not unique')
  return { problems, entries }
}
