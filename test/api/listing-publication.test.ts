import { PUBLIC_STAMPS } from '../../server/src/db/publicVersion'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { callAwaitingApproval, decisions } from '../support/approval'
import { buildCall } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Publication of an approved list by the office (第十九条): the listing's own signed step, then per
 * approved application its listed organization and listed experience, its `publish` step, and the
 * organization's listed status — which gives its members `listed_org_member`. Held-back entries are
 * not listed. A publication cut short completes when repeated; a complete one is 409.
 */
let t: TestServer
let approver: Awaited<ReturnType<typeof browserUser>>
let office: Awaited<ReturnType<typeof browserUser>>

beforeAll(async () => {
  t = await startTestServer('listing-publication')
  approver = await browserUser(t, ['approver'], { displayName: '孙审批' })
  office = await browserUser(t, ['office'], { displayName: '钱办公室' })
})
afterAll(() => t.close())

const publish = (callId: string, token = office.token) => call(t, 'POST', `/api/office/calls/${callId}/listing/publish`, { token })
const stampVersion = async () => (await t.db.connection.collection<{ _id: string; version: number }>(PUBLIC_STAMPS).findOne({ _id: 'listing' }))?.version ?? 0

/** A call whose list the approver signed with the last of `passed` entries held back. */
async function approvedCall(passed: number, memberIds: string[][] = []) {
  const fixture = await callAwaitingApproval(t.db.models, { passed, memberIds })
  const held = fixture.passedIds.at(-1)!
  const signed = await call(t, 'POST', `/api/approval/calls/${fixture.call._id}`, { token: approver.token, body: { decisions: decisions(fixture.passedIds, { [held]: '暂不列入本年度名单' }) } })
  expect(signed.status).toBe(201)
  return { ...fixture, approvedIds: fixture.passedIds.slice(0, -1), held }
}

