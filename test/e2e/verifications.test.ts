import type { Browser, Page } from 'playwright-core'
import { creditCodeCheckChar, type Session } from '@zlbg/shared'
import { call } from '../support/api'
import { click, confirmDialog, e2eBase, launchBrowser, officePage, screenshot, textOf } from '../support/browser'
import { validProfile } from '../support/factories'

/**
 * 组织核验 (第八条(一), issue 12 item 3) in the H5 build: two organizations claim one 统一社会信用代码,
 * each with its business licence; the office sees them side by side, verifies the real one, and the
 * other is refused with the reason — at phone width and at desktop width.
 */

const RUN = Date.now().toString(36)
const FIRST17 = `9133010${String(Date.now() % 1e7).padStart(7, '0')}MA2`.slice(0, 17)
const CODE = `${FIRST17}${creditCodeCheckChar(FIRST17)}`
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1')

let browser: Browser
let office: Page

jest.setTimeout(90_000)

beforeAll(async () => {
  browser = await launchBrowser()
  office = await officePage(browser)
})
afterAll(async () => {
  await office?.context().close()
  await browser?.close()
})

/** A WeChat user's organization claiming CODE, with a licence scan, through the API. */
async function claimant(person: string, name: string) {
  const base = { base: e2eBase() }
  const session = (await call<Session>(base, 'POST', '/api/auth/wechat', { body: { code: `${person}${RUN}.1` } })).body
  const org = await call<{ id: string }>(base, 'POST', '/api/organizations', { token: session.token, body: { name } })
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '营业执照.pdf')
  const upload = await fetch(`${e2eBase()}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` }, body: form })
  const licence = ((await upload.json()) as { id: string }).id
  const saved = await call(base, 'PUT', `/api/organizations/${org.body.id}/profile`, {
    token: session.token,
    body: { ...validProfile({ creditCode: CODE }), businessLicenceScan: { attachmentId: licence, title: '营业执照' } },
  })
  if (saved.status !== 200) throw new Error(`profile: ${saved.status} ${JSON.stringify(saved.body)}`)
  return org.body.id
}

test('two claims of one code side by side; verifying one refuses the other with its reason', async () => {
  await claimant('squat', `抢注${RUN}贸易有限公司`)
  const realId = await claimant('real', `真实${RUN}精密制造有限公司`)

  await click(office, '.me-office-verifications')
  const group = office.locator('.verification-group:visible', { hasText: CODE })
  await group.waitFor()
  expect(await group.locator('.verification-claim').count()).toBe(2)
  expect(await group.locator('.verification-claim-status').allInnerTexts()).toEqual(['待核验', '待核验'])
  await group.scrollIntoViewIfNeeded()
  await screenshot(office, 'verifications-phone')
  await office.setViewportSize({ width: 320, height: 720 })
  await screenshot(office, 'verifications-320')
  await office.setViewportSize({ width: 1280, height: 800 })
  await screenshot(office, 'verifications-desktop')

  const real = group.locator('.verification-claim', { hasText: `真实${RUN}` })
  await real.locator('.verification-claim-verify').click()
  expect(await textOf(office, '.confirm-dialog')).toContain('其他 1 个认领将被驳回')
  await confirmDialog(office)
  await group.locator('.verification-claim--verified').waitFor()
  expect(await textOf(office, `.verification-group:has-text("${CODE}") .verification-group-summary`)).toBe(`已核验归属：真实${RUN}精密制造有限公司`)
  const lost = group.locator('.verification-claim', { hasText: `抢注${RUN}` })
  expect(await lost.locator('.verification-claim-reason').innerText()).toContain('经办公室核验属于另一组织')
  await screenshot(office, 'verifications-decided')
  expect(realId).toMatch(/^[0-9a-f]{24}$/)
})
