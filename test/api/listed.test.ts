import { publicChange } from '../../server/src/db/publicVersion'
import ExcelJS from 'exceljs'
import { inShanghai, LISTED_IMPORT_COLUMNS } from '@zlbg/shared'
import { listedWorkbook } from '../../server/src/commands/listedImport/listedImporter'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildCall, buildOrganization, creditCode } from '../support/factories'
import { startTestServer, type TestServer } from '../support/server'

/** The published list (名单, 第十九条), listed organizations (第二十条) and the import of earlier years. */
let t: TestServer
let office: string
// Years from today, never fixed: the suite passes in any year.
const thisYear = inShanghai(new Date()).year()
const [Y3, Y2, Y1] = [thisYear - 3, thisYear - 2, thisYear - 1]

beforeAll(async () => {
  t = await startTestServer('listed')
  office = (await browserUser(t, ['office'])).token
})
afterAll(() => t.close())

type Row = Partial<Record<(typeof LISTED_IMPORT_COLUMNS)[number]['key'], string | number>>
let n = 0
const row = (extra: Row = {}): Row => ({ year: Y2, organization: `往年示例有限公司${++n}`, title: `往年质量经验${n}`, sector: '制造业', region: '江苏省', ...extra })

async function importRows(rows: Row[], token = office) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await listedWorkbook(rows))]), 'listed.xlsx')
  const res = await fetch(`${t.base}/api/office/listed/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  return { status: res.status, body: (await res.json()) as any }
}

describe('importing earlier years (第十九条): row by row, bad rows reported, nothing duplicated', () => {
  test('good rows go in; each bad row is reported with its column and reason; the report downloads as xlsx', async () => {
    const dup = row({ organization: '重复行示例有限公司', title: '重复的经验' })
    const res = await importRows([
      row({ sector: '建筑业', region: '四川', summary: '简介文字' }),
      row({ year: thisYear }),
      row({ year: '去年' }),
      row({ creditCode: '91310000123456789X' }),
      row({ sector: '农业' }),
      row({ region: '火星' }),
      row({ title: '' }),
      dup,
      dup,
      row({ sector: 'services', region: '440000', year: `${Y1}年` }),
    ])
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ state: 'done', rows: 10, processed: 10, inserted: 3, existing: 0, failed: 7, linked: 0 })
    expect(res.body.years).toEqual([Y1, Y2])
    const reasons = Object.fromEntries(res.body.problems.map((p: any) => [p.row, p.reasons.map((r: any) => `${r.column}: ${r.message}`).join(' / ')]))
    expect(Object.keys(reasons).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 10])
    expect(reasons[3]).toMatch(/^年份: 只能导入 \d{4} 年以前的名单/)
    expect(reasons[4]).toMatch(/^年份: 无法识别的年份「去年」/)
    expect(reasons[5]).toMatch(/^统一社会信用代码（可空）: 统一社会信用代码校验位不正确|^统一社会信用代码（可空）: 统一社会信用代码/)
    expect(reasons[6]).toMatch(/^行业门类.*: 无法识别的行业门类「农业」/)
    expect(reasons[7]).toMatch(/^所在地区.*: 无法识别的地区「火星」/)
    expect(reasons[8]).toMatch(/^经验名称: /)
    expect(reasons[10]).toBe('经验名称: 与第 9 行重复（同一年份、单位与经验名称）')

    const report = await fetch(`${t.base}/api/office/listed/imports/${res.body.id}/report`, { headers: { authorization: `Bearer ${office}` } })
    expect(report.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await report.arrayBuffer())
    const sheet = book.getWorksheet('不合格行')!
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '单位名称', '列', '问题'])
    expect(sheet.rowCount - 1).toBe(7)
    expect(sheet.getRow(2).getCell(1).value).toBe(3)
    const audit = await t.db.models.Audit.find({ 'resource.id': res.body.id }).lean()
    expect(audit.map((a) => a.action).sort()).toEqual(['listed.import', 'listed.importReport.export'])

    // 第二十一条: an imported experience's summary is among what later submissions are compared with.
    const withSummary = await t.db.models.ListedExperience.findOne({ importId: res.body.id, summary: '简介文字' }).lean()
    const fingerprint = await t.db.models.SimilarityFingerprint.findById(withSummary!._id).lean()
    expect(fingerprint).toMatchObject({ kind: 'published', year: withSummary!.year, title: withSummary!.title })

    // The import list shows it with its counts.
    const imports = await call(t, 'GET', '/api/office/listed/imports', { token: office })
    expect(imports.body.items[0]).toMatchObject({ id: res.body.id, state: 'done', stateLabel: '已完成', inserted: 3, failed: 7 })
    expect(imports.body.items[0].problems).toBeUndefined()
  })

  test('importing the same file again adds nothing: every row is already there', async () => {
    const rows = [row(), row({ year: Y3 })]
    expect((await importRows(rows)).body).toMatchObject({ inserted: 2, existing: 0 })
    const before = await t.db.models.ListedExperience.countDocuments()
    // The same rows, the organization typed with other spacing and brackets: the same name key.
    const again = await importRows(rows.map((r) => ({ ...r, organization: ` ${r.organization} ` })))
    expect(again.body).toMatchObject({ inserted: 0, existing: 2, failed: 0 })
    expect(await t.db.models.ListedExperience.countDocuments()).toBe(before)
  })

  test('a credit code verified in the system links the organization: its members become listed (第二十条)', async () => {
    const member = await wechatUser(t)
    const org = await buildOrganization(t.db.models, { memberIds: [member.id] })
    const code = org.profile!.creditCode
    const before = await call(t, 'GET', '/api/me', { token: member.token })
    expect(before.body.roles).not.toContain('listed_org_member')
    // An earlier year without the code, then one with it: one listed organization across both years.
    const res = await importRows([row({ organization: org.name, year: Y3 }), row({ organization: org.name, creditCode: code.toLowerCase(), year: Y2 })])
    expect(res.body).toMatchObject({ inserted: 2, linked: 1, failed: 0 })
    const after = await call(t, 'GET', '/api/me', { token: member.token })
    expect(after.body.roles).toContain('listed_org_member')
    const listedOrgs = await t.db.models.ListedOrganization.find({ nameKey: org.nameKey }).lean()
    expect(listedOrgs).toHaveLength(1)
    expect(listedOrgs[0]).toMatchObject({ creditCode: code, years: [Y2, Y3], listedCount: 2, removedCount: 0 })
    expect(String(listedOrgs[0]!.organizationId)).toBe(String(org._id))

    const overview = await call(t, 'GET', `/api/office/listed-organizations?q=${code}`, { token: office })
    expect(overview.body.items).toEqual([
      expect.objectContaining({ name: org.name, creditCode: code, years: [Y2, Y3], account: { id: String(org._id), name: org.name, listed: true }, events: { recorded: false, offered: 0, registered: 0, attended: 0 } }),
    ])
    const unlinked = await call(t, 'GET', '/api/office/listed-organizations?linked=no&pageSize=50', { token: office })
    expect(unlinked.body.items.length).toBeGreaterThan(0)
    expect(unlinked.body.items.every((o: any) => o.account === undefined)).toBe(true)
  })

  test('a row imported again with its credit code added is the same experience, not a second one', async () => {
    const org = `补充代码示例有限公司${Date.now()}`
    const first = await importRows([row({ organization: org, title: '补码前后的同一经验', year: Y3 })])
    expect(first.body).toMatchObject({ inserted: 1 })
    const code = creditCode()
    const again = await importRows([row({ organization: org, creditCode: code, title: '补码前后的同一经验', year: Y3 })])
    expect(again.body).toMatchObject({ inserted: 0, existing: 1, failed: 0 })
    expect(await t.db.models.ListedExperience.countDocuments({ organizationName: org })).toBe(1)
    expect(await t.db.models.ListedOrganization.findOne({ name: org }).lean()).toMatchObject({ creditCode: code, listedCount: 1 })
  })

  test('第二十条 a claim left behind by a later rejection links nothing: the organization is not made listed', async () => {
    const member = await wechatUser(t)
    const org = await buildOrganization(t.db.models, { memberIds: [member.id] })
    const code = org.profile!.creditCode
    await t.db.models.Organization.updateOne({ _id: org._id }, { $set: { 'verification.state': 'rejected', 'verification.reason': '营业执照与信用代码不符' } })
    const res = await importRows([row({ organization: org.name, creditCode: code, year: Y3, title: '被驳回组织的经验' })])
    expect(res.body).toMatchObject({ inserted: 1, linked: 0, failed: 0 })
    expect((await call(t, 'GET', '/api/me', { token: member.token })).body.roles).not.toContain('listed_org_member')
    expect((await t.db.models.ListedExperience.findOne({ title: '被驳回组织的经验' }).lean())!.organizationId).toBeUndefined()
  })

  test('第十九条 a year this system runs (a call published for it) is refused row by row: its list is the approver’s to sign', async () => {
    const own = thisYear - 6
    await buildCall(t.db.models, { year: own })
    const res = await importRows([row({ year: own, title: '本系统年度的经验' })])
    expect(res.body).toMatchObject({ inserted: 0, failed: 1 })
    expect(res.body.problems).toEqual([
      expect.objectContaining({ row: 2, reasons: [{ column: '年份', message: `${own} 年度的征集由本系统办理，其名单经中国质量协会批准后在系统中公布，不能导入` }] }),
    ])
    expect(await t.db.models.ListedExperience.countDocuments({ year: own })).toBe(0)
  })

  test('a file that is not the template is refused whole, with a stable code', async () => {
    const form = new FormData()
    form.append('file', new Blob([Buffer.from('not a workbook')]), 'x.xlsx')
    const res = await fetch(`${t.base}/api/office/listed/import`, { method: 'POST', headers: { authorization: `Bearer ${office}` }, body: form })
    expect(res.status).toBe(422)
    expect(((await res.json()) as any).error.code).toBe('IMPORT_FILE_INVALID')
    const book = new ExcelJS.Workbook()
    book.addWorksheet('x').addRow(['年份', '单位名称'])
    const form2 = new FormData()
    form2.append('file', new Blob([new Uint8Array(Buffer.from(await book.xlsx.writeBuffer()))]), 'x.xlsx')
    const res2 = await fetch(`${t.base}/api/office/listed/import`, { method: 'POST', headers: { authorization: `Bearer ${office}` }, body: form2 })
    const body = (await res2.json()) as any
    expect(body.error.code).toBe('IMPORT_FILE_INVALID')
    expect(body.error.message).toMatch(/表头缺少列：经验名称/)
  })

  test('the template downloads with the header row the importer reads', async () => {
    const res = await fetch(`${t.base}/api/office/listed/import-template`, { headers: { authorization: `Bearer ${office}` } })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(LISTED_IMPORT_COLUMNS.map((c) => c.header))
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe(Y1)
  })
})

describe('the public 名单 (第十九条): filters, years, an experience, its organization', () => {
  let orgName = ''
  beforeAll(async () => {
    // Stored NFKC-normalized, as every name people type (「（集团）」 becomes 「(集团)」).
    orgName = `公开名单(集团)有限公司${Date.now() % 1000}`
    await importRows([
      row({ organization: orgName.replace('(', '（').replace(')', '）'), title: '精益生产经验', year: Y3, sector: '制造业', region: '浙江省', summary: '摘要' }),
      row({ organization: orgName, title: '服务质量经验', year: Y1, sector: '服务业', region: '浙江省' }),
      row({ organization: '另一家公开单位', title: '工程质量经验', year: Y1, sector: '建筑业', region: '北京市' }),
    ])
  })

  test('newest year first; by year, sector, region and keyword (a literal pattern); paged', async () => {
    const all = await call(t, 'GET', '/api/listed?pageSize=50', {})
    expect(all.status).toBe(200)
    const years = all.body.items.map((e: any) => e.year)
    expect(years).toEqual([...years].sort((a: number, b: number) => b - a))
    const byYear = await call(t, 'GET', `/api/listed?year=${Y3}&pageSize=50`, {})
    expect(byYear.body.items.every((e: any) => e.year === Y3)).toBe(true)
    const mine = await call(t, 'GET', `/api/listed?q=${encodeURIComponent('（集团）')}&region=330000&sector=services`, {})
    expect(mine.body.items).toEqual([
      expect.objectContaining({ organizationName: orgName, title: '服务质量经验', sector: '服务', region: '浙江省', year: Y1, state: 'listed', stateLabel: '在列', source: 'import' }),
    ])
    // No credit code, application or import id leaves a public answer.
    expect(Object.keys(mine.body.items[0]).sort()).toEqual(['id', 'listedOrganizationId', 'organizationName', 'region', 'sector', 'source', 'state', 'stateLabel', 'title', 'year'])
    expect((await call(t, 'GET', `/api/listed?q=${encodeURIComponent('.*(')}`, {})).body).toMatchObject({ items: [], total: 0 })
    const page1 = await call(t, 'GET', '/api/listed?pageSize=2&page=1', {})
    const page2 = await call(t, 'GET', '/api/listed?pageSize=2&page=2', {})
    expect(page1.body.total).toBe(all.body.total)
    expect(page2.body.items.map((e: any) => e.id)).toEqual(all.body.items.slice(2, 4).map((e: any) => e.id))
    expect((await call(t, 'GET', '/api/listed?region=999999', {})).status).toBe(400)
  })

  test('the years with their counts, removed ones counted apart', async () => {
    const [one] = (await call(t, 'GET', `/api/listed?year=${Y1}&q=${encodeURIComponent('另一家公开单位')}`, {})).body.items
    const removedAt = new Date()
    // A removal (第二十一条) marks the entry; the removal flow itself is the removal issue's.
    await t.db.models.ListedExperience.updateOne({ _id: one.id }, { $set: { state: 'removed', removal: { removalId: one.listedOrganizationId, reasonType: 'fraud', at: removedAt } } })
    // Written around the commands: the stamp moved as a command would move it (db/publicVersion.ts).
    await publicChange(t.db.connection, 'listing', async () => undefined)
    const res = await call(t, 'GET', '/api/listed/years', {})
    const counted = await t.db.models.ListedExperience.aggregate([{ $match: { year: Y1 } }, { $count: 'n' }])
    expect(res.body.years[0]).toEqual({ year: Y1, count: counted[0].n, removedCount: 1 })
    expect(res.body.years.map((y: any) => y.year)).toEqual([Y1, Y2, Y3])
    const marked = await call(t, 'GET', `/api/listed/${one.id}`, {})
    expect(marked.body.experience).toMatchObject({ state: 'removed', stateLabel: '已移除', removal: { removedAt: removedAt.toISOString(), reasonLabel: '申报材料弄虚作假' } })
    // Not published yet: no announcement link; once published, the organization's page links it.
    expect(marked.body.experience.removal.announcementId).toBeUndefined()
    await t.db.models.ListedExperience.updateOne({ _id: one.id }, { $set: { 'removal.announcementPublishedAt': new Date() } })
    await publicChange(t.db.connection, 'listing', async () => undefined)
    const org = await call(t, 'GET', `/api/listed-organizations/${one.listedOrganizationId}`, {})
    expect(org.body.experiences.find((e: any) => e.id === one.id).removal.announcementId).toBe(one.listedOrganizationId)
  })

  test('an experience with its organization and the organization\'s other experiences; the organization page', async () => {
    const [experience] = (await call(t, 'GET', `/api/listed?year=${Y1}&q=${encodeURIComponent(orgName)}`, {})).body.items
    const res = await call(t, 'GET', `/api/listed/${experience.id}`, {})
    expect(res.status).toBe(200)
    expect(res.body.organization).toEqual({ id: experience.listedOrganizationId, name: orgName, region: '浙江省', years: [Y1, Y3], listedCount: 2, removedCount: 0 })
    expect(res.body.others.map((e: any) => e.title)).toEqual(['精益生产经验'])
    expect(res.body.others[0].summary).toBe('摘要')
    const org = await call(t, 'GET', `/api/listed-organizations/${experience.listedOrganizationId}`, {})
    expect(org.body).toMatchObject({ name: orgName, years: [Y1, Y3], events: { recorded: false, offered: 0, registered: 0, attended: 0 } })
    expect(org.body.experiences.map((e: any) => e.year)).toEqual([Y1, Y3])
    expect(org.body.creditCode).toBeUndefined()
  })

  test('unknown ids answer 404 with their own codes', async () => {
    expect(await call(t, 'GET', '/api/listed/0123456789abcdef01234567', {})).toMatchObject({ status: 404, body: failure('LISTED_NOT_FOUND') })
    expect(await call(t, 'GET', '/api/listed-organizations/0123456789abcdef01234567', {})).toMatchObject({ status: 404, body: failure('LISTED_ORGANIZATION_NOT_FOUND') })
    expect((await call(t, 'GET', '/api/listed/not-an-id', {})).status).toBe(400)
  })

  test('a cached read shows an import made after it (the listing stamp)', async () => {
    const q = `/api/listed?q=${encodeURIComponent('缓存后导入单位')}`
    expect((await call(t, 'GET', q, {})).body.total).toBe(0)
    expect((await call(t, 'GET', q, {})).body.total).toBe(0)
    await importRows([row({ organization: '缓存后导入单位' })])
    expect((await call(t, 'GET', q, {})).body.total).toBe(1)
  })

  test('only the office imports and sees the overview', async () => {
    const member = await wechatUser(t)
    expect((await importRows([row()], member.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/office/listed-organizations', { token: member.token })).status).toBe(403)
    const approver = (await browserUser(t, ['approver'])).token
    expect((await call(t, 'GET', '/api/office/listed/imports', { token: approver })).status).toBe(403)
  })
})
