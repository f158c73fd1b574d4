import mongoose from 'mongoose'
import { RETENTION_TABLE, retentionCutoff, type RetentionKey } from '@zlbg/shared'
import { CONCLUDED_APPLICATION_STATES } from '../../server/src/jobs/retention'
import type { JobRunner } from '../../server/src/jobs/runner'
import { loginKey } from '../../server/src/models/user'
import { browserUser, call, wechatUser } from '../support/api'
import { buildApplication, buildOrganization } from '../support/factories'
import { jobRunnerFor, testClock, type TestClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'

/**
 * 个人信息保护法 第十九条: personal data past its period in the retention table is removed or
 * anonymised by the retention jobs; data not yet due, and everything that is not personal data, stays.
 * Old data is seeded relative to the test clock; the jobs run on that clock.
 */
let t: TestServer
let clock: TestClock
let runner: JobRunner
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('retention')
  clock = testClock()
  runner = jobRunnerFor(t, { instanceId: 'retention', clock })
  office = await browserUser(t, ['office'])
})
afterAll(() => t.close())

const DAY = 24 * 3_600_000
/** A millisecond past (`by` > 0) or short of (`by` < 0) the row's cutoff at the clock's now. */
const aged = (key: RetentionKey, by: number) => new Date(retentionCutoff(RETENTION_TABLE[key].period, clock.now()).getTime() - by)
const jobOf = (key: RetentionKey) => (RETENTION_TABLE[key].enforcedBy as { job: string }).job
/** Sets dates under mongoose's timestamps, as if the document had last changed then. */
const backdate = (model: mongoose.Model<any>, _id: mongoose.Types.ObjectId, set: Record<string, Date>) => model.collection.updateOne({ _id }, { $set: set })

const KEYS: RetentionKey[] = ['auditIp', 'applicationContacts', 'profileContacts', 'disabledWechatIds', 'messages']

