import type { Browser, Page } from 'playwright-core'
import { ERRORS } from '@zlbg/shared'
import { e2eBase, launchBrowser, phonePage, screenshot, fill, click, textOf, confirmDialog } from '../support/browser'

/**
 * Accounts end to end, in the H5 build against the real server: the office administrator (created
 * by globalSetup) signs in with a password, creates an expert account and hands over its invite;
 * the expert sets a password with it; the administrator disables the expert, whose next request
 * ends the session; the audit log shows both steps. The steps build on each other, in order.
 */

const ADMIN_LOGIN = process.env.ZLBG_E2E_ADMIN_LOGIN ?? ''
const ADMIN_PASSWORD = process.env.ZLBG_E2E_ADMIN_PASSWORD ?? ''
const EXPERT = {
  username: `expert.e2e${Date.now().toString(36)}`,
  displayName: '王评审',
  email: `wang.${Date.now().toString(36)}@example.com`,
  password: 'Expert2026pass',
}
const DISABLE_REASON = '聘期结束，停用评审账号'

let browser: Browser
let admin: Page
let expert: Page
let inviteCode = ''
let expertId = ''

jest.setTimeout(60_000)

beforeAll(async () => {
  if (!ADMIN_LOGIN || !ADMIN_PASSWORD) throw new Error('ZLBG_E2E_ADMIN_LOGIN / ZLBG_E2E_ADMIN_PASSWORD are not set (e2e globalSetup)')
  browser = await launchBrowser()
  admin = await phonePage(browser)
})
afterAll(async () => {
  await admin?.context().close()
  await expert?.context().close()
  await browser?.close()
})

/** Searches 账号管理 and returns the ids of the accounts the server listed. */
async function searchUsers(q: string): Promise<string[]> {
  await fill(admin, '.users-filter-q', q)
  const [response] = await Promise.all([
    admin.waitForResponse((r) => r.url().includes('/api/users?') && r.status() === 200),
    click(admin, '.users-search'),
  ])
  const body = (await response.json()) as { items: { id: string }[] }
  return body.items.map((u) => u.id)
}

