import { ArticleSourcePageSchema, ArticleSourceSchema } from '@zlbg/shared'
import { ARTICLE_LIMITS, loadArticle } from '../../server/src/articles/article'
import { createDeliveryWorker } from '../../server/src/outbox/deliver'
import { officialAccountDraftChannel } from '../../server/src/outbox/officialAccountDraft'
import { STANDIN_APP_ID, STANDIN_SECRET } from '../../server/src/wechat/config'
import { createOfficialAccountServices } from '../../server/src/wechat/officialAccount'
import { browserUser, call, failure } from '../support/api'
import { silent, testClock, type TestClock } from '../support/notifications'
import { buildPublicityList, buildPublishedAnnouncement, buildPublishedListing } from '../support/publicRecords'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The official account's articles (第十八条、第十九条 name the account as a channel; 第二十一条's
 * announcement goes the same way): written from the public record with every inserted text escaped,
 * downloadable as HTML, pushed through the outbox to the draft box of the WeChat stand-in — one push,
 * one draft, also when an attempt times out before or after WeChat made the draft.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
const HOSTILE = '<script>alert(1)</script>&有限公司'
let ids: { publicity: string; listing: string; removal: string }

beforeAll(async () => {
  t = await startTestServer('articles')
  office = await browserUser(t, ['office'], { displayName: '钱办公室' })
  const list = await buildPublicityList(t.db, { entries: [{ organizationName: HOSTILE, title: '零缺陷<b>管理</b>', sector: 'manufacturing', provinceCode: '11' }, { organizationName: '丁服务公司', title: '服务标准化' }] })
  const published = await buildPublishedListing(t.db, { entries: [{ organizationName: '甲制造有限公司', title: '全员质量管理', sector: 'manufacturing' }, { organizationName: '乙建筑集团', title: '工地质量数字孪生' }] })
  const removal = await buildPublishedAnnouncement(t.db, {
    experienceId: published.experiences[1]!._id,
    callId: published.call._id,
    title: '关于移除乙建筑集团质量标杆典型经验的公告',
    body: '经查实，乙建筑集团申报材料弄虚作假。\n根据第二十一条，将其移出名单。',
  })
  ids = { publicity: list._id.toHexString(), listing: published.listing._id.toHexString(), removal: removal._id.toHexString() }
})
afterAll(() => t.close())

/** The outbox worker with the official account's channel, as the `outbox.deliver` job builds it, on a test clock. */
function draftWorker(clock: TestClock, timeoutMs = 400, maxAttempts = 6) {
  const oa = createOfficialAccountServices({
    options: { baseUrl: t.wechat.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs },
    models: t.db.models,
    instanceId: 'articles-test',
    now: clock.now,
  })
  return createDeliveryWorker({
    models: t.db.models,
    instanceId: 'articles-test',
    logger: silent,
    now: clock.now,
    retry: { maxAttempts, baseMs: 60_000, maxDelayMs: 3_600_000 },
    random: () => 0.5,
    channels: { oa_draft: officialAccountDraftChannel({ models: t.db.models, oa }) },
  })
}
const push = (kind: string, id: string) => call(t, 'POST', `/api/office/articles/${kind}/${id}/pushes`, { token: office.token })
const draftsTitled = (title: string) => t.wechat.drafts().filter((d) => d.articles[0]!.title === title)

