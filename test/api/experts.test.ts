import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import { EXPERT_IMPORT_COLUMNS } from '@zlbg/shared'
import { browserUser, call, wechatUser } from '../support/api'
import { buildApplication, buildCall, buildOrganization, creditCode } from '../support/factories'
import { buildExpert, committeeBody, expertInput, mobile, type BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/** Expert pool, committee, conflicts, assignment and confidentiality (第九条–第十三条). */
let t: TestServer
let office: string

beforeAll(async () => {
  t = await startTestServer('experts')
  office = (await browserUser(t, ['office'])).token
})
afterAll(() => t.close())

async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('专家')
  sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => c.header))
  for (const r of rows) sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function importFile(content: Buffer, token = office, filename = 'experts.xlsx') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)]), filename)
  const res = await fetch(`${t.base}/api/office/experts/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  return { status: res.status, body: (await res.json()) as any }
}

describe('the pool (第九条)', () => {
  test('the office adds an expert; a second with the same mobile number is refused', async () => {
    const input = expertInput({ competent: true, fields: ['精益管理', '六西格玛管理'] })
    const res = await call(t, 'POST', '/api/office/experts', { token: office, body: input })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: input.name, competent: true, phone: input.phone, active: true })
    const again = await call(t, 'POST', '/api/office/experts', { token: office, body: { ...expertInput(), phone: `+86 ${input.phone}` } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('EXPERT_PHONE_TAKEN')
  })

  test('bad input names the field in Chinese; unknown keys are refused', async () => {
    const res = await call(t, 'POST', '/api/office/experts', { token: office, body: { ...expertInput(), phone: '12345', employer: { name: '某单位', creditCode: '123' }, extra: 1 } })
    expect(res.status).toBe(400)
    const paths = res.body.error.fields.map((f: { path: string }) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['body.phone', 'body.employer.creditCode', 'body.extra']))
  })

  test('a linked account must be an expert account, linked once', async () => {
    const notExpert = await browserUser(t, ['office'])
    const res = await call(t, 'POST', '/api/office/experts', { token: office, body: expertInput({ userId: notExpert.id }) })
    expect(res.body.error.code).toBe('EXPERT_ACCOUNT_INVALID')
    const linked = await buildExpert(t)
    const twice = await call(t, 'POST', '/api/office/experts', { token: office, body: expertInput({ userId: linked.userId! }) })
    expect(twice.body.error.code).toBe('EXPERT_ACCOUNT_TAKEN')
  })

  test('coverage counts active experts per field and sector; inactive ones are not counted', async () => {
    const field = `覆盖测试领域${Date.now() % 1000}`
    await buildExpert(t, { fields: [field], sectors: ['construction'], account: false })
    await buildExpert(t, { fields: [field], competent: true, account: false })
    await buildExpert(t, { fields: [field], active: false, account: false })
    const res = await call(t, 'GET', '/api/office/experts/coverage', { token: office })
    expect(res.status).toBe(200)
    expect(res.body.byField.find((r: { key: string }) => r.key === field)).toEqual({ key: field, experts: 2, competent: 1 })
    expect(res.body.bySector.map((r: { key: string }) => r.key)).toEqual(['manufacturing', 'construction', 'services'])
  })

  test('the office edits an expert and deactivates them; unknown ids are 404', async () => {
    const created = await call(t, 'POST', '/api/office/experts', { token: office, body: expertInput() })
    const { id, updatedAt: _u, username: _n, ...rest } = created.body
    const updated = await call(t, 'PUT', `/api/office/experts/${id}`, { token: office, body: { ...rest, title: '研究员', active: false } })
    expect(updated.body).toMatchObject({ title: '研究员', active: false })
    expect(await t.db.models.Audit.countDocuments({ action: 'expert.update', 'resource.id': id })).toBe(1)
    const missing = await call(t, 'PUT', '/api/office/experts/0123456789abcdef01234567', { token: office, body: rest })
    expect(missing.body.error.code).toBe('EXPERT_NOT_FOUND')
  })

  test('list filters by field and text', async () => {
    const e = await buildExpert(t, { name: '筛选测试专家', fields: ['可靠性工程'], account: false })
    const res = await call(t, 'GET', `/api/office/experts?q=${encodeURIComponent('筛选测试')}&field=${encodeURIComponent('可靠性工程')}`, { token: office })
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([e.id])
  })
})

describe('xlsx import (第九条): good rows go in, bad rows are reported, a re-import does not duplicate', () => {
  const good = (phone: string, name: string) => ({
    name,
    title: '研究员',
    employerName: '某质量研究院',
    employerCreditCode: creditCode(),
    formerEmployers: `某公司|${creditCode()}|2024-03-31`,
    fields: '卓越绩效模式、精益管理',
    sectors: '制造业、服务业',
    industries: '汽车',
    competent: '是',
    phone,
  })

  test('each bad row is listed with its reasons; the report downloads as xlsx', async () => {
    const p1 = mobile()
    const p2 = mobile()
    const rows = [
      good(p1, '导入甲'),
      { ...good(mobile(), '导入乙'), phone: '110' },
      { ...good(mobile(), '导入丙'), sectors: '农业', competent: '也许' },
      good(p2, '导入丁'),
      { ...good(p1, '导入戊') },
      { ...good(mobile(), '导入己'), employerCreditCode: '91310000MA1K00001A', formerEmployers: '某公司|坏代码|2024-13-01' },
    ]
    const res = await importFile(await workbook(rows))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ rows: 6, created: 2, updated: 0, failed: 4 })
    const byRow = Object.fromEntries(res.body.problems.map((p: { row: number; reasons: { column: string; message: string }[] }) => [p.row, p.reasons]))
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 6, 7])
    expect(byRow[3][0]).toMatchObject({ column: '手机号', message: '手机号应为 11 位中国大陆手机号' })
    expect(byRow[4].map((r: { column: string }) => r.column)).toEqual(expect.arrayContaining(['行业门类（制造业、建筑业、服务业）', '具备综合质量管理能力（是/否）']))
    expect(byRow[6][0].message).toBe('与第 2 行的手机号重复')
    expect(byRow[7].length).toBeGreaterThanOrEqual(2)

    const report = await fetch(`${t.base}/api/office/experts/imports/${res.body.id}/report`, { headers: { authorization: `Bearer ${office}` } })
    expect(report.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await report.arrayBuffer())
    const sheet = book.getWorksheet('不合格行')!
    const listed = new Set<number>()
    sheet.eachRow((row, i) => i > 1 && listed.add(Number(row.getCell(1).value)))
    expect([...listed]).toEqual([3, 4, 6, 7])
    const audit = await t.db.models.Audit.find({ action: { $in: ['expert.import', 'expert.importReport.export'] } }).lean()
    expect(audit.map((a) => a.action).sort()).toEqual(['expert.import', 'expert.importReport.export'])
  })

  test('importing the same people again updates them by mobile number', async () => {
    const phone = mobile()
    await importFile(await workbook([good(phone, '重复导入')]))
    const again = await importFile(await workbook([{ ...good(phone, '重复导入'), title: '教授' }]))
    expect(again.body).toMatchObject({ created: 0, updated: 1, failed: 0 })
    const docs = await t.db.models.Expert.find({ phone }).lean()
    expect(docs).toHaveLength(1)
    expect(docs[0]!.title).toBe('教授')
  })

  test('a file that is not a workbook, or lacks columns, is refused as a whole', async () => {
    expect((await importFile(Buffer.from('not a workbook'))).body.error.code).toBe('IMPORT_FILE_INVALID')
    const book = new ExcelJS.Workbook()
    book.addWorksheet('x').addRow(['姓名', '手机号'])
    const res = await importFile(Buffer.from(await book.xlsx.writeBuffer()))
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain('表头缺少列')
  })
})

/** A call with qualified applications, a pool and a formed committee. */
async function scenario(opts: { groups?: number; perGroup?: number; apps?: number; k?: number } = {}) {
  const { groups: groupCount = 2, perGroup = 3, apps: appCount = 4, k = 2 } = opts
  const callDoc = await buildCall(t.db.models)
  const callId = callDoc._id.toHexString()
  const chair = await buildExpert(t, { name: '主任委员', competent: true })
  const vice = await buildExpert(t, { name: '副主任委员', competent: true })
  const groups: BuiltExpert[][] = []
  for (let g = 0; g < groupCount; g++) {
    const people = []
    for (let i = 0; i < perGroup; i++) people.push(await buildExpert(t, { name: `组${g + 1}专家${i + 1}` }))
    groups.push(people)
  }
  const applications = []
  for (let i = 0; i < appCount; i++) applications.push(await buildApplication(t.db.models, { call: callDoc, state: 'qualified' }))
  const body = committeeBody(
    chair.id,
    [vice.id],
    groups.map((people, g) => ({ name: `第${g + 1}专业组`, leaderId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), sectors: ['manufacturing'] })),
    { reviewersPerApplication: k },
  )
  const saved = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
  expect(saved.status).toBe(200)
  return { callDoc, callId, chair, vice, groups, applications, body, committee: saved.body }
}

describe('the committee’s shape (第十一条, 第十二条)', () => {
  test.each([
    ['no vice chair', (b: any) => ({ ...b, viceChairIds: [] }), '须设副主任委员 1 至 2 名（第十一条）'],
    ['three vice chairs', (b: any) => ({ ...b, viceChairIds: [b.viceChairIds[0], b.viceChairIds[0], b.viceChairIds[0]] }), '须设副主任委员 1 至 2 名（第十一条）'],
    ['a group without a member besides its leader', (b: any) => ({ ...b, groups: [{ ...b.groups[0], memberIds: [] }] }), '每个专业组至少有一名组员（第十二条）'],
  ])('%s is refused by the schema', async (_name, change, message) => {
    const { callId, body } = await scenario({ groups: 1, apps: 0 })
    const res = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: change(body) })
    expect(res.status).toBe(400)
    expect(res.body.error.fields.map((f: { message: string }) => f.message)).toContain(message)
  })

  test('a chair or vice chair without comprehensive competence is refused, naming 第十一条', async () => {
    const { callId, body, groups } = await scenario({ groups: 1, apps: 0 })
    const res = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: { ...body, chairId: groups[0]![1]!.id, groups: [] } })
    // Judged against the expert pool: 422, a rule the document cannot state.
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('COMMITTEE_INVALID')
    expect(res.body.error.fields[0].message).toMatch(/^主任委员须具备综合质量管理能力（第十一条）/)
  })

  test('an expert in two groups is refused, naming 第十二条', async () => {
    const { callId, body, groups } = await scenario({ groups: 2, apps: 0 })
    const twice = { ...body, groups: [body.groups[0], { ...body.groups[1], memberIds: [...body.groups[1]!.memberIds, groups[0]![1]!.id] }] }
    const res = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: twice })
    expect(res.body.error.code).toBe('COMMITTEE_INVALID')
    expect(res.body.error.fields.map((f: { message: string }) => f.message).join()).toContain('每位专家在一次评审中只能进入一个专业组（第十二条）')
  })

  test('the chair cannot also be a vice chair; an inactive expert cannot sit', async () => {
    const { callId, body, chair } = await scenario({ groups: 1, apps: 0 })
    const inactive = await buildExpert(t, { active: false, competent: true, account: false })
    const res = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: { ...body, viceChairIds: [chair.id, inactive.id] } })
    const messages = res.body.error.fields.map((f: { message: string }) => f.message).join('；')
    expect(messages).toContain('不能兼任副主任委员')
    expect(messages).toContain('已停用')
  })

  test('after review has started a change needs a reason, and the affected expert is told', async () => {
    const { callId, body, groups } = await scenario({ groups: 1, apps: 0 })
    expect((await call(t, 'POST', `/api/office/calls/${callId}/committee/start-review`, { token: office })).status).toBe(200)
    const newcomer = await buildExpert(t, { name: '新增组员' })
    const changed = { ...body, groups: [{ ...body.groups[0], id: (await call(t, 'GET', `/api/office/calls/${callId}/committee`, { token: office })).body.groups[0].id, memberIds: [...body.groups[0]!.memberIds, newcomer.id] }] }
    const noReason = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: changed })
    expect(noReason.status).toBe(422)
    const ok = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body: { ...changed, reason: '增补组员' } })
    expect(ok.status).toBe(200)
    const told = await t.db.models.Outbox.find({ kind: 'committee.changed' }).lean()
    expect(told.map((o) => o.recipientUserId.toHexString())).toContain(newcomer.userId)
    expect(told.map((o) => o.recipientUserId.toHexString())).not.toContain(groups[0]![0]!.userId)
    const audit = await t.db.models.Audit.findOne({ action: 'committee.update', 'resource.id': callId }).lean()
    expect(audit?.reason).toBe('增补组员')
  })
})

describe('assignment, conflicts and the pledge (第十二条, 第十三条)', () => {
  test('an expert from the applicant’s own organization, or its employer, is never assigned', async () => {
    const s = await scenario({ groups: 1, perGroup: 3, apps: 2, k: 3 })
    const [a1, a2] = s.applications
    // The leader is a member of a1's organization; a member works at a2's organization.
    await t.db.models.Organization.updateOne({ _id: a1!.organizationId }, { $push: { members: { userId: new mongoose.Types.ObjectId(s.groups[0]![0]!.userId), joinedAt: new Date(), founder: false } } })
    await t.db.models.Expert.updateOne({ _id: s.groups[0]![1]!.expert._id }, { $set: { employer: { name: a2!.organizationName, creditCode: a2!.creditCode } } })
    const run = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    expect(run.status).toBe(200)
    const reviewers = (id: string) => run.body.applications.find((a: { applicationId: string }) => a.applicationId === id).reviewers.map((r: { expertId: string }) => r.expertId)
    expect(reviewers(a1!._id.toHexString())).not.toContain(s.groups[0]![0]!.id)
    expect(reviewers(a2!._id.toHexString())).not.toContain(s.groups[0]![1]!.id)
    // Only 2 unconflicted experts for k = 3: the gap says so.
    expect(run.body.gaps).toHaveLength(2)
    expect(run.body.gaps[0]).toContain('仅有 2 名无回避冲突的专家')
    const conflicts = await call(t, 'GET', `/api/office/calls/${s.callId}/conflicts`, { token: office })
    expect(conflicts.body.items.map((c: { kind: string }) => c.kind).sort()).toEqual(['employer', 'member'])
  })

  test('the run is deterministic and repeatable; load stays within the maximum', async () => {
    const s = await scenario({ groups: 2, perGroup: 3, apps: 6, k: 2 })
    const first = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    const second = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    expect(second.body).toEqual(first.body)
    expect(first.body.applications.every((a: { reviewers: unknown[] }) => a.reviewers.length === 2)).toBe(true)
    for (const g of first.body.groups) {
      const counts = g.loads.map((l: { count: number }) => l.count)
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
    }
  })

  test('dismissing a false-positive conflict keeps it with its reason', async () => {
    const s = await scenario({ groups: 1, apps: 1 })
    await t.db.models.Expert.updateOne({ _id: s.groups[0]![2]!.expert._id }, { $set: { employer: { name: '同码不同单位', creditCode: s.applications[0]!.creditCode } } })
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    const [conflict] = (await call(t, 'GET', `/api/office/calls/${s.callId}/conflicts`, { token: office })).body.items
    const noReason = await call(t, 'POST', `/api/office/conflicts/${conflict.id}/dismiss`, { token: office, body: { reason: '' } })
    expect(noReason.status).toBe(400)
    const dismissed = await call(t, 'POST', `/api/office/conflicts/${conflict.id}/dismiss`, { token: office, body: { reason: '信用代码为同名分支机构误录' } })
    expect(dismissed.body).toMatchObject({ state: 'dismissed', dismissReason: '信用代码为同名分支机构误录' })
    // A new run does not bring it back.
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    const after = (await call(t, 'GET', `/api/office/calls/${s.callId}/conflicts`, { token: office })).body.items
    expect(after).toHaveLength(1)
    expect(after[0].state).toBe('dismissed')
  })

  test('the pledge gates every view; the expert sees exactly their assignments; each view is audited', async () => {
    const s = await scenario({ groups: 2, perGroup: 3, apps: 4, k: 2 })
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    const expert = s.groups[0]![1]!
    // Before review starts the plan is the office's draft: nothing to see.
    const before = await call(t, 'GET', '/api/expert/calls', { token: expert.token })
    expect(before.body.items[0]).toMatchObject({ callId: s.callId, committeeState: 'formed', assignments: 0, roles: ['group_member'] })
    await call(t, 'POST', `/api/office/calls/${s.callId}/committee/start-review`, { token: office })

    const gated = await call(t, 'GET', `/api/expert/calls/${s.callId}/assignments`, { token: expert.token })
    expect(gated.status).toBe(403)
    expect(gated.body.error.code).toBe('PLEDGE_REQUIRED')
    const pledge = await call(t, 'POST', `/api/expert/calls/${s.callId}/pledge`, { token: expert.token })
    expect(pledge.status).toBe(200)
    const stored = await t.db.models.Pledge.findOne({ expertId: expert.expert._id }).lean()
    expect(stored).toMatchObject({ version: 1, ip: expect.any(String) })

    const mine = await t.db.models.Assignment.find({ expertId: expert.expert._id, state: 'active' }).lean()
    const list = await call(t, 'GET', `/api/expert/calls/${s.callId}/assignments`, { token: expert.token })
    expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual(mine.map((a) => a._id.toHexString()).sort())
    expect(list.body.items.length).toBeGreaterThan(0)

    const one = await call(t, 'GET', `/api/expert/assignments/${mine[0]!._id}`, { token: expert.token })
    expect(one.status).toBe(200)
    expect(one.body.content.title).toBeTruthy()
    expect(await t.db.models.Audit.countDocuments({ action: 'review.readAssigned', 'actor.userId': new mongoose.Types.ObjectId(expert.userId) })).toBe(1)

    // Someone else's assignment is refused, even to another committee member who signed the pledge.
    const other = await t.db.models.Assignment.findOne({ callId: s.callDoc._id, expertId: { $ne: expert.expert._id }, state: 'active' }).lean()
    const colleague = s.groups.flat().find((p) => p.id === other!.expertId.toHexString())!
    await call(t, 'POST', `/api/expert/calls/${s.callId}/pledge`, { token: colleague.token })
    const notMine = await call(t, 'GET', `/api/expert/assignments/${other!._id}`, { token: expert.token })
    expect(notMine.status).toBe(403)
    expect(notMine.body.error.code).toBe('FORBIDDEN')
  })

  test('a file link works only for the expert it was made for, and only briefly', async () => {
    const s = await scenario({ groups: 1, perGroup: 2, apps: 1, k: 1 })
    const app = s.applications[0]!
    const attachment = await t.db.models.Attachment.create({
      filename: '证明材料.pdf',
      contentType: 'application/pdf',
      size: 8,
      sha256: 'x',
      storageKey: `test/${app._id}`,
      uploadedBy: app.createdBy,
      owner: { type: 'application', id: app._id },
    })
    await t.storage.put(`test/${app._id}`, Buffer.from('%PDF-1.4'))
    await t.db.models.Application.updateOne({ _id: app._id }, { $set: { 'content.attachments': [{ attachmentId: attachment._id.toHexString(), title: '证明材料' }] } })
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    await call(t, 'POST', `/api/office/calls/${s.callId}/committee/start-review`, { token: office })
    const a = (await t.db.models.Assignment.findOne({ applicationId: app._id, state: 'active' }).lean())!
    const reviewer = s.groups[0]!.find((p) => p.id === a.expertId.toHexString())!
    const colleague = s.groups[0]!.find((p) => p.id !== a.expertId.toHexString())!
    await call(t, 'POST', `/api/expert/calls/${s.callId}/pledge`, { token: reviewer.token })
    const view = await call(t, 'GET', `/api/expert/assignments/${a._id}`, { token: reviewer.token })
    expect(view.body.files).toEqual([{ id: attachment._id.toHexString(), filename: '证明材料.pdf', size: 8, contentType: 'application/pdf' }])
    const link = await call(t, 'POST', `/api/expert/assignments/${a._id}/files/${attachment._id}/link`, { token: reviewer.token })
    expect(link.status).toBe(201)
    const own = await fetch(t.base + link.body.url, { headers: { authorization: `Bearer ${reviewer.token}` } })
    expect(own.status).toBe(200)
    expect(Buffer.from(await own.arrayBuffer()).toString()).toBe('%PDF-1.4')
    const theirs = await call(t, 'GET', link.body.url, { token: colleague.token })
    expect(theirs.body.error.code).toBe('FILE_LINK_INVALID')
    await t.db.models.FileLink.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await call(t, 'GET', link.body.url, { token: reviewer.token })
    expect(expired.body.error.code).toBe('FILE_LINK_INVALID')
    expect(await t.db.models.Audit.countDocuments({ action: 'review.downloadFile' })).toBeGreaterThanOrEqual(1)
  })

  test('a declared conflict withdraws the assignment, cannot be dismissed, and the plan proposes a replacement', async () => {
    const s = await scenario({ groups: 1, perGroup: 3, apps: 1, k: 2 })
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    await call(t, 'POST', `/api/office/calls/${s.callId}/committee/start-review`, { token: office })
    const a = (await t.db.models.Assignment.findOne({ callId: s.callDoc._id, state: 'active' }).lean())!
    const reviewer = s.groups[0]!.find((p) => p.id === a.expertId.toHexString())!
    await call(t, 'POST', `/api/expert/calls/${s.callId}/pledge`, { token: reviewer.token })
    const list = await call(t, 'GET', `/api/expert/calls/${s.callId}/applications`, { token: reviewer.token })
    expect(Object.keys(list.body.items[0]).sort()).toEqual(['applicationId', 'declared', 'organizationName', 'title'])
    const declared = await call(t, 'POST', `/api/expert/calls/${s.callId}/conflicts`, { token: reviewer.token, body: { applicationId: a.applicationId.toHexString(), reason: '曾为该组织提供咨询服务' } })
    expect(declared.status).toBe(204)
    expect((await t.db.models.Assignment.findById(a._id).lean())!.state).toBe('withdrawn')
    const [own] = (await call(t, 'GET', `/api/office/calls/${s.callId}/conflicts`, { token: office })).body.items
    expect(own).toMatchObject({ kind: 'declared', detail: '曾为该组织提供咨询服务', state: 'active' })
    const dismiss = await call(t, 'POST', `/api/office/conflicts/${own.id}/dismiss`, { token: office, body: { reason: '不认可' } })
    expect(dismiss.status).toBe(409)
    const plan = await call(t, 'GET', `/api/office/calls/${s.callId}/assignments`, { token: office })
    const row = plan.body.applications[0]
    expect(row.reviewers).toHaveLength(1)
    expect(row.proposed).toHaveLength(1)
    expect(row.proposed[0].expertId).not.toBe(reviewer.id)
    const rerun = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    expect(rerun.body.applications[0].reviewers).toHaveLength(2)
    expect(await t.db.models.Outbox.countDocuments({ kind: 'assignment.withdrawn', recipientUserId: new mongoose.Types.ObjectId(reviewer.userId) })).toBe(1)
  })

  test('the office adjusts by hand with a reason: move a group, add and withdraw a reviewer', async () => {
    const s = await scenario({ groups: 2, perGroup: 2, apps: 1, k: 1 })
    const run = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    const appId = s.applications[0]!._id.toHexString()
    const target = run.body.groups.find((g: { id: string }) => g.id !== run.body.applications[0].groupId)
    const moved = await call(t, 'PUT', `/api/office/calls/${s.callId}/placements/${appId}`, { token: office, body: { groupId: target.id, reason: '更贴近专业方向' } })
    expect(moved.body.applications[0]).toMatchObject({ groupId: target.id, placedBy: 'office', placementReason: '更贴近专业方向', reviewers: [] })
    const outsider = s.groups.flat().find((p) => !target.loads.some((l: { expertId: string }) => l.expertId === p.id))!
    const refused = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments`, { token: office, body: { applicationId: appId, expertId: outsider.id, reason: '试试' } })
    expect(refused.body.error.code).toBe('ASSIGNMENT_INVALID')
    const added = await call(t, 'POST', `/api/office/calls/${s.callId}/assignments`, { token: office, body: { applicationId: appId, expertId: target.loads[0].expertId, reason: '组长亲自评审' } })
    expect(added.status).toBe(201)
    const reviewer = added.body.applications[0].reviewers[0]
    expect(reviewer.source).toBe('manual')
    const withdrawn = await call(t, 'POST', `/api/office/assignments/${reviewer.assignmentId}/withdraw`, { token: office, body: { reason: '工作量调整' } })
    expect(withdrawn.body.applications[0].reviewers).toEqual([])
  })

  test('the applicant never learns who reviews it (第十三条)', async () => {
    const member = await wechatUser(t)
    const org = await buildOrganization(t.db.models, { memberIds: [member.id] })
    const s = await scenario({ groups: 1, perGroup: 2, apps: 0, k: 2 })
    const app = await buildApplication(t.db.models, { call: s.callDoc, organization: org, state: 'qualified' })
    await call(t, 'POST', `/api/office/calls/${s.callId}/assignments/run`, { token: office })
    await call(t, 'POST', `/api/office/calls/${s.callId}/committee/start-review`, { token: office })
    const names = s.groups[0]!.map((p) => p.expert.name)
    for (const path of [`/api/applications/${app._id}`, '/api/applications/mine', '/api/me/messages']) {
      const res = await call(t, 'GET', path, { token: member.token })
      expect(res.status).toBe(200)
      const text = JSON.stringify(res.body)
      for (const n of names) expect(text).not.toContain(n)
      expect(text).not.toMatch(/reviewer|expert|assignment/i)
    }
  })
})
