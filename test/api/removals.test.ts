import { inShanghai } from '@zlbg/shared'
import { removalTransition } from '../../server/src/workflow/removal'
import { browserUser, call, failure, uploadPdf, wechatUser } from '../support/api'
import { buildCall } from '../support/factories'
import { buildImportedExperience, buildPublishedExperience, buildRemovalCommittee } from '../support/removals'
import type { BuiltExpert } from '../support/reviewFactories'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Removal from the list and its announcement (第二十一条): the office starts it, the chair (or a vice
 * chair) of the deciding call confirms, then the CAQ approver; the confirmation removes the entry —
 * kept, marked — and clears the organization's listed status for it; the office edits and publishes
 * the announcement, which the public then reads. Roles, conflicts, and a cut-short confirmation.
 */
let t: TestServer
let office: string
let approver: string
let approverId: string
let callId: string
let chair: BuiltExpert
let vice: BuiltExpert
const FACTS = '经核查，该组织申报材料中“质量损失率下降 42%”的数据与其审计报告不符，系人为编造。'

const start = (body: Record<string, unknown>, token = office) => call(t, 'POST', '/api/office/removals', { token, body: { reasonType: 'fraud', facts: FACTS, ...body } })
const chairDecides = (id: string, body: Record<string, unknown>, token = chair.token!) => call(t, 'POST', `/api/expert/removals/${id}/decision`, { token, body })
const approverDecides = (id: string, body: Record<string, unknown>, token = approver) => call(t, 'POST', `/api/approver/removals/${id}/decision`, { token, body })

beforeAll(async () => {
  t = await startTestServer('removals')
  office = (await browserUser(t, ['office'], { displayName: '办公室王' })).token
  ;({ token: approver, id: approverId } = await browserUser(t, ['approver'], { displayName: '审批人赵' }))
  const callDoc = await buildCall(t.db.models)
  callId = callDoc._id.toHexString()
  ;({ chair, vice } = await buildRemovalCommittee(t, callId, office))
})
afterAll(() => t.close())