describe('the article (第十八条、第十九条、第二十一条)', () => {
  test('the office lists one article per public record, newest first, with the push channel available on the stand-in', async () => {
    const res = await call(t, 'GET', '/api/office/articles', { token: office.token })
    expect(res.status).toBe(200)
    const page = ArticleSourcePageSchema.parse(res.body)
    const kinds = new Map(page.items.map((a) => [`${a.kind}:${a.id}`, a]))
    expect(kinds.get(`publicity:${ids.publicity}`)).toMatchObject({ kindLabel: '公示名单', officialAccount: { mode: 'standin', pushAvailable: true } })
    expect(kinds.get(`listing:${ids.listing}`)?.title).toMatch(/^\d{4}年度质量标杆典型经验名单$/)
    expect(kinds.get(`announcement:${ids.removal}`)?.title).toBe('关于移除乙建筑集团质量标杆典型经验的公告')
    for (const a of page.items) expect([...a.title].length).toBeLessThanOrEqual(32)
    const only = ArticleSourcePageSchema.parse((await call(t, 'GET', '/api/office/articles?kind=listing', { token: office.token })).body)
    expect(only.items.map((a) => a.kind)).toEqual(['listing'])
  })

  test('the HTML download: the list as a table, links to the mini-program and the H5 page, every inserted text escaped', async () => {
    const res = await fetch(`${t.base}/api/office/articles/publicity/${ids.publicity}/html`, { headers: { authorization: `Bearer ${office.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    const html = await res.text()
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>管理')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;有限公司')
    expect(html).toContain('零缺陷&lt;b&gt;管理&lt;/b&gt;')
    expect(html).toMatch(/<table[^>]*>[\s\S]*<th[^>]*>单位名称<\/th>[\s\S]*丁服务公司[\s\S]*<\/table>/)
    expect(html).toContain(`data-miniprogram-appid="${STANDIN_APP_ID}" data-miniprogram-path="pages/publicity/detail?id=${ids.publicity}"`)
    expect(html).toContain(`href="${t.base}/#/pages/publicity/detail?id=${ids.publicity}"`)
    const announcement = await (await fetch(`${t.base}/api/office/articles/announcement/${ids.removal}/html`, { headers: { authorization: `Bearer ${office.token}` } })).text()
    expect(announcement).toContain('根据第二十一条，将其移出名单。')
    const listing = await (await fetch(`${t.base}/api/office/articles/listing/${ids.listing}/html`, { headers: { authorization: `Bearer ${office.token}` } })).text()
    // The removed entry keeps its row, marked.
    expect(listing).toMatch(/乙建筑集团<\/td><td[^>]*>工地质量数字孪生<\/td>.*已移除/)
  })

  test('an unknown or unpublished source is 404 ARTICLE_SOURCE_NOT_FOUND', async () => {
    const missing = await call(t, 'GET', `/api/office/articles/listing/0123456789abcdef01234567`, { token: office.token })
    expect(missing).toMatchObject({ status: 404, body: failure('ARTICLE_SOURCE_NOT_FOUND') })
    const approved = await buildPublishedListing(t.db, { entries: [{ organizationName: '戊公司', title: '未公布' }] })
    await t.db.models.Listing.updateOne({ _id: approved.listing._id }, { $set: { state: 'approved' } })
    expect((await push('listing', approved.listing._id.toHexString())).status).toBe(404)
  })
})

describe('the push to the draft box (through the outbox)', () => {
  test('a list of a hundred entries fits a draft; one past WeChat’s 20,000 characters is refused at once (422), nothing queued', async () => {
    const entries = (n: number, long = '') => Array.from({ length: n }, (_, i) => ({ organizationName: `第${i + 1}家质量标杆示范有限公司${long}`, title: `全面质量管理典型经验${i + 1}${long}`, sector: 'manufacturing' as const }))
    const hundred = await buildPublishedListing(t.db, { entries: entries(100) })
    const fits = await loadArticle({ models: t.db.models, base: t.base }, 'listing', hundred.listing._id.toHexString())
    expect([...fits!.content].length).toBeLessThan(ARTICLE_LIMITS.content)
    const long = await buildPublishedListing(t.db, { entries: entries(300, '（集团）股份有限公司华东区域分公司') })
    const before = await t.db.models.Outbox.countDocuments({ channel: 'oa_draft' })
    const refused = await push('listing', long.listing._id.toHexString())
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: 'ARTICLE_TOO_LONG', message: expect.stringMatching(/^图文正文 \d+ 字符，超过公众号草稿 20000 字符的上限；请下载图文 HTML/) })
    expect(await t.db.models.Outbox.countDocuments({ channel: 'oa_draft' })).toBe(before)
  })

  test('one push → exactly one draft, with the cover uploaded once; a double tap is refused; the media_id is recorded', async () => {
    // The worker's clock runs from just after the push (its record is due at once).
    const clock = testClock(new Date(Date.now() + 60_000))
    const first = await push('publicity', ids.publicity)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ state: 'queued', stateLabel: '排队推送中', requestedByName: '钱办公室' })
    expect(await push('publicity', ids.publicity)).toMatchObject({ status: 409, body: failure('ARTICLE_PUSH_IN_PROGRESS') })

    const worker = draftWorker(clock)
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    expect(await worker.deliverDue()).toEqual({})
    const title = (await call(t, 'GET', `/api/office/articles/publicity/${ids.publicity}`, { token: office.token })).body.title
    const drafts = draftsTitled(title)
    expect(drafts).toHaveLength(1)
    const article = drafts[0]!.articles[0]!
    expect(article.content).not.toContain('<script>')
    expect(article.content).toContain('&lt;script&gt;')
    expect(article.contentSourceUrl).toBe(`${t.base}/?oa=${first.body.id}#/pages/publicity/detail?id=${ids.publicity}`)
    expect(t.wechat.materials().map((m) => m.mediaId)).toEqual([article.thumbMediaId])

    const source = ArticleSourceSchema.parse((await call(t, 'GET', `/api/office/articles/publicity/${ids.publicity}`, { token: office.token })).body)
    expect(source.pushes).toEqual([expect.objectContaining({ id: first.body.id, state: 'pushed', mediaId: drafts[0]!.mediaId, attempts: 1 })])
    const audit = await t.db.models.Audit.findOne({ action: 'article.push', 'resource.id': ids.publicity }).lean()
    expect(audit?.actor.displayName).toBe('钱办公室')

    // Pushed: pushing again is a new, deliberate draft; the cover is reused.
    expect((await push('publicity', ids.publicity)).status).toBe(201)
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    expect(draftsTitled(title)).toHaveLength(2)
    expect(t.wechat.materials()).toHaveLength(1)
  })

  test('an attempt that times out before WeChat answers is retried with backoff: still one draft', async () => {
    // The worker's clock runs from just after the push (its record is due at once).
    const clock = testClock(new Date(Date.now() + 60_000))
    const res = await push('listing', ids.listing)
    t.wechat.failNext('timeout', { path: '/cgi-bin/draft/add' })
    const worker = draftWorker(clock)
    expect(await worker.deliverDue()).toEqual({ failed: 1 })
    const waiting = ArticleSourceSchema.parse((await call(t, 'GET', `/api/office/articles/listing/${ids.listing}`, { token: office.token })).body)
    expect(waiting.pushes[0]).toMatchObject({ id: res.body.id, state: 'retrying', lastError: expect.stringMatching(/no answer within/) })
    // Not due yet: the backoff holds it.
    expect(await worker.deliverDue()).toEqual({})
    clock.advance(3_600_000)
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    expect(draftsTitled(waiting.title)).toHaveLength(1)
  })

  test('an attempt whose draft WeChat made but whose answer was lost: the retry finds that draft instead of making a second', async () => {
    // The worker's clock runs from just after the push (its record is due at once).
    const clock = testClock(new Date(Date.now() + 60_000))
    const res = await push('announcement', ids.removal)
    t.wechat.failNext('lostAnswer', { path: '/cgi-bin/draft/add' })
    const worker = draftWorker(clock)
    expect(await worker.deliverDue()).toEqual({ failed: 1 })
    const title = '关于移除乙建筑集团质量标杆典型经验的公告'
    // WeChat has it; we do not know its media_id yet.
    expect(draftsTitled(title)).toHaveLength(1)
    clock.advance(3_600_000)
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    const drafts = draftsTitled(title)
    expect(drafts).toHaveLength(1)
    const pushed = (await t.db.models.ArticlePush.findById(res.body.id).lean())!
    expect(pushed.mediaId).toBe(drafts[0]!.mediaId)
    expect(t.wechat.requests().filter((r) => r.path === '/cgi-bin/draft/batchget').length).toBeGreaterThan(0)
  })

  test('the same after the record died and the office sent it again from 发送记录 (which resets its attempts): one draft', async () => {
    const clock = testClock(new Date(Date.now() + 60_000))
    const listed = await buildPublishedListing(t.db, { entries: [{ organizationName: '壬公司', title: '重发不重复' }] })
    const res = await push('listing', listed.listing._id.toHexString())
    t.wechat.failNext('lostAnswer', { path: '/cgi-bin/draft/add' })
    const worker = draftWorker(clock, 400, 1)
    expect(await worker.deliverDue()).toEqual({ dead: 1 })
    const pushed = (await t.db.models.ArticlePush.findById(res.body.id).lean())!
    expect(t.wechat.drafts().filter((d) => d.articles[0]!.contentSourceUrl?.includes(`oa=${res.body.id}`))).toHaveLength(1)
    const record = (await t.db.models.Outbox.findOne({ key: pushed.outboxKey }).lean())!
    expect((await call(t, 'POST', `/api/outbox/${record._id}/retry`, { token: office.token })).status).toBe(200)
    clock.advance(60_000)
    expect(await draftWorker(clock).deliverDue()).toEqual({ sent: 1 })
    const mine = t.wechat.drafts().filter((d) => d.articles[0]!.contentSourceUrl?.includes(`oa=${res.body.id}`))
    expect(mine).toHaveLength(1)
    expect((await t.db.models.ArticlePush.findById(res.body.id).lean())!.mediaId).toBe(mine[0]!.mediaId)
  })

  test('three requests at once start one push; once that push is given up (dead), the article may be pushed again', async () => {
    const listed = await buildPublishedListing(t.db, { entries: [{ organizationName: '癸公司', title: '并发推送' }] })
    const id = listed.listing._id.toHexString()
    const answers = await Promise.all([push('listing', id), push('listing', id), push('listing', id)])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409])
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body).toEqual(failure('ARTICLE_PUSH_IN_PROGRESS'))
    expect(await t.db.models.ArticlePush.countDocuments({ sourceId: listed.listing._id })).toBe(1)
    const first = answers.find((a) => a.status === 201)!.body.id
    const key = (await t.db.models.ArticlePush.findById(first).lean())!.outboxKey
    await t.db.models.Outbox.updateOne({ key }, { $set: { status: 'dead', lastError: 'gave up' } })
    const again = await push('listing', id)
    expect(again.status).toBe(201)
    const pushes = ArticleSourceSchema.parse((await call(t, 'GET', `/api/office/articles/listing/${id}`, { token: office.token })).body).pushes
    expect(pushes.map((p) => [p.id, p.state])).toEqual([
      [again.body.id, 'queued'],
      [first, 'failed'],
    ])
    // Out of the next tests' way: they count what the worker delivers.
    await t.db.models.Outbox.updateOne({ key: (await t.db.models.ArticlePush.findById(again.body.id).lean())!.outboxKey }, { $set: { status: 'dead' } })
  })

  test('a cover WeChat no longer knows (deleted on the platform) is uploaded again on the retry', async () => {
    // The worker's clock runs from just after the push (its record is due at once).
    const clock = testClock(new Date(Date.now() + 60_000))
    await t.db.models.OfficialAccountMaterial.updateOne({}, { $set: { mediaId: 'deleted-on-the-platform' } })
    await push('listing', ids.listing)
    const worker = draftWorker(clock)
    expect(await worker.deliverDue()).toEqual({ failed: 1 })
    clock.advance(3_600_000)
    expect(await worker.deliverDue()).toEqual({ sent: 1 })
    expect(t.wechat.materials()).toHaveLength(2)
  })
})

