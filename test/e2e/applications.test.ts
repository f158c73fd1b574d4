import type { Browser, Page, Response } from 'playwright-core'
import { RETENTION_TABLE, formatDateTime, inShanghai } from '@zlbg/shared'
import { call } from '../support/api'
import { click, confirmDialog, e2eAdmin, e2eBase, fill, launchBrowser, phonePage, screenshot, textOf } from '../support/browser'
import { seededDemoCalls } from '../support/demo'
import { creditCode, validProfile } from '../support/factories'

/**
 * The applicant's journey (issue #6) and the supplement round trip (issue #7, 第十五条) in the H5
 * build against the real server: a new WeChat user creates an organization, fills its profile (a
 * wrong credit code is refused under the field), starts an application from the seeded open call, fills it
 * over two sittings, uploads a PDF, submits and gets a receipt; the office requests a supplement of
 * the summary through the API; the applicant edits only that and resubmits.
 */

const RUN = Date.now().toString(36)
const ORG_NAME = `申报测试${RUN}有限公司`
/** A valid 统一社会信用代码 unique to this run, and the same with a wrong check character. */
const CREDIT_CODE = creditCode()
const WRONG_CODE = `${CREDIT_CODE.slice(0, 17)}${CREDIT_CODE.endsWith('0') ? '1' : '0'}`
/** A certificate valid today (第八条(三)), dated around today as the factories date it. */
const CERTIFICATE = validProfile().iso9001
const TITLE = '以数字化质量管理推动全过程质量提升'
const SUMMARY = '本组织自2019年起系统推行数字化质量管理，将质量数据贯通设计、采购、制造与服务各环节，实现质量问题的实时发现与闭环处理，产品一次交验合格率显著提升。'
const SUPPLEMENTED = `${SUMMARY}补充：近三年质量损失率由1.8%降至0.6%，顾客满意度提升至92分。`
const NARRATIVE = (label: string) =>
  `${label}：本组织围绕质量管理的基本规律，结合自身生产经营实际，系统运用卓越绩效模式与数字化质量管理方法，建立覆盖全员、全过程、全价值链的质量管理体系，形成了可复制、可推广的典型经验，并在行业内开展了多次交流分享，取得了良好的示范效果和经济社会效益。`
const MESSAGE = '请在摘要中补充近三年的量化成效'

let browser: Browser
let page: Page
let applicationId = ''

jest.setTimeout(120_000)

beforeAll(async () => {
  browser = await launchBrowser()
  page = await phonePage(browser)
})
afterAll(async () => {
  await page?.context().close()
  await browser?.close()
})

function answer(method: string, pattern: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && pattern.test(new URL(r.url()).pathname))
}

async function inputValue(selector: string): Promise<string> {
  return page.locator(`${selector}:visible`).locator('input, textarea').first().inputValue()
}

/** Waits until autosave has sent everything typed (「已保存 HH:mm」). */
async function saved() {
  await page.locator('.stepper-save-status--saved:visible').waitFor({ timeout: 15_000 })
}

/** Calls the server as the office would, for a step this test does not take in the browser. */
async function officeApi(path: string, body: unknown, token?: string) {
  const reply = await call({ base: e2eBase() }, 'POST', path, { body, ...(token ? { token } : {}) })
  if (reply.status >= 300) throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body as Record<string, unknown>
}

