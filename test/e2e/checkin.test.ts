import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import type { EventRecord, RegistrationRecord } from '../../server/src/models/event'
import { click, confirmDialog, desktopPage, e2eBase, fill, launchBrowser, officePage, phonePage, widthShots } from '../support/browser'
import { buildEvent, buildListedOrganization, buildRegistration } from '../support/checkinFactories'
import { e2eApi, expectStatus } from '../support/e2eApplicants'

/**
 * 第二十条 in the H5 build: an attendee's ticket shows its QR code and short code; the office types the
 * code at the door (a second time: already checked in, when and by whom), is refused a code the event
 * does not have, marks the rest as no-shows after the event and downloads the attendance list; then
 * sees the attendance obligation over the last 12 months, reminds an organization that attended
 * nothing and downloads the view.
 */
let browser: Browser
let office: Page
let member: Page
let db: Database
const RUN = Date.now().toString(36).slice(-5)
let event: EventRecord
let arriving: RegistrationRecord
let absent: RegistrationRecord
let attendsName = ''
let silentName = ''
let listed: Awaited<ReturnType<typeof buildListedOrganization>>

jest.setTimeout(240_000)

async function readXlsx(page: Page, selector: string, sheetName: string): Promise<unknown[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, selector)])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync((await download.path())!) as never)
  const sheet = book.getWorksheet(sheetName)!
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

beforeAll(async () => {
  db = await connectDatabase(process.env.ZLBG_E2E_DATABASE_URI!)
  const person = `ckmember${RUN}`
  const session = await expectStatus(e2eApi('POST', '/api/auth/wechat', { body: { code: `${person}.api` } }), 200, 'member sign-in')
  attendsName = `签到示范${RUN}有限公司`
  silentName = `未参会${RUN}有限公司`
  listed = await buildListedOrganization(db.models, { memberIds: [session.me.id], name: attendsName })
  await buildListedOrganization(db.models, { name: silentName })
  // Started three hours ago, ended half an hour ago: check-in still open, no-shows already allowed.
  event = await buildEvent(db.models, { startsInHours: -3, hours: 2.5, title: `质量标杆经验交流会${RUN}` })
  arriving = await buildRegistration(db.models, { event, listed, registeredBy: session.me.id, name: '周签到', code: `ZQ${RUN.toUpperCase()}1` })
  absent = await buildRegistration(db.models, { event, listed, registeredBy: session.me.id, name: '吴缺席' })
  await buildRegistration(db.models, { event, listed, state: 'waitlisted', name: '郑候补' })

  browser = await launchBrowser()
  member = await phonePage(browser)
  await member.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(member, '.me-dev-code', `${person}.browser`)
  await click(member, '.me-dev-login-submit')
  await member.locator('.me-signed-in:visible').waitFor()
  office = await officePage(browser, (b) => desktopPage(b, 1280))
})
afterAll(async () => {
  await member?.context().close()
  await office?.context().close()
  await browser?.close()
  await db?.close()
})

test('第二十条 the attendee’s ticket: QR code and short code', async () => {
  // A future event, so the ticket still shows its QR code when the screenshots are taken.
  const upcoming = await buildEvent(db.models, { startsInHours: 26, title: `即将举行的交流会${RUN}` })
  const reg = await buildRegistration(db.models, { event: upcoming, listed, registeredBy: arriving.registeredBy.toHexString(), name: '周签到' })
  await member.goto(`${e2eBase()}/#/subpackages/event/ticket/index?id=${reg._id}`)
  await member.reload()
  await member.locator('.ticket-qr:visible').waitFor()
  expect(await member.locator('.ticket-code:visible').innerText()).toBe(reg.checkInCode)
  expect(await member.locator('.ticket-attendee:visible').innerText()).toContain('周签到')
  const src = await member.locator('.ticket-qr:visible img').first().getAttribute('src')
  expect(src).toMatch(/^data:image\/png;base64,/)
  await widthShots(member, 'checkin-ticket')

  // The waitlisted attendee's ticket has no QR code and says why.
  const waiting = (await db.models.Registration.findOne({ eventId: event._id, state: 'waitlisted' }).lean())!
  await member.goto(`${e2eBase()}/#/subpackages/event/ticket/index?id=${waiting._id}`)
  await member.locator('.ticket-note:visible').waitFor()
  expect(await member.locator('.ticket-note:visible').innerText()).toContain('候补中')
  expect(await member.locator('.ticket-qr:visible').count()).toBe(0)
})

