import { ELIGIBILITY_RULES, reviewDateOf, type EligibilityRule } from '@zlbg/shared'
import { browserUser, call, failure, wechatUser } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'
import { jobRunnerFor, testClock } from '../support/notifications'
import { buildApplication, buildCall, setProfile, thisYear, type ApplicationOptions } from '../support/factories'

/**
 * Qualification review (资格审查, 第十五条) against the conditions of 第八条 and the sectors of 第七条:
 * the reviewer's queue, decisions, supplement requests (补正) and their deadline, batch decisions, and
 * what the applicant is told — never who reviewed it (第十三条).
 */
const DAY = 86_400_000
const REVIEWER = '李审查员'
const SECOND_REVIEWER = '赵复核员'

let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
let second: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('qualification')
  office = await browserUser(t, ['office'], { displayName: REVIEWER })
  second = await browserUser(t, ['office'], { displayName: SECOND_REVIEWER })
})
afterAll(() => t.close())
// Every test signs in several WeChat users: keep the sign-in rate limit out of the way.
beforeEach(() => t.db.models.Counter.deleteMany({}))

/** An application of a fresh organization whose two members are signed in through WeChat. */
async function applicant(opts: ApplicationOptions = {}) {
  const member = await wechatUser(t)
  const colleague = await wechatUser(t)
  const app = await buildApplication(t.db.models, { memberIds: [member.id, colleague.id], ...opts })
  return { member, colleague, app, id: app._id.toHexString() }
}

type Finding = { rule: EligibilityRule; outcome: 'pass' | 'fail'; reason?: string }
/** A finding per condition: pass unless given. */
const findings = (given: Partial<Record<EligibilityRule, Omit<Finding, 'rule'>>> = {}): Finding[] =>
  ELIGIBILITY_RULES.map((rule) => ({ rule, outcome: 'pass', ...given[rule] }))

const officeView = (id: string, token = office.token) => call(t, 'GET', `/api/office/applications/${id}`, { token })
const start = (id: string, token = office.token) => call(t, 'POST', `/api/office/applications/${id}/qualification/start`, { token })
const decide = (id: string, body: unknown, token = office.token) =>
  call(t, 'POST', `/api/office/applications/${id}/qualification/decision`, { token, body })
const applicantView = (id: string, token: string) => call(t, 'GET', `/api/applications/${id}`, { token })
const resubmit = (id: string, token: string) => call(t, 'POST', `/api/applications/${id}/resubmit`, { token })
/** A date N days from today on the Beijing calendar. */
const localDay = (days: number) => reviewDateOf(new Date(Date.now() + days * DAY))
const outboxOf = (id: string) => t.db.models.Outbox.find({ 'cause.type': 'application', 'cause.id': id }).lean()
const auditOf = (id: string, action: string) => t.db.models.Audit.find({ 'resource.type': 'application', 'resource.id': id, action }).lean()

const underReview = (opts: ApplicationOptions = {}) => applicant({ state: 'qualification_review', ...opts })

describe('the reviewer’s queue and view (第十五条)', () => {
  test('submitted applications of a call are listed with their pre-check counts', async () => {
    const callDoc = await buildCall(t.db.models)
    const clean = await applicant({ call: callDoc })
    const failing = await applicant({ call: callDoc, profile: { callYear: callDoc.year, certificate: 'expired' } })
    const res = await call(t, 'GET', `/api/office/calls/${callDoc._id.toHexString()}/applications?state=submitted`, { token: office.token })
    expect(res.status).toBe(200)
    const rows = new Map(res.body.items.map((r: { id: string }) => [r.id, r]))
    expect(rows.get(clean.id)).toMatchObject({ state: 'submitted', precheck: { pass: 5, fail: 0, judgement: 1 } })
    expect(rows.get(failing.id)).toMatchObject({ state: 'submitted', precheck: { pass: 4, fail: 1, judgement: 1 } })
  })

  test('the office view shows the snapshot, the pre-check with evidence and the events it may send', async () => {
    const { id, app } = await applicant({ profile: { certificate: 'notYetIssued' } })
    const res = await officeView(id)
    expect(res.status).toBe(200)
    expect(res.body.profileSnapshot).toEqual(app.profileSnapshot)
    expect(res.body.precheck.results.map((r: { rule: string }) => r.rule)).toEqual([...ELIGIBILITY_RULES])
    expect(res.body.precheck.results.find((r: { rule: string }) => r.rule === 'iso9001')).toMatchObject({
      outcome: 'fail',
      explanation: expect.stringContaining('晚于审查日期'),
      evidence: expect.arrayContaining([{ label: '证书编号', value: app.profileSnapshot!.iso9001.certificateNumber }]),
    })
    expect(res.body.events).toEqual(['startQualification'])
    expect(res.body.log).toEqual([])
  })

  test('drafts are not the office’s to see, and applicants cannot open the office view', async () => {
    const draft = await applicant({ state: 'draft' })
    expect((await officeView(draft.id)).body).toEqual(failure('APPLICATION_NOT_FOUND'))
    const submitted = await applicant()
    expect((await officeView(submitted.id, submitted.member.token)).status).toBe(403)
    expect((await start(submitted.id, submitted.member.token)).status).toBe(403)
  })
})

