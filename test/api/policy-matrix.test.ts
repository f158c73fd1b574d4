import type { Role } from '@zlbg/shared'
import { createApp, servedRoutes } from '../../server/src/app'
import { createLogger } from '../../server/src/logger'
import { loginKey } from '../../server/src/models/user'
import { createWeChatClient } from '../../server/src/wechat/client'
import { browserUser, call, wechatUser } from '../support/api'
import { buildApplication, buildCall, buildOrganization, type BuildableState } from '../support/factories'
import { startTestServer, testStorage, type TestServer } from '../support/server'

/**
 * The route × role matrix, read from the router itself: a route added without an entry here (and
 * a policy rule) fails this test. Each cell is a real request on real resources of the right owner —
 * the role's own organization and its application, a complete draft call, a submitted application —
 * made fresh for the cell, so the per-resource rule (policies/loaders.ts) and the workflow machine
 * both judge it. "Allowed" means nothing answered 401/403: neither the route policy, nor the
 * resource rule, nor the machine's roles. A role the policy lets through and the machine then refuses
 * (an admin-only account publishing a call, before the one role function) fails its cell.
 *
 * committee_chair / committee_vice_chair (and group leader, member, assigned expert) are places in
 * one call's committee, not account roles: their columns are in the per-call matrix at the end of
 * this file. `system` is scheduled work and cannot sign in, so it has no column.
 */
type Column = Exclude<Role, 'committee_chair' | 'committee_vice_chair' | 'system'>
const EVERYONE: Column[] = ['public', 'wechat_user', 'org_member', 'listed_org_member', 'expert', 'office', 'approver', 'admin']
const SIGNED_IN = EVERYONE.filter((r) => r !== 'public')
const STAFF: Column[] = ['office', 'admin']
const MEMBERS: Column[] = ['org_member', 'listed_org_member']
// In this matrix the organization members signed in with WeChat; staff, experts and approvers did not.
const WECHAT: Column[] = ['wechat_user', ...MEMBERS]

