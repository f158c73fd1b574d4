import mongoose from 'mongoose'
import {
  DEFAULT_QUALITY_METHODS,
  FREE_OF_CHARGE_STATEMENT,
  ROUTES,
  type CallDetail,
  type CallInput,
  type OfficeCall,
} from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/** The office runs calls (征集通知, 第五条): drafts, publication with every required field, public corrections, closing. */
let t: TestServer
let office: { id: string; token: string }
beforeAll(async () => {
  t = await startTestServer('calls-office')
  office = await browserUser(t, ['office'], { displayName: '办公室王老师' })
})
afterAll(() => t.close())

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

function complete(overrides: Partial<CallInput> = {}): CallInput {
  return {
    year: 2026,
    title: '关于开展2026年质量标杆典型经验征集活动的通知',
    body: '中国质量协会决定开展2026年质量标杆典型经验征集与交流活动，请各组织按要求申报。',
    keyFields: [{ title: '数字化质量管理', description: '质量管理数字化转型的实践经验' }],
    sectors: ['manufacturing', 'services'],
    schedule: [
      { kind: 'application', startsAt: '2026-11-03T09:00:00+08:00', endsAt: '2027-01-15T17:00:00+08:00' },
      { kind: 'publicity', startsAt: '2027-05-24T09:00:00+08:00', note: '公示期为5个工作日' },
    ],
    contact: { department: '质量标杆工作办公室', phone: '010-68419999' },
    ...overrides,
  }
}

const asOffice = (method: string, path: string, body?: unknown) => call(t, method, path, { token: office.token, body })
const create = (body: unknown) => asOffice('POST', '/api/office/calls', body)
const save = (id: string, body: unknown) => asOffice('PUT', `/api/office/calls/${id}`, body)
const publish = (id: string) => asOffice('POST', `/api/office/calls/${id}/publish`)
const close = (id: string) => asOffice('POST', `/api/office/calls/${id}/close`)
const publicGet = (path: string) => call(t, 'GET', path)

async function draft(body: unknown = { year: 2026, title: '2026年征集通知（草稿）' }): Promise<string> {
  const res = await create(body)
  expect(res.status).toBe(201)
  return res.body.id
}
async function published(overrides: Partial<CallInput> = {}): Promise<string> {
  const id = await draft(complete(overrides))
  expect((await publish(id)).status).toBe(200)
  return id
}

/** The audit trail of one call, oldest first. */
async function trail(id: string) {
  const records = await t.db.models.Audit.find({ 'resource.type': 'call', 'resource.id': id }).sort({ at: 1, _id: 1 }).lean()
  return records.map((r) => ({ action: r.action, ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}), ...(r.reason ? { reason: r.reason } : {}), by: r.actor.userId?.toHexString() }))
}

async function upload(token: string, content: Buffer, filename: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), filename)
  const res = await fetch(`${t.base}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; filename: string; size: number }
}
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n% ${text}\n`, 'latin1')