describe('第二十一条 a removal end to end', () => {
  test('office starts, chair confirms, approver confirms: the entry is marked removed, the organization no longer listed; the announcement is edited and published', async () => {
    const member = await wechatUser(t)
    const models = t.db.models
    const callDoc = (await models.Call.findById(callId).lean())!
    const { experience, application, organization } = await buildPublishedExperience(models, { call: callDoc as never, memberIds: [member.id] })
    const me = async () => (await call(t, 'GET', '/api/me', { token: member.token })).body.roles
    expect(await me()).toContain('listed_org_member')

    const evidence = await uploadPdf(t, office, '核查报告.pdf')
    const started = await start({ listedExperienceId: experience._id.toHexString(), evidenceIds: [evidence] })
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({
      state: 'proposed',
      stateLabel: '待主任委员确认',
      reasonLabel: '申报材料弄虚作假',
      facts: FACTS.normalize('NFKC'),
      experience: { id: experience._id.toHexString(), organizationName: organization.name, state: 'listed', source: 'publication' },
      call: { id: callId },
      proposal: { name: '办公室王' },
      evidence: [{ attachmentId: evidence, filename: '核查报告.pdf' }],
      // The office's buttons: only withdrawal; confirming is the chair's.
      events: ['withdraw'],
    })
    const id: string = started.body.id

    // The chair (and the vice chair) see it, with the button to confirm; the evidence downloads.
    const listed = await call(t, 'GET', '/api/expert/removals', { token: vice.token! })
    expect(listed.body.items).toEqual([expect.objectContaining({ id, actionable: true, state: 'proposed' })])
    const forChair = await call(t, 'GET', `/api/expert/removals/${id}`, { token: chair.token! })
    expect(forChair.body.events).toEqual(['confirmByChair', 'decline'])
    expect((await call(t, 'GET', `/api/expert/removals/${id}/files/${evidence}`, { token: chair.token! })).status).toBe(200)
    // The approver does not see it before the committee has confirmed.
    expect((await call(t, 'GET', '/api/approver/removals', { token: approver })).body.items).toEqual([])
    expect(await approverDecides(id, { decision: 'confirm' })).toMatchObject({ status: 404 })

    const confirmedByChair = await chairDecides(id, { decision: 'confirm', reason: '事实清楚。同意移除。' })
    expect(confirmedByChair.body).toMatchObject({ state: 'chair_confirmed', chairConfirmation: { note: '事实清楚。同意移除。' } })
    expect((await call(t, 'GET', '/api/approver/removals', { token: approver })).body.items).toEqual([expect.objectContaining({ id, actionable: true })])
    // The approvers are told it waits for them; the chairs were told when it was started.
    expect(await models.Outbox.countDocuments({ recipientUserId: approverId, kind: 'removal.toApprove', 'cause.id': id })).toBe(1)
    expect(await models.Outbox.countDocuments({ recipientUserId: chair.userId, kind: 'removal.toConfirm', 'cause.id': id })).toBe(1)
    expect((await call(t, 'GET', `/api/approver/removals/${id}`, { token: approver })).body.events).toEqual(['confirmByApprover', 'decline'])

    const approved = await approverDecides(id, { decision: 'confirm' })
    expect(approved.status).toBe(200)
    const year = inShanghai(new Date()).year()
    expect(approved.body).toMatchObject({
      state: 'confirmed',
      approverConfirmation: { name: '审批人赵' },
      experience: { state: 'removed' },
      announcement: { number: expect.stringMatching(new RegExp(`^中质协质量标杆公告〔${year}〕\\d+号$`)) },
    })
    expect(approved.body.announcement.body).toContain(organization.name)
    expect(approved.body.announcement.body).toContain('第二十一条')

    // The office's list marks what waits for the office: the announcement to publish.
    const officeRows = (await call(t, 'GET', '/api/office/removals?state=confirmed', { token: office })).body.items
    expect(officeRows).toEqual([expect.objectContaining({ id, actionable: true, stateLabel: '已确认移除，公告待发布' })])

    // Nothing deleted: the entry is kept, marked, and the application is removed by the approver's step.
    const kept = (await models.ListedExperience.findById(experience._id).lean())!
    expect(kept).toMatchObject({ state: 'removed', removal: { reasonType: 'fraud' } })
    expect(kept.removal!.removalId.toHexString()).toBe(id)
    expect((await models.Application.findById(application._id).lean())!.state).toBe('removed')
    const listedOrg = (await models.ListedOrganization.findById(experience.listedOrganizationId).lean())!
    expect(listedOrg).toMatchObject({ listedCount: 0, removedCount: 1 })
    expect((await models.Organization.findById(organization._id).lean())!.listed).toBe(false)
    expect(await me()).not.toContain('listed_org_member')
    // The organization is told once (the removal's notice; the application's step adds none).
    const notices = await models.Outbox.find({ recipientUserId: member.id, channel: 'inapp', kind: { $in: ['listing.removed', 'application.removed'] } }).lean()
    expect(notices.map((n) => n.kind)).toEqual(['listing.removed'])

    // 第十三条: the applicant sees its application removed, never the committee's or the approver's record.
    const own = await call(t, 'GET', `/api/applications/${application._id}`, { token: member.token })
    expect(own.body.state).toBe('removed')
    expect(JSON.stringify(own.body)).not.toContain('审批人赵')
    expect(JSON.stringify(own.body)).not.toContain('审计报告')

    // Not public until the office publishes it.
    expect(await call(t, 'GET', `/api/announcements/${id}`)).toMatchObject({ status: 404, body: failure('ANNOUNCEMENT_NOT_FOUND') })
    const before = await call(t, 'GET', '/api/announcements')
    expect(before.body.items.map((a: { id: string }) => a.id)).not.toContain(id)

    const edited = await call(t, 'PUT', `/api/office/removals/${id}/announcement`, {
      token: office,
      body: { title: approved.body.announcement.title, body: `${approved.body.announcement.body}\n\n（经办公室复核）` },
    })
    expect(edited.body.announcement).toMatchObject({ edited: { name: '办公室王' } })
    expect((await models.Audit.findOne({ action: 'removal.editAnnouncement', 'resource.id': id }).lean())).not.toBeNull()

    const published = await call(t, 'POST', `/api/office/removals/${id}/announcement/publish`, { token: office })
    expect(published.body).toMatchObject({ state: 'announced', announcement: { published: { name: '办公室王' } }, events: [], canEditAnnouncement: false })
    const pub = await call(t, 'GET', `/api/announcements/${id}`)
    expect(pub.body).toMatchObject({ id, organizationName: organization.name, experienceId: experience._id.toHexString(), year: callDoc.year, reasonLabel: '申报材料弄虚作假' })
    // An official text keeps its full-width punctuation (NFC, not NFKC).
    expect(pub.body.body).toContain('（经办公室复核）')
    expect((await call(t, 'GET', '/api/announcements')).body.items[0]).toMatchObject({ id })
    expect((await models.ListedExperience.findById(experience._id).lean())!.removal!.announcementPublishedAt).toBeInstanceOf(Date)
    // Published once; an edit after publication is refused with the state.
    expect(await call(t, 'PUT', `/api/office/removals/${id}/announcement`, { token: office, body: { title: '修改后的公告标题', body: pub.body.body } })).toMatchObject({
      status: 409,
      body: failure('STATE_CONFLICT', { currentState: 'announced' }),
    })
  })
})

