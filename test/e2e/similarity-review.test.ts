import type { Page } from 'playwright-core'
import { CRITERIA, DEFAULT_PLEDGE_TEXT, type ApplicationContent, type Criterion } from '@zlbg/shared'
import { hashPassword } from '../../server/src/auth/passwords'
import { similarityChecker } from '../../server/src/commands/similarity/similarityChecker'
import { loginKey } from '../../server/src/models/user'
import { click, e2eAdmin, e2eBase, fill, phonePage, textOf, widthShots } from '../support/browser'
import { useWalk } from '../support/walk'
import { buildApplication, buildCall, completeContent } from '../support/factories'
import { narrative, renamed, seededRandom } from '../support/narratives'
import { expertInput } from '../support/reviewFactories'

/**
 * Copied text during review (第十六条, 第二十一条) in the H5 build: two applications of a call share a
 * narrative; the expert who scores one sees its flag on the scoring form — the share, the shared
 * passages marked, the other side as 「另一份申报材料」 (the call hides it by default) — and, once the
 * office allows it, the other's organization; the group leader sees both flags on the progress page.
 * Screenshots at 320 px and 1280 px.
 */
const RUN = Date.now().toString(36)
const PASSWORD = 'Similarity2026e2e'
jest.setTimeout(240_000)

const walk = useWalk()

async function api(method: string, url: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${e2eBase()}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const json = await res.json().catch(() => undefined)
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
  return json
}
const passwordLogin = async (login: string, password: string) => (await api('POST', '/api/auth/password', undefined, { login, password })).token as string

/** Signs in through 账号密码登录, as an expert does. */
async function signIn(page: Page, login: string) {
  await page.goto(`${e2eBase()}/#/pages/login/password`)
  await fill(page, '.login-login', login)
  await fill(page, '.login-password', PASSWORD)
  await click(page, '.login-submit')
  await page.locator('.me-signed-in:visible').waitFor()
}

function content(seed: number, title: string, given: Partial<Record<Criterion, string>>): ApplicationContent {
  const r = seededRandom(seed)
  return {
    ...completeContent(),
    title,
    summary: narrative(r, 200).slice(0, 300),
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, given[c] ?? narrative(r, 600)])) as ApplicationContent['criteria'],
  }
}

test('the expert sees the flag on the scoring form, the other side hidden; the group leader sees the group’s flags', async () => {
  const models = walk.db.models
  const call = await buildCall(models)
  const callId = call._id.toHexString()
  const source = narrative(seededRandom(7), 900)
  const mine = await buildApplication(models, { call, state: 'qualified', content: content(11, `数字化质量追溯实践${RUN}`, { systematic: source }) })
  const theirs = await buildApplication(models, { call, state: 'qualified', content: content(12, `精益质量改进${RUN}`, { systematic: renamed(source, '公司', '本集团') }) })
  for (const app of [mine, theirs]) await similarityChecker({ models, applicationId: app._id })

  const accounts: Record<string, string> = {}
  const ids: Record<string, string> = {}
  for (const key of ['chair', 'vice', 'leader', 'member'] as const) {
    const username = `sr${key}${RUN}`.toLowerCase()
    const user = await models.User.create({ logins: [loginKey.username(username)], username, displayName: `${key}${RUN}`, passwordHash: await hashPassword(PASSWORD), roles: ['expert'] })
    const expert = await models.Expert.create({ ...expertInput({ name: `${{ chair: '主任', vice: '副主任', leader: '组长', member: '组员' }[key]}${RUN}`, competent: key === 'chair' || key === 'vice' }), userId: user._id })
    accounts[key] = username
    ids[key] = expert._id.toHexString()
  }
  const { login, password } = e2eAdmin()
  const office = await passwordLogin(login, password)
  const committee = await api('PUT', `/api/office/calls/${callId}/committee`, office, {
    chairId: ids.chair,
    viceChairIds: [ids.vice],
    groups: [{ name: `相似度组${RUN}`, leaderId: ids.leader, memberIds: [ids.member], sectors: [], industries: [] }],
    pledgeText: DEFAULT_PLEDGE_TEXT,
    reviewersPerApplication: 1,
    maxPerExpert: 10,
  })
  const assignmentOf: Record<string, string> = {}
  for (const [app, who] of [[mine, 'member'], [theirs, 'leader']] as const) {
    await api('PUT', `/api/office/calls/${callId}/placements/${app._id}`, office, { groupId: committee.groups[0].id, reason: '按领域分组' })
    const plan = await api('POST', `/api/office/calls/${callId}/assignments`, office, { applicationId: app._id.toHexString(), expertId: ids[who], reason: '相似度测试分配' })
    const row = plan.applications.find((a: { applicationId: string }) => a.applicationId === app._id.toHexString())
    assignmentOf[who] = row.reviewers.find((r: { expertId: string }) => r.expertId === ids[who]).assignmentId
  }
  await api('POST', `/api/office/calls/${callId}/committee/start-review`, office)
  await api('POST', `/api/office/calls/${callId}/rounds/material/start`, office)
  for (const who of ['member', 'leader']) await api('POST', `/api/expert/calls/${callId}/pledge`, await passwordLogin(accounts[who]!, PASSWORD))

  // ---- The expert, on the phone: the flag above the form, the other side hidden (the call's default).
  const expert = await phonePage(walk.browser)
  await signIn(expert, accounts.member!)
  await expert.goto(`${e2eBase()}/#/subpackages/expert/score?id=${assignmentOf.member}&round=material`)
  const flags = expert.locator('.expert-score-flags:visible')
  await flags.locator('.expert-flag').first().waitFor()
  expect(await flags.locator('.expert-flag').count()).toBe(1)
  expect(await textOf(expert, '.expert-flag-name')).toBe('另一份申报材料')
  expect(await textOf(expert, '.expert-flag-state')).toBe('待处理')
  // The passages fold away so the form stays within reach; opened, they sit side by side.
  expect(await flags.locator('.similarity-mark').count()).toBe(0)
  await widthShots(expert, 'similarity-review-expert-folded')
  await click(expert, '.expert-flag-toggle')
  expect(await flags.locator('.similarity-mark').count()).toBeGreaterThan(0)
  const text = await flags.innerText()
  expect(text).toMatch(/本申报 \d+% 的文字见于该文档/)
  for (const secret of [theirs.organizationName!, theirs.content!.title, theirs.receiptNumber!]) expect(text).not.toContain(secret)
  // The phone layout holds: nothing wider than the screen.
  expect(await expert.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await widthShots(expert, 'similarity-review-expert-hidden')

  // ---- The office allows experts to see the other side: the organization and title appear.
  await api('PUT', `/api/office/calls/${callId}/similarity-settings`, office, { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: false })
  await expert.reload()
  await expert.locator('.expert-score-flags:visible .expert-flag-name', { hasText: theirs.organizationName! }).waitFor()
  await click(expert, '.expert-flag-toggle')
  expect(await textOf(expert, '.expert-flag-detail')).toContain(theirs.content!.title)
  await widthShots(expert, 'similarity-review-expert-shown')
  await expert.context().close()

  // ---- The group leader: both applications' flags on the group's progress page.
  const leader = await phonePage(walk.browser)
  await signIn(leader, accounts.leader!)
  await leader.goto(`${e2eBase()}/#/subpackages/expert/progress?callId=${callId}&round=material`)
  await leader.locator('.expert-group-flags:visible .expert-flag').first().waitFor()
  expect(await leader.locator('.expert-group-flags:visible .expert-group-flags-item').count()).toBe(2)
  await widthShots(leader, 'similarity-review-leader')
  await leader.context().close()
})
