import { seedDemoAttendance } from '../../server/src/seed/demoAttendance'
import { buildEvent, buildListedOrganization, buildRegistration } from '../support/checkinFactories'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

/** 第二十条 demo data: check-ins and no-shows on the demo events, each through the registration machine; run twice, applied once. */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer('attendance-demo')
})
afterAll(() => t.close())

test('an ended event: two thirds checked in, the rest no-shows; one under way: half; upcoming and cancelled ones untouched', async () => {
  const m = t.db.models
  const listed = await buildListedOrganization(m)
  const ended = await buildEvent(m, { state: 'held', startsInHours: -30, hours: 4 })
  const running = await buildEvent(m, { startsInHours: -1, hours: 4 })
  const upcoming = await buildEvent(m, { startsInHours: 30 })
  const cancelled = await buildEvent(m, { state: 'cancelled', startsInHours: -30 })
  for (const event of [ended, running, upcoming, cancelled]) for (let i = 0; i < 6; i++) await buildRegistration(m, { event, listed })
  await buildRegistration(m, { event: ended, listed, state: 'waitlisted' })

  expect(await seedDemoAttendance(m)).toBe(6 + 3)
  const states = async (eventId: unknown) => (await m.Registration.find({ eventId }).lean()).map((r) => r.state).sort()
  expect(await states(ended._id)).toEqual(['attended', 'attended', 'attended', 'attended', 'no_show', 'no_show', 'waitlisted'])
  expect(await states(running._id)).toEqual(['attended', 'attended', 'attended', 'confirmed', 'confirmed', 'confirmed'])
  expect(await states(upcoming._id)).toEqual(Array(6).fill('confirmed'))
  expect(await states(cancelled._id)).toEqual(Array(6).fill('confirmed'))
  const attended = await m.Registration.find({ eventId: ended._id, state: 'attended' }).lean()
  for (const r of attended) expect(r.checkedInAt!.getTime()).toBeLessThan(ended.endsAt.getTime())
  expect(await m.Audit.countDocuments({ action: 'registration.checkIn' })).toBe(7)

  expect(await seedDemoAttendance(m)).toBe(0)
})