describe('第二十一条 starting a removal', () => {
  test('an imported experience names the deciding call; without one, or with a call without a committee, it is refused', async () => {
    const models = t.db.models
    const imported = await buildImportedExperience(models, { year: inShanghai(new Date()).year() - 3 })
    const id = imported._id.toHexString()
    expect(await start({ listedExperienceId: id })).toMatchObject({ status: 422, body: { error: { code: 'REMOVAL_CALL_REQUIRED' } } })
    const bare = await buildCall(models)
    expect(await start({ listedExperienceId: id, callId: bare._id.toHexString() })).toMatchObject({ status: 422, body: { error: { code: 'REMOVAL_CALL_INVALID' } } })
    const ok = await start({ listedExperienceId: id, callId, reasonType: 'major_accident' })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({ experience: { source: 'import' }, call: { id: callId }, reasonLabel: '三年内发生诚信、质量、安全、环保等重大责任事故' })
    // The office's calls to choose from: those with a committee.
    expect((await call(t, 'GET', '/api/office/removals/calls', { token: office })).body.items).toEqual([expect.objectContaining({ id: callId, chairName: chair.expert.name })])
  })

  test('one open removal per experience; a declined one frees it; a removed experience cannot be removed again', async () => {
    const models = t.db.models
    const { experience } = await buildPublishedExperience(models, { call: (await models.Call.findById(callId).lean()) as never })
    const listedExperienceId = experience._id.toHexString()
    const first = await start({ listedExperienceId })
    expect(first.status).toBe(201)
    expect(await start({ listedExperienceId })).toMatchObject({ status: 409, body: failure('REMOVAL_OPEN') })
    const candidates = await call(t, 'GET', `/api/office/removals/candidates?q=${encodeURIComponent(experience.organizationName)}`, { token: office })
    expect(candidates.body.items).toEqual([expect.objectContaining({ id: listedExperienceId, openRemovalId: first.body.id })])

    // Declining needs reasons; declined, the experience stays listed and a new removal may start.
    expect(await chairDecides(first.body.id, { decision: 'decline' })).toMatchObject({ status: 422 })
    const declined = await chairDecides(first.body.id, { decision: 'decline', reason: '现有证据不足以认定弄虚作假。' }, vice.token!)
    expect(declined.body).toMatchObject({ state: 'declined', ending: { note: '现有证据不足以认定弄虚作假。', state: 'declined' } })
    expect((await models.ListedExperience.findById(experience._id).lean())!.state).toBe('listed')
    const second = await start({ listedExperienceId })
    expect(second.status).toBe(201)

    // The office withdraws with a reason, before the approver.
    expect(await call(t, 'POST', `/api/office/removals/${second.body.id}/withdraw`, { token: office, body: { reason: '组织已补充说明，撤回。' } })).toMatchObject({ status: 200, body: { state: 'withdrawn' } })
    await models.ListedExperience.updateOne({ _id: experience._id }, { $set: { state: 'removed' } })
    expect(await start({ listedExperienceId })).toMatchObject({ status: 409, body: failure('REMOVAL_TARGET_REMOVED') })
    expect(await start({ listedExperienceId: '0123456789abcdef01234567' })).toMatchObject({ status: 404, body: failure('REMOVAL_TARGET_NOT_FOUND') })
  })

  test('evidence is the office’s own uploads', async () => {
    const { experience } = await buildPublishedExperience(t.db.models, { call: (await t.db.models.Call.findById(callId).lean()) as never })
    const someoneElse = await uploadPdf(t, (await browserUser(t, ['office'])).token, '他人上传.pdf')
    expect(await start({ listedExperienceId: experience._id.toHexString(), evidenceIds: [someoneElse] })).toMatchObject({ status: 404, body: { error: { code: 'ATTACHMENT_NOT_FOUND', fields: [{ path: 'evidenceIds.0' }] } } })
    expect(await t.db.models.Removal.exists({ listedExperienceId: experience._id })).toBeNull()
  })
})