describe('a call from draft to publication (第五条)', () => {
  test('create → edit → publish → the public sees it, every step audited', async () => {
    const created = await create({ year: 2026, title: '2026年征集通知（草稿）', sectors: ['manufacturing'] })
    expect(created.status).toBe(201)
    const draftView = ROUTES.createCall.response.parse(created.body) as OfficeCall
    expect(draftView).toMatchObject({
      state: 'draft',
      year: 2026,
      sectors: ['manufacturing'],
      maxApplicationsPerOrganization: 1,
      qualityMethods: [...DEFAULT_QUALITY_METHODS],
      templates: [],
      corrections: [],
      applicationCount: 0,
    })
    expect(draftView.missing.map((m) => m.path).sort()).toEqual(['body', 'contact', 'keyFields', 'schedule'])
    const id = draftView.id

    // Nobody outside the office sees a draft (第十三条).
    expect((await publicGet(`/api/calls/${id}`)).status).toBe(404)

    const edited = await save(id, complete({ maxApplicationsPerOrganization: 2, qualityMethods: ['卓越绩效模式', '六西格玛管理'] }))
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ state: 'draft', missing: [], maxApplicationsPerOrganization: 2 })
    expect(edited.body.applicationWindow).toEqual({ opensAt: '2026-11-03T01:00:00.000Z', closesAt: '2027-01-15T09:00:00.000Z' })

    const done = await publish(id)
    expect(done.status).toBe(200)
    expect(done.body.state).toBe('published')
    expect(done.body.publishedAt).toMatch(ISO)

    const list = await publicGet('/api/calls')
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id)
    const detail = await publicGet(`/api/calls/${id}`)
    expect(detail.status).toBe(200)
    const shown = ROUTES.getCall.response.parse(detail.body) as CallDetail
    expect(shown).toMatchObject({
      state: 'published',
      title: complete().title,
      body: complete().body,
      contact: { department: '质量标杆工作办公室', phone: '010-68419999' },
      maxApplicationsPerOrganization: 2,
      qualityMethods: ['卓越绩效模式', '六西格玛管理'],
      templates: [],
      corrections: [],
      freeOfChargeStatement: FREE_OF_CHARGE_STATEMENT,
    })

    expect(await trail(id)).toEqual([
      { action: 'call.create', to: 'draft', by: office.id },
      { action: 'call.update', by: office.id },
      { action: 'call.publish', from: 'draft', to: 'published', by: office.id },
    ])
  })

  test('a draft save is the whole form: a field left out is cleared, one with a default falls back to it', async () => {
    const id = await draft(complete({ maxApplicationsPerOrganization: 3 }))
    const saved = await save(id, { year: 2027, title: '2027年征集通知（草稿）', sectors: ['construction'] })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ year: 2027, sectors: ['construction'], keyFields: [], schedule: [], maxApplicationsPerOrganization: 1 })
    expect(saved.body).not.toHaveProperty('body')
    expect(saved.body).not.toHaveProperty('contact')
    expect(saved.body).not.toHaveProperty('applicationWindow')
    const got = await asOffice('GET', `/api/office/calls/${id}`)
    expect(got.body).toEqual(saved.body)
  })

  test('a draft saves with parts missing, but what is there must be well-formed', async () => {
    const res = await create({ year: 2026, title: '2026年征集通知', sectors: ['mining'], contact: { department: '办公室', email: 'not-mail' } })
    expect(res.status).toBe(400)
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.contact.email', 'body.sectors.0'])
    expect((await create({ year: 2026 })).body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.title'])
  })
})

describe('publishing needs every required field (第五条)', () => {
  test('a draft with fields missing is refused with 422 listing each, the same as the office view shows', async () => {
    const id = await draft({ year: 2026, title: '2026年征集通知（草稿）', sectors: ['services'] })
    const res = await publish(id)
    // The stored draft is judged, not the (empty) request: a rule the document cannot state.
    expect(res.status).toBe(422)
    const view = await asOffice('GET', `/api/office/calls/${id}`)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields: view.body.missing }))
    expect(view.body.missing).toEqual([
      { path: 'body', message: '请填写通知正文' },
      { path: 'keyFields', message: '请至少填写一项重点领域和方向' },
      { path: 'schedule', message: '请填写活动日程' },
      { path: 'contact', message: '请填写联系方式' },
    ])
    expect((await t.db.models.Call.findById(id).lean())!.state).toBe('draft')
    expect((await trail(id)).map((r) => r.action)).toEqual(['call.create'])
  })

  test('a schedule without a closing application stage cannot be published: applications need a window', async () => {
    const id = await draft(complete({ schedule: [{ kind: 'application', startsAt: '2026-11-03T09:00:00+08:00' }] }))
    const res = await publish(id)
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'schedule', message: '日程必须包含有截止时间的“组织申报”阶段' }])
  })

  test('publishing twice at once: one wins, the other is 409 with the state it is in', async () => {
    const id = await draft(complete())
    const results = await Promise.all([publish(id), publish(id)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(results.find((r) => r.status === 409)!.body).toEqual(failure('STATE_CONFLICT', { currentState: 'published' }))
    expect((await trail(id)).filter((r) => r.action === 'call.publish')).toHaveLength(1)
  })

  test('an edit that read the draft while it was being published is refused with 409, not written into the published call', async () => {
    const id = await draft(complete())
    const Call = t.db.models.Call
    const original = Call.findOneAndUpdate.bind(Call)
    let publishedMeanwhile: Awaited<ReturnType<typeof publish>> | undefined
    // The edit's write is held until a publish has gone through: the interleaving a real race can produce.
    const hold = jest.spyOn(Call, 'findOneAndUpdate').mockImplementationOnce(((...args: Parameters<typeof original>) => {
      const query = original(...args)
      const run = query.exec.bind(query)
      query.exec = (async () => {
        publishedMeanwhile = await publish(id)
        return run()
      }) as typeof query.exec
      return query
    }) as never)
    try {
      const edit = await save(id, complete({ title: '草稿中途改动的标题，不应出现在已发布通知中' }))
      expect(publishedMeanwhile?.status).toBe(200)
      expect(edit.status).toBe(409)
      expect(edit.body).toEqual(failure('STATE_CONFLICT', { currentState: 'published' }))
    } finally {
      hold.mockRestore()
    }
    const shown = await publicGet(`/api/calls/${id}`)
    expect(shown.body.title).toBe(complete().title)
    expect(shown.body.corrections).toEqual([])
    expect((await trail(id)).map((r) => r.action)).toEqual(['call.create', 'call.publish'])
  })
})

