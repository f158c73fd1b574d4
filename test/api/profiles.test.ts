import mongoose from 'mongoose'
import { CREDIT_CODE_MESSAGES, type OrganizationProfileInput } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { creditCode as newCreditCode, validProfile } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

/** The organization profile (申报组织信息, 第八条): members edit, members and the office read. */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('profiles')
  office = await browserUser(t, ['office'])
})
afterAll(() => t.close())
// Every request comes from 127.0.0.1: keep the per-IP limits of sign-ins and creations per test.
beforeEach(() => t.db.models.Counter.deleteMany({}))

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const NO_SUCH_ORG = '0123456789abcdef01234567'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** The factories' complete profile (a fresh credit code, dates around today), for an organization in Fuzhou. */
function profile(overrides: Partial<OrganizationProfileInput> = {}): OrganizationProfileInput {
  return {
    ...validProfile(),
    region: { provinceCode: '350000', city: '福州市' },
    industry: '通用设备制造业',
    contacts: [{ name: '王质量', title: '质量部部长', phone: '0591-88881234', email: 'quality@example.cn' }],
    ...overrides,
  }
}

type Who = { token?: string }
async function newOrg(name = '福建示范制造有限公司') {
  const founder = await wechatUser(t)
  const res = await call(t, 'POST', '/api/organizations', { token: founder.token, body: { name } })
  expect(res.status).toBe(201)
  return { founder, id: res.body.id as string }
}
const read = (who: Who, orgId: string) => call(t, 'GET', `/api/organizations/${orgId}/profile`, { token: who.token })
const save = (who: Who, orgId: string, body: unknown) => call(t, 'PUT', `/api/organizations/${orgId}/profile`, { token: who.token, body })
const claimsOf = async (orgId: string) =>
  (await t.db.models.CreditCodeClaim.find({ organizationId: orgId }).lean()).map((c) => c._id).sort()

