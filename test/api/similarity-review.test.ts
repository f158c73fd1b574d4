import { CRITERIA, type ApplicationContent, type Criterion } from '@zlbg/shared'
import { similarityChecker } from '../../server/src/commands/similarity/similarityChecker'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildApplication, buildCall, buildOrganization, completeContent } from '../support/factories'
import { narrative, renamed, seededRandom } from '../support/narratives'
import { buildExpert, committeeBody, type BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Copied text during review (第十六条, 第二十一条): the expert assigned to a flagged application and the
 * leader of its group see the flag — the share, the shared passages, the office's conclusion — with
 * the other applicant hidden unless the call allows it; nobody else on the committee, and never the
 * applicant (第十三条).
 */
let t: TestServer
let office: string
let callId = ''
const people: Record<'chair' | 'vice' | 'leaderA' | 'memberA' | 'leaderB' | 'memberB' | 'outsider', BuiltExpert> = {} as never
/** x and y share a narrative (y copied x's, renamed); z is its own. x and y sit in group A, z in group B. */
const apps: Record<'x' | 'y' | 'z', { id: string; title: string; organizationName: string; receiptNumber: string; content: ApplicationContent }> = {} as never
let applicant = ''
const assignment = new Map<string, string>()
const source = narrative(seededRandom(41), 1500)
const RUN = String(Date.now() % 100000)

function content(seed: number, title: string, given: Partial<Record<Criterion, string>> = {}): ApplicationContent {
  const r = seededRandom(seed)
  return {
    ...completeContent(),
    title,
    summary: narrative(r, 200).slice(0, 300),
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, given[c] ?? narrative(r, 700)])) as ApplicationContent['criteria'],
  }
}

beforeAll(async () => {
  t = await startTestServer('similarity-review')
  const models = t.db.models
  office = (await browserUser(t, ['office'], { displayName: '办公室' })).token
  const callDoc = await buildCall(models)
  callId = callDoc._id.toHexString()
  const member = await wechatUser(t)
  applicant = member.token
  // The copier puts its own (short) name where the source said 公司: inside the passages, joined across the edit.
  const copier = await buildOrganization(models, { name: `乙联科技${RUN}`, profile: { callYear: callDoc.year } })
  const bodies = {
    x: content(1, '甲的全过程质量管理', { systematic: source }),
    y: content(2, '乙的精益生产实践', { systematic: renamed(source, '公司', copier.name) }),
    z: content(3, '丙的服务质量改进'),
  }
  for (const key of ['x', 'y', 'z'] as const) {
    const doc = await buildApplication(models, {
      call: callDoc,
      state: 'qualified',
      content: bodies[key],
      ...(key === 'x' ? { memberIds: [member.id] } : {}),
      ...(key === 'y' ? { organization: copier } : {}),
    })
    apps[key] = { id: doc._id.toHexString(), title: bodies[key].title, organizationName: doc.organizationName!, receiptNumber: doc.receiptNumber!, content: bodies[key] }
  }
  for (const key of ['x', 'y', 'z'] as const) await similarityChecker({ models, applicationId: apps[key].id })

  for (const key of Object.keys({ chair: 0, vice: 0, leaderA: 0, memberA: 0, leaderB: 0, memberB: 0, outsider: 0 }) as (keyof typeof people)[]) {
    people[key] = await buildExpert(t, { name: `专家${key}`, competent: key === 'chair' || key === 'vice' })
  }
  const body = committeeBody(people.chair.id, [people.vice.id], [
    { name: '第一专业组', leaderId: people.leaderA.id, memberIds: [people.memberA.id] },
    { name: '第二专业组', leaderId: people.leaderB.id, memberIds: [people.memberB.id] },
  ], { reviewersPerApplication: 1 })
  const committee = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
  expect(committee.body.error).toBeUndefined()
  const [groupA, groupB] = committee.body.groups.map((g: { id: string }) => g.id)
  const place = async (app: keyof typeof apps, groupId: string, who: keyof typeof people) => {
    expect((await call(t, 'PUT', `/api/office/calls/${callId}/placements/${apps[app].id}`, { token: office, body: { groupId, reason: '按领域分组' } })).status).toBe(200)
    const plan = await call(t, 'POST', `/api/office/calls/${callId}/assignments`, { token: office, body: { applicationId: apps[app].id, expertId: people[who].id, reason: '测试分配' } })
    expect(plan.status).toBe(201)
    const row = plan.body.applications.find((a: { applicationId: string }) => a.applicationId === apps[app].id)
    assignment.set(`${who}:${app}`, row.reviewers.find((r: { expertId: string }) => r.expertId === people[who].id).assignmentId)
  }
  await place('x', groupA, 'memberA')
  await place('y', groupA, 'leaderA')
  await place('z', groupB, 'memberB')
  expect((await call(t, 'POST', `/api/office/calls/${callId}/committee/start-review`, { token: office })).status).toBe(200)
})
afterAll(() => t.close())