const EXPECTED: Record<string, Column[]> = {
  health: EVERYONE,
  ready: EVERYONE,
  openapi: EVERYONE,
  listCalls: EVERYONE,
  getCall: EVERYONE,
  authMethods: EVERYONE,
  loginWeChat: EVERYONE,
  loginPassword: EVERYONE,
  acceptInvite: EVERYONE,
  me: SIGNED_IN,
  changePassword: SIGNED_IN,
  createBindCode: SIGNED_IN,
  previewBind: SIGNED_IN,
  bind: SIGNED_IN,
  createOrganization: SIGNED_IN,
  joinOrganization: SIGNED_IN,
  listUsers: STAFF,
  createUser: STAFF,
  setUserRoles: STAFF,
  disableUser: STAFF,
  enableUser: STAFF,
  resetUserPassword: STAFF,
  listOrganizations: STAFF,
  // 第十三条: members of one organization see its members, nobody else but the office.
  listMembers: [...MEMBERS, ...STAFF],
  createOrganizationInvite: MEMBERS,
  leaveOrganization: MEMBERS,
  renameOrganization: MEMBERS,
  reviewOrganizationName: STAFF,
  listCreditCodeClaims: STAFF,
  decideVerification: STAFF,
  listAudit: STAFF,
  exportAudit: STAFF,
  listMyMessages: SIGNED_IN,
  readMyMessage: SIGNED_IN,
  // Subscription messages go to a WeChat account.
  mySubscriptions: WECHAT,
  reportSubscriptions: WECHAT,
  listOutbox: STAFF,
  retryOutbox: STAFF,
  // Files: anyone signed in uploads; downloads go through the call, profile or application naming them.
  uploadAttachment: SIGNED_IN,
  downloadCallTemplate: EVERYONE,
  // 第五条: the office runs calls; drafts are never public.
  listOfficeCalls: STAFF,
  getOfficeCall: STAFF,
  createCall: STAFF,
  updateCall: STAFF,
  deleteCall: STAFF,
  publishCall: STAFF,
  closeCall: STAFF,
  // 第八条: an organization's profile is its members' and the office's.
  getOrganizationProfile: [...MEMBERS, ...STAFF],
  saveOrganizationProfile: MEMBERS,
  downloadOrganizationAttachment: [...MEMBERS, ...STAFF],
  // 第十四条: members apply and follow; 第十三条: nobody else sees an application but the office.
  createApplication: MEMBERS,
  listMyApplications: SIGNED_IN,
  getApplication: MEMBERS,
  saveApplicationDraft: MEMBERS,
  deleteApplication: MEMBERS,
  submitApplication: MEMBERS,
  withdrawApplication: MEMBERS,
  resubmitSupplement: MEMBERS,
  downloadApplicationAttachment: [...MEMBERS, ...STAFF],
  // 第十五条: qualification review and the office's lists.
  listCallApplications: STAFF,
  exportCallApplications: STAFF,
  getOfficeApplication: STAFF,
  startQualification: STAFF,
  decideQualification: STAFF,
  batchQualification: STAFF,
  // 第九条–第十三条: the office keeps the pool, forms committees, assigns; experts see their own work.
  listExperts: STAFF,
  getExpertCoverage: STAFF,
  downloadExpertTemplate: STAFF,
  importExperts: STAFF,
  getExpertImport: STAFF,
  downloadExpertImportReport: STAFF,
  createExpert: STAFF,
  getExpert: STAFF,
  updateExpert: STAFF,
  getCommittee: STAFF,
  saveCommittee: STAFF,
  startCommitteeReview: STAFF,
  listConflicts: STAFF,
  dismissConflict: STAFF,
  getAssignmentPlan: STAFF,
  runAssignment: STAFF,
  placeApplication: STAFF,
  addAssignment: STAFF,
  withdrawAssignment: STAFF,
  // Per call: which experts get through is decided by their committee places (see the per-call matrix below).
  getCommitteeOverview: ['expert', ...STAFF],
  listMyReviewCalls: ['expert'],
  acceptPledge: ['expert'],
  listMyAssignments: ['expert'],
  getMyAssignment: ['expert'],
  createAssignmentFileLink: ['expert'],
  downloadAssignedFile: ['expert'],
  listDeclarableApplications: ['expert'],
  declareConflict: ['expert'],
  // 第六条, 第十六条: the office sets the rubric, starts the material round and reads every score's versions;
  // progress and reopening per call (chair, vice chairs, group leaders), scoring by the assigned expert.
  getReviewPlan: STAFF,
  saveReviewPlan: STAFF,
  startMaterialRound: STAFF,
  getScore: STAFF,
  getRoundProgress: ['expert', ...STAFF],
  reopenScore: ['expert', ...STAFF],
  listMyScoreStates: ['expert'],
  getMyScore: ['expert'],
  saveScoreDraft: ['expert'],
  submitScore: ['expert'],
  // 第十六条, 第十七条: the ranking per call (committee places below); exports name reviewers — the office's alone (第十三条).
  getRoundRanking: ['expert', ...STAFF],
  exportRoundScores: STAFF,
  exportRoundRanking: STAFF,
  exportRoundComments: STAFF,
  // 第二十一条 with 第十三条: the similarity report shows other organizations' text; the office's alone.
  getSimilarityReport: STAFF,
  concludeSimilarityFlag: STAFF,
  getSimilaritySettings: STAFF,
  updateSimilaritySettings: STAFF,
  // During review: the assigned expert and the group's leader (per call, below); never an applicant (第十三条).
  getAssignmentSimilarity: ['expert'],
  getGroupSimilarity: ['expert'],
  // 第十六条, 第十七条: the office records deliberations, schedules defense and site visits; the chair or a
  // vice chair signs (per call, below); the applicant sees and confirms their own slot (第十三条).
  listDeliberations: STAFF,
  createDeliberation: STAFF,
  getDeliberation: STAFF,
  saveDeliberation: STAFF,
  listMyDeliberations: ['expert'],
  getDeliberationForSigning: ['expert'],
  signDeliberation: ['expert'],
  startDefense: STAFF,
  getDefenseBoard: STAFF,
  createDefenseSlot: STAFF,
  assignDefenseSlot: STAFF,
  deleteDefenseSlot: STAFF,
  getMyDefenseSlot: MEMBERS,
  confirmDefenseSlot: MEMBERS,
  requestSiteVisit: STAFF,
  listSiteVisits: STAFF,
  saveSiteVisit: STAFF,
  completeSiteVisit: STAFF,
  downloadSiteVisitFile: STAFF,
  // 第十八条: the working-day calendar the publicity window is counted on is the office's tool.
  getCalendar: STAFF,
  previewPublicityWindow: STAFF,
  getCalendarYear: STAFF,
  confirmCalendarYear: STAFF,
  // 第十八条: publicity lists and their feeds are public; publishing one is the office's.
  listPublicity: EVERYONE,
  getPublicity: EVERYONE,
  publicityFeedJson: EVERYONE,
  publicityFeedAtom: EVERYONE,
  // 第五条、第十八条、第十九条、第二十一条: the one feed carries only what is public; the official account's articles are the office's.
  feedJson: EVERYONE,
  feedAtom: EVERYONE,
  listArticles: STAFF,
  getArticle: STAFF,
  downloadArticleHtml: STAFF,
  pushArticle: STAFF,
  listOfficePublicity: STAFF,
  previewPublicity: STAFF,
  startPublicity: STAFF,
  // 第十八条: anyone reads what may be objected to; a WeChat user files under their real name and follows
  // their own (others' are 404); the office handles and alone sees the objector; the chair or a vice chair
  // decides (per call, below); the applicant answers explanation requests about its own application.
  getObjectionTarget: EVERYONE,
  fileObjection: WECHAT,
  listMyObjections: SIGNED_IN,
  getMyObjection: SIGNED_IN,
  listObjections: STAFF,
  getObjection: STAFF,
  startObjectionInvestigation: STAFF,
  recordObjectionFindings: STAFF,
  submitObjectionToCommittee: STAFF,
  replyObjection: STAFF,
  requestObjectionExplanation: STAFF,
  passObjectionModeration: STAFF,
  downloadObjectionFile: STAFF,
  listObjectionsToDecide: ['expert'],
  getObjectionToDecide: ['expert'],
  decideObjection: ['expert'],
  downloadObjectionFileForDecision: ['expert'],
  listApplicationExplanations: MEMBERS,
  answerExplanation: MEMBERS,
  // 第十九条: the approver signs a call's list (the office and its administrator do not stand in); both
  // read the sheet; the office publishes what was approved.
  listApprovalCalls: ['office', 'approver', 'admin'],
  getApprovalSheet: ['office', 'approver', 'admin'],
  signApproval: ['approver'],
  publishListing: STAFF,
  // 第十九条: the published list and listed organizations are public; 第十九条、第二十条: the office imports
  // earlier years and follows the listed organizations' obligations.
  listListed: EVERYONE,
  listListedYears: EVERYONE,
  getListed: EVERYONE,
  getListedOrganization: EVERYONE,
  listOfficeListedOrganizations: STAFF,
  downloadListedImportTemplate: STAFF,
  importListed: STAFF,
  listListedImports: STAFF,
  getListedImport: STAFF,
  downloadListedImportReport: STAFF,
  // 第二十一条: announcements are public once published; the office runs removals; the chair or a vice
  // chair of the deciding call confirms (per call, below), then the CAQ approver alone.
  listAnnouncements: EVERYONE,
  getAnnouncement: EVERYONE,
  listRemovalCandidates: STAFF,
  listRemovalCalls: STAFF,
  listRemovals: STAFF,
  startRemoval: STAFF,
  getRemoval: STAFF,
  withdrawRemoval: STAFF,
  editAnnouncement: STAFF,
  publishAnnouncement: STAFF,
  downloadRemovalFile: STAFF,
  listRemovalsToConfirm: ['expert'],
  getRemovalToConfirm: ['expert'],
  decideRemovalAsChair: ['expert'],
  downloadRemovalFileForChair: ['expert'],
  listRemovalsToApprove: ['approver'],
  getRemovalToApprove: ['approver'],
  decideRemovalAsApprover: ['approver'],
  downloadRemovalFileForApprover: ['approver'],
  // 第二十条: published events are public (a draft is 404 to all but the office); a WeChat user registers —
  // for a listed organization of an invited year, or on the public quota (the command judges which);
  // registrants and their organization's members follow and cancel their own (others' are 404); the office runs events.
  listEvents: EVERYONE,
  getEvent: EVERYONE,
  downloadEventMaterial: EVERYONE,
  registerForEvent: WECHAT,
  listMyEventRegistrations: SIGNED_IN,
  listMyRegistrations: SIGNED_IN,
  cancelRegistration: SIGNED_IN,
  listOfficeEvents: STAFF,
  createEvent: STAFF,
  getOfficeEvent: STAFF,
  updateEvent: STAFF,
  stepEvent: STAFF,
  listEventRegistrations: STAFF,
  // 第二十条: a ticket is its organization's members' or its public-quota registrant's (the resource rule,
  // test/api/checkin.test.ts); the door, no-shows, the obligation view, reminders and exports are the office's.
  getTicket: SIGNED_IN,
  getCheckInBoard: STAFF,
  checkInAttendee: STAFF,
  markNoShows: STAFF,
  exportEventAttendance: STAFF,
  listAttendance: STAFF,
  exportAttendance: STAFF,
  remindAttendance: STAFF,
  // Last: it ends the session it is called with.
  logout: SIGNED_IN,
}

