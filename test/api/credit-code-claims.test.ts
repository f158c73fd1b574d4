/**
 * Issue 12, item 3 (第八条(一)): anyone could claim any company's 统一社会信用代码 — whoever saved it
 * first owned it, the real company was told to ask the squatter for an invite, and the 409 told
 * anyone whether a company had registered. Now a code is unverified until the office checks the
 * business licence scan; competing claims wait side by side; the loser is told why.
 */
import { creditCodeCheckChar, type OrganizationProfileInput } from '@zlbg/shared'
import { CLAIM_LOST_REASON } from '../../server/src/commands/organizations/organizationVerifier'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildCall, validProfile } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('credit-code-claims')
  office = await browserUser(t, ['office'])
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
let seq = 0
const newCode = () => {
  const first17 = `91330100${String(Date.now() * 10 + (++seq % 10)).slice(-9)}`
  return first17 + creditCodeCheckChar(first17)
}

async function upload(token: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(PNG)]), '营业执照.png')
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  return ((await res.json()) as { id: string }).id
}

/** A WeChat user's organization with a saved profile for `creditCode`, with or without the licence scan. */
async function claimant(name: string, creditCode: string, { licence = true } = {}) {
  const user = await wechatUser(t)
  const org = await call(t, 'POST', '/api/organizations', { token: user.token, body: { name } })
  expect(org.status).toBe(201)
  const body: OrganizationProfileInput = {
    ...validProfile({ creditCode }),
    ...(licence ? { businessLicenceScan: { attachmentId: await upload(user.token), title: '营业执照' } } : {}),
  }
  const saved = await call(t, 'PUT', `/api/organizations/${org.body.id}/profile`, { token: user.token, body })
  return { ...user, orgId: org.body.id as string, saved }
}

/** The in-app notices queued for a person (the outbox worker delivers them to 我的 → 消息). */
const noticesTo = async (userId: string) =>
  (await t.db.models.Outbox.find({ recipientUserId: userId, channel: 'inapp', kind: /^organization\.verification/ }).lean()).map((o) => o.content)
const decide = (id: string, body: unknown, token = office.token) => call(t, 'POST', `/api/organizations/${id}/verification`, { token, body })
const claimsFor = async (creditCode: string, state = 'pending') => {
  const res = await call(t, 'GET', `/api/credit-code-claims?state=${state}&pageSize=50`, { token: office.token })
  expect(res.status).toBe(200)
  return res.body.items.find((g: { creditCode: string }) => g.creditCode === creditCode)
}

