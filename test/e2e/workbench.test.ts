import type { Browser, Page } from 'playwright-core'
import { Types } from 'mongoose'
import type { CallDetail } from '@zlbg/shared'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { click, confirmDialog, desktopPage, e2eBase, fill, launchBrowser, officePage, phonePage, screenshot, textOf } from '../support/browser'
import { openDemoCall, organizationsIn, submitApplication, type Applicant } from '../support/e2eApplicants'

/**
 * The office workbench on a PC and on a phone: the same H5 pages at 375 px keep the phone's cards,
 * and at 1280 px get the desktop shell — the root size capped, a side navigation, queues as dense
 * tables with sortable headers, a pager and row selection, and 资格审查 with the material beside the
 * decision. 22 organizations of this run apply first, so the queue has two pages of 20.
 * Screenshots: test/artifacts/workbench-<screen>-<width>.png.
 */

const RUN = Date.now().toString(36)
const COUNT = 22
const PENDING_NAME = `待定名称${RUN}有限公司`
const PHONE = 375
const DESKTOP = 1280

let browser: Browser
let db: Database
let call: CallDetail
const applicants: Applicant[] = []
const pages: Page[] = []

jest.setTimeout(180_000)

beforeAll(async () => {
  const uri = process.env.ZLBG_E2E_DATABASE_URI
  if (!uri) throw new Error('ZLBG_E2E_DATABASE_URI is not set (e2e globalSetup)')
  db = await connectDatabase(uri)
  browser = await launchBrowser()
  call = await openDemoCall()
  // A name WeChat's check could not judge waits on 组织名称审核's default tab (待审核).
  const founder = new Types.ObjectId()
  await db.models.Organization.create({ name: PENDING_NAME, nameReview: 'pending', members: [{ userId: founder, joinedAt: new Date(), founder: true }], createdBy: founder })
  for (let i = 1; i <= COUNT; i++) {
    // Names sort differently from the server's order (newest first), so sorting shows.
    const letter = String.fromCharCode(96 + ((i * 7) % 26) + 1)
    const name = `桌面${RUN}${letter}${i}质量有限公司`
    applicants.push(await submitApplication(call, { key: String(i), person: `desk${RUN}${i}`, name, createOrganization: organizationsIn(db) }))
  }
})
afterAll(async () => {
  for (const page of pages) await page.context().close()
  await browser?.close()
  await db?.close()
})

async function signedIn(width: number): Promise<Page> {
  const page = await officePage(browser, width === DESKTOP ? (b) => desktopPage(b, DESKTOP) : (b) => phoneOf(b, width))
  pages.push(page)
  return page
}

async function phoneOf(b: Browser, width: number): Promise<Page> {
  const page = await phonePage(b)
  await page.setViewportSize({ width, height: 800 })
  return page
}

async function visit(page: Page, path: string, ready: string) {
  await page.goto(`${e2eBase()}/#${path}`)
  await page.locator(`${ready}:visible`).first().waitFor()
  // Skeletons gone and fonts laid out before the picture.
  await page.locator('.nut-skeleton:visible').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined)
}

async function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(`${selector}:visible`).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

async function narrowToRun(page: Page) {
  await fill(page, '.applications-filter-q', RUN)
  await click(page, '.applications-search')
}

async function tableNames(page: Page): Promise<string[]> {
  await page.locator('.applications-table:visible .data-table--busy').waitFor({ state: 'detached' }).catch(() => undefined)
  return page.locator('.applications-table-row:visible .application-cell-org').allInnerTexts()
}

const SCREENS: { name: string; path: () => string; ready: string; show?: string }[] = [
  { name: 'calls', path: () => '/subpackages/office/calls/index', ready: '.office-calls-total' },
  { name: 'accounts', path: () => '/subpackages/office/users/index', ready: '.users-total' },
  { name: 'audit', path: () => '/subpackages/office/audit/index', ready: '.audit-total' },
  { name: 'outbox', path: () => '/subpackages/office/outbox/index', ready: '.outbox-total' },
  { name: 'org-names', path: () => '/subpackages/office/organizations/index', ready: '.org-names-filters' },
]