describe('the server\'s own outbox job', () => {
  test('serverJobs with the official account delivers a push through its outbox.deliver job (as runServer wires it)', async () => {
    const { serverJobs } = await import('../../server/src/jobs')
    const { STANDIN_TEMPLATES } = await import('../../server/src/wechat/templates')
    const { wechatServicesFor } = await import('../support/notifications')
    const listed = await buildPublishedListing(t.db, { entries: [{ organizationName: '子公司', title: '作业投递' }] })
    const res = await push('listing', listed.listing._id.toHexString())
    const clock = testClock(new Date(Date.now() + 60_000))
    const oa = createOfficialAccountServices({ options: { baseUrl: t.wechat.baseUrl, appId: STANDIN_APP_ID, secret: STANDIN_SECRET, timeoutMs: 2000 }, models: t.db.models, instanceId: 'jobs-test', now: clock.now })
    const deliver = serverJobs({ wechat: wechatServicesFor(t, { instanceId: 'jobs-test', now: clock.now }), templates: STANDIN_TEMPLATES, storage: t.storage, officialAccount: oa }).find((j) => j.name === 'outbox.deliver')!
    expect(await deliver.run({ models: t.db.models, instanceId: 'jobs-test', logger: silent, now: clock.now, signal: new AbortController().signal })).toMatch(/sent [1-9]/)
    expect((await t.db.models.ArticlePush.findById(res.body.id).lean())!.mediaId).toMatch(/^standin-draft-/)
  })
})

