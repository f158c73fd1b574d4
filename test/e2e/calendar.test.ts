import type { Browser, Page } from 'playwright-core'
import { call as callApi } from '../support/api'
import { click, confirmDialog, desktopPage, e2eAdmin, e2eBase, fill, launchBrowser, officePage, phonePage, screenshot, textOf } from '../support/browser'

/**
 * 工作日历 (第十八条) in the H5 workbench: the office previews a publicity window over 国庆 2025 (the
 * 调休 Sunday counts, 1–8 October do not), sees a holiday start refused with the next working day, and
 * confirms 2025 again from the library's list after a wrong make-up day is refused line by line.
 * Fixed dates are in 2025, a year the library carries, so the walk is the same on any day.
 */
let browser: Browser
let page: Page

jest.setTimeout(120_000)

beforeAll(async () => {
  browser = await launchBrowser()
  page = await officePage(browser, (b) => desktopPage(b, 1280))
})
afterAll(async () => {
  await page?.context().close()
  await browser?.close()
})

async function open(p: Page, start: string) {
  await p.goto(`${e2eBase()}/#/subpackages/office/calendar/index?start=${start}`)
  await p.reload()
  await p.locator('.calendar-year-row:visible').first().waitFor()
}

test('第十八条 the preview counts the 调休 Sunday and skips 国庆; a holiday start is refused with the next working day', async () => {
  await open(page, '2025-09-26')
  await click(page, '.calendar-preview-compute')
  await expect(textOf(page, '.calendar-preview-window')).resolves.toBe('公示期：2025年9月26日（周五） 至 2025年10月9日（周四）')
  await expect(textOf(page, '.calendar-preview-closes')).resolves.toContain('2025年10月9日 23:59:59')
  await expect(page.locator('.calendar-preview-working-day:visible').allInnerTexts()).resolves.toEqual([
    '1. 2025年9月26日（周五）',
    '2. 2025年9月28日（周日）',
    '3. 2025年9月29日（周一）',
    '4. 2025年9月30日（周二）',
    '5. 2025年10月9日（周四）',
  ])
  await screenshot(page, 'calendar-1280')

  await open(page, '2025-10-01')
  await click(page, '.calendar-preview-compute')
  await expect(textOf(page, '.calendar-preview-refusal')).resolves.toContain('下一个工作日是2025年10月9日')
})

test('the office confirms 2025 again: a weekday make-up day is refused by its line, then the year shows who confirmed it', async () => {
  await open(page, '2025-09-26')
  if (!(await page.locator('.calendar-year-row:visible', { hasText: '2025 年' }).count())) await click(page, '.calendar-older')
  await click(page, '.calendar-year-row:has-text("2025 年")')
  await expect(textOf(page, '.calendar-year-title')).resolves.toBe('2025 年')
  await expect(textOf(page, '.calendar-workdays')).resolves.toContain('10月11日')
  await expect(textOf(page, '.calendar-holidays')).resolves.toMatch(/春节\s*1月28日–2月4日（8 天）/)
  await screenshot(page, 'calendar-year-1280')
  await click(page, '.calendar-year-edit')
  const original = await page.locator('.calendar-editor-workdays:visible textarea').inputValue()
  expect(original).toContain('2025-10-11 国庆节')
  await fill(page, '.calendar-editor-workdays', `${original}\n2025-10-13 国庆节`)
  await fill(page, '.calendar-editor-basis', 'e2e：国务院办公厅关于2025年部分节假日安排的通知（复核）')
  await click(page, '.calendar-editor-save')
  await expect(textOf(page, '.calendar-editor-workdays .form-field-error')).resolves.toMatch(/^第 6 行：.*调休上班日应为周六或周日/)
  await screenshot(page, 'calendar-editor-1280')

  await fill(page, '.calendar-editor-workdays', original)
  await click(page, '.calendar-editor-save')
  await confirmDialog(page)
  await page.locator('.calendar-year--office:visible').waitFor()
  await expect(textOf(page, '.calendar-year-confirmed')).resolves.toMatch(/^.+ 于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 确认$/)
  await expect(page.locator('.calendar-year-row--office:visible', { hasText: '2025 年' }).count()).resolves.toBe(1)

  // The server has it: the office's year, the same days as the library's.
  const { login, password } = e2eAdmin()
  const token = (await callApi({ base: e2eBase() }, 'POST', '/api/auth/password', { body: { login, password } })).body.token
  const year = (await callApi({ base: e2eBase() }, 'GET', '/api/office/calendar/2025', { token })).body
  expect(year).toMatchObject({ source: 'office', confirmation: { basis: expect.stringContaining('e2e') } })
  expect(year.workdays).toEqual(year.library.workdays)
})

test('320 px: the same page on a narrow phone', async () => {
  const phone = await officePage(browser, async (b) => {
    const p = await phonePage(b)
    await p.setViewportSize({ width: 320, height: 720 })
    return p
  })
  try {
    await open(phone, '2025-09-26')
    await click(phone, '.calendar-preview-compute')
    await phone.locator('.calendar-preview-window:visible').waitFor()
    await screenshot(phone, 'calendar-320')
    await phone.locator('.calendar-year:visible').scrollIntoViewIfNeeded()
    await screenshot(phone, 'calendar-320-year')
  } finally {
    await phone.context().close()
  }
})