describe('the retention jobs remove what is due by its date and keep the rest', () => {
  const ids: Record<string, mongoose.Types.ObjectId> = {}
  let outcomes: Record<string, string | undefined>
  let auditBefore: number

  beforeAll(async () => {
    const { Audit, Application, Organization, User, Message } = t.db.models

    // Audit: one record a year and a day old, one just inside the year.
    const actor = new mongoose.Types.ObjectId()
    ids.oldAudit = (await Audit.create({ at: aged('auditIp', DAY), actor: { userId: actor, displayName: '张三', roles: ['office'], ip: '203.0.113.7' }, action: 'test.retention', resource: { type: 'test' } }))._id
    ids.recentAudit = (await Audit.create({ at: aged('auditIp', -DAY), actor: { userId: actor, roles: ['office'], ip: '203.0.113.8' }, action: 'test.retention', resource: { type: 'test' } }))._id

    // Applications: concluded long ago (due), concluded recently, and still under review though old.
    const concluded = await buildApplication(t.db.models, { state: 'withdrawn' })
    const recentlyConcluded = await buildApplication(t.db.models, { state: 'ineligible' })
    const underReview = await buildApplication(t.db.models, { state: 'qualification_review' })
    ids.concluded = concluded._id
    ids.recentlyConcluded = recentlyConcluded._id
    ids.underReview = underReview._id
    await backdate(Application, concluded._id, { updatedAt: aged('applicationContacts', 1) })
    await backdate(Application, recentlyConcluded._id, { updatedAt: aged('applicationContacts', -DAY) })
    await backdate(Application, underReview._id, { updatedAt: aged('applicationContacts', DAY) })

    // Organizations: a profile untouched for 3 years (due), one whose application changed since (kept),
    // one saved recently (kept). The due one has a real member who reads it back through the API.
    const member = await wechatUser(t)
    const idle = await buildOrganization(t.db.models, { memberIds: [member.id] })
    const busy = await buildOrganization(t.db.models)
    const fresh = await buildOrganization(t.db.models)
    ids.idle = idle._id
    ids.busy = busy._id
    ids.fresh = fresh._id
    await backdate(Organization, idle._id, { profileUpdatedAt: aged('profileContacts', 1) })
    await backdate(Organization, busy._id, { profileUpdatedAt: aged('profileContacts', DAY) })
    await buildApplication(t.db.models, { organization: { ...busy, profile: busy.profile! }, state: 'submitted' })
    await backdate(Organization, fresh._id, { profileUpdatedAt: aged('profileContacts', -DAY) })
    memberToken = member.token

    // Users: disabled long ago (WeChat only, and bound to a browser login too), disabled recently, active.
    const user = (logins: string[], extra: Record<string, unknown>) => User.create({ logins, displayName: '离开的人', roles: [], ...extra })
    ids.goneWechatOnly = (await user([loginKey.wechat('openid-gone-1')], { wechatOpenid: 'openid-gone-1', wechatUnionid: 'union-gone-1', disabled: true, disabledReason: '离职' }))._id
    ids.goneBound = (await user([loginKey.username('gone2'), loginKey.wechat('openid-gone-2')], { username: 'gone2', wechatOpenid: 'openid-gone-2', disabled: true }))._id
    ids.recentlyDisabled = (await user([loginKey.wechat('openid-recent')], { wechatOpenid: 'openid-recent', disabled: true }))._id
    ids.active = (await user([loginKey.wechat('openid-active')], { wechatOpenid: 'openid-active' }))._id
    for (const k of ['goneWechatOnly', 'goneBound', 'active']) await backdate(User, ids[k]!, { updatedAt: aged('disabledWechatIds', DAY) })
    await backdate(User, ids.recentlyDisabled!, { updatedAt: aged('disabledWechatIds', -DAY) })

    // Messages: two years and a millisecond old, and a day short of two years.
    const message = (key: string, createdAt: Date) =>
      Message.create({ outboxKey: key, recipientUserId: new mongoose.Types.ObjectId(), kind: 'test', title: '通知', body: '您的申报已受理', createdAt })
    ids.oldMessage = (await message('retention:old', aged('messages', 1)))._id
    ids.recentMessage = (await message('retention:recent', aged('messages', -DAY)))._id

    auditBefore = await Audit.countDocuments({ action: { $in: KEYS.map(jobOf) } })
    outcomes = {}
    for (const key of KEYS) {
      const res = await runner.runOnce(jobOf(key))
      expect(res).toMatchObject({ ran: true })
      expect(res.error).toBeUndefined()
      outcomes[key] = res.outcome
    }
  })
  let memberToken: string

  test('each job says what it did', () => {
    expect(outcomes).toEqual({
      auditIp: 'anonymised 1',
      applicationContacts: 'removed 1',
      profileContacts: 'removed 1',
      disabledWechatIds: 'removed 2',
      messages: 'removed 1',
    })
  })

  test('audit records a year old lose the IP address and keep who, when and what; newer ones keep it', async () => {
    const old = await t.db.models.Audit.findById(ids.oldAudit).lean()
    expect(old!.actor).toEqual({ userId: expect.anything(), displayName: '张三', roles: ['office'] })
    expect(old).toMatchObject({ action: 'test.retention', resource: { type: 'test' } })
    expect((await t.db.models.Audit.findById(ids.recentAudit).lean())!.actor.ip).toBe('203.0.113.8')
  })

  test('a concluded application’s snapshot loses its contacts and keeps the rest; the office still reads it', async () => {
    const doc = await t.db.models.Application.findById(ids.concluded).lean()
    expect(doc!.profileSnapshot!.contacts).toEqual([])
    expect(doc!.profileSnapshot!.creditCode).toBeTruthy()
    const view = await call(t, 'GET', `/api/office/applications/${ids.concluded!.toHexString()}`, { token: office.token })
    expect(view.status).toBe(200)
    expect(view.body.profileSnapshot.contacts).toEqual([])
    for (const k of ['recentlyConcluded', 'underReview']) {
      expect((await t.db.models.Application.findById(ids[k]).lean())!.profileSnapshot!.contacts.length).toBeGreaterThan(0)
    }
    expect(CONCLUDED_APPLICATION_STATES).toEqual(expect.arrayContaining(['withdrawn', 'ineligible', 'published']))
    expect(CONCLUDED_APPLICATION_STATES).not.toContain('qualification_review')
  })

  test('an idle organization’s profile loses its contacts; the member reads it and must add one to save', async () => {
    const view = await call(t, 'GET', `/api/organizations/${ids.idle!.toHexString()}/profile`, { token: memberToken })
    expect(view.status).toBe(200)
    expect(view.body.profile.contacts).toEqual([])
    const save = await call(t, 'PUT', `/api/organizations/${ids.idle!.toHexString()}/profile`, { token: memberToken, body: view.body.profile })
    expect(save.status).toBe(400)
    for (const k of ['busy', 'fresh']) {
      expect((await t.db.models.Organization.findById(ids[k]).lean())!.profile!.contacts.length).toBeGreaterThan(0)
    }
  })

  test('accounts disabled a year ago lose their WeChat ids and login; others keep theirs', async () => {
    const users = await t.db.models.User.find({ _id: { $in: [ids.goneWechatOnly, ids.goneBound, ids.recentlyDisabled, ids.active] } }).lean()
    const byId = (id: mongoose.Types.ObjectId) => users.find((u) => u._id.equals(id))!
    expect(byId(ids.goneWechatOnly!)).toMatchObject({ logins: [loginKey.removed(ids.goneWechatOnly!)], disabled: true })
    expect(byId(ids.goneWechatOnly!).wechatOpenid).toBeUndefined()
    expect(byId(ids.goneWechatOnly!).wechatUnionid).toBeUndefined()
    expect(byId(ids.goneBound!)).toMatchObject({ logins: [loginKey.username('gone2')], username: 'gone2' })
    expect(byId(ids.goneBound!).wechatOpenid).toBeUndefined()
    expect(byId(ids.recentlyDisabled!).wechatOpenid).toBe('openid-recent')
    expect(byId(ids.active!).wechatOpenid).toBe('openid-active')
  })

  test('messages two years old are deleted; newer ones stay', async () => {
    expect(await t.db.models.Message.exists({ _id: ids.oldMessage })).toBeNull()
    expect(await t.db.models.Message.exists({ _id: ids.recentMessage })).not.toBeNull()
  })

  test('each run that changed something is audited with its count, by the system', async () => {
    const records = await t.db.models.Audit.find({ action: { $in: KEYS.map(jobOf) } }).lean()
    expect(records).toHaveLength(auditBefore + KEYS.length)
    const audit = records.find((r) => r.action === 'retention.disabledWechatIds')
    expect(audit).toMatchObject({ actor: { roles: ['system'] }, resource: { type: 'retention', id: 'disabledWechatIds' } })
    expect(audit!.reason).toMatch(/^删除 2 条/)
  })

  test('run again, the jobs find nothing: nothing changes and nothing more is audited (idempotent)', async () => {
    const before = await t.db.models.Audit.countDocuments({})
    for (const key of KEYS) expect(await runner.runOnce(jobOf(key))).toMatchObject({ ran: true, outcome: expect.stringMatching(/ 0$/) })
    expect(await t.db.models.Audit.countDocuments({})).toBe(before)
  })

  test('a day later the recently concluded application and the recent message come due', async () => {
    clock.advance(2 * DAY)
    expect(await runner.runOnce(jobOf('applicationContacts'))).toMatchObject({ outcome: 'removed 1' })
    expect(await runner.runOnce(jobOf('messages'))).toMatchObject({ outcome: 'removed 1' })
    expect((await t.db.models.Application.findById(ids.recentlyConcluded).lean())!.profileSnapshot!.contacts).toEqual([])
  })
})
