import type { Browser, Page } from 'playwright-core'
import { e2eBase, launchBrowser, phonePage, screenshot, fill, click, confirmDialog, officePage } from '../support/browser'

/**
 * Organization names and WeChat's content check, in the H5 build against the real server and the
 * WeChat stand-in (its msgSecCheck calls text with 违禁测试词 risky and 待人工审核测试词 "review"):
 * a risky name is refused under the field; an undecided one waits for the office, which rejects it
 * with a reason on 组织名称审核; the member sees why, renames it to a clean name, and it passes.
 */

const RUN = Date.now().toString(36)
const RISKY_NAME = `违禁测试词${RUN}有限公司`
const PENDING_NAME = `待人工审核测试词${RUN}有限公司`
const CLEAN_NAME = `质量标杆${RUN}有限公司`
const REASON = '名称与营业执照不一致'

let browser: Browser
let member: Page
let admin: Page

jest.setTimeout(60_000)

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await member?.context().close()
  await admin?.context().close()
  await browser?.close()
})

/** Lets a toast (2 s) fade before a screenshot, so it does not cover the row. */
async function afterToast(page: Page) {
  await page.waitForTimeout(2_200)
}

function memberRow(name: string) {
  return member.locator('.me-org:visible', { has: member.locator('.me-org-name', { hasText: name }) })
}

describe('组织名称 (a WeChat user and the office)', () => {
  test('a risky name is refused under the field; an undecided one shows 待办公室审核', async () => {
    member = await phonePage(browser)
    await member.goto(`${e2eBase()}/#/pages/me/index`)
    await fill(member, '.me-dev-code', `orgname${RUN}.1`)
    await click(member, '.me-dev-login-submit')
    await member.locator('.me-signed-in:visible').waitFor()

    await click(member, '.me-org-create')
    await fill(member, '.me-org-create-form-input', RISKY_NAME)
    const [refused] = await Promise.all([
      member.waitForResponse((r) => r.url().endsWith('/api/organizations') && r.request().method() === 'POST'),
      click(member, '.me-org-create-form-submit'),
    ])
    expect(refused.status()).toBe(422)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('CONTENT_RISKY')
    const error = member.locator('.me-org-create-form-input:visible .form-field-error')
    await error.waitFor()
    expect(await error.innerText()).toMatch(/[\u4e00-\u9fa5]/)
    expect(await member.locator('.me-org:visible').count()).toBe(0)
    await screenshot(member, 'org-name-risky')

    await fill(member, '.me-org-create-form-input', PENDING_NAME)
    await click(member, '.me-org-create-form-submit')
    const row = memberRow(PENDING_NAME)
    await row.waitFor()
    expect(await row.locator('.me-org-review').innerText()).toBe('待办公室审核')
    expect(await row.locator('.me-org-review--pending').count()).toBe(1)
    await afterToast(member)
    await screenshot(member, 'org-name-pending')
  })

  test('the office rejects the pending name with a reason on 组织名称审核', async () => {
    admin = await officePage(browser)
    await click(admin, '.me-office-org-names')
    await admin.locator('.org-names-filter-review:visible').waitFor()
    // 待审核 is the default filter.
    expect(await admin.locator('.org-names-filter-review-pending:visible .nut-radio-button-active').count()).toBe(1)

    const row = admin.locator('.org-name-row:visible', { hasText: PENDING_NAME })
    await row.waitFor()
    expect(await row.locator('.org-name-row-status').innerText()).toBe('待审核')
    await screenshot(admin, 'org-names-pending')

    // Rejecting asks for a reason first.
    await row.locator('.org-name-row-reject').click()
    await row.locator('.org-name-row-reject-submit').click()
    await row.locator('.org-name-row-reason-field .form-field-error').waitFor()
    expect(await row.locator('.org-name-row-reason-field .form-field-error').innerText()).toBe('驳回时请填写原因')

    await row.locator('.org-name-row-reason-field textarea').fill(REASON)
    await row.locator('.org-name-row-reject-submit').click()
    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().includes('/name-review')),
      confirmDialog(admin),
    ])
    expect(answer.status()).toBe(200)
    const rejected = admin.locator('.org-name-row--rejected:visible', { hasText: PENDING_NAME })
    await rejected.waitFor()
    expect(await rejected.locator('.org-name-row-status').innerText()).toBe('未通过')
    expect(await rejected.locator('.org-name-row-reason').innerText()).toContain(REASON)
    expect(await rejected.locator('.org-name-row-approve').count()).toBe(0)
    await afterToast(admin)
    await screenshot(admin, 'org-names-rejected')

    await click(admin, '.org-names-filter-review-rejected')
    await admin.locator('.org-name-row--rejected:visible', { hasText: PENDING_NAME }).waitFor()
  })

  test('the member sees 未通过 with the reason, renames it to a clean name, and it passes', async () => {
    await member.goto(`${e2eBase()}/#/pages/me/index`)
    await member.reload()
    const row = memberRow(PENDING_NAME)
    await row.waitFor()
    expect(await row.locator('.me-org-review').innerText()).toBe('未通过审核，请修改')
    expect(await row.locator('.me-org-review-reason').innerText()).toContain(REASON)
    await screenshot(member, 'org-name-rejected')

    await row.locator('.me-org-rename').click()
    const input = row.locator('.me-org-rename-form-input input')
    expect(await input.inputValue()).toBe(PENDING_NAME)
    await input.fill(CLEAN_NAME)
    const [renamed] = await Promise.all([
      member.waitForResponse((r) => r.url().endsWith('/name') && r.request().method() === 'PUT'),
      row.locator('.me-org-rename-form-submit').click(),
    ])
    expect(renamed.status()).toBe(200)
    const clean = memberRow(CLEAN_NAME)
    await clean.waitFor()
    expect(await clean.locator('.me-org-review').count()).toBe(0)
    expect(await clean.locator('.me-org-review-reason').count()).toBe(0)
    expect(await member.locator('.me-org-rename-form:visible').count()).toBe(0)
    await afterToast(member)
    await screenshot(member, 'org-name-passed')
  })
})
