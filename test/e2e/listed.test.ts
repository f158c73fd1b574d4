import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import mongoose from 'mongoose'
import type { Browser, Page } from 'playwright-core'
import { inShanghai } from '@zlbg/shared'
import { listedWorkbook } from '../../server/src/commands/listedImport/listedImporter'
import { connectDatabase } from '../../server/src/db/connection'
import { publicChange } from '../../server/src/db/publicVersion'
import { click, desktopPage, e2eBase, fill, launchBrowser, officePage, phonePage, textOf, widthShots } from '../support/browser'

/**
 * 名单 (第十九条) in the H5 build: the office imports earlier years' lists from an xlsx file (a bad row
 * reported, the report downloaded), finds the organizations in 入选组织; the public then browses the
 * 名单 tab (year filter, keyword), opens an experience and its organization. Years are computed from
 * today; names carry this run's mark, so other walks' data never matters. Screenshots at 320 px and
 * 1280 px go to test/artifacts/.
 */
jest.setTimeout(180_000)

const RUN = Date.now().toString(36)
const year = inShanghai(new Date()).year()
const ORG = `往年示例精工有限公司${RUN}`
let browser: Browser
let office: Page

beforeAll(async () => {
  browser = await launchBrowser()
  office = await officePage(browser, (b) => desktopPage(b, 1280))
})
afterAll(async () => {
  await office?.context().close()
  await browser?.close()
})

test('第十九条 the office imports earlier years: good rows in, the bad row reported and downloadable', async () => {
  const file = await listedWorkbook([
    { year: year - 3, organization: ORG, title: `精益质量经验${RUN}`, sector: '制造业', region: '江苏省', summary: `三年前入选的经验简介${RUN}` },
    { year: year - 2, organization: ORG, title: `数字化质量经验${RUN}`, sector: '制造业', region: '江苏省' },
    { year: year - 2, organization: `往年示例服务有限公司${RUN}`, title: `服务质量经验${RUN}`, sector: '服务业', region: '广东省' },
    { year, organization: `今年的单位${RUN}`, title: `今年的经验${RUN}`, sector: '制造业', region: '江苏省' },
  ])
  await click(office, '.me-office-listed')
  await office.locator('.office-listed:visible').waitFor()
  await click(office, '.office-listed-import-link')
  await office.locator('.office-listed-import:visible').waitFor()
  const chooser = office.waitForEvent('filechooser')
  await click(office, '.office-listed-pick')
  await (await chooser).setFiles({ name: 'earlier.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await office.locator('.office-listed-report:visible').waitFor()
  expect(await textOf(office, '.office-listed-report-counts')).toBe('共 4 行：新增 3，已存在 0，不合格 1')
  expect(await office.locator('.office-listed-problem:visible').allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`第 5 行 · 今年的单位${RUN}\\s+年份：只能导入 ${year} 年以前的名单`))])
  // The history lists it too.
  await office.locator('.office-listed-import-row:visible', { hasText: 'earlier.xlsx' }).first().waitFor()
  const [download] = await Promise.all([office.waitForEvent('download'), click(office, '.office-listed-report-download')])
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
  const sheet = book.getWorksheet('不合格行')!
  expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(3).value]).toEqual([5, '年份'])
  // The report stays on screen across the desktop and phone layouts.
  await widthShots(office, 'listed-import')
  await office.locator('.office-listed-report:visible').waitFor()

  // 入选组织: the organization with both years, not linked to an account.
  await office.goto(`${e2eBase()}/#/subpackages/office/listed/index`)
  await office.reload()
  await fill(office, '.office-listed-filter-q', ORG)
  await click(office, '.office-listed-search')
  const row = office.locator('.office-listed-row:visible', { hasText: ORG })
  await row.waitFor()
  const text = await row.innerText()
  expect(text).toContain(`入选年份：${year - 2}、${year - 3}`)
  expect(text).toContain('在列经验 2 项')
  expect(text).toContain('未关联组织账号')
  await widthShots(office, 'listed-office')
})

