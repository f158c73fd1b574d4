import ExcelJS from 'exceljs'
import { AUDIT_ACTION_LABELS, AUDIT_RESOURCE_LABELS, formatDateTime, ROUTES, type AuditRecordView } from '@zlbg/shared'
import { browserUser, call, PASSWORD, wechatUser, failure } from '../support/api'
import { startTestServer, type TestServer } from '../support/server'

/**
 * The append-only audit log: who (user, name, roles, IP), when, what (action, resource), from → to,
 * why. Every state change writes one; the office reads and exports it; nobody edits or deletes it.
 */
let t: TestServer
let office: Awaited<ReturnType<typeof browserUser>>
beforeAll(async () => {
  t = await startTestServer('audit')
  office = await browserUser(t, ['office'], { displayName: '审计办公室' })
})
afterAll(() => t.close())
// Every request comes from 127.0.0.1: keep the per-IP limits per test.
beforeEach(() => t.db.models.Counter.deleteMany({}))

const IP = '127.0.0.1'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const HEADER = ['时间（北京时间）', '操作人', '操作人编号', '角色', 'IP', '操作', '对象类型', '对象编号', '原状态', '新状态', '原因']
type Who = { id: string; token: string }

async function audit(qs: string, token = office.token) {
  const res = await call<{ items: AuditRecordView[]; total: number; page: number; pageSize: number }>(t, 'GET', `/api/audit?${qs}`, { token })
  expect(res.status).toBe(200)
  return res.body
}
/** The one record a filter names. */
async function single(qs: string) {
  const page = await audit(qs)
  expect(page.items).toHaveLength(1)
  expect(page.total).toBe(1)
  return page.items[0]!
}
const actorOf = (who: Who, displayName: string, roles: string[]) => ({ userId: who.id, displayName, roles, ip: IP })

let seq = 0
const uniq = (prefix: string) => `${prefix}${++seq}x${Date.now() % 100000}`
async function officeCreates(roles: string[] = ['expert'], displayName = '被审计账号') {
  const res = await call(t, 'POST', '/api/users', { token: office.token, body: { username: uniq('aud'), displayName, roles } })
  expect(res.status).toBe(201)
  return { id: res.body.user.id as string, code: res.body.invite.code as string, username: res.body.user.username as string }
}

interface Case {
  /** The filter that picks out the record. */
  filter: string
  expected: Omit<AuditRecordView, 'id' | 'at'>
}