describe('the workbench at a desk (1280 px)', () => {
  let page: Page

  test('the root size is capped and a side navigation lists the areas', async () => {
    page = await signedIn(DESKTOP)
    await visit(page, '/subpackages/office/calls/index', '.office-calls-table')
    // Taro would scale the root to 40 px at this width; the cap keeps text desktop-sized.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px')
    expect(await fontSize(page, '.office-title')).toBeLessThanOrEqual(22)
    expect(await fontSize(page, '.data-table-cell')).toBeLessThanOrEqual(14)
    const areas = await page.locator('.workbench-nav:visible .workbench-nav-item-title').allInnerTexts()
    expect(areas).toEqual(['征集通知', '组织名称审核', '组织核验', '专家库', '公示管理', '工作日历', '异议受理', '公众号图文', '名单公布', '入选组织', '往年名单导入', '移除管理', '交流活动', '参会义务', '账号管理', '审计日志', '发送记录', '返回「我的」'])
    expect(await page.locator('.workbench-nav-calls.workbench-nav-item--active:visible').count()).toBe(1)
    expect(await page.locator('.office-call-row:visible').count()).toBe(0)
    await screenshot(page, `workbench-calls-${DESKTOP}`)

    // A side-navigation hop opens the area in place.
    await click(page, '.workbench-nav-audit')
    await page.locator('.audit-table:visible').waitFor()
    expect(await page.locator('.workbench-nav-audit.workbench-nav-item--active:visible').count()).toBe(1)
  })

  test('the queue is a table: sortable headers, one filter bar, a pager, row selection for the batch', async () => {
    await visit(page, `/subpackages/office/applications/index?callId=${call.id}`, '.applications-filters')
    await narrowToRun(page)
    await page.locator('.applications-table:visible').waitFor()
    expect(await page.locator('.application-row:visible').count()).toBe(0)
    // 申报审查 appears under 征集通知 with the call's title.
    expect(await textOf(page, '.workbench-nav-applications .workbench-nav-item-detail')).toBe(call.title)

    expect(await textOf(page, '.applications-pager .data-table-pager-summary')).toBe(`共 ${COUNT} 条 · 第 1 / 2 页`)
    const first = await tableNames(page)
    expect(first).toHaveLength(20)

    // Sorting orders the page shown, both ways, and says so.
    const collator = new Intl.Collator('zh-CN', { numeric: true })
    await click(page, '.applications-th-organization')
    const ascending = await tableNames(page)
    expect(ascending).toEqual([...first].sort(collator.compare))
    expect(await textOf(page, '.applications-pager .data-table-pager-summary')).toContain('已按所选列排序本页')
    await click(page, '.applications-th-organization')
    expect(await tableNames(page)).toEqual([...first].sort(collator.compare).reverse())
    await screenshot(page, `workbench-applications-${DESKTOP}`)

    // The pager's second page holds the other two.
    await click(page, '.applications-pager .data-table-next')
    await page.locator('.applications-pager .data-table-page-2.data-table-page--current').waitFor()
    const second = await tableNames(page)
    expect(second).toHaveLength(COUNT - 20)
    expect(second.filter((name) => first.includes(name))).toEqual([])

    // The header box selects the page's rows; the batch bar counts them; the batch starts review.
    await click(page, '.applications-select-page')
    expect(await textOf(page, '.applications-batch-count')).toBe(`已选 ${COUNT - 20} 项`)
    expect(await page.locator('.applications-table-row.data-table-row--selected:visible').count()).toBe(COUNT - 20)
    await click(page, '.applications-batch-start')
    expect(await page.locator('.confirm-dialog:visible .list-confirm-item').count()).toBe(COUNT - 20)
    await confirmDialog(page)
    await page.locator('.applications-batch-result:visible').waitFor()
    expect(await textOf(page, '.applications-batch-result-title')).toBe(`批量处理结果：成功 ${COUNT - 20} 项，共 ${COUNT - 20} 项`)
    await page.waitForTimeout(2_200)
    await screenshot(page, `workbench-applications-batch-${DESKTOP}`)
  })

  test('资格审查 shows the material beside the conditions and the decision', async () => {
    await visit(page, `/subpackages/office/applications/review?id=${applicants[0]!.applicationId}`, '.review-decision')
    const material = await page.locator('.review-material:visible').boundingBox()
    const side = await page.locator('.review-side:visible').boundingBox()
    if (!material || !side) throw new Error('the review has no two columns')
    expect(side.x).toBeGreaterThanOrEqual(material.x + material.width)
    expect(Math.abs(side.y - material.y)).toBeLessThan(40)
    expect(await page.locator('.review-side:visible .review-decision').count()).toBe(1)
    expect(await page.locator('.review-material:visible .review-content-section').count()).toBe(1)
    await screenshot(page, `workbench-review-${DESKTOP}`)

    // The navigation's 申报审查 leads back to the call's queue.
    await click(page, '.workbench-nav-applications')
    await page.locator('.applications-table:visible, .applications-empty:visible').first().waitFor()
  })

  test('组织名称审核 decides in the row: 驳回 opens its reason in the table', async () => {
    await visit(page, '/subpackages/office/organizations/index', '.org-names-filters')
    const row = page.locator('.org-names-table-row:visible', { hasText: PENDING_NAME })
    await row.waitFor()
    await row.locator('.org-name-row-reject').click()
    await row.locator('.org-name-row-reason-field').waitFor()
    await row.locator('.org-name-row-reject-submit').click()
    expect(await row.locator('.org-name-row-reason-field .form-field-error').innerText()).toBe('驳回时请填写原因')
    await screenshot(page, `workbench-org-names-reject-${DESKTOP}`)
  })

  test.each(SCREENS)('$name is a table beside the navigation', async ({ name, path, ready, show }) => {
    await visit(page, path(), ready)
    if (show) await click(page, show)
    await page.locator('.workbench-nav:visible').waitFor()
    await page.locator('.data-table-body-row:visible').first().waitFor()
    expect(await page.locator('.office-row:visible').count()).toBe(0)
    await screenshot(page, `workbench-${name}-${DESKTOP}`)
  })
})

