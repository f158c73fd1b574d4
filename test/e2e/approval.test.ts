import type { Browser } from 'playwright-core'
import { hashPassword } from '../../server/src/auth/passwords'
import { connectDatabase, type Database } from '../../server/src/db/connection'
import { loginKey } from '../../server/src/models/user'
import { PASSWORD } from '../support/api'
import { callAwaitingApproval } from '../support/approval'
import { click, confirmDialog, desktopPage, e2eBase, fill, launchBrowser, officePage, phonePage, textOf, widthShots } from '../support/browser'
import { e2eApi, expectStatus } from '../support/e2eApplicants'

/**
 * 第十九条 in the H5 build: the CAQ approver signs in with a password, finds the call whose publicity
 * closed in 审批工作台, holds one entry back with a reason and signs the rest; the office publishes
 * the approved list from 名单公布; the organization's member then sees 已入选名单 on the application
 * and the 入选组织成员 role in 我的.
 */
let browser: Browser
let db: Database

jest.setTimeout(180_000)

beforeAll(async () => {
  db = await connectDatabase(process.env.ZLBG_E2E_DATABASE_URI!)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await db?.close()
})

test('第十九条 the approver signs with one entry held back, the office publishes, the member is listed', async () => {
  const person = `listed${Date.now() % 100000}`
  const member = await expectStatus(e2eApi('POST', '/api/auth/wechat', { body: { code: `${person}.1` } }), 200, 'member sign-in')
  const { call: callDoc, passedIds, apps } = await callAwaitingApproval(db.models, { passed: 3, memberIds: [[member.me.id]] })
  const callId = callDoc._id.toHexString()
  const held = passedIds[2]!

  // ---- The approver at a desk: password sign-in, 我的 → 审批工作台, the call awaiting.
  const username = `shenpi${Date.now() % 100000}`
  await db.models.User.create({ logins: [loginKey.username(username)], username, displayName: '孙审批', passwordHash: await hashPassword(PASSWORD), roles: ['approver'] })
  const approver = await desktopPage(browser)
  await approver.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(approver, '.login-login', username)
  await fill(approver, '.login-password', PASSWORD)
  await click(approver, '.login-submit')
  await approver.locator('.me-signed-in:visible').waitFor()
  await click(approver, '.me-approver-work')
  const row = approver.locator(`.approver-call[data-call-id="${callId}"]:visible`)
  await row.waitFor()
  expect(await row.innerText()).toContain('待审批')
  await widthShots(approver, 'approval-queue')
  await row.click()
  await approver.locator('.approver-entry:visible').first().waitFor()
  expect(await approver.locator('.approver-entry:visible').count()).toBe(3)
  // 第十三条: the entries carry the public fields only — no receipt number, no score.
  const entriesText = (await approver.locator('.approver-entry:visible').allInnerTexts()).join('\n')
  for (const app of apps) expect(entriesText).not.toContain(app.receiptNumber!)
  expect(entriesText).not.toMatch(/\d\s*分/)

  // Hold the third back: a reason is required before signing.
  const heldEntry = `.approver-entry[data-application-id="${held}"]`
  await click(approver, `${heldEntry} .approver-entry-hold`)
  await click(approver, '.approver-sign')
  expect(await textOf(approver, `${heldEntry} .approver-entry-reason`)).toContain('请写明不予批准的理由')
  await fill(approver, `${heldEntry} .approver-entry-reason`, '该组织近期有未结的质量投诉,待核实后再议')
  await fill(approver, '.approver-note', '同意公布其余两项')
  expect(await textOf(approver, '.approver-signer')).toContain('孙审批')
  await widthShots(approver, 'approval-sheet')
  await click(approver, '.approver-sign')
  await confirmDialog(approver)
  await approver.locator('.approver-record-approval:visible').waitFor()
  expect(await textOf(approver, '.approver-record-approval')).toContain('孙审批 签署于')
  expect(await textOf(approver, `${heldEntry} .approver-entry-decision`)).toBe('不予批准')
  expect(await textOf(approver, '.approver-sheet-stage')).toBe('已批准，待公布')
  await widthShots(approver, 'approval-signed')
  expect((await db.models.Application.find({ _id: { $in: passedIds } }, { state: 1 }).lean()).map((a) => a.state).sort()).toEqual(['approved', 'approved', 'not_approved'])

  // ---- The office publishes from 名单公布, after confirming.
  const office = await officePage(browser, desktopPage)
  await office.goto(`${e2eBase()}/#/subpackages/office/listing/index`)
  await office.reload()
  const listing = office.locator(`.office-listing-row[data-call-id="${callId}"]:visible`)
  await listing.waitFor()
  expect(await listing.innerText()).toContain('批准 2 项 · 不予批准 1 项')
  await widthShots(office, 'listing-office')
  await listing.locator('.office-listing-publish').click()
  await confirmDialog(office)
  await office.locator(`.office-listing-row[data-call-id="${callId}"]:visible .office-listing-published`).waitFor()
  expect(await office.locator(`.office-listing-row[data-call-id="${callId}"]:visible .office-listing-stage`).innerText()).toBe('已公布')
  // The published list's article for the official account sits under it (第十九条).
  await office.locator(`.office-listing-row[data-call-id="${callId}"]:visible .article-actions`).waitFor()
  await widthShots(office, 'listing-office-published')

  // ---- The organization's member on a phone: the listed role and 已入选名单.
  const org = await phonePage(browser)
  await org.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(org, '.me-dev-code', `${person}.2`)
  await click(org, '.me-dev-login-submit')
  await org.locator('.me-signed-in:visible').waitFor()
  await org.locator('.me-role:visible', { hasText: '入选组织成员' }).waitFor()
  await org.goto(`${e2eBase()}/#/subpackages/org/applications/detail?id=${passedIds[0]}`)
  await org.locator('.application-detail-stage:visible', { hasText: '已入选名单' }).waitFor()
  for (const page of [approver, office, org]) await page.context().close()
})
