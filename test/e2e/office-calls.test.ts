import type { Browser, Page } from 'playwright-core'
import { FREE_OF_CHARGE_STATEMENT, inShanghai } from '@zlbg/shared'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import path from 'node:path'
import { ARTIFACTS, click, confirmDialog, e2eBase, fill, launchBrowser, phonePage, screenshot, textOf, officePage } from '../support/browser'
import { seededDemoCalls } from '../support/demo'

/**
 * 征集通知管理 (第五条) in the H5 build against the real server: the office drafts a call, sees what
 * publishing still needs, is refused while something is missing, completes it with an open 组织申报
 * window and publishes it after confirming; the public finds it on 首页; a later edit needs a
 * 更正说明, which the public detail page shows; closing it ends the round. A second draft is deleted.
 */

const DATABASE_URI = process.env.ZLBG_E2E_DATABASE_URI
const RUN = Date.now().toString(36)
const TITLE = `关于开展质量标杆典型经验征集活动的通知（测试${RUN}）`
const DRAFT_TITLE = `待删除的征集通知草稿（测试${RUN}）`
const YEAR = inShanghai(new Date()).year() + 1
const CORRECTION = `申报截止时间延长至${YEAR}年1月31日`

let browser: Browser
let admin: Page
let visitor: Page
let db: Database | undefined

jest.setTimeout(90_000)

beforeAll(async () => {
  browser = await launchBrowser()
  if (DATABASE_URI) db = await connectDatabase(DATABASE_URI)
})
afterAll(async () => {
  // A published call stays public for good (it cannot be deleted through the API); the other e2e
  // files expect the seeded 首页, so this run's calls are removed from the shared test database.
  await db?.models.Call.deleteMany({ title: { $in: [TITLE, DRAFT_TITLE] } })
  await db?.close()
  await visitor?.context().close()
  await admin?.context().close()
  await browser?.close()
})

/** Lets a toast (2 s) fade before a screenshot, so it does not cover the page. */
async function afterToast(page: Page) {
  await page.waitForTimeout(2_200)
}

/** The whole editor, top to bottom: Taro scrolls inside the page, so the window is made as tall as it. */
async function fullScreenshot(page: Page, name: string) {
  const size = page.viewportSize()!
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.office-call-editor')).map((e) => e.scrollHeight)))
  await page.setViewportSize({ width: size.width, height: Math.min(height + 120, 12_000) })
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })
  await page.setViewportSize(size)
}

function isOfficeCalls(method: string, suffix = '') {
  return (r: { url(): string; request(): { method(): string } }) =>
    r.request().method() === method && new RegExp(`/api/office/calls${suffix}$`).test(r.url().split('?')[0]!)
}

function editor(page: Page) {
  return page.locator('.office-call-editor:visible')
}

