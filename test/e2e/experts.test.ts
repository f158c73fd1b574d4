import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { EXPERT_IMPORT_COLUMNS } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import type { CallRecord } from '../../server/src/models/call'
import { loginKey } from '../../server/src/models/user'
import { click, confirmDialog, e2eBase, fill, launchBrowser, officePage, widthShots, phonePage, textOf } from '../support/browser'
import { buildApplication, buildCall, creditCode } from '../support/factories'

/**
 * 专家库、评审委员会、回避与分配 (第九条–第十三条) in the H5 workbench: the office imports experts from
 * an xlsx file (bad rows reported), sees the pool's coverage, forms the committee (a wrong shape is
 * refused), runs the assignment and starts review; an expert then signs the pledge and sees exactly
 * their own assignments. Screenshots of each page at 320 px and 1280 px go to test/artifacts/.
 */

const DATABASE_URI = process.env.ZLBG_E2E_DATABASE_URI ?? ''
const RUN = Date.now().toString(36)
const PASSWORD = 'Expert2026e2e'
jest.setTimeout(180_000)

let browser: Browser
let db: Database
let call: CallRecord

beforeAll(async () => {
  if (!DATABASE_URI) throw new Error('ZLBG_E2E_DATABASE_URI is not set (e2e globalSetup)')
  db = await connectDatabase(DATABASE_URI)
  browser = await launchBrowser()
  // A call of its own: another walk may already have formed a committee for the demo's latest call.
  call = await buildCall(db.models)
})
afterAll(async () => {
  await browser?.close()
  await db?.close()
})

const shots = (page: Page, name: string) => widthShots(page, `experts-${name}`)

const phone = (n: number) => `137${String(Date.now() % 1_000_000).padStart(6, '0')}${String(n).padStart(2, '0')}`

interface Person {
  name: string
  phone: string
  competent: boolean
  sectors: string
  fields: string
}

