import { seedDemoRemovals } from '../../server/src/seed/demoRemovals'
import { browserUser, call } from '../support/api'
import { buildCall, thisYear } from '../support/factories'
import { buildImportedExperience, buildPublishedExperience, buildRemovalCommittee } from '../support/removals'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

/** The demo removals (第二十一条): one announced, one waiting for the chair — of the newest listed experiences, whatever their source. */
let t: TestServer
afterAll(() => t.close())

test('nothing listed: nothing made; then one announced and one waiting for the chair; run twice, loaded once', async () => {
  t = await startTestServer('removals-demo')
  const models = t.db.models
  const office = (await browserUser(t, ['office'])).token
  expect(await seedDemoRemovals(models)).toBe(0)

  // A reviewed call with the committee; an earlier year imported; last year's list published from another call without one.
  const reviewed = await buildCall(models)
  const { chair } = await buildRemovalCommittee(t, reviewed._id.toHexString(), office)
  const imported = await buildImportedExperience(models, { year: thisYear() - 3 })
  const lastYear = await buildCall(models, { year: thisYear() - 1 })
  const { experience: published } = await buildPublishedExperience(models, { call: lastYear })

  expect(await seedDemoRemovals(models)).toBe(2)
  expect(await seedDemoRemovals(models)).toBe(0)
  const docs = await models.Removal.find({}).sort({ createdAt: 1 }).lean()
  // The newest first: last year's published entry is announced; the imported one waits for the chair.
  expect(docs.map((d) => [d.listedExperienceId.toHexString(), d.state])).toEqual([
    [published._id.toHexString(), 'announced'],
    [imported._id.toHexString(), 'proposed'],
  ])
  for (const d of docs) expect(d.proposal.at.getTime()).toBeLessThanOrEqual(Date.now())
  expect((await models.ListedExperience.findById(published._id).lean())!.removal!.announcementPublishedAt).toBeInstanceOf(Date)
  // The public reads the announcement; the chair sees the one waiting.
  expect((await call(t, 'GET', '/api/announcements')).body.items).toEqual([expect.objectContaining({ id: docs[0]!._id.toHexString(), experienceId: published._id.toHexString() })])
  const waiting = await call(t, 'GET', '/api/expert/removals', { token: chair.token! })
  expect(waiting.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: docs[1]!._id.toHexString(), actionable: true })]))
})