describe('starting and deciding (第十五条)', () => {
  test('start moves it into review once; a second start is 409 with the current state', async () => {
    const { id, member } = await applicant()
    const res = await start(id)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ state: 'qualification_review', events: ['requestSupplement', 'qualify', 'disqualify'] })
    expect(res.body.log).toEqual([
      { at: expect.any(String), from: 'submitted', to: 'qualification_review', action: 'application.startQualification', actor: REVIEWER },
    ])
    expect((await start(id)).body).toEqual(failure('STATE_CONFLICT', { currentState: 'qualification_review' }))
    // 第十四条: once review has started the organization can no longer withdraw.
    const withdraw = await call(t, 'POST', `/api/applications/${id}/withdraw`, { token: member.token, body: {} })
    expect(withdraw.body).toEqual(failure('STATE_CONFLICT', { currentState: 'qualification_review' }))
  })

  test('qualify: findings stored with the reviewer’s name; the applicant sees the stage, not who', async () => {
    const { id, member, colleague } = await underReview()
    const res = await decide(id, { decision: 'qualify', findings: findings({ maturePractice: { outcome: 'pass', reason: '应用五年，成效数据完整' } }) })
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('qualified')
    expect(res.body.findings).toHaveLength(6)
    expect(res.body.findings[3]).toEqual({ rule: 'maturePractice', outcome: 'pass', reason: '应用五年，成效数据完整', by: REVIEWER, at: expect.any(String) })
    expect(res.body.log.at(-1)).toMatchObject({ action: 'application.qualify', from: 'qualification_review', to: 'qualified', actor: REVIEWER })
    expect(res.body.events).toEqual(['startMaterialReview'])

    const mine = await applicantView(id, member.token)
    expect(mine.body).toMatchObject({ state: 'qualified', stageLabel: '已通过资格审查' })
    expect(mine.body.history.map((h: { state: string }) => h.state)).toEqual(['submitted', 'qualification_review', 'qualified'])
    expect(JSON.stringify(mine.body)).not.toContain(REVIEWER)
    expect(mine.body).not.toHaveProperty('findings')

    const notices = await outboxOf(id)
    expect(new Set(notices.map((n) => n.recipientUserId.toHexString()))).toEqual(new Set([member.id, colleague.id]))
    expect(notices.map((n) => n.channel).sort()).toEqual(['inapp', 'inapp', 'wechat_subscribe', 'wechat_subscribe'])
    for (const n of notices) {
      expect(n).toMatchObject({ kind: 'application.qualified', ...(n.channel === 'wechat_subscribe' ? { template: 'application_progress' } : {}) })
      expect(n.content).toMatchObject({ status: '通过', link: `/subpackages/org/applications/detail?id=${id}` })
      expect(JSON.stringify(n.content)).not.toContain(REVIEWER)
    }
  })

  test('overriding an automatic result needs a reason, named by its finding', async () => {
    const { id } = await underReview({ profile: { lossYear: thisYear() - 2 } })
    const view = await officeView(id)
    expect(view.body.precheck.results[1]).toMatchObject({ rule: 'legalStanding', outcome: 'fail' })

    const bare = await decide(id, { decision: 'qualify', findings: findings() })
    // Judged against the stored pre-check: a rule the document cannot state (422).
    expect(bare.status).toBe(422)
    expect(bare.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path: 'body.findings.1.reason', message: '与自动预审结果不同，请填写理由' }] }))
    expect((await officeView(id)).body.state).toBe('qualification_review')

    const reasoned = await decide(id, { decision: 'qualify', findings: findings({ legalStanding: { outcome: 'pass', reason: '审计报告显示该年度实际盈利，系填报错误' } }) })
    expect(reasoned.status).toBe(200)
    expect(reasoned.body.state).toBe('qualified')
  })

  test('disqualify: a reason per failed condition, sent to the applicant without the reviewer’s name; audited with who and why', async () => {
    const { id, member } = await underReview({ profile: { willing: false } })
    const missing = await decide(id, { decision: 'disqualify', findings: findings({ sharing: { outcome: 'fail' } }) })
    expect(missing.status).toBe(422)
    expect(missing.body.error.fields).toEqual([{ path: 'body.findings.4.reason', message: '请填写不符合的理由（将告知申报组织）' }])

    const reason = '申报时声明不愿意参与分享交流活动'
    const res = await decide(id, { decision: 'disqualify', findings: findings({ sharing: { outcome: 'fail', reason } }) })
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('ineligible')

    const mine = await applicantView(id, member.token)
    expect(mine.body).toMatchObject({ state: 'ineligible', ineligibleReasons: [{ condition: '愿意参与分享交流活动', reason }], actions: [] })
    expect(JSON.stringify(mine.body)).not.toContain(REVIEWER)

    const [record] = await auditOf(id, 'application.disqualify')
    expect(record).toMatchObject({
      actor: { userId: expect.anything(), displayName: REVIEWER, roles: ['office'] },
      from: 'qualification_review',
      to: 'ineligible',
      reason: `愿意参与分享交流活动：${reason}`,
    })
    const notices = await outboxOf(id)
    expect(notices).toHaveLength(4)
    for (const n of notices) {
      expect(n).toMatchObject({ kind: 'application.ineligible', content: { status: '未通过' } })
      expect(n.content.body).toContain(reason)
      expect(JSON.stringify(n.content)).not.toContain(REVIEWER)
    }
  })

  test('a decision outside review is 409 with the current state', async () => {
    const { id } = await applicant()
    expect((await decide(id, { decision: 'qualify', findings: findings() })).body).toEqual(failure('STATE_CONFLICT', { currentState: 'submitted' }))
  })

  test('two reviewers deciding at once: one wins, the other gets 409 with the fresh state', async () => {
    const { id } = await underReview()
    const [a, b] = await Promise.all([
      decide(id, { decision: 'qualify', findings: findings() }, office.token),
      decide(id, { decision: 'disqualify', findings: findings({ maturePractice: { outcome: 'fail', reason: '方法应用不足一年，尚未成熟' } }) }, second.token),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([200, 409])
    const winner = a.status === 200 ? a : b
    const loser = a.status === 200 ? b : a
    expect(loser.body).toEqual(failure('STATE_CONFLICT', { currentState: winner.body.state }))
    expect((await officeView(id)).body.state).toBe(winner.body.state)
    // Only the winner's step was recorded and announced.
    const decisions = await t.db.models.Audit.countDocuments({ 'resource.id': id, action: { $in: ['application.qualify', 'application.disqualify'] } })
    expect(decisions).toBe(1)
    expect(new Set((await outboxOf(id)).map((n) => n.kind)).size).toBe(1)
  })
})