describe('申报 in the mini-program (H5 build)', () => {
  test('a new WeChat user creates an organization and fills its profile; a wrong credit code is refused under the field', async () => {
    await page.goto(`${e2eBase()}/#/pages/me/index`)
    await fill(page, '.me-dev-code', `applicant${RUN}.1`)
    await click(page, '.me-dev-login-submit')
    await page.locator('.me-signed-in:visible').waitFor()
    await click(page, '.me-org-create')
    await fill(page, '.me-org-create-form-input', ORG_NAME)
    await click(page, '.me-org-create-form-submit')
    await page.locator('.me-org:visible', { hasText: ORG_NAME }).waitFor()

    await click(page, '.me-org-profile')
    await page.locator('.profile-form:visible').waitFor()
    expect(await textOf(page, '.profile-name')).toBe(ORG_NAME)

    await fill(page, '.profile-credit-code', WRONG_CODE)
    await page.locator('.profile-province-value:visible').click()
    await click(page, '.profile-province-350000')
    await fill(page, '.profile-city', '福州市')
    await click(page, '.profile-sector-manufacturing')
    await fill(page, '.profile-industry', '汽车零部件制造')
    await click(page, '.profile-legal-person-yes')
    // 第八条(二): the last three complete years are offered.
    const [y1, y2, y3] = [1, 2, 3].map((n) => inShanghai(new Date()).year() - n)
    await fill(page, `.profile-profit-${y1}-value`, '1250.5')
    await fill(page, `.profile-profit-${y2}-value`, '980')
    await fill(page, `.profile-profit-${y3}-value`, '760')
    await click(page, '.profile-no-violations-yes')
    await fill(page, '.profile-iso-certificateNumber', '00124Q31234R2M')
    await fill(page, '.profile-iso-certificationBody', '中国质量认证中心')
    await fill(page, '.profile-iso-issuedOn', CERTIFICATE.issuedOn)
    await fill(page, '.profile-iso-expiresOn', CERTIFICATE.expiresOn)
    await click(page, '.profile-sharing-yes')
    await fill(page, '.profile-contact-0-name', '王质量')
    await fill(page, '.profile-contact-0-phone', '0591-87654321')
    // 个人信息保护法 第十七条: where contacts are entered, how long they are kept (the retention table).
    const retentionNotice = page.locator('.profile-contacts:visible .org-card-hint')
    expect(await retentionNotice.innerText()).toBe(RETENTION_TABLE.profileContacts.notice)
    const viewport = page.viewportSize()!
    await page.setViewportSize({ width: 320, height: viewport.height })
    await retentionNotice.scrollIntoViewIfNeeded()
    await screenshot(page, 'profile-contacts-retention-320')
    await page.setViewportSize(viewport)

    await click(page, '.profile-submit')
    const codeError = page.locator('.profile-credit-code:visible .form-field-error')
    await codeError.waitFor()
    expect(await codeError.innerText()).toBe('统一社会信用代码校验位不正确，请核对')
    // The page scrolls to the first field marked red.
    await page.waitForTimeout(600)
    const box = await codeError.boundingBox()
    expect(box && box.y > 0 && box.y < 844).toBe(true)
    await screenshot(page, 'profile-credit-code-error')

    await fill(page, '.profile-credit-code', CREDIT_CODE)
    const [savedProfile] = await Promise.all([answer('PUT', /\/api\/organizations\/[0-9a-f]{24}\/profile$/), click(page, '.profile-submit')])
    expect(savedProfile.status()).toBe(200)
    await page.locator('.profile-updated:visible').waitFor()
    expect(await page.locator('.profile-form:visible .form-field-error').count()).toBe(0)
    await screenshot(page, 'profile-saved')
  })

  test('我要申报 from the seeded open call, steps 1–2 filled, then a second sitting finds everything there', async () => {
    const calls = (await (await fetch(`${e2eBase()}/api/calls`)).json()) as { items: { id: string; title: string }[] }
    const call = calls.items.find((c) => c.title === seededDemoCalls().open.input.title)!
    await page.goto(`${e2eBase()}/#/pages/call/detail?id=${call.id}`)
    await page.locator('.call-detail-apply:visible').waitFor()
    expect(await textOf(page, '.call-detail-apply-as')).toBe(ORG_NAME)
    await page.locator('.call-detail-apply-section:visible').scrollIntoViewIfNeeded()
    await screenshot(page, 'call-detail-apply')

    const [created] = await Promise.all([answer('POST', /^\/api\/applications$/), click(page, '.call-detail-apply')])
    expect(created.status()).toBe(201)
    applicationId = ((await created.json()) as { id: string }).id
    await page.locator('.application-editor:visible').waitFor()

    // 基本信息
    await fill(page, '.application-title', TITLE)
    await fill(page, '.application-summary', SUMMARY)
    await click(page, '.application-method-0')
    await click(page, '.application-method-12')
    await saved()
    await screenshot(page, 'application-step-basics')
    await click(page, '.application-next')

    // 征集标准: the six criteria of 第六条
    await page.locator('.application-criterion-scientific:visible').waitFor()
    for (const [criterion, label] of [
      ['scientific', '科学性'],
      ['innovative', '创新性'],
      ['systematic', '系统性'],
      ['exemplary', '示范性'],
      ['effective', '显效性'],
      ['developmental', '发展性'],
    ]) {
      await fill(page, `.application-criterion-${criterion}`, NARRATIVE(label!))
    }
    await saved()
    await screenshot(page, 'application-step-criteria')

    // The second sitting: the page is opened again from scratch.
    await page.reload()
    await page.locator('.application-editor:visible').waitFor()
    expect(await inputValue('.application-title')).toBe(TITLE)
    expect(await inputValue('.application-summary')).toBe(SUMMARY)
    expect(await page.locator('.application-method-0.chip--on:visible').count()).toBe(1)
    expect(await page.locator('.application-method-12.chip--on:visible').count()).toBe(1)
    await click(page, '.stepper-step-criteria')
    expect(await inputValue('.application-criterion-developmental')).toBe(NARRATIVE('发展性'))
  })

  test('the remaining steps, a PDF attached, submitted with a receipt; 我的申报 shows 已提交', async () => {
    // 对比数据 (显效性)
    await click(page, '.stepper-step-comparison')
    await click(page, '.comparison-add')
    const row = page.locator('.comparison-row-0:visible')
    await row.locator('.comparison-indicator input').fill('产品一次交验合格率')
    await row.locator('.comparison-unit input').fill('%')
    const years = await row.locator('.comparison-year').count()
    expect(years).toBe(3)
    // The three years before the call's year (第六条 显效性).
    const { open, openWindow } = seededDemoCalls()
    const [y3, y2, y1] = [3, 2, 1].map((back) => open.input.year - back)
    await row.locator(`.comparison-own-${y3} input`).fill('97.2')
    await row.locator(`.comparison-own-${y2} input`).fill('98.1')
    await row.locator(`.comparison-own-${y1} input`).fill('99.3')
    await row.locator('.comparison-competitor-name input').fill('同行业主要竞争对手')
    await row.locator('.comparison-competitor-value input').fill('97.5')
    await row.locator('.comparison-benchmark-name input').fill('行业标杆企业')
    await row.locator('.comparison-benchmark-value input').fill('99.0')
    await row.locator('.comparison-source input').fill('企业质量统计年报')
    await saved()
    await screenshot(page, 'application-step-comparison')

    // 应用情况 (第八条(四)): "下一步" checks the step first.
    await click(page, '.application-next')
    await click(page, '.application-next')
    const sinceError = page.locator('.application-practice-since:visible .form-field-error')
    await sinceError.waitFor()
    await fill(page, '.application-practice-since', '2019-06')
    await fill(page, '.application-practice-scope', '在全部三个生产基地的设计、制造与售后服务环节应用')
    await saved()
    await click(page, '.application-next')

    // 附件
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, '.application-attachments-add')])
    const [uploaded] = await Promise.all([
      answer('POST', /^\/api\/attachments$/),
      chooser.setFiles({ name: '申报书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') }),
    ])
    expect(uploaded.status()).toBe(201)
    const item = page.locator('.application-attachments-item:visible')
    await item.waitFor()
    expect(await item.locator('.application-attachments-name').innerText()).toBe('申报书.pdf')
    expect(await item.locator('.application-attachments-title input').inputValue()).toBe('申报书')
    await saved()
    await screenshot(page, 'application-step-attachments')

    // 确认提交
    await click(page, '.application-next')
    await page.locator('.edit-review:visible').waitFor()
    expect(await page.locator('.review-step--invalid:visible').count()).toBe(0)
    // The step whose error was fixed is no longer marked.
    expect(await page.locator('.stepper-step--invalid:visible').count()).toBe(0)
    expect(await textOf(page, '.application-closes')).toContain(formatDateTime(openWindow.closesAt))
    await screenshot(page, 'application-review')
    await click(page, '.application-submit')
    const [submitted] = await Promise.all([answer('POST', /\/submit$/), confirmDialog(page)])
    expect(submitted.status()).toBe(200)
    const receipt = await textOf(page, '.application-receipt-number')
    expect(receipt).toMatch(new RegExp(`^ZLBG-${open.input.year}-\\d{6}$`))
    await screenshot(page, 'application-receipt')

    await click(page, '.application-receipt-detail')
    await page.locator('.application-detail:visible').waitFor()
    expect(await textOf(page, '.application-detail-stage')).toBe('已提交')
    expect(await textOf(page, '.application-detail-receipt')).toContain(receipt)
    expect(await page.locator('.application-withdraw:visible').count()).toBe(1)
    await screenshot(page, 'application-detail-submitted')

    await page.goto(`${e2eBase()}/#/subpackages/org/applications/index`)
    const listed = page.locator('.my-application-row:visible', { hasText: TITLE })
    await listed.waitFor()
    expect(await listed.locator('.my-application-row-stage').innerText()).toBe('已提交')
    expect(await listed.locator('.my-application-row-receipt').innerText()).toContain(receipt)
    await screenshot(page, 'applications-list')
  })

  test('补正 (第十五条): the office asks for the summary; only it is editable; 提交补正 returns it to 资格审查中', async () => {
    const session = await officeApi('/api/auth/password', e2eAdmin())
    const token = session.token as string
    await officeApi(`/api/office/applications/${applicationId}/qualification/start`, {}, token)
    const deadline = inShanghai(new Date()).add(5, 'day').format('YYYY-MM-DD')
    await officeApi(
      `/api/office/applications/${applicationId}/qualification/decision`,
      { decision: 'requestSupplement', sections: ['summary'], message: MESSAGE, deadline },
      token,
    )

    await page.goto(`${e2eBase()}/#/subpackages/org/applications/detail?id=${applicationId}`)
    await page.reload()
    await page.locator('.application-detail:visible').waitFor()
    expect(await textOf(page, '.application-detail-stage')).toBe('待补正材料')
    expect(await textOf(page, '.application-supplement-message')).toBe(MESSAGE)
    expect(await textOf(page, '.application-supplement-sections')).toContain('经验摘要')
    expect(await textOf(page, '.application-supplement-deadline')).toContain(inShanghai(`${deadline}T12:00:00+08:00`).format('YYYY年M月D日'))
    expect(await page.locator('.application-withdraw:visible').count()).toBe(0)
    await screenshot(page, 'application-supplement-requested')

    await click(page, '.application-supplement-edit')
    await page.locator('.application-editor:visible .edit-supplement').waitFor()
    // Only the requested section can change.
    expect(await page.locator('.application-title:visible input').isDisabled()).toBe(true)
    expect(await page.locator('.application-summary:visible textarea').isDisabled()).toBe(false)
    await fill(page, '.application-summary', SUPPLEMENTED)
    await saved()
    await screenshot(page, 'application-supplement-edit')
    await click(page, '.stepper-step-review')
    expect(await textOf(page, '.application-submit')).toBe('提交补正')
    await click(page, '.application-submit')
    const [resubmitted] = await Promise.all([answer('POST', /\/resubmit$/), confirmDialog(page)])
    expect(resubmitted.status()).toBe(200)
    await page.locator('.application-detail:visible').waitFor()
    await page.locator('.application-detail-stage:visible', { hasText: '资格审查中' }).waitFor({ timeout: 10_000 })
    await screenshot(page, 'application-supplement-resubmitted')
  })
})
