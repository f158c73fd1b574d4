import type { Browser, Page } from 'playwright-core'
import { applicationMachine, inShanghai } from '@zlbg/shared'
import { libraryArrangements, workCalendar } from '../../server/src/commands/calendar/calendarData'
import { yearConfirmer } from '../../server/src/commands/calendar/yearConfirmer'
import { moveListedApplications, openPublicity } from '../../server/src/commands/publicity/publicityStarter'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import type { CallRecord } from '../../server/src/models/call'
import type { Actor } from '../../server/src/policies'
import { windowNear } from '../../server/src/seed/demoPublicity'
import { buildApplication, buildCall } from '../support/factories'
import { click, confirmDialog, desktopPage, e2eBase, launchBrowser, officePage, phonePage, widthShots } from '../support/browser'

/**
 * 公示 (第十八条) in the H5 build: the office publishes a call's recommended list from 公示管理 (the
 * computed window shown before confirming), and the public sees lists on the 公示 tab with 提出异议 on
 * each entry while a window is open — which leads to the objection form with the list and entry named.
 * Start days come from the calendar relative to today, so the walk passes on any day.
 */
let browser: Browser
let office: Page
let db: Database
const fixture: Actor = { displayName: 'e2e', roles: ['office'], organizationIds: [] }

jest.setTimeout(180_000)

beforeAll(async () => {
  db = await connectDatabase(process.env.ZLBG_E2E_DATABASE_URI!)
  const thisYear = inShanghai(new Date()).year()
  // A year the library does not carry is the office's to confirm: plainly fictitious here.
  for (const year of [thisYear, thisYear + 1]) {
    if (libraryArrangements().has(year) || (await db.models.WorkdayYear.exists({ _id: String(year) }))) continue
    await yearConfirmer({ models: db.models, actor: fixture, year, input: { holidays: [{ date: `${year}-01-01`, name: '元旦' }], workdays: [], basis: 'e2e 测试用安排（非国务院通知）' } })
  }
  browser = await launchBrowser()
  office = await officePage(browser, (b) => desktopPage(b, 1280))
})
afterAll(async () => {
  await office?.context().close()
  await browser?.close()
  await db?.close()
})

/** A published call whose `n` applications the committee recommended (the review rounds have their own walks). */
async function callWithRecommended(n: number): Promise<CallRecord> {
  const call = await buildCall(db.models)
  for (let i = 0; i < n; i++) {
    const app = await buildApplication(db.models, { call, state: 'qualified' })
    await db.models.Application.updateOne(
      { _id: app._id },
      { $set: { state: 'recommended', history: applicationMachine.pathTo('recommended')!.map((state) => ({ state, at: new Date() })) } },
    )
  }
  return call
}

const today = () => inShanghai(new Date()).format('YYYY-MM-DD')

test('第十八条 the office publishes a recommended list: the computed window before confirming, then the list is public', async () => {
  const call = await callWithRecommended(2)
  const id = call._id.toHexString()
  await office.goto(`${e2eBase()}/#/subpackages/office/publicity/index`)
  await office.reload()
  const row = office.locator('.office-publicity-row:visible', { hasText: call.title })
  await row.waitFor()
  await expect(row.innerText()).resolves.toContain('待公示推荐 2 项')
  await widthShots(office, 'publicity-office')
  await row.locator('.office-publicity-start').click()
  await office.locator('.publicity-start-entry:visible').first().waitFor()
  expect(await office.locator('.publicity-start-entry:visible').count()).toBe(2)

  // A start day the office might pick (the picker is NutUI's; the page also takes it from its address).
  const start = windowNear(await workCalendar(db.models), today(), 1)!
  await office.goto(`${e2eBase()}/#/subpackages/office/publicity/start?callId=${id}&start=${start.startDay}`)
  await office.reload()
  await office.locator('.publicity-start-result-window:visible').waitFor()
  const shown = await office.locator('.publicity-start-result-window:visible').innerText()
  expect(shown).toContain('23:59:59（北京时间）')
  expect(shown).toContain(`${Number(start.endDay.slice(5, 7))}月${Number(start.endDay.slice(8, 10))}日`)
  await widthShots(office, 'publicity-start')

  // A day before today is refused before anything is written.
  const yesterday = inShanghai(new Date()).subtract(1, 'day').format('YYYY-MM-DD')
  await office.goto(`${e2eBase()}/#/subpackages/office/publicity/start?callId=${id}&start=${yesterday}`)
  await office.reload()
  await expect(office.locator('.publicity-start-refusal:visible').innerText()).resolves.toContain('不能早于今天')
  expect(await office.locator('.publicity-start-submit:visible').getAttribute('class')).toContain('disabled')

  await office.goto(`${e2eBase()}/#/subpackages/office/publicity/start?callId=${id}&start=${start.startDay}`)
  await office.reload()
  await office.locator('.publicity-start-result-window:visible').waitFor()
  await click(office, '.publicity-start-submit')
  await expect(office.locator('.confirm-dialog:visible').innerText()).resolves.toContain('将 2 项推荐申报列入公示')
  await confirmDialog(office)
  await office.locator('.publicity-card:visible').waitFor()
  await expect(office.locator('.publicity-card-title:visible').innerText()).resolves.toBe(call.title)
  expect(await office.locator('.publicity-entry:visible').count()).toBe(2)

  const list = (await db.models.Publicity.findOne({ callId: call._id }).lean())!
  expect(list.window.startDay).toBe(start.startDay)
  expect(await db.models.Application.countDocuments({ callId: call._id, state: 'in_publicity' })).toBe(2)
})