describe('supplement requests (补正, 第十五条)', () => {
  test('request → the applicant edits only the requested section → resubmits → back in the queue with a fresh pre-check', async () => {
    const callDoc = await buildCall(t.db.models)
    const lossYear = callDoc.year - 1
    const { id, member, colleague, app } = await underReview({ call: callDoc, profile: { callYear: callDoc.year, lossYear } })
    const callId = callDoc._id.toHexString()

    const today = await decide(id, { decision: 'requestSupplement', sections: ['summary'], message: '请补充量化成效', deadline: localDay(0) })
    expect(today.status).toBe(422)
    expect(today.body.error.fields).toEqual([{ path: 'body.deadline', message: '补正期限应晚于今天' }])

    const deadline = localDay(3)
    const message = '请补充经验摘要中的量化成效，并核对近三年净利润'
    const res = await decide(id, { decision: 'requestSupplement', sections: ['summary', 'profile.profits'], message, deadline })
    expect(res.status).toBe(200)
    const deadlineInstant = new Date(`${deadline}T23:59:59.999+08:00`).toISOString()
    expect(res.body).toMatchObject({ state: 'supplement_requested', supplement: { sections: ['summary', 'profile.profits'], message, deadline: deadlineInstant } })
    expect(res.body.log.at(-1)).toMatchObject({ action: 'application.requestSupplement', actor: REVIEWER, reason: message })

    const notices = await outboxOf(id)
    expect(notices.filter((n) => n.channel === 'inapp').map((n) => n.recipientUserId.toHexString()).sort()).toEqual([member.id, colleague.id].sort())
    for (const n of notices) {
      expect(n).toMatchObject({ kind: 'application.supplementRequested', content: { status: '需补正' } })
      if (n.channel === 'wechat_subscribe') expect(n.template).toBe('application_progress')
      expect(n.content.time?.toISOString()).toBe(deadlineInstant)
      expect(JSON.stringify(n.content)).not.toContain(REVIEWER)
    }

    const mine = await applicantView(id, member.token)
    expect(mine.body).toMatchObject({ state: 'supplement_requested', actions: ['edit', 'resubmit'], supplement: { message, deadline: deadlineInstant } })
    expect(JSON.stringify(mine.body)).not.toContain(REVIEWER)

    const content = app.content as Record<string, unknown>
    const outside = await call(t, 'PUT', `/api/applications/${id}/draft`, { token: member.token, body: { ...content, title: '改过的标题不在补正范围' } })
    expect(outside.status).toBe(422)
    // The draft route names the section (its own path convention).
    expect(outside.body.error.fields).toEqual([{ path: expect.stringMatching(/(^|\.)title$/), message: '该部分不在补正范围内' }])

    const summary = `${content.summary as string}实施后一次交检合格率由 98.2% 提升至 99.1%，质量损失率下降 35%。`
    const edited = await call(t, 'PUT', `/api/applications/${id}/draft`, { token: member.token, body: { ...content, summary } })
    expect(edited.status).toBe(200)
    // The organization corrects its profits on its profile; resubmitting copies them into the snapshot.
    const org = await t.db.models.Organization.findById(app.organizationId).lean()
    const fixedProfits = org!.profile!.profits.map((p) => (p.year === lossYear ? { ...p, netProfitWan: 66 } : p))
    await setProfile(t.db.models, app.organizationId, { ...org!.profile!, profits: fixedProfits, industry: '这一改动不在补正范围' })

    const back = await resubmit(id, member.token)
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ state: 'qualification_review', actions: [] })
    expect(back.body).not.toHaveProperty('supplement')
    expect(back.body.content.summary).toBe(summary)

    const view = await officeView(id)
    expect(view.body.profileSnapshot.profits).toEqual(fixedProfits)
    expect(view.body.profileSnapshot.industry).toBe(app.profileSnapshot!.industry)
    expect(view.body.precheck.results[1]).toMatchObject({ rule: 'legalStanding', outcome: 'pass' })
    expect(view.body.log.at(-1)).toMatchObject({ action: 'application.resubmitSupplement', from: 'supplement_requested', to: 'qualification_review' })

    const queue = await call(t, 'GET', `/api/office/calls/${callId}/applications?state=qualification_review`, { token: office.token })
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id)
    expect((await resubmit(id, member.token)).body).toEqual(failure('STATE_CONFLICT', { currentState: 'qualification_review' }))
  })

  test('resubmitting needs complete content, named by its path', async () => {
    const { id, member, app } = await applicant({ state: 'supplement_requested', supplementSections: ['summary'] })
    const saved = await call(t, 'PUT', `/api/applications/${id}/draft`, { token: member.token, body: { ...(app.content as object), summary: '太短' } })
    expect(saved.status).toBe(200)
    const res = await resubmit(id, member.token)
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([{ path: 'content.summary', message: '摘要至少 50 个字' }])
  })

  test('a requested profile part that is now incomplete is PROFILE_INCOMPLETE', async () => {
    const { id, member, app } = await applicant({ state: 'supplement_requested', supplementSections: ['profile.contacts'] })
    const org = await t.db.models.Organization.findById(app.organizationId).lean()
    await setProfile(t.db.models, app.organizationId, { ...org!.profile!, contacts: [] })
    const res = await resubmit(id, member.token)
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'PROFILE_INCOMPLETE', fields: [{ path: 'profile.contacts', message: '请至少填写一位联系人' }] })
  })

  test('after the deadline, before the job ran: 409 SUPPLEMENT_OVERDUE; others may not resubmit', async () => {
    const late = await applicant({ state: 'supplement_requested', supplementDeadline: new Date(Date.now() - 60_000) })
    expect((await resubmit(late.id, late.member.token)).body).toEqual(failure('SUPPLEMENT_OVERDUE'))
    const open = await applicant({ state: 'supplement_requested' })
    expect((await resubmit(open.id, late.member.token)).status).toBe(403)
  })

  test('the deadline job marks missed requests overdue, once; the reviewer then decides', async () => {
    const { id, member } = await underReview()
    const deadline = localDay(1)
    await decide(id, { decision: 'requestSupplement', sections: ['criteria'], message: '请补充示范性的行业推广情况', deadline })
    const stillOpen = await underReview()
    await decide(stillOpen.id, { decision: 'requestSupplement', sections: ['criteria'], message: '请补充示范性的行业推广情况', deadline: localDay(10) })

    const clock = testClock(new Date(Date.now() + 3 * DAY))
    // The server's own job list (jobs/index.ts) carries the deadline job.
    const runner = jobRunnerFor(t, { instanceId: 'qualification-test', clock })
    const first = await runner.runOnce('qualification.supplementDeadline')
    expect(first).toMatchObject({ ran: true, outcome: expect.stringMatching(/^overdue [1-9]/) })
    expect((await officeView(id)).body).toMatchObject({ state: 'supplement_overdue', events: ['requestSupplement', 'qualify', 'disqualify'] })
    expect((await officeView(stillOpen.id)).body.state).toBe('supplement_requested')
    clock.advance(60_000)
    expect(await runner.runOnce('qualification.supplementDeadline')).toMatchObject({ ran: true, outcome: 'overdue 0' })

    const [record] = await auditOf(id, 'application.supplementDeadlinePassed')
    expect(record).toMatchObject({ actor: { displayName: '系统', roles: ['system'] }, from: 'supplement_requested', to: 'supplement_overdue' })
    expect(await auditOf(id, 'application.supplementDeadlinePassed')).toHaveLength(1)

    expect((await applicantView(id, member.token)).body).toMatchObject({ state: 'supplement_overdue', stageLabel: '补正已逾期', actions: [] })
    expect((await resubmit(id, member.token)).body).toEqual(failure('SUPPLEMENT_OVERDUE'))

    const decided = await decide(id, { decision: 'disqualify', findings: findings({ maturePractice: { outcome: 'fail', reason: '逾期未补充示范性材料，无法认定成熟应用' } }) })
    expect(decided.status).toBe(200)
    expect(decided.body.state).toBe('ineligible')
    expect(decided.body).not.toHaveProperty('supplement')
  })
})

