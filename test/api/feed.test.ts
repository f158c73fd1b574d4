import { FeedSchema, PublicityFeedSchema } from '@zlbg/shared'
import { publicChange } from '../../server/src/db/publicVersion'
import { call } from '../support/api'
import { checkAtom } from '../support/atom'
import { buildCall } from '../support/factories'
import { buildPublicityList, buildPublishedAnnouncement, buildPublishedListing } from '../support/publicRecords'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The one public feed (第五条、第十八条、第十九条、第二十一条): calls, corrections, publicity lists,
 * published lists and announcements, as JSON Feed 1.1 (checked against the documented zod schema) and
 * Atom 1.0 (checked against RFC 4287's required elements), with stable ids and absolute links under
 * PUBLIC_BASE_URL (the test server's own address), cached, the same bytes while nothing changes.
 */
let t: TestServer
const HOSTILE = '<script>alert("x")</script>&有限公司'
let ids: { call: string; publicity: string; listing: string; removal: string; experience: string }

beforeAll(async () => {
  t = await startTestServer('feed')
  const c = await buildCall(t.db.models)
  await publicChange(t.db.connection, 'calls', () =>
    t.db.models.Call.updateOne({ _id: c._id }, { $push: { corrections: { at: new Date(Date.now() - 3_600_000), summary: '更正联系电话为 010-68419999' } } }),
  )
  const list = await buildPublicityList(t.db, { call: c, entries: [{ organizationName: HOSTILE, title: '数字化质量管理实践', sector: 'manufacturing', provinceCode: '11' }] })
  const published = await buildPublishedListing(t.db, {
    entries: [
      { organizationName: '甲制造有限公司', title: '全员质量管理', sector: 'manufacturing', provinceCode: '31' },
      { organizationName: '乙建筑集团', title: '工地质量数字孪生', sector: 'construction' },
    ],
  })
  const removed = published.experiences[1]!
  const removal = await buildPublishedAnnouncement(t.db, {
    experienceId: removed._id,
    callId: published.call._id,
    title: '关于移除乙建筑集团质量标杆典型经验的公告',
    body: '经查实，乙建筑集团申报材料弄虚作假。根据第二十一条，将其“工地质量数字孪生”移出名单。',
  })
  ids = {
    call: c._id.toHexString(),
    publicity: list._id.toHexString(),
    listing: published.listing._id.toHexString(),
    removal: removal._id.toHexString(),
    experience: removed._id.toHexString(),
  }
})
afterAll(() => t.close())

describe('JSON Feed (第五条、第十八条、第十九条、第二十一条)', () => {
  test('carries each kind with a stable urn id and an absolute H5 link, in the documented shape', async () => {
    const res = await call(t, 'GET', '/api/feed.json')
    expect(res.status).toBe(200)
    const feed = FeedSchema.parse(res.body)
    expect(feed.feed_url).toBe(`${t.base}/api/feed.json`)
    const byId = new Map(feed.items.map((i) => [i.id, i]))
    expect(byId.get(`urn:zlbg:call:${ids.call}`)).toMatchObject({ url: `${t.base}/#/pages/call/detail?id=${ids.call}`, _zlbg: { kind: 'call' } })
    expect(byId.get(`urn:zlbg:call:${ids.call}:correction:1`)).toMatchObject({ content_text: '更正联系电话为 010-68419999', tags: ['更正'] })
    expect(byId.get(`urn:zlbg:publicity:${ids.publicity}`)).toMatchObject({ url: `${t.base}/#/pages/publicity/detail?id=${ids.publicity}` })
    const listing = byId.get(`urn:zlbg:listing:${ids.listing}`)!
    expect(listing.url).toMatch(new RegExp(`^${t.base}/#/pages/listing/index\\?year=\\d{4}$`))
    // The removed entry stays on the list, marked (第二十一条).
    expect(listing.content_text).toContain('乙建筑集团：工地质量数字孪生（建筑） [已移除]')
    expect(listing.content_text).toContain('甲制造有限公司：全员质量管理')
    expect(byId.get(`urn:zlbg:announcement:${ids.removal}`)).toMatchObject({
      title: '关于移除乙建筑集团质量标杆典型经验的公告',
      url: `${t.base}/#/subpackages/announcement/detail/index?id=${ids.removal}`,
    })
    for (const item of feed.items) expect(item.url.startsWith(`${t.base}/#/`)).toBe(true)
    // Newest change first.
    const modified = feed.items.map((i) => Date.parse(i.date_modified))
    expect(modified).toEqual([...modified].sort((a, b) => b - a))
    // Text, never markup: the JSON carries the name as it is.
    expect(byId.get(`urn:zlbg:publicity:${ids.publicity}`)!.content_text).toContain(HOSTILE)
  })

  test('nothing unpublished: a listing still awaiting publication and an unpublished announcement stay out', async () => {
    const pending = await buildPublishedListing(t.db, { entries: [{ organizationName: '丙服务公司', title: '服务质量' }] })
    await t.db.models.Listing.updateOne({ _id: pending.listing._id }, { $set: { state: 'approved' }, $unset: { publication: 1 } })
    const draft = await t.db.models.Removal.create({
      listedExperienceId: pending.experiences[0]!._id,
      callId: pending.call._id,
      reasonType: 'fraud',
      facts: '未发布的公告不应出现。',
      state: 'confirmed',
      proposal: { by: pending.call._id, name: '办公室', at: new Date() },
      announcement: { number: '草稿', title: '未发布的公告', body: '草稿正文', draftedAt: new Date() },
    })
    // Written outside publicChange on purpose: read uncached through a fresh marker below.
    await publicChange(t.db.connection, 'listing', async () => undefined)
    const feed = FeedSchema.parse((await call(t, 'GET', '/api/feed.json')).body)
    expect(feed.items.map((i) => i.id)).not.toContain(`urn:zlbg:listing:${pending.listing._id}`)
    expect(feed.items.map((i) => i.id)).not.toContain(`urn:zlbg:announcement:${draft._id}`)
  })
})

describe('Atom 1.0', () => {
  test('is well-formed and has every element RFC 4287 requires; the same entries as the JSON feed', async () => {
    const res = await fetch(`${t.base}/api/feed.atom`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await res.text()
    const { problems, entries } = checkAtom(xml)
    expect(problems).toEqual([])
    const json = FeedSchema.parse((await call(t, 'GET', '/api/feed.json')).body)
    expect(entries.map((e) => e.id)).toEqual(json.items.map((i) => i.id))
    expect(entries.map((e) => e.link)).toEqual(json.items.map((i) => i.url))
    for (const e of entries) expect(e.link.startsWith(`${t.base}/#/`)).toBe(true)
    // An organization's name is escaped text: no raw <script> anywhere in the document.
    expect(xml).not.toContain('<script>')
    expect(xml).toContain('&lt;script&gt;')
  })

  test('the checker is not a rubber stamp: it refuses a feed missing what RFC 4287 requires', () => {
    const valid = '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated><author><name>a</name></author>'
    expect(checkAtom(`${valid}<entry><id>urn:y</id><title>e</title><updated>2026-01-01T00:00:00Z</updated><link href="http://h/"/></entry></feed>`).problems).toEqual([])
    expect(checkAtom(`${valid}<entry><title>e</title><updated>yesterday</updated></entry></feed>`).problems).toEqual([
      'entry 1: 0 atom:id (exactly one required)',
      'entry 1: id  is not an IRI',
      'entry 1: updated yesterday is not RFC 3339',
      'entry 1: neither an alternate link nor content',
    ])
    expect(() => checkAtom('<feed xmlns="http://www.w3.org/2005/Atom"><id>')).toThrow(/well-formed/)
  })
})

describe('stable and cached', () => {
  test('the same bytes and ETag while nothing changed; 304 on If-None-Match; a public change shows at once', async () => {
    const first = await fetch(`${t.base}/api/feed.atom`)
    const second = await fetch(`${t.base}/api/feed.atom`)
    const [a, b] = [await first.text(), await second.text()]
    expect(b).toBe(a)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    const again = await fetch(`${t.base}/api/feed.atom`, { headers: { 'if-none-match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const jsonA = await (await fetch(`${t.base}/api/feed.json`)).text()
    expect(await (await fetch(`${t.base}/api/feed.json`)).text()).toBe(jsonA)

    const c = await buildCall(t.db.models)
    await publicChange(t.db.connection, 'calls', () => t.db.models.Call.updateOne({ _id: c._id }, { $set: { publishedAt: new Date() } }))
    const after = await fetch(`${t.base}/api/feed.atom`)
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'))
    expect(await after.text()).toContain(`urn:zlbg:call:${c._id}`)
  })
})

describe('the publicity feeds (第十八条) link absolutely too', () => {
  test('JSON and Atom items point at the H5 page under PUBLIC_BASE_URL; the Atom is valid', async () => {
    const json = PublicityFeedSchema.parse((await call(t, 'GET', '/api/feed/publicity.json')).body)
    expect(json.items.find((i) => i.id === `urn:zlbg:publicity:${ids.publicity}`)?.url).toBe(`${t.base}/#/pages/publicity/detail?id=${ids.publicity}`)
    const { problems, entries } = checkAtom(await (await fetch(`${t.base}/api/feed/publicity.atom`)).text())
    expect(problems).toEqual([])
    expect(entries.find((e) => e.id === `urn:zlbg:publicity:${ids.publicity}`)?.link).toBe(`${t.base}/#/pages/publicity/detail?id=${ids.publicity}`)
  })
})
