import type { Browser, Page } from 'playwright-core'
import { CRITERIA, DEFAULT_PLEDGE_TEXT, type Criterion, type RoundRanking } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { loginKey } from '../../server/src/models/user'
import { click, confirmDialog, desktopPage, e2eAdmin, e2eBase, fill, officePage, phonePage, textOf, widthShots } from '../support/browser'
import { startDefenseAndGiveSlot, useWalk } from '../support/walk'
import { e2eApi, expectStatus } from '../support/e2eApplicants'
import { buildApplication, buildCall } from '../support/factories'
import { expertInput } from '../support/reviewFactories'

/**
 * Issue 15's done line, one call walked from qualified to recommended in the H5 build (第十一条,
 * 第十三条, 第十六条, 第十七条): the office starts the material round; two experts sign the pledge
 * and score on a 375 px phone; the group leader reads the group's progress; the office records the
 * material deliberation with the round's figures beside each decision; the chair signs it on a phone;
 * the office starts the defense round and gives a slot, which the applicant confirms in the
 * mini-program; the experts score the defense; a site visit is requested, written up and completed;
 * the defense deliberation shows the findings beside the figures; the chair signs and the
 * application is recommended — read in the applicant's page and through the API.
 * Only the committee, its groups, placements and assignments are set up through the API (their pages
 * are walked in experts.test.ts).
 */

const RUN = Date.now().toString(36)
const PASSWORD = 'Walk2026e2e'
jest.setTimeout(300_000)

const walk = useWalk()

const shots = (page: Page, name: string) => widthShots(page, `walk-${name}`)

/** Six points in 第六条's order (科学性, 创新性, 系统性, 示范性, 显效性, 发展性). */
type Points = readonly [number, number, number, number, number, number]
const total = (p: Points) => p.reduce((a, b) => a + b, 0)

/** The points each expert gives, per round and application (A: the applicant's, B: the site visit's, C: not shortlisted). */
const MATERIAL: Record<'leader' | 'member', Record<'A' | 'B' | 'C', Points>> = {
  leader: { A: [15, 14, 16, 13, 12, 14], B: [14, 13, 14, 12, 12, 13], C: [10, 10, 10, 10, 10, 10] },
  member: { A: [16, 15, 15, 14, 13, 14], B: [8, 8, 8, 8, 8, 8], C: [9, 9, 9, 9, 9, 9] },
}
const DEFENSE: Record<'leader' | 'member', Record<'A' | 'B', Points>> = {
  leader: { A: [16, 15, 15, 14, 14, 14], B: [14, 14, 13, 13, 13, 13] },
  member: { A: [15, 15, 15, 14, 13, 14], B: [13, 13, 13, 13, 12, 12] },
}
const COMMENT = '质量管理方法运用系统完整，成效数据翔实可信，对同行业具有较强的借鉴和推广价值。'

/** A 375 px phone, the width the mini-program is designed for. */
async function phone375(b: Browser): Promise<Page> {
  const page = await phonePage(b)
  await page.setViewportSize({ width: 375, height: 812 })
  return page
}

async function signIn(page: Page, login: string) {
  await page.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(page, '.login-login', login)
  await fill(page, '.login-password', PASSWORD)
  await click(page, '.login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
}

/** Opens a hash route afresh (a new page instance, nothing of the previous one left in the DOM). */
async function open(page: Page, route: string) {
  await page.goto('about:blank')
  await page.goto(`${e2eBase()}/#${route}`)
}

/** The expert's form on the phone: six items, the comment, submit, confirm (第十六条, 第十七条). */
async function score(page: Page, assignmentId: string, round: 'material' | 'defense', points: Points) {
  await open(page, `/subpackages/expert/score?id=${assignmentId}&round=${round}`)
  await page.locator('.expert-score:visible .expert-score-item').first().waitFor()
  for (const [i, criterion] of (CRITERIA as readonly Criterion[]).entries()) await fill(page, `.expert-score-item--${criterion} .expert-score-input`, String(points[i]))
  await page.locator('.expert-score-comment:visible textarea').fill(COMMENT)
  expect(await textOf(page, '.expert-score-total')).toBe(`合计 ${total(points)} / 100 分`)
  // The phone layout: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await click(page, '.expert-score-submit')
  await confirmDialog(page)
  await page.locator('.expert-score-status--submitted:visible').waitFor()
}

/** The pledge on the expert's home (第十三条): signed before any assignment opens. */
async function signPledge(page: Page, callTitle: string) {
  await open(page, '/subpackages/expert/index')
  const card = page.locator('.expert-call:visible', { hasText: callTitle }).first()
  await card.locator('.expert-sign').click()
  await card.locator('.expert-pledge-signed').waitFor()
  return card
}

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(2))