describe('batch decisions on selected rows', () => {
  test('start and qualify answer per row: done, conflict, pre-check failed, or not of this call', async () => {
    const callDoc = await buildCall(t.db.models)
    const callId = callDoc._id.toHexString()
    const fresh = await applicant({ call: callDoc })
    const reviewing = await applicant({ call: callDoc, state: 'qualification_review' })
    const failing = await applicant({ call: callDoc, state: 'qualification_review', profile: { callYear: callDoc.year, certificate: 'expired' } })
    const done = await applicant({ call: callDoc, state: 'qualified' })
    const elsewhere = await applicant()
    const batch = (action: string, ids: string[]) =>
      call(t, 'POST', `/api/office/calls/${callId}/qualification/batch`, { token: office.token, body: { action, applicationIds: ids } })

    const started = await batch('start', [fresh.id, reviewing.id, elsewhere.id])
    expect(started.status).toBe(200)
    expect(started.body.items).toEqual([
      { id: fresh.id, ok: true, state: 'qualification_review' },
      { id: reviewing.id, ok: false, code: 'STATE_CONFLICT', message: expect.any(String), state: 'qualification_review' },
      { id: elsewhere.id, ok: false, code: 'APPLICATION_NOT_FOUND', message: '申报不存在' },
    ])

    const qualified = await batch('qualify', [fresh.id, reviewing.id, failing.id, done.id, elsewhere.id])
    expect(qualified.body.items).toEqual([
      { id: fresh.id, ok: true, state: 'qualified' },
      { id: reviewing.id, ok: true, state: 'qualified' },
      { id: failing.id, ok: false, code: 'PRECHECK_FAILED', message: '自动预审有不符合项，请逐项审查后再作决定', state: 'qualification_review' },
      { id: done.id, ok: false, code: 'STATE_CONFLICT', message: expect.any(String), state: 'qualified' },
      { id: elsewhere.id, ok: false, code: 'APPLICATION_NOT_FOUND', message: '申报不存在' },
    ])
    const view = await officeView(fresh.id)
    expect(view.body.findings).toEqual(
      ELIGIBILITY_RULES.map((rule) => ({
        rule,
        outcome: 'pass',
        ...(rule === 'maturePractice' ? { reason: expect.stringContaining('审查人') } : {}),
        by: REVIEWER,
        at: expect.any(String),
      })),
    )
    expect(await auditOf(fresh.id, 'application.qualify')).toHaveLength(1)
    expect((await outboxOf(reviewing.id)).map((n) => n.kind)).toContain('application.qualified')
    expect((await officeView(elsewhere.id)).body.state).toBe('submitted')
  })

  test('an unknown call is 404 CALL_NOT_FOUND', async () => {
    const res = await call(t, 'POST', '/api/office/calls/0123456789abcdef01234567/qualification/batch', {
      token: office.token,
      body: { action: 'start', applicationIds: ['0123456789abcdef01234567'] },
    })
    expect(res.body).toEqual(failure('CALL_NOT_FOUND'))
  })
})
