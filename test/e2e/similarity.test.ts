import type { Browser, Page } from 'playwright-core'
import { CRITERIA, type ApplicationContent, type CallDetail, type Criterion, type Session } from '@zlbg/shared'
import { call as callApi, type Reply } from '../support/api'
import { ARTIFACTS, click, confirmDialog, e2eAdmin, e2eBase, fill, launchBrowser, officePage, screenshot } from '../support/browser'
import { completeContent } from '../support/factories'
import { openDemoCall, submitApplication } from '../support/e2eApplicants'
import { narrative, renamed, reorderSentences, seededRandom } from '../support/narratives'

/**
 * Copied text (第二十一条) in the H5 workbench: two organizations apply to the open 2026 call, the
 * second having copied the first one's 系统性 narrative into its 创新性 (renamed, sentences reordered).
 * The office sees the flag in the qualification queue, opens the similarity report with the shared
 * passages side by side, and records a conclusion with a reason.
 */
const RUN = Date.now().toString(36)
const SHARED = narrative(seededRandom(4242), 900)

const api = <T = any>(method: string, path: string, options: { token?: string; body?: unknown } = {}) => callApi<T>({ base: e2eBase() }, method, path, options)
async function expectStatus<T>(reply: Promise<Reply<T>>, status: number, what: string): Promise<T> {
  const r = await reply
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

function contentOf(seed: number, given: Partial<Record<Criterion, string>>, methods: readonly string[]): ApplicationContent {
  const r = seededRandom(seed)
  return {
    ...completeContent(methods),
    summary: narrative(r, 200).slice(0, 300),
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, given[c] ?? narrative(r, 500)])) as ApplicationContent['criteria'],
  }
}

let browser: Browser
let office: Page
let call: CallDetail
let officeToken: string
const apps: { name: string; id: string }[] = []

jest.setTimeout(120_000)

/** An organization of this run applies (verified by the office, as submitting needs) with `content`. */
async function apply(key: string, content: ApplicationContent) {
  // The WeChat stand-in takes ASCII codes.
  const name = `相似测试${RUN}${key}有限公司`
  const applicant = await submitApplication(call, { key, person: `sim${RUN}${apps.length}`, name, content })
  apps.push({ name, id: applicant.applicationId })
}

/** Waits for the check each submission queued (it runs right after the response). */
async function checked(id: string, otherId: string) {
  for (let i = 0; i < 100; i++) {
    const report = await expectStatus(api('GET', `/api/office/applications/${id}/similarity`, { token: officeToken }), 200, 'report')
    if (report.status === 'done' && report.matches.some((m: { other: { id: string } }) => m.other.id === otherId)) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the similarity check of ${id} did not find ${otherId}`)
}

beforeAll(async () => {
  browser = await launchBrowser()
  // A call taking applications today, whatever the year (the suite also runs a year ahead).
  call = await openDemoCall()
  const { login, password } = e2eAdmin()
  officeToken = (await expectStatus(api<Session>('POST', '/api/auth/password', { body: { login, password } }), 200, 'office sign-in')).token

  const methods = call.qualityMethods.slice(0, 1)
  await apply('甲', contentOf(1, { systematic: SHARED }, methods))
  await apply('乙', contentOf(2, { innovative: reorderSentences(seededRandom(3), renamed(SHARED, '公司', '本集团')) }, methods))
  await checked(apps[1]!.id, apps[0]!.id)
  await checked(apps[0]!.id, apps[1]!.id)
  office = await officePage(browser)
})
afterAll(async () => {
  await office?.context().close()
  await browser?.close()
})

test('the queue flags both applications; the report shows the other, the share and the shared passages side by side', async () => {
  const [a, b] = apps as [{ name: string; id: string }, { name: string; id: string }]
  await office.goto(`${e2eBase()}/#/subpackages/office/applications/index?callId=${call.id}`)
  await fill(office, '.applications-filter-q', `相似测试${RUN}`)
  await click(office, '.applications-search')
  for (const app of [a, b]) {
    const row = office.locator('.application-row:visible', { hasText: app.name })
    await row.waitFor()
    await expect(row.locator('.similarity-badge').innerText()).resolves.toMatch(/相似 1 处待处理/)
  }
  await screenshot(office, 'similarity-queue')

  await office.locator('.application-row:visible', { hasText: b.name }).locator('.similarity-badge').click()
  const match = office.locator('.similarity-match:visible').first()
  await match.waitFor()
  await expect(match.locator('.similarity-match-org').innerText()).resolves.toBe(a.name)
  expect(Number((await match.locator('.similarity-match-share').innerText()).replace('%', ''))).toBeGreaterThanOrEqual(20)
  const passage = match.locator('.similarity-passage').first()
  await expect(passage.locator('.similarity-passage-side--self .similarity-passage-where').innerText()).resolves.toContain('创新性')
  await expect(passage.locator('.similarity-passage-side--other .similarity-passage-where').innerText()).resolves.toContain('系统性')
  const marked = await passage.locator('.similarity-passage-side--other .similarity-mark').innerText()
  expect(marked.length).toBeGreaterThanOrEqual(15)
  expect(SHARED).toContain(marked)
  await screenshot(office, 'similarity-report-phone')
  await office.setViewportSize({ width: 1280, height: 900 })
  await screenshot(office, 'similarity-report-desktop')
  await passage.screenshot({ path: `${ARTIFACTS}/similarity-passage-desktop.png` })
  await office.setViewportSize({ width: 320, height: 720 })
  await screenshot(office, 'similarity-report-320')
  await passage.screenshot({ path: `${ARTIFACTS}/similarity-passage-320.png` })
  await office.setViewportSize({ width: 390, height: 844 })

  // A conclusion needs a reason; with one it is recorded and the flag is closed.
  await click(office, '.similarity-action--refer')
  await expect(office.locator('.similarity-reason:visible .form-field-error').innerText()).resolves.toContain('理由')
  await fill(office, '.similarity-reason', '创新性叙述与另一申报的系统性叙述大段相同，移交移除程序')
  await click(office, '.similarity-action--refer')
  await confirmDialog(office)
  await office.locator('.similarity-flag-state--referred:visible').waitFor()
  await expect(office.locator('.similarity-conclusion-reason:visible').innerText()).resolves.toContain('移交移除程序')
  const audit = await expectStatus(api('GET', `/api/audit?resourceType=similarityFlag&page=1&pageSize=10`, { token: officeToken }), 200, 'audit')
  expect(audit.items.some((x: { action: string; to: string }) => x.action === 'similarityFlag.refer' && x.to === 'referred')).toBe(true)
})

test('the review page links to the report', async () => {
  await office.goto(`${e2eBase()}/#/subpackages/office/applications/review?id=${apps[0]!.id}`)
  await click(office, '.similarity-report-link')
  await office.locator('.similarity-summary:visible').waitFor()
  await expect(office.locator('.similarity-match-org:visible').first().innerText()).resolves.toBe(apps[1]!.name)
})