describe('a saved code is only claimed: the office verifies it against the business licence', () => {
  test('with a licence scan the organization waits for the office; without one it is unverified', async () => {
    const withScan = await claimant('浙江真实制造有限公司', newCode())
    expect(withScan.saved.status).toBe(200)
    expect(withScan.saved.body.verification).toEqual({ state: 'pending' })
    expect(withScan.saved.body.businessLicenceScan).toMatchObject({ title: '营业执照', contentType: 'image/png' })
    const without = await claimant('浙江无照制造有限公司', newCode(), { licence: false })
    expect(without.saved.body.verification).toEqual({ state: 'unverified' })
    expect(await decide(without.orgId, { decision: 'verify' })).toMatchObject({ status: 409, body: failure('LICENCE_MISSING') })
  })

  test('an unverified organization saves drafts but cannot submit: 409 ORGANIZATION_UNVERIFIED; once verified it can', async () => {
    const callDoc = await buildCall(t.db.models)
    const a = await claimant('宁波待核验制造有限公司', newCode())
    const created = await call(t, 'POST', '/api/applications', { token: a.token, body: { callId: callDoc._id.toHexString(), organizationId: a.orgId } })
    expect(created.status).toBe(201)
    const { completeContent } = await import('../support/factories')
    expect((await call(t, 'PUT', `/api/applications/${created.body.id}/draft`, { token: a.token, body: completeContent() })).status).toBe(200)
    const refused = await call(t, 'POST', `/api/applications/${created.body.id}/submit`, { token: a.token })
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual(failure('ORGANIZATION_UNVERIFIED'))
    expect((await call(t, 'GET', `/api/applications/${created.body.id}`, { token: a.token })).body.state).toBe('draft')

    const verified = await decide(a.orgId, { decision: 'verify' })
    expect(verified.status).toBe(200)
    expect(verified.body.verification).toEqual({ state: 'verified', decidedAt: expect.any(String) })
    expect((await call(t, 'POST', `/api/applications/${created.body.id}/submit`, { token: a.token })).status).toBe(200)
  })

  test('the decision is audited and the members are told', async () => {
    const a = await claimant('温州审计制造有限公司', newCode())
    expect((await decide(a.orgId, { decision: 'reject', reason: '营业执照上的名称与组织名称不符' })).status).toBe(200)
    const trail = await call(t, 'GET', `/api/audit?action=organization.rejectVerification&resourceId=${a.orgId}`, { token: office.token })
    expect(trail.body.items).toEqual([expect.objectContaining({ from: 'pending', to: 'rejected', reason: '营业执照上的名称与组织名称不符' })])
    const told = await noticesTo(a.id)
    expect(told).toEqual([expect.objectContaining({ title: '组织核验未通过', body: expect.stringContaining('营业执照上的名称与组织名称不符') })])
    const profile = await call(t, 'GET', `/api/organizations/${a.orgId}/profile`, { token: a.token })
    expect(profile.body.verification).toMatchObject({ state: 'rejected', reason: '营业执照上的名称与组织名称不符' })
    // A rejection needs a reason; deciding the same twice is a conflict.
    expect((await decide(a.orgId, { decision: 'reject' })).status).toBe(400)
    expect((await decide(a.orgId, { decision: 'reject', reason: '再次驳回' })).body).toEqual(failure('STATE_CONFLICT', { currentState: 'rejected' }))
  })

  test('only the office decides and lists claims', async () => {
    const a = await claimant('台州越权制造有限公司', newCode())
    expect((await decide(a.orgId, { decision: 'verify' }, a.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/credit-code-claims', { token: a.token })).status).toBe(403)
  })
})

describe('the probe: a squatter saves a real company’s code first', () => {
  test('the real company is not turned away, learns nothing of the squatter, and the office decides side by side', async () => {
    const code = newCode()
    const squatter = await claimant('抢注贸易有限公司', code)
    const real = await claimant('杭州真实精密制造有限公司', code)
    // Not 409, no invite-code advice, nothing that names or reveals the first claimant.
    expect(real.saved.status).toBe(200)
    expect(real.saved.body.verification).toEqual({ state: 'pending' })
    expect(JSON.stringify(real.saved.body)).not.toContain('抢注')
    expect(JSON.stringify(real.saved.body)).not.toContain(squatter.orgId)

    const group = await claimsFor(code)
    expect(group.claims.map((c: { name: string }) => c.name)).toEqual(['抢注贸易有限公司', '杭州真实精密制造有限公司'])
    expect(group.claims.every((c: { businessLicenceScan?: unknown }) => c.businessLicenceScan)).toBe(true)
    expect(group.verifiedOrganizationId).toBeUndefined()

    // The office reads each licence through the profile's download route.
    const scanId = group.claims[1].businessLicenceScan.attachmentId
    const scan = await fetch(`${t.base}/api/organizations/${real.orgId}/attachments/${scanId}`, { headers: { authorization: `Bearer ${office.token}` } })
    expect(scan.status).toBe(200)

    expect((await decide(real.orgId, { decision: 'verify' })).status).toBe(200)
    const after = await claimsFor(code, 'all')
    expect(after.verifiedOrganizationId).toBe(real.orgId)
    expect(after.claims.map((c: { verification: { state: string } }) => c.verification.state)).toEqual(['rejected', 'verified'])
    expect(await claimsFor(code)).toBeUndefined()

    // The losing claim is told why, without learning who won.
    const lost = await call(t, 'GET', `/api/organizations/${squatter.orgId}/profile`, { token: squatter.token })
    expect(lost.body.verification).toMatchObject({ state: 'rejected', reason: CLAIM_LOST_REASON })
    const told = await noticesTo(squatter.id)
    expect(told).toEqual([expect.objectContaining({ title: '组织核验未通过', body: expect.stringContaining(CLAIM_LOST_REASON) })])
    expect(JSON.stringify(told)).not.toContain('杭州真实精密')
    expect(await noticesTo(real.id)).toEqual([expect.objectContaining({ title: '组织已通过核验' })])
    expect((await t.db.models.CreditCodeClaim.findById(code).lean())!.organizationId.toHexString()).toBe(real.orgId)
  })

  test('changing the code or the licence after verification sends the organization back to the office', async () => {
    const a = await claimant('嘉兴改码制造有限公司', newCode())
    await decide(a.orgId, { decision: 'verify' })
    const current = (await call(t, 'GET', `/api/organizations/${a.orgId}/profile`, { token: a.token })).body
    const same = await call(t, 'PUT', `/api/organizations/${a.orgId}/profile`, { token: a.token, body: { ...current.profile, industry: '专用设备制造业' } })
    expect(same.body.verification.state).toBe('verified')
    const changed = await call(t, 'PUT', `/api/organizations/${a.orgId}/profile`, { token: a.token, body: { ...current.profile, creditCode: newCode() } })
    expect(changed.body.verification).toEqual({ state: 'pending' })
    // The old code is let go.
    expect(await t.db.models.CreditCodeClaim.findById(current.profile.creditCode).lean()).toBeNull()
  })
})

describe('names are compared after normalisation', () => {
  test('a name a verified organization bears — in another width, spacing or punctuation — waits for the office', async () => {
    const code = newCode()
    const real = await claimant('绍兴标杆（集团）有限公司', code)
    await decide(real.orgId, { decision: 'verify' })
    const copier = await wechatUser(t)
    for (const name of ['绍兴标杆(集团)有限公司', '绍兴 标杆（集团）有限公司', '绍兴标杆集团有限公司']) {
      const res = await call(t, 'POST', '/api/organizations', { token: copier.token, body: { name } })
      expect([name, res.status, res.body.nameReview]).toEqual([name, 201, 'pending'])
    }
    // A name no verified organization bears passes as before; the verified one renaming to its own name stays passed.
    expect((await call(t, 'POST', '/api/organizations', { token: copier.token, body: { name: '绍兴另一家有限公司' } })).body.nameReview).toBe('passed')
    const own = await call(t, 'PUT', `/api/organizations/${real.orgId}/name`, { token: real.token, body: { name: '绍兴标杆(集团)有限公司' } })
    expect(own.body.nameReview).toBe('passed')
  })
})