test('第十九条 the public browses the 名单: a year, a keyword, an experience, its organization', async () => {
  const page = await phonePage(browser)
  await page.goto(`${e2eBase()}/#/pages/listing/index`)
  await page.locator('.listing-card:visible').first().waitFor()
  await click(page, `.listing-year:text("${year - 3}年")`)
  await fill(page, '.listing-q', RUN)
  await click(page, '.listing-search-go')
  const card = page.locator('.listing-card:visible', { hasText: `精益质量经验${RUN}` })
  await card.waitFor()
  expect(await page.locator('.listing-card:visible').count()).toBe(1)
  expect(await card.innerText()).toContain(`制造 · 江苏省 · ${year - 3}年`)
  await widthShots(page, 'listed-tab')

  await card.click()
  await page.locator('.listed-experience:visible').waitFor()
  expect(await textOf(page, '.listed-summary')).toBe(`三年前入选的经验简介${RUN}`)
  expect(await page.locator('.listed-others:visible').innerText()).toContain(`数字化质量经验${RUN}`)
  await widthShots(page, 'listed-experience')

  await click(page, '.listed-open-organization')
  await page.locator('.listed-organization:visible').waitFor()
  expect(await textOf(page, '.listed-organization-name')).toBe(ORG)
  expect(await textOf(page, '.listed-organization-years')).toBe(`入选年份：${year - 2}、${year - 3}`)
  expect(await page.locator('.listed-organization-experiences:visible .listed-entry').count()).toBe(2)
  // 第二十条: its attendance — none yet, or the events other walks in this database offered to its years.
  expect(await textOf(page, '.listed-events-text')).toMatch(/尚无交流活动记录|可参加 \d+ 场 · 报名 0 场 · 签到 0 场/)
  await widthShots(page, 'listed-organization')
  await page.context().close()
})

test('第十九条 a link to one year\'s list (the feed\'s, the official account\'s) opens the 名单 with that year chosen', async () => {
  const page = await phonePage(browser)
  await page.goto(`${e2eBase()}/#/pages/listing/index?year=${year - 2}`)
  await page.locator('.listing-card:visible').first().waitFor()
  expect(await page.locator('.listing-year.listing-chip--on:visible').innerText()).toContain(`${year - 2}年`)
  const metas = await page.locator('.listing-card:visible').allInnerTexts()
  expect(metas.length).toBeGreaterThan(0)
  expect(metas.every((m) => m.includes(`${year - 2}年`))).toBe(true)
  await page.context().close()
})

test('第二十一条 a removed experience keeps its place on the 名单, marked, its page saying when and why', async () => {
  // The removal flow is the removal issue's; here the record it leaves, written as it writes it.
  const db = await connectDatabase(process.env.ZLBG_E2E_DATABASE_URI!)
  const removedAt = new Date()
  await publicChange(db.connection, 'listing', () =>
    db.models.ListedExperience.updateOne(
      { title: `服务质量经验${RUN}` },
      { $set: { state: 'removed', removal: { removalId: new mongoose.Types.ObjectId(), reasonType: 'major_accident', at: removedAt } } },
    ),
  )
  await db.close()
  const page = await phonePage(browser)
  await page.goto(`${e2eBase()}/#/pages/listing/index`)
  await fill(page, '.listing-q', `服务质量经验${RUN}`)
  await click(page, '.listing-search-go')
  const card = page.locator('.listing-card--removed:visible', { hasText: `服务质量经验${RUN}` })
  await card.waitFor()
  expect(await card.locator('.listing-removed').innerText()).toBe('已移除')
  await card.click()
  expect(await textOf(page, '.listed-removal')).toMatch(/已移除出名单[\s\S]*因「三年内发生诚信、质量、安全、环保等重大责任事故」移除（第二十一条）[\s\S]*移除公告待发布/)
  await widthShots(page, 'listed-removed')
  await page.context().close()
})

test('an unknown experience or organization says so, with a way back', async () => {
  const page = await phonePage(browser)
  await page.goto(`${e2eBase()}/#/subpackages/listed/experience/index?id=0123456789abcdef01234567`)
  expect(await textOf(page, '.listed-not-found')).toContain('入选经验不存在')
  await page.goto(`${e2eBase()}/#/subpackages/listed/organization/index?id=nonsense`)
  await page.reload()
  expect(await textOf(page, '.listed-not-found')).toContain('入选组织不存在')
  await page.context().close()
})
