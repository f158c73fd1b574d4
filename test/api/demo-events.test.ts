import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { DEMO_EVENT_GUEST, seedDemoEvents } from '../../server/src/seed/demoEvents'
import { standInOpenId } from '../../server/src/wechat/standin'
import { call } from '../support/api'
import { listedMember } from '../support/events'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

/** The demo exchange events (第二十条): every state a newcomer should see, registrations through the registering command. */
let t: TestServer
afterEach(() => t?.close())

const states = async () => (await t.db.models.Event.find({}, { state: 1, title: 1 }).lean()).map((e) => e.state).sort()

test('with listed organizations: five events in five states, their members registered, the waitlist showing; loaded once', async () => {
  t = await startTestServer('demo-events')
  const members = await Promise.all([0, 1, 2, 3].map(() => listedMember(t)))
  expect(await seedDemoEvents(t.db.models, { wechatAppId: STANDIN_APP_ID })).toBe(5)
  expect(await seedDemoEvents(t.db.models, { wechatAppId: STANDIN_APP_ID })).toBe(0)
  expect(await states()).toEqual(['cancelled', 'draft', 'held', 'published', 'published'])

  const list = await call(t, 'GET', '/api/events?pageSize=50')
  expect(list.body.total).toBe(4)
  const meeting = list.body.items.find((e: { title: string }) => e.title.includes('北京'))
  // Six seats, nine attendees from four organizations: full, three waiting.
  const regs = await t.db.models.Registration.find({ eventId: meeting.id }).lean()
  expect(regs.filter((r) => r.state === 'confirmed')).toHaveLength(6)
  expect(regs.filter((r) => r.state === 'waitlisted')).toHaveLength(3)
  expect(meeting.seatsLeft).toBe(0)
  expect(new Set(regs.map((r) => r.organizationId!.toHexString()))).toEqual(new Set(members.map((m) => m.organizationId)))
  // The cancelled one shows its reason; the online one keeps its link out of the public answer.
  expect(list.body.items.find((e: { state: string }) => e.state === 'cancelled').cancelReason).toContain('会场改造')
  expect(JSON.stringify(list.body)).not.toContain('meeting.example.com')
})

test('without listed organizations (before the demo list is published): the events, and the public guest’s registration', async () => {
  t = await startTestServer('demo-events-bare')
  expect(await seedDemoEvents(t.db.models, { wechatAppId: STANDIN_APP_ID })).toBe(5)
  expect(await states()).toEqual(['cancelled', 'draft', 'held', 'published', 'published'])
  const guest = await t.db.models.User.findOne({ wechatOpenid: standInOpenId(STANDIN_APP_ID, DEMO_EVENT_GUEST.code) }).lean()
  const theirs = await t.db.models.Registration.find({ registeredBy: guest!._id }).lean()
  expect(theirs.map((r) => [r.quota, r.state])).toEqual([['public', 'confirmed']])
})
