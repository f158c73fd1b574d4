import mongoose from 'mongoose'
import { DEFAULT_REVIEW_PLAN, type ApplicationState } from '@zlbg/shared'
import { browserUser, call, failure, uploadPdf, wechatUser } from '../support/api'
import { buildApplication, buildCall } from '../support/factories'
import { buildExpert, committeeBody, type BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Deliberation (合议) and sign-off (第十一条, 第十六条, 第十七条), defense slots and site visits
 * (第十七条), and what the applicant sees of all this (第十三条: nothing of the committee).
 */
const DAY = 86_400_000

let t: TestServer
let office: string
let callId: string
let groupId: string
const people: Record<'chair' | 'vice' | 'vice2' | 'leader' | 'member' | 'member2', BuiltExpert> = {} as never
const apps: { id: string; member: Awaited<ReturnType<typeof wechatUser>> }[] = []
const NOTES = '材料翔实，量化成效突出，建议入围答辩评审的内部意见'
const FINDINGS = '现场核实了质量改进项目的台账和数据，成效属实的内部考察发现'

const put = (id: string, state: ApplicationState) =>
  t.db.models.Application.updateOne({ _id: id }, { $set: { state }, $push: { history: { state, at: new Date() } } })
const stateOf = async (id: string) => (await t.db.models.Application.findById(id, { state: 1 }).lean())!.state

beforeAll(async () => {
  t = await startTestServer('deliberations')
  office = (await browserUser(t, ['office'])).token
  const models = t.db.models
  const callDoc = await buildCall(models)
  callId = callDoc._id.toHexString()
  people.chair = await buildExpert(t, { name: '周主任', competent: true })
  people.vice = await buildExpert(t, { name: '吴副主任', competent: true })
  people.vice2 = await buildExpert(t, { name: '郑副主任', competent: true })
  people.leader = await buildExpert(t, { name: '王组长' })
  people.member = await buildExpert(t, { name: '冯委员' })
  people.member2 = await buildExpert(t, { name: '陈委员' })
  const body = committeeBody(people.chair.id, [people.vice.id, people.vice2.id], [
    { name: '制造业组', leaderId: people.leader.id, memberIds: [people.member.id, people.member2.id] },
  ])
  const committee = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
  expect(committee.status).toBe(200)
  groupId = committee.body.groups[0].id
  for (let i = 0; i < 3; i++) {
    const member = await wechatUser(t)
    const app = await buildApplication(models, { call: callDoc, state: 'qualified', memberIds: [member.id] })
    const id = app._id.toHexString()
    expect((await call(t, 'PUT', `/api/office/calls/${callId}/placements/${id}`, { token: office, body: { groupId, reason: '按行业分组' } })).status).toBe(200)
    await put(id, 'material_review')
    apps.push({ id, member })
  }
  // 回避: 冯委员 has an active conflict on the first application.
  await models.Conflict.create({ callId: callDoc._id, expertId: people.member.expert._id, applicationId: new mongoose.Types.ObjectId(apps[0]!.id), kind: 'declared', detail: '曾任该组织顾问' })
  for (const p of [people.chair, people.vice, people.vice2]) {
    expect((await call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token: p.token! })).status).toBe(200)
  }
})
afterAll(() => t.close())

const meeting = (attendees: BuiltExpert[], round: 'material' | 'defense' = 'material') => ({
  round,
  date: new Date(Date.now() - DAY).toISOString().slice(0, 10),
  place: '第一会议室',
  attendeeIds: attendees.map((p) => p.id),
})

let materialId = ''

