import { browserUser, call, failure, wechatUser } from '../support/api'
import { callAwaitingApproval, decisions } from '../support/approval'
import { buildApplication, buildCall } from '../support/factories'
import { buildPublicity } from '../support/objections'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Approval of a call's list by the CAQ approver (第十九条): the queue of calls whose publicity closed,
 * the approval sheet (public entry fields and the publicity outcome — nothing of the review, 第十三条),
 * and the one signature that creates the listing and moves every entry: approved, or held back with a
 * reason. Each call's publicity is made closed by the real closing job on a window three weeks ago.
 */
let t: TestServer
let approver: Awaited<ReturnType<typeof browserUser>>
let office: Awaited<ReturnType<typeof browserUser>>

beforeAll(async () => {
  t = await startTestServer('approval')
  approver = await browserUser(t, ['approver'], { displayName: '孙审批' })
  office = await browserUser(t, ['office'], { displayName: '钱办公室' })
})
afterAll(() => t.close())

const sign = (callId: string, body: unknown, token = approver.token) => call(t, 'POST', `/api/approval/calls/${callId}`, { token, body })
const statesOf = async (ids: string[]) => {
  const apps = await t.db.models.Application.find({ _id: { $in: ids } }, { state: 1 }).lean()
  return ids.map((id) => apps.find((a) => a._id.toHexString() === id)!.state)
}

describe('第十九条 the approver’s queue and sheet', () => {
  test('a call whose publicity closed waits for the approver; its sheet shows the public fields and the outcome, nothing of the review', async () => {
    const { call: c, passedIds, withdrawnIds } = await callAwaitingApproval(t.db.models, { passed: 2, withdrawn: 1 })
    const id = c._id.toHexString()

    const queue = await call(t, 'GET', '/api/approval/calls?pageSize=50', { token: approver.token })
    expect(queue.status).toBe(200)
    const row = queue.body.items.find((r: { callId: string }) => r.callId === id)
    expect(row).toMatchObject({ callTitle: c.title, year: c.year, stage: 'awaiting', stageLabel: '待审批', passedCount: 2 })
    expect(row.listingId).toBeUndefined()
    // Awaiting first.
    expect(queue.body.items[0].stage).toBe('awaiting')

    const sheet = await call(t, 'GET', `/api/approval/calls/${id}`, { token: approver.token })
    expect(sheet.status).toBe(200)
    expect(sheet.body).toMatchObject({ callId: id, stage: 'awaiting', stageLabel: '待审批' })
    expect(sheet.body.publicity.windowDisplay).toContain('北京时间')
    expect(sheet.body.entries).toHaveLength(3)
    const byId = new Map(sheet.body.entries.map((e: { applicationId: string }) => [e.applicationId, e]))
    for (const pid of passedIds) expect(byId.get(pid)).toMatchObject({ decidable: true, publicityStatusLabel: '公示通过' })
    expect(byId.get(withdrawnIds[0]!)).toMatchObject({ decidable: false, publicityStatusLabel: '经异议核实，已撤销' })
    // 第十三条: the entry's public fields only — no receipt, score, comment or reviewer.
    for (const e of sheet.body.entries) {
      expect(Object.keys(e).sort()).toEqual(['applicationId', 'decidable', 'organizationName', 'publicityStatusLabel', 'region', 'sector', 'title'])
    }
    // The office follows the same sheet; an expert or an applicant does not see it.
    expect((await call(t, 'GET', `/api/approval/calls/${id}`, { token: office.token })).status).toBe(200)
    const expert = await browserUser(t, ['expert'])
    expect((await call(t, 'GET', `/api/approval/calls/${id}`, { token: expert.token })).body).toEqual(failure('FORBIDDEN'))
    expect((await call(t, 'GET', `/api/approval/calls/${id}`)).status).toBe(401)
  })

  test('a call still in publicity has nothing to approve: not in the queue, its sheet says why, signing is LISTING_NOT_READY', async () => {
    const c = await buildCall(t.db.models)
    const app = await buildApplication(t.db.models, { call: c, state: 'qualified' })
    await buildPublicity(t.db.models, { callId: c._id, applications: [app] })
    const id = c._id.toHexString()
    const queue = await call(t, 'GET', '/api/approval/calls?pageSize=50', { token: approver.token })
    expect(queue.body.items.map((r: { callId: string }) => r.callId)).not.toContain(id)
    const sheet = await call(t, 'GET', `/api/approval/calls/${id}`, { token: approver.token })
    expect(sheet.body).toMatchObject({ stageLabel: '公示中，尚不能审批' })
    expect(sheet.body.stage).toBeUndefined()
    expect(sheet.body.entries[0].decidable).toBe(false)
    const refused = await sign(id, { decisions: decisions([app._id.toHexString()]) })
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual(failure('LISTING_NOT_READY'))
    // No list at all.
    const bare = await buildCall(t.db.models)
    expect((await sign(bare._id.toHexString(), { decisions: decisions([app._id.toHexString()]) })).body.error.code).toBe('LISTING_NOT_READY')
    expect((await call(t, 'GET', `/api/approval/calls/${bare._id}`, { token: approver.token })).body.stageLabel).toBe('尚未公示')
  })
})