test('第二十条 the office checks an attendee in by typing the code; a second time: already checked in', async () => {
  await office.goto(`${e2eBase()}/#/subpackages/office/events/checkin?id=${event._id}`)
  await office.reload()
  await office.locator('.checkin-credential:visible').waitFor()
  expect(await office.locator('.checkin-event-title:visible').innerText()).toBe(event.title)
  expect(await office.locator('.checkin-count-confirmed .checkin-count-n:visible').innerText()).toBe('2')

  await fill(office, '.checkin-credential', arriving.checkInCode.toLowerCase())
  await click(office, '.checkin-submit')
  await office.locator('.checkin-outcome--checked_in:visible').waitFor()
  expect(await office.locator('.checkin-outcome-name:visible').innerText()).toContain('周签到')
  expect(await office.locator('.checkin-outcome-org:visible').innerText()).toBe(attendsName)
  await office.locator('.checkin-recent-name:visible', { hasText: '周签到' }).waitFor()
  expect(await office.locator('.checkin-count-attended .checkin-count-n:visible').innerText()).toBe('1')
  await widthShots(office, 'checkin-desk')

  await fill(office, '.checkin-credential', arriving.checkInCode)
  await click(office, '.checkin-submit')
  await office.locator('.checkin-outcome--already_checked_in:visible').waitFor()
  expect(await office.locator('.checkin-outcome-message:visible').innerText()).toMatch(/已签到（\d{4}年.*由 .+ 办理），未重复记录/)
  expect(await db.models.Registration.countDocuments({ eventId: event._id, state: 'attended' })).toBe(1)

  await fill(office, '.checkin-credential', 'NOPE0000')
  await click(office, '.checkin-submit')
  await office.locator('.checkin-outcome--refused:visible').waitFor()
  expect(await office.locator('.checkin-outcome--refused .checkin-outcome-message:visible').innerText()).toBe('本活动没有这个签到码，请核对后重新输入')
  await widthShots(office, 'checkin-refused')
})

test('第二十条 after the event: the rest are marked no-shows, and the attendance list downloads', async () => {
  await click(office, '.checkin-no-shows')
  await confirmDialog(office)
  await office.locator('.checkin-count-noShow .checkin-count-n:visible', { hasText: '1' }).waitFor()
  expect((await db.models.Registration.findById(absent._id).lean())!.state).toBe('no_show')

  const rows = await readXlsx(office, '.checkin-export', '参会名单')
  expect(rows[0]).toEqual(['单位', '姓名', '职务', '手机', '状态', '签到时间（北京时间）', '签到工作人员', '报名时间（北京时间）'])
  const byName = new Map(rows.slice(1).map((r) => [r[1], r]))
  expect(byName.get('周签到')).toEqual(expect.arrayContaining([attendsName, '已签到']))
  expect(byName.get('吴缺席')).toEqual(expect.arrayContaining([attendsName, '未到场']))
  expect(byName.get('郑候补')).toEqual(expect.arrayContaining(['候补中']))
})

test('第二十条 the attendance obligation: who attended nothing in 12 months is reminded; the view downloads', async () => {
  await office.goto(`${e2eBase()}/#/subpackages/office/attendance/index`)
  await office.reload()
  // Other tests' listed organizations may fill the first page: look ours up by this run's mark.
  await office.locator('.attendance-filter-q:visible').waitFor()
  await office.locator('.attendance-filter-q:visible input').fill(RUN)
  await click(office, '.attendance-search')
  const attends = office.locator('.attendance-row:visible', { hasText: attendsName })
  await attends.waitFor()
  expect(await attends.locator('.attendance-attended').innerText()).toBe('参加 1')
  const silent = office.locator('.attendance-row:visible', { hasText: silentName })
  expect(await silent.locator('.attendance-attended').innerText()).toBe('参加 0')
  await widthShots(office, 'attendance')

  await click(office, '.attendance-show-true')
  await office.locator('.attendance-row:visible', { hasText: silentName }).waitFor()
  expect(await office.locator('.attendance-row:visible', { hasText: attendsName }).count()).toBe(0)

  await office.locator('.attendance-row:visible', { hasText: silentName }).locator('.attendance-remind').click()
  await confirmDialog(office)
  await office.locator('.attendance-row:visible', { hasText: silentName }).locator('.attendance-reminded').waitFor()
  const listed = (await db.models.ListedOrganization.findOne({ name: silentName }).lean())!
  const org = (await db.models.Organization.findById(listed.organizationId).lean())!
  expect(await db.models.Outbox.countDocuments({ kind: 'attendance.reminder', channel: 'inapp', recipientUserId: org.members[0]!.userId })).toBe(1)

  const rows = await readXlsx(office, '.attendance-export', '参会义务')
  expect(rows[0]![0]).toBe('入选组织')
  expect(rows.some((r) => r[0] === silentName)).toBe(true)
  expect(rows.some((r) => r[0] === attendsName)).toBe(false)
})
