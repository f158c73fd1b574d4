import type { Browser, Page } from 'playwright-core'
import { FREE_OF_CHARGE_STATEMENT, formatDateTime } from '@zlbg/shared'
import { e2eBase, launchBrowser, phonePage, screenshot } from '../support/browser'
import { seededDemoCalls } from '../support/demo'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser.close())
beforeEach(async () => {
  page = await phonePage(browser)
})
afterEach(() => page.context().close())

/**
 * The list loads a page at a time: tap 加载更多 until it says it has ended. Other walks publish calls
 * of their own in the same database (dozens in a full run), so each tap waits for its page.
 */
async function scrollToListEnd(page: Page) {
  const more = page.locator('.call-list-load-more:visible')
  for (let i = 0; i < 200 && (await page.locator('.call-list-end:visible').count()) === 0; i++) {
    const before = await page.locator('.call-card:visible').count()
    // Scrolling the button into view can itself fetch the next page (reach-bottom) and re-render the
    // list under the pointer, so a missed tap is retried by the loop rather than awaited.
    if ((await more.count()) > 0) await more.first().click({ timeout: 3_000 }).catch(() => undefined)
    await page
      .waitForFunction(
        (n) => document.querySelector('.call-list-end') !== null || document.querySelectorAll('.call-card').length > n,
        before,
        { timeout: 5_000 },
      )
      .catch(() => undefined)
  }
}

jest.setTimeout(120_000)

describe('the public browses calls in the H5 build', () => {
  test('首页 lists the published calls, newest first, and never the draft', async () => {
    await page.goto(`${e2eBase()}/`)
    const cards = page.locator('.call-card:visible')
    await cards.first().waitFor()
    // Other e2e files publish calls of their own in the same database, before or after this one runs:
    // scroll to the list's end, then the seeded calls must be there, newest first, and the draft never.
    await scrollToListEnd(page)
    const titles = await page.locator('.call-card-title:visible').allInnerTexts()
    const { open, closed, draft } = seededDemoCalls()
    expect(titles.filter((t) => t === open.input.title || t === closed.input.title)).toEqual([open.input.title, closed.input.title])
    expect(titles.join()).not.toMatch(new RegExp(`${draft.input.year}年质量标杆|草稿`))
    await expect(page.locator('.call-list-end:visible').count()).resolves.toBe(1)
    await screenshot(page, 'home-calls')
  })

  test('opening a call shows its key fields, sectors, schedule and the free-of-charge notice (第三条)', async () => {
    await page.goto(`${e2eBase()}/`)
    await page.locator('.call-card:visible').first().waitFor()
    await scrollToListEnd(page)
    const { open, openWindow } = seededDemoCalls()
    await page.locator('.call-card:visible', { has: page.locator('.call-card-title', { hasText: new RegExp(`^${open.input.title}$`) }) }).first().click()
    await page.locator('.call-detail-title:visible').waitFor()
    expect(await page.locator('.call-detail-title:visible').innerText()).toBe(open.input.title)
    expect(await page.locator('.free-notice-text:visible').innerText()).toContain(FREE_OF_CHARGE_STATEMENT)
    expect(await page.locator('.call-detail-key-field:visible').count()).toBe(4)
    expect(await page.locator('.call-detail-sector:visible').allInnerTexts()).toEqual(['制造', '建筑', '服务'])
    const milestones = await page.locator('.call-detail-milestone:visible').allInnerTexts()
    expect(milestones.join('\n')).toContain(formatDateTime(openWindow.closesAt))
    expect(await page.locator('.call-detail-contact:visible').innerText()).toContain('质量标杆工作办公室')
    await screenshot(page, 'call-detail')
  })

  test('an unknown call shows a clear message and a way back', async () => {
    await page.goto(`${e2eBase()}/#/pages/call/detail?id=0123456789abcdef01234567`)
    await page.locator('.call-detail-not-found:visible').waitFor()
    expect(await page.locator('.call-detail-not-found:visible').innerText()).toContain('征集通知不存在')
    await page.locator('.call-detail-back:visible').click()
    await page.locator('.call-card:visible').first().waitFor()
  })

  test('each tab opens its own list (or its empty state)', async () => {
    await page.goto(`${e2eBase()}/`)
    await page.locator('.call-card:visible').first().waitFor()
    const tabs = page.locator('.weui-tabbar__item')
    expect(await tabs.allInnerTexts()).toEqual(['首页', '公示', '名单', '活动', '我的'])
    // 名单 is built (test/e2e/listed.test.ts): its entries, or its empty state.
    await tabs.nth(2).click()
    await page.locator('.listing-card:visible, .listing-list-empty:visible').first().waitFor()
    // 公示 is built (test/e2e/publicity.test.ts): its lists, or its empty state.
    await tabs.nth(1).click()
    await page.locator('.publicity-card:visible, .publicity-list-empty:visible').first().waitFor()
    // 活动 is built (test/e2e/events.test.ts): its events, or its empty state.
    await tabs.nth(3).click()
    await page.locator('.event-card:visible, .events-list-empty:visible').first().waitFor()
  })
})
