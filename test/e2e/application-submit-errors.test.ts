import type { Browser, Page } from 'playwright-core'
import type { CallDetail } from '@zlbg/shared'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { click, confirmDialog, e2eBase, fill, launchBrowser, phonePage, screenshot, textOf } from '../support/browser'
import { openDemoCall, organizationsIn, submitApplication, type Applicant } from '../support/e2eApplicants'

/**
 * What the server refuses on 提交申报 (第十四条) lands where the applicant can act on it: a method the
 * call does not offer (`content.methods.0`) next to the methods of 基本信息, whose step turns red;
 * an organization without its 组织信息 (`profile.*`, PROFILE_INCOMPLETE) as one line per missing
 * part under 组织信息 on the last step. Both drafts pass the form's own checks, so only the server
 * can say so.
 */

const RUN = Date.now().toString(36)
const PERSON = `subm${RUN}`
const FOREIGN_METHOD = '自创的质量方法'

let browser: Browser
let db: Database
let page: Page
let call: CallDetail
let foreignMethod: Applicant
let noProfile: Applicant

jest.setTimeout(90_000)

beforeAll(async () => {
  const uri = process.env.ZLBG_E2E_DATABASE_URI
  if (!uri) throw new Error('ZLBG_E2E_DATABASE_URI is not set (e2e globalSetup)')
  db = await connectDatabase(uri)
  browser = await launchBrowser()
  call = await openDemoCall()
  const createOrganization = organizationsIn(db)
  foreignMethod = await submitApplication(call, {
    key: 'method',
    person: PERSON,
    name: `提交校验${RUN}甲有限公司`,
    content: { methods: [FOREIGN_METHOD] },
    submit: false,
    createOrganization,
  })
  noProfile = await submitApplication(call, {
    key: 'profile',
    person: PERSON,
    name: `提交校验${RUN}乙有限公司`,
    profile: null,
    submit: false,
    createOrganization,
  })
  page = await phonePage(browser)
  await page.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(page, '.me-dev-code', `${PERSON}.browser`)
  await click(page, '.me-dev-login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
})
afterAll(async () => {
  await page?.context().close()
  await browser?.close()
  await db?.close()
})

async function submitFromLastStep(application: Applicant): Promise<number> {
  await page.goto(`${e2eBase()}/#/subpackages/org/applications/edit?id=${application.applicationId}`)
  await page.locator('.application-editor:visible').waitFor()
  await click(page, '.stepper-step-review')
  await page.locator('.edit-review:visible').waitFor()
  await click(page, '.application-submit')
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/applications/${application.applicationId}/submit`)),
    confirmDialog(page),
  ])
  return answer.status()
}

describe('提交申报: the server’s field errors beside their fields', () => {
  test('content.methods.0 (not offered by the call) shows under 质量管理方法 and marks 基本信息', async () => {
    expect(await submitFromLastStep(foreignMethod)).toBe(422)
    expect(await textOf(page, '.application-error')).toContain('还有内容未填写完整')
    await page.locator('.stepper-step-basics.stepper-step--invalid:visible').waitFor()
    expect(await textOf(page, '.review-step-basics .review-step-state')).toContain('1 处需修改')
    await screenshot(page, 'application-submit-refused')

    await click(page, '.stepper-step-basics')
    const error = page.locator('.application-methods:visible .form-field-error')
    await error.waitFor()
    expect(await error.innerText()).toContain(`「${FOREIGN_METHOD}」不在本次征集的质量管理方法列表中`)
    await screenshot(page, 'application-submit-refused-field')
  })

  test('PROFILE_INCOMPLETE lists each missing part of 组织信息 under it', async () => {
    expect(await submitFromLastStep(noProfile)).toBe(422)
    await page.locator('.review-step-profile.review-step--invalid:visible').waitFor()
    const lines = await page.locator('.application-profile-field-error:visible').allInnerTexts()
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.join('\n')).toMatch(/统一社会信用代码|组织信息/)
    await screenshot(page, 'application-submit-profile-incomplete')
  })
})