describe('every state change writes one record: who, what, from → to, why', () => {
  const OFFICE = () => actorOf(office, '审计办公室', ['office'])

  const cases: [string, () => Promise<Case>][] = [
    ['WeChat sign-in (session.start)', async () => {
      const p = await wechatUser(t)
      return {
        filter: `action=session.start&actorId=${p.id}`,
        expected: {
          actor: actorOf(p, p.session.me.displayName, ['wechat_user']),
          action: 'session.start',
          resource: { type: 'user', id: p.id },
          reason: '微信登录',
        },
      }
    }],
    ['password sign-in (session.start)', async () => {
      const u = await browserUser(t, ['expert'], { displayName: '审计专家' })
      return {
        filter: `action=session.start&actorId=${u.id}`,
        expected: { actor: actorOf(u, '审计专家', ['expert']), action: 'session.start', resource: { type: 'user', id: u.id }, reason: '密码登录' },
      }
    }],
    ['logout (session.end)', async () => {
      const u = await browserUser(t, ['approver'], { displayName: '审批人' })
      expect((await call(t, 'POST', '/api/auth/logout', { token: u.token })).status).toBe(204)
      return {
        filter: `action=session.end&actorId=${u.id}`,
        expected: { actor: actorOf(u, '审批人', ['approver']), action: 'session.end', resource: { type: 'user', id: u.id } },
      }
    }],
    ['the office creates an account (user.create)', async () => {
      const created = await officeCreates(['expert', 'approver'])
      return {
        filter: `action=user.create&resourceId=${created.id}`,
        expected: { actor: OFFICE(), action: 'user.create', resource: { type: 'user', id: created.id }, to: 'expert,approver' },
      }
    }],
    ['an invite is accepted (user.setPassword)', async () => {
      const created = await officeCreates(['expert'], '受邀人')
      const accepted = await call(t, 'POST', '/api/auth/invite', { body: { code: created.code, password: PASSWORD } })
      expect(accepted.status).toBe(200)
      return {
        filter: `action=user.setPassword&resourceId=${created.id}`,
        expected: {
          actor: { userId: created.id, displayName: '受邀人', roles: ['expert'], ip: IP },
          action: 'user.setPassword',
          resource: { type: 'user', id: created.id },
          reason: '使用邀请码',
        },
      }
    }],
    ['roles are set (user.setRoles, from → to)', async () => {
      const u = await browserUser(t, ['expert'])
      expect((await call(t, 'PUT', `/api/users/${u.id}/roles`, { token: office.token, body: { roles: ['expert', 'approver'] } })).status).toBe(200)
      return {
        filter: `action=user.setRoles&resourceId=${u.id}`,
        expected: { actor: OFFICE(), action: 'user.setRoles', resource: { type: 'user', id: u.id }, from: 'expert', to: 'expert,approver' },
      }
    }],
    ['an account is disabled (user.disable, with the reason)', async () => {
      const u = await browserUser(t, ['expert'])
      await call(t, 'POST', `/api/users/${u.id}/disable`, { token: office.token, body: { reason: '专家申请退出专家库' } })
      return {
        filter: `action=user.disable&resourceId=${u.id}`,
        expected: {
          actor: OFFICE(),
          action: 'user.disable',
          resource: { type: 'user', id: u.id },
          from: 'active',
          to: 'disabled',
          reason: '专家申请退出专家库',
        },
      }
    }],
    ['an account is enabled (user.enable)', async () => {
      const u = await browserUser(t, ['expert'])
      await call(t, 'POST', `/api/users/${u.id}/disable`, { token: office.token, body: { reason: '暂停' } })
      await call(t, 'POST', `/api/users/${u.id}/enable`, { token: office.token })
      return {
        filter: `action=user.enable&resourceId=${u.id}`,
        expected: { actor: OFFICE(), action: 'user.enable', resource: { type: 'user', id: u.id }, from: 'disabled', to: 'active' },
      }
    }],
    ['a password is reset (user.resetPassword)', async () => {
      const u = await browserUser(t, ['expert'])
      expect((await call(t, 'POST', `/api/users/${u.id}/reset-password`, { token: office.token })).status).toBe(200)
      return {
        filter: `action=user.resetPassword&resourceId=${u.id}`,
        expected: { actor: OFFICE(), action: 'user.resetPassword', resource: { type: 'user', id: u.id } },
      }
    }],
    ['a password is changed (user.changePassword)', async () => {
      const u = await browserUser(t, ['expert'], { displayName: '改密专家' })
      const res = await call(t, 'POST', '/api/me/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: 'Changed2026pw' } })
      expect(res.status).toBe(204)
      return {
        filter: `action=user.changePassword&resourceId=${u.id}`,
        expected: { actor: actorOf(u, '改密专家', ['expert']), action: 'user.changePassword', resource: { type: 'user', id: u.id } },
      }
    }],
    ['a bind code is issued (user.bindCode)', async () => {
      const u = await browserUser(t, ['expert'], { displayName: '绑定专家' })
      expect((await call(t, 'POST', '/api/me/bind-code', { token: u.token })).status).toBe(201)
      return {
        filter: `action=user.bindCode&resourceId=${u.id}`,
        expected: { actor: actorOf(u, '绑定专家', ['expert']), action: 'user.bindCode', resource: { type: 'user', id: u.id } },
      }
    }],
    ['WeChat is bound to a browser account (user.bindWeChat, from → to)', async () => {
      const browser = await browserUser(t, ['expert'])
      const phone = await wechatUser(t)
      const code = (await call(t, 'POST', '/api/me/bind-code', { token: browser.token })).body.code
      expect((await call(t, 'POST', '/api/me/bind', { token: phone.token, body: { code, confirm: true } })).status).toBe(200)
      return {
        filter: `action=user.bindWeChat&resourceId=${browser.id}`,
        expected: {
          actor: actorOf(phone, phone.session.me.displayName, ['wechat_user']),
          action: 'user.bindWeChat',
          resource: { type: 'user', id: browser.id },
          from: phone.id,
          to: browser.id,
          reason: '微信端输入绑定码',
        },
      }
    }],
    ['an organization is created (organization.create)', async () => {
      const p = await wechatUser(t)
      const org = await call(t, 'POST', '/api/organizations', { token: p.token, body: { name: '审计测试公司' } })
      return {
        filter: `action=organization.create&resourceId=${org.body.id}`,
        expected: { actor: actorOf(p, p.session.me.displayName, ['wechat_user']), action: 'organization.create', resource: { type: 'organization', id: org.body.id } },
      }
    }],
    ['a member invite is issued (organization.invite)', async () => {
      const p = await wechatUser(t)
      const org = await call(t, 'POST', '/api/organizations', { token: p.token, body: { name: '邀请审计公司' } })
      expect((await call(t, 'POST', `/api/organizations/${org.body.id}/invites`, { token: p.token })).status).toBe(201)
      return {
        filter: `action=organization.invite&resourceId=${org.body.id}`,
        expected: {
          actor: actorOf(p, p.session.me.displayName, ['wechat_user', 'org_member']),
          action: 'organization.invite',
          resource: { type: 'organization', id: org.body.id },
        },
      }
    }],
    ['someone joins (organization.join)', async () => {
      const p = await wechatUser(t)
      const org = await call(t, 'POST', '/api/organizations', { token: p.token, body: { name: '加入审计公司' } })
      const code = (await call(t, 'POST', `/api/organizations/${org.body.id}/invites`, { token: p.token })).body.code
      const q = await wechatUser(t)
      expect((await call(t, 'POST', '/api/organizations/join', { token: q.token, body: { code } })).status).toBe(200)
      return {
        filter: `action=organization.join&resourceId=${org.body.id}`,
        expected: { actor: actorOf(q, q.session.me.displayName, ['wechat_user']), action: 'organization.join', resource: { type: 'organization', id: org.body.id } },
      }
    }],
    ['a member leaves (organization.leave)', async () => {
      const p = await wechatUser(t)
      const org = await call(t, 'POST', '/api/organizations', { token: p.token, body: { name: '退出审计公司' } })
      expect((await call(t, 'POST', `/api/organizations/${org.body.id}/leave`, { token: p.token })).status).toBe(204)
      return {
        filter: `action=organization.leave&resourceId=${org.body.id}`,
        expected: {
          actor: actorOf(p, p.session.me.displayName, ['wechat_user', 'org_member']),
          action: 'organization.leave',
          resource: { type: 'organization', id: org.body.id },
        },
      }
    }],
  ]

  test.each(cases)('%s', async (_label, act) => {
    const before = Date.now()
    const { filter, expected } = await act()
    const record = await single(filter)
    expect(record).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), at: expect.any(String), ...expected })
    expect(Date.parse(record.at)).toBeGreaterThanOrEqual(before - 5)
    expect(Date.parse(record.at)).toBeLessThanOrEqual(Date.now() + 5)
  })

  test('a refused change writes nothing; disabling an already disabled account writes no second record', async () => {
    const admin = await browserUser(t, ['office', 'admin'])
    const denied = await call(t, 'PUT', `/api/users/${admin.id}/roles`, { token: office.token, body: { roles: ['expert'] } })
    expect(denied.status).toBe(403)
    expect((await audit(`action=user.setRoles&resourceId=${admin.id}`)).total).toBe(0)

    const u = await browserUser(t, ['expert'])
    await call(t, 'POST', `/api/users/${u.id}/disable`, { token: office.token, body: { reason: '第一次' } })
    await call(t, 'POST', `/api/users/${u.id}/disable`, { token: office.token, body: { reason: '第二次' } })
    expect((await audit(`action=user.disable&resourceId=${u.id}`)).items.map((r) => r.reason)).toEqual(['第一次'])
  })
})