describe('the record of a deliberation (第十一条, 第十六条)', () => {
  test('a deliberation without the chair or a vice chair is refused', async () => {
    const res = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.leader, people.member, people.member2]) })
    expect(res.status).toBe(422)
    expect(res.body).toEqual(failure('DELIBERATION_PRESIDING_ABSENT', { fields: [expect.objectContaining({ path: 'attendeeIds' })] }))
    expect(await t.db.models.Deliberation.countDocuments({ callId })).toBe(0)
  })

  test('fewer attendees than the quorum (default 3) is refused; so is someone outside the committee', async () => {
    const few = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.leader]) })
    expect(few.body).toEqual(failure('DELIBERATION_QUORUM', { fields: [expect.objectContaining({ path: 'attendeeIds' })] }))
    const outsider = await buildExpert(t)
    const res = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.leader, outsider]) })
    expect(res.body).toEqual(failure('DELIBERATION_INVALID', { fields: [{ path: 'attendeeIds.2', message: '该专家不是本次评审委员会的委员' }] }))
  })

  test('第十一条 the quorum is the call’s own: raised to 5, four attendees are refused; back to 3, they are enough', async () => {
    const input = DEFAULT_REVIEW_PLAN
    expect((await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: { ...input, quorum: 5 } })).status).toBe(200)
    const four = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.vice, people.leader, people.member]) })
    expect(four.body).toEqual(failure('DELIBERATION_QUORUM', { fields: [{ path: 'attendeeIds', message: '出席委员 4 人，不足法定人数 5 人' }] }))
    expect((await call(t, 'PUT', `/api/office/calls/${callId}/review-plan`, { token: office, body: { ...input, quorum: 3 } })).status).toBe(200)
    expect(await t.db.models.Deliberation.countDocuments({ callId })).toBe(0)
  })

  test('the record lists the round’s applications, recuses a conflicted member automatically, one open record per round', async () => {
    const res = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.vice, people.leader, people.member]) })
    expect([res.status, res.body.error]).toEqual([201, undefined])
    materialId = res.body.id
    expect(res.body.state).toBe('draft')
    expect(res.body.items.map((i: { applicationId: string }) => i.applicationId).sort()).toEqual(apps.map((a) => a.id).sort())
    const first = res.body.items.find((i: { applicationId: string }) => i.applicationId === apps[0]!.id)
    expect(first.recused).toEqual([{ expertId: people.member.id, name: '冯委员', place: 'member' }])
    expect(first.deciding).toBe(3)
    expect(res.body.blockers).toContain('3 件申报尚未作出结论')
    expect(res.body.actions).toEqual(['edit'])
    const again = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.vice, people.leader]) })
    expect(again.body).toEqual(failure('DELIBERATION_OPEN'))
  })

  test('signing an undecided record is refused; a decision of the other round is refused naming the field', async () => {
    const early = await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.chair.token! })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('DELIBERATION_NOT_READY')
    const wrong = await call(t, 'PUT', `/api/office/deliberations/${materialId}`, {
      token: office,
      body: { ...meeting([people.chair, people.vice, people.leader, people.member]), round: undefined, items: [{ applicationId: apps[0]!.id, decision: 'recommended', notes: '' }] },
    })
    expect(wrong.body).toEqual(failure('DELIBERATION_INVALID', { fields: [{ path: 'items.0.decision', message: '该结论不属于本轮评审' }] }))
  })

  test('the office records the decisions; nobody but the chair or a vice chair who attended may sign', async () => {
    const saved = await call(t, 'PUT', `/api/office/deliberations/${materialId}`, {
      token: office,
      body: {
        date: meeting([]).date,
        attendeeIds: [people.chair.id, people.vice.id, people.leader.id, people.member.id],
        minutes: '会议由主任委员主持。',
        items: [
          { applicationId: apps[0]!.id, decision: 'shortlisted', notes: NOTES },
          { applicationId: apps[1]!.id, decision: 'not_shortlisted', notes: '' },
          { applicationId: apps[2]!.id, decision: 'shortlisted', notes: '' },
        ],
      },
    })
    expect(saved.status).toBe(200)
    expect(saved.body.blockers).toEqual([])
    // The group leader is not the chair: 403 on the route's rule.
    expect((await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.leader.token! })).status).toBe(403)
    // A vice chair who was not at the meeting cannot stand in for it.
    const absent = await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.vice2.token! })
    expect(absent.body).toEqual(failure('DELIBERATION_SIGNER_INVALID'))
    // The office is not the chair either.
    expect((await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: office })).status).toBe(403)
    expect(await stateOf(apps[0]!.id)).toBe('material_review')
  })

  test('the chair signs: each application moves by its decision, the applicant is told; a retried sign-off changes nothing', async () => {
    const mine = await call(t, 'GET', '/api/expert/deliberations', { token: people.chair.token! })
    expect(mine.body.items).toEqual([expect.objectContaining({ id: materialId, state: 'draft', applications: 3 })])
    const view = await call(t, 'GET', `/api/expert/deliberations/${materialId}`, { token: people.chair.token! })
    expect(view.body.actions).toEqual(['sign'])

    const signed = await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.chair.token! })
    expect(signed.status).toBe(200)
    expect(signed.body).toMatchObject({ state: 'signed', signedBy: '周主任', signedAs: 'chair' })
    expect(signed.body.items.every((i: { applied: boolean }) => i.applied)).toBe(true)
    expect([await stateOf(apps[0]!.id), await stateOf(apps[1]!.id), await stateOf(apps[2]!.id)]).toEqual(['shortlisted', 'not_shortlisted', 'shortlisted'])
    const audit = await t.db.models.Audit.find({ action: 'application.shortlist', 'resource.id': apps[0]!.id }).lean()
    expect(audit).toHaveLength(1)
    const notices = await t.db.models.Outbox.find({ recipientUserId: apps[0]!.member.id, kind: 'application.shortlisted' }).lean()
    expect(notices.map((n) => n.channel).sort()).toEqual(['inapp', 'wechat_subscribe'])

    const again = await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.chair.token! })
    expect(again.status).toBe(200)
    expect(await t.db.models.Audit.countDocuments({ action: 'application.shortlist', 'resource.id': apps[0]!.id })).toBe(1)
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: apps[0]!.member.id, kind: 'application.shortlisted' })).toBe(2)
    // A signed record is final.
    const edit = await call(t, 'PUT', `/api/office/deliberations/${materialId}`, { token: office, body: { date: meeting([]).date, attendeeIds: [people.chair.id, people.vice.id, people.leader.id], items: [] } })
    expect(edit.body).toEqual(failure('STATE_CONFLICT', { currentState: 'signed' }))
  })

  test('a sign-off cut short is finished by the retry: the moved application is marked, the unmoved one moves once', async () => {
    const models = t.db.models
    // As if the server stopped after signing: the first item moved but was not marked, the second never moved.
    await put(apps[1]!.id, 'material_review')
    await models.Deliberation.updateOne({ _id: materialId }, { $set: { 'items.0.applied': false, 'items.1.applied': false } })
    const order = (await models.Deliberation.findById(materialId).lean())!.items.map((i) => i.applicationId.toHexString())
    expect(order.slice(0, 2).sort()).toEqual([apps[0]!.id, apps[1]!.id].sort())
    const retried = await call(t, 'POST', `/api/expert/deliberations/${materialId}/sign`, { token: people.vice.token! })
    expect(retried.status).toBe(200)
    expect(retried.body.items.every((i: { applied: boolean }) => i.applied)).toBe(true)
    expect(await stateOf(apps[1]!.id)).toBe('not_shortlisted')
    expect(await stateOf(apps[0]!.id)).toBe('shortlisted')
    expect(await models.Audit.countDocuments({ action: 'application.shortlist', 'resource.id': apps[0]!.id })).toBe(1)
  })
})

