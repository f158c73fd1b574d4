import { CRITERIA, type ApplicationContent, type Criterion } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { buildApplication, buildCall, completeContent } from '../support/factories'
import { narrative, renamed, reorderSentences, seededRandom } from '../support/narratives'
import { jobRunnerFor, testClock } from '../support/notifications'
import { startTestServer, type TestServer } from '../support/server'
import type { CallRecord } from '../../server/src/models/call'

/**
 * Copied text (第二十一条, 申报材料弄虚作假): submitting compares an application's narratives with the
 * others; the office sees the report and the flags and concludes on them (audited); applicants never
 * see another applicant's text or name (第十三条).
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('similarity')
  office = await browserUser(t, ['office'], { displayName: '周办公室' })
})
afterAll(() => t.close())
beforeEach(() => t.db.models.Counter.deleteMany({}))

/** Content whose narratives are this seed's own, with some criteria given. */
function content(seed: number, given: Partial<Record<Criterion, string>> = {}): ApplicationContent {
  const r = seededRandom(seed)
  const base = completeContent()
  return {
    ...base,
    summary: narrative(r, 200).slice(0, 300),
    criteria: Object.fromEntries(CRITERIA.map((c) => [c, given[c] ?? narrative(r, 700)])) as ApplicationContent['criteria'],
  }
}

/** A draft of a new organization, submitted through the API by its member. */
async function submitted(callDoc: CallRecord, body: ApplicationContent) {
  const member = await wechatUser(t)
  const draft = await buildApplication(t.db.models, { call: callDoc, state: 'draft', memberIds: [member.id], content: body })
  const id = draft._id.toHexString()
  const res = await call(t, 'POST', `/api/applications/${id}/submit`, { token: member.token })
  expect(res.status).toBe(200)
  return { id, member, organizationId: draft.organizationId.toHexString() }
}

const report = (id: string, token = office.token) => call(t, 'GET', `/api/office/applications/${id}/similarity`, { token })
/** The report once the check queued by the submission has run (it runs right after the response). */
async function checked(id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await report(id)
    expect(res.status).toBe(200)
    if (res.body.status === 'done') return res.body
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`similarity check of ${id} did not finish`)
}
const conclude = (flagId: string, body: unknown, token = office.token) =>
  call(t, 'POST', `/api/office/similarity-flags/${flagId}/conclusion`, { token, body })