describe('after publication an edit is a public correction (更正, 第五条)', () => {
  test('needs a summary; then the change and its time and summary are shown under the call', async () => {
    const id = await published()
    const changed = complete({ contact: { department: '质量标杆工作办公室', phone: '010-68410000' } })

    const noSummary = await save(id, changed)
    expect(noSummary.status).toBe(422)
    expect(noSummary.body.error.fields).toEqual([{ path: 'correctionSummary', message: '发布后修改须填写更正说明（公开显示）' }])

    const tooShort = await save(id, { ...changed, correctionSummary: '改' })
    expect(tooShort.status).toBe(400)
    expect(tooShort.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.correctionSummary'])
    expect((await publicGet(`/api/calls/${id}`)).body.contact.phone).toBe('010-68419999')

    const before = Date.now()
    const corrected = await save(id, { ...changed, correctionSummary: '联系电话更正为 010-68410000' })
    expect(corrected.status).toBe(200)
    expect(corrected.body.state).toBe('published')

    const shown = ROUTES.getCall.response.parse((await publicGet(`/api/calls/${id}`)).body) as CallDetail
    expect(shown.contact.phone).toBe('010-68410000')
    expect(shown.corrections).toEqual([{ at: expect.stringMatching(ISO), summary: '联系电话更正为 010-68410000' }])
    expect(Date.parse(shown.corrections[0]!.at)).toBeGreaterThanOrEqual(before - 1000)

    const again = await save(id, { ...changed, title: '关于开展2026年质量标杆典型经验征集活动的通知（更正）', correctionSummary: '标题注明更正' })
    expect(again.status).toBe(200)
    const twice = (await publicGet(`/api/calls/${id}`)).body as CallDetail
    expect(twice.corrections.map((c) => c.summary)).toEqual(['联系电话更正为 010-68410000', '标题注明更正'])

    expect((await trail(id)).filter((r) => r.action === 'call.correct')).toEqual([
      { action: 'call.correct', reason: '联系电话更正为 010-68410000', by: office.id },
      { action: 'call.correct', reason: '标题注明更正', by: office.id },
    ])
  })

  test('a correction that would leave the call without an application window is refused naming the field', async () => {
    const id = await published()
    const res = await save(id, { ...complete({ schedule: [{ kind: 'publicity', startsAt: '2027-05-24T09:00:00+08:00' }] }), correctionSummary: '调整日程' })
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'schedule', message: '日程必须包含有截止时间的“组织申报”阶段' }])
    const stored = await t.db.models.Call.findById(id).lean()
    expect([stored!.schedule.length, stored!.corrections]).toEqual([2, []])
  })

  test('a correction may send only what changes: the rest of the published call stays', async () => {
    const id = await published()
    const res = await save(id, { year: 2026, title: '关于开展2026年质量标杆典型经验征集活动的通知', sectors: ['manufacturing', 'construction', 'services'], correctionSummary: '增加建筑领域' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ sectors: ['manufacturing', 'construction', 'services'], body: complete().body, contact: complete().contact, missing: [] })
  })
})