describe('GET /api/audit — filters and pages', () => {
  let clerk: Awaited<ReturnType<typeof browserUser>>
  const created: string[] = []
  let orgId: string
  beforeAll(async () => {
    clerk = await browserUser(t, ['office'], { displayName: '筛选办公室' })
    for (let i = 0; i < 3; i++) {
      const res = await call(t, 'POST', '/api/users', { token: clerk.token, body: { username: uniq('flt'), displayName: `筛选${i}`, roles: ['expert'] } })
      created.push(res.body.user.id)
    }
    const founder = await wechatUser(t)
    orgId = (await call(t, 'POST', '/api/organizations', { token: founder.token, body: { name: '筛选公司' } })).body.id
    await call(t, 'POST', `/api/organizations/${orgId}/invites`, { token: founder.token })
    // Records of known instants, for the time range (written straight to the collection).
    await t.db.models.Audit.insertMany(
      ['2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-02T23:59:59.999Z', '2020-01-03T00:00:00Z'].map((at) => ({
        at: new Date(at),
        actor: { roles: ['system'] },
        action: 'test.timed',
        resource: { type: 'test', id: at },
      })),
    )
  })

  test('actorId: everything one person did, newest first (the sign-in, then three creations)', async () => {
    const page = await audit(`actorId=${clerk.id}`)
    expect(page).toMatchObject({ page: 1, pageSize: 10, total: 4 })
    expect(page.items.map((r) => [r.action, r.resource.id])).toEqual([
      ['user.create', created[2]],
      ['user.create', created[1]],
      ['user.create', created[0]],
      ['session.start', clerk.id],
    ])
    expect(ROUTES.listAudit.response.safeParse(page).success).toBe(true)
  })

  test.each([
    ['action=user.create', ['user.create', 'user.create', 'user.create']],
    ['action=session.start', ['session.start']],
    ['resourceType=user', ['user.create', 'user.create', 'user.create', 'session.start']],
    ['resourceType=organization', []],
    ['action=user.disable', []],
  ])('actorId plus %s', async (qs, actions) => {
    const page = await audit(`actorId=${clerk.id}&${qs}`)
    expect(page.items.map((r) => r.action)).toEqual(actions)
    expect(page.total).toBe(actions.length)
  })

  test('resourceType + resourceId: the history of one object, whoever acted', async () => {
    const page = await audit(`resourceType=organization&resourceId=${orgId}`)
    expect(page.items.map((r) => r.action)).toEqual(['organization.invite', 'organization.create'])
    expect((await audit(`resourceId=${created[1]}`)).items.map((r) => [r.action, r.actor.userId])).toEqual([['user.create', clerk.id]])
  })

  test.each([
    ['page=1&pageSize=2', [2, 1]],
    ['page=2&pageSize=2', [0]],
    ['page=3&pageSize=2', []],
  ])('pages: %s', async (qs, which) => {
    const page = await audit(`actorId=${clerk.id}&action=user.create&${qs}`)
    expect(page.total).toBe(3)
    expect(page.items.map((r) => r.resource.id)).toEqual(which.map((i) => created[i]))
  })

  test.each([
    ['from=2020-01-02T00:00:00Z', ['2020-01-03T00:00:00Z', '2020-01-02T23:59:59.999Z', '2020-01-02T00:00:00Z']],
    ['to=2020-01-02T00:00:00Z', ['2020-01-01T00:00:00Z']],
    ['from=2020-01-02T00:00:00Z&to=2020-01-03T00:00:00Z', ['2020-01-02T23:59:59.999Z', '2020-01-02T00:00:00Z']],
    // The same instants written in Beijing time.
    ['from=2020-01-02T08:00:00%2B08:00&to=2020-01-03T08:00:00%2B08:00', ['2020-01-02T23:59:59.999Z', '2020-01-02T00:00:00Z']],
  ])('time range (from inclusive, to exclusive): %s', async (qs, ids) => {
    const page = await audit(`action=test.timed&${qs}`)
    expect(page.items.map((r) => r.resource.id)).toEqual(ids)
    expect(page.total).toBe(ids.length)
  })

  test.each([
    ['actorId=nobody', 'query.actorId', '用户编号格式不正确'],
    ['from=yesterday', 'query.from', expect.stringMatching(/[\u4e00-\u9fa5]/)],
    ['sort=at', 'query.sort', '不允许的字段「sort」'],
  ])('a bad filter (%s) is 400 with a Chinese message at %s', async (qs, path, message) => {
    const res = await call(t, 'GET', `/api/audit?${qs}`, { token: office.token })
    expect(res.status).toBe(400)
    expect(res.body).toEqual(failure('VALIDATION_FAILED', { fields: [{ path, message }] }))
  })
})