/** What a deliberation item must show of the ranking: rank, scores counted, every figure. */
function expectFigures(text: string, row: RoundRanking['rows'][number]) {
  expect(text).toContain(`总排名第 ${row.rank} 名`)
  expect(text).toContain(`有效评分 ${row.count} / ${row.assigned}`)
  for (const figure of [row.mean, row.trimmedMean, row.stdDev, row.normalized]) expect(text).toContain(fixed(figure))
  if (row.disagreement) expect(text).toContain('分歧较大')
  else expect(text).not.toContain('分歧较大')
}

test('a call goes from qualified to recommended: pledge, phone scoring, progress, deliberations with figures, sign-off, defense slot, site visit', async () => {
  const models = walk.db.models
  const stateOf = async (id: string) => (await models.Application.findById(id, { state: 1 }).lean())!.state

  // ---- Set-up through the API (walked elsewhere): the call, three qualified applications, the committee and its assignments.
  const call = await buildCall(models)
  const callId = call._id.toHexString()
  const person = `walk${RUN}`
  const applicant = await e2eApi('POST', '/api/auth/wechat', { body: { code: `${person}.1` } })
  const appDocs = {
    A: await buildApplication(models, { call, state: 'qualified', memberIds: [applicant.body.me.id] }),
    B: await buildApplication(models, { call, state: 'qualified' }),
    C: await buildApplication(models, { call, state: 'qualified' }),
  }
  const app = { A: appDocs.A._id.toHexString(), B: appDocs.B._id.toHexString(), C: appDocs.C._id.toHexString() }
  const logins: Record<string, string> = {}
  const experts: Record<string, string> = {}
  for (const [key, name, competent] of [['chair', '主任', true], ['vice', '副主任', true], ['leader', '组长', false], ['member', '组员', false]] as const) {
    const username = `walk${key}${RUN}`.toLowerCase()
    const user = await models.User.create({ logins: [loginKey.username(username)], username, displayName: `${name}${RUN}`, passwordHash: await hashPassword(PASSWORD), roles: ['expert'] })
    const expert = await models.Expert.create({ ...expertInput({ name: `${name}${RUN}`, competent }), userId: user._id })
    logins[key] = username
    experts[key] = expert._id.toHexString()
  }
  const token = (await expectStatus(e2eApi<{ token: string }>('POST', '/api/auth/password', { body: e2eAdmin() }), 200, 'office sign-in')).token
  const asOffice = async (method: string, url: string, body?: unknown) => {
    const r = await e2eApi(method, url, { token, ...(body ? { body } : {}) })
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const committee = await asOffice('PUT', `/api/office/calls/${callId}/committee`, {
    chairId: experts.chair,
    viceChairIds: [experts.vice],
    groups: [{ name: `制造业组${RUN}`, leaderId: experts.leader, memberIds: [experts.member], sectors: [], industries: [] }],
    pledgeText: DEFAULT_PLEDGE_TEXT,
    reviewersPerApplication: 2,
    maxPerExpert: 10,
  })
  const assignment: Record<string, string> = {}
  for (const [key, id] of Object.entries(app)) {
    await asOffice('PUT', `/api/office/calls/${callId}/placements/${id}`, { groupId: committee.groups[0].id, reason: '按领域分组' })
    for (const who of ['leader', 'member']) {
      await asOffice('POST', `/api/office/calls/${callId}/assignments`, { applicationId: id, expertId: experts[who], reason: '全流程测试分配' })
      const a = (await models.Assignment.findOne({ callId: call._id, applicationId: appDocs[key as 'A']._id, expertId: experts[who] }).lean())!
      assignment[`${who}:${key}`] = a._id.toHexString()
    }
  }
  await asOffice('POST', `/api/office/calls/${callId}/committee/start-review`)
  const ranking = async (round: 'material' | 'defense') => {
    const r = (await expectStatus(e2eApi<RoundRanking>('GET', `/api/review/calls/${callId}/rounds/${round}/ranking`, { token }), 200, 'ranking')).rows
    return (key: 'A' | 'B' | 'C') => r.find((row) => row.applicationId === app[key])!
  }

  // ---- The office starts the material round at a desk (第十六条).
  const desk = await officePage(walk.browser, (b) => desktopPage(b))
  await open(desk, `/subpackages/office/review/index?callId=${callId}`)
  await desk.locator('.rv-plan:visible .rv-round--material').waitFor()
  await desk.locator('.rv-summary:visible', { hasText: '待开始 3 件' }).waitFor()
  await click(desk, '.rv-start')
  await confirmDialog(desk)
  expect(await textOf(desk, '.rv-start-result')).toContain('本次进入资料评审 3 件')
  expect(await Promise.all(Object.values(app).map(stateOf))).toEqual(['material_review', 'material_review', 'material_review'])

  // ---- Two experts sign the pledge and score every assignment on a 375 px phone.
  const phones: Record<'leader' | 'member', Page> = { leader: await phone375(walk.browser), member: await phone375(walk.browser) }
  for (const who of ['leader', 'member'] as const) {
    const page = phones[who]
    await signIn(page, logins[who]!)
    const card = await signPledge(page, call.title)
    await card.locator('.expert-open').click()
    await page.locator('.expert-assignments:visible .expert-score-state').first().waitFor()
    expect(await page.locator('.expert-assignments:visible .expert-score-state').allInnerTexts()).toEqual(['资料评审：未开始', '资料评审：未开始', '资料评审：未开始'])
    for (const key of ['A', 'B', 'C'] as const) await score(page, assignment[`${who}:${key}`]!, 'material', MATERIAL[who][key])
  }
  await shots(phones.member, 'expert-score')

  // ---- The group leader reads the group's progress (own group only).
  await open(phones.leader, '/subpackages/expert/index')
  await phones.leader.locator('.expert-call:visible', { hasText: call.title }).first().locator('.expert-to-progress--material').click()
  await phones.leader.locator('.expert-progress:visible .expert-progress-group').waitFor()
  expect(await textOf(phones.leader, '.expert-progress-group .expert-hint')).toBe('共 6 份：已提交 6，草稿 0，退回修改 0，未开始 0')
  expect(await phones.leader.locator('.expert-progress:visible .expert-progress-expert').count()).toBe(2)

  // ---- The office records the material deliberation, the round's figures beside each decision.
  const material = await ranking('material')
  expect([material('A').mean, material('B').mean, material('C').mean]).toEqual([85.5, 63, 57])
  // B's two totals (78, 48) are 15 points from their mean: past the default threshold, flagged for the meeting.
  expect([material('A').disagreement, material('B').disagreement, material('C').disagreement]).toEqual([false, true, false])
  await open(desk, `/subpackages/office/review/deliberations?callId=${callId}`)
  await desk.locator('.dl-new:visible').waitFor()
  for (const key of ['chair', 'vice', 'leader']) await click(desk, `.dl-attendees .chip[data-value="${experts[key]}"]`)
  await click(desk, '.dl-create')
  const record = desk.locator('.dl-record--draft:visible')
  await record.waitFor()
  await record.locator('.rk-decision-figures').first().waitFor()
  expect(await textOf(desk, '.dl-ranking-rule')).toContain('排名依据')
  for (const key of ['A', 'B', 'C'] as const) {
    const item = record.locator(`.dl-item[data-application-id="${app[key]}"]`)
    expectFigures(await item.locator('.rk-decision-figures').innerText(), material(key))
    await item.locator(`.dl-decision .chip[data-value="${key === 'C' ? 'not_shortlisted' : 'shortlisted'}"]`).click()
  }
  expect(await record.locator(`.dl-item[data-application-id="${app.A}"] .rk-decision-figures`).innerText()).toContain('85.50')
  await click(desk, '.dl-save')
  await desk.locator('.dl-ready:visible').waitFor()
  await shots(desk, 'office-material-deliberation')
  expect(await stateOf(app.A)).toBe('material_review')

  // ---- The chair signs the pledge and the record on a phone (第十一条); only then do the applications move.
  const chair = await phone375(walk.browser)
  await signIn(chair, logins.chair!)
  const chairCard = await signPledge(chair, call.title)
  await chairCard.locator('.expert-open-deliberations').click()
  const signRecord = async (round: 'material' | 'defense') => {
    const deliberation = (await models.Deliberation.findOne({ callId: call._id, round }).lean())!
    await open(chair, `/subpackages/expert/deliberations`)
    await click(chair, `.expert-deliberation-row[data-deliberation-id="${deliberation._id}"]`)
    await chair.locator('.sign-go:visible').waitFor()
    await chair.locator('.expert-deliberation:visible .rk-decision-figures').first().waitFor()
  }
  await signRecord('material')
  expect(await textOf(chair, '.sign-summary')).toBe('入围答辩评审 2 件，不入围 1 件')
  const chairItemA = chair.locator('.expert-deliberation:visible .sign-item', { hasText: appDocs.A.content!.title! }).first()
  expectFigures(await chairItemA.locator('.rk-decision-figures').innerText(), material('A'))
  await shots(chair, 'chair-material')
  await click(chair, '.sign-go')
  await confirmDialog(chair)
  await chair.locator('.sign-state:visible', { hasText: '已签署' }).waitFor()
  expect([await stateOf(app.A), await stateOf(app.B), await stateOf(app.C)]).toEqual(['shortlisted', 'shortlisted', 'not_shortlisted'])

  // ---- Defense (第十七条): the office starts it and gives the applicant a slot.
  await open(desk, `/subpackages/office/review/defense?callId=${callId}`)
  await startDefenseAndGiveSlot(desk, { started: 2, place: '中国质量协会第二会议室', applicationId: app.A })

  // ---- The applicant confirms the slot in the mini-program (time and place only, 第十三条).
  const org = await phone375(walk.browser)
  await org.goto(`${e2eBase()}/#/pages/me/index`)
  await fill(org, '.me-dev-code', `${person}.2`)
  await click(org, '.me-dev-login-submit')
  await org.locator('.me-signed-in:visible').waitFor()
  await open(org, `/subpackages/org/applications/detail?id=${app.A}`)
  await org.locator('.defense-slot-confirm:visible').waitFor()
  expect(await textOf(org, '.defense-slot-place')).toContain('中国质量协会第二会议室')
  await click(org, '.defense-slot-confirm')
  await confirmDialog(org)
  await org.locator('.defense-slot-confirmed:visible').waitFor()

  // ---- The experts score the defense on their phones.
  for (const who of ['leader', 'member'] as const) for (const key of ['A', 'B'] as const) await score(phones[who], assignment[`${who}:${key}`]!, 'defense', DEFENSE[who][key])

  // ---- A site visit of B: requested, written up, completed (第十七条).
  await open(desk, `/subpackages/office/review/defense?callId=${callId}`)
  await desk.locator('.sv-app:visible').waitFor()
  await click(desk, `.sv-app .chip[data-value="${app.B}"]`)
  await fill(desk, '.sv-reason', '核实质量成效数据来源')
  await fill(desk, '.sv-team', '考察员甲、考察员乙')
  await click(desk, '.sv-request-go')
  const visit = desk.locator('.sv-visit--requested:visible')
  await visit.waitFor()
  expect(await stateOf(app.B)).toBe('site_visit')
  await visit.locator('.sv-findings textarea').fill('现场核实了质量改进项目台账，数据与申报一致')
  await visit.locator('.sv-conclusion input').fill('情况属实')
  await visit.locator('.sv-complete').click()
  await confirmDialog(desk)
  await desk.locator('.sv-visit--completed:visible').waitFor()
  expect(await stateOf(app.B)).toBe('defense_review')

  // ---- The defense deliberation: the findings beside the figures, both recommended.
  const defense = await ranking('defense')
  expect([defense('A').mean, defense('B').mean]).toEqual([87, 78])
  await open(desk, `/subpackages/office/review/deliberations?callId=${callId}`)
  await desk.locator('.dl-new:visible').waitFor()
  await click(desk, '.dl-round .chip[data-value="defense"]')
  for (const key of ['chair', 'vice', 'leader']) await click(desk, `.dl-attendees .chip[data-value="${experts[key]}"]`)
  await click(desk, '.dl-create')
  const defenseRecord = desk.locator('.dl-record--draft:visible')
  await defenseRecord.waitFor()
  await defenseRecord.locator('.rk-decision-figures').first().waitFor()
  expect(await defenseRecord.locator('.dl-item').count()).toBe(2)
  const itemB = defenseRecord.locator(`.dl-item[data-application-id="${app.B}"]`)
  expect(await itemB.locator('.dl-site-visit').innerText()).toContain('现场核实了质量改进项目台账')
  expectFigures(await itemB.locator('.rk-decision-figures').innerText(), defense('B'))
  expectFigures(await defenseRecord.locator(`.dl-item[data-application-id="${app.A}"] .rk-decision-figures`).innerText(), defense('A'))
  for (const key of ['A', 'B'] as const) await defenseRecord.locator(`.dl-item[data-application-id="${app[key]}"] .dl-decision .chip[data-value="recommended"]`).click()
  await click(desk, '.dl-save')
  await desk.locator('.dl-ready:visible').waitFor()
  await shots(desk, 'office-defense-deliberation')

  // ---- The chair signs the defense record; the applications are recommended.
  await signRecord('defense')
  const chairItemB = chair.locator('.expert-deliberation:visible .sign-item').filter({ has: chair.locator('.sign-site-visit') }).first()
  expect(await chairItemB.locator('.sign-site-visit').innerText()).toContain('现场核实了质量改进项目台账')
  expectFigures(await chairItemB.locator('.rk-decision-figures').innerText(), defense('B'))
  await shots(chair, 'chair-defense')
  await click(chair, '.sign-go')
  await confirmDialog(chair)
  await chair.locator('.sign-state:visible', { hasText: '已签署' }).waitFor()

  // ---- Recommended: in the applicant's page and through the API, with nothing of the committee (第十三条).
  await open(org, `/subpackages/org/applications/detail?id=${app.A}`)
  await org.locator('.application-detail-stage:visible', { hasText: '已获推荐' }).waitFor()
  const seen = await textOf(org, '.application-detail')
  for (const secret of [`主任${RUN}`, `组长${RUN}`, `组员${RUN}`, `制造业组${RUN}`, '现场核实', '85.50', COMMENT.slice(0, 8)]) expect(seen).not.toContain(secret)
  const mine = await expectStatus(e2eApi('GET', `/api/applications/${app.A}`, { token: applicant.body.token }), 200, 'applicant reads')
  expect(mine.state).toBe('recommended')
  const body = JSON.stringify(mine)
  for (const secret of [`主任${RUN}`, `组长${RUN}`, `组员${RUN}`, COMMENT.slice(0, 8), '"mean"', '"scores"', '"comment"']) expect(body).not.toContain(secret)
  expect([await stateOf(app.A), await stateOf(app.B), await stateOf(app.C)]).toEqual(['recommended', 'recommended', 'not_shortlisted'])
  for (const page of [desk, chair, org, phones.leader, phones.member]) await page.context().close()
})