let t: TestServer
const tokens = new Map<Column, string | undefined>()
const userIds = new Map<Column, string>()
const FAKE_ID = '0123456789abcdef01234567'
let accounts = 0

/** The application state each route acts on; a draft for the rest. */
const APPLICATION_STATE: Partial<Record<string, BuildableState>> = {
  withdrawApplication: 'submitted',
  resubmitSupplement: 'supplement_requested',
  getOfficeApplication: 'submitted',
  startQualification: 'submitted',
  decideQualification: 'qualification_review',
  // A draft's files are its organization's alone (issue 12); the office reads a submitted application's.
  downloadApplicationAttachment: 'submitted',
}

/**
 * The route's path with real ids: an organization (and its application) owned by the role's own
 * person when the role is an organization member, else by the plain member — the owner a per-resource
 * rule must tell apart; a complete draft call for the office's call routes, a published one for the
 * public's; an account without office roles for the user routes. Other ids (a message, an outbox
 * record, an attachment) name nothing: their routes check no per-resource rule.
 */
async function pathFor(name: string, path: string, role: Column): Promise<string> {
  const models = t.db.models
  const owner = MEMBERS.includes(role) ? userIds.get(role)! : userIds.get('org_member')!
  let id = FAKE_ID
  if (path.startsWith('/api/organizations/:id')) {
    id = (await buildOrganization(models, { memberIds: [owner] }))._id.toHexString()
  } else if (path.startsWith('/api/applications/:id') || path.startsWith('/api/office/applications/:id')) {
    const organization = await buildOrganization(models, { memberIds: [owner] })
    id = (await buildApplication(models, { organization, state: APPLICATION_STATE[name] ?? 'draft' }))._id.toHexString()
  } else if (path.startsWith('/api/office/calls/:id')) {
    // The office's own call steps on a complete draft (closing on a published call), its lists on a published call.
    const state = name === 'closeCall' || !name.endsWith('Call') ? 'published' : 'draft'
    id = (await buildCall(models, { state }))._id.toHexString()
  } else if (path.startsWith('/api/calls/:id')) {
    id = (await buildCall(models))._id.toHexString()
  } else if (path.startsWith('/api/users/:id')) {
    const username = `matrix${++accounts}`
    id = (await models.User.create({ logins: [loginKey.username(username)], username, displayName: '专家', roles: ['expert'] }))._id.toHexString()
  }
  return path.replace(':id', id).replace(/:\w+/g, FAKE_ID)
}

