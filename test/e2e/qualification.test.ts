import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ERRORS, ELIGIBILITY_RULES, type CallDetail, type CallPage, type ReviewFinding, type Session } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { loginKey } from '../../server/src/models/user'
import { ARTIFACTS, e2eBase, launchBrowser, screenshot, fill, click, textOf, confirmDialog, officePage } from '../support/browser'
import { seededDemoCalls } from '../support/demo'
import type { ProfileOptions } from '../support/factories'
import { e2eApi as api, expectStatus, submitApplication, type Applicant } from '../support/e2eApplicants'

/**
 * 资格审查 (第十五条) in the H5 workbench against the real server: five organizations apply to the
 * seeded open call through the API as the mini-program would (one declares an ISO 9001
 * certificate that expired yesterday, 第八条(三)); the office reviewer then works the queue in the
 * browser — starts review in batch (the confirmation lists the rows), tries a batch 通过 that the
 * server refuses for the failing row, qualifies one after judging 第八条(四), disqualifies the failing
 * one with a reason, requests a supplement (补正) on a third, loses a race to a second reviewer
 * (409, fresh state shown), and sees the state tabs and the Excel export follow.
 */

const DATABASE_URI = process.env.ZLBG_E2E_DATABASE_URI ?? ''
const RUN = Date.now().toString(36)
const FAIL_REASON = 'ISO 9001 认证证书已过期，审查日不在有效期内'
const SUPPLEMENT_MESSAGE = '请补充上传在有效期内的 ISO 9001 认证证书扫描件，并核对证书编号'

let browser: Browser
let admin: Page
let db: Database
let call: CallDetail
const applicants: Record<string, Applicant> = {}

jest.setTimeout(120_000)

beforeAll(async () => {
  if (!DATABASE_URI) throw new Error('ZLBG_E2E_DATABASE_URI is not set (e2e globalSetup)')
  db = await connectDatabase(DATABASE_URI)
  browser = await launchBrowser()
})
afterAll(async () => {
  await admin?.context().close()
  await browser?.close()
  await db?.close()
})

/** An organization of this run applies to the open call. */
function apply(key: string, profile: ProfileOptions, files = false): Promise<Applicant> {
  const person = `revq${RUN}${Object.keys(applicants).length}`
  return submitApplication(call, { key, person, name: `审查测试${RUN}${key}科技有限公司`, profile, files })
}

/** A second office reviewer, signed in through the API (for the race). */
async function secondReviewer(): Promise<string> {
  const username = `reviewer${RUN}`
  const password = 'Reviewer2026'
  await db.models.User.create({
    logins: [loginKey.username(username)],
    username,
    displayName: '审查员乙',
    passwordHash: await hashPassword(password),
    roles: ['office'],
  })
  const session = await expectStatus(api<Session>('POST', '/api/auth/password', { body: { login: username, password } }), 200, 'reviewer sign-in')
  return session.token
}

function row(name: string) {
  return admin.locator('.application-row:visible', { hasText: name })
}

function condition(rule: string) {
  return admin.locator(`.review-condition--${rule}:visible`)
}

/**
 * The review page is longer than a phone screen and Taro scrolls inside its page element, so a
 * full-page capture stops at the fold: each part is captured on its own in a tall window instead.
 */
async function reviewScreenshots(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true })
  const size = page.viewportSize()
  await page.setViewportSize({ width: size?.width ?? 390, height: 2600 })
  for (const part of ['review-summary', 'review-conditions', 'review-decision', 'review-profile-section', 'review-content-section', 'review-log-section']) {
    await page.locator(`.${part}:visible`).screenshot({ path: path.join(ARTIFACTS, `${name}-${part}.png`) })
  }
  if (size) await page.setViewportSize(size)
}

/** Lets a toast (2 s) fade before a screenshot, so it does not cover the page. */
async function afterToast(page: Page) {
  await page.waitForTimeout(2_200)
}

async function openList() {
  await admin.goto(`${e2eBase()}/#/subpackages/office/applications/index?callId=${call.id}`)
  await admin.locator('.applications-filter-state:visible').waitFor()
  // Other e2e files apply to the same call: narrow the list to this run's organizations.
  await fill(admin, '.applications-filter-q', RUN)
  await click(admin, '.applications-search')
}

async function showTab(state: string) {
  await click(admin, `.applications-filter-state-${state}`)
  await admin.locator('.applications-loading:visible').waitFor({ state: 'detached' }).catch(() => undefined)
}

async function openReview(applicant: Applicant) {
  await admin.goto(`${e2eBase()}/#/subpackages/office/applications/review?id=${applicant.applicationId}`)
  await admin.locator('.review-summary:visible').waitFor()
  expect(await textOf(admin, '.review-org')).toBe(applicant.name)
}

