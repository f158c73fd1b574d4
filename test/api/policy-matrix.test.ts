import type { Role } from '@zlbg/shared'
import { createApp, servedRoutes } from '../../server/src/app'
import { createLogger } from '../../server/src/logger'
import { createWeChatClient } from '../../server/src/wechat/client'
import { browserUser, call, wechatUser } from '../support/api'
import { startTestServer, testStorage, type TestServer } from '../support/server'

/**
 * The route × role matrix, read from the router itself: a route added without an entry here (and
 * a policy rule) fails this test. Each cell is a real request; "allowed" means the policy let it
 * through (any answer but 401/403 from the policy check), since the check comes before validation.
 *
 * committee_chair / committee_vice_chair come from committee membership (a later issue) and
 * `system` is scheduled work: neither can sign in yet, so they have no column.
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
  // Last: it ends the session it is called with.
  logout: SIGNED_IN,
}

let t: TestServer
const tokens = new Map<Column, string | undefined>()

/** The routes the app's router serves (an app like the test server's, on the same database). */
const served = () =>
  servedRoutes(
    createApp({
      config: { CORS_ORIGINS: [], BODY_LIMIT: '1mb', H5_DIST: '', SESSION_TTL_HOURS: 1 },
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
  const listed = await wechatUser(t)
  const org = await call(t, 'POST', '/api/organizations', { token: listed.token, body: { name: '入选组织' } })
  await t.db.models.Organization.updateOne({ _id: org.body.id }, { $set: { listed: true } })
  tokens.set('listed_org_member', listed.token)
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
    const path = route.path.replace(/:\w+/g, '0123456789abcdef01234567')
    actual[route.name] = []
    for (const role of EVERYONE) {
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
})