describe('the same workbench on a phone (375 px)', () => {
  let page: Page

  test('no side navigation, cards instead of tables, load more at the bottom', async () => {
    page = await signedIn(PHONE)
    await visit(page, `/subpackages/office/applications/index?callId=${call.id}`, '.applications-filters')
    await narrowToRun(page)
    await page.locator('.application-row:visible').first().waitFor()
    expect(await page.locator('.workbench-nav:visible').count()).toBe(0)
    expect(await page.locator('.data-table:visible').count()).toBe(0)
    expect(await page.locator('.application-row:visible').count()).toBe(20)
    await page.locator('.applications-load-more:visible').waitFor()
    await screenshot(page, `workbench-applications-${PHONE}`)
  })

  test('资格审查 keeps one column', async () => {
    await visit(page, `/subpackages/office/applications/review?id=${applicants[1]!.applicationId}`, '.review-decision')
    expect(await page.locator('.review-material:visible').count()).toBe(0)
    await screenshot(page, `workbench-review-${PHONE}`)
  })

  test.each(SCREENS)('$name keeps its cards', async ({ name, path, ready, show }) => {
    await visit(page, path(), ready)
    if (show) await click(page, show)
    await page.locator('.office-row:visible').first().waitFor()
    expect(await page.locator('.workbench-nav:visible').count()).toBe(0)
    expect(await page.locator('.data-table:visible').count()).toBe(0)
    await screenshot(page, `workbench-${name}-${PHONE}`)
  })
})
