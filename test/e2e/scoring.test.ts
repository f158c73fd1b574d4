import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { DEFAULT_PLEDGE_TEXT, inShanghai } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { loginKey } from '../../server/src/models/user'
import { ARTIFACTS, click, confirmDialog, desktopPage, e2eAdmin, e2eBase, fill, officePage, textOf } from '../support/browser'
import { useWalk } from '../support/walk'
import { buildApplication, buildCall } from '../support/factories'
import { expertInput } from '../support/reviewFactories'

/**
 * Scoring (第六条, 第十六条) in the H5 build: the office opens the review settings and starts the
 * material round; an expert signs the pledge and scores an assignment on a 375 px phone (an item
 * over its maximum is flagged, a draft is saved, the submission is confirmed and locks the form); the
 * group leader sees it in their group's progress and sends it back with a reason, which the expert
 * then reads; the office reads every version. Screenshots at 320 px and 1280 px.
 */
const RUN = Date.now().toString(36)
const PASSWORD = 'Scoring2026e2e'
const COMMENT = '方法运用系统完整，质量成效数据翔实可信，对同行业具有较强的借鉴和推广价值，建议入围答辩。'
jest.setTimeout(240_000)

const walk = useWalk()

async function shots(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true })
  const before = page.viewportSize()!
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.waitForTimeout(300)
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll<HTMLElement>('.page')).filter((e) => e.offsetParent !== null).map((e) => e.scrollHeight), 900))
    await page.setViewportSize({ width, height: Math.min(height + 80, 8000) })
    await page.waitForTimeout(200)
    await page.screenshot({ path: path.join(ARTIFACTS, `scoring-${name}-${width}.png`) })
  }
  await page.setViewportSize(before)
}