describe('第二十一条: two applications sharing a narrative are both flagged, with the passages', () => {
  let callDoc: CallRecord
  let a: Awaited<ReturnType<typeof submitted>>
  let b: Awaited<ReturnType<typeof submitted>>
  let c: Awaited<ReturnType<typeof submitted>>
  const source = narrative(seededRandom(99), 1500)

  beforeAll(async () => {
    callDoc = await buildCall(t.db.models)
    a = await submitted(callDoc, content(1, { systematic: source }))
    // The copier renames the organization and reorders the sentences, into another criterion.
    b = await submitted(callDoc, content(2, { innovative: reorderSentences(seededRandom(5), renamed(source, '公司', '本集团')) }))
    c = await submitted(callDoc, content(3))
    // Each check runs right after its submission; once all three are done, the pairs are final.
    for (const x of [a, b, c]) await checked(x.id)
  })

  test('each report names the other, the share of its text found there, and the passages side by side', async () => {
    const ra = await checked(a.id)
    const rb = await checked(b.id)
    expect(ra.matches).toHaveLength(1)
    const [m] = ra.matches
    expect(m.other).toMatchObject({ id: b.id, kind: 'application', sameCall: true, sameOrganization: false })
    expect(m.share).toBeGreaterThan(0.25)
    expect(m.flag).toMatchObject({ state: 'open', events: ['explain', 'refer', 'disqualify'] })
    const p = m.passages[0]
    expect(p.self.field).toBe('systematic')
    expect(p.other.field).toBe('innovative')
    expect(p.length).toBeGreaterThanOrEqual(15)
    expect(source).toContain(p.self.text)
    expect(rb.matches.map((x: { other: { id: string } }) => x.other.id)).toEqual([a.id])
    expect(rb.matches[0].flag.state).toBe('open')
    // The unrelated third application shares nothing worth reporting.
    expect((await checked(c.id)).matches).toEqual([])
  })

  test('the qualification queue shows the flags', async () => {
    await checked(a.id)
    const res = await call(t, 'GET', `/api/office/calls/${callDoc._id.toHexString()}/applications`, { token: office.token })
    const row = (id: string) => res.body.items.find((x: { id: string }) => x.id === id)
    expect(row(a.id).similarity).toMatchObject({ flags: 1, open: 1 })
    expect(row(b.id).similarity).toMatchObject({ flags: 1, open: 1 })
    expect(row(c.id).similarity).toBeUndefined()
  })

  test('第十三条: an applicant reaches neither report nor the other’s name or text', async () => {
    expect(await report(a.id, a.member.token)).toMatchObject({ status: 403, body: failure('FORBIDDEN') })
    expect((await call(t, 'GET', `/api/office/calls/${callDoc._id.toHexString()}/applications`, { token: b.member.token })).status).toBe(403)
    const own = await call(t, 'GET', `/api/applications/${b.id}`, { token: b.member.token })
    expect(own.status).toBe(200)
    const text = JSON.stringify(own.body)
    const other = await t.db.models.Organization.findById(a.organizationId).lean()
    expect(text).not.toContain(other!.name)
    expect(text).not.toContain('similarity')
    expect(text).not.toContain(source.slice(0, 40))
  })

  test('the office concludes on a flag with a reason, audited; a second conclusion is a conflict until reopened', async () => {
    const flagId = (await checked(a.id)).matches[0].flag.id
    const noReason = await conclude(flagId, { conclusion: 'explain', reason: '' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.fields).toEqual([{ path: 'body.reason', message: expect.any(String) }])
    expect((await conclude(flagId, { conclusion: 'explain', reason: '两家同属一个集团，共用咨询机构模板', extra: 1 })).status).toBe(400)

    const done = await conclude(flagId, { conclusion: 'refer', reason: '与另一申报的系统性叙述大段相同，移交移除程序' })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ state: 'referred', reason: '与另一申报的系统性叙述大段相同，移交移除程序', concludedBy: '周办公室', events: ['reopen'] })
    expect(await conclude(flagId, { conclusion: 'explain', reason: '再次说明一下' })).toMatchObject({
      status: 409,
      body: { error: { code: 'STATE_CONFLICT', currentState: 'referred' } },
    })
    const audit = await t.db.models.Audit.find({ 'resource.type': 'similarityFlag', 'resource.id': flagId }).lean()
    expect(audit.map((x) => [x.action, x.from, x.to, x.reason, x.actor.displayName])).toEqual([
      ['similarityFlag.refer', 'open', 'referred', '与另一申报的系统性叙述大段相同，移交移除程序', '周办公室'],
    ])
    const reopened = await conclude(flagId, { conclusion: 'reopen', reason: '误操作，重新审查' })
    expect(reopened.body).toMatchObject({ state: 'open', events: ['explain', 'refer', 'disqualify'] })
    expect(reopened.body.reason).toBeUndefined()
    expect(await conclude('0123456789abcdef01234567', { conclusion: 'explain', reason: '不存在的标记' })).toMatchObject({
      status: 404,
      body: failure('SIMILARITY_FLAG_NOT_FOUND'),
    })
    expect((await conclude(flagId, { conclusion: 'explain', reason: '申报组织无权' }, a.member.token)).status).toBe(403)
  })

  test('the threshold is set per call: above the share, open flags go; concluded ones keep their conclusion', async () => {
    const path = `/api/office/calls/${callDoc._id.toHexString()}/similarity-settings`
    expect((await call(t, 'GET', path, { token: office.token })).body).toEqual({ thresholdPercent: 20, templateText: '', hideIdentityFromExperts: true })
    const flagB = (await checked(b.id)).matches[0].flag.id
    await conclude(flagB, { conclusion: 'explain', reason: '已核实为共同引用的行业资料' })

    const put = await call(t, 'PUT', path, { token: office.token, body: { thresholdPercent: 90, templateText: '', hideIdentityFromExperts: false } })
    expect(put.status).toBe(200)
    expect((await checked(a.id)).matches[0].flag).toBeUndefined()
    expect((await checked(b.id)).matches[0].flag).toMatchObject({ state: 'explained' })
    expect((await call(t, 'PUT', path, { token: office.token, body: { thresholdPercent: 2, templateText: '', hideIdentityFromExperts: false } })).status).toBe(400)
    expect((await call(t, 'PUT', path, { token: a.member.token, body: { thresholdPercent: 30, templateText: '', hideIdentityFromExperts: false } })).status).toBe(403)

    await call(t, 'PUT', path, { token: office.token, body: { thresholdPercent: 20, templateText: '', hideIdentityFromExperts: false } })
    expect((await checked(a.id)).matches[0].flag).toMatchObject({ state: 'open' })
    const audit = await t.db.models.Audit.find({ action: 'similarity.settings', 'resource.id': callDoc._id.toHexString() }).lean()
    expect(audit.map((x) => x.to)).toEqual(['90%', '20%'])
  })
})