describe('closing and deleting', () => {
  test('close ends the round: still public, no longer editable, not closable twice', async () => {
    const id = await published()
    const closed = await close(id)
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ state: 'closed', closedAt: expect.stringMatching(ISO) })
    expect((await publicGet(`/api/calls/${id}`)).body.state).toBe('closed')

    expect((await save(id, { ...complete(), correctionSummary: '结束后再改' })).body).toEqual(failure('STATE_CONFLICT', { currentState: 'closed' }))
    expect((await close(id)).body).toEqual(failure('STATE_CONFLICT', { currentState: 'closed' }))
    expect((await publish(id)).body).toEqual(failure('STATE_CONFLICT', { currentState: 'closed' }))
    expect((await trail(id)).map((r) => r.action)).toEqual(['call.create', 'call.publish', 'call.close'])
  })

  test('a draft cannot be closed', async () => {
    const id = await draft()
    expect((await close(id)).body).toEqual(failure('STATE_CONFLICT', { currentState: 'draft' }))
  })

  test('only a draft can be deleted; a published call is public record', async () => {
    const template = await upload(office.token, pdf('删除的草稿的模板'), '模板.pdf')
    const id = await draft({ year: 2026, title: '2026年征集通知（草稿）', templates: [{ attachmentId: template.id, title: '申报表模板' }] })
    expect((await t.db.models.Attachment.findById(template.id).lean())?.owner?.type).toBe('call')
    const gone = await asOffice('DELETE', `/api/office/calls/${id}`)
    expect(gone.status).toBe(204)
    expect(await t.db.models.Call.exists({ _id: id })).toBeNull()
    // Its template is an unclaimed upload again, purged like any other.
    expect((await t.db.models.Attachment.findById(template.id).lean())?.owner?.id).toBeUndefined()
    expect(await trail(id)).toEqual([
      { action: 'call.create', to: 'draft', by: office.id },
      { action: 'call.delete', from: 'draft', by: office.id },
    ])
    expect((await asOffice('DELETE', `/api/office/calls/${id}`)).body).toEqual(failure('CALL_NOT_FOUND'))

    const pub = await published()
    const refused = await asOffice('DELETE', `/api/office/calls/${pub}`)
    expect([refused.status, refused.body]).toEqual([409, failure('STATE_CONFLICT', { currentState: 'published' })])
    expect(await t.db.models.Call.exists({ _id: pub })).not.toBeNull()
  })

  test.each([
    ['GET', ''],
    ['PUT', ''],
    ['POST', '/publish'],
    ['POST', '/close'],
    ['DELETE', ''],
  ])('%s /api/office/calls/:id%s on an unknown call is 404 CALL_NOT_FOUND', async (method, suffix) => {
    const res = await asOffice(method, `/api/office/calls/0123456789abcdef01234567${suffix}`, method === 'PUT' ? complete() : undefined)
    expect([res.status, res.body]).toEqual([404, failure('CALL_NOT_FOUND')])
  })
})

describe('the office list', () => {
  test('shows every call, drafts too, newest first, filtered by state, with counts of submitted applications', async () => {
    const older = await published({ title: '关于开展质量标杆征集的通知（较早）' })
    const newer = await draft({ year: 2027, title: '2027年征集通知（草稿，较新）' })
    const all = await asOffice('GET', '/api/office/calls?pageSize=50')
    expect(all.status).toBe(200)
    const ids = all.body.items.map((c: OfficeCall) => c.id)
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older))
    expect(all.body.total).toBe(await t.db.models.Call.countDocuments())

    const drafts = await asOffice('GET', '/api/office/calls?state=draft&pageSize=50')
    expect(drafts.body.items.every((c: OfficeCall) => c.state === 'draft')).toBe(true)
    expect(drafts.body.items.map((c: OfficeCall) => c.id)).toContain(newer)
    expect(drafts.body.items.map((c: OfficeCall) => c.id)).not.toContain(older)

    const paged = await asOffice('GET', '/api/office/calls?page=1&pageSize=1')
    expect(paged.body.items.map((c: OfficeCall) => c.id)).toEqual([newer])

    // Drafts and withdrawn applications were never (or are no longer) before the office.
    const organizationId = new mongoose.Types.ObjectId()
    const createdBy = new mongoose.Types.ObjectId()
    await t.db.models.Application.insertMany(
      (['draft', 'submitted', 'withdrawn', 'submitted'] as const).map((state, i) => ({ callId: new mongoose.Types.ObjectId(older), organizationId, state, slot: `s${i}`, content: {}, createdBy })),
    )
    expect((await asOffice('GET', `/api/office/calls/${older}`)).body.applicationCount).toBe(2)
    const listed = (await asOffice('GET', '/api/office/calls?state=published&pageSize=50')).body.items.find((c: OfficeCall) => c.id === older)
    expect(listed.applicationCount).toBe(2)
  })
})