describe('GET /api/audit/export — xlsx', () => {
  async function download(qs: string, token = office.token) {
    const res = await fetch(`${t.base}/api/audit/export?${qs}`, { headers: { authorization: `Bearer ${token}` } })
    // ExcelJS reads an ArrayBuffer (its own `Buffer` type); keep both views.
    const data = await res.arrayBuffer()
    return { status: res.status, headers: res.headers, data, body: Buffer.from(data) }
  }

  test('a real workbook: Chinese header row, one row per matching record (newest first); the export is itself recorded', async () => {
    const clerk = await browserUser(t, ['office'], { displayName: '导出办公室' })
    for (let i = 0; i < 2; i++) {
      await call(t, 'POST', '/api/users', { token: clerk.token, body: { username: uniq('exp'), displayName: `导出${i}`, roles: ['expert'] } })
    }
    const u = await browserUser(t, ['expert'])
    await call(t, 'POST', `/api/users/${u.id}/disable`, { token: clerk.token, body: { reason: '导出测试原因' } })
    const listed = await audit(`actorId=${clerk.id}`)
    expect(listed.total).toBe(4)

    const file = await download(`actorId=${clerk.id}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe(XLSX)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"$/)
    expect(file.body.subarray(0, 2).toString()).toBe('PK')

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.data)
    const sheet = book.getWorksheet('审计日志')!
    expect(sheet).toBeDefined()
    expect(sheet.rowCount).toBe(1 + listed.total)
    const text = (n: number) => HEADER.map((_h, i) => sheet.getRow(n).getCell(i + 1).text)
    expect(text(1)).toEqual(HEADER)
    listed.items.forEach((r, i) => {
      expect(text(i + 2)).toEqual([
        formatDateTime(r.at),
        '导出办公室',
        clerk.id,
        'office',
        IP,
        AUDIT_ACTION_LABELS[r.action] ?? r.action,
        AUDIT_RESOURCE_LABELS[r.resource.type] ?? r.resource.type,
        r.resource.id ?? '',
        r.from ?? '',
        r.to ?? '',
        r.reason ?? '',
      ])
    })
    expect(text(2).slice(5)).toEqual(['停用账号', '账号', u.id, 'active', 'disabled', '导出测试原因'])

    // Exporting is a sensitive read: recorded with who and how many rows.
    const exported = await single(`action=audit.export&actorId=${office.id}&from=${encodeURIComponent(listed.items[0]!.at)}`)
    expect(exported).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      actor: actorOf(office, '审计办公室', ['office']),
      action: 'audit.export',
      resource: { type: 'audit' },
      reason: '4 条',
    })
  })

  test('an export matching nothing is a workbook with the header row only', async () => {
    const file = await download('action=no.such.action')
    expect(file.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file.data)
    const sheet = book.getWorksheet('审计日志')!
    expect(sheet.rowCount).toBe(1)
    expect(HEADER.map((_h, i) => sheet.getRow(1).getCell(i + 1).text)).toEqual(HEADER)
  })
})

describe('append-only: no route edits or deletes an audit record', () => {
  test('the route table has only the two reads under /api/audit', () => {
    const audits = Object.values(ROUTES)
      .filter((r) => r.path.startsWith('/api/audit'))
      .map((r) => `${r.method} ${r.path}`)
    expect(audits.sort()).toEqual(['get /api/audit', 'get /api/audit/export'])
  })

  test.each([
    ['PUT', '/api/audit', 405],
    ['PATCH', '/api/audit', 405],
    ['DELETE', '/api/audit', 405],
    ['POST', '/api/audit', 405],
    ['DELETE', '/api/audit/export', 405],
    ['GET', '/api/audit/:id', 404],
    ['PUT', '/api/audit/:id', 404],
    ['PATCH', '/api/audit/:id', 404],
    ['DELETE', '/api/audit/:id', 404],
  ])('%s %s answers %d, even for the office, and the record stays as it was', async (method, path, status) => {
    const target = (await audit('pageSize=1')).items[0]!
    const stored = await t.db.models.Audit.findById(target.id).lean()
    const count = await t.db.models.Audit.countDocuments()
    const res = await call(t, method, path.replace(':id', target.id), {
      token: office.token,
      ...(method === 'GET' ? {} : { body: { action: 'forged', reason: '篡改' } }),
    })
    expect(res.status).toBe(status)
    expect(res.body).toEqual(status === 405 ? failure('METHOD_NOT_ALLOWED') : failure('NOT_FOUND'))
    if (status === 405) expect(res.headers.get('allow')).toContain('GET')
    expect(await t.db.models.Audit.countDocuments()).toBe(count)
    expect(await t.db.models.Audit.findById(target.id).lean()).toEqual(stored)
  })
})

describe('who may read the log', () => {
  test.each([
    ['an expert', () => browserUser(t, ['expert'])],
    ['an approver', () => browserUser(t, ['approver'])],
    ['a WeChat user', () => wechatUser(t)],
  ])('%s gets 403 FORBIDDEN for the list and the export', async (_label, who) => {
    const { token } = await who()
    for (const path of ['/api/audit', '/api/audit/export']) {
      const res = await call(t, 'GET', path, { token })
      expect([path, res.status, res.body]).toEqual([path, 403, failure('FORBIDDEN')])
    }
  })

  test('anonymous gets 401 UNAUTHENTICATED for the list and the export', async () => {
    for (const path of ['/api/audit', '/api/audit/export']) {
      const res = await call(t, 'GET', path)
      expect([path, res.status, res.body]).toEqual([path, 401, failure('UNAUTHENTICATED')])
    }
  })

  test('第十三条: an applicant cannot read the audit of its own actions (listed or not), while the office can', async () => {
    const applicant = await wechatUser(t)
    const org = await call(t, 'POST', '/api/organizations', { token: applicant.token, body: { name: '保密测试申报组织' } })
    await call(t, 'POST', `/api/organizations/${org.body.id}/invites`, { token: applicant.token })
    for (const listed of [false, true]) {
      await t.db.models.Organization.updateOne({ _id: org.body.id }, { $set: { listed } })
      expect((await call(t, 'GET', '/api/me', { token: applicant.token })).body.roles).toEqual(
        listed ? ['wechat_user', 'org_member', 'listed_org_member'] : ['wechat_user', 'org_member'],
      )
      for (const qs of [`actorId=${applicant.id}`, `resourceType=organization&resourceId=${org.body.id}`]) {
        for (const path of ['/api/audit', '/api/audit/export']) {
          const res = await call(t, 'GET', `${path}?${qs}`, { token: applicant.token })
          expect([path, qs, res.status, res.body]).toEqual([path, qs, 403, failure('FORBIDDEN')])
        }
      }
    }
    expect((await audit(`actorId=${applicant.id}`)).items.map((r) => r.action)).toEqual([
      'organization.invite',
      'organization.create',
      'session.start',
    ])
  })
})