describe('boilerplate alone is not flagged (第六条, the call’s template)', () => {
  const template =
    '一、组织概况与经验背景（请简述组织基本情况、主营业务与质量管理发展历程，说明提炼该经验的出发点）' +
    '二、主要做法与创新点（请围绕所运用的质量管理方法展开，说明方法的适用条件、实施步骤、关键控制点和配套机制）' +
    '三、实施成效与对比数据（请列出近三年关键质量指标的变化，并与竞争对手和标杆组织的数据进行对比，注明数据来源）' +
    '四、推广价值与改进方向（请说明该经验在行业内外的借鉴价值以及下一步迭代升级的计划）'
  const quote =
    '所运用的相关质量管理方法（技术）符合科学规律，符合质量管理基本规律。能够对组织质量管理多年实践进行深入总结，系统展示对相关质量管理方法（技术）的应用情况，内容完整、逻辑清晰、重点突出。'
  /** Every narrative: the template's headings, a quote of 第六条, and a little of its own. */
  const templated = (seed: number) => {
    const r = seededRandom(seed)
    return content(seed, Object.fromEntries(CRITERIA.map((c) => [c, template + quote + narrative(r, 150)])))
  }
  const pairIn = async (callDoc: CallRecord, seeds: [number, number]) => {
    const x = await submitted(callDoc, templated(seeds[0]))
    const y = await submitted(callDoc, templated(seeds[1]))
    await checked(y.id)
    const rx = await checked(x.id)
    return rx.matches.filter((m: { other: { id: string } }) => m.other.id === y.id)
  }

  test('two applications made of the measures and the call’s template text: nothing counts once the office gave the template', async () => {
    const withTemplate = await buildCall(t.db.models)
    await call(t, 'PUT', `/api/office/calls/${withTemplate._id.toHexString()}/similarity-settings`, {
      token: office.token,
      body: { thresholdPercent: 20, templateText: template, hideIdentityFromExperts: false },
    })
    expect(await pairIn(withTemplate, [31, 32])).toEqual([])
    // The same pair in a call whose template the office has not given: the template's wording counts.
    const [flagged] = await pairIn(await buildCall(t.db.models), [33, 34])
    expect(flagged.flag.state).toBe('open')
    expect(flagged.share).toBeGreaterThanOrEqual(0.2)
    expect(flagged.passages[0].self.text.startsWith(template.slice(0, 30))).toBe(true)
  })
})

describe('the check cannot be lost (第二十一条)', () => {
  test('a check queued with a submission and never run (the process died) is run by the similarity.check job', async () => {
    const callDoc = await buildCall(t.db.models)
    const shared = narrative(seededRandom(21), 1200)
    const first = await submitted(callDoc, content(22, { effective: shared }))
    await checked(first.id)
    // As if the server died right after the submission's update: built directly, due, never checked.
    const org = await buildApplication(t.db.models, { call: callDoc, content: content(23, { developmental: shared }) })
    const lost = org._id.toHexString()
    await t.db.models.Application.updateOne({ _id: org._id }, { $set: { similarityDueAt: new Date(Date.now() - 60_000) } })
    expect((await report(lost)).body).toMatchObject({ status: 'pending', matches: [] })

    const clock = testClock()
    const runner = jobRunnerFor(t, { instanceId: 'similarity-test', clock })
    expect(await runner.runOnce('similarity.check')).toMatchObject({ ran: true, outcome: 'checked 1' })
    const done = await report(lost)
    expect(done.body.status).toBe('done')
    expect(done.body.matches[0]).toMatchObject({ other: { id: first.id }, flag: { state: 'open' } })
    expect((await report(first.id)).body.matches[0].other.id).toBe(lost)
    expect(await runner.runOnce('similarity.check')).toMatchObject({ outcome: 'checked 0' })
  })

  test('drafts are not reported: 404', async () => {
    const draft = await buildApplication(t.db.models, { state: 'draft' })
    expect(await report(draft._id.toHexString())).toMatchObject({ status: 404, body: failure('APPLICATION_NOT_FOUND') })
  })
})