describe('office accounts in the H5 build', () => {
  test('the administrator signs in with a password: a wrong one gets the server\'s message, the right one opens 我的', async () => {
    await admin.goto(`${e2eBase()}/#/pages/me/index`)
    await admin.locator('.me-signed-out:visible').waitFor()
    // H5 has no wx.login: the development stand-in field is there instead, and says what it is.
    expect(await textOf(admin, '.me-dev-login')).toContain('开发环境模拟')
    expect(await admin.locator('.me-login-wechat').count()).toBe(0)
    await screenshot(admin, 'me-signed-out')
    await click(admin, '.me-login-password')

    // The shared schema checks the form before anything is sent.
    await click(admin, '.login-submit')
    expect(await textOf(admin, '.login-login .form-field-error')).toBe('请输入用户名或邮箱')

    await fill(admin, '.login-login', ADMIN_LOGIN)
    await fill(admin, '.login-password', 'not-the-password-1')
    await click(admin, '.login-submit')
    expect(await textOf(admin, '.login-error')).toContain(ERRORS.INVALID_CREDENTIALS.message)
    await screenshot(admin, 'login-password-error')

    // Repeated failures lock the login (server/src/auth/loginThrottle.ts); the page says for how long.
    await fill(admin, '.login-login', 'nobody.e2e')
    for (let attempt = 1; attempt <= 4; attempt++) {
      await Promise.all([
        admin.waitForResponse((r) => r.url().endsWith('/api/auth/password')),
        click(admin, '.login-submit'),
      ])
      // The button is disabled while a request runs; wait for it to come back.
      await admin.locator('.login-submit:visible:not(.nut-button-disabled)').waitFor()
    }
    await click(admin, '.login-submit')
    await admin.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.login-error')).some((e) => e.innerText.includes('分钟后重试')),
    )
    expect(await textOf(admin, '.login-error')).toBe(`${ERRORS.LOGIN_LOCKED.message}。请在 1 分钟后重试。`)

    await fill(admin, '.login-login', ADMIN_LOGIN)
    await fill(admin, '.login-password', ADMIN_PASSWORD)
    await click(admin, '.login-submit')
    await admin.locator('.me-signed-in:visible').waitFor()
    expect(await textOf(admin, '.me-name')).toBe('办公室管理员')
    const roles = await admin.locator('.me-role:visible').allInnerTexts()
    expect(roles).toEqual(expect.arrayContaining(['质量标杆工作办公室', '系统管理员']))
    await admin.locator('.me-office-users:visible').waitFor()
    await admin.locator('.me-office-audit:visible').waitFor()
    await screenshot(admin, 'me-office-admin')
  })

  test('账号管理: the administrator creates an expert account and sees its invite code once', async () => {
    await click(admin, '.me-office-users')
    await admin.locator('.user-row:visible').first().waitFor()
    // Other walks add accounts to the same database, newest first: find the administrator by name.
    await searchUsers('办公室管理员')
    await admin.locator('.user-row:visible', { hasText: '办公室管理员' }).first().waitFor()
    expect(await admin.locator('.user-row:visible', { hasText: '办公室管理员' }).count()).toBe(1)
    await screenshot(admin, 'office-users')
    await searchUsers('')

    await click(admin, '.users-create')
    await admin.locator('.user-form:visible').waitFor()
    // Client-side validation with the shared CreateUserSchema, next to each field.
    await fill(admin, '.user-form-username', 'X')
    await click(admin, '.user-form-submit')
    expect(await textOf(admin, '.user-form-username .form-field-error')).toContain('用户名为 3–32 位')
    expect(await textOf(admin, '.user-form-roles-field .form-field-error')).toBe('至少选择一个角色')
    await screenshot(admin, 'office-user-form-errors')

    await fill(admin, '.user-form-username', EXPERT.username)
    await fill(admin, '.user-form-name', EXPERT.displayName)
    await fill(admin, '.user-form-email', EXPERT.email)
    await click(admin, '.user-form-roles-expert')
    await click(admin, '.user-form-submit')

    await admin.locator('.user-created:visible').waitFor()
    inviteCode = (await textOf(admin, '.user-invite .one-time-code')).trim()
    expect(inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
    expect(await textOf(admin, '.user-invite .one-time-code-expiry')).toMatch(/^有效期至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(await textOf(admin, '.user-created')).toContain('评审专家')
    await screenshot(admin, 'office-user-created')
  })

  test('the expert sets a password with the invite (fresh browser) and sees the role 评审专家 on 我的', async () => {
    expect(inviteCode).not.toBe('')
    expert = await phonePage(browser)
    // Signed out, the workbench asks for a sign-in.
    await expert.goto(`${e2eBase()}/#/subpackages/office/users/index`)
    await expert.locator('.signin-prompt:visible').waitFor()
    await expert.goto(`${e2eBase()}/#/pages/me/index`)
    await click(expert, '.me-login-invite')
    await expert.locator('.invite-submit:visible').waitFor()

    await fill(expert, '.invite-code', inviteCode)
    await fill(expert, '.invite-password', 'short1')
    await fill(expert, '.invite-confirm', 'short1')
    await click(expert, '.invite-submit')
    expect(await textOf(expert, '.invite-password .form-field-error')).toBe('密码至少 10 位')

    await fill(expert, '.invite-password', EXPERT.password)
    await fill(expert, '.invite-confirm', `${EXPERT.password}x`)
    await click(expert, '.invite-submit')
    expect(await textOf(expert, '.invite-confirm .form-field-error')).toBe('两次输入的密码不一致')

    await fill(expert, '.invite-confirm', EXPERT.password)
    await screenshot(expert, 'accept-invite')
    await click(expert, '.invite-submit')

    await expert.locator('.me-signed-in:visible').waitFor()
    expect(await textOf(expert, '.me-name')).toBe(EXPERT.displayName)
    expect(await expert.locator('.me-role:visible').allInnerTexts()).toContain('评审专家')
    // Not office staff: no workbench, and its pages say so.
    expect(await expert.locator('.me-office:visible').count()).toBe(0)
    await screenshot(expert, 'me-expert')
    await expert.goto(`${e2eBase()}/#/subpackages/office/audit/index`)
    await expert.locator('.forbidden-notice:visible').waitFor()
    await expert.goto(`${e2eBase()}/#/pages/me/index`)
    await expert.locator('.me-signed-in:visible').waitFor()

    // 修改密码: a wrong current password is marked on its field; the right one goes back to 我的.
    await click(expert, '.me-change-password')
    await fill(expert, '.password-current', 'Wrong2026pass')
    await fill(expert, '.password-new', 'Expert2027pass')
    await fill(expert, '.password-confirm', 'Expert2027pass')
    await click(expert, '.password-submit')
    expect(await textOf(expert, '.password-current .form-field-error')).toBe(ERRORS.WRONG_PASSWORD.message)
    await fill(expert, '.password-current', EXPERT.password)
    await click(expert, '.password-submit')
    await expert.locator('.me-signed-in:visible').waitFor()
    expect(await textOf(expert, '.me-name')).toBe(EXPERT.displayName)
  })

  test('the administrator disables the expert with a reason; the expert\'s next request ends the session', async () => {
    await click(admin, '.user-created-back')
    // The list is shared with other walks: the expert is found by its own username from here on.
    expertId = (await searchUsers(EXPERT.username))[0] ?? ''
    const row = admin.locator('.user-row:visible', { hasText: EXPERT.displayName })
    await row.waitFor()
    await row.click()
    await admin.locator('.user-panel:visible').waitFor()

    // The reason is required (ReasonSchema) before the confirmation is even asked.
    await click(admin, '.user-panel-disable')
    expect(await textOf(admin, '.user-panel-reason .form-field-error')).toBe('请填写原因')

    await fill(admin, '.user-panel-reason', DISABLE_REASON)
    await click(admin, '.user-panel-disable')
    expect(await textOf(admin, '.confirm-dialog')).toContain(EXPERT.displayName)
    await screenshot(admin, 'office-user-disable-confirm')
    await confirmDialog(admin)
    await admin.locator('.user-panel-enable:visible').waitFor()
    await screenshot(admin, 'office-user-panel-disabled')
    await admin.locator('.user-panel-popup .nut-popup-title-right').click()
    await row.locator('.user-row-disabled').waitFor()

    await click(expert, '.me-bind-create')
    await expert.locator('.me-session-ended:visible').waitFor()
    expect(await textOf(expert, '.me-session-ended-text')).toBe(ERRORS.SESSION_REVOKED.message)
    await expert.locator('.me-signed-out:visible').waitFor()
    await screenshot(expert, 'me-session-revoked')
  })

  test('the administrator resets the expert\'s password, adds a role and enables the account again', async () => {
    const row = admin.locator('.user-row:visible', { hasText: EXPERT.displayName })
    await row.click()
    await admin.locator('.user-panel:visible').waitFor()

    await click(admin, '.user-panel-reset')
    await confirmDialog(admin)
    const code = (await textOf(admin, '.user-panel-invite .one-time-code')).trim()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
    expect(code).not.toBe(inviteCode)

    await click(admin, '.user-panel-roles-approver')
    await click(admin, '.user-panel-save-roles')
    await click(admin, '.user-panel-enable')
    await admin.locator('.user-panel-disable:visible').waitFor()
    await admin.locator('.user-panel-popup .nut-popup-title-right').click()

    await row.locator('.user-row-role', { hasText: '中国质量协会审批人' }).waitFor()
    expect(await row.locator('.user-row-disabled').count()).toBe(0)
    expect(await row.locator('.user-row-pending').count()).toBe(1)

    // The 状态 filter asks the server again.
    await click(admin, '.users-filter-status-disabled')
    await admin.locator('.users-empty:visible').waitFor()
    await click(admin, '.users-filter-status-all')
    await row.waitFor()
  })

  test('审计日志 lists the account\'s creation and disabling, and filters by object', async () => {
    await admin.goBack()
    await admin.locator('.me-office-audit:visible').waitFor()
    await click(admin, '.me-office-audit')
    await admin.locator('.audit-row:visible').first().waitFor()
    await screenshot(admin, 'office-audit')
    expect(expertId).toMatch(/^[0-9a-f]{24}$/)

    // Other walks write to the same log: filter by the expert's account before reading rows.
    await click(admin, '.audit-filters-toggle')
    await fill(admin, '.audit-filter-type', 'user')
    await fill(admin, '.audit-filter-resource', expertId)
    // 起始日期 through the NutUI date picker: it opens on today (Shanghai), sent as that day's 00:00+08:00.
    await click(admin, '.audit-filter-from .audit-date-value')
    await click(admin, '.nut-picker-confirm-btn')
    expect(await textOf(admin, '.audit-filter-from .audit-date-value')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    await click(admin, '.audit-search')
    await admin.waitForFunction(
      (id) => {
        const rows = Array.from(document.querySelectorAll<HTMLElement>('.audit-row')).filter((r) => r.offsetParent !== null)
        return rows.length > 0 && rows.every((r) => r.innerText.includes(id as string))
      },
      expertId,
    )

    const created = admin.locator('.audit-row--user-create:visible').first()
    await created.waitFor()
    expect(await created.locator('.audit-row-change').innerText()).toBe('（无） → 评审专家')
    const disabled = admin.locator('.audit-row--user-disable:visible').first()
    await disabled.waitFor()
    expect(await disabled.locator('.audit-row-actor').innerText()).toContain('办公室管理员')
    expect(await disabled.locator('.audit-row-change').innerText()).toBe('正常 → 已停用')
    expect(await disabled.locator('.audit-row-reason').innerText()).toBe(DISABLE_REASON)
    expect(await disabled.locator('.audit-row-time').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    const actions = await admin.locator('.audit-row-action:visible').allInnerTexts()
    expect(actions).toEqual(expect.arrayContaining(['创建账号', '停用账号']))
    expect(await textOf(admin, '.audit-filters-toggle')).toBe('筛选条件（3）')
    await screenshot(admin, 'office-audit-filtered')

    // 导出 Excel: the same filters, downloaded with the bearer token.
    const [download] = await Promise.all([admin.waitForEvent('download'), click(admin, '.audit-export')])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  })
})

describe('WeChat users and organizations in the H5 build (development WeChat stand-in)', () => {
  let alice: Page
  let bob: Page
  const ORG = '华东精密制造股份有限公司'

  afterAll(async () => {
    await alice?.context().close()
    await bob?.context().close()
  })

  async function wechatSignIn(page: Page, code: string) {
    await page.goto(`${e2eBase()}/#/pages/me/index`)
    await fill(page, '.me-dev-code', code)
    await click(page, '.me-dev-login-submit')
    await page.locator('.me-signed-in:visible').waitFor()
  }

  test('a WeChat user creates an organization and invites a colleague, who joins and leaves again', async () => {
    alice = await phonePage(browser)
    await wechatSignIn(alice, 'alice.1')
    expect(await alice.locator('.me-role:visible').allInnerTexts()).toEqual(['微信用户'])
    await alice.locator('.me-orgs-empty:visible').waitFor()

    await click(alice, '.me-org-create')
    await fill(alice, '.me-org-create-form-input', '质')
    await click(alice, '.me-org-create-form-submit')
    expect(await textOf(alice, '.me-org-create-form-input .form-field-error')).toBe('组织名称至少 2 个字')
    await fill(alice, '.me-org-create-form-input', ORG)
    await click(alice, '.me-org-create-form-submit')
    await alice.locator('.me-org:visible', { hasText: ORG }).waitFor()
    await alice.locator('.me-role:visible', { hasText: '申报组织成员' }).waitFor()

    await click(alice, '.me-org-invite')
    const code = (await textOf(alice, '.me-org-invite-code .one-time-code')).trim()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
    await screenshot(alice, 'me-organization-invite')

    bob = await phonePage(browser)
    await wechatSignIn(bob, 'bobby.1')
    await click(bob, '.me-org-join')
    await fill(bob, '.me-org-join-form-input', 'ABC')
    await click(bob, '.me-org-join-form-submit')
    expect(await textOf(bob, '.me-org-join-form-input .form-field-error')).toBe('请输入 10 位邀请码')
    await fill(bob, '.me-org-join-form-input', code.toLowerCase())
    await click(bob, '.me-org-join-form-submit')
    await bob.locator('.me-org:visible', { hasText: ORG }).waitFor()

    // The code works once: a second use is refused next to the field.
    await click(bob, '.me-org-join')
    await fill(bob, '.me-org-join-form-input', code)
    await click(bob, '.me-org-join-form-submit')
    expect(await textOf(bob, '.me-org-join-form-input .form-field-error')).toMatch(/邀请码无效|已是该组织成员/)

    await click(bob, '.me-org-leave')
    expect(await textOf(bob, '.confirm-dialog')).toContain(ORG)
    await confirmDialog(bob)
    await bob.locator('.me-orgs-empty:visible').waitFor()
  })

  test('a WeChat user and a browser account become one account with a bind code', async () => {
    await click(alice, '.me-bind-create')
    const code = (await textOf(alice, '.me-bind-code .one-time-code')).trim()
    expect(code).toMatch(/^BD-[A-HJ-NP-Z2-9]{10}$/)

    // The administrator, still signed in after a reload (the token is kept in storage).
    await admin.goto(`${e2eBase()}/#/pages/me/index`)
    await admin.locator('.me-signed-in:visible').waitFor()
    expect(await textOf(admin, '.me-bind-wechat .me-bind-status-value')).toBe('未绑定')
    await click(admin, '.me-bind-enter')
    await fill(admin, '.me-bind-form-input', code)
    await click(admin, '.me-bind-form-submit')
    // Issue 12: who is on the other side, then the administrator's own password before binding.
    expect(await textOf(admin, '.me-bind-confirm-other')).toMatch(/^微信用户「微\*+.」$/)
    await screenshot(admin, 'me-bind-confirm')
    await fill(admin, '.me-bind-password-input', ADMIN_PASSWORD)
    await click(admin, '.me-bind-confirm-submit')
    await admin.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.me-bind-wechat .me-bind-status-value')).some((e) => e.innerText === '已绑定'),
    )
    // alice's organization came along.
    await admin.locator('.me-org:visible', { hasText: ORG }).waitFor()
    await screenshot(admin, 'me-bound')
  })
})