describe('第十九条 the approver signs', () => {
  test('entry by entry with one held back: one listing, applications moved, audited, the held-back organization told without the reason; signing twice is 409', async () => {
    const member = await wechatUser(t)
    const { call: c, passedIds } = await callAwaitingApproval(t.db.models, { passed: 3, memberIds: [[], [], [member.id]] })
    const id = c._id.toHexString()
    const held = passedIds[2]!
    // As stored: NFKC turns the full-width comma into ','.
    const REASON = '该组织近期发生质量投诉,待核实后再行审议'
    const res = await sign(id, { decisions: decisions(passedIds, { [held]: REASON }), note: '同意公布其余两项' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ stage: 'approved', stageLabel: '已批准，待公布' })
    expect(res.body.listing).toMatchObject({ state: 'approved', approvedCount: 2, heldBackCount: 1, approval: { name: '孙审批', note: '同意公布其余两项' } })
    expect(Date.parse(res.body.listing.approval.at)).toBeLessThanOrEqual(Date.now())
    const heldEntry = res.body.entries.find((e: { applicationId: string }) => e.applicationId === held)
    expect(heldEntry).toMatchObject({ decision: 'hold_back', decisionLabel: '不予批准', reason: REASON, decidable: false })
    expect(res.body.entries.filter((e: { decision?: string }) => e.decision === 'approve')).toHaveLength(2)

    expect(await statesOf(passedIds)).toEqual(['approved', 'approved', 'not_approved'])
    const listing = (await t.db.models.Listing.findOne({ callId: c._id }).lean())!
    expect(listing).toMatchObject({ year: c.year, state: 'approved', approval: { name: '孙审批' } })
    expect(String(listing.approval.by)).toBe(approver.id)
    expect(listing.heldBack).toEqual([expect.objectContaining({ reason: REASON })])

    const audit = await t.db.models.Audit.find({ 'resource.id': listing._id.toHexString(), action: 'listing.approve' }).lean()
    expect(audit).toHaveLength(1)
    expect(String(audit[0]!.actor.userId)).toBe(approver.id)
    expect(audit[0]!.reason).toContain(REASON)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: passedIds.slice(0, 2) }, action: 'application.approve' })).toBe(2)
    const rejected = await t.db.models.Audit.findOne({ 'resource.id': held, action: 'application.rejectApproval' }).lean()
    expect(rejected?.reason).toBe(REASON)

    const notices = await t.db.models.Outbox.find({ recipientUserId: member.id, kind: 'application.notApproved' }).lean()
    expect(notices.map((n) => n.channel).sort()).toEqual(['inapp', 'wechat_subscribe'])
    expect(notices[0]!.content.body).toContain('未列入')
    expect(JSON.stringify(notices[0]!.content)).not.toContain('质量投诉')

    // The office is told to publish (message center only).
    const toOffice = await t.db.models.Outbox.find({ recipientUserId: office.id, kind: 'listing.approved', 'cause.id': listing._id.toHexString() }).lean()
    expect(toOffice.map((n) => n.channel)).toEqual(['inapp'])
    expect(toOffice[0]!.content.body).toContain('批准 2 项，不予批准 1 项')

    const again = await sign(id, { decisions: decisions(passedIds) })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('LISTING_EXISTS')
    expect(again.body.error.message).toContain('孙审批')
    expect(await t.db.models.Listing.countDocuments({ callId: c._id })).toBe(1)

    // The applicant sees the stage, never the reason (第十三条).
    const mine = await call(t, 'GET', `/api/applications/${held}`, { token: member.token })
    expect(mine.body.stageLabel).toBe('未获批准')
    expect(JSON.stringify(mine.body)).not.toContain('质量投诉')
  })

  test('the whole list approved at once', async () => {
    const { call: c, passedIds } = await callAwaitingApproval(t.db.models, { passed: 2 })
    const res = await sign(c._id.toHexString(), { decisions: decisions(passedIds) })
    expect(res.status).toBe(201)
    expect(res.body.listing).toMatchObject({ approvedCount: 2, heldBackCount: 0 })
    expect(await statesOf(passedIds)).toEqual(['approved', 'approved'])
  })

  test('a sign cut short after the listing was created is completed by its signer signing again, then refused', async () => {
    const { call: c, passedIds } = await callAwaitingApproval(t.db.models, { passed: 2 })
    const id = c._id.toHexString()
    expect((await sign(id, { decisions: decisions(passedIds, { [passedIds[1]!]: '材料不全，暂不列入' }) })).status).toBe(201)
    // As if the process had stopped after the listing and the first application's step.
    await t.db.models.Application.updateOne({ _id: passedIds[1] }, { $set: { state: 'publicity_passed' } })
    // Another approver does not complete someone else's signature: told who signed.
    const other = await browserUser(t, ['approver'])
    expect((await sign(id, { decisions: decisions(passedIds) }, other.token)).body.error.code).toBe('LISTING_EXISTS')
    expect(await statesOf(passedIds)).toEqual(['approved', 'publicity_passed'])
    const completed = await sign(id, { decisions: decisions(passedIds) })
    expect(completed.status).toBe(201)
    // The signed decisions stand, not the repeated request's.
    expect(await statesOf(passedIds)).toEqual(['approved', 'not_approved'])
    expect((await sign(id, { decisions: decisions(passedIds) })).body.error.code).toBe('LISTING_EXISTS')
  })

  test('two approvers signing at once make one listing and move each application once', async () => {
    const { call: c, passedIds } = await callAwaitingApproval(t.db.models, { passed: 3 })
    const other = await browserUser(t, ['approver'], { displayName: '李审批' })
    const [a, b] = await Promise.all([sign(c._id.toHexString(), { decisions: decisions(passedIds) }), sign(c._id.toHexString(), { decisions: decisions(passedIds) }, other.token)])
    expect([a.status, b.status].sort()).toEqual([201, 409].sort())
    expect(await t.db.models.Listing.countDocuments({ callId: c._id })).toBe(1)
    expect(await statesOf(passedIds)).toEqual(['approved', 'approved', 'approved'])
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': { $in: passedIds }, action: 'application.approve' })).toBe(3)
  })

  test('refusals: decisions not matching the entries, none approved, a hold-back without reason, unknown keys', async () => {
    const { call: c, passedIds, withdrawnIds } = await callAwaitingApproval(t.db.models, { passed: 2, withdrawn: 1 })
    const id = c._id.toHexString()
    const mismatch = [
      decisions(passedIds.slice(0, 1)),
      decisions([...passedIds, withdrawnIds[0]!]),
      decisions([passedIds[0]!, passedIds[0]!]),
      decisions([passedIds[0]!, '0123456789abcdef01234567']),
    ]
    for (const d of mismatch) {
      const res = await sign(id, { decisions: d })
      expect(res.status).toBe(409)
      expect(res.body).toEqual(failure('LISTING_DECISIONS_MISMATCH'))
    }
    const none = await sign(id, { decisions: decisions(passedIds, { [passedIds[0]!]: '理由一说明', [passedIds[1]!]: '理由二说明' }) })
    expect(none.status).toBe(422)
    expect(none.body).toEqual(failure('LISTING_EMPTY'))
    const noReason = await sign(id, { decisions: [{ applicationId: passedIds[0], decision: 'hold_back' }, { applicationId: passedIds[1], decision: 'approve' }] })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.decisions.0.reason')
    expect((await sign(id, { decisions: decisions(passedIds), signedBy: '别人' })).status).toBe(400)
    expect((await sign(id, { decisions: [] })).status).toBe(400)
    expect((await sign('0123456789abcdef01234567', { decisions: decisions(passedIds) })).body).toEqual(failure('CALL_NOT_FOUND'))
    // Nothing was written by any refusal.
    expect(await t.db.models.Listing.countDocuments({ callId: c._id })).toBe(0)
    expect(await statesOf(passedIds)).toEqual(['publicity_passed', 'publicity_passed'])
  })

  test('only the approver signs: the office, an administrator, an expert (a committee chair too) and applicants are 403', async () => {
    const { call: c, passedIds } = await callAwaitingApproval(t.db.models, { passed: 1 })
    const id = c._id.toHexString()
    const others = [office, await browserUser(t, ['admin']), await browserUser(t, ['expert']), await browserUser(t, ['office', 'expert'])]
    for (const who of others) expect((await sign(id, { decisions: decisions(passedIds) }, who.token)).body).toEqual(failure('FORBIDDEN'))
    expect((await sign(id, { decisions: decisions(passedIds) }, (await wechatUser(t)).token)).status).toBe(403)
    expect(await t.db.models.Listing.countDocuments({ callId: c._id })).toBe(0)
  })
})