const tok = (who: keyof typeof people) => people[who].token!
const pledge = (who: keyof typeof people) => call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token: tok(who) })
const mine = (who: keyof typeof people, app: keyof typeof apps, token = tok(who)) =>
  call(t, 'GET', `/api/expert/assignments/${assignment.get(`${who}:${app}`)}/similarity`, { token })
const group = (token: string) => call(t, 'GET', `/api/review/calls/${callId}/similarity-flags`, { token })
const settingsPath = () => `/api/office/calls/${callId}/similarity-settings`
/** What of the other application must not reach a reviewer when the call hides it. */
const identityOf = (key: keyof typeof apps) => [apps[key].id, apps[key].title, apps[key].organizationName, apps[key].receiptNumber]

test('第十三条: before the pledge the flags are not shown (403 PLEDGE_REQUIRED)', async () => {
  expect(await mine('memberA', 'x')).toMatchObject({ status: 403, body: failure('PLEDGE_REQUIRED') })
  expect(await group(tok('leaderA'))).toMatchObject({ status: 403, body: failure('PLEDGE_REQUIRED') })
  for (const who of ['memberA', 'leaderA', 'leaderB', 'memberB', 'chair'] as const) expect((await pledge(who)).status).toBe(200)
})

test('the assigned expert sees the flag: the share, the shared passages, the other as 「另一份申报材料」 by default', async () => {
  expect((await call(t, 'GET', settingsPath(), { token: office })).body.hideIdentityFromExperts).toBe(true)
  const res = await mine('memberA', 'x')
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ applicationId: apps.x.id, title: apps.x.title, thresholdPercent: 20, identityHidden: true })
  expect(res.body.flags).toHaveLength(1)
  const [flag] = res.body.flags
  expect(flag).toMatchObject({ state: 'open', other: { kind: 'application' } })
  expect(Object.keys(flag.other)).toEqual(['kind'])
  expect(flag.share).toBeGreaterThan(0.2)
  expect(flag.passages.length).toBeGreaterThan(0)
  expect(flag.passages[0]).toMatchObject({ self: { field: 'systematic' }, other: { field: 'systematic', before: '', after: '' } })
  // The passage is the shared text itself; on the other side, the copier's edits (its name) are masked.
  expect(source).toContain(flag.passages[0].self.text)
  expect(source).toContain('公司')
  expect(flag.passages.some((p: { other: { text: string } }) => p.other.text.includes('＊'))).toBe(true)
  const text = JSON.stringify(res.body)
  for (const secret of identityOf('y')) expect(text).not.toContain(secret)
  // The other document's text only as the shared passages: none of y's own narratives.
  for (const c of CRITERIA.filter((c) => c !== 'systematic')) expect(text).not.toContain(apps.y.content.criteria[c].slice(0, 30))
  expect(text).not.toContain(apps.y.content.summary.slice(0, 30))

  // An application without flags: an empty list.
  expect((await mine('memberB', 'z')).body).toMatchObject({ applicationId: apps.z.id, flags: [] })
})

test('第十三条: an expert cannot read the flags of an application not assigned to them', async () => {
  // Another group's member, the group's leader on their member's assignment, an expert outside the committee, the chair.
  for (const who of ['memberB', 'leaderA', 'outsider', 'chair'] as const) {
    expect(await mine('memberA', 'x', tok(who))).toMatchObject({ status: 403, body: failure('FORBIDDEN') })
  }
  expect((await call(t, 'GET', '/api/expert/assignments/0123456789abcdef01234567/similarity', { token: tok('memberA') })).status).toBe(404)
  expect((await call(t, 'GET', '/api/expert/assignments/nope/similarity', { token: tok('memberA') })).status).toBe(400)
})

