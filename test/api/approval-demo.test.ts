import { inShanghai } from '@zlbg/shared'
import { libraryArrangements } from '../../server/src/commands/calendar/calendarData'
import { yearConfirmer } from '../../server/src/commands/calendar/yearConfirmer'
import type { Actor } from '../../server/src/policies'
import { DEMO_APPROVER, seedDemoListing } from '../../server/src/seed/demoListing'
import { seedDemoPublicity } from '../../server/src/seed/demoPublicity'
import { DEMO_EXPERT_PASSWORD } from '../../server/src/seed/demoReview'
import { seedDemoData } from '../../server/src/seed/seed'
import { call } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

/**
 * The demo approval and publication (第十九条) on `npm start`'s data: last year's list approved by the
 * demo approver and published, this year's first batch waiting in their queue. Dates from today.
 */
let t: TestServer
afterAll(() => t.close())

test('last year’s list approved and published, this year’s first batch awaiting the demo approver; loaded once', async () => {
  t = await startTestServer('approval-demo')
  const models = t.db.models
  const now = new Date()
  expect(await seedDemoData(models, { now })).toBe(3)
  const thisYear = inShanghai(now).year()
  const fixture: Actor = { displayName: '测试', roles: ['office'], organizationIds: [] }
  // Years the library lacks, as the office would confirm them (a plainly fictitious arrangement).
  for (const year of [thisYear - 1, thisYear, thisYear + 1]) {
    if (libraryArrangements().has(year)) continue
    await yearConfirmer({ models, actor: fixture, year, input: { holidays: [{ date: `${year}-01-01`, name: '元旦' }], workdays: [], basis: '测试用安排（非国务院通知）' } })
  }
  expect(await seedDemoPublicity(models, { now })).toBeGreaterThan(0)

  expect(await seedDemoListing(models, { now })).toEqual({ published: 2, awaiting: 3 })
  expect(await seedDemoListing(models, { now })).toEqual({ published: 0, awaiting: 0 })

  const lastYear = (await models.Call.findOne({ state: 'closed' }).lean())!
  const listing = (await models.Listing.findOne({ callId: lastYear._id }).lean())!
  expect(listing).toMatchObject({ state: 'published', year: lastYear.year, approval: { name: DEMO_APPROVER.name } })
  expect(listing.publication!.at.getTime()).toBeLessThanOrEqual(now.getTime())
  const experiences = await models.ListedExperience.find({ listingId: listing._id }).lean()
  expect(experiences.map((e) => e.organizationName).sort()).toEqual(['示例水务集团有限公司', '示例轨道交通装备有限公司'])
  expect(experiences.every((e) => e.year === lastYear.year && e.state === 'listed' && !!e.summary)).toBe(true)
  expect(await models.Organization.countDocuments({ _id: { $in: experiences.map((e) => e.organizationId) }, listed: true })).toBe(2)

  // The demo approver signs in with the demo experts' password and finds the first batch first.
  const login = await call(t, 'POST', '/api/auth/password', { body: { login: DEMO_APPROVER.username, password: DEMO_EXPERT_PASSWORD } })
  expect(login.status).toBe(200)
  expect(login.body.me.roles).toContain('approver')
  const queue = await call(t, 'GET', '/api/approval/calls', { token: login.body.token })
  expect(queue.body.items.map((r: { stage: string; passedCount: number }) => [r.stage, r.passedCount])).toEqual([
    ['awaiting', 3],
    ['published', 2],
  ])
  expect(queue.body.items[0].callTitle).toContain('（第一批）')
  expect(queue.body.items[0].year).toBe(thisYear)
  expect(Date.parse(queue.body.items[0].publicityClosedAt)).toBeLessThan(now.getTime())
})
