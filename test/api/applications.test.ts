import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import type { OrganizationProfileInput } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'
import { completeContent, thisYear, validProfile } from '../support/factories'

/**
 * The applicant's journey up to submission (issue #6, 第十四条) and the office's list and export,
 * through the API on a real server and database.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('applications')
  office = await browserUser(t, ['office'], { displayName: '办公室张审' })
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** The year of the calls this file publishes: this year in Beijing, as the factories' profiles assume. */
const YEAR = thisYear()

/** The factories' complete profile (a fresh credit code, dates around today), for an organization in Hangzhou. */
const profile = (over: Partial<OrganizationProfileInput> = {}): OrganizationProfileInput => ({
  ...validProfile({ callYear: YEAR }),
  region: { provinceCode: '330000', city: '杭州市' },
  contacts: [{ name: '王敏', phone: '0571-88886666' }],
  ...over,
})

/** A complete application (the factories' content) with this file's title and methods. */
const content = (over: Record<string, unknown> = {}) => ({
  ...completeContent(['六西格玛管理', '精益管理']),
  title: '以精益六西格玛驱动的全流程质量改进',
  ...over,
})

/** A published call of this year whose application window is open now (the office's routes). */
async function publishedCall(over: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now()
  const created = await call(t, 'POST', '/api/office/calls', {
    token: office.token,
    body: {
      year: YEAR,
      title: `${YEAR}年质量标杆典型经验征集`,
      body: `各有关单位：现开展 ${YEAR} 年质量标杆典型经验征集工作。`,
      keyFields: [{ title: '数字化质量管理', description: '' }],
      sectors: ['manufacturing', 'services'],
      schedule: [{ kind: 'application', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + 30 * DAY).toISOString() }],
      contact: { department: '质量标杆工作办公室' },
      ...over,
    },
  })
  if (created.status !== 201) throw new Error(`createCall: ${created.status} ${JSON.stringify(created.body)}`)
  const published = await call(t, 'POST', `/api/office/calls/${created.body.id}/publish`, { token: office.token })
  if (published.status !== 200) throw new Error(`publishCall: ${published.status} ${JSON.stringify(published.body)}`)
  return created.body.id
}

/** Moves a call's application window (what the office's schedule says) directly in the database. */
async function setWindow(callId: string, startsAt: Date, endsAt: Date) {
  await t.db.models.Call.updateOne({ _id: callId }, { $set: { schedule: [{ kind: 'application', startsAt, endsAt }] } })
}

async function saveProfile(orgId: string, token: string, p: OrganizationProfileInput) {
  const res = await call(t, 'PUT', `/api/organizations/${orgId}/profile`, { token, body: p })
  if (res.status !== 200) throw new Error(`saveProfile: ${res.status} ${JSON.stringify(res.body)}`)
}

/** A WeChat user who founded an organization, with its profile filled in unless told otherwise. */
async function applicant({ name = '杭州精益制造有限公司', withProfile = true, p = profile() } = {}) {
  const user = await wechatUser(t)
  const org = await call(t, 'POST', '/api/organizations', { token: user.token, body: { name } })
  if (org.status !== 201) throw new Error(`createOrganization: ${org.status} ${JSON.stringify(org.body)}`)
  if (withProfile) {
    await saveProfile(org.body.id, user.token, p)
    // The office's verification of the licence (第八条(一)) is tested in credit-code-claims.test.ts.
    await t.db.models.Organization.updateOne({ _id: org.body.id }, { $set: { verification: { state: 'verified', decidedAt: new Date() } } })
  }
  return { ...user, orgId: org.body.id as string, profile: p }
}

/** A second member of the same organization, joined through an invite code. */
async function colleague(of: { token: string; orgId: string }) {
  const other = await wechatUser(t)
  const invite = await call(t, 'POST', `/api/organizations/${of.orgId}/invites`, { token: of.token })
  const joined = await call(t, 'POST', '/api/organizations/join', { token: other.token, body: { code: invite.body.code } })
  expect(joined.status).toBe(200)
  return other
}

const create = (who: { token: string }, callId: string, organizationId: string) =>
  call(t, 'POST', '/api/applications', { token: who.token, body: { callId, organizationId } })