/** The routes the app's router serves (an app like the test server's, on the same database). */
const served = () =>
  servedRoutes(
    createApp({
      config: { CORS_ORIGINS: [], BODY_LIMIT: '1mb', H5_DIST: '', SESSION_TTL_HOURS: 1, PUBLIC_BASE_URL: t.base },
      db: t.db,
      logger: createLogger('silent'),
      storage: testStorage('matrix'),
      wechat: createWeChatClient({ baseUrl: t.wechat.baseUrl, appId: 'unused', secret: 'unused', timeoutMs: 1 }),
    }),
  )

beforeAll(async () => {
  t = await startTestServer('matrix')
  tokens.set('public', undefined)
  tokens.set('wechat_user', (await wechatUser(t)).token)
  const member = await wechatUser(t)
  await call(t, 'POST', '/api/organizations', { token: member.token, body: { name: '普通申报组织' } })
  tokens.set('org_member', member.token)
  userIds.set('org_member', member.id)
  const listed = await wechatUser(t)
  const org = await call(t, 'POST', '/api/organizations', { token: listed.token, body: { name: '入选组织' } })
  // Publication sets `listed` (第十九条, test/api/listing-publication.test.ts); set directly here so the role has a column.
  await t.db.models.Organization.updateOne({ _id: org.body.id }, { $set: { listed: true } })
  tokens.set('listed_org_member', listed.token)
  userIds.set('listed_org_member', listed.id)
  for (const role of ['expert', 'office', 'approver', 'admin'] as const) tokens.set(role, (await browserUser(t, [role])).token)
})
afterAll(() => t.close())