describe('第二十一条 who decides', () => {
  test('only the chair or a vice chair of the deciding call confirms; then only the approver', async () => {
    const models = t.db.models
    const { experience } = await buildPublishedExperience(models, { call: (await models.Call.findById(callId).lean()) as never })
    const id = (await start({ listedExperienceId: experience._id.toHexString() })).body.id
    const other = await buildCall(models)
    const otherCommittee = await buildRemovalCommittee(t, other._id.toHexString(), office)
    // Another call's chair: 403 on this removal, and it is not in their list.
    expect(await chairDecides(id, { decision: 'confirm' }, otherCommittee.chair.token!)).toMatchObject({ status: 403 })
    expect((await call(t, 'GET', '/api/expert/removals', { token: otherCommittee.chair.token! })).body.items.map((r: { id: string }) => r.id)).not.toContain(id)
    // The office and the approver cannot confirm for the chair.
    expect((await call(t, 'POST', `/api/expert/removals/${id}/decision`, { token: office, body: { decision: 'confirm' } })).status).toBe(403)
    expect(await chairDecides(id, { decision: 'confirm' })).toMatchObject({ status: 200, body: { state: 'chair_confirmed' } })
    // Twice is a conflict with the state it is in.
    expect(await chairDecides(id, { decision: 'confirm' })).toMatchObject({ status: 409, body: { error: { currentState: 'chair_confirmed' } } })
    // The chair cannot approve; an admin is not the approver.
    expect((await approverDecides(id, { decision: 'confirm' }, chair.token!)).status).toBe(403)
    expect((await approverDecides(id, { decision: 'confirm' }, (await browserUser(t, ['admin'])).token)).status).toBe(403)
    const declined = await approverDecides(id, { decision: 'decline', reason: '事实认定尚需补充调查。' })
    expect(declined.body).toMatchObject({ state: 'declined', experience: { state: 'listed' } })
  })

  test('three people confirm: a chair who also holds the approver role does not confirm a second time as approver', async () => {
    const models = t.db.models
    const { experience } = await buildPublishedExperience(models, { call: (await models.Call.findById(callId).lean()) as never })
    const id = (await start({ listedExperienceId: experience._id.toHexString() })).body.id
    expect(await chairDecides(id, { decision: 'confirm' })).toMatchObject({ status: 200, body: { state: 'chair_confirmed' } })
    await models.User.updateOne({ _id: chair.userId }, { $addToSet: { roles: 'approver' } })
    try {
      expect(await approverDecides(id, { decision: 'confirm' }, chair.token!)).toMatchObject({ status: 409, body: failure('REMOVAL_SAME_SIGNER') })
      expect((await models.Removal.findById(id).lean())!.state).toBe('chair_confirmed')
      expect(await approverDecides(id, { decision: 'confirm' })).toMatchObject({ status: 200, body: { state: 'confirmed' } })
    } finally {
      await models.User.updateOne({ _id: chair.userId }, { $pull: { roles: 'approver' } })
    }
  })
})

describe('第二十一条 a confirmation cut short completes when repeated', () => {
  test('the removal confirmed but the entry still listed: the approver’s repeat (or the publication) finishes it, with one number', async () => {
    const models = t.db.models
    const member = await wechatUser(t)
    const { experience, application, organization } = await buildPublishedExperience(models, { call: (await models.Call.findById(callId).lean()) as never, memberIds: [member.id] })
    const id = (await start({ listedExperienceId: experience._id.toHexString() })).body.id
    await chairDecides(id, { decision: 'confirm' })
    // As if the process died right after the removal's own update: confirmed, nothing else written.
    const approverUser = (await models.User.findOne({ displayName: '审批人赵' }).lean())!
    await removalTransition({
      models,
      id,
      event: 'confirmByApprover',
      actor: { userId: approverUser._id.toHexString(), displayName: '审批人赵', roles: ['approver'], organizationIds: [] },
      set: { approverConfirmation: { by: approverUser._id, name: '审批人赵', at: new Date() }, announcement: { number: '中质协质量标杆公告〔测试〕1号', title: '关于移除的公告（测试）', body: '测试公告正文'.repeat(10), draftedAt: new Date() } },
      effects: { notifyOrganization: () => [] },
    })
    expect((await models.ListedExperience.findById(experience._id).lean())!.state).toBe('listed')
    const repeated = await approverDecides(id, { decision: 'confirm' })
    expect(repeated.body).toMatchObject({ state: 'confirmed', experience: { state: 'removed' }, announcement: { number: '中质协质量标杆公告〔测试〕1号' } })
    expect((await models.Application.findById(application._id).lean())!.state).toBe('removed')
    expect((await models.Organization.findById(organization._id).lean())!.listed).toBe(false)
    // The application's step is recorded as the approver's, who signed the confirmation.
    const audit = (await models.Audit.findOne({ action: 'application.remove', 'resource.id': application._id.toHexString() }).lean())!
    expect(String(audit.actor.userId)).toBe(approverUser._id.toHexString())
  })
})