describe('only the office runs calls', () => {
  test('a signed-in organization user is 403 and nothing is written; nobody signed in is 401', async () => {
    const member = await wechatUser(t)
    const before = await t.db.models.Call.countDocuments()
    const res = await call(t, 'POST', '/api/office/calls', { token: member.token, body: complete() })
    expect([res.status, res.body]).toEqual([403, failure('FORBIDDEN')])
    const id = await draft()
    expect((await call(t, 'POST', `/api/office/calls/${id}/publish`, { token: member.token })).status).toBe(403)
    expect((await call(t, 'GET', `/api/office/calls/${id}`, { token: member.token })).status).toBe(403)
    expect((await call(t, 'GET', '/api/office/calls')).status).toBe(401)
    expect(await t.db.models.Call.countDocuments()).toBe(before + 1)
    expect((await t.db.models.Call.findById(id).lean())!.state).toBe('draft')
  })
})

describe('templates offered with the call', () => {
  test('upload, claim with the call, download: the office while a draft, anyone once published', async () => {
    const content = pdf('申报表模板')
    const file = await upload(office.token, content, '申报表模板.pdf')
    const id = await draft(complete({ templates: [{ attachmentId: file.id, title: '申报表' }] }))
    const view = await asOffice('GET', `/api/office/calls/${id}`)
    expect(view.body.templates).toEqual([{ attachmentId: file.id, title: '申报表', filename: '申报表模板.pdf', contentType: 'application/pdf', size: content.length }])
    expect((await t.db.models.Attachment.findById(file.id).lean())!.owner).toEqual({ type: 'call', id: new mongoose.Types.ObjectId(id) })

    const path = `/api/calls/${id}/templates/${file.id}`
    expect((await publicGet(path)).body).toEqual(failure('CALL_NOT_FOUND'))
    const member = await wechatUser(t)
    expect((await call(t, 'GET', path, { token: member.token })).body).toEqual(failure('CALL_NOT_FOUND'))
    const officeDownload = await fetch(t.base + path, { headers: { authorization: `Bearer ${office.token}` } })
    expect(officeDownload.status).toBe(200)

    expect((await publish(id)).status).toBe(200)
    const res = await fetch(t.base + path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain('attachment')
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true)
    const shown = (await publicGet(`/api/calls/${id}`)).body as CallDetail
    expect(shown.templates).toEqual(view.body.templates)
  })

  test('a file uploaded by someone else cannot be claimed: 404 naming the field, nothing saved', async () => {
    const mine = await upload(office.token, pdf('我的模板'), '模板.pdf')
    const colleague = await browserUser(t, ['office'])
    const theirs = await upload(colleague.token, pdf('他人的文件'), '他人.pdf')
    const before = await t.db.models.Call.countDocuments()
    const res = await create(complete({ templates: [{ attachmentId: mine.id, title: '申报表' }, { attachmentId: theirs.id, title: '他人文件' }] }))
    expect([res.status, res.body]).toEqual([
      404,
      failure('ATTACHMENT_NOT_FOUND', { fields: [{ path: 'templates.1.attachmentId', message: '附件不存在或已失效，请重新上传' }] }),
    ])
    expect(await t.db.models.Call.countDocuments()).toBe(before)
    expect((await t.db.models.Attachment.findById(mine.id).lean())!.owner?.id).toBeUndefined()
    expect((await t.db.models.Attachment.findById(theirs.id).lean())!.owner?.id).toBeUndefined()
  })

  test('a file another call owns cannot be named, and a template taken out by a correction is no longer handed out', async () => {
    const file = await upload(office.token, pdf('第一份模板'), '模板一.pdf')
    const first = await published({ templates: [{ attachmentId: file.id, title: '申报表' }] })
    const second = await draft()
    const res = await save(second, { year: 2026, title: '2026年征集通知（草稿）', templates: [{ attachmentId: file.id, title: '借用' }] })
    expect([res.status, res.body.error.fields]).toEqual([404, [{ path: 'templates.0.attachmentId', message: '附件不存在或已失效，请重新上传' }]])

    const replacement = await upload(office.token, pdf('第二份模板'), '模板二.pdf')
    const corrected = await save(first, { ...complete({ templates: [{ attachmentId: replacement.id, title: '申报表（新版）' }] }), correctionSummary: '更换申报表模板' })
    expect(corrected.status).toBe(200)
    expect((await publicGet(`/api/calls/${first}/templates/${file.id}`)).body).toEqual(failure('ATTACHMENT_NOT_FOUND'))
    expect((await fetch(`${t.base}/api/calls/${first}/templates/${replacement.id}`)).status).toBe(200)
  })
})