test('every served route has a row in the matrix', () => {
  const names = served().map((r) => r.name)
  expect(names.filter((name) => !(name in EXPECTED))).toEqual([])
  expect(Object.keys(EXPECTED).filter((name) => !names.includes(name))).toEqual([])
})

test('each role reaches exactly the routes its policy allows', async () => {
  const routes = served().sort((a, b) => Number(a.name === 'logout') - Number(b.name === 'logout'))
  const actual: Record<string, Column[]> = {}
  for (const route of routes) {
    const method = route.methods.find((m) => m !== 'HEAD')!
    actual[route.name] = []
    for (const role of EVERYONE) {
      const path = await pathFor(route.name, route.path, role)
      const res = await call(t, method, path, {
        token: tokens.get(role),
        ...(method === 'GET' ? {} : { body: {} }),
      })
      const code = res.body?.error?.code
      const denied = (res.status === 401 || res.status === 403) && ['UNAUTHENTICATED', 'FORBIDDEN'].includes(code)
      if (!denied) actual[route.name]!.push(role)
    }
  }
  expect(actual).toEqual(EXPECTED)
}, 300_000)

/**
 * The cell the one role function exists for: `admin` implies `office` (server/src/policies/roles.ts),
 * so an account holding only `admin` passes the route policy AND the machines, whose steps name
 * `office`. Each step answers 200 and lands, not 403 from the machine.
 */
test('an admin-only account does what the policy lets it: call, qualification and name review steps', async () => {
  // Its own session: the matrix ends with a logout.
  const admin = (await browserUser(t, ['admin'])).token
  const models = t.db.models
  const draft = await buildCall(models, { state: 'draft' })
  const published = await call(t, 'POST', `/api/office/calls/${draft._id}/publish`, { token: admin })
  expect({ status: published.status, state: published.body.state }).toEqual({ status: 200, state: 'published' })
  const corrected = await call(t, 'PUT', `/api/office/calls/${draft._id}`, {
    token: admin,
    body: { year: draft.year, title: draft.title, correctionSummary: '更正联系电话' },
  })
  expect(corrected.status).toBe(200)
  expect((await call(t, 'POST', `/api/office/calls/${draft._id}/close`, { token: admin })).body.state).toBe('closed')

  const application = await buildApplication(models, { state: 'submitted' })
  const started = await call(t, 'POST', `/api/office/applications/${application._id}/qualification/start`, { token: admin })
  expect({ status: started.status, state: started.body.state }).toEqual({ status: 200, state: 'qualification_review' })
  // The buttons the office view offers come from the same role function.
  expect(started.body.events).toEqual(expect.arrayContaining(['qualify', 'disqualify', 'requestSupplement']))

  const org = await buildOrganization(models)
  await models.Organization.updateOne({ _id: org._id }, { $set: { nameReview: 'pending' } })
  const reviewed = await call(t, 'POST', `/api/organizations/${org._id}/name-review`, { token: admin, body: { decision: 'approve' } })
  expect({ status: reviewed.status, nameReview: reviewed.body.nameReview }).toEqual({ status: 200, nameReview: 'passed' })
})