describe('征集通知管理 (the office, 第五条)', () => {
  test('the list shows every call, drafts included, and filters by state', async () => {
    admin = await officePage(browser)
    expect(await textOf(admin, '.me-office-calls')).toContain('征集通知管理')
    await click(admin, '.me-office-calls')

    await admin.locator('.office-call-row:visible').first().waitFor()
    // The seed has a draft besides the published and closed calls; the public never sees it.
    expect(await admin.locator('.office-call-row--draft:visible').count()).toBeGreaterThan(0)
    const published = admin.locator('.office-call-row--published:visible', { hasText: seededDemoCalls().open.input.title }).first()
    expect(await published.locator('.office-call-row-state').innerText()).toBe('已发布')
    expect(await published.locator('.office-call-row-window-value').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(await published.locator('.office-call-row-count').innerText()).toMatch(/^已提交申报 \d+ 份$/)
    expect(await published.locator('.office-call-row-applications').count()).toBe(1)
    expect(await admin.locator('.office-call-row--draft:visible .office-call-row-applications').count()).toBe(0)
    await screenshot(admin, 'office-calls-list')

    await click(admin, '.office-calls-filter-state-draft')
    await admin.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll<HTMLElement>('.office-call-row')).filter((r) => r.offsetParent !== null)
      return rows.length > 0 && rows.every((r) => r.classList.contains('office-call-row--draft'))
    })
    await click(admin, '.office-calls-filter-state-all')
    await admin.locator('.office-call-row--published:visible').first().waitFor()
  })

  test('a new draft saves with a few fields and lists what publishing still needs; publishing is refused', async () => {
    await click(admin, '.office-calls-create')
    await editor(admin).waitFor()
    // 第三条 is shown with the call and cannot be edited.
    expect(await textOf(admin, '.office-call-free .free-notice-text')).toContain(FREE_OF_CHARGE_STATEMENT)
    expect(await admin.locator('.office-call-free:visible input, .office-call-free:visible textarea').count()).toBe(0)

    // Checked field by field with the shared schema before anything is sent.
    await fill(admin, '.office-call-year', String(YEAR))
    await fill(admin, '.office-call-title', '通知')
    await fill(admin, '.office-call-contact-email', 'not-an-email')
    let posted = false
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/api/office/calls')) posted = true
    }
    admin.on('request', onRequest)
    await click(admin, '.office-call-save')
    await admin.locator('.office-call-title:visible .form-field-error').waitFor()
    expect(await textOf(admin, '.office-call-contact-email .form-field-error')).toMatch(/[\u4e00-\u9fa5]/)
    // The department is required once any contact detail is given.
    expect(await textOf(admin, '.office-call-contact-department .form-field-error')).toMatch(/[\u4e00-\u9fa5]/)
    admin.off('request', onRequest)
    expect(posted).toBe(false)

    await fill(admin, '.office-call-title', TITLE)
    await fill(admin, '.office-call-contact-email', '')
    await fill(admin, '.office-call-body', '为总结推广质量管理的典型经验，发挥质量标杆的示范引领作用，现开展征集活动。')
    const [created] = await Promise.all([admin.waitForResponse(isOfficeCalls('POST')), click(admin, '.office-call-save')])
    expect(created.status()).toBe(201)
    const missing = admin.locator('.office-call-missing:visible')
    await missing.waitFor()
    const needs = (await missing.locator('.office-call-missing-item').allInnerTexts()).join('\n')
    for (const field of ['重点领域与方向', '申报范围', '活动安排', '联系方式']) expect(needs).toContain(field)
    expect(await textOf(admin, '.office-call-state')).toBe('草稿')

    // Publishing with fields missing: nothing to confirm, the list of what is missing instead.
    await click(admin, '.office-call-publish')
    const refused = admin.locator('.office-call-publish-errors:visible')
    await refused.waitFor()
    expect(await refused.locator('.office-call-publish-errors-item').count()).toBeGreaterThanOrEqual(4)
    expect(await admin.locator('.confirm-dialog:visible').count()).toBe(0)
    expect(await textOf(admin, '.office-call-sectors .form-field-error')).toMatch(/[\u4e00-\u9fa5]/)
    await afterToast(admin)
    await admin.locator('.call-editor-status').first().scrollIntoViewIfNeeded()
    await screenshot(admin, 'office-call-draft')
    await fullScreenshot(admin, 'office-call-draft-full')
  })

  test('completed with an open 组织申报 window, it is published after confirming and appears on 首页', async () => {
    await fill(admin, '.office-call-key-field-title', '数字化质量管理')
    await fill(admin, '.office-call-key-field-description', '运用数字技术提升质量管理水平的经验')
    await click(admin, '.office-call-sector-manufacturing')
    await click(admin, '.office-call-sector-services')
    // 组织申报 opens now (the picker starts at the current Beijing time) and closes next January.
    await click(admin, '.office-call-milestone--application .office-call-milestone-start-pick')
    await click(admin, '.nut-picker-confirm-btn')
    const start = await admin.locator('.office-call-milestone--application:visible .office-call-milestone-start input').inputValue()
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await fill(admin, '.office-call-milestone--application .office-call-milestone-end', `${YEAR}-01-15 17:00`)
    await click(admin, '.office-call-milestone-add-publicity')
    await fill(admin, '.office-call-milestone--publicity .office-call-milestone-start', `${YEAR}-06-01 09:00`)
    await fill(admin, '.office-call-contact-department', '质量标杆工作办公室')
    await fill(admin, '.office-call-contact-phone', '010-68880000')
    // The application form template, uploaded with the shared attachment picker.
    const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), click(admin, '.office-call-template-add')])
    const [uploaded] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/api/attachments') && r.request().method() === 'POST'),
      chooser.setFiles({ name: '申报书模板.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') }),
    ])
    expect(uploaded.status()).toBe(201)
    await admin.locator('.office-call-template-item:visible').waitFor()
    expect(await textOf(admin, '.office-call-template-name')).toBe('申报书模板.pdf')
    expect(await textOf(admin, '.office-call-unsaved')).toBe('有未保存的修改')

    // 发布 saves the edits first, then asks: publication is public and cannot be undone.
    const saved = admin.waitForResponse(isOfficeCalls('PUT', '/[0-9a-f]{24}'))
    await click(admin, '.office-call-publish')
    expect((await saved).status()).toBe(200)
    const dialog = admin.locator('.confirm-dialog:visible')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('不能撤回')
    await admin.locator('.office-call-ready:visible').waitFor()
    const [publish] = await Promise.all([admin.waitForResponse(isOfficeCalls('POST', '/[0-9a-f]{24}/publish')), confirmDialog(admin)])
    expect(publish.status()).toBe(200)
    await admin.locator('.office-call-state.call-state--published:visible').waitFor()
    expect(await admin.locator('.office-call-publish:visible').count()).toBe(0)
    expect(await admin.locator('.office-call-delete:visible').count()).toBe(0)
    expect(await textOf(admin, '.office-call-save')).toBe('保存更正')
    await afterToast(admin)
    await screenshot(admin, 'office-call-published')
    await fullScreenshot(admin, 'office-call-published-full')

    visitor = await phonePage(browser)
    await visitor.goto(`${e2eBase()}/#/pages/index/index`)
    const card = visitor.locator('.call-card:visible', { hasText: TITLE })
    await card.waitFor()
    expect(await card.locator('.call-card-window-value').innerText()).toContain(`${YEAR}年1月15日 17:00`)
    await card.click()
    await visitor.locator('.call-detail-title:visible').waitFor()
    expect(await textOf(visitor, '.call-detail-title')).toBe(TITLE)
    expect(await visitor.locator('.call-detail-sector:visible').allInnerTexts()).toEqual(['制造', '服务'])
    expect(await textOf(visitor, '.free-notice-text')).toContain(FREE_OF_CHARGE_STATEMENT)
    expect(await textOf(visitor, '.call-detail-templates')).toContain('申报书模板')
  })

  test('an edit after publication needs a 更正说明, shown on the public detail page', async () => {
    await fill(admin, '.office-call-milestone--application .office-call-milestone-end', `${YEAR}-01-31 17:00`)
    await click(admin, '.office-call-save')
    const dialog = admin.locator('.office-call-correction-dialog:visible')
    await dialog.waitFor()
    // Too short a summary is refused in the dialog, which stays open.
    await dialog.locator('textarea').fill('改')
    await dialog.locator('.nut-dialog-footer-ok').click()
    expect(await dialog.locator('.form-field-error').innerText()).toBe('请用至少 4 个字说明更正内容')
    await dialog.locator('textarea').fill(CORRECTION)
    const [corrected] = await Promise.all([
      admin.waitForResponse(isOfficeCalls('PUT', '/[0-9a-f]{24}')),
      dialog.locator('.nut-dialog-footer-ok').click(),
    ])
    expect(corrected.status()).toBe(200)
    expect(((await corrected.request().postDataJSON()) as { correctionSummary?: string }).correctionSummary).toBe(CORRECTION)
    const item = admin.locator('.office-call-correction-item:visible').first()
    await item.waitFor()
    expect(await item.locator('.office-call-correction-summary').innerText()).toBe(CORRECTION)
    expect(await item.locator('.office-call-correction-at').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)

    await visitor.reload()
    await visitor.locator('.call-detail-title:visible').waitFor()
    const detail = await textOf(visitor, '.call-detail')
    expect(detail).toContain(CORRECTION)
    expect(detail).toContain(`${YEAR}年1月31日 17:00`)
    await screenshot(visitor, 'office-call-public-correction')
  })

  test('结束征集 after confirming: the call is read-only and shows as ended', async () => {
    await click(admin, '.office-call-close')
    const [closed] = await Promise.all([admin.waitForResponse(isOfficeCalls('POST', '/[0-9a-f]{24}/close')), confirmDialog(admin)])
    expect(closed.status()).toBe(200)
    await admin.locator('.office-call-state.call-state--closed:visible').waitFor()
    expect(await admin.locator('.office-call-save:visible').count()).toBe(0)
    expect(await admin.locator('.office-call-title:visible textarea').isDisabled()).toBe(true)

    await visitor.reload()
    await visitor.locator('.call-detail-closed:visible').waitFor()

    await admin.goto(`${e2eBase()}/#/subpackages/office/calls/index`)
    await admin.reload()
    await click(admin, '.office-calls-filter-state-closed')
    const row = admin.locator('.office-call-row--closed:visible', { hasText: TITLE })
    await row.waitFor()
    expect(await row.locator('.office-call-row-state').innerText()).toBe('已结束')
    expect(await row.locator('.office-call-row-applications').count()).toBe(1)
  })

  test('a draft can be deleted after confirming; it leaves the list', async () => {
    await click(admin, '.office-calls-filter-state-all')
    await click(admin, '.office-calls-create')
    await editor(admin).waitFor()
    await fill(admin, '.office-call-title', DRAFT_TITLE)
    const [created] = await Promise.all([admin.waitForResponse(isOfficeCalls('POST')), click(admin, '.office-call-save')])
    expect(created.status()).toBe(201)
    await click(admin, '.office-call-delete')
    expect(await textOf(admin, '.confirm-dialog')).toContain(DRAFT_TITLE)
    const [deleted] = await Promise.all([admin.waitForResponse(isOfficeCalls('DELETE', '/[0-9a-f]{24}')), confirmDialog(admin)])
    expect(deleted.status()).toBe(204)
    // Back on the list, which reloads as it shows again.
    await admin.locator('.office-call-list:visible').waitFor()
    await admin.locator('.office-call-row:visible').first().waitFor()
    await admin.waitForFunction(
      (title) => !Array.from(document.querySelectorAll<HTMLElement>('.office-call-row')).some((r) => r.offsetParent !== null && r.innerText.includes(title as string)),
      DRAFT_TITLE,
    )
  })
})