async function upload(who: { token: string }, content: Buffer, filename: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)]), filename)
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${who.token}` }, body: form })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}
const download = (who: Who, orgId: string, attachmentId: string) =>
  fetch(`${t.base}/api/organizations/${orgId}/attachments/${attachmentId}`, { headers: who.token ? { authorization: `Bearer ${who.token}` } : {} })

describe('GET/PUT /api/organizations/:id/profile — members keep the profile', () => {
  test('a new organization has no profile yet: only its name and the name review', async () => {
    const { founder, id } = await newOrg('初次填写有限公司')
    const res = await read(founder, id)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ organizationId: id, name: '初次填写有限公司', nameReview: 'passed', verification: { state: 'unverified' } })
  })

  test('a member saves the profile and reads it back; the office reads it; the save is audited', async () => {
    const { founder, id } = await newOrg()
    const body = profile()
    const res = await save(founder, id, { ...body, creditCode: body.creditCode.toLowerCase() })
    expect(res.status).toBe(200)
    // No licence scan yet: unverified (issue 12; credit-code-claims.test.ts has the office's side).
    expect(res.body).toEqual({ organizationId: id, name: '福建示范制造有限公司', nameReview: 'passed', profile: body, verification: { state: 'unverified' }, updatedAt: expect.stringMatching(ISO) })
    expect((await read(founder, id)).body).toEqual(res.body)
    const byOffice = await read(office, id)
    expect(byOffice.status).toBe(200)
    expect(byOffice.body).toEqual(res.body)
    // Saving a code does not take it: only the office's verification does.
    expect(await claimsOf(id)).toEqual([])
    const audit = await t.db.models.Audit.find({ action: 'organization.updateProfile', 'resource.id': id }).lean()
    expect(audit).toEqual([expect.objectContaining({ to: body.creditCode, actor: expect.objectContaining({ roles: ['wechat_user', 'org_member'] }) })])
  })

  test('a member who joined by invitation edits it too', async () => {
    const { founder, id } = await newOrg()
    const invite = await call(t, 'POST', `/api/organizations/${id}/invites`, { token: founder.token })
    const colleague = await wechatUser(t)
    expect((await call(t, 'POST', '/api/organizations/join', { token: colleague.token, body: { code: invite.body.code } })).status).toBe(200)
    expect((await save(colleague, id, profile())).status).toBe(200)
  })

  test.each([
    // The shape is a pattern in the document (400); the check character only the server can judge (422).
    ['a credit code with a wrong check character', 422, { creditCode: '91350100M000100Y44' }, [{ path: 'body.creditCode', message: CREDIT_CODE_MESSAGES.checkDigit }]],
    ['a credit code with a forbidden letter (第八条(一))', 400, { creditCode: '91350100M0001O0Y43' }, [{ path: 'body.creditCode', message: CREDIT_CODE_MESSAGES.characters }]],
    ['a credit code of 17 characters', 400, { creditCode: '91350100M000100Y4' }, [{ path: 'body.creditCode', message: CREDIT_CODE_MESSAGES.length }]],
    ['an unknown field', 400, { website: 'https://example.cn' }, [{ path: 'body.website', message: '不允许的字段「website」' }]],
    [
      'an unknown field inside the certificate',
      400,
      { iso9001: { ...profile().iso9001, grade: 'A' } },
      [{ path: 'body.iso9001.grade', message: '不允许的字段「grade」' }],
    ],
  ] as const)('%s is %d naming the field; nothing is saved or claimed', async (_label, status, overrides, fields) => {
    const { founder, id } = await newOrg()
    const res = await save(founder, id, { ...profile(), ...overrides })
    expect(res.status).toBe(status)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields }))
    expect((await read(founder, id)).body.profile).toBeUndefined()
    expect(await claimsOf(id)).toEqual([])
  })

  test('a violation declared without explaining it is 422 on the disclosure (第八条(二))', async () => {
    const { founder, id } = await newOrg()
    const res = await save(founder, id, profile({ compliance: { noViolations: false } }))
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'body.compliance.disclosure', message: expect.stringContaining('请说明情况') }])
  })
})

describe('统一社会信用代码: saving claims nothing (第八条(一); the office verifies, credit-code-claims.test.ts)', () => {
  test('two saves at once with different codes: the profile ends with one of them, and neither is taken', async () => {
    const { founder, id } = await newOrg()
    // A few rounds: which request lands first is up to the scheduler.
    for (let round = 0; round < 3; round++) {
      const [x, y] = [profile(), profile()]
      const results = await Promise.all([save(founder, id, x), save(founder, id, y)])
      expect(results.map((r) => r.status)).toEqual([200, 200])
      const stored = (await read(founder, id)).body.profile.creditCode
      expect([x.creditCode, y.creditCode]).toContain(stored)
      expect(await claimsOf(id)).toEqual([])
    }
  })
})

describe('who may read and edit', () => {
  test.each([
    ['GET', 'a member of another organization', 403, 'FORBIDDEN'],
    ['PUT', 'a member of another organization', 403, 'FORBIDDEN'],
    ['GET', 'a signed-in person in no organization', 403, 'FORBIDDEN'],
    ['PUT', 'the office (reads, never edits)', 403, 'FORBIDDEN'],
    ['GET', 'anonymous', 401, 'UNAUTHENTICATED'],
    ['PUT', 'anonymous', 401, 'UNAUTHENTICATED'],
  ] as const)('%s by %s is %i', async (method, who, status, code) => {
    const { founder, id } = await newOrg()
    const body = profile()
    expect((await save(founder, id, body)).status).toBe(200)
    const caller =
      who === 'a member of another organization'
        ? (await newOrg('别家有限公司')).founder
        : who === 'a signed-in person in no organization'
          ? await wechatUser(t)
          : who === 'the office (reads, never edits)'
            ? office
            : {}
    const res = method === 'GET' ? await read(caller, id) : await save(caller, id, profile())
    expect(res.status).toBe(status)
    expect(res.body).toEqual(failure(code))
    expect((await read(founder, id)).body.profile).toEqual(body)
  })

  test('an organization that does not exist is 404 ORGANIZATION_NOT_FOUND', async () => {
    expect((await read(office, NO_SUCH_ORG)).body).toEqual(failure('ORGANIZATION_NOT_FOUND'))
    const { founder } = await newOrg()
    const res = await save(founder, NO_SUCH_ORG, profile())
    expect(res.status).toBe(404)
    expect(res.body).toEqual(failure('ORGANIZATION_NOT_FOUND'))
  })
})

describe('the ISO 9001 certificate scan (第八条(三))', () => {
  async function withScan() {
    const org = await newOrg()
    const scanId = await upload(org.founder, PNG, 'ISO9001证书.png')
    const body = profile()
    body.iso9001 = { ...body.iso9001, scan: { attachmentId: scanId, title: 'ISO 9001 证书扫描件' } }
    const res = await save(org.founder, org.id, body)
    expect(res.status).toBe(200)
    return { ...org, scanId, body, view: res.body }
  }

  test('saved with the profile, shown as iso9001Scan, and now the organization’s file', async () => {
    const { id, scanId, view } = await withScan()
    expect(view.iso9001Scan).toEqual({ attachmentId: scanId, title: 'ISO 9001 证书扫描件', filename: 'ISO9001证书.png', contentType: 'image/png', size: PNG.length })
    const record = await t.db.models.Attachment.findById(scanId).lean()
    expect(record!.owner).toEqual({ type: 'organization', id: expect.anything() })
    expect(record!.owner!.id.toHexString()).toBe(id)
  })

  test('members and the office download it; a member of another organization and anonymous do not', async () => {
    const { founder, id, scanId } = await withScan()
    for (const who of [founder, office]) {
      const res = await download(who, id, scanId)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('content-disposition')).toContain('attachment')
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    }
    const stranger = (await newOrg('旁人有限公司')).founder
    const denied = await download(stranger, id, scanId)
    expect(denied.status).toBe(403)
    expect(await denied.json()).toEqual(failure('FORBIDDEN'))
    expect((await download({}, id, scanId)).status).toBe(401)
  })

  test('a file that is not this organization’s is 404 through its route, even for a member', async () => {
    const { founder, id } = await withScan()
    // The member's own upload that no form has claimed, and another organization's scan.
    const loose = await upload(founder, PNG, '未使用.png')
    const other = await withScan()
    for (const attachmentId of [loose, other.scanId, NO_SUCH_ORG]) {
      const res = await download(founder, id, attachmentId)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual(failure('ATTACHMENT_NOT_FOUND'))
    }
  })

  test('naming someone else’s upload is 404 on the field, and the new code is not left claimed', async () => {
    const { founder, id } = await newOrg()
    const someoneElse = await wechatUser(t)
    const theirs = await upload(someoneElse, PNG, '别人的.png')
    const body = profile()
    body.iso9001 = { ...body.iso9001, scan: { attachmentId: theirs, title: '证书' } }
    const res = await save(founder, id, body)
    expect(res.status).toBe(404)
    expect(res.body).toEqual(
      failure('ATTACHMENT_NOT_FOUND', { fields: [{ path: 'body.iso9001.scan.attachmentId', message: '附件不存在或已失效，请重新上传' }] }),
    )
    expect((await read(founder, id)).body.profile).toBeUndefined()
    expect(await claimsOf(id)).toEqual([])
    expect((await t.db.models.Attachment.findById(theirs).lean())!.owner?.id).toBeUndefined()
  })

  test('an upload about to be purged (older than 23 h, never claimed) can no longer be named', async () => {
    const { founder, id } = await newOrg()
    const stale = await upload(founder, PNG, '昨天的.png')
    await t.db.models.Attachment.collection.updateOne({ _id: new mongoose.Types.ObjectId(stale) }, { $set: { createdAt: new Date(Date.now() - 23 * 3_600_000 - 60_000) } })
    const body = profile()
    body.iso9001 = { ...body.iso9001, scan: { attachmentId: stale, title: '证书' } }
    const res = await save(founder, id, body)
    expect(res.status).toBe(404)
    expect(res.body.error.fields).toEqual([{ path: 'body.iso9001.scan.attachmentId', message: '附件不存在或已失效，请重新上传' }])
  })

  test('replacing the scan keeps the old file the organization’s (an application’s snapshot may name it)', async () => {
    const { founder, id, scanId, body } = await withScan()
    const replacement = await upload(founder, PNG, '新证书.png')
    const res = await save(founder, id, { ...body, iso9001: { ...body.iso9001, scan: { attachmentId: replacement, title: '新证书' } } })
    expect(res.status).toBe(200)
    expect(res.body.iso9001Scan.attachmentId).toBe(replacement)
    expect((await download(founder, id, scanId)).status).toBe(200)
    // Dropping the scan leaves the profile without one.
    const { scan: _dropped, ...withoutScan } = res.body.profile.iso9001
    const dropped = await save(founder, id, { ...body, iso9001: withoutScan })
    expect(dropped.status).toBe(200)
    expect(dropped.body.iso9001Scan).toBeUndefined()
  })
})