/**
 * The per-call columns (第十条–第十三条): committee chair, vice chair, group leader, group member and
 * assigned expert are places in one call's committee, not account roles. Each column is a real
 * expert account in a real committee with a real assignment; `other_expert` is an expert of the
 * pool outside this committee. A cell is "allowed" when the request succeeds (2xx) on the real
 * resource, so a rule that lets someone through the role check and then refuses fails it too.
 */
describe('per-call roles × the committee routes', () => {
  type CallColumn = 'committee_chair' | 'committee_vice_chair' | 'group_leader' | 'group_member' | 'assigned_expert' | 'other_expert' | 'office'
  const COLUMNS: CallColumn[] = ['committee_chair', 'committee_vice_chair', 'group_leader', 'group_member', 'assigned_expert', 'other_expert', 'office']
  const COMMITTEE: CallColumn[] = ['committee_chair', 'committee_vice_chair', 'group_leader', 'group_member', 'assigned_expert']
  const EXPECTED_PER_CALL: Record<string, CallColumn[]> = {
    // 第十三条: the pledge first; everyone in the committee signs it.
    acceptPledge: COMMITTEE,
    // The chair and vice chairs follow all groups, a leader their own group, the office everything.
    getCommitteeOverview: ['committee_chair', 'committee_vice_chair', 'group_leader', 'office'],
    // Each committee member lists their own assignments (an empty list when they have none).
    listMyAssignments: COMMITTEE,
    // Only the assigned expert sees the application and its files (第十三条).
    getMyAssignment: ['assigned_expert'],
    createAssignmentFileLink: ['assigned_expert'],
    downloadAssignedFile: ['assigned_expert'],
    listDeclarableApplications: COMMITTEE,
    declareConflict: COMMITTEE,
    // 第十一条: the chair or a vice chair reads and signs the round's deliberation; nobody else in the committee.
    getDeliberationForSigning: ['committee_chair', 'committee_vice_chair'],
    // 第十六条: progress for the chair, vice chairs and the group's leader; scores by the assigned expert alone.
    getRoundProgress: ['committee_chair', 'committee_vice_chair', 'group_leader', 'office'],
    listMyScoreStates: COMMITTEE,
    getMyScore: ['assigned_expert'],
    saveScoreDraft: ['assigned_expert'],
    submitScore: ['assigned_expert'],
    // The group's leader or the office reopens a submitted score (each cell on a freshly submitted one).
    reopenScore: ['group_leader', 'office'],
    getRoundRanking: ['committee_chair', 'committee_vice_chair', 'group_leader', 'office'],
    // 第二十一条 during review: an application's flags to its assigned expert, the group's to its leader.
    getAssignmentSimilarity: ['assigned_expert'],
    getGroupSimilarity: ['group_leader'],
    // 第十八条: an objection put to the committee is read and decided by the chair or a vice chair alone.
    getObjectionToDecide: ['committee_chair', 'committee_vice_chair'],
    // 第二十一条: a removal is confirmed by the chair or a vice chair of its deciding call alone.
    getRemovalToConfirm: ['committee_chair', 'committee_vice_chair'],
  }

  const tokens = new Map<CallColumn, string>()
  let callId = ''
  let assignmentId = ''
  let attachmentId = ''
  let declareOn = ''
  let fileUrl = ''
  let deliberationId = ''
  let objectionId = ''
  let removalId = ''

  beforeAll(async () => {
    const { buildExpert, committeeBody } = await import('../support/reviewFactories')
    const { buildApplication, buildCall } = await import('../support/factories')
    const models = t.db.models
    const callDoc = await buildCall(models)
    callId = callDoc._id.toHexString()
    const x = await buildApplication(models, { call: callDoc, state: 'qualified' })
    const y = await buildApplication(models, { call: callDoc, state: 'qualified' })
    declareOn = y._id.toHexString()
    const people = {
      committee_chair: await buildExpert(t, { competent: true }),
      committee_vice_chair: await buildExpert(t, { competent: true }),
      group_leader: await buildExpert(t),
      group_member: await buildExpert(t),
      assigned_expert: await buildExpert(t),
      other_expert: await buildExpert(t),
    }
    for (const [column, p] of Object.entries(people)) tokens.set(column as CallColumn, p.token!)
    const office = (await browserUser(t, ['office'])).token
    tokens.set('office', office)
    const body = committeeBody(people.committee_chair.id, [people.committee_vice_chair.id], [
      { name: '第一专业组', leaderId: people.group_leader.id, memberIds: [people.group_member.id, people.assigned_expert.id] },
    ], { reviewersPerApplication: 1 })
    const committee = await call(t, 'PUT', `/api/office/calls/${callId}/committee`, { token: office, body })
    expect(committee.status).toBe(200)
    const groupId = committee.body.groups[0].id
    for (const app of [x, y]) {
      expect((await call(t, 'PUT', `/api/office/calls/${callId}/placements/${app._id}`, { token: office, body: { groupId, reason: '矩阵测试分组' } })).status).toBe(200)
    }
    const plan = await call(t, 'POST', `/api/office/calls/${callId}/assignments`, { token: office, body: { applicationId: x._id.toHexString(), expertId: people.assigned_expert.id, reason: '矩阵测试分配' } })
    assignmentId = plan.body.applications.find((a: { applicationId: string }) => a.applicationId === x._id.toHexString()).reviewers[0].assignmentId
    expect((await call(t, 'POST', `/api/office/calls/${callId}/committee/start-review`, { token: office })).status).toBe(200)
    // x (assigned) enters the material round (第十六条); y stays qualified.
    expect((await call(t, 'POST', `/api/office/calls/${callId}/rounds/material/start`, { token: office })).body).toMatchObject({ started: 1 })
    const file = await models.Attachment.create({ filename: '材料.pdf', contentType: 'application/pdf', size: 8, sha256: 'x', storageKey: `matrix/${x._id}`, uploadedBy: x.createdBy, owner: { type: 'application', id: x._id } })
    await t.storage.put(`matrix/${x._id}`, Buffer.from('%PDF-1.4'))
    await models.Application.updateOne({ _id: x._id }, { $set: { 'content.attachments': [{ attachmentId: file._id.toHexString(), title: '材料' }] } })
    attachmentId = file._id.toHexString()
    deliberationId = (
      await models.Deliberation.create({ callId: callDoc._id, round: 'material', date: '2026-01-01', attendeeIds: [people.committee_chair.expert._id], items: [], createdBy: x.createdBy, slot: 'draft' })
    )._id.toHexString()
    const someone = x.createdBy
    objectionId = (
      await models.Objection.create({
        receiptNumber: `YY-MATRIX-${callId}`,
        publicityId: x._id,
        callId: callDoc._id,
        entryId: x._id,
        applicationId: x._id,
        filedBy: someone,
        idempotencyKey: 'matrix-objection',
        filedAt: new Date(),
        objector: { kind: 'person', realName: '矩阵测试', phone: '13800000000' },
        grounds: '矩阵测试的异议理由，内容足够长以通过校验。',
        moderation: 'passed',
        state: 'committee_review',
      })
    )._id.toHexString()
    removalId = (
      await models.Removal.create({
        listedExperienceId: x._id,
        callId: callDoc._id,
        reasonType: 'fraud',
        facts: '矩阵测试的移除事实，内容足够长以通过校验。',
        proposal: { by: someone, name: '办公室', at: new Date() },
        history: [{ state: 'proposed', at: new Date() }],
      })
    )._id.toHexString()
  })

  const request = (name: string, column: CallColumn) => {
    const token = tokens.get(column)!
    switch (name) {
      case 'acceptPledge':
        return call(t, 'POST', `/api/expert/calls/${callId}/pledge`, { token })
      case 'getCommitteeOverview':
        return call(t, 'GET', `/api/committee/calls/${callId}`, { token })
      case 'listMyAssignments':
        return call(t, 'GET', `/api/expert/calls/${callId}/assignments`, { token })
      case 'getMyAssignment':
        return call(t, 'GET', `/api/expert/assignments/${assignmentId}`, { token })
      case 'createAssignmentFileLink':
        return call(t, 'POST', `/api/expert/assignments/${assignmentId}/files/${attachmentId}/link`, { token })
      case 'downloadAssignedFile':
        return call(t, 'GET', fileUrl, { token })
      case 'listDeclarableApplications':
        return call(t, 'GET', `/api/expert/calls/${callId}/applications`, { token })
      case 'getRoundRanking':
        return call(t, 'GET', `/api/review/calls/${callId}/rounds/material/ranking`, { token })
      case 'declareConflict':
        return call(t, 'POST', `/api/expert/calls/${callId}/conflicts`, { token, body: { applicationId: declareOn, reason: '矩阵测试回避' } })
      case 'getDeliberationForSigning':
        return call(t, 'GET', `/api/expert/deliberations/${deliberationId}`, { token })
      case 'getObjectionToDecide':
        return call(t, 'GET', `/api/expert/objections/${objectionId}`, { token })
      case 'getRemovalToConfirm':
        return call(t, 'GET', `/api/expert/removals/${removalId}`, { token })
      case 'getRoundProgress':
        return call(t, 'GET', `/api/review/calls/${callId}/rounds/material/progress`, { token })
      case 'listMyScoreStates':
        return call(t, 'GET', `/api/expert/calls/${callId}/scores`, { token })
      case 'getMyScore':
        return call(t, 'GET', `/api/expert/assignments/${assignmentId}/scores/material`, { token })
      case 'saveScoreDraft':
        return call(t, 'PUT', `/api/expert/assignments/${assignmentId}/score`, { token, body: { round: 'material', points: { scientific: 10 } } })
      case 'submitScore':
        return call(t, 'POST', `/api/expert/assignments/${assignmentId}/score/submit`, { token, body: MATRIX_SCORE })
      case 'reopenScore':
        return reopenFreshScore(token)
      case 'getAssignmentSimilarity':
        return call(t, 'GET', `/api/expert/assignments/${assignmentId}/similarity`, { token })
      case 'getGroupSimilarity':
        return call(t, 'GET', `/api/review/calls/${callId}/similarity-flags`, { token })
    }
    throw new Error(name)
  }

  const MATRIX_SCORE = { round: 'material', points: { scientific: 10, innovative: 10, systematic: 10, exemplary: 10, effective: 10, developmental: 10 }, comment: '矩阵测试评语：方法运用系统完整，成效数据可信，具有示范意义。' }
  /** Each cell reopens a submitted score: one reopened by an earlier cell is submitted again first. */
  async function reopenFreshScore(token: string) {
    const score = (await t.db.models.Score.findOne({ assignmentId, round: 'material' }).lean())!
    if (score.state !== 'submitted') {
      expect((await call(t, 'POST', `/api/expert/assignments/${assignmentId}/score/submit`, { token: tokens.get('assigned_expert')!, body: MATRIX_SCORE })).status).toBe(200)
    }
    return call(t, 'POST', `/api/review/scores/${score._id}/reopen`, { token, body: { reason: '矩阵测试退回修改' } })
  }

  test('each per-call role reaches exactly the committee routes its rule allows, on real resources', async () => {
    const actual: Record<string, CallColumn[]> = {}
    for (const name of Object.keys(EXPECTED_PER_CALL)) {
      if (name === 'downloadAssignedFile') {
        // The link the assigned expert made: bound to them.
        fileUrl = (await request('createAssignmentFileLink', 'assigned_expert')).body.url
      }
      actual[name] = []
      for (const column of COLUMNS) {
        const res = await request(name, column)
        if (res.status >= 200 && res.status < 300) actual[name]!.push(column)
        else expect([403, 404]).toContain(res.status)
      }
    }
    expect(actual).toEqual(EXPECTED_PER_CALL)
  })

  test('an expert’s list holds exactly their own assignments', async () => {
    for (const column of COMMITTEE) {
      const res = await call(t, 'GET', `/api/expert/calls/${callId}/assignments`, { token: tokens.get(column)! })
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual(column === 'assigned_expert' ? [assignmentId] : [])
    }
  })
})