test('the office imports, forms the committee and assigns; an expert signs the pledge and sees exactly their list', async () => {
  // Six applications passed qualification review (第十五条): the committee's work.
  // Other walks may have qualified applications in the same call: this one counts only its own.
  const mineIds: string[] = []
  for (let i = 0; i < 6; i++) mineIds.push((await buildApplication(db.models, { call, state: 'qualified' }))._id.toHexString())

  // ---- 第九条: the pool comes from the office's workbook; two rows are bad.
  const people: Person[] = [
    { name: `主任${RUN}`, phone: phone(1), competent: true, sectors: '制造业、服务业', fields: '卓越绩效模式' },
    { name: `副主任${RUN}`, phone: phone(2), competent: true, sectors: '服务业', fields: '卓越绩效模式' },
    { name: `组长${RUN}`, phone: phone(3), competent: false, sectors: '制造业', fields: '精益管理' },
    { name: `组员甲${RUN}`, phone: phone(4), competent: false, sectors: '制造业', fields: '六西格玛管理' },
    { name: `组员乙${RUN}`, phone: phone(5), competent: false, sectors: '制造业、建筑业', fields: '精益管理、六西格玛管理' },
  ]
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('专家')
  sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => c.header))
  const row = (p: Person) => ({ name: p.name, title: '高级工程师', employerName: '某质量研究院', employerCreditCode: creditCode(), fields: p.fields, sectors: p.sectors, competent: p.competent ? '是' : '否', phone: p.phone }) as Record<string, string>
  for (const p of people) sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => row(p)[c.key] ?? ''))
  sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => ({ ...row(people[0]!), name: `坏行一${RUN}`, phone: '12345' } as Record<string, string>)[c.key] ?? ''))
  sheet.addRow(EXPERT_IMPORT_COLUMNS.map((c) => ({ ...row(people[0]!), name: `坏行二${RUN}`, phone: phone(9), sectors: '农业' } as Record<string, string>)[c.key] ?? ''))
  const workbook = Buffer.from(await book.xlsx.writeBuffer())

  const office = await officePage(browser)
  await click(office, '.me-office-experts')
  await office.locator('.office-experts:visible').waitFor()
  const chooser = office.waitForEvent('filechooser')
  await click(office, '.xp-import-pick')
  await (await chooser).setFiles({ name: 'experts.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook })
  await office.locator('.xp-import-report:visible').waitFor()
  expect(await textOf(office, '.xp-import-counts')).toBe('共 7 行：新增 5，更新 0，不合格 2')
  const problems = await office.locator('.xp-import-problem:visible').allInnerTexts()
  expect(problems).toHaveLength(2)
  expect(problems[0]).toContain('第 7 行')
  expect(problems[0]).toContain('手机号应为 11 位中国大陆手机号')
  expect(problems[1]).toContain('无法识别的行业门类「农业」')
  // The coverage view follows the import.
  await office.locator('.xp-coverage-fields:visible').getByText('六西格玛管理').first().waitFor()
  await shots(office, 'pool')
  // At a desk the pool is a workbench area and the list a table with a pager; the phone keeps cards.
  const before = office.viewportSize()!
  await office.setViewportSize({ width: 1280, height: 900 })
  await office.locator('.xp-experts-table:visible').waitFor()
  expect(await office.locator('.workbench-nav-experts.workbench-nav-item--active:visible').count()).toBe(1)
  expect(await office.locator('.xp-experts-table .xp-expert:visible').count()).toBeGreaterThanOrEqual(5)
  await office.setViewportSize(before)
  await office.locator('.xp-list .xp-expert:visible').first().waitFor()

  // The experts' own accounts (an office step outside this walk: accounts are made in 账号管理).
  const accounts: Record<string, string> = {}
  for (const p of people) {
    const username = `zj${RUN}${p.phone.slice(-2)}`.toLowerCase()
    const user = await db.models.User.create({ logins: [loginKey.username(username)], username, displayName: p.name, passwordHash: await hashPassword(PASSWORD), roles: ['expert'] })
    await db.models.Expert.updateOne({ phone: p.phone }, { $set: { userId: user._id } })
    accounts[p.name] = username
  }

  // ---- 第十一条, 第十二条: the committee; a wrong shape is refused with the rule named.
  await office.goto(`${e2eBase()}/#/subpackages/office/experts/committee?callId=${call._id}`)
  await office.locator('.office-committee:visible').waitFor()
  // Each choice shows as chosen before the next step.
  const chip = async (row: string, name: string) => {
    const target = office.locator(`${row}:visible .chip`, { hasText: name }).first()
    await target.click()
    await office.locator(`${row}:visible .chip.chip--on`, { hasText: name }).first().waitFor()
  }
  await chip('.committee-chair', people[0]!.name)
  await click(office, '.committee-group-add')
  await fill(office, '.committee-group-name', `制造组${RUN}`)
  await chip('.committee-group-sectors', '制造业')
  await chip('.committee-group-leader', people[2]!.name)
  await chip('.committee-group-members', people[3]!.name)
  await chip('.committee-group-members', people[4]!.name)
  await fill(office, '.committee-k', '2')
  await fill(office, '.committee-max', '30')
  await click(office, '.committee-save')
  expect(await textOf(office, '.committee-errors')).toContain('须设副主任委员 1 至 2 名（第十一条）')
  await chip('.committee-vice', people[1]!.name)
  await click(office, '.committee-save')
  await office.locator('.committee-state:visible', { hasText: '已组建' }).waitFor()
  await office.locator('.committee-errors').waitFor({ state: 'detached' })
  await shots(office, 'committee')

  // ---- 第十二条: the assignment; the plan shows each application's reviewers and the loads.
  await click(office, '.committee-to-assignments')
  await office.locator('.office-assignments:visible').waitFor()
  await click(office, '.plan-run')
  await office.locator('.plan-app:visible .plan-reviewers', { hasText: '评审专家：' }).first().waitFor()
  const active = await db.models.Assignment.find({ callId: call._id, state: 'active' }).lean()
  for (const id of mineIds) expect(active.filter((a) => a.applicationId.toHexString() === id)).toHaveLength(2)
  await shots(office, 'assignments')

  // Review starts (第十六条): the assignments reach the experts.
  await office.goto(`${e2eBase()}/#/subpackages/office/experts/committee?callId=${call._id}`)
  await click(office, '.committee-start')
  await confirmDialog(office)
  await office.locator('.committee-state:visible', { hasText: '评审中' }).waitFor()
  await office.context().close()

  // ---- 第十三条: an expert signs the pledge, then sees exactly their own list.
  const member = people[3]!
  const expertDoc = (await db.models.Expert.findOne({ phone: member.phone }).lean())!
  const own = active.filter((a) => a.expertId.equals(expertDoc._id))
  expect(own.length).toBeGreaterThan(0)
  const titles = (await db.models.Application.find({ _id: { $in: own.map((a) => a.applicationId) } }).lean()).map((a) => a.content.title!).sort()

  const expert = await phonePage(browser)
  await expert.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(expert, '.login-login', accounts[member.name]!)
  await fill(expert, '.login-password', PASSWORD)
  await click(expert, '.login-submit')
  await expert.locator('.me-signed-in:visible').waitFor()
  await click(expert, '.me-expert-work')
  await expert.locator('.expert-home:visible .expert-call').first().waitFor()
  // Before the pledge, the list is closed.
  await expert.goto(`${e2eBase()}/#/subpackages/expert/assignments?callId=${call._id}`)
  await expert.locator('.expert-pledge-required:visible').waitFor()
  await expert.goto(`${e2eBase()}/#/subpackages/expert/index`)
  const card = expert.locator('.expert-call:visible', { hasText: call.title }).first()
  await card.locator('.expert-sign').click()
  await card.locator('.expert-pledge-signed').waitFor()
  await shots(expert, 'expert-home')
  await card.locator('.expert-open').click()
  await expert.locator('.expert-assignments:visible .expert-assignment').first().waitFor()
  const shown = (await expert.locator('.expert-assignments:visible .expert-assignment .expert-row-title').allInnerTexts()).sort()
  expect(shown).toEqual(titles)
  await shots(expert, 'expert-assignments')
  await expert.locator('.expert-assignments:visible .expert-assignment').first().click()
  await expert.locator('.expert-assignment-detail:visible .expert-app-title').waitFor()
  await shots(expert, 'expert-assignment')
  // Every view of the material is on record (第十三条).
  expect(await db.models.Audit.countDocuments({ action: 'review.readAssigned', 'actor.userId': expertDoc.userId })).toBe(1)
  await expert.context().close()

  // The chair follows every group's progress once the pledge is signed (per-call role).
  const chair = await phonePage(browser)
  await chair.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(chair, '.login-login', accounts[people[0]!.name]!)
  await fill(chair, '.login-password', PASSWORD)
  await click(chair, '.login-submit')
  await chair.locator('.me-signed-in:visible').waitFor()
  await chair.goto(`${e2eBase()}/#/subpackages/expert/index`)
  const chairCard = chair.locator('.expert-call:visible', { hasText: call.title }).first()
  await chairCard.locator('.expert-sign').click()
  expect(await chairCard.locator('.expert-overview-group').first().innerText()).toContain(`制造组${RUN}`)
  await chair.context().close()
})