/** A 375 px phone, the width the mini-program is designed for. */
async function phone375(b: Browser): Promise<Page> {
  const context = await b.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', hasTouch: true, isMobile: true })
  return context.newPage()
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(page, '.login-login', login)
  await fill(page, '.login-password', password)
  await click(page, '.login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
}

async function api(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(`${e2eBase()}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })
  const json = await res.json().catch(() => undefined)
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

test('the office starts the material round; an expert scores on the phone; the group leader reopens it; the office reads every version', async () => {
  const models = walk.db.models
  // ---- Set up through the API as the office would: a call of its own, two qualified applications, a committee.
  const call = await buildCall(models)
  const callId = call._id.toHexString()
  const apps = [await buildApplication(models, { call, state: 'qualified' }), await buildApplication(models, { call, state: 'qualified' })]
  const accounts: Record<string, string> = {}
  const ids: Record<string, string> = {}
  for (const key of ['chair', 'vice', 'leader', 'member'] as const) {
    const username = `pf${key}${RUN}`.toLowerCase()
    const user = await models.User.create({ logins: [loginKey.username(username)], username, displayName: `${key}${RUN}`, passwordHash: await hashPassword(PASSWORD), roles: ['expert'] })
    const expert = await models.Expert.create({ ...expertInput({ name: `${{ chair: '主任', vice: '副主任', leader: '组长', member: '组员' }[key]}${RUN}`, competent: key === 'chair' || key === 'vice' }), userId: user._id })
    accounts[key] = username
    ids[key] = expert._id.toHexString()
  }
  const { login, password } = e2eAdmin()
  const token = (await (await fetch(`${e2eBase()}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) })).json()).token as string
  const committee = await api('PUT', `/api/office/calls/${callId}/committee`, token, {
    chairId: ids.chair,
    viceChairIds: [ids.vice],
    groups: [{ name: `评分组${RUN}`, leaderId: ids.leader, memberIds: [ids.member], sectors: [], industries: [] }],
    pledgeText: DEFAULT_PLEDGE_TEXT,
    reviewersPerApplication: 2,
    maxPerExpert: 10,
  })
  for (const app of apps) {
    await api('PUT', `/api/office/calls/${callId}/placements/${app._id}`, token, { groupId: committee.groups[0].id, reason: '按领域分组' })
    for (const who of ['leader', 'member']) await api('POST', `/api/office/calls/${callId}/assignments`, token, { applicationId: app._id.toHexString(), expertId: ids[who], reason: '评分测试分配' })
  }
  await api('POST', `/api/office/calls/${callId}/committee/start-review`, token)

  // ---- The office: settings (第六条) and starting the material round (第十六条), at a desk.
  const office = await officePage(walk.browser, (b) => desktopPage(b))
  await office.goto(`${e2eBase()}/#/subpackages/office/review/index?callId=${callId}`)
  await office.locator('.rv-plan:visible .rv-round--material').waitFor()
  expect(await textOf(office, '.rv-round--material .rv-total')).toBe('满分合计 100 分')
  expect(await textOf(office, '.rv-summary')).toContain('待开始 2 件')
  // A deadline for the material round (reminders go out two days before it).
  const deadline = inShanghai(new Date()).add(15, 'day').format('YYYY-MM-DD')
  await fill(office, '.rv-deadline--material', deadline)
  await click(office, '.rv-save')
  await office.locator('.rv-plan:visible .xp-hint', { hasText: '最近保存' }).first().waitFor()
  expect((await models.ReviewPlan.findOne({ callId: call._id }).lean())!.material.deadline).toBe(deadline)
  await click(office, '.rv-start')
  await confirmDialog(office)
  expect(await textOf(office, '.rv-start-result')).toContain('本次进入资料评审 2 件')
  await office.locator('.rv-summary:visible', { hasText: '本轮评审中 2 件' }).waitFor()
  expect(await office.locator('.workbench-nav-review.workbench-nav-item--active:visible').count()).toBe(1)
  await shots(office, 'office-review')

  // ---- The expert, on a 375 px phone: the pledge first (第十三条), then the form.
  const expert = await phone375(walk.browser)
  await signIn(expert, accounts.member!, PASSWORD)
  await expert.goto(`${e2eBase()}/#/subpackages/expert/index`)
  const card = expert.locator('.expert-call:visible', { hasText: call.title }).first()
  await card.locator('.expert-sign').click()
  await card.locator('.expert-pledge-signed').waitFor()
  await card.locator('.expert-open').click()
  await expert.locator('.expert-assignments:visible .expert-score-state').first().waitFor()
  expect(await expert.locator('.expert-assignments:visible .expert-score-state').allInnerTexts()).toEqual(['资料评审：未开始', '资料评审：未开始'])
  await expert.locator('.expert-assignments:visible .expert-to-score').first().click()
  await expert.locator('.expert-score:visible .expert-score-item').first().waitFor()
  expect(await expert.locator('.expert-score:visible .expert-score-item').count()).toBe(6)
  expect(await textOf(expert, '.expert-score-item--scientific')).toContain('满分 17')
  // The phone layout: one item a row, nothing wider than the screen.
  expect(await expert.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  expect(await expert.locator('.expert-score-submit:visible').getAttribute('class')).toContain('disabled')

  await fill(expert, '.expert-score-item--scientific .expert-score-input', '18')
  expect(await textOf(expert, '.expert-score-item--scientific .expert-score-error')).toBe('不超过 17 分的整数')
  await fill(expert, '.expert-score-item--scientific .expert-score-input', '15')
  await fill(expert, '.expert-score-item--innovative .expert-score-input', '14')
  await expert.locator('.expert-score-comment:visible textarea').fill('初步意见')
  await click(expert, '.expert-score-save')
  await expert.locator('.expert-score-status--draft:visible').waitFor()
  expect(await textOf(expert, '.expert-score-total')).toBe('合计 29 / 100 分')
  for (const [criterion, points] of [['systematic', 16], ['exemplary', 13], ['effective', 12], ['developmental', 14]] as const) {
    await fill(expert, `.expert-score-item--${criterion} .expert-score-input`, String(points))
  }
  await expert.locator('.expert-score-comment:visible textarea').fill(COMMENT)
  await shots(expert, 'expert-form')
  await click(expert, '.expert-score-submit')
  await confirmDialog(expert)
  await expert.locator('.expert-score-status--submitted:visible').waitFor()
  expect(await textOf(expert, '.expert-score-status')).toContain('已提交（第 1 版')
  expect(await expert.locator('.expert-score-submit:visible').count()).toBe(0)
  const score = (await models.Score.findOne({ callId: call._id, state: 'submitted' }).lean())!
  expect({ total: score.total, comment: score.comment }).toEqual({ total: 84, comment: COMMENT })
  await expert.context().close()

  // ---- The group leader: progress of their group, and the score sent back with a reason.
  const leader = await phone375(walk.browser)
  await signIn(leader, accounts.leader!, PASSWORD)
  await leader.goto(`${e2eBase()}/#/subpackages/expert/index`)
  const leaderCard = leader.locator('.expert-call:visible', { hasText: call.title }).first()
  await leaderCard.locator('.expert-sign').click()
  await leaderCard.locator('.expert-to-progress--material').click()
  await leader.locator('.expert-progress:visible .expert-progress-group').waitFor()
  expect(await textOf(leader, '.expert-progress-group .expert-hint')).toBe('共 4 份：已提交 1，草稿 0，退回修改 0，未开始 3')
  await shots(leader, 'leader-progress')
  await click(leader, '.expert-reopen')
  await fill(leader, '.expert-reopen-reason', '显效性评分与评语不一致，请核实')
  await click(leader, '.expert-reopen-submit')
  await leader.locator('.expert-progress-group .expert-hint:visible', { hasText: '退回修改 1' }).first().waitFor()
  await leader.context().close()

  // ---- The expert reads why; the office reads every version.
  const back = await phone375(walk.browser)
  await signIn(back, accounts.member!, PASSWORD)
  await back.goto(`${e2eBase()}/#/subpackages/expert/score?id=${score.assignmentId}&round=material`)
  expect(await textOf(back, '.expert-score-status--reopened')).toContain('显效性评分与评语不一致')
  expect(await back.locator('.expert-score-submit:visible').count()).toBe(1)
  await back.context().close()

  await office.goto(`${e2eBase()}/#/subpackages/office/review/score?id=${score._id}`)
  await office.locator('.rv-history:visible .rv-version').waitFor()
  expect(await textOf(office, '.rv-history .rv-version')).toContain('第 1 版 · 合计 84 分')
  expect(await textOf(office, '.rv-history .rv-locked')).toContain('显效性评分与评语不一致')
  await shots(office, 'office-score')
  // The material rubric is locked from the first submission; the defense one is not.
  await office.goto(`${e2eBase()}/#/subpackages/office/review/index?callId=${callId}`)
  expect(await textOf(office, '.rv-round--material .rv-locked')).toContain('评分表已锁定')
  expect(await office.locator('.rv-round--defense .rv-locked:visible').count()).toBe(0)
  await office.context().close()
})