test('the 公示 tab: lists newest first, 提出异议 on each entry while the window is open, leading to the objection form', async () => {
  // A list whose window is open now: started on the last working day on or before today (or today's own).
  const calendar = await workCalendar(db.models)
  let window = windowNear(calendar, today(), -1)
  if (!window || window.endDay < today()) window = windowNear(calendar, today(), 1)!
  const call = await callWithRecommended(3)
  const officeUser = (await db.models.User.findOne({ roles: 'office' }).lean())!
  const actor: Actor = { userId: officeUser._id.toHexString(), displayName: officeUser.displayName, roles: ['office'], organizationIds: [] }
  const published = new Date(Math.min(Date.now(), Date.parse(`${window.startDay}T09:00:00+08:00`)))
  const { list } = await openPublicity(db.models, { callId: call._id, window, contact: '对公示名单有异议的，请在公示期内实名提出。联系人：王老师，电话 010-68419999。', actor, now: published })
  await moveListedApplications(db.models, list, { actor, now: published })
  const openNow = Date.parse(`${window.startDay}T00:00:00+08:00`) <= Date.now()

  const phone = await phonePage(browser)
  try {
    await phone.goto(`${e2eBase()}/#/pages/publicity/index`)
    const card = phone.locator('.publicity-card:visible', { hasText: call.title })
    await card.waitFor()
    await expect(card.locator('.publicity-card-window-value').innerText()).resolves.toContain('23:59:59（北京时间）')
    await expect(card.locator('.publicity-card-contact-text').innerText()).resolves.toContain('010-68419999')
    expect(await card.locator('.publicity-entry').count()).toBe(3)
    // No application id, receipt or score on the screen: the entry's public fields only.
    const app = (await db.models.Application.findOne({ callId: call._id }).lean())!
    expect(await card.innerText()).not.toContain(app.receiptNumber!)
    await widthShots(phone, 'publicity-tab')

    if (openNow) {
      expect(await card.locator('.publicity-entry-object').count()).toBe(3)
      await card.locator('.publicity-entry-object').first().click()
      await phone.waitForURL(/subpackages\/objection\/file\/index\?publicityId=[0-9a-f]{24}&entryId=[0-9a-f]{24}/)
      const url = new URL(phone.url().replace('/#/', '/'))
      expect(url.searchParams.get('publicityId')).toBe(list._id.toHexString())
      expect(url.searchParams.get('entryId')).toBe(list.entries[0]!._id.toHexString())
    } else {
      // Not open yet (today is no working day and the window starts on the next): no button yet.
      expect(await card.locator('.publicity-entry-object').count()).toBe(0)
      await expect(card.locator('.publicity-card-state').innerText()).resolves.toBe('公示尚未开始')
    }

    // The list's own page, the address the feeds link to; a wrong id says so.
    await phone.goto(`${e2eBase()}/#/pages/publicity/detail?id=${list._id.toHexString()}`)
    await phone.reload()
    await phone.locator('.publicity-card:visible').waitFor()
    await widthShots(phone, 'publicity-detail')
    await phone.goto(`${e2eBase()}/#/pages/publicity/detail?id=0123456789abcdef01234567`)
    await phone.reload()
    await expect(phone.locator('.publicity-detail-not-found:visible').innerText()).resolves.toContain('公示名单不存在')
  } finally {
    await phone.context().close()
  }
})