describe('资格审查 (第十五条): the office works its queue in the browser', () => {
  test('five organizations submit to the seeded open call; one certificate expired yesterday', async () => {
    const calls = await expectStatus(api<CallPage>('GET', '/api/calls?page=1&pageSize=10'), 200, 'calls')
    const open = calls.items.find((c) => c.title === seededDemoCalls().open.input.title)
    if (!open) throw new Error('the seeded open call is missing')
    call = await expectStatus(api<CallDetail>('GET', `/api/calls/${open.id}`), 200, 'call')

    // 甲 is qualified alone, 乙 has the expired certificate, 丙 gets a supplement request, 丁 is
    // qualified in batch, 戊 is the one two reviewers decide at once.
    const plan: [string, ProfileOptions, boolean?][] = [
      ['甲', {}, true],
      ['乙', { certificate: 'expired' }],
      ['丙', { sector: 'services' }],
      ['丁', { sector: 'construction' }],
      ['戊', {}],
    ]
    for (const [key, profile, files] of plan) applicants[key] = await apply(key, profile, files)
    for (const a of Object.values(applicants)) expect(a.receiptNumber).toMatch(new RegExp(`^ZLBG-${call.year}-\\d{6}$`))
  })

  test('the reviewer starts review of the whole 待审查 queue in one batch, after a confirmation listing the rows', async () => {
    admin = await officePage(browser)

    await openList()
    await showTab('submitted')
    await row(applicants['戊']!.name).waitFor()
    expect(await admin.locator('.application-row:visible').count()).toBe(5)
    expect(await textOf(admin, '.applications-call')).toContain(`${call.year}年`)
    expect(await textOf(admin, '.applications-total')).toBe('共 5 项申报')

    // The row carries what the reviewer sorts by: receipt, organization, stage, pre-check counts.
    const failing = row(applicants['乙']!.name)
    expect(await failing.locator('.application-row-receipt').innerText()).toBe(applicants['乙']!.receiptNumber)
    expect(await failing.locator('.application-row-state').innerText()).toBe('待审查')
    expect(await failing.locator('.application-row-precheck-fail').innerText()).toBe('不符合 1')
    expect(await failing.locator('.application-row-precheck-judgement').innerText()).toBe('需判断 1')
    expect(await failing.locator('.application-row-submitted').innerText()).toMatch(/^提交于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(await row(applicants['丙']!.name).locator('.application-row-sector').innerText()).toBe('服务')
    await screenshot(admin, 'qualification-queue')

    await click(admin, '.applications-batch-select-page')
    expect(await textOf(admin, '.applications-batch-count')).toBe('已选 5 项')
    await click(admin, '.applications-batch-start')
    const items = admin.locator('.confirm-dialog:visible .list-confirm-item')
    await items.first().waitFor()
    expect(await items.count()).toBe(5)
    const listed = (await items.allInnerTexts()).join('\n')
    for (const a of Object.values(applicants)) expect(listed).toContain(`${a.receiptNumber} ${a.name}`)
    await screenshot(admin, 'qualification-batch-confirm')

    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/qualification/batch')),
      confirmDialog(admin),
    ])
    expect(answer.status()).toBe(200)
    const result = admin.locator('.applications-batch-result:visible')
    await result.waitFor()
    expect(await result.locator('.applications-batch-result-title').innerText()).toBe('批量处理结果：成功 5 项，共 5 项')
    expect(await result.locator('.applications-batch-result-item--ok').count()).toBe(5)

    // They left 待审查 for 审查中.
    await admin.locator('.applications-empty:visible').waitFor()
    await showTab('qualification_review')
    await row(applicants['甲']!.name).waitFor()
    expect(await admin.locator('.application-row:visible').count()).toBe(5)
  })

  test('a batch 通过 answers per row: the row whose pre-check failed is refused with the reason', async () => {
    // Another tab is another set of rows: the last batch's answers went with the old one.
    expect(await admin.locator('.applications-batch-result:visible').count()).toBe(0)
    await row(applicants['乙']!.name).locator('.application-row-select').click()
    await row(applicants['丁']!.name).locator('.application-row-select').click()
    expect(await textOf(admin, '.applications-batch-count')).toBe('已选 2 项')
    await click(admin, '.applications-batch-qualify')
    const items = admin.locator('.confirm-dialog:visible .list-confirm-item')
    await items.first().waitFor()
    expect(await items.count()).toBe(2)
    await confirmDialog(admin)

    const result = admin.locator('.applications-batch-result:visible')
    await result.waitFor()
    const refused = result.locator('.applications-batch-result-item--failed')
    expect(await refused.count()).toBe(1)
    expect(await refused.innerText()).toContain(applicants['乙']!.name)
    expect(await refused.innerText()).toContain(ERRORS.PRECHECK_FAILED.message)
    const done = result.locator('.applications-batch-result-item--ok')
    expect(await done.innerText()).toContain(applicants['丁']!.name)
    await admin.waitForTimeout(300)
    await screenshot(admin, 'qualification-batch-result')
    await click(admin, '.applications-batch-result-dismiss')
    await result.waitFor({ state: 'detached' })
  })

  test('通过 needs a finding on every condition: the reviewer judges 第八条(四), then qualifies', async () => {
    await row(applicants['甲']!.name).locator('.application-row-body').click()
    await admin.locator('.review-summary:visible').waitFor()
    expect(await textOf(admin, '.review-state')).toBe('审查中')
    expect(await condition('maturePractice').locator('.review-condition-article').innerText()).toBe('第八条（四）')
    expect(await condition('maturePractice').locator('.review-condition-outcome').innerText()).toBe('需审查人判断')
    expect(await condition('iso9001').locator('.review-condition-outcome').innerText()).toBe('符合')
    expect(await condition('iso9001').locator('.review-condition-evidence').innerText()).toContain('有效期至')
    expect(await textOf(admin, '.review-fact--credit-code')).toMatch(/[0-9A-Z]{18}/)

    // The declared files download through the policy-checked routes (第十三条: office or members only).
    expect(await textOf(admin, '.review-attachment .review-file-title')).toBe('申报书')
    const [attachment] = await Promise.all([admin.waitForEvent('download'), click(admin, '.review-attachment-download')])
    expect(attachment.suggestedFilename()).toMatch(/\.pdf$/)
    const [scan] = await Promise.all([admin.waitForEvent('download'), click(admin, '.review-iso-scan-download')])
    expect(scan.suggestedFilename()).toMatch(/\.png$/)

    await click(admin, '.review-qualify')
    await condition('maturePractice').locator('.review-condition-error').waitFor()
    expect(await condition('maturePractice').locator('.review-condition-error').innerText()).toBe('请对每一项条件给出审查结论')
    await screenshot(admin, 'qualification-review-judgement-missing')

    await condition('maturePractice').locator('.review-condition-pass').click()
    await click(admin, '.review-qualify')
    const items = admin.locator('.confirm-dialog:visible .list-confirm-item')
    await items.first().waitFor()
    expect(await items.count()).toBe(ELIGIBILITY_RULES.length)
    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/qualification/decision')),
      confirmDialog(admin),
    ])
    expect(answer.status()).toBe(200)
    await admin.locator('.review-state:visible', { hasText: '已通过' }).waitFor()
    expect(await admin.locator('.review-qualify:visible').count()).toBe(0)
    expect(await condition('maturePractice').locator('.review-condition-saved-outcome').innerText()).toBe('符合')
    const log = await textOf(admin, '.review-log')
    expect(log).toContain('开始资格审查')
    expect(log).toContain('资格审查通过')
    expect(log).toContain('办公室管理员')
    await afterToast(admin)
    await screenshot(admin, 'qualification-review-qualified')
    await reviewScreenshots(admin, 'qualification-qualified')
  })

  test('不通过 asks a reason for the failed condition, and the organization is told it', async () => {
    await openReview(applicants['乙']!)
    const iso = condition('iso9001')
    expect(await iso.locator('.review-condition-outcome').innerText()).toBe('不符合')
    expect(await iso.locator('.review-condition-explanation').innerText()).toMatch(/证书已于 \d{4}-\d{2}-\d{2} 到期/)
    await reviewScreenshots(admin, 'qualification-failing')

    await condition('maturePractice').locator('.review-condition-pass').click()
    await click(admin, '.review-disqualify')
    await iso.locator('.review-condition-reason .form-field-error').waitFor()
    expect(await iso.locator('.review-condition-reason .form-field-error').innerText()).toBe('请填写不符合的理由（将告知申报组织）')

    await iso.locator('.review-condition-reason textarea').fill(FAIL_REASON)
    await click(admin, '.review-disqualify')
    const items = admin.locator('.confirm-dialog:visible .list-confirm-item')
    await items.first().waitFor()
    expect(await items.count()).toBe(1)
    expect(await items.first().innerText()).toContain('第八条（三）')
    expect(await items.first().innerText()).toContain(FAIL_REASON)
    await confirmDialog(admin)
    await admin.locator('.review-state:visible', { hasText: '未通过' }).waitFor()
    expect(await textOf(admin, '.review-ineligible-reason')).toContain(FAIL_REASON)

    // What the applicant reads: the reason per failed condition, and not who decided (第十三条).
    const seen = await expectStatus(
      api<{ ineligibleReasons: { condition: string; reason: string }[] }>('GET', `/api/applications/${applicants['乙']!.applicationId}`, {
        token: applicants['乙']!.token,
      }),
      200,
      'the applicant reads the decision',
    )
    expect(seen.ineligibleReasons).toEqual([{ condition: 'ISO 9001 质量管理体系认证证书在有效期内', reason: FAIL_REASON }])
    expect(JSON.stringify(seen)).not.toContain('办公室管理员')
    await afterToast(admin)
    await screenshot(admin, 'qualification-review-disqualified')
  })

  test('要求补正 names the sections, a message and the last day', async () => {
    await openReview(applicants['丙']!)
    await click(admin, '.review-request-supplement')
    await admin.locator('.review-supplement-form:visible').waitFor()
    await click(admin, '.review-supplement-submit')
    await admin.locator('.review-supplement-sections:visible .form-field-error').waitFor()
    expect(await textOf(admin, '.review-supplement-sections .form-field-error')).toBe('请选择需要补正的内容')
    expect(await textOf(admin, '.review-supplement-message .form-field-error')).toContain('至少 4 个字')
    expect(await textOf(admin, '.review-supplement-deadline .form-field-error')).toBe('请选择补正截止日期')

    await click(admin, '.review-supplement-section-profile-iso9001')
    await click(admin, '.review-supplement-section-attachments')
    await fill(admin, '.review-supplement-message', SUPPLEMENT_MESSAGE)
    await click(admin, '.review-supplement-deadline-value')
    await admin.locator('.nut-picker-confirm-btn:visible').click()
    const picked = await textOf(admin, '.review-supplement-deadline-value')
    expect(picked).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    await screenshot(admin, 'qualification-review-supplement-form')

    await click(admin, '.review-supplement-submit')
    const items = admin.locator('.confirm-dialog:visible .list-confirm-item')
    await items.first().waitFor()
    expect(await items.allInnerTexts()).toEqual(['附件材料', '组织信息：ISO 9001 认证证书'])
    expect(await textOf(admin, '.confirm-dialog .list-confirm-intro')).toContain(picked)
    await confirmDialog(admin)
    await admin.locator('.review-state:visible', { hasText: '补正中' }).waitFor()
    expect(await textOf(admin, '.review-supplement')).toContain(SUPPLEMENT_MESSAGE)
    // The last day ends at 24:00 Beijing time.
    expect(await textOf(admin, '.review-supplement-deadline-text')).toContain(`${picked} 23:59`)
    await afterToast(admin)
    await screenshot(admin, 'qualification-review-supplement')
  })

  test('two reviewers at once: the later one gets 409 and sees the fresh state', async () => {
    const other = await secondReviewer()
    await openReview(applicants['戊']!)
    await condition('maturePractice').locator('.review-condition-pass').click()

    const findings: ReviewFinding[] = ELIGIBILITY_RULES.map((rule) => ({ rule, outcome: 'pass' }))
    await expectStatus(
      api('POST', `/api/office/applications/${applicants['戊']!.applicationId}/qualification/decision`, {
        token: other,
        body: { decision: 'qualify', findings },
      }),
      200,
      'the other reviewer decides first',
    )

    await click(admin, '.review-qualify')
    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/qualification/decision')),
      confirmDialog(admin),
    ])
    expect(answer.status()).toBe(409)
    await admin.locator('.review-conflict:visible').waitFor()
    expect(await textOf(admin, '.review-conflict')).toContain('现为「已通过」')
    await admin.locator('.review-state:visible', { hasText: '已通过' }).waitFor()
    expect(await admin.locator('.review-qualify:visible').count()).toBe(0)
    expect(await textOf(admin, '.review-log')).toContain('审查员乙')
    await screenshot(admin, 'qualification-review-conflict')
  })

  test('the state tabs follow the decisions, and the list exports as Excel with its filters', async () => {
    await openList()
    const expected: [string, string[]][] = [
      ['qualified', ['甲', '丁', '戊']],
      ['ineligible', ['乙']],
      ['supplement_requested', ['丙']],
    ]
    for (const [state, keys] of expected) {
      await showTab(state)
      await row(applicants[keys[0]!]!.name).waitFor()
      const names = await admin.locator('.application-row:visible .application-row-org').allInnerTexts()
      expect(names.sort()).toEqual(keys.map((k) => applicants[k]!.name).sort())
    }
    expect(await row(applicants['丙']!.name).locator('.application-row-deadline').innerText()).toMatch(/^补正截止 /)
    await screenshot(admin, 'qualification-list-supplement')
    await showTab('qualification_review')
    await admin.locator('.applications-empty:visible').waitFor()

    await showTab('qualified')
    await row(applicants['甲']!.name).waitFor()
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.waitForResponse((r) => r.url().includes('/applications/export') && r.url().includes('state=qualified')),
      click(admin, '.applications-export'),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const file = await download.path()
    expect(file).toBeTruthy()
  })
})