describe('defense (第十七条)', () => {
  let slotId = ''
  const later = (days: number) => new Date(Date.now() + days * DAY).toISOString()

  test('starting the defense round moves the shortlisted applications and tells them; running it again is harmless', async () => {
    const res = await call(t, 'POST', `/api/office/calls/${callId}/defense/start`, { token: office, body: {} })
    expect(res.status).toBe(200)
    expect(res.body.items.map((r: { id: string; ok: boolean; state: string }) => [r.id, r.ok, r.state]).sort()).toEqual(
      [[apps[0]!.id, true, 'defense_review'], [apps[2]!.id, true, 'defense_review']].sort(),
    )
    const again = await call(t, 'POST', `/api/office/calls/${callId}/defense/start`, { token: office, body: { applicationIds: [apps[0]!.id, apps[1]!.id] } })
    expect(again.body.items).toEqual(
      expect.arrayContaining([
        { id: apps[0]!.id, ok: true, state: 'defense_review' },
        expect.objectContaining({ id: apps[1]!.id, ok: false, code: 'STATE_CONFLICT', state: 'not_shortlisted' }),
      ]),
    )
    expect(await t.db.models.Outbox.countDocuments({ recipientUserId: apps[0]!.member.id, kind: 'application.defenseStarted', channel: 'inapp' })).toBe(1)
  })

  test('a slot needs a group of the committee, a future time, and a place or a link', async () => {
    const past = await call(t, 'POST', `/api/office/calls/${callId}/defense/slots`, { token: office, body: { groupId, startsAt: later(-1), durationMinutes: 30, place: '会议室' } })
    expect(past.body).toEqual(failure('DEFENSE_SLOT_INVALID', { fields: [{ path: 'startsAt', message: '答辩时间须晚于当前时间' }] }))
    const nowhere = await call(t, 'POST', `/api/office/calls/${callId}/defense/slots`, { token: office, body: { groupId, startsAt: later(3), durationMinutes: 30 } })
    expect(nowhere.status).toBe(422)
    const link = await call(t, 'POST', `/api/office/calls/${callId}/defense/slots`, { token: office, body: { groupId, startsAt: later(3), durationMinutes: 30, onlineLink: 'http://insecure.example' } })
    expect(link.status).toBe(400)
    const ok = await call(t, 'POST', `/api/office/calls/${callId}/defense/slots`, { token: office, body: { groupId, startsAt: later(3), durationMinutes: 30, place: '中国质量协会 3 楼会议室', onlineLink: 'https://meeting.example/123' } })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ state: 'open', groupName: '制造业组' })
    slotId = ok.body.id
  })

  test('the office gives the slot to an application; the applicant gets a subscription message, sees the slot and confirms it', async () => {
    const notInRound = await call(t, 'PUT', `/api/office/defense-slots/${slotId}/application`, { token: office, body: { applicationId: apps[1]!.id } })
    expect(notInRound.body).toEqual(failure('DEFENSE_SLOT_INVALID', { fields: [{ path: 'applicationId', message: '该申报不在答辩评审阶段' }] }))
    const given = await call(t, 'PUT', `/api/office/defense-slots/${slotId}/application`, { token: office, body: { applicationId: apps[0]!.id } })
    expect(given.status).toBe(200)
    expect(given.body).toMatchObject({ state: 'assigned', application: { applicationId: apps[0]!.id } })
    const sent = await t.db.models.Outbox.find({ recipientUserId: apps[0]!.member.id, kind: 'application.defenseScheduled' }).lean()
    expect(sent.find((o) => o.channel === 'wechat_subscribe')?.template).toBe('defense_schedule')

    // One slot per application.
    const second = await call(t, 'POST', `/api/office/calls/${callId}/defense/slots`, { token: office, body: { groupId, startsAt: later(4), durationMinutes: 30, place: '会议室' } })
    expect((await call(t, 'PUT', `/api/office/defense-slots/${second.body.id}/application`, { token: office, body: { applicationId: apps[0]!.id } })).body).toEqual(failure('DEFENSE_SLOT_TAKEN'))
    expect((await call(t, 'DELETE', `/api/office/defense-slots/${second.body.id}`, { token: office })).status).toBe(204)

    const token = apps[0]!.member.token
    const seen = await call(t, 'GET', `/api/applications/${apps[0]!.id}/defense-slot`, { token })
    expect(seen.status).toBe(200)
    expect(Object.keys(seen.body.slot).sort()).toEqual(['endsAt', 'onlineLink', 'place', 'startsAt'])
    // Another organization's member sees nothing of it.
    expect((await call(t, 'GET', `/api/applications/${apps[0]!.id}/defense-slot`, { token: apps[2]!.member.token })).status).toBe(403)
    const confirmed = await call(t, 'POST', `/api/applications/${apps[0]!.id}/defense-slot/confirm`, { token })
    expect(confirmed.body.slot.confirmedAt).toEqual(expect.any(String))
    const twice = await call(t, 'POST', `/api/applications/${apps[0]!.id}/defense-slot/confirm`, { token })
    expect(twice.body.slot.confirmedAt).toBe(confirmed.body.slot.confirmedAt)
    const none = await call(t, 'POST', `/api/applications/${apps[2]!.id}/defense-slot/confirm`, { token: apps[2]!.member.token })
    expect(none.body).toEqual(failure('DEFENSE_SLOT_NOT_FOUND'))
  })

  test('a site visit: requested with a reason, completed only with findings and a conclusion; the deliberation shows the findings', async () => {
    const id = apps[2]!.id
    const wrongState = await call(t, 'POST', `/api/office/applications/${apps[1]!.id}/site-visits`, { token: office, body: { reason: '核实成效数据', team: ['考察组甲'], date: '2030-01-01' } })
    expect(wrongState.body).toEqual(failure('STATE_CONFLICT', { currentState: 'not_shortlisted' }))
    const requested = await call(t, 'POST', `/api/office/applications/${id}/site-visits`, { token: office, body: { reason: '委员会对成效数据有疑问', team: ['蒋考察', '沈考察'], date: later(2).slice(0, 10) } })
    expect(requested.status).toBe(201)
    expect(await stateOf(id)).toBe('site_visit')
    const told = await t.db.models.Outbox.findOne({ recipientUserId: apps[2]!.member.id, kind: 'application.siteVisitRequested', channel: 'inapp' }).lean()
    expect(told?.content.body).not.toMatch(/蒋考察|沈考察/)

    const visit = requested.body.id
    const incomplete = await call(t, 'POST', `/api/office/site-visits/${visit}/complete`, { token: office, body: { team: ['蒋考察'], date: requested.body.date, findings: '' } })
    expect(incomplete.body).toEqual(failure('SITE_VISIT_INCOMPLETE', { fields: [{ path: 'findings', message: '请填写考察发现' }, { path: 'conclusion', message: '请填写考察结论' }] }))
    const saved = await call(t, 'PUT', `/api/office/site-visits/${visit}`, { token: office, body: { team: ['蒋考察', '沈考察'], date: requested.body.date, findings: FINDINGS } })
    expect(saved.body.findings).toBe(FINDINGS)
    // The team's record of the visit goes with it (第十七条); only the office's own upload can be attached.
    const record = await uploadPdf(t, office, '现场考察记录.pdf')
    const stranger = await uploadPdf(t, apps[2]!.member.token, '申报单位自传.pdf')
    const foreign = await call(t, 'POST', `/api/office/site-visits/${visit}/complete`, {
      token: office,
      body: { team: ['蒋考察', '沈考察'], date: requested.body.date, findings: FINDINGS, conclusion: '情况属实', attachments: [{ attachmentId: stranger, title: '他人文件' }] },
    })
    expect(foreign.body).toEqual(failure('ATTACHMENT_NOT_FOUND', { fields: [{ path: 'attachments.0.attachmentId', message: '附件不存在或已失效，请重新上传' }] }))
    expect(await stateOf(id)).toBe('site_visit')
    const done = await call(t, 'POST', `/api/office/site-visits/${visit}/complete`, {
      token: office,
      body: { team: ['蒋考察', '沈考察'], date: requested.body.date, findings: FINDINGS, conclusion: '情况属实', attachments: [{ attachmentId: record, title: '考察记录' }] },
    })
    expect(done.body).toMatchObject({ state: 'completed', conclusion: '情况属实', attachments: [expect.objectContaining({ attachmentId: record, title: '考察记录' })] })
    expect(await stateOf(id)).toBe('defense_review')

    const defense = await call(t, 'POST', `/api/office/calls/${callId}/deliberations`, { token: office, body: meeting([people.chair, people.vice, people.leader], 'defense') })
    expect(defense.status).toBe(201)
    const item = defense.body.items.find((i: { applicationId: string }) => i.applicationId === id)
    expect(item.siteVisits).toEqual([expect.objectContaining({ state: 'completed', findings: FINDINGS, conclusion: '情况属实' })])
  })

  test('a vice chair who attended stands in for the chair and signs the defense round (第十七条)', async () => {
    const list = await call(t, 'GET', `/api/office/calls/${callId}/deliberations`, { token: office })
    const draft = list.body.items.find((d: { round: string; state: string }) => d.round === 'defense' && d.state === 'draft')
    await call(t, 'PUT', `/api/office/deliberations/${draft.id}`, {
      token: office,
      body: {
        date: draft.date,
        attendeeIds: draft.attendees.map((a: { expertId: string }) => a.expertId),
        items: [
          { applicationId: apps[0]!.id, decision: 'recommended', notes: NOTES },
          { applicationId: apps[2]!.id, decision: 'not_recommended', notes: '' },
        ],
      },
    })
    const signed = await call(t, 'POST', `/api/expert/deliberations/${draft.id}/sign`, { token: people.vice.token! })
    expect(signed.body).toMatchObject({ state: 'signed', signedBy: '吴副主任', signedAs: 'vice_chair' })
    expect([await stateOf(apps[0]!.id), await stateOf(apps[2]!.id)]).toEqual(['recommended', 'not_recommended'])
  })

  test('第十三条: the applicant’s responses carry no scores, comments, reviewers, notes or site-visit team', async () => {
    const { token } = apps[0]!.member
    const bodies = [
      await call(t, 'GET', `/api/applications/${apps[0]!.id}`, { token }),
      await call(t, 'GET', '/api/applications/mine', { token }),
      await call(t, 'GET', `/api/applications/${apps[0]!.id}/defense-slot`, { token }),
      await call(t, 'GET', '/api/me/messages', { token }),
    ]
    for (const res of bodies) expect(res.status).toBe(200)
    const text = JSON.stringify(bodies.map((b) => b.body))
    expect(text).toContain('已获推荐')
    for (const secret of ['周主任', '吴副主任', '王组长', '冯委员', NOTES, FINDINGS, '蒋考察', '制造业组', 'score', 'comment', 'reviewer', 'recused', 'attendee']) {
      expect(text).not.toContain(secret)
    }
    // The site-visit applicant too.
    const other = apps[2]!.member
    const theirs = JSON.stringify((await call(t, 'GET', `/api/applications/${apps[2]!.id}`, { token: other.token })).body) + JSON.stringify((await call(t, 'GET', '/api/me/messages', { token: other.token })).body)
    for (const secret of ['蒋考察', '沈考察', FINDINGS, '情况属实']) expect(theirs).not.toContain(secret)
  })
})