const save = (who: { token: string }, id: string, body: unknown) => call(t, 'PUT', `/api/applications/${id}/draft`, { token: who.token, body })
const get = (who: { token: string }, id: string) => call(t, 'GET', `/api/applications/${id}`, { token: who.token })
const submit = (who: { token: string }, id: string) => call(t, 'POST', `/api/applications/${id}/submit`, { token: who.token })
const withdraw = (who: { token: string }, id: string, body: unknown = {}) =>
  call(t, 'POST', `/api/applications/${id}/withdraw`, { token: who.token, body })

/** An application with complete content, ready to submit. */
async function readyDraft(who: { token: string; orgId: string }, callId: string, over: Record<string, unknown> = {}) {
  const created = await create(who, callId, who.orgId)
  expect(created.status).toBe(201)
  const saved = await save(who, created.body.id, content(over))
  expect(saved.status).toBe(200)
  return created.body.id as string
}

async function uploadPdf(who: { token: string }, filename = '申报书.pdf'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n', 'latin1')], { type: 'application/pdf' }), filename)
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${who.token}` }, body: form })
  const body = (await res.json()) as { id: string }
  expect(res.status).toBe(201)
  return body.id
}

const auditOf = async (id: string) =>
  (await t.db.models.Audit.find({ 'resource.id': id }).sort({ at: 1, _id: 1 }).lean()).map((a) => [a.action, a.from ?? null, a.to ?? null, String(a.actor.userId)])

const RECEIPT = new RegExp(`^ZLBG-${YEAR}-\\d{6}$`)
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe('drafting (第十四条): saved as you go, over two sittings', () => {
  test('create, save part, read it back, save more: the whole content is replaced each time', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const created = await create(a, callId, a.orgId)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      callId,
      callTitle: `${YEAR}年质量标杆典型经验征集`,
      callYear: YEAR,
      organizationId: a.orgId,
      organizationName: '杭州精益制造有限公司',
      state: 'draft',
      stageLabel: '草稿',
      content: { attachments: [] },
      closesAt: expect.stringMatching(ISO),
      history: [{ state: 'draft', label: '草稿', at: expect.stringMatching(ISO) }],
      actions: ['edit', 'submit', 'delete'],
    })
    const id = created.body.id

    // First sitting: a title and one narrative, the rest still empty.
    const first = { title: '以精益六西格玛驱动的全流程质量改进', criteria: { scientific: '先写一点' } }
    expect((await save(a, id, first)).status).toBe(200)
    const back = await get(a, id)
    expect(back.body.content).toEqual({ ...first, attachments: [] })

    // Second sitting: the form sends everything it now holds, with a file.
    const fileId = await uploadPdf(a)
    const second = { ...first, summary: '摘要写了一半', criteria: { scientific: '先写一点，再补充', innovative: '创新之处' }, attachments: [{ attachmentId: fileId, title: '申报书' }] }
    const saved = await save(a, id, second)
    expect(saved.status).toBe(200)
    expect(saved.body.content).toEqual({
      ...second,
      attachments: [{ attachmentId: fileId, title: '申报书', filename: '申报书.pdf', contentType: 'application/pdf', size: expect.any(Number) }],
    })
    expect((await get(a, id)).body.content.criteria).toEqual(second.criteria)
    // The file now belongs to the application and is downloaded through it.
    const file = await fetch(`${t.base}/api/applications/${id}/attachments/${fileId}`, { headers: { authorization: `Bearer ${a.token}` } })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
  })

  test('unknown fields and malformed values are 400 naming the field; nothing is saved', async () => {
    const a = await applicant()
    const id = (await create(a, await publishedCall(), a.orgId)).body.id
    const unknown = await save(a, id, { title: '标题', fee: 100 })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'body.fee', message: '不允许的字段「fee」' }] })
    const nested = await save(a, id, { criteria: { scientific: 'x', score: '95' } })
    expect(nested.body.error.fields).toEqual([{ path: 'body.criteria.score', message: '不允许的字段「score」' }])
    const tooLong = await save(a, id, { title: '长'.repeat(61) })
    expect(tooLong.body.error.fields[0].path).toBe('body.title')
    expect((await call(t, 'POST', '/api/applications', { token: a.token, body: { callId: id, organizationId: a.orgId, slot: '2' } })).body.error.fields).toEqual([
      { path: 'body.slot', message: '不允许的字段「slot」' },
    ])
    expect((await get(a, id)).body.content).toEqual({ attachments: [] })
  })

  test("a file that is not the caller's own upload is 404 naming it", async () => {
    const a = await applicant()
    const stranger = await wechatUser(t)
    const theirs = await uploadPdf(stranger)
    const id = (await create(a, await publishedCall(), a.orgId)).body.id
    const res = await save(a, id, { attachments: [{ attachmentId: theirs, title: '别人的文件' }] })
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', fields: [{ path: 'attachments.0.attachmentId', message: expect.any(String) }] })
  })

  test('a draft call does not exist for applicants; a closed window is 409 CALL_NOT_OPEN', async () => {
    const a = await applicant()
    const draft = await call(t, 'POST', '/api/office/calls', { token: office.token, body: { year: YEAR, title: '尚未发布的征集' } })
    expect(await create(a, draft.body.id, a.orgId)).toMatchObject({ status: 404, body: failure('CALL_NOT_FOUND') })
    expect(await create(a, new mongoose.Types.ObjectId().toHexString(), a.orgId)).toMatchObject({ status: 404, body: failure('CALL_NOT_FOUND') })
    const late = await publishedCall()
    await setWindow(late, new Date(Date.now() - 30 * DAY), new Date(Date.now() - HOUR))
    const res = await create(a, late, a.orgId)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('CALL_NOT_OPEN')
    expect(res.body.error.message).toMatch(/^申报已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）截止$/)
  })

  test('deleting a draft frees its place; a submitted application cannot be deleted', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = (await create(a, callId, a.orgId)).body.id
    expect((await call(t, 'DELETE', `/api/applications/${id}`, { token: a.token })).status).toBe(204)
    expect(await get(a, id)).toMatchObject({ status: 404, body: failure('APPLICATION_NOT_FOUND') })
    const again = await readyDraft(a, callId)
    expect((await submit(a, again)).status).toBe(200)
    const refused = await call(t, 'DELETE', `/api/applications/${again}`, { token: a.token })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'submitted' })
    expect((await auditOf(id)).map(([action]) => action)).toEqual(['application.create', 'application.delete'])
  })
})

describe('the per-organization limit of a call (maxApplicationsPerOrganization, default 1)', () => {
  test('over the limit is 409 APPLICATION_LIMIT_REACHED', async () => {
    const a = await applicant()
    const callId = await publishedCall({ maxApplicationsPerOrganization: 2 })
    expect((await create(a, callId, a.orgId)).status).toBe(201)
    expect((await create(a, callId, a.orgId)).status).toBe(201)
    const third = await create(a, callId, a.orgId)
    expect(third.status).toBe(409)
    expect(third.body.error.code).toBe('APPLICATION_LIMIT_REACHED')
    // Another organization has its own places.
    const b = await applicant({ name: '宁波卓越服务有限公司' })
    expect((await create(b, callId, b.orgId)).status).toBe(201)
  })

  test('two members starting at once with a limit of 1: one draft, one refusal', async () => {
    const a = await applicant()
    const b = await colleague(a)
    const callId = await publishedCall()
    const results = await Promise.all([create(a, callId, a.orgId), create(b, callId, a.orgId)])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await t.db.models.Application.countDocuments({ callId })).toBe(1)
  })

  test('withdrawing a submitted application frees its place (第十四条, before qualification review)', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)
    expect((await submit(a, id)).status).toBe(200)
    expect((await create(a, callId, a.orgId)).body.error.code).toBe('APPLICATION_LIMIT_REACHED')

    const res = await withdraw(a, id, { reason: '材料需要重新整理' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ state: 'withdrawn', stageLabel: '已撤回', actions: [] })
    expect(res.body.history.map((h: { state: string }) => h.state)).toEqual(['draft', 'submitted', 'withdrawn'])
    expect((await t.db.models.Application.findById(id).lean())!.slot).toBe(`released:${id}`)
    expect((await create(a, callId, a.orgId)).status).toBe(201)

    const twice = await withdraw(a, id)
    expect(twice.status).toBe(409)
    expect(twice.body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'withdrawn' })
    const audit = await auditOf(id)
    expect(audit).toContainEqual(['application.withdraw', 'submitted', 'withdrawn', a.id])
    expect((await t.db.models.Audit.findOne({ 'resource.id': id, action: 'application.withdraw' }).lean())!.reason).toBe('材料需要重新整理')
  })

  test('a draft cannot be withdrawn, nor one whose qualification review has started', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)
    expect((await withdraw(a, id)).body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'draft' })
    await submit(a, id)
    await t.db.models.Application.updateOne({ _id: id }, { $set: { state: 'qualification_review' } })
    expect((await withdraw(a, id)).body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'qualification_review' })
  })
})

describe('submitting (第十四条): a receipt, once, only inside the window', () => {
  test('submit answers a receipt ZLBG-<year>-<6 digits>; the application becomes read-only; every member is told', async () => {
    const a = await applicant()
    const b = await colleague(a)
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)

    const res = await submit(a, id)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ applicationId: id, receiptNumber: expect.stringMatching(RECEIPT), submittedAt: expect.stringMatching(ISO), state: 'submitted' })

    const view = await get(b, id)
    expect(view.body).toMatchObject({
      state: 'submitted',
      stageLabel: '已提交',
      receiptNumber: res.body.receiptNumber,
      submittedAt: res.body.submittedAt,
      actions: ['withdraw'],
    })
    expect(view.body.history.map((h: { label: string }) => h.label)).toEqual(['草稿', '已提交'])
    expect((await save(a, id, content({ title: '提交后再改标题' }))).body.error).toMatchObject({ code: 'STATE_CONFLICT', currentState: 'submitted' })

    // What the office reviews is kept as it was submitted: the profile snapshot, the pre-check (issue #7).
    const stored = (await t.db.models.Application.findById(id).lean())!
    expect(stored.profileSnapshot).toMatchObject({ creditCode: a.profile.creditCode, sector: 'manufacturing' })
    expect(stored).toMatchObject({ organizationName: '杭州精益制造有限公司', sector: 'manufacturing', provinceCode: '330000', creditCode: a.profile.creditCode })
    expect(stored.precheck!.results.map((r) => r.rule)).toEqual(['registration', 'legalStanding', 'iso9001', 'maturePractice', 'sharing', 'sector'])
    expect(stored.precheck!.reviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const notices = await t.db.models.Outbox.find({ 'cause.id': id }).lean()
    expect(notices.map((n) => [String(n.recipientUserId), n.channel, n.kind]).sort()).toEqual(
      [
        [a.id, 'inapp', 'application.submitted'],
        [a.id, 'wechat_subscribe', 'application.submitted'],
        [b.id, 'inapp', 'application.submitted'],
        [b.id, 'wechat_subscribe', 'application.submitted'],
      ].sort(),
    )
    expect(notices[0]!.content).toMatchObject({ title: '以精益六西格玛驱动的全流程质量改进', status: '已提交', link: `/subpackages/org/applications/detail?id=${id}` })
    expect(await auditOf(id)).toEqual([
      ['application.create', null, 'draft', a.id],
      ['application.submit', 'draft', 'submitted', a.id],
    ])
  })

  test('a retried submit answers the same receipt, and is not recorded twice', async () => {
    const a = await applicant()
    const id = await readyDraft(a, await publishedCall())
    const first = await submit(a, id)
    const again = await submit(a, id)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': id, action: 'application.submit' })).toBe(1)
  })

  test('concurrent submits: one receipt for all, one transition', async () => {
    const a = await applicant()
    const b = await colleague(a)
    const id = await readyDraft(a, await publishedCall())
    const replies = await Promise.all([submit(a, id), submit(b, id), submit(a, id), submit(b, id)])
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(new Set(replies.map((r) => r.body.receiptNumber)).size).toBe(1)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': id, action: 'application.submit' })).toBe(1)
    expect(await t.db.models.Outbox.countDocuments({ 'cause.id': id, channel: 'inapp' })).toBe(2)
  })

  test('receipt numbers are distinct and count up within the call year', async () => {
    const callId = await publishedCall()
    const numbers: string[] = []
    for (const name of ['甲质量有限公司', '乙质量有限公司']) {
      const a = await applicant({ name })
      numbers.push((await submit(a, await readyDraft(a, callId))).body.receiptNumber)
    }
    const [x, y] = numbers.map((n) => Number(n.slice(-6)))
    expect(y).toBeGreaterThan(x!)
  })

  test('after the closing time: 409 CALL_WINDOW_CLOSED naming the time in Beijing; the draft stays as it was', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)
    // 15 January 17:00 in Beijing is 09:00 UTC: a window that closed last year.
    await setWindow(callId, new Date(`${YEAR - 2}-12-01T00:00:00Z`), new Date(`${YEAR - 1}-01-15T09:00:00Z`))
    const before = await t.db.models.Application.findById(id).lean()
    const res = await submit(a, id)
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ error: { code: 'CALL_WINDOW_CLOSED', message: `申报已于 ${YEAR - 1}年1月15日 17:00（北京时间）截止`, requestId: expect.any(String) } })
    expect(await t.db.models.Application.findById(id).lean()).toEqual(before)
    expect(await t.db.models.Audit.countDocuments({ 'resource.id': id, action: 'application.submit' })).toBe(0)
  })

  test('before the opening time: 409 CALL_WINDOW_CLOSED naming when it opens', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)
    // 1 March 08:30 in Beijing next year.
    await setWindow(callId, new Date(`${YEAR + 1}-03-01T00:30:00Z`), new Date(`${YEAR + 1}-04-01T00:00:00Z`))
    const res = await submit(a, id)
    expect(res.body.error).toEqual({ code: 'CALL_WINDOW_CLOSED', message: `申报将于 ${YEAR + 1}年3月1日 08:30（北京时间）开始，请届时提交`, requestId: expect.any(String) })
  })

  test('a call the office has closed takes no more submissions', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = await readyDraft(a, callId)
    expect((await call(t, 'POST', `/api/office/calls/${callId}/close`, { token: office.token })).status).toBe(200)
    const res = await submit(a, id)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('CALL_WINDOW_CLOSED')
    expect(res.body.error.message).toMatch(/^本轮征集已结束/)
  })

  test('incomplete content: 422 VALIDATION_FAILED with content.* paths; the draft stays as it was', async () => {
    const a = await applicant()
    const callId = await publishedCall()
    const id = (await create(a, callId, a.orgId)).body.id
    await save(a, id, { title: '以精益六西格玛驱动的全流程质量改进', summary: '太短', criteria: { scientific: '太短' } })
    const before = await t.db.models.Application.findById(id).lean()
    const res = await submit(a, id)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    const paths = res.body.error.fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['content.summary', 'content.methods', 'content.criteria.scientific', 'content.criteria.innovative', 'content.comparison', 'content.practice']),
    )
    expect(paths.every((p: string) => p.startsWith('content.'))).toBe(true)
    expect(res.body.error.fields).toContainEqual({ path: 'content.summary', message: '摘要至少 50 个字' })
    expect(await t.db.models.Application.findById(id).lean()).toEqual(before)
  })

  test("methods must come from the call's list", async () => {
    const a = await applicant()
    const id = await readyDraft(a, await publishedCall(), { methods: ['精益管理', '自创魔法管理'] })
    const res = await submit(a, id)
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'content.methods.1', message: expect.stringContaining('自创魔法管理') }])
  })

  test('an incomplete or missing organization profile: 422 PROFILE_INCOMPLETE with profile.* paths', async () => {
    const none = await applicant({ withProfile: false })
    const callId = await publishedCall()
    const res = await submit(none, await readyDraft(none, callId))
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('PROFILE_INCOMPLETE')
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['profile.creditCode', 'profile.iso9001', 'profile.contacts']))

    // A profile the route would refuse today (saved before a rule was tightened): judged again on submit.
    const partial = await applicant({ withProfile: false })
    await t.db.models.Organization.collection.updateOne(
      { _id: new mongoose.Types.ObjectId(partial.orgId) },
      { $set: { profile: { ...profile(), contacts: [] } } },
    )
    const res2 = await submit(partial, await readyDraft(partial, callId))
    expect(res2.body.error).toMatchObject({ code: 'PROFILE_INCOMPLETE', fields: [{ path: 'profile.contacts', message: '请至少填写一位联系人' }] })
  })

  test("an organization name the office refused must be changed first (422 on organization.name)", async () => {
    const a = await applicant()
    const id = await readyDraft(a, await publishedCall())
    await t.db.models.Organization.updateOne({ _id: a.orgId }, { $set: { nameReview: 'rejected', nameReviewReason: '与营业执照不符' } })
    const res = await submit(a, id)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'organization.name', message: expect.stringContaining('未通过审核') }] })
    expect((await get(a, id)).body.state).toBe('draft')
  })
})

describe('who may do what (第十三条)', () => {
  test("another organization's member gets 403 everywhere; a missing application 404", async () => {
    const a = await applicant()
    const other = await applicant({ name: '另一家质量有限公司' })
    const callId = await publishedCall()
    const fileId = await uploadPdf(a)
    const id = await readyDraft(a, callId, { attachments: [{ attachmentId: fileId, title: '申报书' }] })
    const forbidden = failure('FORBIDDEN')
    expect(await create(other, callId, a.orgId)).toMatchObject({ status: 403, body: forbidden })
    expect(await get(other, id)).toMatchObject({ status: 403, body: forbidden })
    expect(await save(other, id, {})).toMatchObject({ status: 403, body: forbidden })
    expect(await submit(other, id)).toMatchObject({ status: 403, body: forbidden })
    expect(await withdraw(other, id)).toMatchObject({ status: 403, body: forbidden })
    expect(await call(t, 'DELETE', `/api/applications/${id}`, { token: other.token })).toMatchObject({ status: 403, body: forbidden })
    expect(await call(t, 'GET', `/api/applications/${id}/attachments/${fileId}`, { token: other.token })).toMatchObject({ status: 403, body: forbidden })
    expect(await call(t, 'GET', `/api/applications/mine?organizationId=${a.orgId}`, { token: other.token })).toMatchObject({ status: 403 })

    const missing = new mongoose.Types.ObjectId().toHexString()
    expect(await get(a, missing)).toMatchObject({ status: 404, body: failure('APPLICATION_NOT_FOUND') })
    expect(await create(a, callId, missing)).toMatchObject({ status: 404, body: failure('ORGANIZATION_NOT_FOUND') })
    // Issue 12, item 5: a draft's files are the applicant's alone (their ids show in the audit log);
    // the office reads them, through the same route, once the application is submitted.
    expect(await call(t, 'GET', `/api/applications/${id}/attachments/${fileId}`, { token: office.token })).toMatchObject({ status: 403, body: forbidden })
    expect((await call(t, 'GET', `/api/applications/${id}/attachments/${fileId}`, { token: a.token })).status).toBe(200)
    expect((await submit(a, id)).status).toBe(200)
    expect((await call(t, 'GET', `/api/applications/${id}/attachments/${fileId}`, { token: office.token })).status).toBe(200)
  })

  test('the applicant never sees the pre-check, findings, reviewers, scores or comments', async () => {
    const a = await applicant()
    const id = await readyDraft(a, await publishedCall())
    await submit(a, id)
    // What the office's review writes (issue #7): findings with the reviewer's name.
    const reviewer = new mongoose.Types.ObjectId()
    await t.db.models.Application.updateOne(
      { _id: id },
      {
        $set: {
          state: 'ineligible',
          findings: [{ rule: 'iso9001', outcome: 'fail', reason: '证书已过期', by: '办公室张审', byUserId: reviewer, at: new Date() }],
          ineligibleReasons: [{ condition: '第八条（三）', reason: '证书已过期' }],
        },
        $push: { history: { state: 'ineligible', at: new Date() } },
      },
    )
    const res = await get(a, id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ state: 'ineligible', stageLabel: '未通过资格审查', ineligibleReasons: [{ condition: '第八条（三）', reason: '证书已过期' }], actions: [] })
    const text = JSON.stringify(res.body)
    for (const secret of ['precheck', 'findings', 'profileSnapshot', '办公室张审', reviewer.toHexString(), 'byUserId', 'evidence', 'score']) {
      expect(text).not.toContain(secret)
    }
    const mine = await call(t, 'GET', '/api/applications/mine', { token: a.token })
    expect(JSON.stringify(mine.body)).not.toContain('办公室张审')
  })
})

describe('supplement requested (补正, 第十五条): only the requested sections may change, until the deadline', () => {
  async function supplementRequested(sections: string[], deadline: Date) {
    const a = await applicant()
    const id = await readyDraft(a, await publishedCall())
    await submit(a, id)
    await t.db.models.Application.updateOne(
      { _id: id },
      { $set: { state: 'supplement_requested', supplement: { sections, message: '请补充对比数据来源', deadline, requestedAt: new Date() } } },
    )
    return { a, id }
  }

  test('a requested section saves; any other section is 422 naming it', async () => {
    const { a, id } = await supplementRequested(['summary', 'comparison', 'profile.iso9001'], new Date(Date.now() + 3 * DAY))
    const view = await get(a, id)
    expect(view.body).toMatchObject({
      stageLabel: '待补正材料',
      supplement: { sections: ['summary', 'comparison', 'profile.iso9001'], message: '请补充对比数据来源', deadline: expect.stringMatching(ISO) },
      actions: ['edit', 'resubmit'],
    })
    const summary = '补正后的摘要：本经验总结了组织近五年运用精益六西格玛方法开展全流程质量改进的做法、成效与可推广经验。'
    const ok = await save(a, id, { ...content(), summary })
    expect(ok.status).toBe(200)
    expect(ok.body.content.summary).toBe(summary)

    const outside = await save(a, id, { ...content({ title: '顺手改个标题', methodsOther: '自创方法' }), summary })
    expect(outside.status).toBe(422)
    expect(outside.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'body.title', message: '该部分不在补正范围内' },
        { path: 'body.methods', message: '该部分不在补正范围内' },
      ],
    })
    expect((await get(a, id)).body.content.title).toBe('以精益六西格玛驱动的全流程质量改进')
  })

  test('after the deadline: 409 SUPPLEMENT_OVERDUE', async () => {
    const { a, id } = await supplementRequested(['summary'], new Date(Date.now() - HOUR))
    expect((await get(a, id)).body.actions).toEqual([])
    const res = await save(a, id, content())
    expect(res).toMatchObject({ status: 409, body: failure('SUPPLEMENT_OVERDUE') })
  })
})

describe("the applicant's list", () => {
  test("applications of the caller's organizations, newest first, filtered by organization", async () => {
    const a = await applicant()
    const callId = await publishedCall({ maxApplicationsPerOrganization: 3 })
    const first = await readyDraft(a, callId)
    await submit(a, first)
    const second = (await create(a, callId, a.orgId)).body.id
    const other = await applicant({ name: '第二家质量有限公司' })
    await create(other, callId, other.orgId)

    const res = await call(t, 'GET', '/api/applications/mine', { token: a.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 10, total: 2 })
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([second, first])
    expect(res.body.items[1]).toMatchObject({
      callTitle: `${YEAR}年质量标杆典型经验征集`,
      organizationName: '杭州精益制造有限公司',
      state: 'submitted',
      stageLabel: '已提交',
      title: '以精益六西格玛驱动的全流程质量改进',
      receiptNumber: expect.stringMatching(RECEIPT),
    })
    const filtered = await call(t, 'GET', `/api/applications/mine?organizationId=${a.orgId}&pageSize=1&page=2`, { token: a.token })
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([first])
    expect((await call(t, 'GET', '/api/applications/mine', { token: (await wechatUser(t)).token })).body).toEqual({ items: [], page: 1, pageSize: 10, total: 0 })
  })
})

describe("the office's list and export of a call's applications", () => {
  let callId: string
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    callId = await publishedCall({ maxApplicationsPerOrganization: 2 })
    const rows = [
      { key: 'hz', name: '杭州精益制造有限公司', p: profile() },
      { key: 'sh', name: '上海卓越服务有限公司', p: profile({ sector: 'services', region: { provinceCode: '310000', city: '上海市' } }) },
      { key: 'gd', name: '广州建筑工程有限公司', p: profile({ sector: 'construction', region: { provinceCode: '440000', city: '广州市' } }) },
    ]
    for (const r of rows) {
      const a = await applicant({ name: r.name, p: r.p })
      ids[r.key] = await readyDraft(a, callId, { title: `${r.name.slice(0, 2)}的质量改进经验` })
      expect((await submit(a, ids[r.key]!)).status).toBe(200)
      if (r.key === 'hz') ids.draft = (await create(a, callId, a.orgId)).body.id
    }
  })
  const list = (query = '') => call(t, 'GET', `/api/office/calls/${callId}/applications${query}`, { token: office.token })
  const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id)

  test('submitted ones in the order received, never drafts; pre-check counts in each row', async () => {
    const res = await list()
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(3)
    expect(idsOf(res)).toEqual([ids.hz, ids.sh, ids.gd])
    expect(res.body.items[0]).toEqual({
      id: ids.hz,
      receiptNumber: expect.stringMatching(RECEIPT),
      organizationId: expect.any(String),
      organizationName: '杭州精益制造有限公司',
      creditCode: expect.any(String),
      sector: 'manufacturing',
      provinceCode: '330000',
      title: '杭州的质量改进经验',
      state: 'submitted',
      submittedAt: expect.stringMatching(ISO),
      precheck: { pass: expect.any(Number), fail: expect.any(Number), judgement: expect.any(Number) },
      // The factories' narratives are the same text, so the similarity check (第二十一条) flags them once it has run.
      ...(res.body.items[0].similarity ? { similarity: { flags: expect.any(Number), open: expect.any(Number), maxShare: expect.any(Number) } } : {}),
      updatedAt: expect.stringMatching(ISO),
    })
    const counts = res.body.items[0].precheck
    expect(counts.pass + counts.fail + counts.judgement).toBe(6)
    // 第七条: construction is not among this call's sectors, so its pre-check fails that rule.
    expect(res.body.items[2].precheck.fail).toBeGreaterThanOrEqual(1)
  })

  test.each([
    ['stage', '?state=submitted', ['hz', 'sh', 'gd']],
    ['stage draft (never listed)', '?state=draft', []],
    ['sector', '?sector=services', ['sh']],
    ['region', '?provinceCode=440000', ['gd']],
    ['organization name', `?q=${encodeURIComponent('卓越服务')}`, ['sh']],
    ['title', `?q=${encodeURIComponent('广州的质量')}`, ['gd']],
    ['a pattern is taken literally', `?q=${encodeURIComponent('.*')}`, []],
    ['paging', '?pageSize=2&page=2', ['gd']],
  ])('filters by %s', async (_label, query, expected) => {
    expect(idsOf(await list(query))).toEqual(expected.map((k) => ids[k]))
  })

  test('by receipt number', async () => {
    const receipt = (await t.db.models.Application.findById(ids.sh).lean())!.receiptNumber!
    expect(idsOf(await list(`?q=${receipt}`))).toEqual([ids.sh])
  })

  test('unknown filters are 400; an unknown call 404; applicants may not list', async () => {
    expect((await list('?score=9')).status).toBe(400)
    const missing = await call(t, 'GET', `/api/office/calls/${new mongoose.Types.ObjectId().toHexString()}/applications`, { token: office.token })
    expect(missing).toMatchObject({ status: 404, body: failure('CALL_NOT_FOUND') })
    expect((await call(t, 'GET', `/api/office/calls/${callId}/applications`, { token: (await applicant()).token })).status).toBe(403)
  })

  test('the xlsx export has Chinese headers, the filtered rows, Beijing times, and is audited', async () => {
    const res = await fetch(`${t.base}/api/office/calls/${callId}/applications/export?sector=manufacturing`, {
      headers: { authorization: `Bearer ${office.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="applications-${YEAR}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const sheet = book.getWorksheet('申报列表')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 8)).toEqual(['受理编号', '组织名称', '统一社会信用代码', '领域', '地区', '经验标题', '阶段', '提交时间（北京时间）'])
    expect(sheet.rowCount).toBe(2)
    const row = (sheet.getRow(2).values as unknown[]).slice(1)
    const stored = (await t.db.models.Application.findById(ids.hz).lean())!
    expect(row.slice(0, 7)).toEqual([stored.receiptNumber, '杭州精益制造有限公司', stored.creditCode, '制造', '浙江省', '杭州的质量改进经验', '已提交'])
    expect(row[7]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)

    const audit = await t.db.models.Audit.findOne({ action: 'application.export', 'resource.id': callId }).lean()
    expect(audit).toMatchObject({ resource: { type: 'call', id: callId }, reason: '1 条', actor: { userId: new mongoose.Types.ObjectId(office.id) } })
  })
})