test('the group leader sees the flagged applications of the group they lead, and only theirs', async () => {
  const res = await group(tok('leaderA'))
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ groupName: '第一专业组', identityHidden: true })
  expect(res.body.items.map((i: { applicationId: string }) => i.applicationId).sort()).toEqual([apps.x.id, apps.y.id].sort())
  for (const item of res.body.items) expect(item.flags).toEqual([expect.objectContaining({ state: 'open', other: { kind: 'application' } })])
  // Each side is hidden from the other's view: x's flag names neither y, y's neither x.
  const [onX, onY] = [apps.x.id, apps.y.id].map((id) => JSON.stringify(res.body.items.find((i: { applicationId: string }) => i.applicationId === id).flags))
  for (const secret of identityOf('y')) expect(onX).not.toContain(secret)
  for (const secret of identityOf('x')) expect(onY).not.toContain(secret)
  // The other group's leader: their group has nothing flagged.
  expect((await group(tok('leaderB'))).body).toMatchObject({ groupName: '第二专业组', items: [] })
  // A member, the chair (not a group leader), an outsider, the office (it has the report): refused.
  for (const token of [tok('memberA'), tok('chair'), tok('outsider'), office]) expect((await group(token)).status).toBe(403)
})

test('when the call allows it, the other’s organization and title are shown, and the office’s reason; the change is audited', async () => {
  const flagId = (await mine('memberA', 'x')).body.flags[0].id
  const reason = '两家引用同一行业标准原文，已核实'
  expect((await call(t, 'POST', `/api/office/similarity-flags/${flagId}/conclusion`, { token: office, body: { conclusion: 'explain', reason } })).status).toBe(200)

  // Hidden: the conclusion, not its reason (it may name the other).
  const hidden = (await mine('memberA', 'x')).body.flags[0]
  expect(hidden).toMatchObject({ state: 'explained', concludedAt: expect.any(String) })
  expect(hidden.reason).toBeUndefined()

  const put = await call(t, 'PUT', settingsPath(), { token: office, body: { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: false } })
  expect(put.status).toBe(200)
  const shown = await mine('memberA', 'x')
  expect(shown.body.identityHidden).toBe(false)
  expect(shown.body.flags[0]).toMatchObject({ state: 'explained', reason, other: { kind: 'application', organizationName: apps.y.organizationName, title: apps.y.title } })
  expect((await group(tok('leaderA'))).body.identityHidden).toBe(false)

  // An applicant may not change it; only a real change is recorded, with who and from → to.
  expect((await call(t, 'PUT', settingsPath(), { token: applicant, body: { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: true } })).status).toBe(403)
  await call(t, 'PUT', settingsPath(), { token: office, body: { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: false } })
  await call(t, 'PUT', settingsPath(), { token: office, body: { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: true } })
  const audit = await t.db.models.Audit.find({ action: 'similarity.expertIdentity', 'resource.id': callId }).sort({ at: 1 }).lean()
  expect(audit.map((a) => [a.from, a.to, a.actor.displayName])).toEqual([
    ['向评审专家隐去对方身份', '向评审专家显示对方组织和标题', '办公室'],
    ['向评审专家显示对方组织和标题', '向评审专家隐去对方身份', '办公室'],
  ])
  const again = JSON.stringify((await mine('memberA', 'x')).body)
  for (const secret of [...identityOf('y'), reason]) expect(again).not.toContain(secret)
})

test('第十三条: the applicant never sees any of it', async () => {
  expect((await mine('memberA', 'x', applicant)).status).toBe(403)
  expect((await group(applicant)).status).toBe(403)
  const own = await call(t, 'GET', `/api/applications/${apps.x.id}`, { token: applicant })
  expect(own.status).toBe(200)
  const text = JSON.stringify(own.body)
  for (const secret of [...identityOf('y'), 'similarity', 'flag']) expect(text).not.toContain(secret)
})
