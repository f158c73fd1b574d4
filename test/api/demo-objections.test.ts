import mongoose from 'mongoose'
import { seedDemoObjections } from '../../server/src/seed/demoObjections'
import { STANDIN_APP_ID } from '../../server/src/wechat/config'
import { browserUser, call, wechatUser } from '../support/api'
import { buildApplication, buildCall } from '../support/factories'
import { buildPublicity } from '../support/objections'
import { buildExpert, committeeBody } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

// The demo seeds run the whole `npm start` data set; on a loaded CI machine that takes well over the default 30 s.
jest.setTimeout(120_000)

/** The demo objections (第十八条) on an open list: each state a newcomer should see, each step through its command. */
let t: TestServer
afterAll(() => t.close())

test('four objections in four states on the open list; the objectors sign in with their demo codes; run twice, loaded once', async () => {
  t = await startTestServer('demo-objections')
  const models = t.db.models
  const office = (await browserUser(t, ['office'])).token
  // The demo committee sits on another call; the publicity list's call (inserted already recommended) has none.
  const reviewed = await buildCall(models)
  const callDoc = await buildCall(models)
  const [chair, vice, leader, member] = [await buildExpert(t, { competent: true }), await buildExpert(t, { name: '吴慧敏', competent: true }), await buildExpert(t), await buildExpert(t)]
  expect((await call(t, 'PUT', `/api/office/calls/${reviewed._id}/committee`, { token: office, body: committeeBody(chair!.id, [vice!.id], [{ name: '第一专业组', leaderId: leader!.id, memberIds: [member!.id] }]) })).status).toBe(200)
  expect((await call(t, 'POST', `/api/expert/calls/${reviewed._id}/pledge`, { token: chair!.token! })).status).toBe(200)
  const apps = []
  for (let i = 0; i < 3; i++) apps.push(await buildApplication(models, { call: callDoc, state: 'qualified', memberIds: [(await wechatUser(t)).id] }))
  await buildPublicity(models, { callId: callDoc._id, applications: apps })

  expect(await seedDemoObjections(models, { wechatAppId: STANDIN_APP_ID })).toBe(4)
  expect(await seedDemoObjections(models, { wechatAppId: STANDIN_APP_ID })).toBe(0)
  const docs = await models.Objection.find({}).sort({ filedAt: 1 }).lean()
  expect(docs.map((d) => [d.state, d.moderation])).toEqual([
    ['replied', 'passed'],
    ['committee_review', 'passed'],
    ['investigating', 'passed'],
    ['received', 'pending'],
  ])
  expect(docs[0]!.decision).toMatchObject({ outcome: 'dismissed', signedByName: '吴慧敏' })
  expect(docs[2]!.explanations).toHaveLength(1)
  for (const d of docs) expect(d.filedAt.getTime()).toBeLessThanOrEqual(Date.now())

  // The chair of the demo committee decides the one before the committee, on the list's own call.
  const toDecide = await call(t, 'GET', '/api/expert/objections', { token: chair!.token! })
  expect(toDecide.body.items.map((i: { state: string; canDecide: boolean }) => [i.state, i.canDecide])).toEqual(expect.arrayContaining([['committee_review', true]]))
  expect((await call(t, 'GET', `/api/expert/objections/${docs[1]!._id}`, { token: chair!.token! })).body.canDecide).toBe(true)

  // 陈立群 signs in with yiyi.1 and sees their two objections.
  const objector = await wechatUser(t, 'yiyi')
  const mine = await call(t, 'GET', '/api/objections/mine', { token: objector.token })
  expect(mine.body.items.map((i: { state: string }) => i.state).sort()).toEqual(['investigating', 'replied'])
  expect(await models.Audit.countDocuments({ 'resource.type': 'objection' })).toBeGreaterThanOrEqual(10)
  expect(mongoose.isValidObjectId(mine.body.items[0].id)).toBe(true)
})