describe('第十九条 the office publishes an approved list', () => {
  test('listed experiences and organizations, the applications published, members listed (listed_org_member), organizations told once', async () => {
    const member = await wechatUser(t)
    const heldMember = await wechatUser(t)
    const { call: c, apps, approvedIds, held } = await approvedCall(3, [[member.id], [], [heldMember.id]])
    const id = c._id.toHexString()
    const before = await stampVersion()

    const res = await publish(id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ stage: 'published', stageLabel: '已公布' })
    expect(res.body.listing).toMatchObject({ state: 'published', stateLabel: '已公布', publication: { name: '钱办公室' }, approvedCount: 2 })
    expect(await stampVersion()).toBeGreaterThan(before)

    const listing = (await t.db.models.Listing.findOne({ callId: c._id }).lean())!
    expect(String(listing.publication!.by)).toBe(office.id)
    const experiences = await t.db.models.ListedExperience.find({ listingId: listing._id }).sort({ organizationName: 1 }).lean()
    expect(experiences).toHaveLength(2)
    for (const appId of approvedIds) {
      const app = apps.find((a) => a._id.toHexString() === appId)!
      const e = experiences.find((x) => String(x.applicationId) === appId)!
      expect(e).toMatchObject({
        key: `app:${appId}`,
        year: c.year,
        source: 'publication',
        state: 'listed',
        organizationName: app.organizationName,
        title: app.content.title,
        summary: app.content.summary,
        sector: app.sector,
        provinceCode: app.provinceCode,
        creditCode: app.creditCode,
      })
      expect(e.publishedAt!.getTime()).toBe(listing.publication!.at.getTime())
      const org = (await t.db.models.ListedOrganization.findById(e.listedOrganizationId).lean())!
      expect(org).toMatchObject({ creditCode: app.creditCode, years: [c.year], listedCount: 1, removedCount: 0, provinceCode: app.provinceCode })
      expect(String(org.organizationId)).toBe(String(app.organizationId))
      expect((await t.db.models.Organization.findById(app.organizationId).lean())!.listed).toBe(true)
    }
    expect(await t.db.models.ListedExperience.exists({ applicationId: held })).toBeNull()
    const heldApp = apps.find((a) => a._id.toHexString() === held)!
    expect((await t.db.models.Organization.findById(heldApp.organizationId).lean())!.listed).toBe(false)

    // The member's roles: listed_org_member now (第二十条), the held-back organization's member not.
    const me = await call(t, 'GET', '/api/me', { token: member.token })
    expect(me.body.roles).toContain('listed_org_member')
    expect((await call(t, 'GET', '/api/me', { token: heldMember.token })).body.roles).not.toContain('listed_org_member')
    const mine = await call(t, 'GET', `/api/applications/${approvedIds[0]}`, { token: member.token })
    expect(mine.body.stageLabel).toBe('已入选名单')

    const apps2 = await t.db.models.Application.find({ _id: { $in: approvedIds } }, { state: 1 }).lean()
    expect(apps2.map((a) => a.state)).toEqual(['published', 'published'])
    const notices = await t.db.models.Outbox.find({ recipientUserId: member.id, kind: 'application.published' }).lean()
    expect(notices.map((n) => n.channel).sort()).toEqual(['inapp', 'wechat_subscribe'])
    expect(notices[0]!.content.body).toContain(`${c.year}年度质量标杆典型经验名单`)
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: heldMember.id, kind: 'application.published' })).toBe(0)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': listing._id.toHexString(), action: 'listing.publish' })).toBe(1)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: approvedIds }, action: 'application.publish' })).toBe(2)

    const again = await publish(id)
    expect(again.status).toBe(409)
    expect(again.body).toEqual(failure('STATE_CONFLICT', { currentState: 'published' }))

    const queue = await call(t, 'GET', '/api/approval/calls?pageSize=50', { token: office.token })
    expect(queue.body.items.find((r: { callId: string }) => r.callId === id)).toMatchObject({ stage: 'published', approvedCount: 2, heldBackCount: 1, publication: { name: '钱办公室' } })
  })

  test('a publication cut short is completed by publishing again: nothing duplicated, nobody told twice', async () => {
    const member = await wechatUser(t)
    const { call: c, approvedIds } = await approvedCall(3, [[member.id]])
    expect((await publish(c._id.toHexString())).status).toBe(200)
    // As if the process had stopped after the listing's step and the first application's records.
    await t.db.models.ListedExperience.deleteOne({ applicationId: approvedIds[1] })
    await t.db.models.Application.updateOne({ _id: approvedIds[1] }, { $set: { state: 'approved' } })
    const completed = await publish(c._id.toHexString())
    expect(completed.status).toBe(200)
    expect(await t.db.models.ListedExperience.countDocuments({ callId: c._id })).toBe(2)
    expect((await t.db.models.Application.findById(approvedIds[1]).lean())!.state).toBe('published')
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: member.id, kind: 'application.published' })).toBe(2)
    expect((await publish(c._id.toHexString())).status).toBe(409)
  })

  test('a sign cut short before the applications moved: publishing applies the signed decisions first, as the signer’s, and lists only the approved', async () => {
    const { call: c, approvedIds, held } = await approvedCall(3)
    // As if the signing request had stopped right after the listing was written.
    await t.db.models.Application.updateMany({ _id: { $in: [...approvedIds, held] } }, { $set: { state: 'publicity_passed' } })
    expect((await publish(c._id.toHexString())).status).toBe(200)
    const states = await t.db.models.Application.find({ _id: { $in: [...approvedIds, held] } }, { state: 1 }).lean()
    expect(Object.fromEntries(states.map((a) => [a._id.toHexString(), a.state]))).toEqual({ [approvedIds[0]!]: 'published', [approvedIds[1]!]: 'published', [held]: 'not_approved' })
    expect((await t.db.models.ListedExperience.find({ callId: c._id }, { applicationId: 1 }).lean()).map((e) => String(e.applicationId)).sort()).toEqual([...approvedIds].sort())
    // The applied decision is audited as the approver's (their signature), not the office's.
    const heldAudit = await t.db.models.Audit.find({ 'resource.id': held, action: 'application.rejectApproval' }).lean()
    expect(heldAudit.map((a) => String(a.actor?.userId))).toEqual([approver.id, approver.id])
  })

  test('two offices publishing at once: one publication, each record once, organizations told once', async () => {
    const member = await wechatUser(t)
    const { call: c, approvedIds } = await approvedCall(3, [[member.id]])
    const other = await browserUser(t, ['office'])
    const replies = await Promise.all([publish(c._id.toHexString()), publish(c._id.toHexString(), other.token)])
    // The second completes what is left (nothing, or the rest): both answer the published list.
    for (const r of replies) expect(r.status).toBe(200)
    expect(await t.db.models.ListedExperience.countDocuments({ callId: c._id })).toBe(2)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: approvedIds }, action: 'application.publish' })).toBe(2)
    expect(await t.db.models.Audit.countDocuments({ action: 'listing.publish', 'resource.id': (await t.db.models.Listing.findOne({ callId: c._id }).lean())!._id.toHexString() })).toBe(1)
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: member.id, kind: 'application.published' })).toBe(2)
  })

  test('an organization listed in two years is one listed organization', async () => {
    const member = await wechatUser(t)
    const first = await approvedCall(2, [[member.id]])
    expect((await publish(first.call._id.toHexString())).status).toBe(200)
    const firstExperience = (await t.db.models.ListedExperience.findOne({ applicationId: first.approvedIds[0] }).lean())!
    // The same organization (same credit code) approved again in a later call's list.
    const second = await approvedCall(2)
    const org = first.apps[0]!
    await t.db.models.Application.updateOne({ _id: second.approvedIds[0] }, { $set: { creditCode: org.creditCode, organizationId: org.organizationId } })
    await t.db.models.Listing.updateOne({ callId: second.call._id }, { $set: { year: first.call.year + 1 } })
    expect((await publish(second.call._id.toHexString())).status).toBe(200)
    const secondExperience = (await t.db.models.ListedExperience.findOne({ applicationId: second.approvedIds[0] }).lean())!
    expect(String(secondExperience.listedOrganizationId)).toBe(String(firstExperience.listedOrganizationId))
    const listedOrg = (await t.db.models.ListedOrganization.findById(firstExperience.listedOrganizationId).lean())!
    expect(listedOrg).toMatchObject({ years: [first.call.year + 1, first.call.year], listedCount: 2 })
  })

  test('refusals: nothing approved yet, a draft or unknown call, and anyone but the office', async () => {
    const awaiting = await callAwaitingApproval(t.db.models, { passed: 1 })
    expect((await publish(awaiting.call._id.toHexString())).body).toEqual(failure('LISTING_NOT_FOUND'))
    const draft = await buildCall(t.db.models, { state: 'draft' })
    expect((await publish(draft._id.toHexString())).body).toEqual(failure('CALL_NOT_FOUND'))
    const { call: c } = await approvedCall(2)
    for (const who of [approver, await browserUser(t, ['expert'])]) expect((await publish(c._id.toHexString(), who.token)).body).toEqual(failure('FORBIDDEN'))
    expect((await publish(c._id.toHexString(), (await wechatUser(t)).token)).status).toBe(403)
    expect((await t.db.models.Listing.findOne({ callId: c._id }).lean())!.state).toBe('approved')
    // The administrator is the office's: it publishes.
    expect((await publish(c._id.toHexString(), (await browserUser(t, ['admin'])).token)).status).toBe(200)
  })
})