describe('without the official account', () => {
  test('OA off (real WeChat, no OA_APPID): no push, the HTML download still there', async () => {
    const off = await startTestServer('articles-off', { officialAccountMode: 'off' })
    try {
      const staff = await browserUser(off, ['office'])
      const list = await buildPublicityList(off.db, { entries: [{ organizationName: '庚公司', title: '经验' }] })
      const page = ArticleSourcePageSchema.parse((await call(off, 'GET', '/api/office/articles', { token: staff.token })).body)
      expect(page.items[0]!.officialAccount).toEqual({ mode: 'off', pushAvailable: false })
      expect(await call(off, 'POST', `/api/office/articles/publicity/${list._id}/pushes`, { token: staff.token })).toMatchObject({ status: 409, body: failure('OFFICIAL_ACCOUNT_OFF') })
      expect((await fetch(`${off.base}/api/office/articles/publicity/${list._id}/html`, { headers: { authorization: `Bearer ${staff.token}` } })).status).toBe(200)
      expect(await off.db.models.ArticlePush.countDocuments()).toBe(0)
    } finally {
      await off.close()
    }
  })
})

describe('demo data (npm start)', () => {
  test('seedDemoArticles pushes the newest publicity list once, as the administrator; never again on a database with pushes', async () => {
    const { seedDemoArticles } = await import('../../server/src/seed/demoArticles')
    const demo = await startTestServer('articles-demo')
    try {
      expect(await seedDemoArticles(demo.db.models, { base: demo.base })).toBe(0)
      await buildPublicityList(demo.db, { entries: [{ organizationName: '辛公司', title: '演示经验' }] })
      const admin = await browserUser(demo, ['admin'], { displayName: '演示管理员' })
      expect(await seedDemoArticles(demo.db.models, { base: demo.base })).toBe(1)
      expect(await seedDemoArticles(demo.db.models, { base: demo.base })).toBe(0)
      const pushes = await demo.db.models.ArticlePush.find().lean()
      expect(pushes).toEqual([expect.objectContaining({ sourceKind: 'publicity', requestedBy: expect.objectContaining({ name: '演示管理员' }) })])
      expect(await demo.db.models.Outbox.findOne({ key: pushes[0]!.outboxKey, recipientUserId: admin.id }).lean()).toMatchObject({ channel: 'oa_draft', status: 'pending' })
    } finally {
      await demo.close()
    }
  })
})
